/** @odoo-module */
// The customer, logged out, follows the link of a reminder e-mail: disputes
// the first invoice, promises a date for the second, pays the third with the
// demo provider.
import { registry } from "@web/core/registry";

function inDays(days) {
    const date = new Date(Date.now() + days * 86400000);
    return date.toISOString().slice(0, 10);
}

registry.category("web_tour.tours").add("recouvrement_fr_portal_tour", {
    steps: () => [
        {
            content: "The page shows the three invoices due",
            trigger: "#recovery_invoices tbody tr:eq(2)",
        },
        {
            content: "Dispute: the first invoice",
            trigger: "#dispute_move_id",
            run: "selectByIndex 0",
        },
        {
            content: "Dispute: the reason",
            trigger: "#dispute_reason",
            run: "select defective",
        },
        {
            content: "Dispute: what happened",
            trigger: "#dispute_description",
            run: "edit Livraison incomplète : deux cartons manquent.",
        },
        {
            content: "Send the dispute",
            trigger: "#recovery_dispute_form button[type=submit]",
            run: "click",
        },
        {
            content: "The dispute is recorded",
            trigger: ".alert-success:contains(contestation)",
        },
        {
            content: "Promise: the second invoice",
            trigger: "#recovery_promise_form .form-check:eq(1) input",
            run: "check",
        },
        {
            content: "Promise: the date",
            trigger: "#promise_date",
            run() {
                this.anchor.value = inDays(10);
            },
        },
        {
            content: "Record the promise",
            trigger: "#recovery_promise_form button[type=submit]",
            run: "click",
        },
        {
            content: "The promise is recorded",
            trigger: ".alert-success:contains(promesse)",
        },
        {
            content: "Pay: these invoices",
            trigger: "#pay_mode_selection",
            run: "click",
        },
        {
            content: "Pay: the third invoice",
            trigger: "#recovery_pay_form .ms-3:eq(2) input",
            run: "check",
        },
        {
            content: "Continue to payment",
            trigger: "#recovery_pay_form button[type=submit]",
            run: "click",
        },
        {
            content: "Choose the demo provider",
            trigger: "input[name=o_payment_radio]",
            run: "click",
        },
        {
            content: "Card number",
            trigger: "#customer_input",
            run: "edit 4242",
        },
        {
            content: "Pay",
            trigger: "button[name=o_payment_submit_button]",
            run: "click",
        },
        {
            content: "Back on the page: thank you for the payment",
            trigger: ".alert-success:contains(paiement)",
            timeout: 20000,
        },
    ],
});
