# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile
from datetime import date
from decimal import Decimal

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..core import dossier as core_dossier
from ..core.penalties import late_penalties
from .common import RecoveryCommon

SPACES = re.compile(r"[\s\u00a0\u202f\ufeff]+")
# An article number cut at its hyphen at a line end ("L721-" / "3").
CUT = re.compile(r"(\w)- (\d)")


@tagged("post_install", "-at_install")
class TestJudicialActs(RecoveryCommon):
    """The judicial acts drafted from the records, read from their PDF as a
    court clerk, a commissaire de justice or a mandataire would read them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_french()
        # A French company: in France, in euros.
        euro = cls.env.ref("base.EUR")
        euro.active = True
        cls.company.currency_id = euro
        cls.change_company_country(cls.company, cls.env.ref("base.fr"))
        cls.company.partner_id.write(
            {"recovery_legal_form": "sas", "company_registry": "RCS Lyon 552 081 317"}
        )
        # A company as a user names it, without Odoo's "Your logo" placeholder
        # (the README's images of the acts are these PDFs).
        cls.company.write({"name": "Menuiserie Durand SAS", "logo": False})
        cls.partner_a.write(
            {
                "name": "Dupont Équipements",
                "recovery_legal_form": "sas",
                "street": "5 avenue Foch",
                "zip": "75016",
                "city": "Paris",
                "siret": "73282932000074",
            }
        )
        cls.partner_b.write(
            {
                "name": "SCI Les Tilleuls",
                "recovery_legal_form": "sci",
                "street": "8 quai Saint-Antoine",
                "zip": "69002",
                "city": "Lyon",
                "siret": "41234567800015",
            }
        )
        commissaire = cls.env.ref(
            "recouvrement_fr.recovery_partner_category_commissaire"
        )
        cls.huissier = cls.env["res.partner"].create(
            {
                "name": "Maître Lefèvre, commissaire de justice",
                "city": "Paris",
                "category_id": [Command.link(commissaire.id)],
            }
        )
        cls.mandataire = cls.env["res.partner"].create(
            {"name": "Maître Girard, mandataire judiciaire", "city": "Paris"}
        )

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _as_accountant(self):
        """The accountant as the web client calls: in her language."""
        return self.env(
            user=self.accountant, context=dict(self.env.context, lang="fr_FR")
        )

    def _service(self):
        return self._as_accountant()["recovery.act.service"]

    def _notice(self, moves, sent="2025-07-04", received="2025-07-08"):
        """The registered formal notice sent for ``moves``, and its AR."""
        return self.env["recovery.event"].create(
            {
                "company_id": self.company.id,
                "partner_id": moves.commercial_partner_id.id,
                "level_id": self.level_med.id,
                "channel": "lrar",
                "state": "posted",
                "date": sent,
                "lrar_sent_date": sent,
                "lrar_number": "1A23456789012",
                "ar_date": received,
                "move_ids": [Command.set(moves.ids)],
            }
        )

    def _draft(self, partner, moves, code, on="2025-09-15", **values):
        with freeze_time(on):
            return self._service()._draft(
                partner.with_env(self._as_accountant()),
                moves.with_env(self._as_accountant()),
                code,
                values,
            )

    def _text(self, act):
        """The act's PDF as text, whitespace collapsed."""
        if not shutil.which("pdftotext"):
            raise unittest.SkipTest("pdftotext (poppler-utils) is not installed")
        raw = act.attachment_id.raw
        self.assertTrue(raw.startswith(b"%PDF"), "the act is kept as a PDF")
        keep = os.environ.get("RFR_ACTS_PDF_DIR")
        if keep:  # to look at them (README screenshots)
            with open(os.path.join(keep, f"{act.act_code}.pdf"), "wb") as out:
                out.write(raw)
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
            pdf.write(raw)
            pdf.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", "-enc", "UTF-8", pdf.name, "-"],
                check=True,
                capture_output=True,
            ).stdout.decode()
        return CUT.sub(r"\1-\2", SPACES.sub(" ", text))

    def assertIn_all(self, text, *parts):
        for part in parts:
            self.assertIn(part, text)

    def _penalty(self, amount, due, until):
        table = self.env["recovery.rate"]._get_rate_table()
        return late_penalties(Decimal(amount), due, until, table)

    # ------------------------------------------------------------
    # requête en injonction de payer
    # ------------------------------------------------------------

    def test_injonction_sas_tribunal_de_commerce(self):
        invoice = self._invoice(self.partner_a, 2000.0, "2025-05-20")
        self._notice(invoice)
        act = self._draft(self.partner_a, invoice, "injonction_request")
        self.assertEqual(act.state, "drafted")
        self.assertEqual(act.court, "Tribunal de commerce")
        self.assertEqual(act.court_city, "Paris")
        penalty = self._penalty("2000", date(2025, 5, 20), date(2025, 9, 15))
        self.assertGreater(penalty.total, 0)
        expected = Decimal("2000") + penalty.total + Decimal("40")
        self.assertAlmostEqual(act.amount_total, float(expected), places=2)
        # the same sum as the add-on's own claim on the invoice
        claim = invoice._recovery_decompte(date(2025, 9, 15))
        self.assertAlmostEqual(act.amount_total, claim["total"], places=2)
        text = self._text(act)
        self.assertIn_all(
            text,
            "REQUÊTE EN INJONCTION DE PAYER",
            "articles 1405 à 1407 du Code de procédure civile",
            "Président du tribunal de commerce de Paris",
            "Dupont Équipements, société par actions simplifiée",
            "SIREN 732 829 320 – SIRET 732 829 320 00074",
            "RCS Lyon 552 081 317",
            "article L721-3 du Code de commerce",
            "2 000,00 €",
            "40,00 €",
            self._money(expected),
            "15/09/2025",
            "pénalités de retard au taux de",
            "du 21/05/2025 au",
            "lettre recommandée avec demande d'avis de réception du 04/07/2025",
            "reçue le 08/07/2025",
            "Bordereau des pièces communiquées",
            f"Pièce n° 1 : Facture {invoice.name}",
            "Pièce n° 2 : Mise en demeure 1A23456789012",
            "Avis de réception",
            "PAR CES MOTIFS",
            "Claire Durand",
        )
        self.assertIn("Vérifier la ville du tribunal", act.note)
        act.with_env(self._as_accountant()).action_mark_sent()
        self.assertEqual(act.state, "sent")
        self.assertTrue(act.sent_date)

    def _money(self, value):
        whole, cents = f"{Decimal(value).quantize(Decimal('0.01'))}".split(".")
        groups = f"{int(whole):,}".replace(",", " ")
        return f"{groups},{cents} €"

    def test_injonction_sci_tribunal_judiciaire(self):
        invoice = self._invoice(self.partner_b, 3200.0, "2025-05-20")
        self._notice(invoice)
        act = self._draft(self.partner_b, invoice, "injonction_request")
        self.assertEqual(act.court, "Tribunal judiciaire")
        text = self._text(act)
        self.assertIn_all(
            text,
            "juge du tribunal judiciaire de Lyon",
            "SCI Les Tilleuls, société civile",
            "n'ayant pas la qualité de commerçant",
            "3 200,00 €",
        )
        self.assertNotIn("tribunal de commerce", text)

    def test_injonction_consumer_interest_no_indemnity(self):
        consumer = self.env["res.partner"].create(
            {"name": "Paul Bernard", "zip": "13001", "city": "Marseille"}
        )
        invoice = self._invoice(consumer, 1200.0, "2025-05-20")
        self._notice(invoice)
        act = self._draft(consumer, invoice, "injonction_request")
        self.assertEqual(act.court, "Tribunal judiciaire")
        text = self._text(act)
        self.assertIn_all(
            text,
            "juge du tribunal judiciaire de Marseille",
            # from the day after the notice was received (C. civ. 1231-6)
            "intérêts au taux légal de 2,76 % l'an du 09/07/2025 au 15/09/2025",
            "articles 1231-6 et 1344-1 du Code civil",
        )
        self.assertNotIn("Indemnité forfaitaire", text)
        self.assertNotIn("40,00 €", text)

    def test_injonction_refused_public_buyer(self):
        self.partner_b.recovery_debtor_type = "public"
        invoice = self._invoice(self.partner_b, 3000.0, "2025-05-20")
        self._notice(invoice)
        with self.assertRaisesRegex(UserError, "référé-provision") as caught:
            self._draft(self.partner_b, invoice, "injonction_request")
        self.assertIn("tribunal administratif", str(caught.exception))
        self.assertFalse(
            self.env["recovery.act"].search([]), "a refused act leaves no record"
        )

    def test_injonction_refused_insolvent_customer(self):
        self.partner_a.write(
            {
                "recovery_insolvency": "redressement",
                "recovery_insolvency_date": "2025-09-01",
                "recovery_bodacc_date": "2025-09-12",
            }
        )
        invoice = self._invoice(self.partner_a, 3000.0, "2025-05-20")
        with self.assertRaisesRegex(UserError, "déclaration de créance"):
            self._draft(self.partner_a, invoice, "injonction_request")

    def test_injonction_refused_disputed_claim(self):
        invoice = self._invoice(self.partner_a, 3000.0, "2025-05-20")
        self._notice(invoice)
        invoice.recovery_stage = "dispute"
        with self.assertRaisesRegex(UserError, "assignation au fond"):
            self._draft(self.partner_a, invoice, "injonction_request")

    # ------------------------------------------------------------
    # petites créances, mandate
    # ------------------------------------------------------------

    def test_small_claims_request_1500(self):
        invoice = self._invoice(self.partner_a, 1500.0, "2025-07-15")
        self._notice(invoice, "2025-08-01", "2025-08-04")
        act = self._draft(
            self.partner_a,
            invoice,
            "small_claims_request",
            recipient_id=self.huissier.id,
            fee_kind="fixed",
            fee_amount=90.0,
        )
        self.assertEqual(act.court, "Commissaire de justice")
        self.assertLessEqual(act.amount_total, 5000)
        text = self._text(act)
        self.assertIn_all(
            text,
            "procédure simplifiée de recouvrement des petites créances",
            "articles L125-1 et R125-1 à R125-8",
            "Maître Lefèvre",
            "1 500,00 €",
            self._money(act.amount_total),
            "5 000,00 €",
            "à la charge exclusive du créancier",
            "Vos honoraires sont convenus forfaitairement à 90,00 €.",
            "un délai d'un mois",
        )

    def test_mandate_letter(self):
        invoice = self._invoice(self.partner_a, 6400.0, "2025-05-20")
        self._notice(invoice)
        act = self._draft(
            self.partner_a,
            invoice,
            "mandate_letter",
            recipient_id=self.huissier.id,
            mission="injonction",
            fee_kind="percentage",
            fee_percentage=8.0,
        )
        text = self._text(act)
        self.assertIn_all(
            text,
            "vous donne mandat",
            "signification de l'ordonnance portant injonction de payer",
            "Vos honoraires sont convenus à 8,00 % des sommes effectivement "
            "recouvrées.",
            "6 400,00 €",
        )

    # ------------------------------------------------------------
    # insolvency: declaration, retention of title, relief
    # ------------------------------------------------------------

    def _redressement(self):
        self.partner_a.write(
            {
                "recovery_insolvency": "redressement",
                "recovery_insolvency_date": "2025-09-01",
                "recovery_bodacc_date": "2025-09-12",
            }
        )

    def test_claim_declaration_redressement(self):
        self._redressement()
        invoice = self._invoice(self.partner_a, 4000.0, "2025-06-30")
        act = self._draft(
            self.partner_a,
            invoice,
            "claim_declaration",
            on="2025-09-20",
            recipient_id=self.mandataire.id,
            security_kind="retention_of_title",
            security_description="clause de l'article 9 des CGV",
        )
        # penalties to the judgment's eve (L622-28), and the 40 EUR
        penalty = self._penalty("4000", date(2025, 6, 30), date(2025, 8, 31))
        expected = Decimal("4000") + penalty.total + Decimal("40")
        self.assertAlmostEqual(act.amount_total, float(expected), places=2)
        self.assertEqual(act.deadline, date(2025, 11, 12))
        self.assertEqual(act.court, "Mandataire judiciaire")
        text = self._text(act)
        self.assertIn_all(
            text,
            "Objet : déclaration de créance – redressement judiciaire de Dupont",
            "jugement d'ouverture du 01/09/2025, publié au BODACC le 12/09/2025",
            "articles L622-24, L622-25 et R622-23 du Code de commerce",
            "Maître Girard",
            self._money(expected),
            "arrêtées au 31/08/2025, veille du jugement d'ouverture",
            "au plus tard le 12/11/2025",
            "clause de réserve de propriété (clause de l'article 9 des CGV)",
            "certifie sincère et véritable",
            "Lettre recommandée avec demande d'avis de réception",
            # The footer's legal mentions in French too, whoever drafts it.
            "Siège social : 12 rue de la République, 69002 Lyon",
        )
        self.assertNotIn("Registered office", text)

    def test_retention_claim(self):
        self._redressement()
        invoice = self._invoice(self.partner_a, 4000.0, "2025-06-30")
        act = self._draft(
            self.partner_a,
            invoice,
            "retention_claim",
            on="2025-10-01",
            retention_clause=True,
            goods="12 palettes de carrelage grès cérame, lot 2025-118",
        )
        self.assertEqual(act.deadline, date(2025, 12, 12))
        text = self._text(act)
        self.assertIn_all(
            text,
            "revendication de biens vendus avec clause de réserve de propriété",
            "12 palettes de carrelage grès cérame, lot 2025-118",
            "dans le délai d'un mois",
            "expire le 12/12/2025",
            invoice.name,
        )

    def test_retention_claim_needs_the_clause(self):
        self._redressement()
        invoice = self._invoice(self.partner_a, 4000.0, "2025-06-30")
        with self.assertRaisesRegex(UserError, "réserve de propriété"):
            self._draft(
                self.partner_a, invoice, "retention_claim", on="2025-10-01", goods="x"
            )
        self.assertFalse(self.env["recovery.act"].search([]))

    def test_forclusion_relief_past_the_deadline(self):
        self._redressement()
        self.partner_a.recovery_insolvency_court = "Tribunal de commerce de Lyon"
        invoice = self._invoice(self.partner_a, 4000.0, "2025-06-30")
        with self.assertRaisesRegex(UserError, "pas expiré"):
            self._draft(
                self.partner_a,
                invoice,
                "forclusion_relief",
                on="2025-10-01",
                relief_ground="not_creditor_fault",
            )
        act = self._draft(
            self.partner_a,
            invoice,
            "forclusion_relief",
            on="2025-12-01",
            relief_ground="not_creditor_fault",
        )
        self.assertEqual(act.deadline, date(2026, 3, 12))
        self.assertEqual(act.court, "Juge-commissaire")
        text = self._text(act)
        self.assertIn_all(
            text,
            "REQUÊTE EN RELEVÉ DE FORCLUSION",
            "juge-commissaire de la procédure de redressement judiciaire de Dupont",
            "Équipements, Tribunal de commerce de Lyon",
            "a expiré le 12/11/2025",
            "n'est pas due à son fait",
            "qui expire le 12/03/2026",
            "le relever de la forclusion encourue",
        )

    # ------------------------------------------------------------
    # referral letters
    # ------------------------------------------------------------

    def test_conciliation_referral(self):
        invoice = self._invoice(self.partner_b, 2500.0, "2025-05-20")
        act = self._draft(self.partner_b, invoice, "conciliation_referral")
        self.assertEqual(act.court, "Conciliateur de justice")
        text = self._text(act)
        self.assertIn_all(
            text,
            "Madame, Monsieur le conciliateur de justice",
            "2 500,00 €",
            "article 750-1 du Code de procédure civile",
            "article 2238 du Code civil",
        )
        act.with_env(self._as_accountant()).action_mark_acknowledged()
        self.assertEqual(act.state, "acknowledged")
        self.assertEqual(
            self.partner_b.recovery_mediation_start,
            act.acknowledged_date,
            "the conciliation accepted suspends the prescription (2238 C. civ.)",
        )

    def test_business_mediation_referral(self):
        invoice = self._invoice(self.partner_a, 7000.0, "2025-05-20")
        act = self._draft(self.partner_a, invoice, "business_mediation_referral")
        text = self._text(act)
        self.assertIn_all(
            text,
            "Madame, Monsieur le Médiateur des entreprises",
            "gratuite et confidentielle",
            "7 000,00 €",
            "article 2238 du Code civil",
        )

    def test_consumer_mediation_referral(self):
        consumer = self.env["res.partner"].create(
            {
                "name": "Jeanne Petit",
                "street": "3 rue des Lilas",
                "zip": "33000",
                "city": "Bordeaux",
                "lang": "fr_FR",
            }
        )
        invoice = self._invoice(consumer, 450.0, "2025-05-20")
        with self.assertRaisesRegex(UserError, "médiateur de la consommation"):
            self._draft(consumer, invoice, "consumer_mediation_referral")
        act = self._draft(
            consumer,
            invoice,
            "consumer_mediation_referral",
            mediator="CM2C, 14 rue Saint-Jean, 75017 Paris – www.cm2c.net",
        )
        text = self._text(act)
        self.assertIn_all(
            text,
            "proposition de médiation de la consommation",
            "Jeanne Petit",
            "CM2C, 14 rue Saint-Jean",
            "articles L612-1 et L616-1 du Code de la consommation",
            "450,00 €",
        )
        with self.assertRaisesRegex(UserError, "Médiateur des entreprises"):
            self._draft(consumer, invoice, "business_mediation_referral")

    # ------------------------------------------------------------
    # evidence: never deleted, in the timeline, in the dossier
    # ------------------------------------------------------------

    def test_act_is_evidence_in_timeline_and_dossier(self):
        invoice = self._invoice(self.partner_a, 2000.0, "2025-05-20")
        self._notice(invoice)
        act = self._draft(self.partner_a, invoice, "injonction_request")
        with self.assertRaises(UserError):
            act.with_env(self._as_accountant()).sudo().unlink()
        account = self._as_accountant()["recovery.customer.account"]
        with freeze_time("2025-09-16"):
            data = account.get_account_data(self.partner_a.id)
        # the next action offers the act the advice gives (here, after an
        # injonction drafted: still the petites créances first)
        self.assertEqual(data["next_action"]["act"]["code"], "small_claims_request")
        items = [i for i in data["timeline"] if i["res_model"] == "recovery.act"]
        self.assertEqual(len(items), 1)
        self.assertEqual(items[0]["title"], "Requête en injonction de payer")
        wizard = (
            self._as_accountant()["recovery.dossier.wizard"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"recipient_id": self.huissier.id})
        )
        with freeze_time("2025-09-16"):
            action = wizard.action_export()
        url = action["params"]["next"]["params"]["url"]
        attachment = self.env["ir.attachment"].browse(
            int(url.split("/web/content/")[1].split("?")[0])
        )
        with zipfile.ZipFile(io.BytesIO(attachment.raw)) as archive:
            files = {name: archive.read(name) for name in archive.namelist()}
        names = [name for name in files if name.startswith("06_actes/")]
        self.assertEqual(len(names), 1)
        self.assertEqual(files[names[0]], act.attachment_id.raw)
        manifest = etree.fromstring(files[core_dossier.MANIFEST_NAME])
        entries = {
            node.get("path") or node.get("name"): node.get("sha256")
            for node in manifest.iter("{*}file")
        }
        self.assertEqual(
            entries.get(names[0]), core_dossier.sha256(act.attachment_id.raw)
        )

    def test_wizard_offers_the_advised_act(self):
        invoice = self._invoice(self.partner_a, 2000.0, "2025-05-20")
        self._notice(invoice)
        partner = self.partner_a.with_env(self._as_accountant())
        with freeze_time("2025-09-15"):
            action = partner.action_recovery_draft_act()
            # 2 000 EUR, undisputed, notice sent: petites créances come first
            self.assertEqual(
                action["context"]["default_act_code"], "small_claims_request"
            )
            wizard = (
                self._as_accountant()["recovery.act.wizard"]
                .with_context(**action["context"])
                .create({"act_code": "injonction_request", "court_city": "Paris 16e"})
            )
            result = wizard.action_draft()
        act = self.env["recovery.act"].browse(result["res_id"])
        self.assertEqual(act.act_code, "injonction_request")
        self.assertEqual(act.move_ids, invoice)
        self.assertEqual(self.partner_a.recovery_court_city, "Paris 16e")
        self.assertIn("tribunal de commerce de Paris 16e", self._text(act))
