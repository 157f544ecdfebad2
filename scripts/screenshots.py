"""First pages of the letters of the demo database, as PNG for the README.

    python3 scripts/screenshots.py -c .demo-pg/odoo.conf -d recouvrement_demo

Needs the demo database (`make demo`), wkhtmltopdf (the one with patched Qt
renders what Odoo users get) and pdftoppm (poppler-utils). Writes
recouvrement_fr/static/description/letter_*.png.
"""

import argparse
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api

sys.path.insert(0, str(Path(__file__).resolve().parent))
from demo_data import report_server, warm_report_assets  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "recouvrement_fr/static/description"
# PNG name -> (report, tone of the level or None for the statement)
SHOTS = {
    "letter_relance": ("recouvrement_fr.action_report_recovery_letter", "friendly"),
    "letter_formal": ("recouvrement_fr.action_report_recovery_letter", "formal"),
    "letter_mise_en_demeure": (
        "recouvrement_fr.action_report_mise_en_demeure",
        "notice",
    ),
    "letter_statement": ("recouvrement_fr.action_report_recovery_statement", None),
    "letter_plan": ("recouvrement_fr.action_report_recovery_plan", "plan"),
    "letter_penalty_invoice": ("account.account_invoices", "penalty_invoice"),
}


def first_page_png(pdf, target):
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile"]
            + [str(source), str(Path(tmp) / "page")],
            check=True,
        )
        target.write_bytes((Path(tmp) / "page.png").read_bytes())


def _plan(env):
    """The signed payment plan of the demo."""
    plans = env["recovery.plan"].search([], order="signed_date desc, id desc")
    return plans.filtered("signed_date")[:1] or plans[:1]


def _penalty_invoice(env):
    """A penalty invoice billed (in this transaction, rolled back) on the
    oldest overdue invoice of a business customer, neither insolvent nor in a
    plan nor in litigation."""
    invoices = env["account.move"].search(
        [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("partner_id.is_company", "=", True),
            ("partner_id.recovery_insolvency", "=", False),
            ("recovery_stage", "in", ("amiable", "mise_en_demeure")),
        ],
        order="invoice_date_due",
    )
    for invoice in invoices:
        partner = invoice.commercial_partner_id
        if not partner.recovery_is_b2b:
            continue
        bills = env["recovery.penalty.invoice"]._bill(invoice, date.today())
        if bills:
            return bills[:1]
    return env["account.move"]


def shoot(env):
    events = env["recovery.event"].search(
        [("state", "not in", ("queued", "failed", "cancelled"))], order="date desc"
    )
    for name, (xmlid, tone) in SHOTS.items():
        report = env.ref(xmlid)
        if tone == "plan":
            record = _plan(env)
        elif tone == "penalty_invoice":
            record = _penalty_invoice(env)
        elif tone:
            record = events.filtered(
                lambda e, report=report, tone=tone: (
                    e.level_id.report_id == report and e.level_id.tone == tone
                )
            )[:1]
        else:
            record = events.partner_id[:1]
        if not record:
            print(f"{name}: no record to print in this database", file=sys.stderr)
            continue
        pdf = report.with_context(report_pdf_no_attachment=True)._render_qweb_pdf(
            report, record.ids
        )[0]
        first_page_png(pdf, OUT / f"{name}.png")
        print(f"{name}.png: {record.display_name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"],
        setup_logging=True,
    )
    registry = odoo.modules.registry.Registry(args.database)
    warm_report_assets(registry)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "fr_FR"})
        with report_server(env):
            shoot(env)
        cr.rollback()


if __name__ == "__main__":
    main()
