# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Recouvrement FR - Online payment",
    "summary": "Pay overdue invoices from the recovery portal page with Odoo's "
    "payment providers",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/recouvrement-fr/recouvrement_fr",
    "author": "recouvrement_fr contributors",
    "maintainers": ["recouvrement-fr"],
    "license": "AGPL-3",
    "depends": ["recouvrement_fr", "account_payment"],
    "data": ["views/portal_templates.xml"],
    "assets": {
        "web.assets_tests": [
            "recouvrement_fr_payment/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "auto_install": True,
}
