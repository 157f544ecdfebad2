/** @odoo-module */
import { expect, test } from "@odoo/hoot";
import { queryAll, queryAllTexts, queryOne } from "@odoo/hoot-dom";
import { contains, mountWithCleanup, onRpc } from "@web/../tests/web_test_helpers";
import { registry } from "@web/core/registry";
import { RecoveryMyDay } from "@recouvrement_fr/components/recovery_my_day";
import {
    defineRecoveryTestEnv,
    euroId,
    mockDoAction,
    NBSP,
    rawText,
    rawTexts,
} from "./recovery_test_helpers";

defineRecoveryTestEnv();

const EMPTY = { count: 0, lines: [] };
const EMPTY_EVENTS = { count: 0, ids: [], lines: [] };

// Customer facts added to every line by _add_customer_facts.
function customer(partnerId, name, extra = {}) {
    return {
        partner_id: partnerId,
        partner_name: name,
        phone: "",
        email: "",
        overdue: 0.0,
        last_contact: false,
        ...extra,
    };
}

function eventLine(eventId, partnerId, name, extra = {}) {
    // recovery.my.day._events
    return {
        event_id: eventId,
        date: "2026-12-01",
        summary: "Mise en demeure",
        channel: "letter",
        lrar: "",
        amount_event: 840.0,
        has_pdf: false,
        attachment_id: false,
        invoices: "FAC/2026/00012",
        ...customer(partnerId, name),
        ...extra,
    };
}

/** What recovery.my.day.get_day_data returns (models/desk/recovery_my_day.py). */
function dayData({ mine = true } = {}) {
    const sections = {
        calls: {
            count: 2,
            lines: [
                {
                    activity_id: 31,
                    event_id: 501,
                    date: "2026-12-04",
                    late: true,
                    summary: "Relance téléphonique",
                    script: "Rappeler l'échéance et proposer un échéancier.",
                    ...customer(11, "Boulangerie Martin", {
                        phone: "+33 4 72 11 22 33",
                        overdue: 5750.4,
                        last_contact: "2026-11-20",
                    }),
                },
                {
                    activity_id: 32,
                    event_id: false,
                    date: "2026-12-07",
                    late: false,
                    summary: "Appeler",
                    script: "",
                    ...customer(12, "Garage Dupont", { overdue: 1200.0 }),
                },
            ],
        },
        to_validate: {
            count: 1,
            ids: [601],
            lines: [eventLine(601, 13, "Menuiserie Leroy")],
        },
        to_print: {
            count: 2,
            ids: [701, 702],
            lines: [
                eventLine(701, 14, "Imprimerie Petit", { has_pdf: true, attachment_id: 91 }),
                eventLine(702, 15, "Traiteur Moreau"),
            ],
        },
        to_post: {
            count: 1,
            ids: [801],
            lines: [eventLine(801, 16, "Pressing Blanc", { summary: "LRAR" })],
        },
        disputes: {
            count: 1,
            lines: [
                {
                    move_id: 901,
                    date: "2026-10-15",
                    summary: "FAC/2026/00007",
                    reason: "Marchandise non conforme",
                    amount_event: 312.5,
                    ...customer(17, "Fleuriste Roux"),
                },
            ],
        },
        dossiers: { ...EMPTY_EVENTS },
        declarations: {
            count: 1,
            lines: [
                {
                    date: "2026-12-20",
                    late: false,
                    summary: "Déclarer la créance au mandataire",
                    ...customer(18, "Transports Girard"),
                },
            ],
        },
        answers: {
            count: 1,
            lines: [
                {
                    kind: "promise",
                    promise_id: 41,
                    date: "2026-12-15",
                    summary: "Promesse de paiement",
                    amount_event: 480.0,
                    invoices: "FAC/2026/00009",
                    reason: "",
                    ...customer(20, "Café Bernard"),
                },
            ],
        },
        closed: { count: 0, lines: [] },
    };
    if (!mine) {
        sections.calls.count = 3;
        sections.calls.lines.push({
            activity_id: 33,
            event_id: 502,
            date: "2026-12-07",
            late: false,
            summary: "Relance téléphonique",
            script: "",
            ...customer(19, "Client d'un collègue"),
        });
    }
    return {
        date: "2026-12-07",
        mine,
        user: "Sophie Comptable",
        currency_id: euroId(),
        sections,
        counts: Object.fromEntries(Object.entries(sections).map(([k, s]) => [k, s.count])),
    };
}

