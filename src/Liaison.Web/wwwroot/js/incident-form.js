// The incident report form (Pages/Incidents/New): builds the incident.report body as `liaison incident report` does
// (category, time, location or a gazetteer place, actors, casualties as ranges per side, grading, concerns, narrative),
// checks what the browser can before signing, signs it with this browser's key (signing.js) and shows the server's
// answer: the incident's id, status and acknowledgement deadline, or the server's refusal in its own words.
(function () {
    "use strict";

    const root = document.getElementById("incident-form-page");
    const form = document.getElementById("incident-form");
    if (!root || !form || !window.LiaisonRecords) {
        return;
    }

    const R = window.LiaisonRecords;
    const { el } = R;
    const parties = (root.dataset.parties || "").split(" ").filter(Boolean);
    const audience = (root.dataset.audience || "").split(" ").filter(Boolean);
    const checks = document.getElementById("form-checks");
    const answer = document.getElementById("answer");
    const submit = form.querySelector('button[type="submit"]');

    // The default time: the last full hour, UTC, as a datetime-local value.
    const now = new Date();
    now.setUTCMinutes(0, 0, 0);
    form.elements.start.value = now.toISOString().slice(0, 16);

    // ---- the map: a click sets the point -------------------------------------------------------------------------------

    const incidentMap = window.LiaisonNoticeMap && typeof L !== "undefined"
        ? window.LiaisonNoticeMap.create(document.getElementById("incident-map"), { parties })
        : null;
    let marker = null;

    function showPoint() {
        const lon = Number(form.elements.lon.value);
        const lat = Number(form.elements.lat.value);
        if (!incidentMap || form.elements.lon.value === "" || form.elements.lat.value === "" || !Number.isFinite(lon) || !Number.isFinite(lat)) {
            return;
        }

        if (marker) {
            marker.setLatLng([lat, lon]);
        } else {
            marker = L.circleMarker([lat, lon], { radius: 8, weight: 3, fillOpacity: 0.6 }).addTo(incidentMap.map);
        }
    }

    if (incidentMap) {
        // Zones let clicks through to the map (map.css: .drawing), so a click on one places the point too.
        incidentMap.map.getContainer().classList.add("drawing");
        incidentMap.map.on("click", (e) => {
            form.elements.lon.value = e.latlng.lng.toFixed(5);
            form.elements.lat.value = e.latlng.lat.toFixed(5);
            showPoint();
        });
        incidentMap.ready.then(() => {
            root.dataset.mapReady = "true";
        });
    }

    form.elements.lon.addEventListener("change", showPoint);
    form.elements.lat.addEventListener("change", showPoint);

    // ---- the body -------------------------------------------------------------------------------------------------------

    const utc = R.utcInput;

    function range(row, what, problems) {
        const min = row.querySelector(`input[name="${what}-min"]`).value;
        const max = row.querySelector(`input[name="${what}-max"]`).value;
        if (min === "" && max === "") {
            return null;
        }

        const low = Number(min === "" ? max : min);
        const high = Number(max === "" ? min : max);
        if (!Number.isInteger(low) || !Number.isInteger(high) || low < 0 || high < low) {
            problems.push(`${row.dataset.side} ${what}: give whole numbers, the least first.`);
            return null;
        }

        return { min: low, max: high };
    }

    /** The body, or the problems the browser can tell before signing. */
    function collect() {
        const problems = [];
        const body = { category: form.elements.category.value };
        const start = utc(form.elements.start.value);
        if (!start) {
            problems.push("Say when it happened (From).");
        }

        body.time = { start };
        const end = utc(form.elements.end.value);
        if (end) {
            if (start && end <= start) {
                problems.push("'Until' must be after 'From'.");
            }

            body.time.end = end;
        }

        const lon = form.elements.lon.value;
        const lat = form.elements.lat.value;
        const place = form.elements.place.value.trim();
        if (lon !== "" || lat !== "") {
            if (lon === "" || lat === "" || !Number.isFinite(Number(lon)) || !Number.isFinite(Number(lat))) {
                problems.push("Give both longitude and latitude, in degrees.");
            } else {
                body.location = { type: "Point", coordinates: [Number(lon), Number(lat)] };
            }
        } else if (!place) {
            problems.push("Say where: click the map, type the coordinates, or give a place name.");
        }

        body.actors = [...form.querySelectorAll('input[name="actor"]:checked')].map((i) => i.value);
        const casualties = {};
        for (const row of form.querySelectorAll("tr[data-side]")) {
            const killed = range(row, "killed", problems);
            const wounded = range(row, "wounded", problems);
            if (killed || wounded) {
                casualties[row.dataset.side] = Object.assign({}, killed ? { killed } : {}, wounded ? { wounded } : {});
            }
        }

        if (Object.keys(casualties).length > 0) {
            body.casualties = casualties;
        }

        const narrative = form.elements.narrative.value.trim();
        if (narrative) {
            body.narrative = { text: narrative, lang: form.elements.lang.value };
        }

        body.grading = form.elements.reliability.value + form.elements.credibility.value;
        const concerns = [...form.querySelectorAll('input[name="concerns"]:checked')].map((i) => i.value);
        if (concerns.length > 0) {
            body.concerns = concerns;
        }

        return { body, place: body.location ? null : place, problems };
    }

    /** The location of a place name, as the CLI resolves it: the gazetteer's first match, or a problem naming the nearest. */
    async function locate(place) {
        const found = await R.fetchJson(`/api/v1/places?q=${encodeURIComponent(place)}`);
        if ((found.matches || []).length === 0) {
            const nearest = (found.nearest || []).map((p) => (p.within ? `${p.name} (${p.within})` : p.name));
            throw new Error(nearest.length > 0 ? `No place is named '${place}'; nearest: ${nearest.join(", ")}.` : `No place is named '${place}'.`);
        }

        const point = found.matches[0].point;
        return { type: "Point", coordinates: [point[0], point[1]] };
    }

    // ---- submit ----------------------------------------------------------------------------------------------------------

    function showRefusal(message) {
        answer.hidden = false;
        answer.className = "answer refused";
        answer.setAttribute("role", "alert");
        answer.replaceChildren(el("strong", {}, "Not recorded: "), message);
    }

    async function showReported(seq) {
        answer.hidden = false;
        answer.className = "answer filed";
        answer.removeAttribute("role");
        answer.dataset.id = String(seq);
        const parts = [el("h2", {}, "Reported: ", el("a", { href: `/Incidents/Incident?id=${seq}` }, `incident #${seq}`))];
        try {
            const v = await R.fetchJson(`/api/v1/incidents/${seq}`);
            parts.push(el("p", { "data-role": "status" }, `Status ${v.status}.`));
            if (v.deadline && v.deadline.due) {
                parts.push(el("p", {}, `${v.deadline.stage} due `, R.time(v.deadline.due), " ", R.countdown(v.deadline.due)));
            }
        } catch (e) {
            parts.push(el("p", { class: "muted" }, `Recorded as entry ${seq}; the incident could not be read back: ${e.message}`));
        }

        answer.replaceChildren(...parts);
    }

    form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const { body, place, problems } = collect();
        checks.replaceChildren(...problems.map((p) => el("li", {}, p)));
        if (problems.length > 0) {
            return;
        }

        submit.disabled = true;
        try {
            if (place) {
                body.location = await locate(place);
                body.placeName = place;
            }

            const accepted = await window.LiaisonSigning.submit({ type: "incident.report", audience, body });
            await showReported(accepted.seq);
        } catch (e) {
            showRefusal(e.message || String(e));
        } finally {
            submit.disabled = false;
        }
    });

    root.dataset.ready = "true";
}());
