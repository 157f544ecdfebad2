# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Recouvrement FR",
    "summary": "French recovery of unpaid customer invoices: reminder ladder, "
    "mise en demeure, evidence and French late-payment law",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/recouvrement-fr/recouvrement_fr",
    "author": "recouvrement_fr contributors",
    "maintainers": ["recouvrement-fr"],
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["account", "mail", "portal", "l10n_fr"],
    "data": [
        "security/recouvrement_fr_security.xml",
        "security/ir.model.access.csv",
        "data/recovery_rate_data.xml",
        "report/recovery_letter_report.xml",
        "data/mail_template_data.xml",
        "data/recovery_level_data.xml",
        "data/ir_cron_data.xml",
        "wizards/recovery_escalate_wizard_views.xml",
        "views/recovery_level_views.xml",
        "views/recovery_event_views.xml",
        "views/recovery_rate_views.xml",
        "views/account_move_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [],
    "assets": {
        "web.assets_tests": [
            "recouvrement_fr/static/tests/tours/*.js",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
}
