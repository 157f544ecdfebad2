/** @odoo-module */
import { expect, test } from "@odoo/hoot";
import { queryAllTexts, queryOne } from "@odoo/hoot-dom";
import { animationFrame } from "@odoo/hoot-mock";
import { Component, useState, xml } from "@odoo/owl";
import {
    contains,
    mountWithCleanup,
    onRpc,
    preloadBundle,
} from "@web/../tests/web_test_helpers";
import { registry } from "@web/core/registry";
import { RecoveryDashboard } from "@recouvrement_fr/components/recovery_dashboard";
import {
    defineRecoveryTestEnv,
    euroId,
    mockDoAction,
    NBSP,
    rawTexts,
} from "./recovery_test_helpers";

defineRecoveryTestEnv();
preloadBundle("web.chartjs_lib");

const eur = (amount) => `${amount}${NBSP}€`;

/** What recovery.dashboard.recovery_dashboard_data returns (models/desk/recovery_dashboard.py). */
function dashboardData(overrides = {}) {
    return {
        date: "2026-12-07",
        currency_id: euroId(),
        companies: ["Atelier Durand SAS", "Durand Services SARL"],
        kpis: {
            receivable: 123456.78,
            unapplied: 1500.2,
            overdue: 45678.9,
            overdue_count: 1,
            sales: 234567.0,
            dso: 47.26,
            dso_days: 90,
            recovered: 9876.5,
            recovered_days: 30,
            plan: 3000.0,
            plan_count: 0,
            contentieux: 8000.0,
            contentieux_count: 3,
            prescription: 450.0,
            prescription_count: 1,
        },
        ageing: [
            { key: "not_due", label: "Non échu", amount: 77777.88 },
            { key: "1_30", label: "1-30 jours", amount: 20000.0 },
            { key: "31_60", label: "31-60 jours", amount: 15000.0 },
            { key: "61_90", label: "61-90 jours", amount: 6000.0 },
            { key: "90_plus", label: "Plus de 90 jours", amount: 4678.9 },
        ],
        trend: [
            { date: "2026-10-31", overdue: 40000.0, dso: 50.0 },
            { date: "2026-11-30", overdue: 42000.0, dso: 48.5 },
            { date: "2026-12-07", overdue: 45678.9, dso: 47.26 },
        ],
        top_debtors: [
            {
                partner_id: 41,
                name: "Boulangerie Martin",
                overdue: 20500.4,
                open: 25750.6,
                days: 95,
            },
            { partner_id: 42, name: "Garage Dupont", overdue: 5750.4, open: 5750.4, days: 12 },
        ],
        responsibles: [
            { user_id: 2, name: "Sophie Comptable", overdue: 26250.8, open: 31501.0, customers: 2 },
            { user_id: false, name: "Nobody", overdue: 0.0, open: 1234.0, customers: 0 },
        ],
        ...overrides,
    };
}

function onDashboardData(data = dashboardData()) {
    onRpc("recovery.dashboard", "recovery_dashboard_data", ({ args }) => {
        expect.step(["recovery_dashboard_data", args]);
        return data;
    });
}

const AGEING = { type: "ir.actions.act_window", res_model: "recovery.ageing", name: "Ageing" };

function onDashboardAction() {
    onRpc("recovery.dashboard", "recovery_dashboard_action", ({ args }) => {
        expect.step(["recovery_dashboard_action", args]);
        return { ...AGEING, domain: [["kind", "=", args[0]]] };
    });
}

async function mountDashboard() {
    await mountWithCleanup(RecoveryDashboard, { props: { action: {} } });
    expect.verifySteps([["recovery_dashboard_data", []]]);
}

const tile = (key) => `.o_recovery_tile:eq(${TILES.indexOf(key)})`;
const TILES = ["receivable", "overdue", "dso", "recovered", "plan", "contentieux", "prescription"];

test("the tag of the client action opens the dashboard", async () => {
    expect(registry.category("actions").get("recouvrement_fr.dashboard")).toBe(RecoveryDashboard);
});

