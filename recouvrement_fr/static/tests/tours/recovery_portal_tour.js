/** @odoo-module */
// The customer on his payment page (by its signed link): he promises to pay
// an invoice, double-clicks the button, then sends the same promise again
// from the thank-you page. tests/test_portal_tour.py counts the promises.
import { registry } from "@web/core/registry";

const FORM = "#recovery_promise_form";

function promiseSteps(promised) {
    return [
        {
            content: "The overdue invoice is promised",
            trigger: `${FORM} input[name='move_ids']`,
            run: "check",
        },
        {
            content: "on a date",
            trigger: `${FORM} input[name='date']`,
            run() {
                this.anchor.value = promised;
            },
        },
    ];
}

const THANKED = {
    content: "The page thanks him, in French",
    trigger: ".o_recovery_portal .alert-success:contains('votre promesse de paiement a bien été enregistrée')",
};

registry.category("web_tour.tours").add("recouvrement_fr_portal_promise_twice", {
    steps: () => {
        const day = new Date(Date.now() + 10 * 24 * 3600 * 1000);
        const promised = day.toISOString().slice(0, 10);
        return [
            ...promiseSteps(promised),
            {
                content: "A double click on Record my promise",
                trigger: `${FORM} button[type='submit']`,
                async run() {
                    this.anchor.click();
                    // The second click once the first form is on its way.
                    await new Promise((resolve) => setTimeout(resolve, 20));
                    this.anchor.click();
                },
            },
            THANKED,
            // The thank-you page still has the form: the same promise again.
            ...promiseSteps(promised),
            {
                content: "Record the same promise once more",
                trigger: `${FORM} button[type='submit']`,
                run: "click",
            },
            THANKED,
            {
                content: "The invoice reads promised",
                trigger: ".o_recovery_portal .badge:contains('Promise au')",
            },
        ];
    },
});
