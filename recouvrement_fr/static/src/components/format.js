/** @odoo-module */
// Number and date formats of the user's language for the recovery screens.
import { deserializeDate, formatDate } from "@web/core/l10n/dates";
import { formatFloat, formatMonetary } from "@web/views/fields/formatters";

export function money(value, currencyId) {
    return formatMonetary(value || 0, { currencyId, digits: [16, 0] });
}

export function moneyCents(value, currencyId) {
    return formatMonetary(value || 0, { currencyId });
}

export function number(value, digits = 1) {
    return formatFloat(value || 0, { digits: [16, digits] });
}

export function day(value) {
    return value ? formatDate(deserializeDate(value)) : "";
}
