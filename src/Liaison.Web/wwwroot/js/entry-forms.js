// Forms that each make one signed entry (window.LiaisonSigning.submit), declared in the page's HTML so that the
// incident, dispute and verification pages share one script:
//
//   <form data-entry-type="incident.ack" data-entry-body='{"incident":12}' data-entry-audience="ISR SYR USA">
//       <textarea name="reason" data-required="Give a reason: the other party reads it."></textarea>
//       <input name="hours" type="number" data-kind="number" />
//       <input name="major" type="checkbox" />                      → true or false
//       <select name="outcome">…</select>
//       <input name="lang" … />                                     → only when not empty
//       <input name="ids" data-kind="seq-list" data-with="9" />     → [9, 12, 14] from "12, 14"
//       <button type="submit">Acknowledge</button>
//   </form>
//
// Each named control becomes a body field (an empty optional one is left out); data-entry-body holds the fixed fields;
// data-entry-audience the parties (space separated; absent: the signing script's default). A control with
// data-required must not be empty: its text is shown and nothing is signed. After the entry is accepted the outcome
// names its sequence number and the page reloads, unless the form says data-entry-reload="false" (then it dispatches
// "liaison:entry-accepted" with { type, seq } to the form). The outcome goes to the form's [data-role=outcome]
// element, or to #action-outcome.
(function () {
    "use strict";

    function outcomeOf(form) {
        return form.querySelector("[data-role=outcome]") || document.getElementById("action-outcome");
    }

    function show(form, text, isError, problem) {
        const outcome = outcomeOf(form);
        if (!outcome) {
            return;
        }

        outcome.hidden = false;
        outcome.className = `outcome${isError ? " error" : ""}`;
        if (isError) {
            outcome.setAttribute("role", "alert");
        } else {
            outcome.removeAttribute("role");
        }

        const span = document.createElement("span");
        span.dataset.role = isError ? "problem-detail" : "accepted";
        span.textContent = text;
        outcome.replaceChildren(span);
        if (problem && (problem.type || "").includes("key")) {
            const link = document.createElement("a");
            link.href = "/Account/SigningKey";
            link.textContent = "Set up this browser's signing key";
            outcome.append(" ", link, ".");
        }
    }

    /** The body the form describes, or an Error naming the first required field left empty. */
    function bodyOf(form) {
        const body = form.dataset.entryBody ? JSON.parse(form.dataset.entryBody) : {};
        for (const control of form.elements) {
            if (!control.name || control.disabled || control.type === "submit" || control.type === "button") {
                continue;
            }

            if (control.type === "checkbox") {
                body[control.name] = control.checked;
                continue;
            }

            const value = control.value.trim();
            if (value === "") {
                if (control.dataset.required) {
                    control.focus();
                    throw new Error(control.dataset.required);
                }

                continue;
            }

            switch (control.dataset.kind) {
                case "number":
                    body[control.name] = Number(value);
                    break;
                case "seq-list": {
                    // data-with: numbers that lead the list whatever is typed (the page's own record).
                    const fixed = (control.dataset.with || "").split(/[\s,]+/).filter(Boolean).map(Number);
                    const typed = value.split(/[\s,#]+/).filter(Boolean).map(Number);
                    body[control.name] = [...new Set([...fixed, ...typed])];
                    break;
                }
                case "iso-time":
                    // A datetime-local control holds UTC here (the pages say so); the record wants RFC 3339.
                    body[control.name] = new Date(`${value}Z`).toISOString();
                    break;
                default:
                    body[control.name] = value;
            }
        }

        return body;
    }

    async function submit(form) {
        let body;
        try {
            body = bodyOf(form);
        } catch (error) {
            show(form, error.message, true);
            return;
        }

        if (!window.LiaisonSigning) {
            show(form, "Signing is not available on this page (signing.js did not load).", true);
            return;
        }

        const type = form.dataset.entryType;
        const entry = { type, body };
        if (form.dataset.entryAudience) {
            entry.audience = form.dataset.entryAudience.split(" ").filter(Boolean);
        }

        const buttons = form.querySelectorAll("button");
        buttons.forEach((b) => { b.disabled = true; });
        try {
            const accepted = await window.LiaisonSigning.submit(entry);
            if (form.dataset.entryReload === "false") {
                show(form, `Signed and recorded as entry #${accepted.seq}.`, false);
                buttons.forEach((b) => { b.disabled = false; });
                form.dispatchEvent(new CustomEvent("liaison:entry-accepted", { bubbles: true, detail: { type, seq: accepted.seq } }));
            } else {
                show(form, `Signed and recorded as entry #${accepted.seq}. Reloading…`, false);
                setTimeout(() => location.reload(), 600);
            }
        } catch (error) {
            show(form, error.detail || error.message || String(error), true, error.problem);
            buttons.forEach((b) => { b.disabled = false; });
        }
    }

    for (const form of document.querySelectorAll("form[data-entry-type]")) {
        form.addEventListener("submit", (event) => {
            event.preventDefault();
            submit(form);
        });
    }

    window.LiaisonEntryForms = Object.freeze({ bodyOf });
}());
