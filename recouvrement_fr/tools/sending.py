# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Technical names the sending pipeline shares (models/sending/): which
reports carry the letterhead in the page, the context key of the batch
template cache, the values of an e-mail, the errors worth a retry."""

# Reports whose letterhead is part of the page (recovery_letter_layout).
LETTERHEAD_REPORTS = (
    "recouvrement_fr.report_recovery_letter",
    "recouvrement_fr.report_mise_en_demeure",
    "recouvrement_fr.report_recovery_statement",
)
# The letters' stylesheet bundle (recovery_letter_minimal_layout).
LETTER_ASSETS = "recouvrement_fr.report_assets_letter"
# Context key holding a dict: the templates compiled while it is set.
COMPILE_CACHE_KEY = "recovery_qweb_compile_cache"
# The rendered values of the level's template that make the e-mail.
EMAIL_FIELDS = ["subject", "body_html", "email_from", "reply_to"]
# Errors of the machine, not of the communication: worth trying again later.
TRANSIENT_ERRORS = (OSError, ConnectionError)
# Registered letters asked at their provider per call of the tracking cron
# (the mises en demeure, then the judicial acts sent as registered letters).
TRACK_BATCH = 100
# The dossier's folder of the judicial acts and their proofs.
ACTS_FOLDER = "06_actes"
