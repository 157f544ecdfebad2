#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data of recouvrement_fr, and the escalation of today.

Run by scripts/demo.sh, with the Odoo configuration file it writes::

    python3 scripts/demo_data.py -c ODOO_CONF -d DB status
        # missing, incomplete (installation interrupted), installed, ready
    python3 scripts/demo_data.py -c ODOO_CONF -d DB drop
    python3 scripts/demo_data.py -c ODOO_CONF -d DB run [--history-days 120]

``run`` expects l10n_fr_account and recouvrement_fr installed. The first time,
it makes the main company a French joinery (Menuiserie Durand SARL, Lyon) with
the French chart of accounts, about 20 customers and invoices at every age, then
replays the ladder day by day over the last ``--history-days`` days, the people
included: formal notices validated two days later, registered letters posted
the next day and their AR back, letters printed, calls made, a payment received
late, a partial payment, a dispute, a payment plan, an insolvency. Every run then
replays the days missed since the last one and runs the nightly escalation of
today (the cron's own method), and prints what happened and what is waiting.

Documents are rendered by wkhtmltopdf against a short-lived HTTP server of this
process (the report assets), as they would be by the cron of a running Odoo.
"""

import argparse
import base64
import io
import logging
import os
import random
import shutil
import socket
import sys
import time
from collections import Counter, defaultdict
from contextlib import closing, contextmanager
from datetime import datetime, timedelta

import babel.dates
import psycopg2

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.service import server
from odoo.tools import SQL

MODULES = ("l10n_fr_account", "recouvrement_fr")
BUILT_KEY = "recouvrement_fr_demo.built"
LAST_RUN_KEY = "recouvrement_fr_demo.last_run"
DEMO_MAIL_SERVER = "Démo : serveur de courrier local"
DOMAIN = "example"  # RFC 2606: no demo e-mail can reach anybody

COMPANY = {
    "name": "Menuiserie Durand SARL",
    "street": "27 rue Pierre Corneille",
    "zip": "69006",
    "city": "Lyon",
    "phone": "+33 4 78 24 56 10",
    "email": f"contact@menuiserie-durand.{DOMAIN}",
    "website": f"https://www.menuiserie-durand.{DOMAIN}",
    "siren": "812345676",
    "registry": "812 345 676 R.C.S. Lyon",
    "share_capital": 20000.0,
    "signatory": "Claire Durand",
    "signatory_function": "Gérante",
    # Bank code, branch code, account number of the RIB (the IBAN is computed).
    "rib": ("30002", "00550", "00001578452"),
    "bank": ("LCL - Le Crédit Lyonnais", "CRLYFRPP"),
}
LANG = "fr_FR"
RECOVERY_USER = {
    "name": "Sophie Martin",
    "login": "sophie",
    "email": f"sophie.martin@menuiserie-durand.{DOMAIN}",
}

# What the joinery sells: (label, unit price excluding VAT).
CATALOGUE = [
    ("Fenêtre chêne double vitrage sur mesure", 685.0),
    ("Porte d'entrée chêne massif", 2150.0),
    ("Placard sur mesure, portes coulissantes", 1340.0),
    ("Escalier hêtre quart tournant", 4200.0),
    ("Parquet chêne massif posé (m²)", 78.0),
    ("Comptoir sur mesure, plateau chêne", 3600.0),
    ("Étagères murales sur mesure (ml)", 145.0),
    ("Pose et dépose des anciennes menuiseries", 420.0),
    ("Main-d'œuvre atelier (heure)", 52.0),
    ("Volets battants mélèze (paire)", 590.0),
    ("Habillage mural en chêne (m²)", 165.0),
    ("Mobilier d'accueil sur mesure", 2890.0),
]

# Customers: the invoices are (days overdue today, [(catalogue index, qty)]);
# a negative age is not due yet. ``events`` are what happens to the invoices
# during the replay, as (days after the due date, action).
CUSTOMERS = [
    {
        "name": "Boulangerie Marchand SARL",
        "street": "14 rue de la Croix-Rousse",
        "zip": "69004",
        "city": "Lyon",
        "invoices": [(-20, [(5, 1), (6, 4)]), (3, [(6, 3)])],
    },
    {
        "name": "Garage Lefèvre & Fils",
        "street": "88 cours Émile Zola",
        "zip": "69100",
        "city": "Villeurbanne",
        "invoices": [(1, [(1, 1), (7, 1)]), (31, [(9, 6), (8, 4)])],
    },
    {
        "name": "Hôtel du Parc SAS",
        "street": "3 avenue d'Albigny",
        "zip": "74000",
        "city": "Annecy",
        "invoice_contact": "Service comptabilité",
        "invoices": [(8, [(11, 1)]), (10, [(2, 2), (8, 6)])],
    },
    {
        "name": "Le Bouchon des Canuts SARL",
        "street": "21 rue d'Austerlitz",
        "zip": "69004",
        "city": "Lyon",
        "invoices": [(15, [(5, 1), (10, 12)])],
    },
    {
        "name": "Cabinet Moreau Architectes",
        "street": "9 place Grenette",
        "zip": "38000",
        "city": "Grenoble",
        "invoices": [(20, [(6, 18), (8, 10)])],
    },
    {
        "name": "Pharmacie Dubois",
        "street": "12 cours Romestang",
        "zip": "38200",
        "city": "Vienne",
        "recovery_contact": "Nathalie Dubois",
        "invoices": [(30, [(11, 1), (6, 8)])],
    },
    {
        "name": "Agence Rhône Habitat",
        "street": "45 avenue Foch",
        "zip": "69006",
        "city": "Lyon",
        "invoices": [(38, [(0, 6), (7, 1)])],
        "events": [(33, "payment_plan")],
    },
    {
        "name": "Ébénisterie Bernard SARL",
        "street": "7 rue de la Montat",
        "zip": "42000",
        "city": "Saint-Étienne",
        "invoices": [(45, [(10, 24), (8, 16)])],
    },
    {
        "name": "Clinique Vétérinaire des Monts d'Or",
        "street": "2 chemin de la Sauvegarde",
        "zip": "69130",
        "city": "Écully",
        "invoices": [(46, [(11, 1), (6, 6)])],
    },
    {
        "name": "École Montessori Les Lucioles",
        "street": "30 rue Pasteur",
        "zip": "69300",
        "city": "Caluire-et-Cuire",
        "invoices": [(52, [(6, 22), (2, 1)])],
    },
    {
        "name": "SCI Les Terrasses de Fourvière",
        "street": "6 montée Saint-Barthélémy",
        "zip": "69005",
        "city": "Lyon",
        "invoices": [(60, [(0, 9), (7, 1), (9, 4)])],
    },
    {
        "name": "Brasserie Garnier SAS",
        "street": "110 rue Nationale",
        "zip": "69400",
        "city": "Villefranche-sur-Saône",
        # Same due date: one communication per level for both invoices.
        "invoices": [(75, [(5, 1)]), (75, [(8, 14), (6, 5)])],
    },
    {
        "name": "Crèche Les P'tits Loups",
        "street": "18 avenue Franklin Roosevelt",
        "zip": "69500",
        "city": "Bron",
        "invoices": [(90, [(2, 3)]), (5, [(6, 6)])],
    },
    {
        "name": "Laboratoire Fontaine Analyses",
        "street": "54 boulevard Ambroise Croizat",
        "zip": "69200",
        "city": "Vénissieux",
        "invoices": [(120, [(5, 2), (8, 20)]), (16, [(2, 1)])],
    },
    {
        "name": "Domaine Rousseau SCEA",
        "street": "Le Bourg",
        "zip": "69910",
        "city": "Villié-Morgon",
        "invoices": [(70, [(11, 1), (10, 12)])],
        # Paid late, after the phone call.
        "events": [(22, "pay")],
    },
    {
        "name": "Atelier Girard Décoration",
        "street": "5 rue Royale",
        "zip": "74000",
        "city": "Annecy",
        "invoices": [(40, [(0, 6), (7, 1)])],
        "events": [(33, "dispute")],
    },
    {
        "name": "Fromagerie Perrin",
        "street": "41 rue de Boigne",
        "zip": "73000",
        "city": "Chambéry",
        "invoices": [(35, [(5, 1)])],
        "events": [(18, "pay_part")],
    },
    {
        "name": "Hôtel-Restaurant Le Relais des Alpes",
        "street": "150 avenue de l'Aiguille du Midi",
        "zip": "74400",
        "city": "Chamonix-Mont-Blanc",
        "invoices": [(25, [(9, 8)]), (-12, [(10, 30)])],
        # Paid two days before the due date: never in recovery.
        "events": [(-2, "pay")],
    },
    {
        "name": "Boutique Chevalier Mode SARL",
        "street": "62 rue du Président Édouard Herriot",
        "zip": "69002",
        "city": "Lyon",
        "invoices": [(48, [(11, 1)]), (0, [(2, 1)]), (-5, [(6, 10)])],
    },
    {
        "name": "Transports Faure SAS",
        "street": "12 rue du Dauphiné",
        "zip": "69800",
        "city": "Saint-Priest",
        "invoices": [(50, [(1, 2), (7, 2)])],
        # Receivership opened: the ladder stops, the claim must be declared.
        "events": [(26, "insolvency"), (36, "bodacc")],
    },
    {
        "name": "Julien Roux",
        "is_company": False,
        # a person's letters greet him by his civility: "Monsieur Roux,"
        "title": "base.res_partner_title_mister",
        "street": "8 chemin de la Raude",
        "zip": "69160",
        "city": "Tassin-la-Demi-Lune",
        "immediate": True,
        "invoices": [(55, [(2, 1), (7, 1)])],
    },
]

# What the customer said on the phone (the note) and the outcome recorded.
CALL_OUTCOMES = [
    ("Comptable jointe : virement promis pour la semaine prochaine.", "promised"),
    ("Messagerie : message laissé avec le numéro de rappel.", "no_answer"),
    (
        "Le gérant dit ne pas avoir reçu la facture : renvoyée par e-mail.",
        "reached",
    ),
    (
        "Difficultés de trésorerie évoquées ; un échéancier pourrait être proposé.",
        "reached",
    ),
    (
        "Standard seulement : la personne chargée des paiements est en congé.",
        "no_answer",
    ),
]
DISPUTE_REASON = "Conteste la livraison : deux fenêtres abîmées, expertise en cours"
# The commissaire de justice the dossiers are sent to (tagged as such, so that
# the dossier wizard proposes him).
COMMISSAIRE = {
    "name": "Maître Élodie Garnier, commissaire de justice",
    "street": "18 quai Jean Moulin",
    "zip": "69002",
    "city": "Lyon",
    "phone": "+33 4 78 37 52 20",
    "email": f"etude@garnier-commissaire.{DOMAIN}",
}


# ----------------------------------------------------------------------------
# French identifiers
# ----------------------------------------------------------------------------


# Fonts of the demo's logo, when the machine has them (Debian: fonts-dejavu-core).
LOGO_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


def company_logo():
    """The joinery's logo as PNG bytes (its letterhead), or None without fonts."""
    from PIL import Image, ImageDraw, ImageFont

    if not all(os.path.exists(path) for path in LOGO_FONTS):
        return None
    title = ImageFont.truetype(LOGO_FONTS[0], 56)
    subtitle = ImageFont.truetype(LOGO_FONTS[1], 30)
    name, trade = "Menuiserie Durand", "Menuiserie · agencement · Lyon"
    probe = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    width = 200 + int(
        max(probe.textlength(name, title), probe.textlength(trade, subtitle))
    )
    image = Image.new("RGBA", (width, 180), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    brown = (122, 74, 38, 255)
    draw.rounded_rectangle((6, 12, 162, 168), radius=22, fill=brown)
    draw.text(
        (84, 92),
        "MD",
        font=ImageFont.truetype(LOGO_FONTS[0], 78),
        fill="white",
        anchor="mm",
    )
    draw.text((190, 80), name, font=title, fill=brown, anchor="ls")
    draw.line((192, 102, width - 8, 102), fill=brown, width=3)
    draw.text((192, 146), trade, font=subtitle, fill=(90, 90, 90, 255), anchor="ls")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def luhn_complete(prefix):
    """``prefix`` followed by the digit that makes it pass the Luhn check."""
    for digit in "0123456789":
        number = prefix + digit
        total = 0
        for index, char in enumerate(reversed(number)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return number
    raise AssertionError(prefix)


def french_vat(siren):
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def french_iban(bank, branch, account):
    rib_key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    bban = f"{bank}{branch}{account}{rib_key:02d}"
    check = 98 - int(bban + "152700") % 97  # F=15, R=27, then "00"
    iban = f"FR{check:02d}{bban}"
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def slug(name):
    keep = []
    for char in name.lower():
        char = {"é": "e", "è": "e", "ê": "e", "ô": "o", "'": "", "&": ""}.get(
            char, char
        )
        if char.isalnum():
            keep.append(char)
        elif keep and keep[-1] != "-":
            keep.append("-")
    return "".join(keep).strip("-")


def money(amount):
    """``11 496,00 €``, as French writes it (narrow no-break space between
    thousands, no-break space before the sign)."""
    text = f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")
    return f"{text}\u00a0€"


def french_date(day):
    """``27/12/2026``."""
    return day.strftime("%d/%m/%Y") if day else ""


# ----------------------------------------------------------------------------
# Database status and drop (no registry needed)
# ----------------------------------------------------------------------------


def db_status(dbname):
    try:
        with closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
            exists = bool(cr.fetchone())
    except psycopg2.Error as error:
        print(f"cannot connect to PostgreSQL: {error}".strip(), file=sys.stderr)
        return None
    if not exists:
        return "missing"
    try:
        with closing(odoo.sql_db.db_connect(dbname).cursor()) as cr:
            cr.execute(
                "SELECT COUNT(*) FROM ir_module_module "
                "WHERE name IN %s AND state = 'installed'",
                [MODULES],
            )
            installed = cr.fetchone()[0] == len(MODULES)
            cr.execute(
                "SELECT value FROM ir_config_parameter WHERE key = %s", [BUILT_KEY]
            )
            built = cr.fetchone()
    except psycopg2.Error:
        installed = built = None
    finally:
        odoo.sql_db.close_db(dbname)
    if built:
        return "ready"
    # An interrupted build leaves nothing behind (one transaction): start again
    # from the modules; an interrupted installation needs a new database.
    return "installed" if installed else "incomplete"


def db_drop(dbname):
    odoo.sql_db.close_db(dbname)
    with closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid != pg_backend_pid()",
            [dbname],
        )
        cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(dbname)))
    shutil.rmtree(odoo.tools.config.filestore(dbname), ignore_errors=True)
    print(f"Dropped {dbname}")


