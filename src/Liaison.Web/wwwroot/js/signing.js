// Signing in the browser: window.LiaisonSigning.
//
// Every action in Liaison is an entry signed by its author's enrolled Ed25519 key. This script gives a signed-in
// browser its own key and signs entries with it, exactly as the CLI does (EntryBuilder + EntrySubmitter):
//
//  * The key is made with WebCrypto, crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]): the
//    private key is non-extractable and never leaves the browser. It is kept in IndexedDB (database "liaison-signing",
//    store "keys"), one per user and server origin (record id "<origin> <user name>"). Pages need a secure context
//    (HTTPS, or http://localhost / 127.0.0.1) for WebCrypto.
//  * Its enrolment is requested like `liaison keys new`: POST /api/v1/keys {publicKey, proof}, the proof signing
//    "liaison/key-request/v1\n<user name>\n" followed by the 32 public-key bytes. An administrator of the user's party
//    then enrols it (`liaison --profile <party>-admin keys enroll <key id>`, or the Signing key page).
//  * An entry's payload is UTF-8 JSON {type, mechanism, author, audience, clientTime, ...body}: mechanism is the
//    mechanism id of GET /api/v1/mechanism, author the user name of GET /api/v1/me, clientTime this browser's clock
//    (RFC 3339, UTC, milliseconds). The signature covers "liaison/entry/v1\n" followed by the payload bytes; the
//    envelope {payload: base64, keyId, sig: base64} goes to POST /api/v1/entries.
//
// Contract (every function returns a Promise; a refusal rejects with a LiaisonSigning.ProblemError, an Error whose
// message is the problem's detail and which carries .problem (the RFC 9457 document), .status, .type, .title, .detail):
//
//   LiaisonSigning.submit({ type, audience, body })
//       Signs and submits one entry. type: e.g. "message.ack"; audience: party codes (default: the user's own party and
//       every party it may address, as the CLI); body: the type's own fields (must not repeat a header field).
//       Resolves to the submit response { seq, serverTime, leafHash, payloadSha256 }. Without a key in this browser it
//       rejects with type "urn:liaison:problem:no-browser-key"; with a pending or revoked key, with the server's problem.
//   LiaisonSigning.status()
//       Resolves to { userName, party, roles, keyId, state, key }: state is "none" (no key in this browser),
//       "unrequested" (made here, its enrolment request not recorded by the server), "pending", "enrolled" or
//       "revoked"; key is the server's view of it (GET /api/v1/keys/{keyId}) or null.
//   LiaisonSigning.createKey()      Makes this browser's key (replacing a revoked or unrequested one, never a pending
//                                   or enrolled one) and requests its enrolment; resolves to status().
//   LiaisonSigning.requestEnrolment()  Requests enrolment of the key already here; resolves to status().
//   LiaisonSigning.api(method, url, json)
//       A same-origin JSON request with the session cookie and, when it changes something, the antiforgery header; the
//       parsed answer, or a ProblemError. For other scripts' API calls (e.g. an upload: use antiforgeryHeaders()).
//   LiaisonSigning.antiforgeryHeaders()  { "X-Liaison-Antiforgery": token } for a page's own fetch calls.
//
// A signed-in browser's POST to /api must carry the page's antiforgery token (BrowserApiRequestRequirement on the
// server). It is read from <meta name="liaison-antiforgery" content="…"> or, failing that, from any form's
// __RequestVerificationToken field (the layout's sign-out form carries one on every signed-in page).
// After createKey and requestEnrolment, window receives a "liaison:signing-key" event whose detail is status().
(function () {
    "use strict";

    const DATABASE = "liaison-signing";
    const STORE = "keys";
    const ENTRY_CONTEXT = "liaison/entry/v1\n";
    const HEADER_FIELDS = ["type", "mechanism", "author", "audience", "clientTime"];
    const ANTIFORGERY_HEADER = "X-Liaison-Antiforgery";
    const encoder = new TextEncoder();

    class ProblemError extends Error {
        constructor(problem, status) {
            super(problem.detail || problem.title || `The server answered ${status}.`);
            this.name = "ProblemError";
            this.problem = problem;
            this.status = status;
            this.type = problem.type || "about:blank";
            this.title = problem.title || "Request refused";
            this.detail = problem.detail || this.message;
        }
    }

    function localProblem(code, title, detail) {
        return new ProblemError({ type: `urn:liaison:problem:${code}`, title, detail, status: 0 }, 0);
    }

    function antiforgeryToken() {
        const meta = document.querySelector('meta[name="liaison-antiforgery"]');
        if (meta && meta.content) {
            return meta.content;
        }

        const field = document.querySelector('input[name="__RequestVerificationToken"]');
        return field ? field.value : null;
    }

    function antiforgeryHeaders() {
        const token = antiforgeryToken();
        return token ? { [ANTIFORGERY_HEADER]: token } : {};
    }

    async function api(method, url, json) {
        const headers = { Accept: "application/json, application/problem+json" };
        if (method !== "GET" && method !== "HEAD") {
            Object.assign(headers, antiforgeryHeaders());
        }

        if (json !== undefined) {
            headers["Content-Type"] = "application/json";
        }

        let response;
        try {
            response = await fetch(url, { method, headers, credentials: "same-origin", body: json === undefined ? undefined : JSON.stringify(json) });
        } catch (error) {
            throw localProblem("network", "The server could not be reached", `The server could not be reached (${error.message}); check the connection and try again.`);
        }

        const text = await response.text();
        let parsed = null;
        try {
            parsed = text ? JSON.parse(text) : null;
        } catch {
            parsed = null;
        }

        if (!response.ok) {
            const problem = parsed && typeof parsed === "object"
                ? parsed
                : { title: response.statusText || "Request refused", detail: `The server answered ${response.status} ${response.statusText}.`, status: response.status };
            throw new ProblemError(problem, response.status);
        }

        return parsed;
    }

    // The mechanism and the user do not change while a page is open.
    let mechanismPromise = null;
    let mePromise = null;
    const mechanism = () => (mechanismPromise ??= api("GET", "/api/v1/mechanism").catch((e) => { mechanismPromise = null; throw e; }));
    const me = () => (mePromise ??= api("GET", "/api/v1/me").catch((e) => { mePromise = null; throw e; }));

    function supported() {
        return Boolean(window.isSecureContext && window.crypto && window.crypto.subtle && window.indexedDB);
    }

    function requireSupport() {
        if (!supported()) {
            throw localProblem("browser-unsupported", "This browser cannot sign",
                "Signing needs WebCrypto and IndexedDB in a secure context (HTTPS or localhost); use a current browser, or the command line.");
        }
    }

    function openDatabase() {
        return new Promise((resolve, reject) => {
            const request = indexedDB.open(DATABASE, 1);
            request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id" });
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
        });
    }

    async function store(mode, action) {
        const db = await openDatabase();
        try {
            return await new Promise((resolve, reject) => {
                const transaction = db.transaction(STORE, mode);
                const request = action(transaction.objectStore(STORE));
                transaction.oncomplete = () => resolve(request.result);
                transaction.onerror = () => reject(transaction.error);
                transaction.onabort = () => reject(transaction.error);
            });
        } finally {
            db.close();
        }
    }

    const recordId = (userName) => `${location.origin} ${userName}`;
    const loadRecord = (userName) => store("readonly", (keys) => keys.get(recordId(userName)));
    const saveRecord = (record) => store("readwrite", (keys) => keys.put(record));

    function base64(bytes) {
        const view = new Uint8Array(bytes);
        let binary = "";
        for (let i = 0; i < view.length; i += 0x8000) {
            binary += String.fromCharCode.apply(null, view.subarray(i, i + 0x8000));
        }

        return btoa(binary);
    }

    function concat(...parts) {
        const result = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let offset = 0;
        for (const part of parts) {
            result.set(part, offset);
            offset += part.length;
        }

        return result;
    }

    // The key id: lower-case hex of the first 16 bytes of SHA-256 of the 32-byte public key (Liaison.Domain KeyId).
    async function keyIdOf(publicKey) {
        const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", publicKey));
        return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
    }

    async function serverKey(keyId) {
        try {
            return await api("GET", `/api/v1/keys/${encodeURIComponent(keyId)}`);
        } catch (error) {
            if (error instanceof ProblemError && error.status === 404) {
                return null;
            }

            throw error;
        }
    }

    async function status() {
        const user = await me();
        const result = { userName: user.userName, party: user.party, roles: user.roles, keyId: null, state: "none", key: null };
        if (!supported()) {
            return result;
        }

        const record = await loadRecord(user.userName);
        if (!record) {
            return result;
        }

        result.keyId = record.keyId;
        result.key = await serverKey(record.keyId);
        result.state = result.key ? result.key.status.toLowerCase() : "unrequested";
        return result;
    }

    function changed(current) {
        window.dispatchEvent(new CustomEvent("liaison:signing-key", { detail: current }));
        return current;
    }

    async function requestEnrolment() {
        requireSupport();
        const user = await me();
        const record = await loadRecord(user.userName);
        if (!record) {
            throw localProblem("no-browser-key", "No signing key in this browser", "This browser has no signing key to enrol yet: create one first.");
        }

        const publicKey = Uint8Array.from(atob(record.publicKey), (c) => c.charCodeAt(0));
        const proof = await crypto.subtle.sign({ name: "Ed25519" }, record.privateKey,
            concat(encoder.encode(`liaison/key-request/v1\n${user.userName}\n`), publicKey));
        try {
            await api("POST", "/api/v1/keys", { publicKey: record.publicKey, proof: base64(proof) });
        } catch (error) {
            // Asked before (e.g. the answer was lost): the key is known, which is what was wanted.
            if (!(error instanceof ProblemError && error.status === 409)) {
                throw error;
            }
        }

        return changed(await status());
    }

    async function createKey() {
        requireSupport();
        const current = await status();
        if (current.state === "pending" || current.state === "enrolled") {
            throw localProblem("browser-key-exists", "This browser already has a signing key",
                `This browser already has key ${current.keyId} (${current.state}); revoke it before making another.`);
        }

        const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
        const publicKey = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
        await saveRecord({
            id: recordId(current.userName),
            origin: location.origin,
            userName: current.userName,
            keyId: await keyIdOf(publicKey),
            publicKey: base64(publicKey),
            privateKey: pair.privateKey,
            createdAt: new Date().toISOString(),
        });
        return requestEnrolment();
    }

    async function submit(entry) {
        const { type, body } = entry || {};
        if (typeof type !== "string" || !type) {
            throw new TypeError("LiaisonSigning.submit needs { type, audience, body }.");
        }

        for (const field of Object.keys(body || {})) {
            if (HEADER_FIELDS.includes(field)) {
                throw new TypeError(`'${field}' is a header field and cannot be set among the type's fields.`);
            }
        }

        requireSupport();
        const [user, served] = await Promise.all([me(), mechanism()]);
        const record = await loadRecord(user.userName);
        if (!record) {
            throw localProblem("no-browser-key", "No signing key in this browser",
                `This browser has no signing key for ${user.userName}: create one on the Signing key page (/Account/SigningKey) and have an administrator of ${user.party} enrol it.`);
        }

        let audience = entry.audience;
        if (!audience) {
            const own = served.parties.find((p) => p.code === user.party);
            audience = [user.party, ...(own ? own.mayAddress.filter((c) => c !== user.party) : [])];
        }

        const payload = encoder.encode(JSON.stringify({
            type,
            mechanism: served.id,
            author: user.userName,
            audience,
            clientTime: new Date().toISOString(),
            ...(body || {}),
        }));
        const signature = await crypto.subtle.sign({ name: "Ed25519" }, record.privateKey, concat(encoder.encode(ENTRY_CONTEXT), payload));
        return api("POST", "/api/v1/entries", { payload: base64(payload), keyId: record.keyId, sig: base64(signature) });
    }

    window.LiaisonSigning = Object.freeze({ submit, status, createKey, requestEnrolment, api, antiforgeryHeaders, supported, mechanism, me, ProblemError });
}());
