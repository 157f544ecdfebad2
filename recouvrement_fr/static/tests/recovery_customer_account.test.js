/** @odoo-module */
import { expect, test } from "@odoo/hoot";
import { queryAll, queryAllTexts } from "@odoo/hoot-dom";
import { contains, mockService, mountWithCleanup, onRpc } from "@web/../tests/web_test_helpers";
import { registry } from "@web/core/registry";
import { RecoveryCustomerAccount } from "@recouvrement_fr/components/recovery_customer_account";
import {
    defineRecoveryTestEnv,
    euroId,
    mockDoAction,
    NBSP,
    rawText,
    rawTexts,
} from "./recovery_test_helpers";

defineRecoveryTestEnv();

const eur = (amount) => `${amount}${NBSP}€`;
const PARTNER_ID = 11;

function invoice(id, name, extra) {
    return {
        id,
        name,
        date: "2026-09-01",
        due: "2026-10-01",
        days: 67,
        total: 1000.0,
        principal: 1000.0,
        penalties: 0.0,
        indemnity: 40.0,
        interest: 0.0,
        claim: 1040.0,
        stage: "Relance",
        level: "Relance 1",
        blocked: false,
        ...extra,
    };
}

/** What recovery.customer.account.get_account_data returns (models/desk/recovery_customer_account.py). */
function accountData() {
    return {
        date: "2026-12-07",
        currency_id: euroId(),
        partner: {
            stage: "Contentieux",
            stage_holds: true,
            id: PARTNER_ID,
            name: "Boulangerie Martin",
            phone: "+33 4 72 11 22 33",
            email: "compta@boulangerie-martin.example",
            city: "Lyon",
            vat: "FR23334175221",
            responsible: "Sophie Comptable",
            blocked: true,
            block_reason: "Litige sur la livraison",
            insolvency: "Redressement judiciaire",
            claim_deadline: "2027-02-01",
            note: "",
        },
        invoices: [
            invoice(101, "FAC/2026/00012", {
                due: "2026-09-15",
                days: 83,
                principal: 5750.4,
                penalties: 123.45,
                indemnity: 40.0,
                interest: 12.15,
                claim: 5926.0,
                stage: "Mise en demeure",
                level: "Mise en demeure LRAR",
                blocked: true,
            }),
            invoice(102, "FAC/2026/00031", {
                due: "2026-12-31",
                days: -24,
                principal: 1200.0,
                penalties: 0.0,
                indemnity: 0.0,
                interest: 0.0,
                claim: 1200.0,
                stage: "",
                level: "",
            }),
        ],
        totals: {
            principal: 6950.4,
            penalties: 123.45,
            indemnity: 40.0,
            interest: 12.15,
            claim: 7126.0,
            open: 6950.4,
            overdue: 5750.4,
            overdue_count: 1,
            dso: 47.26,
            days_late: 12,
        },
        ageing: [
            { key: "not_due", label: "Non échu", amount: 1200.0 },
            { key: "1_30", label: "1-30 jours", amount: 0.0 },
            { key: "31_60", label: "31-60 jours", amount: 0.0 },
            { key: "61_90", label: "61-90 jours", amount: 5750.4 },
            { key: "90_plus", label: "Plus de 90 jours", amount: 0.0 },
            { key: "unapplied", label: "Paiement non lettré", amount: 0.0 },
        ],
        plans: [
            {
                key: "plan-301",
                res_model: "recovery.plan",
                id: 301,
                name: "Échéancier 2026/001",
                state: "En cours",
                amount: 3000.0,
                paid: 1000.0,
                residual: 2000.0,
                next_date: "2026-11-30",
                late: true,
            },
        ],
        next_action: { date: "2026-12-10", label: "Mise en demeure", user: "Sophie Comptable" },
        timeline: [
            {
                kind: "event",
                icon: "fa-envelope-o",
                date: "2026-12-01",
                stamp: "2026-12-01 09:00:00",
                title: "Mise en demeure LRAR",
                subtitle: "Courrier · Envoyé",
                body: "",
                amount: 5750.4,
                lrar: "1A 234 567 8901 2",
                attachment_id: 77,
                attachment_name: "Mise en demeure.pdf",
                res_model: "recovery.event",
                res_id: 501,
                invoices: "FAC/2026/00012",
            },
            {
                kind: "payment",
                icon: "fa-money",
                date: "2026-11-20",
                stamp: "2026-11-20 10:00:00",
                title: "Payment received",
                subtitle: "BNK1/2026/00042",
                body: "Virement",
                amount: 800.0,
                res_model: "account.move",
                res_id: 402,
            },
            {
                kind: "call",
                icon: "fa-phone",
                date: "2026-11-18",
                stamp: "2026-11-18 14:00:00",
                title: "Appel",
                subtitle: "Boulangerie Martin",
                body: "Promet de payer fin du mois",
                author: "Sophie Comptable",
                res_model: "res.partner",
                res_id: PARTNER_ID,
            },
            {
                kind: "invoice",
                icon: "fa-file-text-o",
                date: "2026-09-01",
                stamp: "2026-09-01 08:00:00",
                title: "Invoice FAC/2026/00012",
                subtitle: "Due 15/09/2026",
                body: "",
                amount: 5750.4,
                res_model: "account.move",
                res_id: 101,
            },
        ],
    };
}