# ----------------------------------------------------------------------------
# The demo
# ----------------------------------------------------------------------------


@contextmanager
def report_server(env):
    """An HTTP server of this process for wkhtmltopdf to fetch the report assets.

    Without it the PDFs would come out without their style sheets. The URL is
    given to the reports of this process only (never stored in the database).
    """

    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = odoo.tools.config
    saved = config["http_interface"], config["http_port"]
    config["http_interface"], config["http_port"] = "127.0.0.1", port
    server.load_server_wide_modules()
    httpd_server = server.ThreadedServer(odoo.http.root)
    httpd_server.http_spawn()
    config["http_interface"], config["http_port"] = saved
    report_class = type(env["ir.actions.report"])
    patched = "_get_report_url" not in vars(report_class)
    if patched:
        report_class._get_report_url = lambda self, layout=None: (
            f"http://127.0.0.1:{port}"
        )
    try:
        yield
    finally:
        if patched:
            del report_class._get_report_url
        httpd_server.httpd.shutdown()


def warm_report_assets(registry):
    """Generate the style sheets of the reports, committed, before any rendering.

    Else the first rendering creates them in the build's transaction, and the
    HTTP server asked by wkhtmltopdf for them waits for that transaction.
    """
    with registry.cursor() as cr:
        qweb = api.Environment(cr, SUPERUSER_ID, {})["ir.qweb"]
        qweb._get_asset_bundle("web.report_assets_common", js=False).css()
        bundle = qweb._get_asset_bundle("web.report_assets_pdf")
        bundle.css()
        bundle.js()


