# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ...core.vocabulary import SIRENE_STATES
from ...tools import french_services as services

_logger = logging.getLogger(__name__)

SIRENE_SOURCE = "API Recherche d'entreprises (Sirene)"


class ResPartner(models.Model):
    _inherit = "res.partner"

    recovery_sirene_state = fields.Selection(
        SIRENE_STATES,
        string="Sirene register",
        readonly=True,
        copy=False,
        tracking=True,
        help="Active or closed (état administratif) in the Sirene register at "
        "the last lookup. Recovery against a closed company takes another "
        "route (liquidator, former partners, guarantors).",
    )
    recovery_sirene_date = fields.Datetime(
        string="Sirene lookup on", readonly=True, copy=False
    )
    recovery_sirene_source = fields.Char(
        string="Identity source", readonly=True, copy=False
    )
    recovery_sirene_category = fields.Char(
        string="INSEE legal category",
        readonly=True,
        copy=False,
        help="The nature juridique of the Sirene register (4 digits).",
    )
    recovery_insolvency_court = fields.Char(string="Court of the proceedings")
    recovery_mandataire_id = fields.Many2one(
        "res.partner", string="Mandataire judiciaire", copy=False
    )
    recovery_bodacc_ids = fields.One2many(
        "recovery.bodacc.announcement", "partner_id", string="BODACC announcements"
    )
    recovery_bodacc_checked_on = fields.Date(
        string="BODACC checked on", readonly=True, copy=False
    )

    # ------------------------------------------------------------
    # SIRENE
    # ------------------------------------------------------------

    # EXTENDS base
    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        company = self.env.company
        if (
            company.recovery_sirene_enabled
            and company.recovery_sirene_on_create
            and not self.env.context.get("recovery_no_sirene")
        ):
            for partner in partners.filtered(
                lambda p: p.is_company and not p.parent_id
            ):
                partner._recovery_sirene_on_create()
        return partners

    def _recovery_sirene_on_create(self):
        """A lookup that never stops the creation: a failure is a note."""
        try:
            self._recovery_sirene_lookup()
        except UserError as error:
            self.message_post(body=error.args[0])

    def action_recovery_sirene_lookup(self):
        """Button: fill the customer's identity from the Sirene register."""
        for partner in self:
            partner._recovery_sirene_lookup()
        return True

    def _recovery_siren(self):
        """The SIREN of the customer: its SIRET's first 9 digits, else the
        French VAT number's last 9, else ''."""
        self.ensure_one()
        siret = services.digits(self.siret)
        if len(siret) >= 9:
            return siret[:9]
        vat = (self.vat or "").replace(" ", "").upper()
        if vat.startswith("FR") and len(services.digits(vat)) == 11:
            return services.digits(vat)[2:]
        return ""

    def _recovery_sirene_lookup(self):
        """Read the register and write what it says; data unchanged and a
        :class:`UserError` in the user's language when it cannot."""
        self.ensure_one()
        if not self.env.company.recovery_sirene_enabled:
            raise UserError(
                self.env._(
                    "The Sirene lookup is not enabled for this company "
                    "(Settings > Invoicing > France's public services)."
                )
            )
        siren = self._recovery_siren()
        params = self.env["ir.config_parameter"].sudo()
        base_url = params.get_param(
            services.SIRENE_URL_PARAM, services.SIRENE_DEFAULT_URL
        )
        try:
            results = services.sirene_search(
                base_url, siren or self.name, self._recovery_services_timeout()
            )
            result = services.choose_result(results, siren=siren, name=self.name)
            facts = result and services.sirene_facts(result)
        except services.ServiceError as error:
            _logger.info("Sirene lookup of %s failed: %s", self.id, error)
            raise UserError(self._recovery_service_message("Sirene", error)) from error
        if not facts:
            raise UserError(self._recovery_sirene_not_found(siren, results))
        self.write(self._recovery_sirene_values(facts))
        self.message_post(body=self._recovery_sirene_note(facts))

    def _recovery_sirene_not_found(self, siren, results):
        if siren:
            return self.env._(
                "The Sirene register has no company with the SIREN %(siren)s.",
                siren=siren,
            )
        if results:
            return self.env._(
                "Several companies answer to “%(name)s” in the Sirene register: "
                "enter the customer's SIRET, then look it up again.",
                name=self.name,
            )
        return self.env._(
            "The Sirene register has no company named “%(name)s”.", name=self.name
        )

    def _recovery_sirene_values(self, facts):
        values = {
            "siret": facts["siret"] or self.siret,
            "recovery_naf_code": facts["naf"],
            "recovery_sirene_category": facts["nature_juridique"],
            "recovery_sirene_state": "closed" if facts["closed"] else "active",
            "recovery_sirene_date": fields.Datetime.now(),
            "recovery_sirene_source": SIRENE_SOURCE,
            "is_company": True,
        }
        if facts["legal_form"]:
            values["recovery_legal_form"] = facts["legal_form"]
        if facts["street"] or facts["city"]:
            values.update(
                street=facts["street"],
                street2=facts["street2"],
                zip=facts["zip"],
                city=facts["city"],
                country_id=self.env.ref("base.fr").id,
            )
        return values

    def _recovery_sirene_note(self, facts):
        if facts["closed"]:
            return self.env._(
                "Sirene register (SIREN %(siren)s): this company is CLOSED. "
                "Recovery against a closed company takes another route "
                "(liquidator, former partners, guarantors).",
                siren=facts["siren"],
            )
        return self.env._(
            "Identity read in the Sirene register (SIREN %(siren)s): legal "
            "category %(category)s, activity code %(naf)s, head office SIRET "
            "%(siret)s.",
            siren=facts["siren"],
            category=facts["nature_juridique"] or "-",
            naf=facts["naf"] or "-",
            siret=facts["siret"] or "-",
        )

    def _recovery_services_timeout(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(services.TIMEOUT_PARAM, services.DEFAULT_TIMEOUT)
        )
        try:
            return float(value)
        except (TypeError, ValueError):
            return services.DEFAULT_TIMEOUT

    def _recovery_service_message(self, service, error):
        """What the user reads when ``service`` failed, nothing changed."""
        texts = {
            services.TIMEOUT: self.env._(
                "%(service)s did not answer in time. Nothing was changed; try "
                "again later.",
                service=service,
            ),
            services.UNREACHABLE: self.env._(
                "%(service)s cannot be reached (no connection to the service). "
                "Nothing was changed; try again later.",
                service=service,
            ),
            services.RATE_LIMITED: self.env._(
                "%(service)s refuses more requests at the moment (too many "
                "requests). Nothing was changed; try again in a minute.",
                service=service,
            ),
            services.MALFORMED: self.env._(
                "%(service)s gave an answer that cannot be read. Nothing was changed.",
                service=service,
            ),
        }
        return texts.get(error.kind) or self.env._(
            "%(service)s answered with an error (%(detail)s). Nothing was changed.",
            service=service,
            detail=error.detail,
        )

    # ------------------------------------------------------------
    # BODACC
    # ------------------------------------------------------------

    def _recovery_bodacc_check(self, companies, today):
        """Read this customer's collective-proceedings announcements and apply
        the new ones. Returns '' or, when the service cannot be reached, the
        reason (nothing changed, the customer stays to check)."""
        self.ensure_one()
        # In the language of the company's recovery team; in all the
        # companies watching (each creditor's invoices join the declaration).
        partner = self.with_context(
            allowed_company_ids=companies.ids,
            lang=companies[:1].partner_id.lang or self.env.lang,
        ).with_company(companies[:1])
        params = self.env["ir.config_parameter"].sudo()
        base_url = params.get_param(
            services.BODACC_URL_PARAM, services.BODACC_DEFAULT_URL
        )
        since = self.env["recovery.bodacc.announcement"]._bodacc_since(self, today)
        try:
            records = services.bodacc_collective(
                base_url,
                self._recovery_siren(),
                since,
                self._recovery_services_timeout(),
            )
            facts = [services.announcement_facts(record) for record in records]
        except services.ServiceError as error:
            message = partner._recovery_service_message("BODACC", error)
            if error.kind != services.MALFORMED:
                return message
            # An unreadable answer: said on the customer, checked again tomorrow.
            partner.message_post(body=message)
            facts = []
        known = set(self.recovery_bodacc_ids.mapped("bodacc_id"))
        for fact in facts:
            if fact["bodacc_id"] not in known:
                partner._recovery_bodacc_apply(fact)
                known.add(fact["bodacc_id"])
        self.recovery_bodacc_checked_on = today
        return ""

    def _recovery_bodacc_apply(self, fact):
        """Record one announcement and do what it says: an opening judgment
        opens the proceedings (the declaration flow of
        recovery.customer.stage follows from the write), a conversion makes
        them a liquidation; the others are recorded and noted."""
        self.ensure_one()
        self.env["recovery.bodacc.announcement"].sudo().create(
            {
                "partner_id": self.id,
                "bodacc_id": fact["bodacc_id"],
                "published": fact["published"],
                "kind": fact["kind"],
                "procedure": fact["procedure"],
                "judgment_date": fact["judgment_date"],
                "court": fact["court"],
                "nature": fact["nature"],
                "mandataire": fact["mandataire"],
            }
        )
        values = self._recovery_bodacc_values(fact)
        if values:
            self.write(values)
        self.message_post(body=self._recovery_bodacc_note(fact))

    def _recovery_bodacc_values(self, fact):
        kind = fact["kind"]
        if kind == "opening" and fact["procedure"] and not self.recovery_bodacc_date:
            values = {
                "recovery_bodacc_date": fact["published"],
                "recovery_insolvency_court": fact["court"],
            }
            if not self.recovery_insolvency:
                values["recovery_insolvency"] = fact["procedure"]
                values["recovery_insolvency_date"] = (
                    fact["judgment_date"] or fact["published"]
                )
            if fact["mandataire"]:
                values["recovery_mandataire_id"] = self._recovery_mandataire(
                    fact["mandataire"]
                ).id
            return values
        if kind == "conversion" and self.recovery_insolvency not in (
            False,
            "liquidation",
        ):
            return {"recovery_insolvency": "liquidation"}
        return {}

    def _recovery_mandataire(self, name):
        """The contact of the mandataire named by the BODACC, made once."""
        Partner = self.env["res.partner"].sudo().with_context(recovery_no_sirene=True)
        found = Partner.search(
            [("name", "=ilike", name), ("is_company", "=", True)], limit=1
        )
        return found or Partner.create(
            {
                "name": name,
                "is_company": True,
                "comment": self.env._("Mandataire judiciaire (from the BODACC)"),
            }
        )

    def _recovery_bodacc_note(self, fact):
        published = format_date(self.env, fact["published"])
        if fact["kind"] == "opening" and self.recovery_claim_deadline:
            return self.env._(
                "BODACC of %(date)s: %(nature)s (%(court)s). The reminders are "
                "stopped; declare the claim to the mandataire judiciaire by "
                "%(deadline)s.",
                date=published,
                nature=fact["nature"],
                court=fact["court"] or "-",
                deadline=format_date(self.env, self.recovery_claim_deadline),
            )
        return self.env._(
            "BODACC of %(date)s: %(nature)s (%(court)s).",
            date=published,
            nature=fact["nature"],
            court=fact["court"] or "-",
        )
