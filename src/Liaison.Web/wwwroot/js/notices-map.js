// The deconfliction map shared by the notice pages (Pages/Notices): a Leaflet map with no tile server, its base map the
// country outlines served by this app (/geo/), the mechanism's zones from GET /api/v1/zones styled by kind with a legend
// that names each zone's source and attribution, and notices drawn in their party's colour (red and hatched when they
// have conflicts). Exposes window.LiaisonNoticeMap. Text from the server is only ever set with textContent.
(function () {
    "use strict";

    const COUNTRIES_URL = "/geo/ne_admin0_countries_10m_syria_neighbours.json";
    const ZONES_URL = "/api/v1/zones";
    const CONFLICT = "#c1121f";

    // Party colours in configuration order; red is kept for conflicts.
    const PALETTE = ["#1d4ed8", "#0f766e", "#7c3aed", "#b45309", "#0e7490", "#9d174d", "#4d7c0f", "#475569"];

    const ZONE_STYLES = {
        "prohibited": { color: "#a4161a", weight: 2, fillColor: "#e5383b", fillOpacity: 0.35 },
        "protected-community": { color: "#6a4c93", weight: 2, dashArray: "6 4", fillColor: "#b197fc", fillOpacity: 0.18 },
        "humanitarian-corridor": { color: "#2b8a3e", weight: 2, dashArray: "2 4", fillColor: "#8ce99a", fillOpacity: 0.25 },
        "observation-post": { color: "#1864ab", weight: 2, fillColor: "#74c0fc", fillOpacity: 0.5 },
    };

    function el(tag, attributes, ...children) {
        const element = document.createElement(tag);
        for (const [name, value] of Object.entries(attributes || {})) {
            if (value !== null && value !== undefined) {
                element.setAttribute(name, value);
            }
        }

        for (const child of children) {
            if (child !== null && child !== undefined) {
                element.append(child);
            }
        }

        return element;
    }

    /** The colour of a party, by its place in the list of the mechanism's parties. */
    function partyColour(parties, party) {
        const index = parties.indexOf(party);
        return PALETTE[(index < 0 ? parties.length : index) % PALETTE.length];
    }

    /** A limitation band's outer depth in km, to draw wider bands first and shade them lighter. */
    function bandDepth(zone) {
        const band = zone.properties && zone.properties.rules && zone.properties.rules.depthBandKm;
        return band && typeof band.to === "number" ? band.to : 0;
    }

    function zoneStyle(zone, maxDepth) {
        const kind = zone.properties && zone.properties.kind;
        if (kind === "limitation-band") {
            // Graded: the nearer the band to the Area of Separation, the stronger its orange.
            const depth = bandDepth(zone);
            const t = maxDepth > 0 ? depth / maxDepth : 1;
            return { color: "#d9480f", weight: 1, dashArray: "4 3", fillColor: "#fd7e14", fillOpacity: 0.08 + (1 - t) * 0.14 };
        }

        return ZONE_STYLES[kind] || { color: "#495057", weight: 1, fillColor: "#adb5bd", fillOpacity: 0.2 };
    }

    function rulesText(rules) {
        if (!rules) {
            return "";
        }

        const parts = [];
        if (rules.depthBandKm) {
            parts.push(`${rules.depthBandKm.from}–${rules.depthBandKm.to} km from the Area of Separation`);
        }

        if (typeof rules.maxTroops === "number") {
            parts.push(`at most ${rules.maxTroops.toLocaleString("en")} troops`);
        }

        if (typeof rules.maxTanks === "number") {
            parts.push(`${rules.maxTanks} tanks`);
        }

        if (typeof rules.maxArtillery === "number") {
            parts.push(`${rules.maxArtillery} short-range artillery`);
        }

        if (rules.bannedAssetClasses && rules.bannedAssetClasses.length > 0) {
            parts.push(`no ${rules.bannedAssetClasses.join(", ")}`);
        }

        return parts.join("; ");
    }

    /** The point a country's name is written at: the middle of the bounds of its largest polygon. */
    function labelPoint(geometry) {
        const polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
        let best = null;
        let bestArea = -1;
        for (const polygon of polygons) {
            const ring = polygon[0];
            let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
            for (const [x, y] of ring) {
                minX = Math.min(minX, x); maxX = Math.max(maxX, x);
                minY = Math.min(minY, y); maxY = Math.max(maxY, y);
            }

            const area = (maxX - minX) * (maxY - minY);
            if (area > bestArea) {
                bestArea = area;
                best = [(minY + maxY) / 2, (minX + maxX) / 2];
            }
        }

        return best;
    }

    async function fetchJson(url) {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (!response.ok) {
            throw new Error(`${url}: ${response.status}`);
        }

        return response.json();
    }

    /**
     * Makes the map in `element`. Options: parties (party codes in configuration order, for colours). Returns an object
     * with the Leaflet map, ready (a promise settled when the base map and zones are drawn) and the drawing helpers.
     */
    function create(element, options) {
        const parties = (options && options.parties) || [];
        const map = L.map(element, {
            // Vector layers only: no tiles, so no external server is ever asked for anything.
            preferCanvas: false,
            zoomSnap: 0.25,
            minZoom: 4,
            maxZoom: 16,
            worldCopyJump: false,
        });
        map.attributionControl.setPrefix("Leaflet");

        // Panes keep the layers in order whatever is added when: country outlines at the bottom, zones over them, notices
        // (Leaflet's overlay pane) on top.
        map.createPane("countries").style.zIndex = "250";
        map.createPane("zones").style.zIndex = "350";
        map.setView([33.2, 35.9], 8);

        const countries = L.layerGroup().addTo(map);
        const zones = L.layerGroup().addTo(map);
        const notices = L.layerGroup().addTo(map);
        const zoneList = [];

        const legend = L.control({ position: "bottomright" });
        let legendBody = null;
        legend.onAdd = () => {
            const box = el("div", { class: "map-legend", "data-testid": "legend" });
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            // Open on a wide map; on a narrow one it would hide the map, so it starts closed.
            const open = element.clientWidth >= 900;
            const toggle = el("button", { type: "button", class: "legend-toggle", "aria-expanded": open ? "true" : "false" }, "Legend and sources");
            legendBody = el("div", { class: "legend-body" });
            legendBody.hidden = !open;
            toggle.addEventListener("click", () => {
                const open = toggle.getAttribute("aria-expanded") !== "true";
                toggle.setAttribute("aria-expanded", open ? "true" : "false");
                legendBody.hidden = !open;
            });
            box.append(toggle, legendBody);
            return box;
        };
        legend.addTo(map);

        function legendEntry(swatch, title, ...lines) {
            return el("div", { class: "legend-entry" }, el("span", { class: "swatch", style: swatch }), el("div", {}, el("strong", {}, title), ...lines.filter(Boolean).map((l) => el("div", { class: "legend-line" }, l))));
        }

        function renderLegend(zoneError) {
            if (!legendBody) {
                return;
            }

            legendBody.replaceChildren();
            legendBody.append(el("h3", {}, "Zones"));
            if (zoneError) {
                legendBody.append(el("p", { class: "error", "data-testid": "zones-error" }, `Zones could not be loaded (${zoneError}).`));
            }

            for (const zone of zoneList) {
                const p = zone.properties || {};
                const style = zoneStyle(zone, maxBandDepth());
                const item = legendEntry(`background:${style.fillColor};border:2px ${style.dashArray ? "dashed" : "solid"} ${style.color};opacity:${Math.min(1, style.fillOpacity * 2 + 0.3)}`,
                    `${p.name || p.code} (${p.kind})`,
                    rulesText(p.rules),
                    p.source ? `Source: ${p.source}` : "Source: not stated",
                    p.attribution || null);
                item.setAttribute("data-zone", p.code || zone.id || "");
                legendBody.append(item);
            }

            legendBody.append(el("h3", {}, "Notices"));
            for (const party of parties) {
                legendBody.append(legendEntry(`background:${partyColour(parties, party)};opacity:.6`, `${party} notice`));
            }

            legendBody.append(legendEntry(`background:repeating-linear-gradient(45deg, ${CONFLICT} 0 2px, transparent 2px 6px);border:2px dashed ${CONFLICT}`, "Notice with conflicts"));
            legendBody.append(el("h3", {}, "Base map"));
            legendBody.append(el("p", { class: "legend-line" }, "Country outlines: Natural Earth 1:10m admin-0 (public domain, \"Made with Natural Earth\"). Its lines are coarse and show one view of the Golan; the zones above each carry their own source, and sources disagree there."));
        }

        function maxBandDepth() {
            return zoneList.reduce((max, z) => Math.max(max, bandDepth(z)), 0);
        }

        async function loadCountries() {
            const data = await fetchJson(COUNTRIES_URL);
            L.geoJSON(data, {
                interactive: false,
                pane: "countries",
                style: () => ({ color: "#7b8794", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 }),
            }).addTo(countries);
            for (const feature of data.features) {
                const at = feature.geometry && labelPoint(feature.geometry);
                if (at && feature.properties && feature.properties.name) {
                    L.tooltip({ permanent: true, direction: "center", className: "country-label", interactive: false })
                        .setLatLng(at).setContent(feature.properties.name).addTo(countries);
                }
            }
        }

        async function loadZones() {
            const data = await fetchJson(ZONES_URL);
            const features = (data.features || []).slice();
            zoneList.splice(0, zoneList.length, ...features);
            const maxDepth = maxBandDepth();

            // Widest bands first, so nearer bands and the Area of Separation are drawn on top of them.
            features.sort((a, b) => bandDepth(b) - bandDepth(a));
            for (const zone of features) {
                const p = zone.properties || {};
                const layer = L.geoJSON(zone, {
                    pane: "zones",
                    style: () => Object.assign({ className: `zone zone-${p.kind}` }, zoneStyle(zone, maxDepth)),
                    pointToLayer: (_, latlng) => L.circleMarker(latlng, Object.assign({ radius: 6, pane: "zones" }, zoneStyle(zone, maxDepth))),
                });
                layer.bindTooltip(`${p.name || p.code} · ${p.kind}`, { sticky: true });
                layer.bindPopup(() => el("div", { class: "zone-popup" },
                    el("strong", {}, p.name || p.code), el("div", {}, `${p.code} · ${p.kind}`),
                    el("div", {}, rulesText(p.rules)), el("div", { class: "muted" }, `Source: ${p.source || "not stated"}`),
                    el("div", { class: "muted" }, p.attribution || "")));
                layer.addTo(zones);
            }
        }

        const ready = Promise.allSettled([loadCountries(), loadZones()]).then(([c, z]) => {
            renderLegend(z.status === "rejected" ? z.reason.message : null);
            element.dataset.zones = String(zoneList.length);
            element.dataset.countries = c.status === "fulfilled" ? "loaded" : "failed";
            if (c.status === "rejected") {
                element.dataset.error = c.reason.message;
            }

            element.dispatchEvent(new CustomEvent("liaison:map-ready", { bubbles: true }));
            return { countries: c.status === "fulfilled", zones: zoneList.length };
        });
        renderLegend(null);

        const noticeLayers = new Map();

        function noticeStyle(view) {
            const conflicted = view.conflicts && view.conflicts.length > 0;
            const colour = partyColour(parties, view.party);
            const ended = ["cancelled", "superseded", "completed"].includes(view.status);
            return {
                color: conflicted ? CONFLICT : colour,
                weight: conflicted ? 3 : 2,
                dashArray: conflicted ? "8 5" : (ended ? "2 4" : null),
                fillColor: colour,
                fillOpacity: ended ? 0.08 : 0.3,
                className: `notice notice-party-${view.party}${conflicted ? " notice-conflict" : ""}`,
            };
        }

        /** Draws or redraws a notice (a NoticeView); `popup` makes the popup's content. */
        function showNotice(view, popup) {
            hideNotice(view.id);
            if (!view.area) {
                return null;
            }

            const layer = L.geoJSON(view.area, { style: () => noticeStyle(view) });
            layer.bindTooltip(`#${view.id} ${view.party} ${view.kind}${view.conflicts && view.conflicts.length ? ` · ${view.conflicts.length} conflict(s)` : ""}`, { sticky: true });
            if (popup) {
                layer.bindPopup(() => popup(view));
            }

            layer.addTo(notices);
            noticeLayers.set(view.id, layer);
            return layer;
        }

        function hideNotice(id) {
            const old = noticeLayers.get(id);
            if (old) {
                notices.removeLayer(old);
                noticeLayers.delete(id);
            }
        }

        function noticeLayer(id) {
            return noticeLayers.get(id) || null;
        }

        /**
         * Fits the map to the notices drawn, or else to the zones, leaving the open legend's corner free. With
         * { animate: false } the view is set at once, so the next click lands on the map as it will stay.
         */
        function fit(fitOptions) {
            const bounds = L.latLngBounds([]);
            for (const layer of noticeLayers.values()) {
                bounds.extend(layer.getBounds());
            }

            if (!bounds.isValid()) {
                zones.eachLayer((layer) => layer.getBounds && bounds.extend(layer.getBounds()));
            }

            if (bounds.isValid()) {
                const legendBox = legend.getContainer();
                const legendWidth = legendBody && !legendBody.hidden && legendBox ? legendBox.offsetWidth : 0;
                map.fitBounds(bounds, { paddingTopLeft: [50, 30], paddingBottomRight: [legendWidth + 30, 30], maxZoom: 10, animate: !(fitOptions && fitOptions.animate === false) });
            }
        }

        return { map, ready, showNotice, hideNotice, noticeLayer, fit, zones: () => zoneList.slice(), partyColour: (p) => partyColour(parties, p), el };
    }

    // ---- text shared by the notice pages: the same words as NoticeDisplay on the server ----------------------------

    function utc(instant) {
        return new Date(instant).toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC");
    }

    function time(instant) {
        return el("time", { datetime: new Date(instant).toISOString().replace(/\.\d+Z$/, "Z") }, utc(instant));
    }

    /** A duration in seconds as people read it: "55 min", "2 h 5 min", "1 d 3 h". The same text as NoticeDisplay.Span. */
    function span(seconds) {
        const minutes = Math.round(seconds / 60);
        if (minutes < 60) {
            return `${minutes} min`;
        }

        const hours = Math.floor(minutes / 60);
        if (hours < 24) {
            return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
        }

        const days = Math.floor(hours / 24);
        return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
    }

    /** Seconds in an ISO 8601 duration such as PT1H or P1DT2H30M (days, hours, minutes and seconds only). */
    function isoSeconds(duration) {
        const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration || "");
        return m ? (Number(m[1] || 0) * 86400) + (Number(m[2] || 0) * 3600) + (Number(m[3] || 0) * 60) + Number(m[4] || 0) : 0;
    }

    function assetsText(assets) {
        const parts = Object.entries(assets || {}).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
        return parts.length > 0 ? parts.join(", ") : "no assets declared";
    }

    function noticeLink(id, text) {
        return el("a", { href: `/Notices/Notice?id=${encodeURIComponent(id)}` }, text || `#${id}`);
    }

    /** "late by 55 min (rule air-near-separation: at least 1 h ahead)". */
    function lateElement(late) {
        return el("div", { class: "late", "data-role": "late" }, `late by ${span(late.shortfallSeconds)}`,
            el("span", { class: "muted" }, ` (rule ${late.rule}: at least ${span(isoSeconds(late.requiredLead))} ahead)`));
    }

    /** A conflict: its reason code, the notices (linked) and zones it is with, and its sentence. */
    function conflictItem(c) {
        const item = el("li", { class: "conflict", "data-code": c.code }, el("code", {}, c.code));
        const notices = c.notices || [];
        const zones = c.zones || [];
        if (notices.length > 0) {
            item.append(" with ");
            notices.forEach((id, i) => item.append(...(i > 0 ? [", "] : []), noticeLink(id)));
        }

        if (zones.length > 0) {
            item.append(` ${notices.length > 0 ? "and " : ""}zone${zones.length > 1 ? "s" : ""} ${zones.join(", ")}`);
        }

        if (c.detail) {
            item.append(el("div", { class: "muted" }, c.detail));
        }

        return item;
    }

    function conflictList(conflicts) {
        const list = el("ul", { class: "conflicts", "data-role": "conflicts" });
        for (const c of conflicts || []) {
            list.append(conflictItem(c));
        }

        return list;
    }

    const format = { utc, time, span, isoSeconds, assetsText, noticeLink, lateElement, conflictItem, conflictList };

    window.LiaisonNoticeMap = { create, partyColour, rulesText, el, format, fetchJson };
}());
