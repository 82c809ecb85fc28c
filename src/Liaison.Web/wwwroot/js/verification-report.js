// The verification report form (Pages/Verification, for the convener's mediators and the observers): builds the
// verification.report body as `liaison verification report` does (zone, the request it answers, the visit's window,
// forces observed per side and asset class, violations stated, text), signs it with this browser's key (signing.js) and
// shows the server's answer: the report's id and the violations found against the zone's limits, or the refusal.
(function () {
    "use strict";

    const root = document.getElementById("verification");
    const form = document.getElementById("report-form");
    if (!root || !form || !window.LiaisonRecords) {
        return;
    }

    const R = window.LiaisonRecords;
    const { el } = R;
    const roles = (root.dataset.viewerRoles || "").split(" ").filter(Boolean);
    const reporters = (form.dataset.reporterRoles || "").split(" ").filter(Boolean);
    const audience = (form.dataset.audience || "").split(" ").filter(Boolean);
    const checks = document.getElementById("report-checks");
    const answer = document.getElementById("report-answer");
    const submit = form.querySelector('button[type="submit"]');

    form.hidden = !roles.some((r) => reporters.includes(r));
    if (form.hidden) {
        return;
    }

    // The default visit: the last three full hours, UTC.
    const end = new Date();
    end.setUTCMinutes(0, 0, 0);
    form.elements.end.value = end.toISOString().slice(0, 16);
    form.elements.start.value = new Date(end.getTime() - (3 * 3600 * 1000)).toISOString().slice(0, 16);

    // The open requests, to answer one.
    R.fetchJson("/api/v1/verification/requests").then((answerList) => {
        const requests = (Array.isArray(answerList) ? answerList : (answerList.items || [])).filter((q) => !q.answeredBy);
        form.elements.request.append(...requests.map((q) => el("option", { value: String(q.id), "data-zone": q.zone }, `#${q.id} · ${q.zoneName || q.zone} · ${q.party}`)));
    }).catch(() => { /* the list stays empty: a scheduled visit can still be reported */ });
    form.elements.request.addEventListener("change", () => {
        const chosen = form.elements.request.selectedOptions[0];
        if (chosen && chosen.dataset.zone) {
            form.elements.zone.value = chosen.dataset.zone;
        }
    });

    document.getElementById("add-violation").addEventListener("click", () => {
        const rows = document.getElementById("violation-rows");
        const copy = rows.firstElementChild.cloneNode(true);
        for (const input of copy.querySelectorAll("input")) {
            input.value = "";
        }

        rows.append(copy);
    });

    const utc = R.utcInput;

    /** The body, or the problems the browser can tell before signing. */
    function collect() {
        const problems = [];
        const start = utc(form.elements.start.value);
        const finish = utc(form.elements.end.value);
        if (!start || !finish || finish <= start) {
            problems.push("Give the visit's start and end, the end after the start.");
        }

        const observed = {};
        for (const row of form.querySelectorAll("tr[data-side]")) {
            const counts = {};
            for (const input of row.querySelectorAll("input")) {
                if (input.value === "") {
                    continue;
                }

                const n = Number(input.value);
                if (!Number.isInteger(n) || n < 0) {
                    problems.push(`${row.dataset.side} ${input.name}: give a whole number.`);
                } else {
                    counts[input.name] = n;
                }
            }

            if (Object.keys(counts).length > 0) {
                observed[row.dataset.side] = counts;
            }
        }

        const violations = [];
        for (const row of form.querySelectorAll('[data-role="violation"]')) {
            const rule = row.querySelector('input[name="violation-rule"]').value.trim();
            const text = row.querySelector('input[name="violation-text"]').value.trim();
            if (rule === "" && text === "") {
                continue;
            }

            if (rule === "" || text === "") {
                problems.push("A violation needs both a rule and what was seen.");
                continue;
            }

            violations.push({ party: row.querySelector('select[name="violation-party"]').value, rule, text });
        }

        const text = form.elements.text.value.trim();
        if (!text) {
            problems.push("Write the report: the parties read it.");
        }

        const body = { zone: form.elements.zone.value, visit: { start, end: finish }, observed, violations, text, lang: form.elements.lang.value };
        if (form.elements.request.value) {
            body.request = Number(form.elements.request.value);
        }

        return { body, problems };
    }

    async function showReported(seq) {
        answer.hidden = false;
        answer.className = "answer filed";
        answer.removeAttribute("role");
        answer.dataset.id = String(seq);
        const parts = [el("h2", {}, `Reported: visit report #${seq}`)];
        try {
            const r = await R.fetchJson(`/api/v1/verification/reports/${seq}`);
            const found = r.violations || [];
            parts.push(found.length > 0
                ? el("ul", { class: "conflicts", "data-role": "violations" }, ...found.map((v) => el("li", { "data-rule": v.rule }, `${v.party}: ${v.rule} — ${v.text}${v.computed ? " (found against the zone's limits)" : " (stated)"}`)))
                : el("p", { "data-role": "violations" }, "No violation found."));
        } catch (e) {
            parts.push(el("p", { class: "muted" }, `Recorded as entry ${seq}; the report could not be read back: ${e.message}`));
        }

        answer.replaceChildren(...parts);
    }

    form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const { body, problems } = collect();
        checks.replaceChildren(...problems.map((p) => el("li", {}, p)));
        if (problems.length > 0) {
            return;
        }

        submit.disabled = true;
        try {
            const accepted = await window.LiaisonSigning.submit({ type: "verification.report", audience, body });
            await showReported(accepted.seq);
            if (window.LiaisonVerification) {
                window.LiaisonVerification.reload();
            }
        } catch (e) {
            answer.hidden = false;
            answer.className = "answer refused";
            answer.setAttribute("role", "alert");
            answer.replaceChildren(el("strong", {}, "Not recorded: "), e.message || String(e));
        } finally {
            submit.disabled = false;
        }
    });
}());
