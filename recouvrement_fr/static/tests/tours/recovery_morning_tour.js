/** @odoo-module */
// Sophie's morning, in French, as she clicks it in Ma journée and the Compte
// client (tests/test_morning_tour.py builds the data and checks the records
// afterwards). Four tours played one after the other on the same data.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const DAY = ".o_recovery_my_day";
const NOTHING = `:contains("Rien aujourd'hui.")`;

function section(key) {
    return `${DAY} [data-section='${key}']`;
}

function line(key, customer) {
    return `${section(key)} .o_recovery_day_line:contains('${customer}')`;
}

function backToMyDay() {
    return {
        content: "Back to Ma journée by the breadcrumb",
        trigger: ".breadcrumb-item a:contains('Ma journée')",
        run: "click",
    };
}

// 1. A call: the customer promises to pay; the promise's date and amount are
// asked, and the promise is in the Compte client.
registry.category("web_tour.tours").add("recouvrement_fr_morning_call", {
    url: "/web",
    steps: () => {
        const promised = luxon.DateTime.now().plus({ days: 10 }).toFormat("dd/MM/yyyy");
        return [
            {
                content: "Call the baker from the calls of the day",
                trigger: `${line("calls", "Boulangerie Marchand SARL")} button.o_recovery_open_call:contains('Appeler')`,
                run: "click",
            },
            {
                content: "Open the outcome of the call",
                trigger: ".o_form_view .o_notebook .nav-link[name='outcome']",
                run: "click",
            },
            {
                content: "Write what the manager said",
                trigger: ".o_form_view .o_field_widget[name='note'] .odoo-editor-editable",
                run: "editor Le gérant promet un virement de 600 €",
            },
            {
                content: "Outcome: payment promised",
                trigger: ".o_form_view .o_field_widget[name='call_outcome'] select",
                run: 'select "promised"',
            },
            {
                content: "The call was made",
                trigger: ".o_form_view .o_statusbar_buttons button[name='action_done']:contains('Appel passé')",
                run: "click",
            },
            {
                content: "The promise asks for its date",
                trigger: ".modal .o_field_widget[name='date'] input",
                run: `edit ${promised}`,
            },
            {
                content: "and its amount",
                trigger: ".modal .o_field_widget[name='amount'] input",
                run: "edit 600",
            },
            {
                content: "Record the promise",
                trigger: ".modal button[name='action_confirm']",
                run: "click",
            },
            {
                content: "The call is done",
                trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Effectué')",
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
                content: "The promise is in the timeline, in French",
                trigger: `.o_recovery_account_screen .o_recovery_timeline_item.o_recovery_kind_answer:contains('Promesse de paiement au ${promised}')`,
            },
            {
                content: "and is the next action",
                trigger: ".o_recovery_account_screen:contains('Paiement promis de'):contains('600,00')",
            },
            backToMyDay(),
            {
                content: "The call has left the calls of the day",
                trigger: `${section("calls")}${NOTHING}`,
            },
        ];
    },
});

// 2. The formal notice read, then validated; all letters printed; the letter
// posted; the registered letter's number entered in one list.
registry.category("web_tour.tours").add("recouvrement_fr_morning_letters", {
    url: "/web",
    steps: () => [
        {
            content: "Read the formal notice before validating it",
            trigger: `${line("to_validate", "Garage Rivière SAS")} button.o_recovery_preview:contains('Lire')`,
            run: "click",
        },
        {
            content: "Validate it once read (after its PDF is downloaded)",
            trigger: `${line("to_validate", "Garage Rivière SAS")} button.o_recovery_validate:contains('Valider')`,
            run: "click",
        },
        {
            content: "The notice now waits for its LRAR number",
            trigger: line("to_post", "Garage Rivière SAS"),
        },
        {
            content: "Nothing left to validate",
            trigger: `${section("to_validate")}${NOTHING}`,
        },
        {
            content: "Open the letter to print",
            trigger: `${line("to_print", "Menuiserie Petit et Fils")} button:contains('Détail')`,
            run: "click",
        },
        {
            content: "Its status bar reads À valider › À imprimer › Envoyé, in that order",
            trigger: ".o_statusbar_status:has(.o_arrow_button_current[data-value='to_print'])",
            run() {
                // Odoo lays the status bar out right to left (row-reverse):
                // read as shown, from the left.
                const states = [...document.querySelectorAll(".o_statusbar_status button[data-value]")];
                const read = states.map((button) => button.textContent.trim()).reverse().join(" › ");
                if (read !== "À valider › À imprimer › Envoyé") {
                    throw new Error(`The letter's status bar reads ${read}`);
                }
            },
        },
        backToMyDay(),
        {
            content: "Print all: the letter and the formal notice",
            trigger: `${section("to_print")} button.o_recovery_print_all:contains('Tout imprimer')`,
            run: "click",
        },
        {
            content: "The letter reads printed",
            trigger: `${line("to_print", "Menuiserie Petit et Fils")} .o_recovery_printed:contains('Imprimé le')`,
        },
        {
            content: "and the formal notice too",
            trigger: `${line("to_post", "Garage Rivière SAS")} .o_recovery_printed:contains('Imprimé le')`,
        },
        {
            content: "The letters are in the post",
            trigger: `${section("to_print")} button.o_recovery_mark_all_posted:contains('Tout marquer comme posté')`,
            run: "click",
        },
        {
            content: "No letter left to print",
            trigger: `${section("to_print")}${NOTHING}`,
        },
        {
            content: "Enter the registered letters' numbers",
            trigger: `${section("to_post")} button.o_recovery_enter_numbers:contains('Saisir les numéros')`,
            run: "click",
        },
        {
            content: "In one list: the notice's number",
            trigger: ".o_list_view .o_data_row:contains('Garage Rivière SAS') td[name='lrar_number']",
            run: "click",
        },
        {
            content: "Type the number of the receipt",
            trigger: ".o_list_view .o_data_row .o_field_widget[name='lrar_number'] input",
            run: "edit 1A12345678901",
        },
        {
            content: "Save the list",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "The notice is posted",
            trigger: ".o_list_view .o_data_row:contains('Garage Rivière SAS') td[name='state']:contains('Posté')",
        },
        backToMyDay(),
        {
            content: "No number left to enter",
            trigger: `${section("to_post")}${NOTHING}`,
        },
    ],
});

