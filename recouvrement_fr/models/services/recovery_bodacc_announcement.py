# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import api, fields, models

from ...core.vocabulary import BODACC_KINDS, INSOLVENCY_PROCEDURES
from ...tools.open_invoice import open_invoice_domain

_logger = logging.getLogger(__name__)

# Customers checked per call of the cron (the runner calls again while some
# remain, committing each batch).
BATCH_SIZE = 50
# Announcements read again before the last check (publication delays).
OVERLAP_DAYS = 7
# How far back the first check of a customer looks.
FIRST_LOOKBACK_DAYS = 365


class RecoveryBodaccAnnouncement(models.Model):
    """A BODACC collective-proceedings announcement about a customer, kept
    once (its BODACC id): what was published, and what it did."""

    _name = "recovery.bodacc.announcement"
    _description = "BODACC announcement"
    _order = "published desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade", index=True
    )
    bodacc_id = fields.Char(string="BODACC announcement", required=True, index=True)
    published = fields.Date(string="Published on", required=True)
    kind = fields.Selection(BODACC_KINDS, string="Judgment", required=True)
    procedure = fields.Selection(INSOLVENCY_PROCEDURES)
    judgment_date = fields.Date(string="Judgment date")
    court = fields.Char()
    nature = fields.Char()
    mandataire = fields.Char(string="Mandataire judiciaire")

    _sql_constraints = [
        (
            "bodacc_id_partner_unique",
            "unique(partner_id, bodacc_id)",
            "A BODACC announcement is recorded once per customer.",
        )
    ]

    @api.model
    def _cron_bodacc_watch(self, batch_size=BATCH_SIZE):
        """Check the BODACC for the customers owing money to a company that
        enabled the watch, those not checked today, ``batch_size`` a call.

        Safe to run twice: a customer is checked once a day and an
        announcement is applied once. When the service cannot be reached,
        the batch stops, nothing is changed for the customers left, and the
        next run tries again.
        """
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("recovery_bodacc_enabled", "=", True)])
        )
        today = fields.Date.context_today(self)
        due = self._bodacc_due_partners(companies, today)
        done = 0
        for partner in due[:batch_size]:
            error = partner._recovery_bodacc_check(companies, today)
            if error:
                _logger.warning("BODACC watch stopped: %s", error)
                self.env["ir.cron"]._notify_progress(done=done, remaining=0)
                return done
            done += 1
        self.env["ir.cron"]._notify_progress(done=done, remaining=len(due) - done)
        return done

    @api.model
    def _bodacc_due_partners(self, companies, today):
        """Commercial partners with an open invoice in ``companies``, a SIREN,
        and not checked today."""
        if not companies:
            return self.env["res.partner"]
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [("company_id", "in", companies.ids), *open_invoice_domain()],
                ["commercial_partner_id"],
            )
        )
        partners = (
            self.env["res.partner"].sudo().browse([partner.id for (partner,) in groups])
        )
        return partners.filtered(
            lambda p: (
                p._recovery_siren()
                and (
                    not p.recovery_bodacc_checked_on
                    or p.recovery_bodacc_checked_on < today
                )
            )
        ).sorted("id")

    @api.model
    def _bodacc_since(self, partner, today):
        if partner.recovery_bodacc_checked_on:
            return partner.recovery_bodacc_checked_on - timedelta(days=OVERLAP_DAYS)
        return today - timedelta(days=FIRST_LOOKBACK_DAYS)
