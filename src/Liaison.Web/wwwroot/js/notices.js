// The notice map page (Pages/Notices/Index): notices on the map (wwwroot/js/notices-map.js), a side list with status,
// lateness and conflicts, filters, a timeline of horizontal bars, and live updates pushed by the hub at /hubs/notices
// (method "notice", a NoticeView, whenever a notice is filed, answered, amended or cancelled). The page's list is
// rendered by the server; this script takes it over, adds what arrives, and keeps map, list and timeline in step.
// Text written by people is only ever set with textContent, in elements with dir="auto" and its lang.
(function () {
    "use strict";

    const root = document.getElementById("notices");
    if (!root || typeof L === "undefined" || !window.LiaisonNoticeMap) {
        return;
    }

    const NM = window.LiaisonNoticeMap;
    const el = NM.el;
    const parties = (root.dataset.parties || "").split(" ").filter(Boolean);
    const serverNow = Date.parse(root.dataset.serverNow);
    const clockOffset = Number.isNaN(serverNow) ? 0 : serverNow - Date.now();
    const now = () => Date.now() + clockOffset;
    const ENDED = ["cancelled", "superseded", "completed"];
    const HOUR = 3600 * 1000;

    const views = new Map();
    const filters = { show: root.dataset.show || "active", party: root.dataset.party || "", kind: root.dataset.kind || "" };

    const mapElement = document.getElementById("notice-map");
    const noticeMap = NM.create(mapElement, { parties });

    const { utc, time, span, assetsText, noticeLink, lateElement, conflictList } = NM.format;

    // ---- the list --------------------------------------------------------------------------------------------------

    function listItem(v) {
        const conflicted = v.conflicts && v.conflicts.length > 0;
        const item = el("li", {
            class: `notice-item status-${v.status}${conflicted ? " has-conflicts" : ""}`,
            "data-id": String(v.id), "data-party": v.party, "data-kind": v.kind, "data-status": v.status, "data-testid": "notice",
        });
        item.style.borderInlineStartColor = noticeMap.partyColour(v.party);
        const head = el("div", { class: "notice-head" },
            noticeLink(v.id), " ", el("strong", {}, v.party), " ", el("span", { class: "kind" }, v.kind), " ",
            el("span", { class: `status status-${v.status}`, "data-role": "status" }, v.status));
        if (v.selfDefence) {
            head.append(" ", el("span", { class: "tag self-defence" }, "self-defence"));
        }

        item.append(head);
        item.append(el("div", { class: "window" }, time(Date.parse(v.window.start)), " → ", time(Date.parse(v.window.end))));
        if (v.altitude) {
            item.append(el("div", { class: "muted" }, `altitude ${v.altitude.minMetres}–${v.altitude.maxMetres} m`));
        }

        item.append(el("div", { class: "muted" }, assetsText(v.assets)));
        if (v.late) {
            item.append(lateElement(v.late));
        }

        if (v.replaces) {
            item.append(el("div", { class: "muted" }, "amends ", noticeLink(v.replaces)));
        }

        if (v.replacedBy) {
            item.append(el("div", { class: "muted" }, "amended by ", noticeLink(v.replacedBy)));
        }

        if (conflicted) {
            item.append(conflictList(v.conflicts));
        }

        if (v.text) {
            item.append(el("div", { dir: "auto", lang: v.lang || null, class: "user-text" }, v.text));
        }

        item.addEventListener("mouseenter", () => highlight(v.id, true));
        item.addEventListener("mouseleave", () => highlight(v.id, false));
        return item;
    }

    function highlight(id, on) {
        const layer = noticeMap.noticeLayer(id);
        if (layer) {
            layer.setStyle({ weight: on ? 5 : (views.get(id)?.conflicts?.length ? 3 : 2) });
        }
    }

    function isActive(v) {
        return !ENDED.includes(v.status) && Date.parse(v.window.end) > now();
    }

    function shown(v) {
        return (filters.show === "all" || isActive(v))
            && (!filters.party || v.party === filters.party)
            && (!filters.kind || v.kind === filters.kind);
    }

    function popup(v) {
        const box = el("div", { class: "notice-popup" }, el("strong", {}, noticeLink(v.id, `#${v.id} ${v.party} ${v.kind}`)), el("div", {}, v.status));
        box.append(el("div", {}, time(Date.parse(v.window.start)), " → ", time(Date.parse(v.window.end))));
        if (v.late) {
            box.append(el("div", { class: "late" }, `late by ${span(v.late.shortfallSeconds)}`));
        }

        if (v.conflicts && v.conflicts.length > 0) {
            box.append(conflictList(v.conflicts));
        }

        return box;
    }

    function render() {
        const list = document.getElementById("notice-list");
        const items = [...views.values()].filter(shown).sort((a, b) => b.id - a.id);
        list.replaceChildren(...items.map(listItem));
        document.getElementById("notice-empty").hidden = items.length > 0;
        for (const v of views.values()) {
            if (shown(v)) {
                noticeMap.showNotice(v, popup);
            } else {
                noticeMap.hideNotice(v.id);
            }
        }

        renderTimeline(items);
        root.dataset.shown = String(items.length);
    }

    // ---- the timeline ----------------------------------------------------------------------------------------------

    function renderTimeline(items) {
        const box = document.getElementById("notice-timeline");
        if (!box) {
            return;
        }

        // From yesterday to three days ahead, widened to the notices shown (at most a week back and a month ahead).
        const at = now();
        const DAY = 24 * HOUR;
        const starts = items.map((v) => Date.parse(v.window.start));
        const ends = items.map((v) => Date.parse(v.window.end));
        const from = Math.floor(Math.max(Math.min(at - DAY, ...starts), at - 7 * DAY) / DAY) * DAY;
        const to = Math.ceil(Math.min(Math.max(at + 3 * DAY, ...ends), at + 31 * DAY) / DAY) * DAY;
        const pos = (t) => `${(Math.min(Math.max(t, from), to) - from) / (to - from) * 100}%`;
        const every = Math.max(1, Math.ceil((to - from) / DAY / 10));
        const scale = el("div", { class: "tl-scale" });
        for (let day = from; day < to; day += every * DAY) {
            scale.append(el("span", { class: "tl-tick", style: `inset-inline-start:${pos(day)}` }, new Date(day).toISOString().slice(5, 10)));
        }

        root.dataset.timelineFrom = new Date(from).toISOString();
        root.dataset.timelineTo = new Date(to).toISOString();
        const rows = el("div", { class: "tl-rows" });
        for (const v of items.slice().sort((a, b) => Date.parse(a.window.start) - Date.parse(b.window.start))) {
            const start = Date.parse(v.window.start);
            const end = Date.parse(v.window.end);
            const bar = el("a", {
                class: `tl-bar${v.conflicts && v.conflicts.length ? " has-conflicts" : ""} status-${v.status}`,
                href: `/Notices/Notice?id=${v.id}`,
                title: `#${v.id} ${v.party} ${v.kind}: ${utc(start)} → ${utc(end)}`,
                style: `inset-inline-start:${pos(start)};width:calc(${pos(end)} - ${pos(start)});background:${noticeMap.partyColour(v.party)}`,
                "data-id": String(v.id),
            });
            bar.classList.toggle("clipped-start", start < from);
            bar.classList.toggle("clipped-end", end > to);
            const outside = end <= from || start >= to;
            rows.append(el("div", { class: "tl-row", "data-id": String(v.id) },
                el("span", { class: "tl-label" }, `#${v.id} ${v.party} ${v.kind}`),
                el("div", { class: "tl-track" }, outside ? el("span", { class: "muted tl-outside" }, start >= to ? "later →" : "← earlier") : bar)));
        }

        const nowLine = el("div", { class: "tl-now", style: `inset-inline-start:${pos(at)}`, title: `now: ${utc(at)}` });
        box.replaceChildren(el("div", { class: "tl-head" }, el("span", { class: "tl-label" }, "UTC"), el("div", { class: "tl-track" }, scale)),
            el("div", { class: "tl-body" }, rows, el("div", { class: "tl-now-track" }, nowLine)));
        if (items.length === 0) {
            box.append(el("p", { class: "muted" }, "No notices to show."));
        }
    }

    // ---- data and live updates -------------------------------------------------------------------------------------

    function upsert(v) {
        views.set(v.id, v);
    }

    const announcer = document.getElementById("live-announce");
    function announce(text) {
        if (announcer) {
            announcer.textContent = text;
        }
    }

    function onNotice(v) {
        const known = views.has(v.id);
        upsert(v);
        if (v.replaces && views.has(v.replaces)) {
            const old = views.get(v.replaces);
            upsert(Object.assign({}, old, { replacedBy: v.id, status: old.status === "cancelled" ? old.status : "superseded" }));
        }

        render();
        const item = document.querySelector(`#notice-list [data-id="${v.id}"]`);
        if (item) {
            item.classList.add("arrived");
        }

        const conflicts = v.conflicts && v.conflicts.length ? `, ${v.conflicts.length} conflict(s): ${v.conflicts.map((c) => c.code).join(", ")}` : "";
        const late = v.late ? `, late by ${span(v.late.shortfallSeconds)}` : "";
        announce(`${known ? "Notice updated" : "New notice"} #${v.id} from ${v.party}: ${v.kind}, ${v.status}${late}${conflicts}`);
    }

    async function load() {
        const embedded = document.getElementById("notices-data");
        let data = null;
        if (embedded) {
            try {
                data = JSON.parse(embedded.textContent);
            } catch {
                data = null;
            }
        }

        if (!Array.isArray(data)) {
            const response = await fetch(`/api/v1/notices${filters.show === "all" ? "" : "?active=true"}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
            if (!response.ok) {
                throw new Error(`notices: ${response.status}`);
            }

            data = await response.json();
        }

        for (const v of data) {
            upsert(v);
        }

        render();
    }

    // Filters apply at once without a reload; the form still works without JavaScript.
    const form = document.getElementById("notice-filters");
    if (form) {
        form.addEventListener("change", () => {
            const reload = form.elements.show.value !== filters.show && form.elements.show.value === "all";
            filters.show = form.elements.show.value;
            filters.party = form.elements.party.value;
            filters.kind = form.elements.kind.value;
            const query = new URLSearchParams(new FormData(form));
            history.replaceState(null, "", `${location.pathname}?${query}`);
            if (reload) {
                // Ended notices are not on the page yet.
                location.reload();
                return;
            }

            render();
        });
    }

    const loaded = load().catch((error) => {
        root.dataset.error = String(error.message || error);
        document.getElementById("notice-load-error")?.replaceChildren(`Notices could not be loaded: ${error.message || error}`);
        render();
    });

    Promise.allSettled([loaded, noticeMap.ready]).then(() => {
        noticeMap.fit();
        root.dataset.ready = "true";
    });

    // Keep "active" honest as windows end, and the timeline's now line moving.
    setInterval(render, 60 * 1000);

    window.LiaisonLive.connect(root, "notice", onNotice);
}());
