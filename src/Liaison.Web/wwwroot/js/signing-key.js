// The Signing key page (Pages/Account/SigningKey): shows this browser's key and its state, makes one and requests its
// enrolment through LiaisonSigning (signing.js), and lets an administrator enrol the party's pending keys, each as a
// key.enroll entry signed with their own browser key and addressed to every party (as `liaison keys enroll` does).
(function () {
    "use strict";

    const section = document.getElementById("signing-key");
    if (!section || typeof LiaisonSigning === "undefined") {
        return;
    }

    const part = (role) => section.querySelector(`[data-role="${role}"]`);
    const button = (action) => section.querySelector(`button[data-action="${action}"]`);

    function describe(error) {
        if (error && error.title && error.detail && error.detail !== error.title) {
            return `${error.title}: ${error.detail}`;
        }

        return (error && error.message) || String(error);
    }

    function showError(holder, error) {
        const target = holder.querySelector('[data-role="action-error"]');
        target.textContent = error ? describe(error) : "";
        target.hidden = !error;
    }

    const texts = {
        none: "none: this browser holds no signing key of yours",
        unrequested: "made in this browser, but the server has not recorded its enrolment request",
        pending: "pending: awaiting enrolment by an administrator of your party",
        enrolled: "enrolled: this browser signs your entries",
        revoked: "revoked: this key signs nothing any more",
    };

    function render(current) {
        const state = part("state");
        state.dataset.state = current.state;
        state.textContent = texts[current.state] || current.state;
        if (current.state === "enrolled" && current.key && current.key.enrolledBySeq !== null) {
            state.textContent += ` (enrolled by entry #${current.key.enrolledBySeq})`;
        }

        if (current.state === "revoked" && current.key && current.key.revocationReason) {
            state.textContent += ` (${current.key.revocationReason})`;
        }

        part("key-id").textContent = current.keyId || "—";
        part("enrol-command").textContent = `${section.dataset.enrolCommand} ${current.keyId || ""}`.trim();
        part("enrol-hint").hidden = current.state !== "pending";
        button("create").hidden = !["none", "revoked"].includes(current.state);
        button("create").textContent = current.state === "revoked" ? "Create a new signing key in this browser" : "Create a signing key in this browser";
        button("request").hidden = current.state !== "unrequested";
    }

    async function run(action, source) {
        source.disabled = true;
        showError(section, null);
        try {
            render(await action());
        } catch (error) {
            showError(section, error);
        } finally {
            source.disabled = false;
        }
    }

    if (!LiaisonSigning.supported()) {
        part("state").dataset.state = "unsupported";
        part("state").textContent = "unavailable: this browser cannot keep a signing key (it needs WebCrypto and IndexedDB over HTTPS or on localhost)";
        return;
    }

    button("create").addEventListener("click", (e) => run(LiaisonSigning.createKey, e.currentTarget));
    button("request").addEventListener("click", (e) => run(LiaisonSigning.requestEnrolment, e.currentTarget));
    button("refresh").addEventListener("click", (e) => run(LiaisonSigning.status, e.currentTarget));
    run(LiaisonSigning.status, button("refresh"));

    // An administrator enrols a pending key of their party.
    async function enrol(source) {
        const cell = source.closest('[data-role="enrol-cell"]');
        showError(cell, null);
        source.disabled = true;
        source.textContent = "Signing…";
        try {
            const [user, mechanism] = await Promise.all([LiaisonSigning.me(), LiaisonSigning.mechanism()]);
            const everyone = [user.party, ...mechanism.parties.map((p) => p.code).filter((c) => c !== user.party)];
            const result = await LiaisonSigning.submit({
                type: "key.enroll",
                audience: everyone,
                body: { subject: source.dataset.owner, publicKey: source.dataset.publicKey, keyId: source.dataset.keyId },
            });
            cell.replaceChildren(`enrolled by entry #${result.seq}`);
            cell.dataset.enrolled = String(result.seq);
        } catch (error) {
            source.disabled = false;
            source.textContent = "Enrol";
            showError(cell, error);
        }
    }

    for (const enrolButton of document.querySelectorAll('#pending-keys button[data-action="enrol"]')) {
        enrolButton.addEventListener("click", (e) => enrol(e.currentTarget));
    }
}());