function onDayData() {
    onRpc("recovery.my.day", "get_day_data", ({ args, kwargs }) => {
        expect.step(["get_day_data", args, kwargs.mine]);
        return dayData({ mine: kwargs.mine });
    });
}

function section(key) {
    return `[data-section='${key}']`;
}

test("the tag of the client action opens Ma journée", async () => {
    expect(registry.category("actions").get("recouvrement_fr.my_day")).toBe(RecoveryMyDay);
});

test("header, tiles and empty sections from one get_day_data call", async () => {
    onDayData();
    await mountWithCleanup(RecoveryMyDay, { props: { action: {} } });
    expect.verifySteps([["get_day_data", [], true]]);
    expect(".o_recovery_my_day h2").toHaveText("My day");
    expect(rawText(".o_recovery_my_day h2 + span")).toBe("Sophie Comptable · 07/12/2026");
    expect("#o_recovery_mine").toBeChecked();
    // one tile a section, in the screen's order, with its count
    expect(queryAllTexts(".o_recovery_tiles a")).toEqual([
        "CALLS OF THE DAY\n2",
        "FORMAL NOTICES TO VALIDATE\n1",
        "LETTERS TO PRINT AND POST\n2",
        "REGISTERED LETTERS: LRAR NUMBER TO ENTER\n1",
        "DISPUTES TO RESOLVE\n1",
        "DOSSIERS TO SEND\n0",
        "CLAIMS TO DECLARE (INSOLVENCY)\n1",
        "CUSTOMERS' ANSWERS TO REVIEW\n1",
        "CLOSED COMPANIES (SIRENE)\n0",
    ]);
    expect(queryAll(".o_recovery_tiles a").map((a) => a.getAttribute("href"))).toEqual([
        "#o_recovery_section_calls",
        "#o_recovery_section_to_validate",
        "#o_recovery_section_to_print",
        "#o_recovery_section_to_post",
        "#o_recovery_section_disputes",
        "#o_recovery_section_dossiers",
        "#o_recovery_section_declarations",
        "#o_recovery_section_answers",
        "#o_recovery_section_closed",
    ]);
    // a zero count is greyed
    expect(".o_recovery_tiles a:eq(5) .o_recovery_tile_value").toHaveClass("text-muted");
    expect(".o_recovery_tiles a:eq(0) .o_recovery_tile_value").not.toHaveClass("text-muted");
    // rows per section; an empty one says so
    expect(`${section("calls")} .o_recovery_day_line`).toHaveCount(2);
    expect(`${section("to_print")} .o_recovery_day_line`).toHaveCount(2);
    expect(`${section("dossiers")} .o_recovery_day_line`).toHaveCount(0);
    expect(section("dossiers")).toHaveText(/Nothing today\./);
    expect(section("calls")).not.toHaveText(/Nothing today\./);
    expect(`${section("calls")} .badge`).toHaveText("2");
});

