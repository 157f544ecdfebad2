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


def shoot(env):
    events = env["recovery.event"].search(
        [("state", "not in", ("queued", "failed", "cancelled"))], order="date desc"
    )
    for name, (xmlid, tone) in SHOTS.items():
        report = env.ref(xmlid)
        if tone:
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
