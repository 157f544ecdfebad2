# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Recouvrement FR",
    "summary": "French recovery of unpaid customer invoices: reminder ladder, "
    "mise en demeure, evidence and French late-payment law",
    "version": "18.0.1.5.0",
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
        "data/recovery_rate_cron_data.xml",
        "report/recovery_letter_layout.xml",
        "report/recovery_portal_letter.xml",
        "report/recovery_letter_report.xml",
        "report/recovery_notice_report.xml",
        "report/recovery_statement_report.xml",
        "report/recovery_plan_report.xml",
        "report/recovery_ageing_report.xml",
        "report/recovery_bordereau_report.xml",
        "report/recovery_penalty_invoice_report.xml",
        "report/recovery_act_report.xml",
        "data/mail_template_data.xml",
        "data/recovery_level_data.xml",
        "data/ir_cron_data.xml",
        "data/ir_cron_services_data.xml",
        "data/recovery_plan_data.xml",
        "data/recovery_dossier_data.xml",
        "data/recovery_promise_data.xml",
        "data/mail_activity_type_data.xml",
        "wizards/recovery_escalate_wizard_views.xml",
        "wizards/recovery_plan_wizard_views.xml",
        "wizards/recovery_ageing_wizard_views.xml",
        "wizards/recovery_dossier_wizard_views.xml",
        "wizards/recovery_block_wizard_views.xml",
        "wizards/recovery_promise_wizard_views.xml",
        "views/recovery_level_views.xml",
        "views/recovery_event_views.xml",
        "views/recovery_rate_views.xml",
        "views/recovery_plan_views.xml",
        "views/account_move_views.xml",
        "views/recovery_ageing_views.xml",
        "views/recovery_dashboard_views.xml",
        "views/res_partner_views.xml",
        "views/recovery_letter_provider_views.xml",
        "views/res_config_settings_views.xml",
        "views/recovery_desk_views.xml",
        "views/menus.xml",
        "views/recovery_promise_views.xml",
        "views/portal_templates.xml",
        "views/recovery_act_views.xml",
        "wizards/recovery_act_wizard_views.xml",
    ],
    "demo": [],
    "assets": {
        "web.assets_backend": [
            "recouvrement_fr/static/src/components/*",
            "recouvrement_fr/static/src/systray/*",
        ],
        # The letters' stylesheet (recovery_letter_minimal_layout): Odoo's
        # report one without the web client's icons, the module descriptions'
        # styles and the Bootstrap components a letter does not use (Font
        # Awesome stays, for the company's header and footer). wkhtmltopdf
        # parses it once per run of letters.
        "recouvrement_fr.report_assets_letter": [
            ("include", "web.report_assets_common"),
            ("remove", "base/static/src/css/description.css"),
            ("remove", "web/static/lib/odoo_ui_icons/*"),
            (
                "replace",
                "web/static/src/scss/import_bootstrap.scss",
                "recouvrement_fr/static/src/scss/letter_bootstrap.scss",
            ),
            (
                "before",
                "web/static/lib/bootstrap/scss/utilities/_api.scss",
                "recouvrement_fr/static/src/scss/letter_utilities.scss",
            ),
            (
                "remove",
                "web/static/src/webclient/actions/reports/layout_assets/layout_*.scss",
            ),
            # The editor's shapes, colour combinations and columns, and the
            # product labels: not in a letter.
            ("remove", "web_editor/static/src/scss/web_editor.common.scss"),
            ("remove", "product/static/src/scss/report_label_sheet.scss"),
        ],
        "web.assets_tests": [
            "recouvrement_fr/static/tests/tours/*.js",
        ],
        # hoot unit tests of the screens (tests/test_js_units.py runs them)
        "web.assets_unit_tests": [
            "recouvrement_fr/static/tests/*.js",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
}
