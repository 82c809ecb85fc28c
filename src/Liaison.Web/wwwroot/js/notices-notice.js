// One notice (Pages/Notices/Notice): its area on the map with the notices it conflicts with, the answers the viewer may
// give (the other party acknowledges or objects with a reason; the filing party cancels with a reason or amends), each
// an entry signed in this browser with window.LiaisonSigning.submit, and live changes from the hub at /hubs/notices.
// The page itself is rendered by the server; after an answer is accepted it is reloaded to show the new state.
(function () {
    "use strict";

    const root = document.getElementById("notice-detail");
    if (!root || typeof L === "undefined" || !window.LiaisonNoticeMap) {
        return;
    }

    const NM = window.LiaisonNoticeMap;
    const { el, format } = NM;
    const id = Number(root.dataset.id);
    const parties = (root.dataset.parties || "").split(" ").filter(Boolean);
    const audience = (root.dataset.audience || "").split(" ").filter(Boolean);

    const noticeMap = NM.create(document.getElementById("notice-map"), { parties });
    const popup = (v) => el("div", {}, format.noticeLink(v.id, `#${v.id} ${v.party} ${v.kind}`), el("div", {}, v.status),
        el("div", {}, format.time(Date.parse(v.window.start)), " → ", format.time(Date.parse(v.window.end))));

    async function draw() {
        const view = await NM.fetchJson(`/api/v1/notices/${id}`);
        const others = [...new Set((view.conflicts || []).flatMap((c) => c.notices || []))].filter((n) => n !== id);
        const read = await Promise.allSettled(others.map((n) => NM.fetchJson(`/api/v1/notices/${n}`)));
        for (const r of read) {
            if (r.status === "fulfilled") {
                noticeMap.showNotice(r.value, popup);
            }
        }

        const layer = noticeMap.showNotice(view, popup);
        if (layer) {
            layer.bringToFront();
        }

        await noticeMap.ready;
        if (layer) {
            noticeMap.map.fitBounds(layer.getBounds().pad(0.6), { maxZoom: 12 });
        }

        root.dataset.drawn = String(1 + read.filter((r) => r.status === "fulfilled").length);
    }

    draw().catch((error) => {
        root.dataset.error = String(error.message || error);
    }).finally(() => {
        root.dataset.ready = "true";
    });

    // ---- answers ----------------------------------------------------------------------------------------------------

    const outcome = document.getElementById("action-outcome");

    function show(text, isError, problem) {
        outcome.hidden = false;
        outcome.className = `outcome${isError ? " error" : ""}`;
        if (isError) {
            outcome.setAttribute("role", "alert");
        } else {
            outcome.removeAttribute("role");
        }

        outcome.replaceChildren(el("span", { "data-role": isError ? "problem-detail" : "accepted" }, text));
        if (problem && (problem.type || "").includes("key")) {
            outcome.append(" ", el("a", { href: "/Account/SigningKey" }, "Set up this browser's signing key"), ".");
        }
    }

    async function answer(form, type, needsReason) {
        const body = { notice: id };
        if (needsReason) {
            const reason = form.elements.reason.value.trim();
            if (!reason) {
                show("Give a reason: the other party reads it.", true);
                form.elements.reason.focus();
                return;
            }

            body.reason = reason;
        }

        if (!window.LiaisonSigning) {
            show("Signing is not available on this page (signing.js did not load).", true);
            return;
        }

        const buttons = form.querySelectorAll("button");
        buttons.forEach((b) => { b.disabled = true; });
        try {
            const accepted = await window.LiaisonSigning.submit({ type, audience, body });
            show(`Signed and recorded as entry #${accepted.seq}. Reloading…`, false);
            setTimeout(() => location.reload(), 600);
        } catch (error) {
            show(error.detail || error.message || String(error), true, error.problem);
            buttons.forEach((b) => { b.disabled = false; });
        }
    }

    const forms = { "ack-form": ["notice.ack", false], "object-form": ["notice.object", true], "cancel-form": ["notice.cancel", true] };
    for (const [formId, [type, needsReason]] of Object.entries(forms)) {
        const form = document.getElementById(formId);
        if (form) {
            form.addEventListener("submit", (event) => {
                event.preventDefault();
                answer(form, type, needsReason);
            });
        }
    }

    // ---- live -------------------------------------------------------------------------------------------------------


    function onNotice(v) {
        const related = v.id === id || v.replaces === id || (v.conflicts || []).some((c) => (c.notices || []).includes(id));
        if (!related) {
            return;
        }

        const banner = document.getElementById("changed");
        const what = v.id === id ? `This notice is now ${v.status}.`
            : v.replaces === id ? `Notice #${v.id} amends this one.` : `Notice #${v.id} (${v.party} ${v.kind}) conflicts with this one.`;
        banner.hidden = false;
        banner.replaceChildren(what, " ", el("a", { href: location.href }, "Reload to see it"), ".");
        if (v.id === id) {
            const status = document.querySelector('[data-role="status"]');
            if (status) {
                status.textContent = v.status;
                status.className = `status status-${v.status}`;
            }
        } else {
            noticeMap.showNotice(v, popup);
        }
    }

    window.LiaisonLive.connect(root, "notice", onNotice);
}());
