/** @odoo-module */
// A file made by a wizard: downloaded, then the wizard closes, so that the
// screen that opened it reloads (its onClose) and shows the new state — a
// dossier exported leaves "Dossiers à transmettre" at once.
import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";

export function downloadAndClose(env, action) {
    const { url } = action.params || {};
    if (url) {
        browser.location.assign(url);
    }
    return { type: "ir.actions.act_window_close" };
}

registry.category("actions").add("recouvrement_fr.download_and_close", downloadAndClose);