class Demo:
    """The demo company, its customers and the replay of the ladder."""

    def __init__(self, env, today):
        self.env = env
        self.today = today
        self.rng = random.Random(20260101)
        self.company = env.ref("base.main_company")
        self.user = env["res.users"]
        self.invoices = {}  # customer index -> account.move records
        self.started = time.monotonic()
        self.plan_done = set()

    # -- build ----------------------------------------------------------------

    def setup_company(self):
        env = self.env
        france = env.ref("base.fr")
        company = self.company
        siren = COMPANY["siren"]
        logo = company_logo()
        company.write(
            {
                "name": COMPANY["name"],
                "street": COMPANY["street"],
                "zip": COMPANY["zip"],
                "city": COMPANY["city"],
                "country_id": france.id,
                "phone": COMPANY["phone"],
                "email": COMPANY["email"],
                "website": COMPANY["website"],
                "vat": french_vat(siren),
                "siret": luhn_complete(siren + "0001"),
                "company_registry": COMPANY["registry"],
                # The legal mentions of its documents (C. com. R123-237,
                # R123-238): the form is in its name, said once.
                "recovery_legal_form": "SARL",
                "recovery_share_capital": COMPANY["share_capital"],
                "recovery_rcs_city": COMPANY["city"],
                # Its letterhead; else no logo rather than Odoo's "Your logo".
                "logo": logo and base64.b64encode(logo),
            }
        )
        # A French company writes to its customers in French: letters,
        # e-mails and Odoo itself.
        if not env["res.lang"]._lang_get(LANG):
            print(f"  loading the {LANG} translations")
            env["res.lang"]._activate_lang(LANG)
            env["ir.module.module"].search(
                [("state", "=", "installed")]
            )._update_translations(LANG)
        company.partner_id.lang = LANG
        self.speak_french()
        env = self.env
        self.company = company = company.with_env(env)
        if company.chart_template != "fr":
            print("  loading the French chart of accounts (l10n_fr_account)")
            env["account.chart.template"].try_loading("fr", company, install_demo=False)
            self.company = company = env["res.company"].browse(company.id)
        bank = env["res.bank"].create(
            {
                "name": COMPANY["bank"][0],
                "bic": COMPANY["bank"][1],
                "country": france.id,
            }
        )
        bank_account = env["res.partner.bank"].create(
            {
                "acc_number": french_iban(*COMPANY["rib"]),
                "partner_id": company.partner_id.id,
                "bank_id": bank.id,
                "allow_out_payment": True,
            }
        )
        journal = env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "bank")], limit=1
        )
        journal.bank_account_id = bank_account
        self.user = env["res.users"].create(
            {
                **RECOVERY_USER,
                "password": RECOVERY_USER["login"],
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "tz": "Europe/Paris",
                "lang": LANG,
                # Her calls and files in Odoo's inbox, not by e-mail.
                "notification_type": "inbox",
                # She lands on her day's work.
                "action_id": env.ref("recouvrement_fr.recovery_my_day_action").id,
                "groups_id": [
                    (4, env.ref("base.group_user").id),
                    (4, env.ref("account.group_account_manager").id),
                    # She adds the customer's new contacts herself.
                    (4, env.ref("base.group_partner_manager").id),
                ],
            }
        )
        env.ref("base.user_admin").write({"tz": "Europe/Paris", "lang": LANG})
        company.write(
            {
                "recovery_user_id": self.user.id,
                "recovery_signatory_name": COMPANY["signatory"],
                "recovery_signatory_function": COMPANY["signatory_function"],
                # Named in every notice to a consumer (L612-1, L616-1 C. conso).
                "recovery_mediator_name": "CM2C - Centre de la médiation de "
                "la consommation de conciliateurs de justice",
                "recovery_mediator_address": "14 rue Saint-Jean, 75017 Paris",
                "recovery_mediator_website": "https://www.cm2c.net",
            }
        )
        # Links of the e-mails (portal) and of the letters.
        env["ir.config_parameter"].sudo().set_param(
            "web.base.url", f"http://localhost:{odoo.tools.config['http_port']}"
        )

    def speak_french(self):
        """From now on the demo writes as its French users do: "Contact créé",
        not "Contact created", in the chatters it fills."""
        self.env = self.env(context=dict(self.env.context, lang=LANG))

    def create_customers(self):
        Partner = self.env["res.partner"]
        france = self.env.ref("base.fr")
        partners = []
        for spec in CUSTOMERS:
            is_company = spec.get("is_company", True)
            domain = f"{slug(spec['name'])}.{DOMAIN}"
            vals = {
                "name": spec["name"],
                "is_company": is_company,
                "street": spec["street"],
                "zip": spec["zip"],
                "city": spec["city"],
                "country_id": france.id,
                "phone": "+33 {} {:02d} {:02d} {:02d} {:02d}".format(
                    4 if spec["zip"][:2] in ("69", "42", "38", "73", "74") else 1,
                    *(self.rng.randint(10, 99) for _ in range(4)),
                ),
                "email": f"compta@{domain}" if is_company else f"julien.roux@{domain}",
                "lang": LANG,
            }
            if is_company:
                siren = luhn_complete(str(self.rng.randint(30000000, 99999999)))
                vals.update(
                    vat=french_vat(siren),
                    siret=luhn_complete(siren + f"{self.rng.randint(1, 99):04d}"),
                    website=f"https://www.{domain}",
                )
            if spec.get("title"):
                vals["title"] = self.env.ref(spec["title"]).id
            partner = Partner.create(vals)
            if spec.get("invoice_contact"):
                Partner.create(
                    {
                        "name": spec["invoice_contact"],
                        "type": "invoice",
                        "parent_id": partner.id,
                        "email": f"factures@{domain}",
                    }
                )
            if spec.get("recovery_contact"):
                partner.recovery_contact_id = Partner.create(
                    {
                        "name": spec["recovery_contact"],
                        "type": "contact",
                        "function": "Pharmacienne titulaire",
                        "parent_id": partner.id,
                        "email": f"n.dubois@{domain}",
                    }
                )
            partners.append(partner)
        tag = self.env.ref("recouvrement_fr.recovery_partner_category_commissaire")
        Partner.create(
            {
                **COMMISSAIRE,
                "is_company": True,
                "country_id": france.id,
                "lang": LANG,
                "category_id": [(4, tag.id)],
            }
        )
        return partners

    def create_invoices(self, partners):
        env = self.env
        term_30 = env.ref("account.account_payment_term_30days")
        term_now = env.ref("account.account_payment_term_immediate")
        tax = self.company.account_sale_tax_id
        todo = []
        for index, spec in enumerate(CUSTOMERS):
            for age, lines in spec["invoices"]:
                due = self.today - timedelta(days=age)
                immediate = spec.get("immediate")
                invoice_date = due if immediate else due - timedelta(days=30)
                todo.append((invoice_date, index, immediate, lines))
        todo.sort(key=lambda item: (item[0], item[1]))
        Move = env["account.move"].with_company(self.company)
        for invoice_date, index, immediate, lines in todo:
            move = Move.create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partners[index].id,
                    "invoice_date": invoice_date,
                    "invoice_payment_term_id": (term_now if immediate else term_30).id,
                    "invoice_line_ids": [
                        (
                            0,
                            0,
                            {
                                "name": CATALOGUE[item][0],
                                "quantity": qty,
                                "price_unit": CATALOGUE[item][1],
                                "tax_ids": [(6, 0, tax.ids)],
                            },
                        )
                        for item, qty in lines
                    ],
                }
            )
            move.action_post()
            self.invoices.setdefault(index, env["account.move"])
            self.invoices[index] |= move
        env.flush_all()
        # The customers were created the day before their first invoice.
        env.cr.execute(
            """
            UPDATE mail_message m
               SET date = first.day - INTERVAL '16 hours'
              FROM (SELECT commercial_partner_id AS id, MIN(invoice_date) AS day
                      FROM account_move WHERE move_type = 'out_invoice'
                     GROUP BY commercial_partner_id) first
             WHERE m.model = 'res.partner' AND m.res_id = first.id
            """
        )
        # The chatter of the invoices as of their date.
        env.cr.execute(
            """
            UPDATE mail_message m
               SET date = am.invoice_date + TIME '08:30'
              FROM account_move am
             WHERE m.model = 'account.move' AND m.res_id = am.id
               AND am.move_type = 'out_invoice'
            """
        )
        return sum(len(moves) for moves in self.invoices.values())

    # -- what people do during the replay -------------------------------------

    def customer_events(self, day):
        """Payments, disputes, plans, insolvencies of ``day``."""
        env = self.env
        for index, spec in enumerate(CUSTOMERS):
            for offset, action in spec.get("events", ()):
                moves = self.invoices[index]
                first = moves.sorted("invoice_date_due")[:1]
                if first.invoice_date_due + timedelta(days=offset) != day:
                    continue
                if action in ("pay", "pay_part"):
                    amount = first.amount_residual
                    if action == "pay_part":
                        amount = round(amount * 0.4, -1)
                    env["account.payment.register"].with_context(
                        active_model="account.move", active_ids=first.ids
                    ).create({"payment_date": day, "amount": amount})._create_payments()
                elif action == "dispute":
                    first.write(
                        {
                            "recovery_blocked": True,
                            "recovery_block_reason": DISPUTE_REASON,
                            "recovery_stage": "dispute",
                        }
                    )
                elif action == "payment_plan":
                    wizard = (
                        env["recovery.plan.wizard"]
                        .with_context(active_model="account.move", active_ids=first.ids)
                        .create(
                            {
                                "instalment_count": 3,
                                "periodicity": "monthly",
                                "down_payment_date": day,
                                "first_due_date": day + timedelta(days=30),
                                "note": "<p>Accord par téléphone avec le gérant.</p>",
                            }
                        )
                    )
                    action = wizard.action_confirm()
                    plan = env["recovery.plan"].browse(action["res_id"])
                    # The customer signs and returns the agreement: its PDF
                    # stands for the scan of the signed copy.
                    pdf, _fmt = env["ir.actions.report"]._render_qweb_pdf(
                        "recouvrement_fr.action_report_recovery_plan", plan.ids
                    )
                    plan.write(
                        {
                            "date": day,
                            "signed_agreement": base64.b64encode(pdf),
                            "signed_agreement_name": f"{plan.name}-signe.pdf".replace(
                                "/", "-"
                            ),
                            "signed_date": day,
                        }
                    )
                elif action == "insolvency":
                    first.commercial_partner_id.write(
                        {
                            "recovery_insolvency": "redressement",
                            "recovery_insolvency_date": day - timedelta(days=2),
                        }
                    )
                elif action == "bodacc":
                    first.commercial_partner_id.recovery_bodacc_date = day

    def people(self, day):
        """What the recovery responsible does on ``day`` with the queue: she
        signs what she does (her notes, her validations)."""
        env = self.env(user=self.user)
        Event = env["recovery.event"].with_company(self.company)
        base = [("company_id", "=", self.company.id)]
        # Formal notices: read and validated two days after they were decided.
        notices = Event.search(
            base
            + [("state", "=", "to_validate"), ("date", "<=", day - timedelta(days=2))]
        )
        for notice in notices:
            notice.action_validate()
            notice.user_id = self.user
        # Registered letters posted the day after their validation.
        for notice in Event.search(
            base
            + [
                ("state", "=", "to_post"),
                ("channel", "=", "lrar"),
                ("date", "<=", day - timedelta(days=3)),
            ]
        ):
            # A French registered letter number: 1A and 11 digits.
            digits = f"{self.rng.randrange(10**11):011d}"
            lrar_groups = digits[:3], digits[3:6], digits[6:10], digits[10:]
            notice.write(
                {
                    "lrar_number": "1A {} {} {} {}".format(*lrar_groups),
                    "lrar_sent_date": day,
                    "printed_date": fields.Datetime.now(),
                }
            )  # posted, now that it has its number
        # The acknowledgement of receipt comes back 2 to 4 days later.
        for notice in Event.search(
            base
            + [
                ("channel", "=", "lrar"),
                ("state", "=", "posted"),
                ("ar_date", "=", False),
                ("lrar_sent_date", "<=", day - timedelta(days=2)),
            ]
        ):
            if self.rng.random() < 0.5 or notice.lrar_sent_date <= day - timedelta(
                days=4
            ):
                notice.ar_date = day
        # Letters printed and posted the next day.
        letters = Event.search(
            base
            + [
                ("state", "=", "to_print"),
                ("channel", "=", "letter"),
                ("date", "<=", day - timedelta(days=1)),
            ]
        )
        letters.write({"printed_date": fields.Datetime.now()})
        letters.action_mark_sent()
        # Calls made the day after they were planned.
        calls = env["mail.activity"].search(
            [
                ("res_model", "=", "recovery.event"),
                ("activity_type_id", "=", env.ref("mail.mail_activity_data_call").id),
                ("date_deadline", "<=", day - timedelta(days=1)),
            ]
        )
        for call in calls:
            note, outcome = self.rng.choice(CALL_OUTCOMES)
            event = env["recovery.event"].browse(call.res_id)
            event.write({"note": f"<p>{note}</p>", "call_outcome": outcome})
            if outcome == "promised":
                # The promise is recorded as Sophie records it: through the
                # wizard of the call, a week after the call.
                env["recovery.promise.wizard"].with_context(active_id=event.id).create(
                    {"date": day + timedelta(days=7), "note": note}
                ).action_confirm()
            if call.exists():  # the promise's wizard closes the call itself
                call.action_feedback(feedback=note)

    def registered_letter(self, today):
        """A mise en demeure through the demo registered-letter provider
        (issue #25): handed over, deposited two days ago (proof of deposit),
        received today (acknowledgement of receipt), both PDFs attached."""
        provider = self.env.ref("recouvrement_fr.recovery_letter_provider_demo").sudo()
        provider.write(
            {"company_id": self.company.id, "state": "test", "demo_outcome": "received"}
        )
        Event = self.env["recovery.event"].with_company(self.company)
        model = Event.search(
            [
                ("company_id", "=", self.company.id),
                ("channel", "=", "lrar"),
                ("attachment_id", "!=", False),
                ("partner_id.is_company", "=", True),
            ],
            order="date desc, id desc",
            limit=1,
        )
        if not model:
            return Event
        letter = Event.create(
            {
                "company_id": self.company.id,
                "partner_id": model.partner_id.id,
                "level_id": model.level_id.id,
                "channel": "lrar",
                "state": "to_post",
                "date": today - timedelta(days=3),
                "user_id": self.user.id,
                "move_ids": [(6, 0, model.move_ids.ids)],
                "amount_residual": model.amount_residual,
                "attachment_id": model.attachment_id.id,
            }
        )
        letter._recovery_send_registered()
        letter._recovery_track_letters()
        # Deposited two days ago, as the replay dates each day's work.
        letter.write({"lrar_sent_date": today - timedelta(days=2)})
        letter.provider_checked_at = False
        letter._recovery_track_letters()
        return letter

    def portal_promise(self, today):
        """Yesterday evening, the customer of a letter to print promised on
        his payment page to pay it next week: Sophie reviews it in Ma
        journée, and reads it in his Compte client."""
        letter = self.env["recovery.event"].search(
            [
                ("company_id", "=", self.company.id),
                ("state", "=", "to_print"),
                ("channel", "=", "letter"),
            ],
            order="date, id",
            limit=1,
        )
        customer = letter.partner_id.commercial_partner_id
        if not customer:
            return self.env["recovery.promise"]
        promise = (
            self.env["recovery.promise"]
            .with_context(mail_create_nolog=True)
            .create(
                {
                    "company_id": self.company.id,
                    "partner_id": customer.id,
                    "move_ids": [(6, 0, letter.move_ids.ids)],
                    "date": today + timedelta(days=8),
                    "source": "portal",
                    "note": "Virement programmé dès réception de notre acompte client.",
                    "user_id": self.user.id,
                }
            )
        )
        promise.message_post(
            body="Promesse faite par le client sur son espace de règlement "
            "(adresse 192.0.2.10).",
            author_id=customer.id,
        )
        self.env.cr.flush()
        self.env.cr.execute(
            "UPDATE mail_message SET date = %(at)s WHERE model = 'recovery.promise'"
            " AND res_id = %(id)s;"
            " UPDATE recovery_promise SET create_date = %(at)s WHERE id = %(id)s",
            {
                "at": datetime.combine(today, datetime.min.time()) - timedelta(hours=5),
                "id": promise.id,
            },
        )
        self.env.invalidate_all()
        return promise

    # -- the replay -------------------------------------------------------------

    def replay_day(self, day):
        """The nightly escalation of ``day``, the people's work and the
        customers' doings of that day, each dated ``day`` as it happened."""
        env = self.env
        marks = [self.marks()]
        # As the nightly cron does it: in the recovery responsible's language.
        engine = env["recovery.engine"]._for_company(self.company)
        decided = engine._decide(today=day, company_ids=self.company.ids)
        sent = engine._communicate(company_ids=self.company.ids)
        # Odoo's mail queue hands the e-mails to the demo's mail server, which
        # accepts them: the e-mails are sent, the ladder goes on.
        env["mail.mail"].sudo().process_email_queue()
        marks.append(self.marks())
        self.people(day)
        marks.append(self.marks())
        # Payments, disputes... of the day: the next night's run sees them.
        self.customer_events(day)
        marks.append(self.marks())
        self.backdate(day, marks)
        return decided, sent

    def marks(self):
        """The last message and communication written so far (cr.flush: the
        tracking messages are posted by the precommit hooks)."""
        self.env.cr.flush()
        self.env.cr.execute(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM mail_message),"
            " (SELECT COALESCE(MAX(id), 0) FROM recovery_event)"
        )
        return self.env.cr.fetchone()

    def backdate(self, day, marks):
        """Everything written while replaying ``day`` happened on ``day``:
        the night's run at 02:00, the people's work from 09:00, the
        customers' from 14:00 (Paris time, about; stored in UTC), one second
        apart in the order written, whatever clock Odoo used to write it
        (Python's, or the transaction's for some chatter lines)."""
        cr = self.env.cr
        for (first, _events), (last, _end), hour in zip(
            marks, marks[1:], (1, 8, 13), strict=False
        ):
            cr.execute(
                "UPDATE mail_message SET date = %s + (id - %s) * INTERVAL '1 second'"
                " WHERE id > %s AND id <= %s",
                [
                    datetime.combine(day, datetime.min.time()).replace(hour=hour),
                    first,
                    first,
                    last,
                ],
            )
        first_event = marks[0][1]
        stamp = datetime.combine(day, datetime.min.time()).replace(hour=8)
        end_of_day = datetime.combine(day + timedelta(days=1), datetime.min.time())
        # No date of the replay is after ``day``: what reads later than it
        # was written today by a default (today, now) for ``day``.
        statements = [
            (
                "UPDATE recovery_event SET date = %s WHERE id > %s AND date > %s",
                [day, first_event, day],
            ),
            (
                "UPDATE recovery_event SET carried_out_date = %s"
                " WHERE carried_out_date > %s",
                [day, day],
            ),
            (
                "UPDATE recovery_event SET lrar_sent_date = %s"
                " WHERE lrar_sent_date > %s",
                [day, day],
            ),
            (
                "UPDATE recovery_event SET sent_date = %s"
                " WHERE sent_date >= %s AND channel = 'email'",
                [stamp.replace(hour=1), end_of_day],
            ),
            (
                "UPDATE recovery_event SET sent_date = %s WHERE sent_date >= %s",
                [stamp, end_of_day],
            ),
            (
                "UPDATE recovery_event SET printed_date = %s WHERE printed_date >= %s",
                [stamp, end_of_day],
            ),
            # A promise heard on a call is dated by its creation.
            (
                "UPDATE recovery_promise SET create_date = %s WHERE create_date >= %s",
                [stamp, end_of_day],
            ),
            (
                "UPDATE recovery_move_state SET last_sent_date = %s"
                " WHERE last_sent_date > %s",
                [day, day],
            ),
        ]
        for query, params in statements:
            cr.execute(query, params)
        self.env.invalidate_all()

    def ensure_current_rates(self):
        """Legal interest rates up to today, so that the letters can count.

        The add-on ships the rates published when it was released; a semester
        after them would make every letter say its rate is missing. The demo
        copies the last known rate, marked as such: replace it with the
        published one (Invoicing > Configuration > Recovery > Reference rates).
        """
        Rate = self.env["recovery.rate"]
        added = []
        for kind in ("legal_individual", "legal_other"):
            last = Rate.search([("kind", "=", kind)], order="date_from desc", limit=1)
            start = last.date_from
            while last:
                start = start.replace(
                    year=start.year + (start.month >= 7),
                    month=1 if start.month >= 7 else 7,
                    day=1,
                )
                if start > self.today:
                    break
                Rate.create(
                    {
                        "kind": kind,
                        "date_from": start,
                        "rate": last.rate,
                        "source": "DÉMO SEULEMENT : copie du taux du "
                        f"{french_date(last.date_from)}, pas le taux publié",
                    }
                )
                added.append(f"{kind} {start}")
        if added:
            print(
                "  reference rates not shipped yet, demo copies of the last ones "
                f"entered: {', '.join(added)}"
            )

    def mark_history_mails_sent(self):
        """E-mails of past days left the queue long ago (no SMTP in the demo)."""
        env = self.env
        past = env["recovery.event"].search(
            [("channel", "=", "email"), ("date", "<", self.today)]
        )
        mails = env["mail.mail"].search(
            [
                ("model", "=", "recovery.event"),
                ("res_id", "in", past.ids),
                ("state", "=", "outgoing"),
            ]
        )
        env["mail.notification"].search([("mail_mail_id", "in", mails.ids)]).write(
            {"notification_status": "sent"}
        )
        mails.write({"state": "sent"})

    def replay(self, first_day, last_day):
        totals = Counter()
        day = first_day
        days = 0
        while day <= last_day:
            decided, sent = self.replay_day(day)
            totals["events"] += decided["events"]
            totals.update(sent)
            day += timedelta(days=1)
            days += 1
            if days % 20 == 0 and day <= last_day:
                print(
                    f"    {day}: {totals['events']} communications so far "
                    f"({time.monotonic() - self.started:.0f}s)"
                )
        self.mark_history_mails_sent()
        return days, totals


