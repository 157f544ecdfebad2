# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Recouvrement FR - Job Queue",
    "summary": "Spread the recovery communications over OCA queue_job workers",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/recouvrement-fr/recouvrement_fr",
    "author": "recouvrement_fr contributors",
    "maintainers": ["recouvrement-fr"],
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["recouvrement_fr", "queue_job"],
    "data": ["data/queue_job_data.xml"],
}