test("header and KPI tiles: euros rounded, French numbers, singular and plural", async () => {
    onDashboardData();
    await mountDashboard();
    expect(".o_recovery_dashboard_screen h2 + span").toHaveText(
        "Atelier Durand SAS, Durand Services SARL · on 07/12/2026"
    );
    expect(queryAllTexts(".o_recovery_tile .text-uppercase")).toEqual([
        "OUTSTANDING",
        "OVERDUE",
        "DSO",
        "RECOVERED (30 DAYS)",
        "IN PAYMENT PLANS",
        "IN LITIGATION",
        "PRESCRIBED WITHIN 90 DAYS",
    ]);
    expect(rawTexts(".o_recovery_tile_value")).toEqual([
        eur(`123${NBSP}457`),
        eur(`45${NBSP}679`),
        "47,3 days",
        eur(`9${NBSP}877`),
        eur(`3${NBSP}000`),
        eur(`8${NBSP}000`),
        eur("450"),
    ]);
    expect(rawTexts(".o_recovery_tile .o_recovery_tile_value + div")).toEqual([
        `of which unapplied payments: ${eur(`1${NBSP}500`)}`,
        "1 overdue invoice",
        `${eur(`123${NBSP}457`)} / ${eur(`234${NBSP}567`)} × 90 days`,
        "payments matched with invoices in recovery",
        "0 invoice",
        "3 invoices",
        "1 invoice",
    ]);
    expect(`${tile("overdue")} .o_recovery_tile_value`).toHaveClass("text-danger");
    expect(`${tile("recovered")} .o_recovery_tile_value`).toHaveClass("text-success");
    expect(`${tile("prescription")} .o_recovery_tile_value`).toHaveClass("text-warning");
    expect(tile("dso")).toHaveAttribute(
        "title",
        "Days sales outstanding: open receivables / sales tax included of the last 90 days × 90"
    );
});

test("overdue tile in the plural", async () => {
    const data = dashboardData();
    data.kpis.overdue_count = 4;
    onDashboardData(data);
    await mountDashboard();
    expect(`${tile("overdue")} .o_recovery_tile_value + div`).toHaveText("4 overdue invoices");
});

test("a clickable tile opens the ageing behind it; DSO and recovered are not clickable", async () => {
    onDashboardData();
    onDashboardAction();
    mockDoAction();
    await mountDashboard();
    expect(".o_recovery_tile.o_recovery_clickable").toHaveCount(5);
    expect(tile("dso")).not.toHaveClass("o_recovery_clickable");
    expect(tile("recovered")).not.toHaveClass("o_recovery_clickable");

    const kinds = {
        receivable: "all",
        overdue: "overdue",
        plan: "payment_plan",
        contentieux: "contentieux",
        prescription: "prescription",
    };
    for (const [key, kind] of Object.entries(kinds)) {
        await contains(tile(key)).click();
        expect.verifySteps([
            ["recovery_dashboard_action", [kind, false]],
            ["doAction", { ...AGEING, domain: [["kind", "=", kind]] }, {}],
        ]);
    }
    await contains(tile("dso")).click();
    await contains(tile("recovered")).click();
    expect.verifySteps([]);
});

test("top debtors and responsibles tables", async () => {
    onDashboardData();
    await mountDashboard();
    expect(".o_recovery_top tbody tr").toHaveCount(2);
    expect(rawTexts(".o_recovery_top tbody tr:eq(0) td")).toEqual([
        "Boulangerie Martin",
        eur(`20${NBSP}500`),
        eur(`25${NBSP}751`),
        "95",
    ]);
    expect(rawTexts(".o_recovery_top tbody tr:eq(1) td")).toEqual([
        "Garage Dupont",
        eur(`5${NBSP}750`),
        eur(`5${NBSP}750`),
        "12",
    ]);
    expect(rawTexts(".o_recovery_responsibles tbody tr:eq(0) td")).toEqual([
        "Sophie Comptable",
        "2",
        eur(`26${NBSP}251`),
        eur(`31${NBSP}501`),
    ]);
    expect(rawTexts(".o_recovery_responsibles tbody tr:eq(1) td")).toEqual([
        "Nobody",
        "0",
        eur("0"),
        eur(`1${NBSP}234`),
    ]);
    expect(".o_recovery_top").not.toHaveText(/No overdue customer/);
});

