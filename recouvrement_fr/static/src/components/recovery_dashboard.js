/** @odoo-module */
// Full-width recovery dashboard: KPI tiles, ageing and trend charts, top
// debtors, amounts per responsible; every figure from one RPC.
import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { day, money, number } from "./format";

const BUCKET_COLORS = ["#2e7d32", "#f9a825", "#ef6c00", "#d84315", "#b71c1c"];

export class RecoveryDashboard extends Component {
    static template = "recouvrement_fr.RecoveryDashboard";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.ageingCanvas = useRef("ageing");
        this.trendCanvas = useRef("trend");
        this.charts = [];
        this.state = useState({ data: null });
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            this.state.data = await this.orm.call("recovery.dashboard", "recovery_dashboard_data", []);
        });
        onMounted(() => this.renderCharts());
        onWillUnmount(() => this.charts.forEach((chart) => chart.destroy()));
    }

    get data() {
        return this.state.data;
    }

    /** "1 facture", "3 factures": French puts 0 and 1 in the singular. */
    invoices(count) {
        return count <= 1 ? _t("%s invoice", count) : _t("%s invoices", count);
    }

    money(value) {
        return money(value, this.data.currency_id);
    }

    number(value, digits) {
        return number(value, digits);
    }

    day(value) {
        return day(value);
    }

    get tiles() {
        const kpis = this.data.kpis;
        return [
            {
                key: "receivable",
                label: _t("Outstanding"),
                value: this.money(kpis.receivable),
                sub: _t("of which unapplied payments: %s", this.money(kpis.unapplied)),
                onClick: () => this.openAgeing("all"),
            },
            {
                key: "overdue",
                label: _t("Overdue"),
                value: this.money(kpis.overdue),
                tone: "text-danger",
                sub: kpis.overdue_count <= 1
                    ? _t("%s overdue invoice", kpis.overdue_count)
                    : _t("%s overdue invoices", kpis.overdue_count),
                onClick: () => this.openAgeing("overdue"),
            },
            {
                key: "dso",
                label: _t("DSO"),
                value: _t("%s days", this.number(kpis.dso)),
                sub: this.dsoFormula,
                help: _t(
                    "Days sales outstanding: open receivables / sales tax included of the last %s days × %s",
                    kpis.dso_days,
                    kpis.dso_days
                ),
            },
            {
                key: "recovered",
                label: _t("Recovered (%s days)", kpis.recovered_days),
                value: this.money(kpis.recovered),
                tone: "text-success",
                sub: _t("payments matched with invoices in recovery"),
            },
            {
                key: "plan",
                label: _t("In payment plans"),
                value: this.money(kpis.plan),
                sub: this.invoices(kpis.plan_count),
                onClick: () => this.openAgeing("payment_plan"),
            },
            {
                key: "contentieux",
                label: _t("In litigation"),
                value: this.money(kpis.contentieux),
                sub: this.invoices(kpis.contentieux_count),
                onClick: () => this.openAgeing("contentieux"),
            },
            {
                key: "prescription",
                label: _t("Prescribed within 90 days"),
                value: this.money(kpis.prescription),
                tone: "text-warning",
                sub: this.invoices(kpis.prescription_count),
                onClick: () => this.openAgeing("prescription"),
            },
        ];
    }

    get dsoFormula() {
        const kpis = this.data.kpis;
        return _t("%(receivable)s / %(sales)s × %(days)s days", {
            receivable: this.money(kpis.receivable),
            sales: this.money(kpis.sales),
            days: kpis.dso_days,
        });
    }

    renderCharts() {
        const ageing = this.data.ageing;
        const moneyTick = (value) => this.money(value);
        this.charts.push(
            new Chart(this.ageingCanvas.el, {
                type: "bar",
                data: {
                    labels: ageing.map((bucket) => bucket.label),
                    datasets: [
                        {
                            label: _t("Open amount"),
                            data: ageing.map((bucket) => bucket.amount),
                            backgroundColor: BUCKET_COLORS,
                        },
                    ],
                },
                options: {
                    maintainAspectRatio: false,
                    animation: false,
                    plugins: {
                        legend: { display: false },
                        tooltip: { callbacks: { label: (ctx) => this.money(ctx.parsed.y) } },
                    },
                    scales: { y: { beginAtZero: true, ticks: { callback: moneyTick } } },
                    onClick: (event, elements) => {
                        if (elements.length) {
                            this.openAgeing("bucket", ageing[elements[0].index].key);
                        }
                    },
                },
            })
        );
        const trend = this.data.trend;
        this.charts.push(
            new Chart(this.trendCanvas.el, {
                type: "line",
                data: {
                    labels: trend.map((point) => this.day(point.date)),
                    datasets: [
                        {
                            label: _t("Overdue"),
                            data: trend.map((point) => point.overdue),
                            borderColor: "#c62828",
                            backgroundColor: "rgba(198, 40, 40, 0.15)",
                            fill: true,
                            yAxisID: "y",
                        },
                        {
                            label: _t("DSO (days)"),
                            data: trend.map((point) => point.dso),
                            borderColor: "#1565c0",
                            backgroundColor: "#1565c0",
                            yAxisID: "dso",
                        },
                    ],
                },
                options: {
                    maintainAspectRatio: false,
                    animation: false,
                    interaction: { mode: "index", intersect: false },
                    plugins: {
                        tooltip: {
                            callbacks: {
                                label: (ctx) =>
                                    ctx.dataset.yAxisID === "dso"
                                        ? `${ctx.dataset.label}: ${this.number(ctx.parsed.y)}`
                                        : `${ctx.dataset.label}: ${this.money(ctx.parsed.y)}`,
                            },
                        },
                    },
                    scales: {
                        y: { beginAtZero: true, ticks: { callback: moneyTick } },
                        dso: {
                            beginAtZero: true,
                            position: "right",
                            grid: { drawOnChartArea: false },
                            title: { display: true, text: _t("DSO (days)") },
                        },
                    },
                },
            })
        );
    }

    async openAgeing(kind, value = false) {
        const action = await this.orm.call("recovery.dashboard", "recovery_dashboard_action", [
            kind,
            value,
        ]);
        return this.action.doAction(action);
    }

    async openCustomer(partnerId) {
        const action = await this.orm.call("res.partner", "action_recovery_account", [[partnerId]]);
        return this.action.doAction(action);
    }
}

registry.category("actions").add("recouvrement_fr.dashboard", RecoveryDashboard);