function onAccountData(data = accountData()) {
    onRpc("recovery.customer.account", "get_account_data", ({ args }) => {
        expect.step(["get_account_data", args]);
        return data;
    });
}

async function mountAccount(action = { params: { partner_id: PARTNER_ID } }) {
    await mountWithCleanup(RecoveryCustomerAccount, { props: { action } });
    expect.verifySteps([["get_account_data", [PARTNER_ID]]]);
}

const form = (resModel, resId) => ({
    type: "ir.actions.act_window",
    res_model: resModel,
    res_id: resId,
    views: [[false, "form"]],
    target: "current",
});

test("the tag of the client action opens the customer account", async () => {
    expect(registry.category("actions").get("recouvrement_fr.customer_account")).toBe(
        RecoveryCustomerAccount
    );
});

test("the customer comes from the action's params, or else its context's active_id", async () => {
    onAccountData();
    await mountAccount({ params: { partner_id: PARTNER_ID }, context: { active_id: 99 } });
    expect(".o_recovery_account_screen h2 a").toHaveText("Boulangerie Martin");
});

test("the customer from the context's active_id", async () => {
    onAccountData();
    await mountAccount({ context: { active_id: PARTNER_ID } });
});

test("header: badges, contact links, block reason, next action", async () => {
    onAccountData();
    await mountAccount();
    expect(queryAllTexts(".o_recovery_account_screen h2 .badge")).toEqual([
        "Blocked",
        "Contentieux",
        "Redressement judiciaire",
    ]);
    // a stage that holds the ladder is red
    expect(".o_recovery_customer_stage").toHaveClass("text-bg-danger");
    expect(".o_recovery_account_screen h2 + div").toHaveText(
        "Lyon · FR23334175221 · Responsible: Sophie Comptable"
    );
    expect(".o_recovery_phone").toHaveAttribute("href", "tel:+33 4 72 11 22 33");
    expect("a[href^='mailto:']").toHaveAttribute(
        "href",
        "mailto:compta@boulangerie-martin.example"
    );
    expect(".o_recovery_account_screen .text-warning:not(.badge):not(.fa)").toHaveText(
        "Litige sur la livraison"
    );
    expect(".o_recovery_account_screen .fw-bold:contains('Mise en demeure'):first").toHaveText(
        "10/12/2026 · Mise en demeure"
    );
});

test("tiles: balances with cents, overdue count, days in French", async () => {
    onAccountData();
    await mountAccount();
    expect(rawTexts(".o_recovery_tile_value")).toEqual([
        eur(`6${NBSP}950,40`),
        eur(`5${NBSP}750,40`),
        eur(`7${NBSP}126,00`),
        "47,3 days",
        "12,0 days",
    ]);
    expect(".o_recovery_tiles > div:eq(1) .o_recovery_tile_value + div").toHaveText(
        "1 overdue invoice"
    );
    expect(".o_recovery_claim").toHaveClass("o_recovery_tile_value");
});

