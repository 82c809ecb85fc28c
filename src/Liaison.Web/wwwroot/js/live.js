// Live updates over SignalR, shared by the hotline and notice pages (needs ../lib/signalr/signalr.min.js first).
// LiaisonLive.connect(root, eventName, onEvent): connects to root.dataset.hub, calls onEvent(payload) for each
// `eventName` message, and shows the connection's state in #live-state and root.dataset.live ("connecting…", "live",
// "reconnecting…", "offline: …", "unavailable" when the client library did not load). Reconnects automatically;
// retries a failed first connection every 5 s.
(function () {
    "use strict";

    window.LiaisonLive = {
        connect(root, eventName, onEvent) {
            const state = document.getElementById("live-state");
            const setState = (text) => {
                root.dataset.live = text;
                if (state) {
                    state.textContent = text;
                }
            };

            if (typeof signalR === "undefined") {
                setState("unavailable");
                return;
            }

            const connection = new signalR.HubConnectionBuilder()
                .withUrl(root.dataset.hub)
                .withAutomaticReconnect()
                .build();
            connection.on(eventName, onEvent);
            connection.onreconnecting(() => setState("reconnecting…"));
            connection.onreconnected(() => setState("live (reload to see what arrived while reconnecting)"));
            connection.onclose(() => setState("offline: reload the page"));

            async function start() {
                try {
                    setState("connecting…");
                    await connection.start();
                    setState("live");
                } catch {
                    setState("offline: retrying");
                    setTimeout(start, 5000);
                }
            }

            start();
        },
    };
}());
