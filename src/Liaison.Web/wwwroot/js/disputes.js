// The dispute pages (Pages/Disputes): the list from GET /api/v1/disputes and one dispute from /api/v1/disputes/{id},
// with its ladder (working level → senior level → convener), the reply deadline counting down, claim, replies,
// escalations and finding on one timeline, and the steps the viewer may take (entry-forms.js signs them): the
// respondent replies, either side asks to escalate, the convener's mediator records the finding.
(function () {
    "use strict";

    const R = window.LiaisonRecords;
    if (!R) {
        return;
    }

    const { el } = R;

    function deadlineParts(d) {
        return [el("strong", {}, `${d.party} owes a ${d.kind} at the ${d.level} level`), " by ", R.time(d.due), " ", R.countdown(d.due),
            d.escalatesTo ? el("span", { class: "muted" }, ` (then it goes to the ${d.escalatesTo} level)`) : null];
    }

    function breachText(b) {
        return b.commitment ? `${b.commitment}${b.title ? ` — ${b.title}` : ""}` : (b.ref || "—");
    }

    async function list(root) {
        const parties = (root.dataset.parties || "").split(" ").filter(Boolean);
        const rows = document.getElementById("dispute-rows");
        try {
            const answer = await R.fetchJson("/api/v1/disputes");
            const disputes = Array.isArray(answer) ? answer : (answer.items || []);
            rows.replaceChildren(...disputes.map((d) => el("tr", { "data-id": d.id },
                el("td", {}, el("a", { href: `/Disputes/Dispute?id=${d.id}` }, `#${d.id}`)),
                el("td", {}, R.partyBadge(d.claimant, parties), " → ", R.partyBadge(d.respondent, parties)),
                el("td", {}, breachText(d.breach)),
                el("td", {}, d.level),
                el("td", {}, R.statusBadge(d.status)),
                el("td", {}, d.deadline ? [R.time(d.deadline.due), " ", R.countdown(d.deadline.due)].reduce((f, n) => { f.append(n); return f; }, document.createDocumentFragment()) : "—"),
                el("td", {}, d.finding ? `${d.finding.outcome}${d.finding.major ? " (major)" : ""}` : "—"))));
            document.getElementById("dispute-empty").hidden = disputes.length > 0;
        } catch (e) {
            R.showError(document.getElementById("dispute-error"), e);
        } finally {
            root.dataset.ready = "true";
        }
    }

    async function detail(root) {
        const id = Number(root.dataset.id);
        const parties = (root.dataset.parties || "").split(" ").filter(Boolean);
        const viewerParty = root.dataset.viewerParty;
        const roles = (root.dataset.viewerRoles || "").split(" ").filter(Boolean);
        const d = await R.fetchJson(`/api/v1/disputes/${id}`);

        document.getElementById("dispute-title").textContent = `· ${d.claimant} against ${d.respondent}`;
        document.getElementById("dispute-status").replaceChildren(R.statusBadge(d.status));
        for (const li of document.querySelectorAll("#dispute-ladder li")) {
            const rung = (d.ladder || []).find((r) => r.level === li.dataset.level);
            li.classList.toggle("current", !!(rung && rung.current));
            li.classList.toggle("passed", !!(rung && rung.reached && !rung.current));
            if (rung && rung.reached) {
                li.title = `since ${R.utc(rung.since)}; reply due ${R.utc(rung.replyDue)}${rung.late ? `; ${R.lateText(rung.late)}` : ""}`;
            }
        }

        const holder = document.getElementById("dispute-deadline");
        holder.hidden = !d.deadline;
        holder.replaceChildren(...(d.deadline ? [el("span", {}, ...deadlineParts(d.deadline))] : []));

        const facts = document.getElementById("dispute-facts");
        facts.replaceChildren();
        const fact = (term, ...value) => facts.append(el("dt", {}, term), el("dd", {}, ...value));
        fact("Opened by", `${d.author} (${d.claimant}) at `, R.time(d.openedAt));
        fact("Respondent", d.respondent);
        fact("Breach", breachText(d.breach));
        fact("Incidents", ...((d.incidents || []).length > 0 ? d.incidents.flatMap((n) => [el("a", { href: `/Incidents/Incident?id=${n}` }, `#${n}`), " "]) : ["none cited"]));
        fact("Evidence", ...((d.evidence || []).length > 0 ? d.evidence.flatMap((a) => [el("a", { href: a.url }, a.name), " "]) : ["none"]));
        fact("Addressed to", (d.audience || []).join(", "));
        document.getElementById("dispute-claim").replaceChildren(R.userText(d.claim, d.lang));

        const items = [{ at: d.openedAt, party: d.claimant, kind: "opened", title: `${d.author} opened the dispute`, seq: d.id }];
        for (const r of d.replies || []) {
            items.push({ at: r.at, party: d.respondent, kind: "reply", title: `${r.author} replied at the ${r.level} level`, seq: r.seq, text: r.text, lang: r.lang, late: r.late });
        }

        for (const x of d.escalations || []) {
            items.push({ at: x.at, party: x.party || "", kind: "escalation", title: x.missed ? `the reply deadline passed: moved from ${x.from} to ${x.to}` : `${x.author} escalated from ${x.from} to ${x.to}`, seq: x.seq, text: x.reason });
        }

        if (d.finding) {
            const f = d.finding;
            items.push({ at: f.at, party: "", kind: "finding", title: `${f.author} found the claim ${f.outcome}${f.major ? " (major)" : ""}`, seq: f.seq, text: `${f.reasons}\nRemedy: ${f.remedy}`, lang: f.lang });
        }

        document.getElementById("dispute-timeline").replaceChildren(R.timeline(items, parties, viewerParty));

        const open = !d.finding;
        const side = viewerParty === d.claimant || viewerParty === d.respondent;
        const actor = roles.some((r) => (root.dataset.stepRoles || "").split(" ").includes(r));
        const offer = {
            reply: open && viewerParty === d.respondent && actor,
            escalate: open && side && actor && d.level !== "convener",
            finding: open && roles.includes("mediator"),
        };
        let shown = 0;
        for (const form of document.querySelectorAll("#dispute-actions form[data-step]")) {
            form.hidden = !offer[form.dataset.step];
            form.dataset.entryAudience = (d.audience || []).join(" ");
            shown += offer[form.dataset.step] ? 1 : 0;
        }

        const escalateTo = document.querySelector("form[data-step=escalate] select[name=to]");
        if (escalateTo) {
            for (const option of escalateTo.options) {
                option.disabled = d.level === "senior" && option.value === "senior";
            }

            if (d.level === "senior") {
                escalateTo.value = "convener";
            }
        }

        const none = document.getElementById("no-actions");
        none.hidden = shown > 0;
        none.textContent = d.finding ? "The convener has recorded a finding: the dispute is closed." : "There is no step for your party to take now.";
    }

    // A change to a dispute the party may read redraws the list, or the dispute shown, in place.
    const listRoot = document.getElementById("disputes");
    if (listRoot) {
        list(listRoot);
        if (window.LiaisonLive) {
            window.LiaisonLive.connect(listRoot, "changed", () => list(listRoot));
        }
    }

    const detailRoot = document.getElementById("dispute-detail");
    if (detailRoot) {
        const show = () => detail(detailRoot).catch((e) => R.showError(document.getElementById("dispute-error"), e));
        show().finally(() => {
            detailRoot.dataset.ready = "true";
        });
        if (window.LiaisonLive) {
            window.LiaisonLive.connect(detailRoot, "changed", (change) => {
                if (change && change.id === Number(detailRoot.dataset.id)) {
                    show();
                }
            });
        }
    }
}());