test("a quiet customer: no badge, no next action, no invoice, no plan", async () => {
    const data = accountData();
    Object.assign(data.partner, {
        stage: "",
        stage_holds: false,
        blocked: false,
        block_reason: "",
        insolvency: "",
        responsible: "",
        phone: "",
        email: "",
        vat: "",
    });
    Object.assign(data, { invoices: [], plans: [], next_action: false, timeline: [] });
    data.totals.overdue_count = 3;
    onAccountData(data);
    await mountAccount();
    expect(".o_recovery_account_screen h2 .badge").toHaveCount(0);
    expect(".o_recovery_account_screen h2 + div").toHaveText("Lyon · Responsible: -");
    expect(".o_recovery_phone").toHaveCount(0);
    expect("a[href^='mailto:']").toHaveCount(0);
    expect(".o_recovery_account_screen").not.toHaveText(/Next action/i);
    expect(".o_recovery_tiles > div:eq(1) .o_recovery_tile_value + div").toHaveText(
        "3 overdue invoices"
    );
    expect(".o_recovery_invoices tbody").toHaveText("No open invoice.");
    expect(".o_recovery_invoices tfoot").toHaveCount(0);
    expect("h5:contains('Payment plans') + div").toHaveText("No payment plan.");
    expect(".o_recovery_timeline").toHaveText(/Nothing yet\./);
});

test("a customer whose stage does not hold the ladder: grey stage badge", async () => {
    const data = accountData();
    data.partner.stage_holds = false;
    onAccountData(data);
    await mountAccount();
    expect(".o_recovery_customer_stage").toHaveClass("text-bg-secondary");
    expect(".o_recovery_customer_stage").not.toHaveClass("text-bg-danger");
});

test("open invoices: one row each, claim per invoice and totals", async () => {
    onAccountData();
    await mountAccount();
    expect(".o_recovery_invoices tbody tr").toHaveCount(2);
    expect(rawTexts(".o_recovery_invoices tbody tr:eq(0) td")).toEqual([
        "FAC/2026/00012",
        "15/09/2026",
        "83",
        "Mise en demeureMise en demeure LRAR",
        eur(`5${NBSP}750,40`),
        eur("123,45"),
        eur("40,00"),
        eur("12,15"),
        eur(`5${NBSP}926,00`),
    ]);
    // blocked invoice icon; days late in red, days to come not
    expect(".o_recovery_invoices tbody tr:eq(0) .fa-ban").toHaveCount(1);
    expect(".o_recovery_invoices tbody tr:eq(1) .fa-ban").toHaveCount(0);
    expect(".o_recovery_invoices tbody tr:eq(0) td:eq(2)").toHaveClass("text-danger");
    expect(".o_recovery_invoices tbody tr:eq(1) td:eq(2)").not.toHaveClass("text-danger");
    expect(rawTexts(".o_recovery_invoices tfoot td")).toEqual([
        "Total",
        eur(`6${NBSP}950,40`),
        eur("123,45"),
        eur("40,00"),
        eur("12,15"),
        eur(`7${NBSP}126,00`),
    ]);
});

test("ageing and payment plans", async () => {
    onAccountData();
    await mountAccount();
    const ageingRows = queryAll("h5:contains('Ageing') + table tr");
    expect(ageingRows.map((row) => row.textContent)).toEqual([
        `Non échu${eur(`1${NBSP}200,00`)}`,
        `1-30 jours${eur("0,00")}`,
        `31-60 jours${eur("0,00")}`,
        `61-90 jours${eur(`5${NBSP}750,40`)}`,
        `Plus de 90 jours${eur("0,00")}`,
        `Paiement non lettré${eur("0,00")}`,
    ]);
    const plan = "h5:contains('Payment plans') + table tr";
    expect(`${plan} td:eq(0)`).toHaveText("Échéancier 2026/001\nEn cours");
    expect(rawText(`${plan} td:eq(1)`)).toBe(`${eur(`2${NBSP}000,00`)}30/11/2026`);
    // a late instalment is red
    expect(`${plan} td:eq(1) span`).toHaveClass("text-danger");
});

