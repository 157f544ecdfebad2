/** @odoo-module */
import { expect, test } from "@odoo/hoot";
import { queryAll, queryAllTexts } from "@odoo/hoot-dom";
import { click, contains, mailModels, start, startServer } from "@mail/../tests/mail_test_helpers";
import { defineModels, defineParams } from "@web/../tests/web_test_helpers";
import { FRENCH, mockDoAction } from "./recovery_test_helpers";

/** The "Ma journée" group res.users._get_activity_groups adds (models/desk/res_users.py). */
const RECOVERY_GROUP = {
    id: 901,
    name: "Ma journée",
    model: "recovery.my.day",
    type: "recovery",
    icon: "/recouvrement_fr/static/description/icon.png",
    total_count: 3,
    recovery_count: 5,
    recovery_sections: [
        { key: "calls", label: "Calls of the day", count: 2 },
        { key: "to_print", label: "Letters to print and post", count: 3 },
    ],
};

class ResUsers extends mailModels.ResUsers {
    _get_activity_groups() {
        return [...super._get_activity_groups(), RECOVERY_GROUP];
    }
}

// defineMailModels() with the patched res.users
defineParams({ suite: "mail", lang_parameters: FRENCH }, "replace");
defineModels({ ...mailModels, ResUsers });

test("the activity menu shows Ma journée's sections; a click opens Ma journée", async () => {
    const pyEnv = await startServer();
    const partnerId = pyEnv["res.partner"].create({ name: "Boulangerie Martin" });
    pyEnv["mail.activity"].create({
        res_id: partnerId,
        res_model: "res.partner",
        date_deadline: "2020-01-01",
    });
    mockDoAction();
    await start();
    await click(".o_menu_systray i[aria-label='Activities']");
    const recovery = ".o-mail-ActivityGroup[data-model_name='recovery.my.day']";
    await contains(recovery); // rendered once the groups are fetched
    expect(`${recovery} [name=activityTitle]`).toHaveText("Ma journée");
    const sections = `${recovery} .o_recovery_activity_sections > span`;
    expect(queryAll(sections).map((span) => span.dataset.section)).toEqual(["calls", "to_print"]);
    expect(queryAllTexts(sections)).toEqual([
        "Calls of the day 2",
        "Letters to print and post 3",
    ]);
    // an ordinary group has no recovery sections
    const partners = ".o-mail-ActivityGroup[data-model_name='res.partner']";
    expect(`${partners} .o_recovery_activity_sections`).toHaveCount(0);

    await click(recovery);
    expect.verifySteps([
        ["doAction", "recouvrement_fr.recovery_my_day_action", { clearBreadcrumbs: true }],
    ]);
    await contains(".o-mail-ActivityGroup", { count: 0 }); // the dropdown closed
});

test("another group of the activity menu still opens its activities", async () => {
    const pyEnv = await startServer();
    const partnerId = pyEnv["res.partner"].create({ name: "Boulangerie Martin" });
    pyEnv["mail.activity"].create({
        res_id: partnerId,
        res_model: "res.partner",
        date_deadline: "2020-01-01",
    });
    const calls = mockDoAction();
    await start();
    await click(".o_menu_systray i[aria-label='Activities']");
    await click(".o-mail-ActivityGroup[data-model_name='res.partner']");
    expect(calls).toHaveLength(1);
    expect(calls[0].action).not.toBe("recouvrement_fr.recovery_my_day_action");
    expect(calls[0].action.res_model).toBe("res.partner");
    expect.verifySteps([["doAction", calls[0].action, calls[0].options]]);
});
