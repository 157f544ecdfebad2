# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import shutil
import subprocess
import tempfile
import unittest
from datetime import date, timedelta

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import RecoveryCommon

SPACES = re.compile(r"[\s\u00a0\u202f]+")


@tagged("post_install", "-at_install", "recouvrement_fr_tour")
class TestJudicialTour(RecoveryCommon, HttpCase):
    """Sophie, in charge of recovery, not an administrator, in the browser:
    from Ma journée to the requête en injonction de payer of a customer whose
    mise en demeure went unanswered, and its PDF."""

    def _litigation_customer(self):
        customer = self.env["res.partner"].create(
            {
                "name": "Dupont Équipements",
                "is_company": True,
                "lang": "fr_FR",
                "recovery_legal_form": "sas",
                "street": "5 avenue Foch",
                "zip": "75016",
                "city": "Paris",
                "siret": "73282932000074",
                "email": "compta@dupont-equipements.example",
            }
        )
        today = date.today()
        invoice = self._invoice(customer, 6400.0, today - timedelta(days=120))
        sent = today - timedelta(days=40)
        for values in (
            {
                "level_id": self.level_med.id,
                "channel": "lrar",
                "state": "posted",
                "date": sent,
                "lrar_sent_date": sent,
                "lrar_number": "1A23456789012",
                "ar_date": sent + timedelta(days=3),
            },
            {
                "level_id": self.level_legal.id,
                "channel": "legal",
                "state": "to_do",
                "date": today - timedelta(days=10),
            },
        ):
            self.env["recovery.event"].create(
                {
                    "company_id": self.company.id,
                    "partner_id": customer.id,
                    "user_id": self.accountant.id,
                    "move_ids": [Command.set(invoice.ids)],
                    **values,
                }
            )
        return customer, invoice

    def _pdf_text(self, raw):
        if not shutil.which("pdftotext"):
            raise unittest.SkipTest("pdftotext (poppler-utils) is not installed")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
            pdf.write(raw)
            pdf.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", "-enc", "UTF-8", pdf.name, "-"],
                check=True,
                capture_output=True,
            ).stdout.decode()
        return SPACES.sub(" ", text)

    def test_judicial_tour(self):
        self._setup_french()
        self._enter_current_rates()
        self.company.currency_id = self.env.ref("base.EUR")
        self.company.partner_id.write(
            {"recovery_legal_form": "sas", "company_registry": "RCS Lyon 552 081 317"}
        )
        self.accountant.write(
            {
                "password": "sophie.recouvrement",
                "action_id": self.env.ref("recouvrement_fr.recovery_my_day_action").id,
            }
        )
        self.assertFalse(self.accountant.has_group("base.group_system"))
        # The test server shares the test's cursor: wkhtmltopdf must not ask
        # it for the stylesheets (the acts carry their own, inline).
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        customer, invoice = self._litigation_customer()
        self.start_tour(
            "/web", "recouvrement_fr_judicial_tour", login=self.accountant.login
        )
        act = self.env["recovery.act"].search([("partner_id", "=", customer.id)])
        self.assertEqual(len(act), 1, "the tour drafted one act")
        self.assertEqual(
            (act.act_code, act.state, act.court, act.court_city),
            ("injonction_request", "drafted", "Tribunal de commerce", "Paris"),
        )
        self.assertEqual(act.move_ids, invoice)
        self.assertEqual(act.user_id, self.accountant)
        self.assertEqual(act.attachment_id.mimetype, "application/pdf")
        self.assertEqual(
            (act.attachment_id.res_model, act.attachment_id.res_id),
            ("recovery.act", act.id),
        )
        self.assertEqual(customer.recovery_court_city, "Paris")
        text = self._pdf_text(act.attachment_id.raw)
        claim = invoice._recovery_decompte(date.today())
        self.assertAlmostEqual(act.amount_total, claim["total"], places=2)
        whole, cents = f"{act.amount_total:.2f}".split(".")
        total = f"{int(whole):,}".replace(",", " ") + f",{cents} €"
        for part in (
            "REQUÊTE EN INJONCTION DE PAYER",
            "Président du tribunal de commerce de Paris",
            "Dupont Équipements, société par actions simplifiée",
            "6 400,00 €",
            "40,00 €",
            total,
            "Pièce n° 2 : Mise en demeure 1A23456789012",
        ):
            self.assertIn(part, text)
