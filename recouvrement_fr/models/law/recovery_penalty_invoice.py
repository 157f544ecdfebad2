# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo import Command, _, api, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount, format_date

from ...core.insolvency import blocked_after_judgment


class RecoveryPenaltyInvoice(models.AbstractModel):
    """Bill the penalties, interest and indemnities of late invoices on a new
    customer invoice, outside the scope of VAT.

    A service (no table): the amounts are ``recovery.claim``'s; each line
    remembers the late invoice and the date it is billed until, so that
    ``recovery.claim`` never counts a billed period again.
    """

    _name = "recovery.penalty.invoice"
    _description = "Recovery Penalty Invoice"

    @api.model
    def _bill_expected(self, moves, at_date, expected, currency):
        """:meth:`_bill`, refused when the penalty invoices do not come to
        ``expected`` (what a payment plan agreed to include): the figures
        changed since the user read them."""
        bills = self._bill(moves, at_date)
        billed = sum(bills.mapped("amount_total"))
        if currency.compare_amounts(billed, expected):
            raise UserError(
                _(
                    "The penalties billed (%(billed)s) differ from those of the plan "
                    "(%(extra)s): reopen the wizard.",
                    billed=format_amount(self.env, billed, currency),
                    extra=format_amount(self.env, expected, currency),
                )
            )
        return bills

    @api.model
    def _bill(self, moves, at_date):
        """Create and post one penalty invoice per customer, outside the scope of VAT.

        Each line remembers the late invoice and the date its penalties are
        billed until, so that a period is never billed twice. The late
        invoices are locked while billing: a concurrent click fails cleanly.
        """
        invoices = moves.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state == "posted"
                and not self._barred_by_insolvency(m, at_date)
            )
        )
        if not invoices:
            return moves.browse()
        self._lock(invoices)
        invoices.invalidate_recordset(["recovery_penalty_line_ids"])
        table = self.env["recovery.rate"]._get_rate_table()
        vals_list = []
        for (company, partner, currency), group in invoices.grouped(
            lambda m: (m.company_id, m.commercial_partner_id, m.currency_id)
        ).items():
            lines = []
            for invoice in group:
                lines += self._line_vals(invoice, at_date, table)
            if lines:
                vals_list.append(
                    self._invoice_vals(
                        group, company, partner, currency, at_date, lines
                    )
                )
        penalty_moves = moves.create(vals_list)
        penalty_moves.action_post()
        return penalty_moves

    @api.model
    def _barred_by_insolvency(self, move, at_date):
        """No penalty invoice, from the opening judgment, for a claim born
        before it: it is declared instead (Code de commerce L622-7, L622-21)."""
        partner = move.commercial_partner_id
        return bool(
            partner.recovery_insolvency
            and blocked_after_judgment(
                "penalty_invoice",
                at_date,
                partner.recovery_insolvency_date,
                move.invoice_date,
                move.delivery_date,
            )
        )

    @api.model
    def _lock(self, invoices):
        """Lock the late invoices being billed, or fail at once."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM account_move WHERE id = ANY(%s) "
                        "FOR UPDATE NOWAIT",
                        invoices.ids,
                    )
                )
        except psycopg2.errors.LockNotAvailable as error:
            raise UserError(
                _(
                    "These invoices are being billed by another user: try again in a "
                    "moment."
                )
            ) from error

    @api.model
    def _invoice_vals(self, invoices, company, partner, currency, at_date, lines):
        """The penalty invoice of ``invoices`` (one customer, one currency)."""
        return {
            "move_type": "out_invoice",
            "company_id": company.id,
            "partner_id": partner.id,
            "currency_id": currency.id,
            "invoice_date": at_date,
            "invoice_origin": ", ".join(invoices.mapped("name")),
            "invoice_payment_term_id": False,
            "invoice_date_due": at_date,
            "narration": _(
                "Late-payment penalties and recovery indemnities are compensation: "
                "outside the scope of VAT."
            ),
            "invoice_line_ids": lines,
        }

    @api.model
    def _line_vals(self, invoice, at_date, rate_table):
        """The penalty invoice lines (commands) of one late ``invoice``."""
        invoice.ensure_one()
        claim = self.env["recovery.claim"]._claim(invoice, at_date, rate_table)
        if claim["warning"]:
            raise UserError(claim["warning"])
        account = (
            invoice.company_id.recovery_penalty_account_id
            or invoice.journal_id.default_account_id
        )
        common = {
            "quantity": 1,
            "tax_ids": [Command.clear()],
            "account_id": account.id,
            "recovery_penalty_origin_id": invoice.id,
        }
        lines = []
        if claim["penalty"] > 0:
            lines.append(self._penalty_line(invoice, claim, common))
        if claim["interest"] > 0:
            lines.append(self._interest_line(invoice, claim, common))
        if claim["indemnity"] > 0:
            lines.append(self._indemnity_line(invoice, claim, common))
        return lines

    @api.model
    def _penalty_line(self, invoice, claim, common):
        """Penalties (L441-10) or moratory interest (public buyer)."""
        start = min(line.date_from for line in claim["penalty_lines"])
        end = max(line.date_to for line in claim["penalty_lines"])
        rates = sorted({line.rate for line in claim["penalty_lines"]})
        texts = self.env["recovery.claim.text"]
        values = {
            "invoice": invoice.name,
            "start": format_date(self.env, start),
            "end": format_date(self.env, end),
            "rates": " / ".join(texts._fmt_rate(rate) for rate in rates),
        }
        name = (
            _(
                "Moratory interest on %(invoice)s from %(start)s to %(end)s at "
                "%(rates)s %% (Code de la commande publique L2192-13, R2192-31)",
                **values,
            )
            if invoice.commercial_partner_id.recovery_is_public
            else _(
                "Late-payment penalties on %(invoice)s from %(start)s to "
                "%(end)s "
                "at %(rates)s %% (Code de commerce L441-10)",
                **values,
            )
        )
        return Command.create(
            dict(
                common,
                name=name,
                price_unit=claim["penalty"],
                recovery_penalty_kind="penalty",
                recovery_penalty_until=end,
            )
        )

    @api.model
    def _interest_line(self, invoice, claim, common):
        """Legal interest of a consumer (C. civ. 1231-6)."""
        end = max(line.date_to for line in claim["interest_lines"])
        return Command.create(
            dict(
                common,
                name=_(
                    "Legal interest on %(invoice)s from %(start)s to %(end)s "
                    "(Code civil 1231-6, 1344-1)",
                    invoice=invoice.name,
                    start=format_date(
                        self.env,
                        min(line.date_from for line in claim["interest_lines"]),
                    ),
                    end=format_date(self.env, end),
                ),
                price_unit=claim["interest"],
                recovery_penalty_kind="interest",
                recovery_penalty_until=end,
            )
        )

    @api.model
    def _indemnity_line(self, invoice, claim, common):
        """The fixed 40 EUR indemnity (D441-5; CCP D2192-35)."""
        public = invoice.commercial_partner_id.recovery_is_public
        return Command.create(
            dict(
                common,
                name=_(
                    "Fixed recovery indemnity on %(invoice)s (%(article)s)",
                    invoice=invoice.name,
                    article="Code de la commande publique D2192-35"
                    if public
                    else "Code de commerce D441-5",
                ),
                price_unit=claim["indemnity"],
                recovery_penalty_kind="indemnity",
            )
        )