test("timeline: every item, then filtered by kind", async () => {
    onAccountData();
    await mountAccount();
    expect(queryAllTexts(".o_recovery_timeline .btn-group button")).toEqual([
        "All",
        "Reminders",
        "Calls",
        "Notes",
        "Payments",
        "Invoices",
        "Stages",
        "Customer's answers",
        "Judicial acts",
    ]);
    expect(".o_recovery_timeline .btn-group .btn-primary").toHaveText("All");
    const titles = () => queryAllTexts(".o_recovery_timeline_item a.fw-bold");
    expect(titles()).toEqual([
        "Mise en demeure LRAR",
        "Payment received",
        "Appel",
        "Invoice FAC/2026/00012",
    ]);
    // the letter: amount, date, invoices, LRAR number, its PDF
    const letter = ".o_recovery_timeline_item:eq(0)";
    expect(rawText(`${letter} .text-nowrap:not(.text-muted)`)).toBe(eur(`5${NBSP}750,40`));
    expect(`${letter} .o_recovery_timeline_date`).toHaveText("01/12/2026");
    expect(`${letter} .small.text-muted`).toHaveText(
        "Courrier · Envoyé · FAC/2026/00012 · LRAR 1A 234 567 8901 2"
    );
    expect(`${letter} a[target=_blank]`).toHaveAttribute("href", "/web/content/77");
    expect(`${letter} a[target=_blank]`).toHaveText("Mise en demeure.pdf");
    expect(".o_recovery_timeline_item:eq(2) .small.text-muted").toHaveText(
        "Boulangerie Martin · Sophie Comptable"
    );

    await contains(".o_recovery_timeline button:contains('Payments')").click();
    expect(titles()).toEqual(["Payment received"]);
    expect(".o_recovery_timeline .btn-group .btn-primary").toHaveText("Payments");
    expect(".o_recovery_kind_payment .text-break").toHaveText("Virement");

    await contains(".o_recovery_timeline button:contains('Calls')").click();
    expect(titles()).toEqual(["Appel"]);

    await contains(".o_recovery_timeline button:contains('Reminders')").click();
    expect(titles()).toEqual(["Mise en demeure LRAR"]);

    await contains(".o_recovery_timeline button:contains('Stages')").click();
    expect(titles()).toEqual([]);
    expect(".o_recovery_timeline").toHaveText(/Nothing yet\./);

    await contains(".o_recovery_timeline button:contains('All')").click();
    expect(titles()).toHaveLength(4);
    expect(".o_recovery_timeline").not.toHaveText(/Nothing yet\./);
    // filtering is on the screen: no new call to the server
    expect.verifySteps([]);
});

test("clicks on the customer, an invoice, a plan, a timeline item open their form", async () => {
    onAccountData();
    mockDoAction();
    await mountAccount();
    await contains(".o_recovery_account_screen h2 a").click();
    expect.verifySteps([["doAction", form("res.partner", PARTNER_ID), {}]]);
    await contains(".o_recovery_invoices tbody tr:eq(1)").click();
    expect.verifySteps([["doAction", form("account.move", 102), {}]]);
    await contains("h5:contains('Payment plans') + table tr").click();
    expect.verifySteps([["doAction", form("recovery.plan", 301), {}]]);
    await contains(".o_recovery_timeline_item:eq(1) a.fw-bold").click();
    expect.verifySteps([["doAction", form("account.move", 402), {}]]);
    await contains(".o_recovery_timeline_item:eq(0) a.fw-bold").click();
    expect.verifySteps([["doAction", form("recovery.event", 501), {}]]);
});

test("E-mail, Letter, Payment plan, Block: the partner's method, its action, reload on close", async () => {
    onAccountData();
    const calls = mockDoAction();
    const wizard = { type: "ir.actions.act_window", res_model: "some.wizard", target: "new" };
    const buttons = {
        "E-mail": "action_recovery_email",
        "Letter (next step)": "action_recovery_letter",
        "Payment plan": "action_recovery_plan_wizard",
        "Block recovery": "action_recovery_block",
    };
    for (const method of Object.values(buttons)) {
        onRpc("res.partner", method, ({ args }) => {
            expect.step([method, args]);
            return { ...wizard, name: method };
        });
    }
    await mountAccount();
    for (const [label, method] of Object.entries(buttons)) {
        await contains(`.o_recovery_account_buttons button:contains('${label}')`).click();
        expect.verifySteps([
            [method, [[PARTNER_ID]]],
            ["doAction", { ...wizard, name: method }, { onClose: "<onClose>" }],
        ]);
    }
    await calls.at(-1).options.onClose();
    expect.verifySteps([["get_account_data", [PARTNER_ID]]]);
});

