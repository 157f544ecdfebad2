/** @odoo-module */
// Sophie's morning: she lands on Ma journée (also one click away in the
// activity menu), calls a customer, writes the
// outcome of the call and marks it made, then reads it on the customer's
// account screen.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("recouvrement_fr_desk_tour", {
    url: "/web",
    steps: () => [
        {
            content: "Ma journée is the home of the recovery responsible",
            trigger: ".o_recovery_my_day [data-section='calls'] .o_recovery_day_line:contains('Client Tour SARL')",
        },
        {
            content: "The clock of the top bar holds her recovery day too",
            trigger: ".o_menu_systray .dropdown-toggle:has(i.fa-clock-o)",
            run: "click",
        },
        {
            content: "Ma journée's entry, with the number of calls to make, opens it",
            trigger: ".o-mail-ActivityGroup[data-model_name='recovery.my.day']:contains('Ma journée de recouvrement') [data-section='calls']:contains('Appels du jour'):contains('1')",
            run: "click",
        },
        {
            content: "Back on Ma journée",
            trigger: ".o_recovery_my_day [data-section='calls'] .o_recovery_day_line:contains('Client Tour SARL')",
        },
        {
            content: "The phone number is one click away",
            trigger: ".o_recovery_my_day [data-section='calls'] a.o_recovery_phone[href='tel:+33 4 72 11 22 33']",
        },
        {
            content: "Call the customer",
            trigger: ".o_recovery_my_day [data-section='calls'] .o_recovery_day_line:contains('Client Tour SARL') button.o_recovery_open_call",
            run: "click",
        },
        {
            content: "Open the outcome of the call",
            trigger: ".o_form_view .o_notebook .nav-link[name='outcome']",
            run: "click",
        },
        {
            content: "Write what the customer answered",
            trigger: ".o_form_view .o_field_widget[name='note'] .odoo-editor-editable",
            run: "editor Virement promis pour vendredi",
        },
        {
            content: "The customer promised to pay",
            trigger: ".o_form_view .o_field_widget[name='call_outcome'] select",
            run: "select \"promised\"",
        },
        {
            content: "The call was made: its outcome is the evidence",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_done']",
            run: "click",
        },
        {
            content: "A promise asks for its date",
            trigger: ".modal .o_field_widget[name='date'] input",
            run: "edit 31/12/2030",
        },
        {
            content: "and its amount",
            trigger: ".modal .o_field_widget[name='amount'] input",
            run: "edit 500",
        },
        {
            content: "Record the promise: the call is done with it",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The call is done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Effectué')",
        },
        {
            content: "Open the customer",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] a",
            run: "click",
        },
        {
            content: "Open the customer's account",
            trigger: ".o_form_view button[name='action_recovery_account']",
            run: "click",
        },
        {
            content: "The account shows the claim with its indemnity",
            trigger: ".o_recovery_account_screen .o_recovery_invoices tfoot:contains('40,00')",
        },
        {
            content: "The call and its outcome are in the timeline",
            trigger: ".o_recovery_account_screen .o_recovery_timeline_item.o_recovery_kind_event:contains('Virement promis pour vendredi')",
        },
        {
            content: "The promise is in the timeline",
            trigger: ".o_recovery_account_screen .o_recovery_timeline_item.o_recovery_kind_answer:contains('Promesse de paiement au 31/12/2030')",
        },
        {
            content: "and is the next action",
            trigger: ".o_recovery_account_screen:contains('Paiement promis de')",
        },
    ],
});