# ----------------------------------------------------------------------------
# Summary, in French: what the French administrator of the demo reads
# ----------------------------------------------------------------------------


def plural(count, singular, plural_form=None):
    """``1 facture``, ``0 facture``, ``3 factures``: in French 0 and 1 take
    the singular."""
    word = singular if abs(count) < 2 else plural_form or f"{singular}s"
    return f"{count} {word}"


def menu_path(env, xmlid):
    """``Facturation > Clients > Recouvrement > Ma journée``, as in the menu."""
    menu = env.ref(xmlid, raise_if_not_found=False)
    if not menu:
        return ""
    return menu.with_context(lang=LANG).complete_name.replace("/", " > ")


def print_ladder(env, base):
    Event = env["recovery.event"]
    state_labels = dict(Event._fields["state"]._description_selection(env))
    print("\nRelances par niveau, depuis le début de l'historique :")
    counts = defaultdict(Counter)
    for event in Event.search(base):
        counts[event.level_id][event.state] += 1
    states = [key for key, _label in Event._fields["state"].selection]
    used = [s for s in states if any(c[s] for c in counts.values())]
    width = max((len(level.name) for level in counts), default=10) + 2
    header = "".join(f"{state_labels[s]:>13}" for s in used)
    print(f"  {'Niveau':<{width}}{'J+':>4}{header}{'Total':>8}")
    for level in sorted(counts, key=lambda lv: (lv.sequence, lv.id)):
        row = "".join(f"{counts[level][s]:>13}" for s in used)
        total = sum(counts[level].values())
        print(f"  {level.name:<{width}}{level.days:>4}{row}{total:>8}")


