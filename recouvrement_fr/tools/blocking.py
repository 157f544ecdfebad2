# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A document that must not be issued: a missing datum (a reference rate, the
consumer mediator...) is never printed to the debtor, nor replaced by a 0.

A user who issues the document gets :class:`RecoveryBlockedError` (a
``UserError``) with what to enter; the nightly run does not send the event
and plans a to-do for its responsible instead (recovery.dispatch).
"""

from odoo.exceptions import UserError


class RecoveryBlockedError(UserError):
    """The document cannot be issued until the accountant enters a datum."""
