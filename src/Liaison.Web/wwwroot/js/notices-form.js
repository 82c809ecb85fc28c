// The notice form (Pages/Notices/New): the area drawn on the map (wwwroot/js/draw.js) or pasted as GeoJSON, checks for
// obvious mistakes before signing, then a notice.file entry signed in this browser with window.LiaisonSigning.submit
// (wwwroot/js/signing.js) and the server's answer: the notice's id, whether it is late and by how much, its conflicts.
// On refusal the server's problem detail is what the user sees. The server decides; these checks only save a round trip.
(function () {
    "use strict";

    const root = document.getElementById("notice-form-page");
    const form = document.getElementById("notice-form");
    if (!root || !form || typeof L === "undefined" || !window.LiaisonNoticeMap || !window.LiaisonDraw) {
        return;
    }

    const NM = window.LiaisonNoticeMap;
    const { el, format } = NM;
    const AIRBORNE = ["air-sortie", "uav"];
    const FIRES_THROUGH_AIRSPACE = ["live-fire", "artillery", "strike"];
    const ALTITUDE_CEILING = 30000;
    const MAX_RADIUS = 500000;
    const parties = (root.dataset.parties || "").split(" ").filter(Boolean);
    const replaces = root.dataset.replaces ? Number(root.dataset.replaces) : null;

    const noticeMap = NM.create(document.getElementById("notice-map"), { parties });
    const pasted = L.layerGroup().addTo(noticeMap.map);
    let drawn = null;
    const drawing = window.LiaisonDraw.attach(noticeMap.map, document.getElementById("draw-toolbar"), (geometry) => {
        drawn = geometry;
        if (geometry) {
            form.elements.geojson.value = "";
            pasted.clearLayers();
        }

        showAreaState();
    });

    // The active notices the party may see, so the filer sees what the new notice would meet.
    NM.fetchJson("/api/v1/notices?active=true").then((views) => {
        for (const v of views) {
            noticeMap.showNotice(v, (x) => el("div", {}, format.noticeLink(x.id, `#${x.id} ${x.party} ${x.kind}`), el("div", {}, x.status)));
        }
    }).catch(() => { /* the form works without them */ });
    // Fitted without animation: a vertex clicked while the map still zoomed would land somewhere else, or be lost.
    noticeMap.ready.then(() => {
        noticeMap.fit({ animate: false });
        root.dataset.mapSettled = "true";
    });

    // ---- the area ---------------------------------------------------------------------------------------------------

    class AreaError extends Error { }

    function checkPosition(p, path) {
        if (!Array.isArray(p) || p.length < 2 || p.length > 3 || p.some((n) => typeof n !== "number" || !Number.isFinite(n))) {
            throw new AreaError(`${path} is not a position [longitude, latitude].`);
        }

        if (p[0] < -180 || p[0] > 180) {
            throw new AreaError(`${path}: longitude ${p[0]} is outside -180..180 (GeoJSON writes longitude first).`);
        }

        if (p[1] < -90 || p[1] > 90) {
            throw new AreaError(`${path}: latitude ${p[1]} is outside -90..90 (GeoJSON writes longitude first).`);
        }
    }

    function checkPolygon(rings, path) {
        if (!Array.isArray(rings) || rings.length === 0) {
            throw new AreaError(`${path} has no rings: a polygon is a list of linear rings, the first its outline.`);
        }

        rings.forEach((ring, r) => {
            const at = `${path}[${r}]`;
            if (!Array.isArray(ring) || ring.length < 4) {
                throw new AreaError(`${at} has fewer than 4 positions: a ring needs at least 3 corners and its first position again at the end.`);
            }

            ring.forEach((p, i) => checkPosition(p, `${at}[${i}]`));
            const first = ring[0];
            const last = ring[ring.length - 1];
            if (first[0] !== last[0] || first[1] !== last[1]) {
                throw new AreaError(`${at} is not closed: its last position must repeat its first.`);
            }
        });
    }

    /**
     * The area of pasted GeoJSON as the notice body wants it: { area, radiusMetres? }. A Feature gives its geometry (a
     * point's radius may be its "radiusMetres" property); a FeatureCollection or GeometryCollection of polygons becomes
     * one MultiPolygon.
     */
    function readArea(text) {
        let doc;
        try {
            doc = JSON.parse(text);
        } catch (error) {
            throw new AreaError(`The pasted text is not JSON: ${error.message}`);
        }

        if (!doc || typeof doc !== "object" || typeof doc.type !== "string") {
            throw new AreaError("The pasted JSON is not GeoJSON: it has no \"type\".");
        }

        let radius = null;
        let geometries;
        switch (doc.type) {
            case "Feature":
                if (!doc.geometry) {
                    throw new AreaError("The Feature has no geometry.");
                }

                geometries = [doc.geometry];
                radius = doc.properties && typeof doc.properties.radiusMetres === "number" ? doc.properties.radiusMetres : null;
                break;
            case "FeatureCollection":
                if (!Array.isArray(doc.features) || doc.features.length === 0) {
                    throw new AreaError("The FeatureCollection has no features.");
                }

                geometries = doc.features.map((f, i) => {
                    if (!f || !f.geometry) {
                        throw new AreaError(`features[${i}] has no geometry.`);
                    }

                    return f.geometry;
                });
                if (geometries.length === 1 && doc.features[0].properties && typeof doc.features[0].properties.radiusMetres === "number") {
                    radius = doc.features[0].properties.radiusMetres;
                }

                break;
            case "GeometryCollection":
                geometries = doc.geometries || [];
                break;
            default:
                geometries = [doc];
                if (typeof doc.radiusMetres === "number") {
                    radius = doc.radiusMetres;
                }
        }

        if (geometries.length === 1 && geometries[0].type === "Point") {
            checkPosition(geometries[0].coordinates, "the point");
            return { area: { type: "Point", coordinates: geometries[0].coordinates.slice(0, 2) }, point: true, radius };
        }

        const polygons = [];
        geometries.forEach((g, i) => {
            const path = geometries.length > 1 ? `geometry ${i + 1}` : "the polygon";
            if (g.type === "Polygon") {
                checkPolygon(g.coordinates, path);
                polygons.push(g.coordinates);
            } else if (g.type === "MultiPolygon") {
                if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) {
                    throw new AreaError(`${path} is an empty MultiPolygon.`);
                }

                g.coordinates.forEach((p, j) => checkPolygon(p, `${path}, polygon ${j + 1}`));
                polygons.push(...g.coordinates);
            } else if (g.type === "Point") {
                throw new AreaError("A point with a radius must be the only geometry.");
            } else {
                throw new AreaError(`${g.type || "a geometry without a type"} is not an area: paste a Polygon, a MultiPolygon, or a Point with a radius.`);
            }
        });

        return {
            area: polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0] } : { type: "MultiPolygon", coordinates: polygons },
            point: false,
            radius: null,
        };
    }

    const areaState = document.getElementById("area-state");
    const radiusField = document.getElementById("radius-field");

    /** The area the form would send: { area, radiusMetres? } or { error }. */
    function currentArea() {
        const text = form.elements.geojson.value.trim();
        if (text) {
            try {
                const read = readArea(text);
                radiusField.hidden = !read.point;
                if (read.point && read.radius !== null && !form.elements.radiusMetres.value) {
                    form.elements.radiusMetres.value = String(read.radius);
                }

                if (read.point) {
                    const radius = Number(form.elements.radiusMetres.value);
                    if (!form.elements.radiusMetres.value || !(radius >= 1 && radius <= MAX_RADIUS)) {
                        return { error: `A point needs a radius from 1 to ${MAX_RADIUS.toLocaleString("en")} metres.`, preview: read };
                    }

                    return { area: read.area, radiusMetres: radius, preview: read };
                }

                return { area: read.area, preview: read };
            } catch (error) {
                radiusField.hidden = true;
                return { error: error.message };
            }
        }

        radiusField.hidden = true;
        if (drawing.hasOpenRing()) {
            return { error: "The polygon being drawn is not closed: close it, or undo its vertices." };
        }

        return drawn ? { area: drawn } : { error: "No area: draw one on the map or paste GeoJSON." };
    }

    function showAreaState() {
        const area = currentArea();
        pasted.clearLayers();
        if (area.preview) {
            const radius = area.radiusMetres;
            if (area.preview.point) {
                const [lon, lat] = area.preview.area.coordinates;
                (radius ? L.circle([lat, lon], { radius, color: "#0b5cad" }) : L.circleMarker([lat, lon], { color: "#0b5cad" })).addTo(pasted);
            } else {
                L.geoJSON(area.preview.area, { style: { color: "#0b5cad", weight: 2, fillOpacity: 0.25 } }).addTo(pasted);
            }

            const bounds = L.featureGroup(pasted.getLayers()).getBounds();
            if (bounds.isValid()) {
                noticeMap.map.fitBounds(bounds.pad(0.5), { maxZoom: 12 });
            }
        }

        areaState.classList.toggle("error", Boolean(area.error) && (form.elements.geojson.value.trim() !== "" || drawing.hasOpenRing()));
        areaState.textContent = area.error
            ? area.error
            : area.area.type === "Point" ? `A circle of ${area.radiusMetres} m around the point.`
                : `${area.area.type} with ${area.area.type === "Polygon" ? 1 : area.area.coordinates.length} polygon(s), ${form.elements.geojson.value.trim() ? "pasted" : "drawn"}.`;
    }

    form.elements.geojson.addEventListener("input", () => {
        if (form.elements.geojson.value.trim()) {
            drawing.clear();
        }

        showAreaState();
    });
    form.elements.radiusMetres.addEventListener("input", showAreaState);

    // ---- the other fields -------------------------------------------------------------------------------------------

    function showAltitude() {
        const kind = form.elements.kind.value;
        const need = document.getElementById("altitude-need");
        const fieldset = document.getElementById("altitude");
        fieldset.hidden = !AIRBORNE.includes(kind) && !FIRES_THROUGH_AIRSPACE.includes(kind);
        need.textContent = AIRBORNE.includes(kind) ? "(required for air sorties and UAVs)" : "(optional: the airspace the fire passes through)";
    }

    form.elements.kind.addEventListener("change", showAltitude);
    showAltitude();

    /** An instant from a datetime-local value read as UTC, or NaN. */
    function utcValue(value) {
        return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) ? Date.parse(`${value}${value.length === 16 ? ":00" : ""}Z`) : NaN;
    }

    function toLocalInput(iso) {
        return new Date(iso).toISOString().slice(0, 16);
    }

    /** The body of the notice.file entry and the list of obvious mistakes. */
    function collect() {
        const problems = [];
        const kind = form.elements.kind.value;
        const body = { kind };
        const area = currentArea();
        if (area.error) {
            problems.push(area.error);
        } else {
            body.area = area.area;
            if (area.radiusMetres) {
                body.radiusMetres = area.radiusMetres;
            }
        }

        const start = utcValue(form.elements.start.value);
        const end = utcValue(form.elements.end.value);
        if (Number.isNaN(start) || Number.isNaN(end)) {
            problems.push("The window needs a start and an end (UTC).");
        } else if (end <= start) {
            problems.push("The window ends before or when it starts.");
        } else {
            body.window = { start: new Date(start).toISOString().replace(".000Z", "Z"), end: new Date(end).toISOString().replace(".000Z", "Z") };
        }

        const altitudeShown = !document.getElementById("altitude").hidden;
        const min = form.elements.altMin.value;
        const max = form.elements.altMax.value;
        if (altitudeShown && (min !== "" || max !== "" || AIRBORNE.includes(kind))) {
            const a = Number(min);
            const b = Number(max);
            if (min === "" || max === "") {
                problems.push(`An ${kind} needs an altitude band: from and to, in metres.`);
            } else if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b > ALTITUDE_CEILING || b <= a) {
                problems.push(`The altitude band must be whole metres with 0 ≤ from < to ≤ ${ALTITUDE_CEILING.toLocaleString("en")}.`);
            } else {
                body.altitude = { minMetres: a, maxMetres: b };
            }
        }

        const assets = {};
        for (const input of form.querySelectorAll('input[name^="asset:"]')) {
            if (input.value === "") {
                continue;
            }

            const n = Number(input.value);
            const name = input.name.slice("asset:".length);
            if (!Number.isInteger(n) || n < 0) {
                problems.push(`${name} must be a whole number, 0 or more.`);
            } else if (n > 0) {
                assets[name] = n;
            }
        }

        if (Object.keys(assets).length > 0) {
            body.assets = assets;
        } else if (kind === "ground-movement") {
            problems.push("A ground movement must list the forces it moves (troops, tanks, artillery …).");
        }

        if (kind === "artillery" && !(assets["short-range-artillery"] > 0 || assets["heavy-artillery"] > 0)) {
            problems.push("An artillery notice must count its pieces by class (short-range-artillery, heavy-artillery).");
        }

        const text = form.elements.text.value.trim();
        if (text) {
            body.text = text;
            body.lang = form.elements.lang.value;
        }

        body.selfDefence = form.elements.selfDefence.checked;
        if (replaces) {
            body.replaces = replaces;
        }

        return { body, problems };
    }

    function audience() {
        const fixed = (root.dataset.audience || "").split(" ").filter(Boolean);
        const observers = [...form.querySelectorAll('input[name="observer"]:checked')].map((i) => i.value);
        return [...fixed, ...observers];
    }

    // ---- an amendment starts from the notice it replaces ------------------------------------------------------------

    if (replaces) {
        NM.fetchJson(`/api/v1/notices/${replaces}`).then((v) => {
            form.elements.kind.value = v.kind;
            form.elements.start.value = toLocalInput(v.window.start);
            form.elements.end.value = toLocalInput(v.window.end);
            if (v.altitude) {
                form.elements.altMin.value = String(v.altitude.minMetres);
                form.elements.altMax.value = String(v.altitude.maxMetres);
            }

            for (const [name, n] of Object.entries(v.assets || {})) {
                const input = form.elements[`asset:${name}`];
                if (input) {
                    input.value = String(n);
                }
            }

            form.elements.text.value = v.text || "";
            if (v.lang && [...form.elements.lang.options].some((o) => o.value === v.lang)) {
                form.elements.lang.value = v.lang;
            }

            form.elements.selfDefence.checked = Boolean(v.selfDefence);
            // An amendment goes to the audience of the notice it replaces, no more and no less (the server requires it).
            for (const input of form.querySelectorAll('input[name="observer"]')) {
                input.checked = (v.audience || []).includes(input.value);
                input.disabled = true;
            }

            if (v.area) {
                form.elements.geojson.value = JSON.stringify(v.area);
            }

            showAltitude();
            showAreaState();
        }).catch((error) => {
            areaState.textContent = `The notice to amend could not be read: ${error.message}`;
        });
    }

    // ---- submit -----------------------------------------------------------------------------------------------------

    const checks = document.getElementById("form-checks");
    const answer = document.getElementById("answer");
    const submit = form.querySelector('button[type="submit"]');

    function showAnswer(v, seq) {
        answer.hidden = false;
        answer.className = "answer filed";
        answer.removeAttribute("role");
        answer.replaceChildren(
            el("h2", {}, "Filed: ", format.noticeLink(v ? v.id : seq, `notice #${v ? v.id : seq}`)),
        );
        if (!v) {
            answer.append(el("p", { class: "muted" }, "The notice is in the record; its assessment could not be read yet. Open it to see it."));
            return;
        }

        answer.dataset.id = String(v.id);
        answer.append(el("p", {}, `Status: ${v.status}.`));
        if (v.late) {
            answer.append(format.lateElement(v.late));
        } else {
            answer.append(el("p", { "data-role": "on-time" }, "On time: the required lead time was met."));
        }

        if (v.conflicts && v.conflicts.length > 0) {
            answer.append(el("p", { class: "late" }, `${v.conflicts.length} conflict(s):`), format.conflictList(v.conflicts));
        } else {
            answer.append(el("p", { "data-role": "no-conflicts" }, "No conflicts with other notices or zones."));
        }

        answer.append(el("p", {}, el("a", { href: "/Notices" }, "Back to the map")));
    }

    function showRefusal(error) {
        answer.hidden = false;
        answer.className = "answer refused";
        answer.setAttribute("role", "alert");
        const problem = error && error.problem ? error.problem : null;
        answer.replaceChildren(el("h2", {}, problem && problem.title ? `Refused: ${problem.title}` : "Not filed"),
            el("p", { class: "error", "data-role": "problem-detail" }, (error && (error.detail || error.message)) || String(error)));
        if (problem && problem.type) {
            answer.append(el("p", { class: "muted" }, el("code", {}, problem.type)));
        }

        if (problem && (problem.type || "").includes("key")) {
            answer.append(el("p", {}, "This browser signs with your own key: ", el("a", { href: "/Account/SigningKey" }, "set it up on the Signing key page"), "."));
        }
    }

    form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const { body, problems } = collect();
        checks.replaceChildren(...problems.map((p) => el("li", {}, p)));
        if (problems.length > 0) {
            return;
        }

        if (!window.LiaisonSigning) {
            showRefusal(new Error("Signing is not available on this page (signing.js did not load)."));
            return;
        }

        submit.disabled = true;
        answer.hidden = true;
        try {
            const accepted = await window.LiaisonSigning.submit({ type: "notice.file", audience: audience(), body });
            let view = null;
            try {
                view = await NM.fetchJson(`/api/v1/notices/${accepted.seq}`);
            } catch {
                view = null;
            }

            showAnswer(view, accepted.seq);
        } catch (error) {
            showRefusal(error);
        } finally {
            submit.disabled = false;
        }
    });

    showAreaState();
    root.dataset.ready = "true";
    window.LiaisonNoticeForm = { readArea, collect, drawing };
}());