def print_invoices(env, moves):
    stage_labels = dict(
        env["account.move"]._fields["recovery_stage"]._description_selection(env)
    )
    stage_labels.update(none="Non échue ou échue ce jour", paid="Payée à temps")
    print("\nFactures clients par étape du recouvrement :")
    by_stage = defaultdict(lambda: [0, 0.0])
    for move in moves:
        stage = move.recovery_stage or "none"
        if stage == "none" and move.payment_state in ("paid", "in_payment"):
            stage = "paid"
        by_stage[stage][0] += 1
        by_stage[stage][1] += move.amount_residual
    width = max(len(label) for label in stage_labels.values()) + 2
    for stage, label in stage_labels.items():
        if stage in by_stage:
            count, due = by_stage[stage]
            print(
                f"  {label:<{width}}{plural(count, 'facture'):>12}, "
                f"reste dû {money(due):>13}"
            )


def print_off_ladder(env, base, moves):
    print("\nHors de l'échelle de relance :")
    for move in moves.filtered("recovery_blocked"):
        print(
            f"  - {move.partner_id.name} : {move.name} bloquée "
            f"({move.recovery_block_reason})"
        )
    for plan in env["recovery.plan"].search(base + [("state", "=", "active")]):
        print(
            f"  - {plan.partner_id.name} : échéancier {plan.name}, "
            f"{plural(plan.instalment_count, 'échéance')}, "
            f"prochaine le {french_date(plan.next_date_due)}"
        )
    procedures = dict(
        env["res.partner"]._fields["recovery_insolvency"]._description_selection(env)
    )
    for partner in env["res.partner"].search([("recovery_insolvency", "!=", False)]):
        deadline = partner.recovery_claim_deadline
        print(
            f"  - {partner.name} : {procedures[partner.recovery_insolvency]} depuis "
            f"le {french_date(partner.recovery_insolvency_date)}, déclarer la "
            "créance "
            + (
                f"avant le {french_date(deadline)}"
                if deadline
                else "(date de publication au BODACC à saisir)"
            )
        )
    for move in moves.filtered(lambda m: m.recovery_stage == "recovered"):
        print(
            f"  - {move.partner_id.name} : {move.name} payée en retard, recouvrée "
            f"(indemnité due : {money(move.recovery_indemnity_amount)})"
        )


