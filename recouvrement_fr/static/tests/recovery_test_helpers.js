/** @odoo-module */
// Shared set-up of the recovery screens' unit tests: a French user (the
// number and date parameters of Odoo's fr_FR language), the mail models the
// add-on's dependencies need to start their services, and the screens'
// actions and RPCs recorded as steps.
import { expect } from "@odoo/hoot";
import { queryAll, queryOne } from "@odoo/hoot-dom";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { defineParams, mockService, serverState } from "@web/../tests/web_test_helpers";

// res.lang fr_FR (base/data/res.lang.csv): "," decimals, no-break space
// thousands, [3,0] grouping, day/month/year.
export const FRENCH = {
    date_format: "%d/%m/%Y",
    decimal_point: ",",
    thousands_sep: "\u00a0",
    grouping: [3, 0],
    week_start: 1,
};

export const NBSP = "\u00a0";

/** Call at the top of a test file. */
export function defineRecoveryTestEnv() {
    defineMailModels();
    defineParams({ lang_parameters: FRENCH });
}

/** The euro of the mock server (symbol after the amount). */
export function euroId() {
    return serverState.currencies.find((currency) => currency.name === "EUR").id;
}

/**
 * The action service's doAction records its arguments as a step (JSON) and
 * in the returned list, so that a test can also call an onClose.
 */
export function mockDoAction() {
    const calls = [];
    mockService("action", {
        doAction(action, options = {}) {
            calls.push({ action, options });
            expect.step(["doAction", action, actionOptions(options)]);
            return Promise.resolve(true);
        },
    });
    return calls;
}

function actionOptions(options) {
    // onClose is a function: keep the fact it is given, not its body.
    const result = {};
    for (const [key, value] of Object.entries(options)) {
        result[key] = typeof value === "function" ? `<${key}>` : value;
    }
    return result;
}

/** The text exactly as the DOM holds it: no-break spaces stay. */
export function rawText(selector) {
    return queryOne(selector).textContent.trim();
}

export function rawTexts(selector) {
    return queryAll(selector).map((el) => el.textContent.trim());
}
