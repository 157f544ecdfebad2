/** @odoo-module */
// The activity menu's "Ma journée" entry (res_users.py): a click opens Ma
// journée instead of a list of activities.
import { ActivityMenu } from "@mail/core/web/activity_menu";
import { patch } from "@web/core/utils/patch";

patch(ActivityMenu.prototype, {
    openActivityGroup(group) {
        if (group.type !== "recovery") {
            return super.openActivityGroup(...arguments);
        }
        this.dropdown.close();
        return this.action.doAction("recouvrement_fr.recovery_my_day_action", {
            clearBreadcrumbs: true,
        });
    },
});