def print_events(title, events, extra=lambda e: ""):
    print(f"\n{title} : {len(events)}")
    for event in events.sorted(lambda e: (e.date, e.partner_id.name)):
        amount = money(event.amount_residual)
        print(
            f"  - {french_date(event.date)}  {event.partner_id.name:<38}"
            f"{amount:>13}  {event.level_id.name}{extra(event)}"
        )


def print_todo(env, base):
    outgoing = env["mail.mail"].search(
        [("state", "=", "outgoing"), ("model", "=", "recovery.event")]
    )
    print(
        f"\nE-mails en file d'attente ({menu_path(env, 'mail.menu_mail_mail')}) : "
        f"{len(outgoing)}"
    )
    for mail in outgoing:
        recipients = ", ".join(mail.recipient_ids.mapped("email"))
        print(f"  - {mail.subject}  ->  {recipients}")
    Event = env["recovery.event"]
    print_events(
        "Courriers à imprimer ("
        + menu_path(env, "recouvrement_fr.recovery_event_menu_to_print")
        + ")",
        Event.search(base + [("state", "=", "to_print")]),
    )
    print_events(
        "Lettres recommandées : numéro de LRAR à saisir",
        Event.search(base + [("state", "=", "to_post")]),
    )
    print_events(
        "Mises en demeure à valider ("
        + menu_path(env, "recouvrement_fr.recovery_event_menu")
        + ")",
        Event.search(base + [("state", "=", "to_validate")]),
    )
    activities = env["mail.activity"].search(
        [("res_model", "=", "recovery.event")], order="date_deadline"
    )
    call_type = env.ref("mail.mail_activity_data_call")
    calls = activities.filtered(lambda a: a.activity_type_id == call_type)
    print(f"\nAppels prévus : {len(calls)}")
    for call in calls:
        print(
            f"  - {french_date(call.date_deadline)}  {call.summary}  "
            f"({call.user_id.name})"
        )
    files = activities - calls
    print(f"\nDossiers contentieux à préparer : {len(files)}")
    for todo in files:
        print(
            f"  - {french_date(todo.date_deadline)}  {todo.summary}  "
            f"({todo.user_id.name})"
        )
    failed = Event.search(base + [("state", "=", "failed")])
    if failed:
        print_events("RELANCES EN ÉCHEC", failed, lambda e: f"  {e.error}")