// 3. A plan granted to a customer in litigation: it leaves the dossiers to
// send. 4. The other dossier exported: it shows as sent.
registry.category("web_tour.tours").add("recouvrement_fr_morning_litigation", {
    url: "/web",
    steps: () => [
        {
            content: "Open the account of the carrier in litigation",
            trigger: `${line("dossiers", "Transports Morel SA")} a:contains('Transports Morel SA')`,
            run: "click",
        },
        {
            content: "Its next action is the dossier",
            trigger: ".o_recovery_account_screen:has(.o_recovery_customer_stage:contains('Contentieux')):contains('Préparer le dossier contentieux')",
        },
        {
            content: "It asked for time: grant a payment plan",
            trigger: ".o_recovery_account_buttons button:contains('Échéancier')",
            run: "click",
        },
        {
            content: "Agree the plan",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The plan runs",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value='active']",
        },
        backToMyDay(),
        {
            content: "The carrier has left the dossiers to send; the printer has not",
            trigger: `${section("dossiers")}:not(:contains('Transports Morel SA')):contains('Imprimerie Vasseur SARL')`,
        },
        {
            content: "Prepare the printer's dossier",
            trigger: `${line("dossiers", "Imprimerie Vasseur SARL")} button:contains('Dossier')`,
            run: "click",
        },
        {
            content: "Send it to the commissaire de justice",
            trigger: ".modal .o_field_widget[name='recipient_id'] input",
            run: "edit Lefèvre",
        },
        {
            content: "Pick him",
            trigger: ".o-autocomplete--dropdown-item:contains('Maître Lefèvre')",
            run: "click",
        },
        {
            content: "Export the dossier",
            trigger: ".modal button[name='action_export']:contains('Exporter le dossier')",
            run: "click",
        },
        {
            content: "The wizard closes and the dossier leaves the list",
            trigger: `body:not(:has(.modal)) ${section("dossiers")}${NOTHING}`,
        },
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        {
            content: "Open the Customers menu",
            trigger: ".o_menu_sections [data-menu-xmlid='account.menu_finance_receivables']",
            run: "click",
        },
        {
            content: "Open the customers",
            trigger: ".dropdown-item[data-menu-xmlid='account.menu_account_customer']",
            run: "click",
        },
        {
            content: "Open the printer",
            trigger: ".o_kanban_record:contains('Imprimerie Vasseur SARL')",
            run: "click",
        },
        {
            content: "Open its account",
            trigger: ".o_form_view button[name='action_recovery_account']",
            run: "click",
        },
        {
            content: "The dossier reads as sent, with its version, date and recipient",
            trigger: ".o_recovery_account_screen .o_recovery_timeline_item:contains('Dossier v1 envoyé le'):contains('Maître Lefèvre')",
        },
        {
            content: "and is no longer the next action",
            trigger: ".o_recovery_account_screen:not(:contains('Préparer le dossier contentieux'))",
        },
    ],
});

// 5. A dispute resolved from Ma journée.
registry.category("web_tour.tours").add("recouvrement_fr_morning_dispute", {
    url: "/web",
    steps: () => [
        {
            content: "Resolve the decorator's dispute where it is listed",
            trigger: `${line("disputes", "Atelier Girard Décoration")} button.o_recovery_resolve_dispute`,
            run: "click",
        },
        {
            content: "No dispute left to resolve",
            trigger: `${section("disputes")}${NOTHING}`,
        },
    ],
});
