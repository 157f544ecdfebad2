/** @odoo-module */
// Walks the Recovery menu as a credit manager would: overdue invoices grouped
// by level, the invoice's Recovery tab, then validating a formal notice.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("recouvrement_fr_tour", {
    url: "/web",
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open the Invoicing app"),
        {
            content: "Open the Customers menu",
            trigger: '.o_menu_sections [data-menu-xmlid="account.menu_finance_receivables"]',
            run: "click",
        },
        {
            content: "Open the overdue invoices",
            trigger: '.dropdown-item[data-menu-xmlid="recouvrement_fr.account_move_recovery_menu"]',
            run: "click",
        },
        {
            content: "Invoices are grouped by recovery level",
            trigger: '.o_group_header:contains("Formal notice (registered letter)")',
            run: "click",
        },
        {
            content: "Open the overdue invoice",
            trigger: '.o_data_row .o_data_cell:contains("Tour Client SARL")',
            run: "click",
        },
        {
            content: "Open the Recovery tab",
            trigger: '.o_notebook .nav-link:contains("Recovery")',
            run: "click",
        },
        {
            content: "The invoice is at the formal notice stage",
            trigger: '.o_field_widget[name="recovery_stage"]:contains("Formal notice")',
        },
        {
            content: "Open its recovery communications",
            trigger: 'button[name="action_view_recovery_events"]',
            run: "click",
        },
        {
            content: "The communications of the invoice are listed",
            trigger: '.o_breadcrumb .active:contains("Recovery communications")',
        },
        {
            content: "Open the communication waiting for validation",
            trigger: '.o_list_view .o_data_row:contains("To validate") .o_data_cell[name="level_id"]',
            run: "click",
        },
        {
            content: "The communication's form is open",
            trigger: '.o_form_view .o_statusbar_status .o_arrow_button_current:contains("To validate")',
        },
        {
            content: "Validate and send it",
            trigger: '.o_form_view .o_statusbar_buttons button[name="action_validate"]',
            run: "click",
        },
        {
            content: "The registered letter now waits to be printed and posted",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("To post")',
        },
    ],
});
