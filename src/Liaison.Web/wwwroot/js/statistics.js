// The statistics page (Pages/Statistics): each of the mechanism's statistics endpoints over one period, as a table
// with one column per party, so the sides read side by side. Each endpoint answers per-party rows (an array, or an
// object holding one); nested figures are flattened to "group · figure"; seconds and TimeSpans are written as spans.
(function () {
    "use strict";

    const root = document.getElementById("statistics");
    if (!root || !window.LiaisonRecords) {
        return;
    }

    const R = window.LiaisonRecords;
    const { el } = R;
    const parties = (root.dataset.parties || "").split(" ").filter(Boolean);
    const sources = [
        { title: "Hotline responsiveness", url: "/api/v1/hotline/stats" },
        { title: "Incidents", url: "/api/v1/incidents/stats" },
        { title: "Disputes", url: "/api/v1/disputes/stats" },
    ];
    const period = document.getElementById("statistics-period");

    function rowsOf(answer) {
        if (Array.isArray(answer)) {
            return answer;
        }

        for (const key of ["parties", "sides", "items", "figures"]) {
            if (Array.isArray(answer[key])) {
                return answer[key];
            }
        }

        return [];
    }

    function partyOf(row) {
        const p = row.party ?? row.side;
        return typeof p === "object" && p !== null ? (p.value || JSON.stringify(p)) : String(p);
    }

    /** Flattens a row to [path, value] pairs of scalars, leaving out the party itself. */
    function flatten(value, path, out) {
        if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            for (const [k, v] of Object.entries(value)) {
                if (path === "" && (k === "party" || k === "side")) {
                    continue;
                }

                flatten(v, path ? `${path} · ${k}` : k, out);
            }
        } else if (!Array.isArray(value)) {
            out.push([path, value]);
        }

        return out;
    }

    function words(path) {
        return path.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
    }

    function cell(path, value) {
        if (value === null || value === undefined) {
            return "—";
        }

        if (typeof value === "number" && /seconds$/i.test(path)) {
            return R.span(value);
        }

        if (typeof value === "string") {
            const m = /^(?:(\d+)\.)?(\d\d):(\d\d):(\d\d)(?:\.\d+)?$/.exec(value);
            if (m) {
                return R.span((Number(m[1] || 0) * 86400) + (Number(m[2]) * 3600) + (Number(m[3]) * 60) + Number(m[4]));
            }

            if (R.isoSeconds(value) !== null && value.startsWith("P")) {
                return R.span(R.isoSeconds(value));
            }
        }

        return typeof value === "number" && !Number.isInteger(value) ? value.toFixed(2) : String(value);
    }

    function table(source, answer, query) {
        const rows = rowsOf(answer);
        const columns = rows.map(partyOf);
        const figures = new Map();
        rows.forEach((row, i) => {
            for (const [path, value] of flatten(row, "", [])) {
                if (!figures.has(path)) {
                    figures.set(path, new Array(rows.length).fill(null));
                }

                figures.get(path)[i] = value;
            }
        });
        const head = el("tr", {}, el("th", {}, "Figure"), ...columns.map((p) => el("th", { class: "num" }, R.partyBadge(p, parties))));
        const body = [...figures.entries()].map(([path, values]) =>
            el("tr", { "data-figure": path }, el("th", { scope: "row" }, words(path)), ...values.map((v) => el("td", { class: "num" }, cell(path, v)))));
        return el("section", { "data-source": source.url },
            el("h2", {}, source.title, " ", el("a", { class: "muted", href: `${source.url}?${query}` }, "(JSON)")),
            rows.length > 0 ? el("table", { class: "stats" }, el("thead", {}, head), el("tbody", {}, ...body)) : el("p", { class: "muted" }, "No figures for this period."));
    }

    async function load() {
        const params = new URLSearchParams();
        const from = period.elements.from.value;
        const to = period.elements.to.value;
        if (from) {
            params.set("from", new Date(`${from}T00:00:00Z`).toISOString());
        }

        if (to) {
            params.set("to", new Date(Date.parse(`${to}T00:00:00Z`) + 86400000).toISOString());
        }

        const query = params.toString();
        const holder = document.getElementById("statistics-tables");
        const sections = await Promise.all(sources.map(async (source) => {
            try {
                return table(source, await R.fetchJson(`${source.url}?${query}`), query);
            } catch (e) {
                return el("section", { "data-source": source.url }, el("h2", {}, source.title), el("p", { class: "error" }, e.message));
            }
        }));
        holder.replaceChildren(...sections);
        root.dataset.ready = "true";
    }

    period.addEventListener("change", () => load());
    load();
}());
