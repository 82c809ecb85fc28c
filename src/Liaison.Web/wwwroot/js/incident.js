// One incident (Pages/Incidents/Incident), drawn from GET /api/v1/incidents/{id}: the report's facts, where it happened
// on the map, its narrative in its own direction, the running deadline with a countdown, the timeline of its steps,
// suggested duplicates, and the steps the viewer may take (the forms are in the page; entry-forms.js signs them).
// Which steps are offered follows the workflow: reported → acknowledged → under-review → resolved, or disputed →
// referred → finding; the server decides again when the entry arrives, so a refused step shows its problem.
(function () {
    "use strict";

    const root = document.getElementById("incident-detail");
    if (!root || !window.LiaisonRecords) {
        return;
    }

    const R = window.LiaisonRecords;
    const { el } = R;
    const id = Number(root.dataset.id);
    const parties = (root.dataset.parties || "").split(" ").filter(Boolean);
    const viewerParty = root.dataset.viewerParty;
    const viewerRoles = (root.dataset.viewerRoles || "").split(" ").filter(Boolean);
    const viewerKind = root.dataset.viewerKind;
    const categories = JSON.parse(root.dataset.categories || "{}");
    const actors = JSON.parse(root.dataset.actors || "{}");
    const error = document.getElementById("incident-error");

    const incidentMap = window.LiaisonNoticeMap && typeof L !== "undefined"
        ? window.LiaisonNoticeMap.create(document.getElementById("incident-map"), { parties })
        : null;

    let drawn = false;

    function fact(list, term, ...value) {
        list.append(el("dt", {}, term), el("dd", {}, ...value));
    }

    function range(r) {
        if (!r) {
            return null;
        }

        return r.min === r.max ? String(r.min) : `${r.min}–${r.max}`;
    }

    function casualtiesText(casualties) {
        const parts = [];
        for (const [side, c] of Object.entries(casualties || {})) {
            const bits = [];
            if (c.killed) {
                bits.push(`${range(c.killed)} killed`);
            }

            if (c.wounded) {
                bits.push(`${range(c.wounded)} wounded`);
            }

            if (bits.length > 0) {
                parts.push(`${side}: ${bits.join(", ")}`);
            }
        }

        return parts.length > 0 ? parts.join("; ") : "none reported";
    }

    function evidenceList(evidence) {
        if (!evidence || evidence.length === 0) {
            return "none";
        }

        const list = el("ul", { class: "plain attachments", "data-testid": "evidence" });
        for (const a of evidence) {
            list.append(el("li", {}, el("a", { href: `/api/v1/attachments/${encodeURIComponent(a.sha256)}` }, a.name || a.sha256),
                el("span", { class: "muted" }, ` ${a.mediaType || ""} ${a.size !== undefined ? `${a.size} bytes` : ""}`),
                el("div", { class: "muted" }, el("code", { class: "uri" }, `SHA-256 ${a.sha256}`))));
        }

        return list;
    }

    /** What a timeline entry did, from its entry type (incident.ack, incident.finding, …). */
    function stepTitle(step) {
        switch (step.type) {
            case "incident.report": return "reported it";
            case "incident.ack": return "acknowledged the report";
            case "incident.review": return "opened the joint review";
            case "incident.resolve": return "resolved it";
            case "incident.dispute": return "disputed the report";
            case "incident.refer": return "referred it to the convener";
            case "incident.finding": return `recorded the finding: ${step.outcome}`;
            case "incident.link": return `linked it with ${(step.linked || []).filter((n) => n !== id).map((n) => `#${n}`).join(", ")} as one event`;
            case "incident.escalate": return `escalated it: the ${step.stage} deadline${step.deadline ? ` (${R.utc(step.deadline)})` : ""} passed`;
            default: return step.type;
        }
    }

    function timelineItems(v) {
        return (v.timeline || []).map((s) => ({
            at: s.at, party: s.party, kind: String(s.type).replace(/^incident\./, ""), title: `${s.author} ${stepTitle(s)}`, seq: s.seq, late: s.late, text: s.text, lang: s.lang,
        }));
    }

    function kindOf(status) {
        return String(status || "").toLowerCase().replace(/_/g, "-");
    }

    /** Shows the forms the workflow allows this viewer now; returns how many. */
    function offerSteps(v) {
        const status = kindOf(v.status);
        const concerns = v.concerns || [];
        const acknowledged = new Set((v.acknowledgements || []).map((a) => a.party));
        const concerned = concerns.includes(viewerParty);
        const reporterSide = v.party === viewerParty;
        const mediator = viewerRoles.includes("mediator");
        const stepRoles = (root.dataset.stepRoles || "").split(" ").filter(Boolean);
        const actor = viewerRoles.some((r) => stepRoles.includes(r));
        const offer = {
            ack: concerned && !acknowledged.has(viewerParty) && status === "reported",
            review: (concerned || reporterSide) && status === "acknowledged",
            resolve: (concerned || reporterSide) && status === "under-review",
            dispute: concerned && ["reported", "acknowledged", "under-review"].includes(status),
            refer: (concerned || reporterSide) && status === "disputed",
            finding: mediator && status === "referred",
            link: viewerKind !== "observer" && actor,
        };
        let shown = 0;
        for (const form of document.querySelectorAll("#incident-actions form[data-step]")) {
            const on = actor && !!offer[form.dataset.step];
            form.hidden = !on;
            form.dataset.entryAudience = (v.audience || []).join(" ");
            shown += on ? 1 : 0;
        }

        const none = document.getElementById("no-actions");
        none.hidden = shown > 0;
        none.textContent = actor ? `This incident is ${status}: there is no step for your party to take now.` : "Your roles do not take incident steps.";
        return shown;
    }

    async function duplicates(v) {
        const holder = document.getElementById("incident-duplicates");
        const event = (v.event || []).filter((n) => n !== id);
        const suggestedHere = v.suggestedDuplicates;
        const parts = [];
        if (event.length > 0) {
            parts.push(el("p", { "data-testid": "event" }, "One event with ", ...event.flatMap((n, i) => [i > 0 ? ", " : "", el("a", { href: `/Incidents/Incident?id=${n}` }, `#${n}`)]), "."));
        }

        try {
            const answer = suggestedHere || await R.fetchJson(`/api/v1/incidents/${id}/suggested-duplicates`);
            const suggested = (Array.isArray(answer) ? answer : (answer.items || answer.suggestions || [])).filter((s) => !event.includes(s.id ?? s));
            if (suggested.length > 0) {
                const list = el("ul", { class: "plain", "data-testid": "suggested" });
                for (const s of suggested) {
                    const other = s.id ?? s;
                    const use = el("button", { type: "button", class: "link-suggested" }, "Link");
                    use.addEventListener("click", () => {
                        const form = document.querySelector("form[data-step=link]");
                        form.elements.incidents.value = String(other);
                        form.elements.incidents.focus();
                    });
                    list.append(el("li", {}, el("a", { href: `/Incidents/Incident?id=${other}` }, `#${other}`),
                        ` ${s.category || ""} reported by ${s.party || "?"}`,
                        s.distanceKm !== undefined ? el("span", { class: "muted" }, ` · ${Number(s.distanceKm).toFixed(1)} km, ${R.span(Math.abs(s.hoursApart ?? 0) * 3600)} apart`) : null,
                        " ", use));
                }

                parts.push(el("p", {}, "Suggested: reports of the same category close in place and time."), list);
            }
        } catch {
            // suggestions are a help, not the record
        }

        if (parts.length === 0) {
            parts.push(el("p", { class: "muted" }, "No other report looks like the same event."));
        }

        holder.replaceChildren(...parts);
    }

    async function load() {
        const v = await R.fetchJson(`/api/v1/incidents/${id}`);
        const category = categories[v.category] || v.category;
        document.getElementById("incident-title").textContent = `· ${v.party} ${category}`;
        document.getElementById("incident-status").replaceChildren(R.statusBadge(kindOf(v.status)));

        const facts = document.getElementById("incident-facts");
        facts.replaceChildren();
        fact(facts, "Reported by", `${v.author} (${v.party}${v.reporterKind && v.reporterKind !== "party" ? `, ${v.reporterKind}` : ""}) at `, R.time(v.reportedAt));
        if ((v.acknowledgements || []).length > 0) {
            fact(facts, "Acknowledged", ...v.acknowledgements.flatMap((a) => [`${a.party} (${a.author}) at `, R.time(a.at), a.late ? el("span", { class: "late", "data-role": "late" }, ` ${R.lateText(a.late)}`) : null, " "]));
        }
        fact(facts, "Category", category);
        fact(facts, "When", R.time(v.time && v.time.start), v.time && v.time.end ? " → " : null, v.time && v.time.end ? R.time(v.time.end) : null);
        fact(facts, "Where", v.placeName ? `${v.placeName} ` : null, v.location && v.location.type === "Point"
            ? el("span", { class: "muted" }, `(${v.location.coordinates[1].toFixed(5)}, ${v.location.coordinates[0].toFixed(5)} lat, lon)`)
            : el("span", { class: "muted" }, v.location ? `(${v.location.type})` : ""));
        fact(facts, "Actors", (v.actors || []).map((a) => actors[a] || a).join(", ") || "none named");
        fact(facts, "Casualties", casualtiesText(v.casualties));
        fact(facts, "Grading", el("span", { "data-testid": "grading" }, v.grading), el("span", { class: "muted" }, " (NATO Admiralty code: source reliability A–F, information credibility 1–6)"));
        fact(facts, "Concerns", (v.concerns || []).join(", ") || "—");
        fact(facts, "Evidence", evidenceList(v.evidence));
        const links = v.links || {};
        if ((links.notices || []).length + (links.messages || []).length > 0) {
            fact(facts, "Linked", ...(links.notices || []).flatMap((n) => [el("a", { href: `/Notices/Notice?id=${n}` }, `notice #${n}`), " "]),
                ...(links.messages || []).flatMap((m) => [el("a", { href: `/Hotline/Message?id=${m}` }, `message #${m}`), " "]));
        }

        fact(facts, "Addressed to", (v.audience || []).join(", "));
        if (v.narrative && v.narrative.text) {
            document.getElementById("incident-narrative").replaceChildren(el("h2", {}, "Narrative"), R.userText(v.narrative.text, v.narrative.lang));
        }

        const deadline = document.getElementById("incident-deadline");
        if (v.deadline && v.deadline.due) {
            const owed = { acknowledgement: "Acknowledgement", review: "The joint review's outcome", finding: "The convener's finding" }[v.deadline.stage] || v.deadline.stage;
            deadline.hidden = false;
            deadline.replaceChildren(el("span", {}, el("strong", {}, owed), " due ", R.time(v.deadline.due), " ", R.countdown(v.deadline.due),
                v.deadline.escalated ? el("span", { class: "late" }, " — escalated to the duty officers and the convener") : null));
        }

        document.getElementById("incident-timeline").replaceChildren(R.timeline(timelineItems(v), parties, viewerParty));
        offerSteps(v);
        duplicates(v);

        if (incidentMap && v.location && !drawn) {
            drawn = true;
            const colour = window.LiaisonNoticeMap.partyColour(parties, v.party);
            const shape = L.geoJSON(v.location, {
                pointToLayer: (_, latlng) => L.circleMarker(latlng, { radius: 8, color: colour, weight: 3, fillOpacity: 0.6 }),
                style: () => ({ color: colour, weight: 2, fillOpacity: 0.25 }),
            }).addTo(incidentMap.map);
            await incidentMap.ready;
            incidentMap.map.fitBounds(shape.getBounds().pad(0.5), { maxZoom: 11, animate: false });
        }
    }

    load().catch((e) => R.showError(error, e)).finally(() => {
        root.dataset.ready = "true";
    });

    // Another party's step (or an escalation) on this incident redraws it in place.
    if (window.LiaisonLive) {
        window.LiaisonLive.connect(root, "changed", (change) => {
            if (change && change.id === id) {
                load().catch((e) => R.showError(error, e));
            }
        });
    }
}());