# Sections of Ma journée, as its screen titles them.
MY_DAY_SECTIONS = (
    ("calls", "appel du jour", "appels du jour"),
    ("to_validate", "mise en demeure à valider", "mises en demeure à valider"),
    ("to_print", "courrier à imprimer et poster", "courriers à imprimer et poster"),
    ("to_post", "numéro de LRAR à saisir", "numéros de LRAR à saisir"),
    ("disputes", "litige à résoudre", "litiges à résoudre"),
    ("dossiers", "dossier à transmettre", "dossiers à transmettre"),
)


def commissaire_de_justice(env):
    tag = env.ref("recouvrement_fr.recovery_partner_category_commissaire")
    return env["res.partner"].search([("category_id", "=", tag.id)], limit=1)


def print_start(env, company):
    """Who logs in, where they land and what to click first."""
    user = company.recovery_user_id
    url = f"http://localhost:{odoo.tools.config['http_port']}/web"
    print(f"\nPour commencer ({url}) :")
    print(
        f"  - {user.login} / {user.login} : {user.name}, responsable recouvrement "
        "(comptable, sans les droits d'administration d'Odoo)."
    )
    day = env["recovery.my.day"].with_user(user).with_context(lang=LANG)
    counts = day._day_counts(mine=True)  # as the activity menu counts them
    todo = [
        plural(counts[key], singular, plural_form)
        for key, singular, plural_form in MY_DAY_SECTIONS
        if counts.get(key)
    ]
    print(
        "    Elle arrive sur Ma journée ("
        + menu_path(env, "recouvrement_fr.recovery_my_day_menu")
        + ") : "
        + (", ".join(todo) or "rien à faire aujourd'hui")
        + "."
    )
    print(
        "    Premier clic : « Appeler » sur le premier appel du jour, puis "
        "« Valider » une mise en demeure. L'horloge de la barre du haut les "
        "compte aussi (« Ma journée de recouvrement »)."
    )
    commissaire = commissaire_de_justice(env)
    if commissaire:
        print(
            f"    Les dossiers contentieux sont transmis à {commissaire.name} "
            f"(étiquette « {commissaire.category_id[:1].name} ») : bouton "
            "« Dossier » de Ma journée."
        )
    print(
        "  - admin / admin : l'administrateur ; l'échelle de relance est dans "
        + menu_path(env, "recouvrement_fr.recovery_level_menu")
        + "."
    )


