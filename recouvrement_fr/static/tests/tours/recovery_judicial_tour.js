/** @odoo-module */
// The judicial phase from Sophie's day: a customer in litigation (its mise en
// demeure unanswered) offers the requête en injonction de payer as its next
// action; she opens the customer's account, drafts the request, confirms the
// court's city and gets the act with its PDF.
import { registry } from "@web/core/registry";

const LINE = ".o_recovery_my_day [data-section='dossiers'] .o_recovery_day_line:contains('Dupont Équipements')";

registry.category("web_tour.tours").add("recouvrement_fr_judicial_tour", {
    url: "/web",
    steps: () => [
        {
            content: "Ma journée: the litigation file to send",
            trigger: LINE,
        },
        {
            content: "its next act is offered on the line",
            trigger: `${LINE} button.o_recovery_draft_act[data-act='injonction_request']:contains('Requête en injonction de payer')`,
        },
        {
            content: "Open the customer in litigation",
            trigger: `${LINE} a.fw-bold:contains('Dupont Équipements')`,
            run: "click",
        },
        {
            content: "The customer's account: its mise en demeure in the timeline",
            trigger: ".o_recovery_account_screen .o_recovery_timeline_item:contains('1A23456789012')",
        },
        {
            content: "The next action is the requête en injonction de payer",
            trigger: ".o_recovery_account_screen button.o_recovery_draft_act:contains('Requête en injonction de payer')",
            run: "click",
        },
        {
            content: "The wizard offers the request",
            trigger: ".modal .o_field_widget[name='act_code'] select",
            run: "selectByLabel Requête en injonction de payer",
        },
        {
            content: "The court of the debtor's seat, to confirm",
            trigger: ".modal .o_field_widget[name='court_city'] input",
            run: "edit Paris",
        },
        {
            content: "Draft the act",
            trigger: ".modal button[name='action_draft']:contains('Rédiger l')",
            run: "click",
        },
        {
            content: "The act is drafted, with its court",
            trigger: ".o_form_view .o_field_widget[name='court']:contains('Tribunal de commerce')",
        },
        {
            content: "and its PDF",
            trigger: ".o_form_view .o_field_widget[name='attachment_id']:contains('.pdf')",
        },
        {
            content: "drafted, not yet sent",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Rédigé')",
        },
    ],
});
