// The incidents page (Pages/Incidents/Index): the incidents the viewer's party may read from /api/v1/incidents, filtered
// by category, reporting party, status and time, in a list and on the map over the zones (points as circles, areas
// as polygons, in the reporting party's colour). Each links to its detail page.
(function () {
    "use strict";

    const root = document.getElementById("incidents");
    if (!root || !window.LiaisonRecords) {
        return;
    }

    const R = window.LiaisonRecords;
    const { el } = R;
    const parties = (root.dataset.parties || "").split(" ").filter(Boolean);
    const list = document.getElementById("incident-list");
    const empty = document.getElementById("incident-empty");
    const error = document.getElementById("incident-error");
    const count = document.getElementById("incident-count");
    const filters = document.getElementById("incident-filters");

    const incidentMap = window.LiaisonNoticeMap && typeof L !== "undefined"
        ? window.LiaisonNoticeMap.create(document.getElementById("incident-map"), { parties })
        : null;
    const layer = incidentMap ? L.featureGroup().addTo(incidentMap.map) : null;

    function query() {
        const params = new URLSearchParams();
        for (const control of filters.elements) {
            if (control.name && control.value) {
                params.set(control.name, control.type === "date"
                    ? new Date(`${control.value}T00:00:00Z`).getTime() + (control.name === "to" ? 86400000 : 0)
                    : control.value);
            }
        }

        for (const name of ["from", "to"]) {
            if (params.has(name)) {
                params.set(name, new Date(Number(params.get(name))).toISOString());
            }
        }

        params.set("limit", "500");
        return params;
    }

    function summary(v) {
        return `#${v.id} ${v.category} · ${v.placeName || ""}`.replace(/ · $/, "");
    }

    function item(v) {
        const deadline = v.deadline && v.deadline.due ? v.deadline : null;
        return el("li", { class: "notice-item incident-item", "data-id": v.id, "data-status": v.status, style: `border-inline-start-color: ${window.LiaisonNoticeMap ? window.LiaisonNoticeMap.partyColour(parties, v.party) : ""}` },
            el("div", {}, el("a", { href: `/Incidents/Incident?id=${encodeURIComponent(v.id)}`, class: "kind" }, summary(v)), " ", R.statusBadge(v.status)),
            el("div", {}, R.partyBadge(v.party, parties), ` reported · grading ${v.grading}`, v.late ? el("span", { class: "late" }, " · a step was late") : null),
            el("div", { class: "muted" }, R.time(v.time && v.time.start), v.time && v.time.end ? " → " : null, v.time && v.time.end ? R.time(v.time.end) : null),
            deadline ? el("div", {}, `${deadline.stage} due `, R.time(deadline.due), " ", R.countdown(deadline.due), deadline.escalated ? el("span", { class: "late" }, " escalated") : null) : null,
            v.eventId !== undefined && v.eventId !== v.id ? el("div", { class: "muted" }, "one event with ", el("a", { href: `/Incidents/Incident?id=${v.eventId}` }, `#${v.eventId}`)) : null);
    }

    function draw(v) {
        const geometry = v.location || (v.point ? { type: "Point", coordinates: v.point } : null);
        if (!layer || !geometry) {
            return;
        }

        const colour = window.LiaisonNoticeMap.partyColour(parties, v.party);
        const shape = L.geoJSON(geometry, {
            pointToLayer: (_, latlng) => L.circleMarker(latlng, { radius: 7, color: colour, weight: 2, fillOpacity: 0.6 }),
            style: () => ({ color: colour, weight: 2, fillOpacity: 0.25 }),
        });
        shape.bindPopup(() => el("div", {}, el("a", { href: `/Incidents/Incident?id=${encodeURIComponent(v.id)}` }, summary(v)), el("div", {}, v.status)));
        shape.addTo(layer);
    }

    async function load() {
        error.hidden = true;
        try {
            const answer = await R.fetchJson(`/api/v1/incidents?${query()}`);
            const incidents = Array.isArray(answer) ? answer : (answer.items || []);
            list.replaceChildren(...incidents.map(item));
            if (layer) {
                layer.clearLayers();
                incidents.forEach(draw);
            }

            empty.hidden = incidents.length > 0;
            count.textContent = `(${incidents.length})`;
            if (incidentMap && layer.getLayers().length > 0) {
                await incidentMap.ready;
                incidentMap.map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 11, animate: false });
            }
        } catch (e) {
            R.showError(error, e);
        } finally {
            root.dataset.ready = "true";
        }
    }

    filters.addEventListener("change", () => load());
    load();

    // A change to an incident the party may read reloads the list (one reload at a time, one more after it).
    if (window.LiaisonLive) {
        const reload = R.coalesced(load);
        window.LiaisonLive.connect(root, "changed", () => reload());
    }
}());