test("a call line: customer, phone, last contact, overdue in euros, late date", async () => {
    onDayData();
    await mountWithCleanup(RecoveryMyDay, { props: { action: {} } });
    expect.verifySteps([["get_day_data", [], true]]);
    const line = `${section("calls")} .o_recovery_day_line:eq(0)`;
    expect(`${line} td:eq(0) a`).toHaveText("Boulangerie Martin");
    expect(`${line} td:eq(0) .small:eq(0)`).toHaveText("Relance téléphonique");
    expect(`${line} td:eq(0) .fst-italic`).toHaveText(
        "Rappeler l'échéance et proposer un échéancier."
    );
    expect(`${line} .o_recovery_phone`).toHaveAttribute("href", "tel:+33 4 72 11 22 33");
    expect(`${line} td:eq(1) .small`).toHaveText("Last contact: 20/11/2026");
    expect(rawText(`${line} td:eq(2) .fw-bold`)).toBe(`5${NBSP}750,40${NBSP}€`);
    expect(`${line} td:eq(2) .small`).toHaveText("04/12/2026");
    expect(`${line} td:eq(2) .small`).toHaveClass("text-danger");
    // the second call: not late, no phone, no last contact, no script
    const second = `${section("calls")} .o_recovery_day_line:eq(1)`;
    expect(rawText(`${second} td:eq(2) .fw-bold`)).toBe(`1${NBSP}200,00${NBSP}€`);
    expect(`${second} td:eq(2) .small`).toHaveText("07/12/2026");
    expect(`${second} td:eq(2) .small`).toHaveClass("text-muted");
    expect(`${second} .o_recovery_phone`).toHaveCount(0);
    expect(`${second} .fst-italic`).toHaveCount(0);
    expect(`${second} td:eq(1)`).toHaveText("");
    // an event line: level, invoices, and a dispute line: its reason
    expect(`${section("to_validate")} .o_recovery_day_line td:eq(0) .small`).toHaveText(
        "Mise en demeure · FAC/2026/00012"
    );
    expect(`${section("disputes")} .o_recovery_day_line td:eq(0) .small`).toHaveText(
        "FAC/2026/00007 · Marchandise non conforme"
    );
    expect(rawTexts(`${section("disputes")} .o_recovery_day_line td:eq(2) div`)).toEqual([
        `0,00${NBSP}€`,
        "15/10/2026",
    ]);
});

test("the buttons each section offers", async () => {
    onDayData();
    await mountWithCleanup(RecoveryMyDay, { props: { action: {} } });
    expect.verifySteps([["get_day_data", [], true]]);
    const buttons = (key) =>
        queryAllTexts(`${section(key)} .o_recovery_day_line:eq(0) td:eq(3) button`);
    expect(buttons("calls")).toEqual(["Call"]);
    expect(buttons("to_validate")).toEqual(["Read", "Validate", "Details"]);
    expect(buttons("to_print")).toEqual(["Details"]);
    expect(buttons("to_post")).toEqual(["Enter the number"]);
    expect(buttons("disputes")).toEqual(["Resolve", "Credit note", "Invoice"]);
    expect(buttons("answers")).toEqual(["Reviewed", "Promise"]);
    expect(buttons("declarations")).toEqual(["Customer account"]);
    // the PDF of a printed letter, only where there is one
    expect(`${section("to_print")} .o_recovery_day_line:eq(0) a[target=_blank]`).toHaveAttribute(
        "href",
        "/web/content/91"
    );
    expect(`${section("to_print")} .o_recovery_day_line:eq(1) a[target=_blank]`).toHaveCount(0);
    // "Print all" in the letters' section only
    expect(`${section("to_print")} h5 + button`).toHaveText("Print all");
    expect(".o_recovery_my_day button:contains('Print all')").toHaveCount(1);
});

test("'Only my customers' off and on again reloads with mine false then true", async () => {
    onDayData();
    await mountWithCleanup(RecoveryMyDay, { props: { action: {} } });
    expect.verifySteps([["get_day_data", [], true]]);
    expect(`${section("calls")} .o_recovery_day_line`).toHaveCount(2);

    await contains("#o_recovery_mine").click();
    expect.verifySteps([["get_day_data", [], false]]);
    expect("#o_recovery_mine").not.toBeChecked();
    expect(`${section("calls")} .o_recovery_day_line`).toHaveCount(3);
    expect(`${section("calls")} .o_recovery_day_line:eq(2) td:eq(0) a`).toHaveText(
        "Client d'un collègue"
    );
    expect(".o_recovery_tiles a:eq(0) .o_recovery_tile_value").toHaveText("3");

    await contains("#o_recovery_mine").click();
    expect.verifySteps([["get_day_data", [], true]]);
    expect("#o_recovery_mine").toBeChecked();
    expect(`${section("calls")} .o_recovery_day_line`).toHaveCount(2);
});

