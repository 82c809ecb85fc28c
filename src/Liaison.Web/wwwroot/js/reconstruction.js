// The reconstruction of an incident (Pages/Incidents/Reconstruction), from GET /api/v1/incidents/{id}/reconstruction:
// every related entry the viewer may read on one timeline (each side leaning to its own edge) and every related place
// on one map (the incident's reports, the notices in that place and time), in each party's colour.
(function () {
    "use strict";

    const root = document.getElementById("reconstruction");
    if (!root || !window.LiaisonRecords) {
        return;
    }

    const R = window.LiaisonRecords;
    const { el } = R;
    const id = Number(root.dataset.id);
    const parties = (root.dataset.parties || "").split(" ").filter(Boolean);
    const viewerParty = root.dataset.viewerParty;
    const map = window.LiaisonNoticeMap && typeof L !== "undefined"
        ? window.LiaisonNoticeMap.create(document.getElementById("reconstruction-map"), { parties })
        : null;

    async function load() {
        const r = await R.fetchJson(`/api/v1/incidents/${id}/reconstruction`);
        const items = r.items || [];
        const sides = [...new Set(items.map((i) => i.party).filter(Boolean))];
        document.getElementById("reconstruction-summary").replaceChildren(el("span", {},
            `${items.length} entries from ${sides.length} ${sides.length === 1 ? "party" : "parties"} (${sides.join(", ")})`,
            r.from && r.to ? el("span", { class: "muted" }, " between ", R.time(r.from), " and ", R.time(r.to)) : null, "."));
        document.getElementById("reconstruction-timeline").replaceChildren(R.timeline(items, parties, viewerParty));
        if (!map) {
            return;
        }

        const group = L.featureGroup().addTo(map.map);
        for (const place of r.places || []) {
            const colour = window.LiaisonNoticeMap.partyColour(parties, place.party);
            const shape = L.geoJSON(place.geometry, {
                pointToLayer: (_, latlng) => L.circleMarker(latlng, { radius: place.kind === "incident" ? 8 : 6, color: colour, weight: place.id === id ? 4 : 2, fillOpacity: 0.6 }),
                style: () => ({ color: colour, weight: 2, fillOpacity: place.kind === "notice" ? 0.1 : 0.25, dashArray: place.kind === "notice" ? "6 4" : null }),
            });
            shape.bindPopup(() => el("div", {}, el("a", { href: place.href || "#" }, place.title || `${place.kind} #${place.id}`)));
            shape.addTo(group);
        }

        if (group.getLayers().length > 0) {
            await map.ready;
            map.map.fitBounds(group.getBounds().pad(0.4), { maxZoom: 11, animate: false });
        }
    }

    load().catch((e) => R.showError(document.getElementById("reconstruction-error"), e)).finally(() => {
        root.dataset.ready = "true";
    });
}());
