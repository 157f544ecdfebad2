/** @odoo-module */
// Ma journée: the recovery responsible's work of the day, each line acting in
// one click; fed by one RPC.
import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { day, moneyCents } from "./format";

export class RecoveryMyDay extends Component {
    static template = "recouvrement_fr.RecoveryMyDay";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ data: null, mine: true });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("recovery.my.day", "get_day_data", [], {
            mine: this.state.mine,
        });
    }

    get data() {
        return this.state.data;
    }

    get sections() {
        const s = this.data.sections;
        return [
            { key: "calls", title: _t("Calls of the day"), icon: "fa-phone", ...s.calls },
            { key: "to_validate", title: _t("Formal notices to validate"), icon: "fa-check-square-o", ...s.to_validate },
            { key: "to_print", title: _t("Letters to print and post"), icon: "fa-print", ...s.to_print },
            { key: "to_post", title: _t("Registered letters: LRAR number to enter"), icon: "fa-barcode", ...s.to_post },
            { key: "disputes", title: _t("Disputes to resolve"), icon: "fa-exclamation-triangle", ...s.disputes },
            { key: "dossiers", title: _t("Dossiers to send"), icon: "fa-gavel", ...s.dossiers },
            { key: "declarations", title: _t("Claims to declare (insolvency)"), icon: "fa-university", ...s.declarations },
            { key: "answers", title: _t("Customers' answers to review"), icon: "fa-commenting-o", ...s.answers },
            // Issue #25: customers the Sirene register says are closed.
            ...(s.closed ? [{ key: "closed", title: _t("Closed companies (Sirene)"), icon: "fa-ban", ...s.closed }] : []),
        ];
    }

    money(value) {
        return moneyCents(value, this.data.currency_id);
    }

    day(value) {
        return day(value);
    }

    async toggleMine() {
        this.state.mine = !this.state.mine;
        await this.load();
    }

    openRecord(resModel, resId) {
        return this.action.doAction(
            {
                type: "ir.actions.act_window",
                res_model: resModel,
                res_id: resId,
                views: [[false, "form"]],
                target: "current",
            },
            { onClose: () => this.load() }
        );
    }

    async openCustomer(partnerId) {
        const action = await this.orm.call("res.partner", "action_recovery_account", [[partnerId]]);
        return this.action.doAction(action);
    }

    async validate(eventId) {
        await this.orm.call("recovery.event", "action_validate", [[eventId]]);
        return this.load();
    }

    async preview(eventId) {
        const action = await this.orm.call("recovery.event", "action_preview_document", [[eventId]]);
        return this.action.doAction(action);
    }

    async markAllPosted(ids) {
        await this.orm.call("recovery.event", "action_mark_sent", [ids]);
        return this.load();
    }

    async enterNumbers(ids) {
        const action = await this.orm.call("recovery.event", "action_enter_lrar_numbers", [ids]);
        return this.action.doAction(action, { onClose: () => this.load() });
    }

    async printLetters(ids) {
        const action = await this.orm.call("recovery.event", "action_print_letters", [ids]);
        await this.action.doAction(action);
        return this.load();
    }

    async resolveDispute(moveId) {
        await this.orm.call("account.move", "action_recovery_resolve_dispute", [[moveId]]);
        return this.load();
    }

    async creditNote(moveId) {
        const action = await this.orm.call("account.move", "action_recovery_dispute_credit_note", [[moveId]]);
        return this.action.doAction(action, { onClose: () => this.load() });
    }

    async reviewPromise(promiseId) {
        await this.orm.call("recovery.promise", "action_reviewed", [[promiseId]]);
        return this.load();
    }

    async grantPlan(requestId) {
        const action = await this.orm.call("recovery.request", "action_open_plan_wizard", [[requestId]]);
        return this.action.doAction(action, { onClose: () => this.load() });
    }

    /** The act the procedure advice offers for this customer: its wizard. */
    async draftAct(partnerId) {
        const action = await this.orm.call("res.partner", "action_recovery_draft_act", [[partnerId]]);
        return this.action.doAction(action, { onClose: () => this.load() });
    }

    openDossier(partnerId) {
        return this.action.doAction("recouvrement_fr.recovery_dossier_wizard_action_partner", {
            additionalContext: {
                active_model: "res.partner",
                active_id: partnerId,
                active_ids: [partnerId],
            },
            onClose: () => this.load(),
        });
    }
}

registry.category("actions").add("recouvrement_fr.my_day", RecoveryMyDay);