test("Call opens the call's event, or the customer when there is no event; closing reloads", async () => {
    onDayData();
    const calls = mockDoAction();
    await mountWithCleanup(RecoveryMyDay, { props: { action: {} } });
    expect.verifySteps([["get_day_data", [], true]]);

    await contains(`${section("calls")} .o_recovery_day_line:eq(0) button`).click();
    const form = (resModel, resId) => ({
        type: "ir.actions.act_window",
        res_model: resModel,
        res_id: resId,
        views: [[false, "form"]],
        target: "current",
    });
    expect.verifySteps([["doAction", form("recovery.event", 501), { onClose: "<onClose>" }]]);
    await calls.at(-1).options.onClose();
    expect.verifySteps([["get_day_data", [], true]]);

    await contains(`${section("calls")} .o_recovery_day_line:eq(1) button`).click();
    expect.verifySteps([["doAction", form("res.partner", 12), { onClose: "<onClose>" }]]);

    await contains(`${section("to_post")} .o_recovery_day_line button`).click();
    expect.verifySteps([["doAction", form("recovery.event", 801), { onClose: "<onClose>" }]]);

    await contains(`${section("disputes")} .o_recovery_day_line button:contains('Invoice')`).click();
    expect.verifySteps([["doAction", form("account.move", 901), { onClose: "<onClose>" }]]);
});

test("Resolve settles the dispute in place, then reloads", async () => {
    onDayData();
    mockDoAction();
    onRpc("account.move", "action_recovery_resolve_dispute", ({ args }) => {
        expect.step(["action_recovery_resolve_dispute", args]);
        return true;
    });
    await mountWithCleanup(RecoveryMyDay, { props: { action: {} } });
    expect.verifySteps([["get_day_data", [], true]]);
    await contains(`${section("disputes")} button:contains('Resolve')`).click();
    expect.verifySteps([["action_recovery_resolve_dispute", [[901]]], ["get_day_data", [], true]]);
});

test("Validate calls action_validate on the event, then reloads", async () => {
    onDayData();
    mockDoAction();
    onRpc("recovery.event", "action_validate", ({ args }) => {
        expect.step(["action_validate", args]);
        return true;
    });
    await mountWithCleanup(RecoveryMyDay, { props: { action: {} } });
    expect.verifySteps([["get_day_data", [], true]]);
    await contains(`${section("to_validate")} button:contains('Validate')`).click();
    expect.verifySteps([["action_validate", [[601]]], ["get_day_data", [], true]]);
});

test("Print all prints the letters and the registered notices, runs the returned action, reloads", async () => {
    onDayData();
    mockDoAction();
    const report = { type: "ir.actions.report", report_name: "recouvrement_fr.letters" };
    onRpc("recovery.event", "action_print_letters", ({ args }) => {
        expect.step(["action_print_letters", args]);
        return report;
    });
    await mountWithCleanup(RecoveryMyDay, { props: { action: {} } });
    expect.verifySteps([["get_day_data", [], true]]);
    await contains(`${section("to_print")} button:contains('Print all')`).click();
    expect.verifySteps([
        ["action_print_letters", [[701, 702, 801]]],
        ["doAction", report, {}],
        ["get_day_data", [], true],
    ]);
});

test("a customer's name and 'Customer account' open the customer account action", async () => {
    onDayData();
    mockDoAction();
    const account = { type: "ir.actions.client", tag: "recouvrement_fr.customer_account" };
    onRpc("res.partner", "action_recovery_account", ({ args }) => {
        expect.step(["action_recovery_account", args]);
        return { ...account, params: { partner_id: args[0][0] } };
    });
    await mountWithCleanup(RecoveryMyDay, { props: { action: {} } });
    expect.verifySteps([["get_day_data", [], true]]);

    await contains(`${section("to_print")} .o_recovery_day_line:eq(1) td:eq(0) a`).click();
    expect.verifySteps([
        ["action_recovery_account", [[15]]],
        ["doAction", { ...account, params: { partner_id: 15 } }, {}],
    ]);
    await contains(`${section("declarations")} button:contains('Customer account')`).click();
    expect.verifySteps([
        ["action_recovery_account", [[18]]],
        ["doAction", { ...account, params: { partner_id: 18 } }, {}],
    ]);
});

