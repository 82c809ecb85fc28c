// What the incident, dispute, verification and statistics pages share (window.LiaisonRecords): reading the JSON API,
// writing times, spans and live countdowns the same way as the notice and hotline pages, party and status badges, and
// one timeline of entries from several parties. Text from the server is only ever set with textContent.
(function () {
    "use strict";

    function el(tag, attributes, ...children) {
        const element = document.createElement(tag);
        for (const [name, value] of Object.entries(attributes || {})) {
            if (value !== null && value !== undefined && value !== false) {
                element.setAttribute(name, value === true ? "" : String(value));
            }
        }

        for (const child of children) {
            if (child !== null && child !== undefined && child !== false) {
                element.append(child instanceof Node ? child : String(child));
            }
        }

        return element;
    }

    /** GET a JSON document; a refusal rejects with an Error carrying the problem's detail (RFC 9457) and status. */
    async function fetchJson(url) {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (!response.ok) {
            let detail = `${response.status} ${response.statusText}`;
            try {
                const problem = await response.json();
                detail = problem.detail || problem.title || detail;
            } catch {
                // not a problem document: keep the status line
            }

            const error = new Error(detail);
            error.status = response.status;
            throw error;
        }

        return response.json();
    }

    function utc(instant) {
        return new Date(instant).toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC");
    }

    function time(instant) {
        if (!instant) {
            return el("span", { class: "muted" }, "—");
        }

        return el("time", { datetime: new Date(instant).toISOString().replace(/\.\d+Z$/, "Z") }, utc(instant));
    }

    /** A duration in seconds as people read it: "55 min", "2 h 5 min", "1 d 3 h" (the notice pages' words). */
    function span(seconds) {
        const minutes = Math.round(Math.abs(seconds) / 60);
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

    /** Seconds in an ISO 8601 duration such as PT1H or P1DT2H30M (days, hours, minutes and seconds). */
    function isoSeconds(duration) {
        const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration || "");
        return m ? (Number(m[1] || 0) * 86400) + (Number(m[2] || 0) * 3600) + (Number(m[3] || 0) * 60) + Number(m[4] || 0) : null;
    }

    /** "late by 3 h" from a lateness the API gives as seconds, an ISO duration, or { shortfallSeconds | shortfall }. */
    function lateText(late) {
        if (late === null || late === undefined || late === false) {
            return null;
        }

        let seconds = typeof late === "number" ? late : null;
        if (typeof late === "string") {
            seconds = isoSeconds(late);
        } else if (typeof late === "object") {
            seconds = late.shortfallSeconds ?? late.seconds ?? isoSeconds(late.shortfall || late.by || "");
        }

        return seconds === null || seconds === undefined ? "late" : `late by ${span(seconds)}`;
    }

    function countdownText(deadline, now) {
        const left = (deadline - now) / 1000;
        return left >= 0 ? `${span(left)} left` : `overdue by ${span(-left)}`;
    }

    /** A live countdown to an instant: "3 h 5 min left", then "overdue by 12 min" (ticks every second). */
    function countdown(deadline) {
        const at = Date.parse(deadline);
        const element = el("span", { class: "countdown", "data-deadline": new Date(at).toISOString() }, countdownText(at, Date.now()));
        paint(element, at, Date.now());
        return element;
    }

    function paint(element, at, now) {
        element.textContent = countdownText(at, now);
        element.classList.toggle("overdue", at < now);
        element.classList.toggle("due-soon", at >= now && at - now < 3600 * 1000);
    }

    setInterval(() => {
        const now = Date.now();
        for (const element of document.querySelectorAll(".record-page .countdown[data-deadline]")) {
            paint(element, Date.parse(element.dataset.deadline), now);
        }
    }, 1000);

    function statusBadge(status) {
        const code = String(status || "").toLowerCase();
        return el("span", { class: `status status-${code}`, "data-role": "status" }, code);
    }

    function partyBadge(party, parties) {
        const colour = window.LiaisonNoticeMap ? window.LiaisonNoticeMap.partyColour(parties || [], party) : "#475569";
        const badge = el("span", { class: "party-badge", "data-party": party }, party);
        badge.style.background = colour;
        return badge;
    }

    /** User text in any language: its own direction, its language tag. */
    function userText(text, lang, tag) {
        return el(tag || "div", { class: "user-text", dir: "auto", lang: lang || null }, text);
    }

    /**
     * One timeline of entries from several parties, oldest first: each item
     * { at, party, kind, title, text?, lang?, href?, seq?, late?, detail? } becomes a row with its time, party badge,
     * kind and text; rows of the viewer's party lean to the start, the others' to the end, so the two sides read apart.
     */
    function timeline(items, parties, viewerParty) {
        const list = el("ol", { class: "record-timeline", "data-testid": "timeline" });
        const sorted = [...items].sort((a, b) => (Date.parse(a.at) - Date.parse(b.at)) || ((a.seq ?? 0) - (b.seq ?? 0)));
        for (const item of sorted) {
            const side = item.party === viewerParty ? "own" : "other";
            const row = el("li", { class: `tl-item tl-${side} tl-kind-${String(item.kind || "").replace(/[^a-z0-9-]/gi, "-")}`, "data-party": item.party || "", "data-kind": item.kind || "", "data-seq": item.seq ?? "" },
                el("div", { class: "tl-when" }, time(item.at)),
                el("div", { class: "tl-what" },
                    item.party ? partyBadge(item.party, parties) : null, " ",
                    el("span", { class: "tl-kind" }, item.kind || ""), " ",
                    item.href ? el("a", { href: item.href }, item.title || "") : el("span", {}, item.title || ""),
                    item.seq !== undefined && item.seq !== null ? el("span", { class: "muted" }, ` (entry #${item.seq})`) : null,
                    item.late ? el("span", { class: "late", "data-role": "late" }, ` ${lateText(item.late)}`) : null,
                    item.detail ? el("div", { class: "muted" }, item.detail) : null,
                    item.text ? userText(item.text, item.lang) : null));
            list.append(row);
        }

        return list;
    }

    function showError(element, error) {
        element.hidden = false;
        element.textContent = error && error.message ? error.message : String(error);
    }

    /**
     * A redraw for live pushes: calls load() (returning a promise), one at a time; calls made while one runs become one
     * more run after it. Returns the running promise.
     */
    function coalesced(load) {
        let running = null;
        let again = false;
        const run = () => {
            if (running) {
                again = true;
                return running;
            }

            running = load().finally(() => {
                running = null;
                if (again) {
                    again = false;
                    run();
                }
            });
            return running;
        };
        return run;
    }

    /** A datetime-local input's value, read as UTC, as RFC 3339 ("2026-01-10T08:00" → "2026-01-10T08:00:00Z"); null when empty. */
    function utcInput(value) {
        return value ? `${value.length === 16 ? `${value}:00` : value}Z` : null;
    }

    window.LiaisonRecords = Object.freeze({ el, fetchJson, utc, time, span, isoSeconds, lateText, countdown, statusBadge, partyBadge, userText, timeline, showError, coalesced, utcInput });
}());