test("a partner method that returns no action: the screen reloads, nothing opens", async () => {
    onAccountData();
    mockDoAction();
    onRpc("res.partner", "action_recovery_letter", ({ args }) => {
        expect.step(["action_recovery_letter", args]);
        return false;
    });
    await mountAccount();
    await contains(".o_recovery_account_buttons button:contains('Letter (next step)')").click();
    expect.verifySteps([
        ["action_recovery_letter", [[PARTNER_ID]]],
        ["get_account_data", [PARTNER_ID]],
    ]);
});

test("Call plans a call for today, says so, reloads", async () => {
    onAccountData();
    mockService("notification", {
        add(message, options) {
            expect.step(["notification", message, options]);
            return () => {};
        },
    });
    onRpc("res.partner", "action_recovery_schedule_call", ({ args }) => {
        expect.step(["action_recovery_schedule_call", args]);
        return true;
    });
    await mountAccount();
    await contains(".o_recovery_account_buttons button[name=schedule_call]").click();
    expect.verifySteps([
        ["action_recovery_schedule_call", [[PARTNER_ID]]],
        ["notification", "Call planned for today.", { type: "success" }],
        ["get_account_data", [PARTNER_ID]],
    ]);
});

test("Statement prints the statement report, Dossier opens the dossier wizard", async () => {
    onAccountData();
    mockDoAction();
    await mountAccount();
    const context = {
        active_model: "res.partner",
        active_id: PARTNER_ID,
        active_ids: [PARTNER_ID],
    };
    await contains(".o_recovery_account_buttons button:contains('Statement')").click();
    expect.verifySteps([
        [
            "doAction",
            "recouvrement_fr.action_report_recovery_statement",
            { additionalContext: context },
        ],
    ]);
    await contains(".o_recovery_account_buttons button:contains('Dossier')").click();
    expect.verifySteps([
        [
            "doAction",
            "recouvrement_fr.recovery_dossier_wizard_action_partner",
            { additionalContext: context, onClose: "<onClose>" },
        ],
    ]);
});

test("the next action's act: its button opens the act wizard, closing reloads", async () => {
    const data = accountData();
    data.next_action = {
        date: "2026-12-07",
        label: "Requête en injonction de payer",
        user: "",
        act: { code: "injonction_request", label: "Requête en injonction de payer" },
    };
    data.timeline.unshift({
        kind: "act",
        icon: "fa-balance-scale",
        date: "2026-12-02",
        stamp: "2026-12-02 09:00:00",
        title: "Mandat au commissaire de justice",
        subtitle: "Commissaire de justice · Rédigé",
        body: "",
        amount: 5926.0,
        attachment_id: 88,
        attachment_name: "Mandat.pdf",
        res_model: "recovery.act",
        res_id: 71,
        invoices: "FAC/2026/00012",
    });
    onAccountData(data);
    const calls = mockDoAction();
    const wizard = {
        type: "ir.actions.act_window",
        res_model: "recovery.act.wizard",
        target: "new",
    };
    onRpc("res.partner", "action_recovery_draft_act", ({ args }) => {
        expect.step(["action_recovery_draft_act", args]);
        return wizard;
    });
    await mountAccount();
    expect(".o_recovery_draft_act").toHaveText("Requête en injonction de payer");
    expect(".o_recovery_draft_act").toHaveAttribute("data-act", "injonction_request");
    await contains(".o_recovery_draft_act").click();
    expect.verifySteps([
        ["action_recovery_draft_act", [[PARTNER_ID]]],
        ["doAction", wizard, { onClose: "<onClose>" }],
    ]);
    await calls.at(-1).options.onClose();
    expect.verifySteps([["get_account_data", [PARTNER_ID]]]);
    // the acts drafted have their own filter in the timeline
    await contains(".o_recovery_timeline button:contains('Judicial acts')").click();
    expect(queryAllTexts(".o_recovery_timeline_item a.fw-bold")).toEqual([
        "Mandat au commissaire de justice",
    ]);
});

test("a next action without an act has no act button", async () => {
    onAccountData();
    await mountAccount();
    expect(".o_recovery_account_screen").toHaveText(/Next action/i);
    expect(".o_recovery_draft_act").toHaveCount(0);
});
