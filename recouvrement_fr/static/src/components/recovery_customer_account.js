/** @odoo-module */
// Compte client: one screen per customer (claim per invoice, ageing, plans,
// the whole timeline, next action, one-click actions), fed by one RPC.
import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { day, money, moneyCents, number } from "./format";

export class RecoveryCustomerAccount extends Component {
    static template = "recouvrement_fr.RecoveryCustomerAccount";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        const { params = {}, context = {} } = this.props.action;
        this.partnerId = params.partner_id || context.active_id;
        this.state = useState({ data: null, filter: "all" });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("recovery.customer.account", "get_account_data", [
            this.partnerId,
        ]);
    }

    get breadcrumbs() {
        return (this.env.config && this.env.config.breadcrumbs) || [];
    }

    get data() {
        return this.state.data;
    }

    money(value) {
        return moneyCents(value, this.data.currency_id);
    }

    round(value) {
        return money(value, this.data.currency_id);
    }

    number(value) {
        return number(value);
    }

    day(value) {
        return day(value);
    }

    days(value) {
        return _t("%s days", number(value));
    }

    get filters() {
        return [
            ["all", _t("All")],
            ["event", _t("Reminders")],
            ["call", _t("Calls")],
            ["note", _t("Notes")],
            ["payment", _t("Payments")],
            ["invoice", _t("Invoices")],
            ["stage", _t("Stages")],
            ["answer", _t("Customer's answers")],
            ["act", _t("Judicial acts")],
        ];
    }

    get timeline() {
        const filter = this.state.filter;
        return this.data.timeline.filter((item) => filter === "all" || item.kind === filter);
    }

    openRecord(resModel, resId) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: resModel,
            res_id: resId,
            views: [[false, "form"]],
            target: "current",
        });
    }

    async callPartner(method) {
        const action = await this.orm.call("res.partner", method, [[this.data.partner.id]]);
        if (action) {
            return this.action.doAction(action, { onClose: () => this.load() });
        }
        return this.load();
    }

    printStatement() {
        return this.action.doAction("recouvrement_fr.action_report_recovery_statement", {
            additionalContext: {
                active_model: "res.partner",
                active_id: this.data.partner.id,
                active_ids: [this.data.partner.id],
            },
        });
    }

    openDossier() {
        return this.action.doAction("recouvrement_fr.recovery_dossier_wizard_action_partner", {
            additionalContext: {
                active_model: "res.partner",
                active_id: this.data.partner.id,
                active_ids: [this.data.partner.id],
            },
            onClose: () => this.load(),
        });
    }

    async resolveDispute(moveId) {
        await this.orm.call("account.move", "action_recovery_resolve_dispute", [[moveId]]);
        return this.load();
    }

    async creditNote(moveId) {
        const action = await this.orm.call("account.move", "action_recovery_dispute_credit_note", [[moveId]]);
        return this.action.doAction(action, { onClose: () => this.load() });
    }

    /** The act the next action offers: its wizard (court, fees... then the PDF). */
    draftAct() {
        return this.callPartner("action_recovery_draft_act");
    }

    async scheduleCall() {
        await this.orm.call("res.partner", "action_recovery_schedule_call", [[this.data.partner.id]]);
        this.notification.add(_t("Call planned for today."), { type: "success" });
        return this.load();
    }
}

registry.category("actions").add("recouvrement_fr.customer_account", RecoveryCustomerAccount);