test("Dossier opens the dossier wizard for the customer", async () => {
    onRpc("recovery.my.day", "get_day_data", () => {
        const data = dayData();
        data.sections.dossiers = {
            count: 1,
            ids: [1001],
            lines: [eventLine(1001, 20, "Bâtiment Lefèvre", { summary: "Dossier" })],
        };
        return data;
    });
    mockDoAction();
    await mountWithCleanup(RecoveryMyDay, { props: { action: {} } });
    expect(section("dossiers")).not.toHaveText(/Nothing today\./);
    await contains(`${section("dossiers")} button:contains('Dossier')`).click();
    expect.verifySteps([
        [
            "doAction",
            "recouvrement_fr.recovery_dossier_wizard_action_partner",
            {
                additionalContext: {
                    active_model: "res.partner",
                    active_id: 20,
                    active_ids: [20],
                },
                onClose: "<onClose>",
            },
        ],
    ]);
    expect(queryOne(".o_recovery_tiles a:eq(5) .o_recovery_tile_value")).not.toHaveClass(
        "text-muted"
    );
});

test("a litigation or insolvency line offers its act: its wizard, reload on close", async () => {
    const injonction = { code: "injonction_request", label: "Requête en injonction de payer" };
    const declaration = { code: "claim_declaration", label: "Déclaration de créance" };
    onRpc("recovery.my.day", "get_day_data", ({ kwargs }) => {
        expect.step(["get_day_data", kwargs.mine]);
        const data = dayData();
        data.sections.dossiers = {
            count: 2,
            ids: [1001, 1002],
            lines: [
                eventLine(1001, 20, "Dupont Équipements", {
                    summary: "Contentieux",
                    act: injonction,
                }),
                eventLine(1002, 21, "Atelier Roux", { summary: "Contentieux", act: false }),
            ],
        };
        data.sections.declarations.lines[0].act = declaration;
        return data;
    });
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
    await mountWithCleanup(RecoveryMyDay, { props: { action: {} } });
    expect.verifySteps([["get_day_data", true]]);
    const buttons = (key, index) =>
        queryAllTexts(`${section(key)} .o_recovery_day_line:eq(${index}) td:eq(3) button`);
    // the act first, the dossier beside it; no act, no button
    expect(buttons("dossiers", 0)).toEqual(["Requête en injonction de payer", "Dossier"]);
    expect(buttons("dossiers", 1)).toEqual(["Dossier"]);
    const dossier = (index) =>
        `${section("dossiers")} .o_recovery_day_line:eq(${index}) button:contains('Dossier')`;
    expect(dossier(0)).toHaveClass("btn-secondary");
    expect(dossier(1)).toHaveClass("btn-primary");
    expect(buttons("declarations", 0)).toEqual(["Déclaration de créance", "Customer account"]);
    expect(`${section("dossiers")} .o_recovery_draft_act`).toHaveAttribute(
        "data-act",
        "injonction_request"
    );

    await contains(`${section("dossiers")} .o_recovery_draft_act`).click();
    expect.verifySteps([
        ["action_recovery_draft_act", [[20]]],
        ["doAction", wizard, { onClose: "<onClose>" }],
    ]);
    await contains(`${section("declarations")} .o_recovery_draft_act`).click();
    expect.verifySteps([
        ["action_recovery_draft_act", [[18]]],
        ["doAction", wizard, { onClose: "<onClose>" }],
    ]);
    await calls.at(-1).options.onClose();
    expect.verifySteps([["get_day_data", true]]);
});