def print_summary(env, company, today, decided, sent):
    env = env(context=dict(env.context, lang=LANG))
    base = [("company_id", "=", company.id)]
    weekday = babel.dates.format_date(today, format="full", locale=LANG)
    print(f"\nRelances du jour ({weekday}), par la méthode du cron de nuit :")
    waiting = env["recovery.event"].search_count(
        base
        + [("id", "in", decided.get("event_ids", [])), ("state", "=", "to_validate")]
    )
    print(
        f"  {plural(decided['events'], 'relance décidée', 'relances décidées')} "
        f"pour {plural(decided['moves'], 'facture')} : "
        f"{plural(sent['sent'], 'e-mail envoyé', 'e-mails envoyés')}, "
        f"{plural(sent['printed'], 'courrier à imprimer', 'courriers à imprimer')}, "
        f"{plural(sent['activities'], 'activité planifiée', 'activités planifiées')}, "
        f"{waiting} en attente de validation, {sent['failed']} en échec"
    )
    print_ladder(env, base)
    moves = env["account.move"].search(
        base + [("move_type", "=", "out_invoice"), ("state", "=", "posted")]
    )
    print_invoices(env, moves)
    print_off_ladder(env, base, moves)
    print_todo(env, base)
    print_start(env, company)


# ----------------------------------------------------------------------------
# Entry point
# ----------------------------------------------------------------------------


@contextmanager
def demo_mail_server(env):
    """A mail server on 127.0.0.1 that accepts every e-mail and keeps none:
    the demo's e-mails are really handed over, and their state tells it."""
    from aiosmtpd.controller import Controller

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            return "250 Message accepted for delivery"

    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's own log
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    servers = env["ir.mail_server"].sudo()
    server_rec = servers.with_context(active_test=False).search(
        [("name", "=", DEMO_MAIL_SERVER)], limit=1
    )
    values = {
        "name": DEMO_MAIL_SERVER,
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_encryption": "none",
        "sequence": 1,
    }
    if server_rec:
        server_rec.write(values)
    else:
        server_rec = servers.create(values)
    try:
        yield server_rec
    finally:
        # The demo served afterwards must not try a port nobody listens on.
        server_rec.active = False
        controller.stop()


def run(dbname, history_days):
    registry = odoo.modules.registry.Registry(dbname)
    warm_report_assets(registry)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tz": "Europe/Paris", "lang": "en_US"})
        if not env["ir.module.module"].search_count(
            [("name", "=", "recouvrement_fr"), ("state", "=", "installed")]
        ):
            print("recouvrement_fr is not installed in this database", file=sys.stderr)
            return 1
        params = env["ir.config_parameter"].sudo()
        today = fields.Date.context_today(env["res.users"])
        demo = Demo(env, today)
        with report_server(env), demo_mail_server(env):
            if not params.get_param(BUILT_KEY):
                started = time.monotonic()
                print(f"Building the demo data (today: {today})")
                demo.setup_company()
                demo.ensure_current_rates()
                partners = demo.create_customers()
                count = demo.create_invoices(partners)
                print(
                    f"  {demo.company.name}, {len(partners)} customers, "
                    f"{count} posted invoices ({time.monotonic() - started:.0f}s)"
                )
                first = today - timedelta(days=history_days)
                print(
                    f"  replaying the ladder day by day from {first} to "
                    f"{today - timedelta(days=1)} (decide, communicate, people)"
                )
                days, totals = demo.replay(first, today - timedelta(days=1))
                print(
                    f"  {days} days replayed: {totals['events']} communications, "
                    f"{totals['sent']} e-mails, {totals['printed']} letters, "
                    f"{totals['activities']} activities, {totals['failed']} failed "
                    f"({time.monotonic() - started:.0f}s)"
                )
                letter = demo.registered_letter(today)
                if letter:
                    print(
                        f"  registered electronic letter (demo provider) to "
                        f"{letter.partner_id.name}: {letter.state}, deposited on "
                        f"{letter.lrar_sent_date}, received on {letter.ar_date}, "
                        f"proofs {letter.deposit_proof_id.name!r} and "
                        f"{letter.ar_attachment_id.name!r}"
                    )
                promise = demo.portal_promise(today)
                if promise:
                    print(
                        f"  promise made yesterday on the payment page by "
                        f"{promise.partner_id.name}: {promise.amount:.2f} on "
                        f"{promise.date}, to review in Ma journée"
                    )
                params.set_param(BUILT_KEY, fields.Date.to_string(today))
                params.set_param(LAST_RUN_KEY, fields.Date.to_string(today))
                cr.commit()
            else:
                print(
                    f"Reusing the demo data built on {params.get_param(BUILT_KEY)} "
                    "(--reset to build it again)"
                )
                demo.user = demo.company.recovery_user_id
                demo.speak_french()
                for index, spec in enumerate(CUSTOMERS):
                    partner = env["res.partner"].search(
                        [("name", "=", spec["name"]), ("parent_id", "=", False)],
                        limit=1,
                    )
                    demo.invoices[index] = env["account.move"].search(
                        [
                            ("partner_id", "=", partner.id),
                            ("move_type", "=", "out_invoice"),
                        ]
                    )
                last = fields.Date.to_date(params.get_param(LAST_RUN_KEY)) or today
                if last < today - timedelta(days=1):
                    # The days since the last run, as the cron would have run them.
                    print(f"Replaying the days from {last + timedelta(days=1)}")
                    demo.replay(last + timedelta(days=1), today - timedelta(days=1))
                params.set_param(LAST_RUN_KEY, fields.Date.to_string(today))
                demo.ensure_current_rates()
                cr.commit()
            # Today: the nightly crons' own methods (escalate, then every
            # batch of the communicate cron at once).
            started = time.monotonic()
            engine = env["recovery.engine"].with_context(
                allowed_company_ids=env["res.company"].search([]).ids
            )
            # The promises and plans due are checked first, as every night.
            env["recovery.promise"]._cron_check_promises()
            env["recovery.plan"]._cron_check_plans()
            decided = engine._cron_escalate()
            sent = engine._for_company(demo.company)._communicate()
            env["mail.mail"].sudo().process_email_queue()
            print(f"Escalation of today done in {time.monotonic() - started:.1f}s")
            env.invalidate_all()
        print_summary(env, demo.company, today, decided, sent)
        cr.commit()
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("command", choices=("status", "drop", "run"))
    parser.add_argument("--history-days", type=int, default=120)
    args = parser.parse_args()

    sys.stdout.reconfigure(line_buffering=True)
    odoo.tools.config.parse_config(
        [
            "-c",
            args.config,
            "-d",
            args.database,
            "--log-level=warn",
            # wkhtmltopdf without patched Qt warns at every document.
            "--log-handler=odoo.addons.base.models.ir_actions_report:ERROR",
        ],
        setup_logging=True,
    )
    if args.command == "status":
        status = db_status(args.database)
        if status is None:
            return 1
        print(status)
        return 0
    if args.command == "drop":
        db_drop(args.database)
        return 0
    try:
        return run(args.database, args.history_days)
    except KeyboardInterrupt:
        print("\ninterrupted: the demo data was not saved", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
