// The verification page (Pages/Verification): the schedule per zone (GET /api/v1/verification/schedule), the parties'
// requests with their deadlines (…/requests) and the reports with forces observed against the zone's limits and the
// violations found (…/reports). A party's officers request a visit with the form (entry-forms.js signs it). Redraws
// live when a verification entry addressed to the party is recorded (/hubs/verification).
(function () {
    "use strict";

    const root = document.getElementById("verification");
    if (!root || !window.LiaisonRecords) {
        return;
    }

    const R = window.LiaisonRecords;
    const { el } = R;
    const parties = (root.dataset.parties || "").split(" ").filter(Boolean);
    const roles = (root.dataset.viewerRoles || "").split(" ").filter(Boolean);
    const error = document.getElementById("verification-error");

    function items(answer) {
        return Array.isArray(answer) ? answer : (answer.items || []);
    }

    function limitsText(l) {
        if (!l) {
            return "";
        }

        if (l.noForces) {
            return "no military forces";
        }

        const parts = [];
        if (l.maxTroops !== null && l.maxTroops !== undefined) {
            parts.push(`at most ${l.maxTroops} troops`);
        }

        if (l.maxTanks !== null && l.maxTanks !== undefined) {
            parts.push(`${l.maxTanks} tanks`);
        }

        if (l.maxArtillery !== null && l.maxArtillery !== undefined) {
            parts.push(`${l.maxArtillery} artillery pieces`);
        }

        if ((l.bannedAssetClasses || []).length > 0) {
            parts.push(`no ${l.bannedAssetClasses.join(", ")}`);
        }

        return parts.join("; ");
    }

    function report(r) {
        const observed = Object.entries(r.observed || {}).map(([party, counts]) =>
            el("li", {}, R.partyBadge(party, parties), " ", Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(", ") || "nothing"));
        const violations = (r.violations || []).map((v) =>
            el("li", { class: "conflict", "data-rule": v.rule }, R.partyBadge(v.party, parties), " ", el("code", {}, v.rule), ` ${v.text}`, el("span", { class: "muted" }, v.computed ? " (from the zone's limits)" : " (stated by the reporter)")));
        return el("article", { class: "thread-item", "data-id": r.id, "data-zone": r.zone },
            el("div", { class: "meta" }, `#${r.id} · ${r.zoneName || r.zone} · by ${r.author} (${r.party}) · visit `, R.time(r.visit.start), " → ", R.time(r.visit.end),
                r.request ? ` · answers request #${r.request}` : ""),
            el("div", { class: "muted" }, `Limits: ${limitsText(r.limits)}`),
            el("h3", {}, "Observed"), observed.length > 0 ? el("ul", { class: "plain" }, ...observed) : el("p", { class: "muted" }, "No forces observed."),
            el("h3", {}, "Violations"), violations.length > 0 ? el("ul", { class: "conflicts" }, ...violations) : el("p", { "data-role": "no-violations" }, "None found."),
            r.text ? R.userText(r.text, r.lang) : null,
            (r.evidence || []).length > 0 ? el("div", {}, "Evidence: ", ...r.evidence.flatMap((a) => [el("a", { href: a.url }, a.name), " "])) : null);
    }

    async function load() {
        const [schedule, requests, reports] = await Promise.all([
            R.fetchJson("/api/v1/verification/schedule"),
            R.fetchJson("/api/v1/verification/requests"),
            R.fetchJson("/api/v1/verification/reports"),
        ]);
        document.getElementById("schedule-rows").replaceChildren(...(schedule.zones || []).map((z) => el("tr", { "data-zone": z.zone, class: z.overdue ? "overdue" : null },
            el("td", {}, z.name), el("td", {}, z.kind),
            el("td", {}, z.lastVisit ? R.time(z.lastVisit) : "never", z.lastReport ? el("span", { class: "muted" }, ` (report #${z.lastReport})`) : null),
            el("td", {}, z.nextDue ? R.time(z.nextDue) : "—", " ", z.nextDue ? R.countdown(z.nextDue) : null),
            el("td", {}, (z.openRequests || []).map((n) => `#${n}`).join(", ") || "none"))));
        document.getElementById("request-rows").replaceChildren(...items(requests).map((q) => el("tr", { "data-id": q.id },
            el("td", {}, `#${q.id}`), el("td", {}, R.partyBadge(q.party, parties), ` ${q.author}`), el("td", {}, q.zoneName || q.zone),
            el("td", {}, R.userText(q.reason, q.lang, "span")),
            el("td", {}, R.time(q.due), " ", q.answeredBy ? null : R.countdown(q.due)),
            el("td", {}, R.statusBadge(q.status), q.answeredBy ? ` by report #${q.answeredBy}` : null, q.late ? el("span", { class: "late" }, ` ${R.lateText(q.late)}`) : null))));
        const reportItems = items(reports);
        document.getElementById("report-list").replaceChildren(...(reportItems.length > 0 ? reportItems.map(report) : [el("p", { class: "muted" }, "No reports yet.")]));
        document.getElementById("request-form").hidden = root.dataset.viewerKind !== "party"
            || !roles.some((r) => ["liaison-officer", "duty-officer", "commander"].includes(r));
    }

    load().catch((e) => R.showError(error, e)).finally(() => {
        root.dataset.ready = "true";
    });

    // A request, report or overdue visit addressed to the party redraws the page (one redraw at a time, one more after
    // it); the report form (verification-report.js) asks for one after its report is recorded.
    const reload = R.coalesced(() => load().catch((e) => R.showError(error, e)));
    window.LiaisonVerification = { reload };
    if (window.LiaisonLive) {
        window.LiaisonLive.connect(root, "changed", () => reload());
    }
}());