test("no overdue customer: the table says so", async () => {
    onDashboardData(dashboardData({ top_debtors: [] }));
    await mountDashboard();
    expect(".o_recovery_top tbody tr").toHaveCount(1);
    expect(".o_recovery_top tbody").toHaveText("No overdue customer.");
});

test("a click on a debtor opens the customer account", async () => {
    onDashboardData();
    mockDoAction();
    onRpc("res.partner", "action_recovery_account", ({ args }) => {
        expect.step(["action_recovery_account", args]);
        return { type: "ir.actions.client", tag: "recouvrement_fr.customer_account" };
    });
    await mountDashboard();
    await contains(".o_recovery_top tbody tr:eq(1)").click();
    expect.verifySteps([
        ["action_recovery_account", [[42]]],
        ["doAction", { type: "ir.actions.client", tag: "recouvrement_fr.customer_account" }, {}],
    ]);
});

test("charts: ageing bars and 12-month trend from the payload; a bar opens its bucket", async () => {
    onDashboardData();
    onDashboardAction();
    mockDoAction();
    await mountDashboard();
    const ageing = Chart.getChart(queryOne(".o_recovery_chart:eq(0) canvas"));
    expect(ageing.config.type).toBe("bar");
    expect(ageing.data.labels).toEqual([
        "Non échu",
        "1-30 jours",
        "31-60 jours",
        "61-90 jours",
        "Plus de 90 jours",
    ]);
    expect(ageing.data.datasets[0].data).toEqual([77777.88, 20000, 15000, 6000, 4678.9]);
    // the axis and tooltips in euros
    expect(ageing.options.scales.y.ticks.callback(20000)).toBe(eur(`20${NBSP}000`));
    expect(ageing.options.plugins.tooltip.callbacks.label({ parsed: { y: 4678.9 } })).toBe(
        eur(`4${NBSP}679`)
    );
    ageing.options.onClick(null, [{ index: 2 }]);
    await animationFrame(); // the RPC and the action resolve
    expect.verifySteps([
        ["recovery_dashboard_action", ["bucket", "31_60"]],
        ["doAction", { ...AGEING, domain: [["kind", "=", "bucket"]] }, {}],
    ]);
    ageing.options.onClick(null, []);

    const trend = Chart.getChart(queryOne(".o_recovery_chart:eq(1) canvas"));
    expect(trend.config.type).toBe("line");
    expect(trend.data.labels).toEqual(["31/10/2026", "30/11/2026", "07/12/2026"]);
    expect(trend.data.datasets.map((dataset) => [dataset.label, dataset.data])).toEqual([
        ["Overdue", [40000, 42000, 45678.9]],
        ["DSO (days)", [50, 48.5, 47.26]],
    ]);
    const label = trend.options.plugins.tooltip.callbacks.label;
    expect(label({ dataset: trend.data.datasets[1], parsed: { y: 47.26 } })).toBe(
        "DSO (days): 47,3"
    );
    expect(label({ dataset: trend.data.datasets[0], parsed: { y: 45678.9 } })).toBe(
        `Overdue: ${eur(`45${NBSP}679`)}`
    );
    expect.verifySteps([]);
});

test("leaving the dashboard destroys its charts", async () => {
    onDashboardData();
    class Host extends Component {
        static components = { RecoveryDashboard };
        static props = ["*"];
        static template = xml`<RecoveryDashboard t-if="state.shown" action="{}"/>`;
        setup() {
            this.state = useState({ shown: true });
        }
    }
    const host = await mountWithCleanup(Host);
    expect.verifySteps([["recovery_dashboard_data", []]]);
    const canvases = [0, 1].map((i) => queryOne(`.o_recovery_chart:eq(${i}) canvas`));
    expect(canvases.map((canvas) => Boolean(Chart.getChart(canvas)))).toEqual([true, true]);
    host.state.shown = false;
    await animationFrame();
    expect(".o_recovery_dashboard_screen").toHaveCount(0);
    expect(canvases.map((canvas) => Chart.getChart(canvas))).toEqual([undefined, undefined]);
});
