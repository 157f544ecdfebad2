# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import io
import re
import shutil
import subprocess
import zipfile

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..core import dossier as core_dossier
from .common import RecoveryCommon, d


@tagged("post_install", "-at_install")
class TestDossier(RecoveryCommon):
    """The dossier for the commissaire de justice: complete, verifiable, final."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"vat": "FR40552081317", "email": "compta@creancier.fr"})
        cls.partner_a.write(
            {
                "street": "5 avenue Foch",
                "zip": "75016",
                "city": "Paris",
                "siret": "73282932000074",
                "vat": "FR44732829320",
            }
        )
        cls.huissier = cls.env["res.partner"].create(
            {
                "name": "Maître Lefèvre, commissaire de justice",
                "email": "etude@lefevre.example",
                "category_id": [
                    Command.link(
                        cls.env.ref(
                            "recouvrement_fr.recovery_partner_category_commissaire"
                        ).id
                    )
                ],
            }
        )

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _full_ladder(self):
        """An invoice taken up the whole ladder to the registered notice + AR."""
        invoice = self._invoice(self.partner_a, 2000.0, "2025-05-20")
        self._run("2025-05-21")  # friendly e-mail
        self._pay(invoice, 500.0, "2025-06-10")
        self._run("2025-06-04")
        self._run("2025-06-19")  # letter
        self._post_letters(invoice, "2025-06-20")
        self._run("2025-07-04")  # mise en demeure (LRAR), to validate
        notice = invoice.recovery_event_ids.filtered(
            lambda e: e.level_id.stage == "mise_en_demeure"
        )
        self.assertEqual(notice.state, "to_validate")
        with freeze_time("2025-07-04"):
            notice.action_validate()
        events = invoice.recovery_event_ids
        letters = events.filtered(lambda e: e.state in ("to_print", "to_post"))
        with freeze_time("2025-07-05"):
            lrar = letters.filtered(lambda e: e.channel == "lrar")
            lrar.lrar_number = "1A23456789012"
            letters.filtered(lambda e: e.channel == "letter").action_mark_sent()
        paper = events.filtered(lambda e: e.channel in ("letter", "lrar"))
        self.assertEqual(set(paper.mapped("state")), {"sent", "posted"})
        notice = events.filtered(lambda e: e.level_id.stage == "mise_en_demeure")
        self.assertTrue(notice, "the ladder reached the formal notice")
        ar = self.env["ir.attachment"].create(
            {
                "name": "AR scan.pdf",
                "raw": b"%PDF-1.4 AR",
                "mimetype": "application/pdf",
            }
        )
        notice.write({"ar_date": "2025-07-08", "ar_attachment_id": ar.id})
        return invoice, notice

    def _wizard(self, moves, **vals):
        return (
            self.env["recovery.dossier.wizard"]
            .with_context(active_model="account.move", active_ids=moves.ids)
            .create(dict({"recipient_id": self.huissier.id}, **vals))
        )

    def _export(self, wizard, on="2025-07-20"):
        with freeze_time(on):
            action = wizard.action_export()
        self.assertEqual(action["tag"], "display_notification")
        url = action["params"]["next"]["params"]["url"]
        attachment_id = int(url.split("/web/content/")[1].split("?")[0])
        return self.env["ir.attachment"].browse(attachment_id)

    def _files(self, attachment):
        with zipfile.ZipFile(io.BytesIO(attachment.raw)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    def _dossier_events(self, partner=None):
        return self.env["recovery.event"].search(
            [
                ("partner_id", "=", (partner or self.partner_a).id),
                ("dossier_version", ">", 0),
            ]
        )

    # ------------------------------------------------------------
    # tests
    # ------------------------------------------------------------

    def test_export_after_full_ladder(self):
        invoice, notice = self._full_ladder()
        contract = self.env["ir.attachment"].create(
            {
                "name": "Bon de commande.pdf",
                "raw": b"%PDF-1.4 order",
                "res_model": "account.move",
                "res_id": invoice.id,
            }
        )
        wizard = self._wizard(invoice)
        self.assertEqual(wizard.partner_id, self.partner_a)
        self.assertIn(contract, wizard.available_attachment_ids)
        wizard.attachment_ids = contract
        self.assertIn("Prescription", wizard.preview_html)
        self.assertTrue(wizard.procedure_explanation)
        self.assertFalse(wizard.notice_missing)
        attachment = self._export(wizard)

        # The event: legal channel, version 1, who and when, the ZIP attached.
        event = self._dossier_events()
        self.assertEqual(len(event), 1)
        self.assertEqual(event.channel, "legal")
        # Handed over on the export's day: the invoice's last recovery step.
        self.assertEqual(event.carried_out_date, d("2025-07-20"))
        self.assertEqual(invoice.recovery_last_sent_date, d("2025-07-20"))
        self.assertEqual(event.state, "done")
        self.assertEqual(event.dossier_version, 1)
        self.assertEqual(event.dossier_recipient_id, self.huissier)
        self.assertEqual(event.user_id, self.env.user)
        self.assertEqual(event.dossier_attachment_id, attachment)
        self.assertEqual(
            (attachment.res_model, attachment.res_id), (event._name, event.id)
        )
        self.assertEqual(attachment.mimetype, "application/zip")
        self.assertIn(self.huissier.name, event.note)

        # Stage: litigation, out of the automatic ladder.
        self.assertEqual(invoice.recovery_stage, "contentieux")
        decided, _sent = self._run("2025-09-30")
        self.assertNotIn(
            invoice,
            self.env["recovery.event"].browse(decided.get("event_ids", [])).move_ids,
        )

        # The ZIP: every piece, unaltered.
        result = core_dossier.verify_dossier(attachment.raw)
        self.assertTrue(result.ok, result.errors)
        files = self._files(attachment)
        names = set(files)
        self.assertIn("00_bordereau.html", names, "HTML under tests, no wkhtmltopdf")
        self.assertNotIn("00_bordereau.pdf", names)
        for name in ("manifest.xml", "chronologie.csv", "decompte.csv"):
            self.assertIn(name, names)
        safe = core_dossier.safe_filename(invoice.name)
        self.assertTrue(
            {f"01_factures/{safe}.html", f"01_factures/{safe}.pdf"} & names, names
        )
        self.assertIn("05_pieces/Bon de commande.pdf", names)
        self.assertEqual(files["05_pieces/Bon de commande.pdf"], b"%PDF-1.4 order")
        self.assertIn("03_mise_en_demeure/2025-07-04_AR_AR scan.pdf", names)
        self.assertEqual(
            files["03_mise_en_demeure/2025-07-04_AR_AR scan.pdf"], b"%PDF-1.4 AR"
        )
        sent = invoice.recovery_event_ids.filtered("attachment_id") - event
        self.assertTrue(sent)
        for sent_event in sent:
            self.assertIn(sent_event.attachment_id.raw, files.values())
        emails = [
            name
            for name in names
            if name.startswith("02_relances/")
            and name.endswith(".html")
            and b"Message-Id" in files[name]
        ]
        self.assertTrue(emails, "the e-mail reminder is in the dossier")

        # The manifest: schema, checksums, roles, parties, totals, export.
        manifest = etree.fromstring(files["manifest.xml"])
        schema = core_dossier.manifest_schema()
        self.assertTrue(schema.validate(manifest), schema.error_log)
        ns = {"d": core_dossier.NAMESPACE}
        listed = {
            node.get("name"): node for node in manifest.iterfind("d:files/d:file", ns)
        }
        self.assertEqual(set(listed), names - {"manifest.xml"})
        for name, node in listed.items():
            self.assertEqual(
                node.get("sha256"), hashlib.sha256(files[name]).hexdigest()
            )
            self.assertEqual(int(node.get("size")), len(files[name]))
        self.assertEqual(listed["00_bordereau.html"].get("role"), "bordereau")
        roles = {node.get("role") for node in listed.values()}
        self.assertTrue(
            {"invoice", "mise_en_demeure", "lrar_proof", "email", "attachment"}
            <= roles,
            roles,
        )
        self.assertEqual(
            manifest.findtext("d:creditor/d:siret", namespaces=ns), "55208131766522"
        )
        self.assertEqual(
            manifest.findtext("d:creditor/d:siren", namespaces=ns), "552081317"
        )
        self.assertEqual(
            manifest.findtext("d:debtor/d:siret", namespaces=ns), "73282932000074"
        )
        self.assertEqual(
            manifest.findtext("d:debtor/d:vat", namespaces=ns), "FR44732829320"
        )
        export = manifest.find("d:export", ns)
        self.assertEqual(export.get("user"), self.env.user.name)
        self.assertEqual(export.get("version"), "1")
        self.assertTrue(export.get("date").startswith("2025-07-20"))
        decompte = invoice._recovery_decompte(
            invoice.invoice_date.replace(month=7, day=20)
        )
        self.assertEqual(
            manifest.findtext("d:totals/d:principal", namespaces=ns), "1500.00"
        )
        self.assertEqual(
            manifest.findtext("d:totals/d:payments", namespaces=ns), "500.00"
        )
        self.assertEqual(
            manifest.findtext("d:totals/d:total", namespaces=ns),
            core_dossier.format_amount(decompte["total"]),
        )
        self.assertGreater(decompte["total"], 1540)  # penalties + 40 EUR indemnity

        # The bordereau: identities, décompte, procedure, prescription, pieces.
        bordereau = files["00_bordereau.html"].decode()
        for text in (
            "552 081 317 66522",
            "732 829 320 00074",
            "FR44732829320",
            "5 avenue Foch",
            invoice.name,
            "Recommended procedure",
            "Prescription",
            "manifest.xml",
            "chronologie.csv",
            "Bon de commande.pdf",
            self.huissier.name,
        ):
            self.assertIn(text, bordereau)

        # The CSV files: columns named for the reader, dates, decimal commas.
        chrono = core_dossier.read_csv(files["chronologie.csv"])
        self.assertEqual(
            chrono[0],
            ["Date", "Kind", "Reference", "Description", "Amount", "Currency", "File"],
        )
        kinds = {row[1] for row in chrono[1:]}
        self.assertTrue(
            {
                "Invoice",
                "Payment",
                "E-mail",
                "Registered letter (LRAR)",
                "Acknowledgement of receipt",
            }
            <= kinds
        )
        self.assertIn(["2025-06-10", "Payment"], [row[:2] for row in chrono[1:]])
        self.assertIn("-500,00", [row[4] for row in chrono[1:]])
        notice_row = next(
            row for row in chrono[1:] if row[1] == "Registered letter (LRAR)"
        )
        self.assertIn("03_mise_en_demeure/", notice_row[6])
        self.assertIn(f"01_factures/{safe}", chrono[1][6])
        lines = core_dossier.read_csv(files["decompte.csv"])
        self.assertEqual(lines[0][:3], ["Invoice", "Invoice date", "Due date"])
        first = dict(zip(core_dossier.DECOMPTE_COLUMNS, lines[1], strict=True))
        self.assertEqual(first["invoice"], invoice.name)
        self.assertEqual(first["principal"], "1500,00")
        self.assertEqual(first["indemnity"], "40,00")
        self.assertEqual(lines[-1][0], "TOTAL")

        # Exporting again, on purpose: a new version, the first one kept.
        attachment_2 = self._export(
            self._wizard(invoice, decimal_comma=False, new_version=True), "2025-07-25"
        )
        events = self._dossier_events()
        self.assertEqual(sorted(events.mapped("dossier_version")), [1, 2])
        self.assertNotEqual(attachment_2, attachment)
        self.assertTrue(attachment.exists())
        self.assertTrue(core_dossier.verify_dossier(attachment.raw).ok)
        result_2 = core_dossier.verify_dossier(attachment_2.raw)
        self.assertTrue(result_2.ok, result_2.errors)
        self.assertEqual(result_2.manifest["export"]["version"], "2")
        # The first dossier is not a piece of the second one.
        self.assertNotIn(attachment.raw, self._files(attachment_2).values())

    def _pdf_text(self, raw):
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext is not installed")
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"],
            input=raw,
            capture_output=True,
            check=True,
        ).stdout.decode()
        return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\u202f", " "))

    def test_covering_letter_and_missing_pieces_in_french(self):
        """Sophie is warned of the pieces a judge will ask for before the
        export; the ZIP opens with the mandate to the commissaire de justice
        (mission, sums, pieces, the fees entered); the petites créances advice
        says who bears its costs."""
        self._setup_french()
        invoice, _notice = self._full_ladder()
        wizard = (
            self.env["recovery.dossier.wizard"]
            .with_user(self.accountant)
            .with_context(
                lang="fr_FR", active_model="account.move", active_ids=invoice.ids
            )
            .create(
                {
                    "recipient_id": self.huissier.id,
                    "mission": "petites_creances",
                    "fee_kind": "fixed",
                    "fee_amount": 90.0,
                }
            )
        )
        preview = wizard.preview_html
        self.assertIn("Pièces manquantes au dossier", preview)
        self.assertIn("Aucun contrat, bon de commande, devis", preview)
        self.assertIn("Aucun bon de livraison ni preuve de la prestation", preview)
        # The formal notice's AR is scanned: no warning about it.
        self.assertNotIn("Aucun avis de réception", preview)
        # 1 500 € left: the petites créances procedure, its costs on the creditor.
        self.assertIn(
            "Procédure simplifiée de recouvrement", wizard.procedure_explanation
        )
        self.assertIn(
            "Ses frais de toute nature sont à la charge exclusive du créancier",
            wizard.procedure_explanation,
        )
        order = self.env["ir.attachment"].create(
            {
                "name": "Bon de commande signé.pdf",
                "raw": b"%PDF-1.4 order",
                "res_model": "account.move",
                "res_id": invoice.id,
            }
        )
        delivery = self.env["ir.attachment"].create(
            {
                "name": "Bon de livraison.pdf",
                "raw": b"%PDF-1.4 BL",
                "res_model": "account.move",
                "res_id": invoice.id,
            }
        )
        wizard.attachment_ids = order | delivery
        self.assertNotIn("Pièces manquantes au dossier", wizard.preview_html)
        with freeze_time("2025-07-20"):
            wizard.action_export()
        attachment = self._dossier_events().dossier_attachment_id
        self.assertTrue(core_dossier.verify_dossier(attachment.raw).ok)
        files = self._files(attachment)
        self.assertIn("00_lettre_de_mission.pdf", files)
        # The mandate is the covering letter, not a second act in 06_actes.
        self.assertFalse([name for name in files if name.startswith("06_actes/")])
        text = self._pdf_text(files["00_lettre_de_mission.pdf"])
        # The company of the test counts in dollars.
        for expected in (
            "Maître Lefèvre, commissaire de justice",
            "vous donne mandat d'assurer la mise en œuvre de la procédure "
            "simplifiée de recouvrement des petites créances",
            "La créance s'élève à $ 1 575,93 au 20/07/2025",
            "Vos honoraires sont convenus forfaitairement à $ 90,00",
            "les frais de cette mission restent à notre charge (article L125-1 CPCE)",
            "Bordereau des pièces communiquées",
            f"Facture {invoice.name} du 20/05/2025",
            "Mise en demeure 1A23456789012 du 05/07/2025",
            "Avis de réception de la lettre recommandée 1A23456789012",
        ):
            self.assertIn(expected, text)
        manifest = etree.fromstring(files["manifest.xml"])
        roles = manifest.xpath("//@role")
        self.assertIn("covering_letter", roles)

    def test_export_in_french_by_the_accountant(self):
        """Sophie, French accountant (not admin), exports the dossier: its
        name, the CSV header lines and kinds, the manifest speak French."""
        self._setup_french()
        invoice, _notice = self._full_ladder()
        wizard = (
            self.env["recovery.dossier.wizard"]
            .with_user(self.accountant)
            .with_context(
                lang="fr_FR", active_model="account.move", active_ids=invoice.ids
            )
            .create({"recipient_id": self.huissier.id})
        )
        with freeze_time("2025-07-20"):
            action = wizard.action_export()
        self.assertEqual(
            action["params"]["message"],
            "Dossier v1 de partner_a exporté pour Maître Lefèvre, commissaire de "
            "justice : ses factures passent au contentieux et son fichier ZIP est "
            "téléchargé.",
        )
        attachment = self.env["ir.attachment"].browse(
            int(action["params"]["next"]["params"]["url"].split("/")[3].split("?")[0])
        )
        self.assertRegex(
            attachment.name,
            r"^Dossier de recouvrement - partner_a - v1 - 2025-07-20\.zip$",
        )
        self.assertTrue(core_dossier.verify_dossier(attachment.raw).ok)
        files = self._files(attachment)
        chrono = core_dossier.read_csv(files["chronologie.csv"])
        self.assertEqual(
            chrono[0],
            [
                "Date",
                "Nature",
                "Référence",
                "Description",
                "Montant",
                "Devise",
                "Fichier",
            ],
        )
        self.assertTrue(
            {
                "Facture",
                "Paiement",
                "E-mail",
                "Lettre recommandée (LRAR)",
                "Accusé de réception",
            }
            <= {row[1] for row in chrono[1:]}
        )
        self.assertIn("Facture, échéance le 20/05/2025", [row[3] for row in chrono])
        decompte = core_dossier.read_csv(files["decompte.csv"])
        self.assertEqual(
            decompte[0],
            [
                "Facture",
                "Date de facture",
                "Date d'échéance",
                "Montant de la facture",
                "Paiements",
                "Principal",
                "Pénalités",
                "Indemnité",
                "Intérêts",
                "Total",
                "Date de prescription",
            ],
        )
        manifest = files["manifest.xml"].decode()
        self.assertIn("Décompte des sommes dues", manifest)
        self.assertIn("Chronologie des relances, paiements et montants", manifest)

    def _assert_refused(self, wizard, message):
        before = self.env["recovery.event"].search_count([])
        attachments = self.env["ir.attachment"].search_count([])
        stages = {move: move.recovery_stage for move in wizard.move_ids}
        with self.assertRaisesRegex(UserError, message):
            self._export(wizard)
        self.assertEqual(self.env["recovery.event"].search_count([]), before)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        for move, stage in stages.items():
            self.assertEqual(move.recovery_stage, stage)

    def test_refusals(self):
        invoice, _notice = self._full_ladder()
        draft = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.partner_a.id,
                "invoice_date": "2025-05-20",
                "invoice_line_ids": [
                    Command.create({"name": "x", "price_unit": 10.0, "tax_ids": []})
                ],
            }
        )
        self._assert_refused(self._wizard(invoice | draft), "is not a posted")
        paid = self._invoice(self.partner_a, 100.0, "2025-05-20")
        self._pay(paid, 100.0, "2025-05-25")
        self._assert_refused(self._wizard(invoice | paid), "is already paid")
        other_customer = self._invoice(self.partner_b, 100.0, "2025-05-20")
        self._assert_refused(
            self._wizard(invoice | other_customer), "belongs to another customer"
        )
        other = self.setup_other_company(name="Filiale Lyon")["company"]
        remote = self._invoice(self.partner_a, 70.0, "2025-05-20", company=other)
        wizard = (
            self.env["recovery.dossier.wizard"]
            .with_context(
                allowed_company_ids=[self.company.id, other.id],
                active_model="account.move",
                active_ids=(invoice | remote).ids,
            )
            .create({"recipient_id": self.huissier.id})
        )
        self._assert_refused(wizard, "belongs to another company")
        # A recipient who is not a commissaire, lawyer or agency.
        self._assert_refused(
            self._wizard(invoice, recipient_id=self.partner_b.id), "is not tagged"
        )
        self._assert_refused(self._wizard(invoice, recipient_id=False), "recipient")

    def test_no_formal_notice_needs_documented_override(self):
        invoice = self._invoice(self.partner_a, 800.0, "2025-05-20")
        self._run("2025-05-21")  # only a friendly e-mail
        wizard = self._wizard(invoice)
        self.assertTrue(wizard.notice_missing)
        self._assert_refused(wizard, "No formal notice")
        wizard.override = True
        self._assert_refused(wizard, "Give the reason")
        wizard.override_reason = "Débiteur en fuite, urgence à saisir"
        attachment = self._export(wizard)
        event = self._dossier_events()
        self.assertEqual(event.dossier_override_reason, wizard.override_reason)
        self.assertIn("urgence", event.note)
        self.assertEqual(invoice.recovery_stage, "contentieux")
        self.assertTrue(core_dossier.verify_dossier(attachment.raw).ok)
        bordereau = self._files(attachment)["00_bordereau.html"].decode()
        self.assertIn("without a formal notice", bordereau)

    def test_open_from_customer(self):
        invoice, _notice = self._full_ladder()
        paid = self._invoice(self.partner_a, 100.0, "2025-05-20")
        self._pay(paid, 100.0, "2025-05-25")
        with freeze_time("2025-07-20"):
            wizard = (
                self.env["recovery.dossier.wizard"]
                .with_context(active_model="res.partner", active_ids=self.partner_a.ids)
                .create({"recipient_id": self.huissier.id})
            )
        self.assertEqual(wizard.partner_id, self.partner_a)
        self.assertEqual(wizard.move_ids, invoice)
        self.assertIn(
            self.env.ref("recouvrement_fr.recovery_partner_category_avocat"),
            self.env["res.partner.category"].browse(wizard._recipient_category_ids()),
        )

    def test_payment_plan_is_included_when_installed(self):
        invoice, _notice = self._full_ladder()
        with freeze_time("2025-07-10"):
            action = (
                self.env["recovery.plan.wizard"]
                .with_context(active_model="account.move", active_ids=invoice.ids)
                .create({"instalment_count": 2, "first_due_date": "2025-08-01"})
                .action_confirm()
            )
        plan = self.env["recovery.plan"].browse(action["res_id"])
        self.assertTrue(plan.line_ids)
        attachment = self._export(self._wizard(invoice), "2025-08-20")
        result = core_dossier.verify_dossier(attachment.raw)
        self.assertTrue(result.ok, result.errors)
        plan_files = [
            name for name, role, *_rest in result.files if role == "payment_plan"
        ]
        self.assertTrue(any(name.endswith("_historique.csv") for name in plan_files))
        self.assertTrue(any(name.startswith("04_echeancier/") for name in plan_files))
        files = self._files(attachment)
        chrono = core_dossier.read_csv(files["chronologie.csv"])
        self.assertIn("Payment plan", {row[1] for row in chrono[1:]})
        history = next(name for name in plan_files if name.endswith("_historique.csv"))
        self.assertEqual(
            len(core_dossier.read_csv(files[history])), len(plan.line_ids) + 1
        )
        # Leaving out the plans.
        attachment = self._export(
            self._wizard(invoice, include_plans=False, new_version=True), "2025-08-21"
        )
        roles = {
            role
            for _name, role, *_rest in core_dossier.verify_dossier(attachment.raw).files
        }
        self.assertNotIn("payment_plan", roles)
