// A small polygon drawing helper for a Leaflet map (no plugin): click to add vertices, "Undo" removes the last one,
// "Close" finishes the ring (so does clicking the first vertex), "Clear" starts again. Several polygons may be drawn;
// the result is a GeoJSON Polygon or MultiPolygon in longitude/latitude with closed rings.
// Exposes window.LiaisonDraw.attach(map, toolbarElement, onChange).
(function () {
    "use strict";

    function round(n) {
        return Math.round(n * 1e6) / 1e6;
    }

    /** The GeoJSON geometry of finished rings (each a list of [lon, lat]), or null when there are none. */
    function geometryOf(rings) {
        const polygons = rings.map((ring) => [[...ring, ring[0]]]);
        if (polygons.length === 0) {
            return null;
        }

        return polygons.length === 1
            ? { type: "Polygon", coordinates: polygons[0] }
            : { type: "MultiPolygon", coordinates: polygons };
    }

    function attach(map, toolbar, onChange) {
        const finished = [];
        let current = [];
        let drawing = false;
        const layer = L.layerGroup().addTo(map);

        const button = (label, action, testid) => {
            const b = document.createElement("button");
            b.type = "button";
            b.textContent = label;
            b.dataset.testid = testid;
            b.addEventListener("click", action);
            toolbar.append(b);
            return b;
        };

        const startButton = button("Draw an area", () => setDrawing(!drawing), "draw-start");
        const undoButton = button("Undo", undo, "draw-undo");
        const closeButton = button("Close polygon", close, "draw-close");
        const clearButton = button("Clear", clear, "draw-clear");
        const state = document.createElement("span");
        state.className = "draw-state";
        state.setAttribute("aria-live", "polite");
        toolbar.append(state);

        function setDrawing(on) {
            drawing = on;
            map.getContainer().classList.toggle("drawing", on);
            startButton.textContent = on ? "Stop drawing" : (finished.length > 0 ? "Draw another polygon" : "Draw an area");
            if (on) {
                map.doubleClickZoom.disable();
            } else {
                map.doubleClickZoom.enable();
            }

            redraw();
        }

        function redraw() {
            layer.clearLayers();
            for (const ring of finished) {
                L.polygon(ring.map(([lon, lat]) => [lat, lon]), { color: "#0b5cad", weight: 2, fillOpacity: 0.25, interactive: false }).addTo(layer);
            }

            if (current.length > 0) {
                const latlngs = current.map(([lon, lat]) => [lat, lon]);
                L.polyline(latlngs, { color: "#0b5cad", weight: 2, dashArray: "5 4", interactive: false }).addTo(layer);
                current.forEach(([lon, lat], i) => {
                    const marker = L.circleMarker([lat, lon], { radius: i === 0 ? 7 : 4, color: "#0b5cad", fillColor: i === 0 ? "#fff" : "#0b5cad", fillOpacity: 1, weight: 2, className: "draw-vertex" });
                    if (i === 0) {
                        marker.bindTooltip("click to close");
                        marker.on("click", (e) => {
                            L.DomEvent.stop(e);
                            close();
                        });
                    }

                    marker.addTo(layer);
                });
            }

            undoButton.disabled = current.length === 0 && finished.length === 0;
            closeButton.disabled = current.length < 3;
            clearButton.disabled = current.length === 0 && finished.length === 0;
            state.textContent = drawing
                ? (current.length === 0 ? "Click on the map to place the first vertex." : `${current.length} vertices; ${current.length < 3 ? "at least 3 to close" : "close the polygon when done"}.`)
                : (finished.length > 0 ? `${finished.length} polygon${finished.length > 1 ? "s" : ""} drawn.` : "");
        }

        function changed() {
            redraw();
            onChange(geometryOf(finished));
        }

        function undo() {
            if (current.length > 0) {
                current.pop();
            } else if (finished.length > 0) {
                // Reopen the last polygon, its vertices back in the making.
                current = finished.pop();
                setDrawing(true);
            }

            changed();
        }

        function close() {
            if (current.length < 3) {
                return;
            }

            finished.push(current);
            current = [];
            setDrawing(false);
            changed();
        }

        function clear() {
            finished.length = 0;
            current = [];
            changed();
        }

        map.on("click", (e) => {
            if (!drawing) {
                return;
            }

            // Zones and notices let clicks through while drawing (map.css: .drawing), so a click on one places a vertex:
            // Leaflet stops the map's click when a layer opens its popup.
            current.push([round(e.latlng.lng), round(e.latlng.lat)]);
            setTimeout(() => map.closePopup(), 0);
            redraw();
        });

        redraw();
        return {
            geometry: () => geometryOf(finished),
            hasOpenRing: () => current.length > 0,
            clear,
            // For tests and keyboard users: add a vertex at [lon, lat] as a click would.
            addVertex: (lon, lat) => {
                if (!drawing) {
                    setDrawing(true);
                }

                current.push([round(lon), round(lat)]);
                redraw();
            },
            close,
            undo,
        };
    }

    window.LiaisonDraw = { attach, geometryOf };
}());
