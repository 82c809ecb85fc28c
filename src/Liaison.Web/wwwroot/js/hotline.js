// Live hotline pages (Pages/Hotline): countdowns that tick every second, and entries pushed by the hub at
// /hubs/hotline (HotlineHub) applied to the page as they arrive. Deadlines always come from the server; the browser's
// clock is used only to count, corrected by how far it was from the server's clock when the page was made.
// Text written by people is only ever set with textContent, in elements with dir="auto" and its lang.
(function () {
    "use strict";

    const root = document.getElementById("hotline");
    if (!root) {
        return;
    }

    const serverNow = Date.parse(root.dataset.serverNow);
    const clockOffset = Number.isNaN(serverNow) ? 0 : serverNow - Date.now();
    const now = () => Date.now() + clockOffset;
    const pad = (n) => String(n).padStart(2, "0");

    // The same text as HotlineDisplay.Countdown on the server.
    function countdown(deadline, at) {
        const left = deadline - at;
        const total = Math.floor(Math.abs(left) / 1000);
        const days = Math.floor(total / 86400);
        const hours = Math.floor(total / 3600) % 24;
        const minutes = Math.floor(total / 60) % 60;
        const seconds = total % 60;
        const text = days > 0
            ? `${days} d ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`
            : hours > 0 ? `${hours} h ${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
        return left <= 0 ? `overdue ${text}` : `${text} left`;
    }

    function iso(instant) {
        return new Date(instant).toISOString();
    }

    function utc(instant) {
        return new Date(instant).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
    }

    function tick() {
        const at = now();
        for (const element of document.querySelectorAll("[data-deadline]")) {
            const deadline = Date.parse(element.dataset.deadline);
            element.textContent = countdown(deadline, at);
            element.classList.toggle("overdue", deadline <= at);
            element.classList.toggle("due-soon", deadline > at && deadline - at <= 60000);
        }
    }

    tick();
    setInterval(tick, 1000);

    function el(tag, attributes, ...children) {
        const element = document.createElement(tag);
        for (const [name, value] of Object.entries(attributes || {})) {
            if (value !== null && value !== undefined) {
                element.setAttribute(name, value);
            }
        }

        for (const child of children) {
            element.append(child);
        }

        return element;
    }

    function time(instant) {
        return el("time", { datetime: iso(instant) }, utc(instant));
    }

    const announcer = document.getElementById("live-announce");
    function announce(text) {
        if (announcer) {
            announcer.textContent = text;
        }
    }

    // The Acknowledge button of a recipient that is the viewer's party, as _Recipients.cshtml writes it.
    function ackAction(seq) {
        return el("span", { class: "ack-action", "data-role": "ack-action" },
            el("button", { type: "button", class: "ack", "data-action": "ack", "data-seq": String(seq), "data-testid": "ack" }, "Acknowledge"),
            " ",
            el("span", { class: "action-error", role: "alert", "data-role": "action-error", hidden: "" }));
    }

    // A new message on the channel shown: a row like the server's, with one recipient per party of the channel other
    // than the sender's (every party, when the convener sends).
    function addRow(e) {
        const rows = document.getElementById("inbox-rows");
        if (!rows || rows.querySelector(`[data-seq="${e.seq}"]`)) {
            return;
        }

        const precedence = `prec-${e.precedence.toLowerCase()}`;
        const link = (child) => el("a", { href: `/Hotline/Message?seq=${e.seq}` }, child);
        const parties = (root.dataset.channelParties || "").split(" ").filter((p) => p && p !== e.sender);
        const recipients = el("ul", { class: "recipients" });
        for (const party of parties) {
            const when = el("span", { "data-role": "when" }, "deadline ", time(Date.parse(e.deadline)), " ",
                el("span", { class: "countdown", "data-deadline": e.deadline }, countdown(Date.parse(e.deadline), now())));
            const item = el("li", { class: "recipient status-sent", "data-party": party },
                el("strong", {}, party), " ", el("span", { class: "status", "data-role": "status" }, "sent"), " ", when);
            if (party === root.dataset.party && root.dataset.mayAck === "true") {
                item.append(" ", ackAction(e.seq));
            }

            recipients.append(item);
        }

        const row = el("tr", { class: `message ${precedence} arrived`, "data-seq": String(e.seq), "data-sent": e.at, "data-ack-deadline": e.deadline, "data-testid": "message" },
            el("td", {}, link(`#${e.seq}`)),
            el("td", {}, el("span", { class: `prec ${precedence}` }, e.precedence)),
            el("td", {}, link(el("span", { dir: "auto", lang: e.lang, class: "user-text" }, e.subject))),
            el("td", {}, e.author, " ", el("span", { class: "muted" }, e.sender)),
            el("td", {}, time(Date.parse(e.at))),
            el("td", {}, recipients));
        rows.prepend(row);
        document.getElementById("inbox-empty")?.remove();
    }

    // A step of a message for one recipient party: delivered, acknowledged, escalated or missed. Escalations and misses
    // of a reply deadline (a request for explanation) leave the acknowledgement status as it is.
    function updateRecipient(e) {
        for (const message of document.querySelectorAll(`[data-seq="${e.messageSeq}"]`)) {
            const recipient = message.querySelector(`.recipient[data-party="${e.party}"]`);
            const aboutReply = e.type.startsWith("hotline.") && Date.parse(e.deadline) !== Date.parse(message.dataset.ackDeadline);
            if (!recipient || aboutReply || recipient.classList.contains("status-acknowledged")) {
                continue;
            }

            recipient.className = `recipient status-${e.status}`;
            recipient.querySelector('[data-role="status"]').textContent = e.status;
            const when = recipient.querySelector('[data-role="when"]');
            if (e.type === "message.delivered") {
                recipient.querySelector('[data-role="delivered"]')?.remove();
                when.before(el("span", { class: "muted", "data-role": "delivered" }, "(received by a client at ", time(Date.parse(e.at)), ") "));
            } else if (e.type === "message.ack") {
                recipient.querySelector('[data-role="delivered"]')?.remove();
                recipient.querySelector('[data-role="ack-action"]')?.remove();
                when.replaceChildren("at ", time(Date.parse(e.at)), ` by ${e.author}`);
                if (e.late) {
                    when.append(" ", el("span", { class: "late" }, "late"));
                }
            } else if (e.type === "hotline.escalate") {
                // Missed at twice the deadline: sent + 2 × (deadline − sent).
                const missAt = iso(2 * Date.parse(message.dataset.ackDeadline) - Date.parse(message.dataset.sent));
                when.replaceChildren("missed at ", time(Date.parse(missAt)), " ", el("span", { class: "countdown", "data-deadline": missAt }, countdown(Date.parse(missAt), now())));
            } else if (e.type === "hotline.miss") {
                when.replaceChildren("at ", time(Date.parse(e.at)));
            }
        }
    }

    function updateLinkTest(e) {
        if (e.channel !== root.dataset.channel) {
            return;
        }

        const meaning = {
            "no-answer": "no answer: no client of the party received it",
            "answered": "received by a client, not acknowledged by anyone",
            "acknowledged": "acknowledged",
        };
        if (e.type === "linktest.send") {
            document.querySelector('[data-role="link-test-when"]')?.replaceChildren(`#${e.seq} at `, time(Date.parse(e.at)));
            for (const outcome of document.querySelectorAll('[data-link-party] [data-role="outcome"]')) {
                outcome.textContent = meaning["no-answer"];
            }
        } else {
            const outcome = document.querySelector(`[data-link-party="${e.party}"] [data-role="outcome"]`);
            if (outcome) {
                outcome.textContent = meaning[e.status] || e.status;
            }
        }
    }

    function updatePolitical(e) {
        if (e.channel !== root.dataset.channel) {
            return;
        }

        const item = document.querySelector(`[data-political-party="${e.party}"]`);
        if (item) {
            item.className = e.status;
            item.replaceChildren(el("strong", {}, e.party), ": ", el("span", { "data-role": "state" }, e.status), " ",
                el("span", { class: "muted" }, "since ", time(Date.parse(e.at))), " — ",
                el("span", { dir: "auto", class: "user-text", "data-role": "reason" }, e.reason || ""));
        }
    }

    function markTab(channel) {
        const tab = document.querySelector(`.tabs [data-channel="${channel}"]`);
        if (tab && !tab.classList.contains("current")) {
            tab.classList.add("has-new");
        }
    }

    function onEntry(e) {
        switch (e.type) {
            case "message.send":
                if (root.dataset.page === "inbox" && e.channel === root.dataset.channel) {
                    addRow(e);
                } else {
                    markTab(e.channel);
                }

                if (e.inReplyTo !== null) {
                    // A reply by a recipient party acknowledges the message it answers, if the party had not yet.
                    const original = document.querySelector(`[data-seq="${e.inReplyTo}"]`);
                    const late = original ? Date.parse(e.at) >= Date.parse(original.dataset.ackDeadline) : false;
                    updateRecipient({ type: "message.ack", messageSeq: e.inReplyTo, party: e.sender, status: "acknowledged", at: e.at, author: e.author, late });
                }

                announce(`New ${e.precedence} message #${e.seq} from ${e.sender} on ${e.channel}: ${e.subject}`);
                break;
            case "message.ack":
            case "message.delivered":
            case "hotline.escalate":
            case "hotline.miss":
                if (e.precedence === null) {
                    updateLinkTest(e);
                } else {
                    updateRecipient(e);
                }

                if (e.type === "hotline.escalate") {
                    announce(`Message #${e.messageSeq} escalated: ${e.party} did not acknowledge it in time`);
                }

                break;
            case "linktest.send":
            case "linktest.answer":
                updateLinkTest(e);
                break;
            case "channel.suspend":
            case "channel.resume":
                updatePolitical(e);
                announce(`${e.party} ${e.type === "channel.suspend" ? "suspended" : "resumed"} its participation in ${e.channel}`);
                break;
            default:
                break;
        }
    }

    // Acting from the page: acknowledging and replying are entries signed with this browser's key (signing.js). The
    // page shows the result at once; the hub's event for the same entry then finds it already applied.
    function describe(error) {
        if (error && error.title && error.detail && error.detail !== error.title) {
            return `${error.title}: ${error.detail}`;
        }

        return (error && error.message) || String(error);
    }

    function showError(holder, error) {
        const target = holder.querySelector('[data-role="action-error"]');
        if (target) {
            target.textContent = describe(error);
            target.hidden = false;
        }
    }

    async function acknowledge(button) {
        const seq = Number(button.dataset.seq);
        const holder = button.closest('[data-role="ack-action"]') || button.parentElement;
        holder.querySelector('[data-role="action-error"]')?.setAttribute("hidden", "");
        button.disabled = true;
        button.textContent = "Signing…";
        try {
            if (typeof LiaisonSigning === "undefined") {
                throw new Error("Signing is unavailable on this page: reload it.");
            }

            // The acknowledgement is addressed to exactly the message's audience, as the CLI's `ack` does.
            const inbox = await LiaisonSigning.api("GET", `/api/v1/hotline/messages?channel=${encodeURIComponent(root.dataset.channel)}`);
            const message = (inbox || []).find((m) => m.seq === seq);
            if (!message) {
                throw new Error(`Message #${seq} is not on your party's channels any more.`);
            }

            const result = await LiaisonSigning.submit({ type: "message.ack", audience: message.audience, body: { messageSeq: seq } });
            const user = await LiaisonSigning.me();
            updateRecipient({
                type: "message.ack",
                messageSeq: seq,
                party: root.dataset.party,
                status: "acknowledged",
                at: result.serverTime,
                author: user.userName,
                late: Date.parse(result.serverTime) >= Date.parse(message.acknowledgementDeadline),
            });
            announce(`Message #${seq} acknowledged: entry #${result.seq}`);
        } catch (error) {
            button.disabled = false;
            button.textContent = "Acknowledge";
            showError(holder, error);
        }
    }

    async function reply(form) {
        const button = form.querySelector('button[type="submit"]');
        const done = form.querySelector('[data-role="action-done"]');
        form.querySelector('[data-role="action-error"]')?.setAttribute("hidden", "");
        done?.setAttribute("hidden", "");
        button.disabled = true;
        try {
            if (typeof LiaisonSigning === "undefined") {
                throw new Error("Signing is unavailable on this page: reload it.");
            }

            const fields = new FormData(form);
            const seq = Number(form.dataset.seq);
            // The same fields as the CLI's `reply`: a message.send on the original's channel with template "reply".
            const result = await LiaisonSigning.submit({
                type: "message.send",
                audience: form.dataset.audience.split(" ").filter((p) => p),
                body: {
                    channel: form.dataset.channel,
                    precedence: String(fields.get("precedence")).toUpperCase(),
                    template: "reply",
                    subject: String(fields.get("subject")),
                    body: String(fields.get("body")),
                    lang: String(fields.get("lang")).trim(),
                    inReplyTo: seq,
                },
            });
            form.querySelector("textarea[name=body]").value = "";
            if (done) {
                done.replaceChildren("Reply sent as ", el("a", { href: `/Hotline/Message?seq=${result.seq}` }, `#${result.seq}`), ".");
                done.hidden = false;
            }
        } catch (error) {
            showError(form, error);
        } finally {
            button.disabled = false;
        }
    }

    root.addEventListener("click", (event) => {
        const button = event.target.closest('button[data-action="ack"]');
        if (button && !button.disabled) {
            acknowledge(button);
        }
    });
    for (const form of root.querySelectorAll("form.reply")) {
        form.addEventListener("submit", (event) => {
            event.preventDefault();
            reply(form);
        });
    }

    window.LiaisonLive.connect(root, "HotlineEntry", onEntry);
}());
