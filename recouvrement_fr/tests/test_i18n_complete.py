# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open
from odoo.tools.translate import PoFileReader, TranslationModuleReader


@tagged("post_install", "-at_install")
class TestI18nComplete(TransactionCase):
    """Rien d'anglais à l'écran d'un utilisateur français : chaque terme que
    le module fait lire (libellés des champs et des sélections, vues, menus,
    rapports, modèles d'e-mails, messages du code Python et JavaScript) a sa
    traduction française, lue comme Odoo l'exporte de la base installée —
    pas seulement ce que le fichier .pot du dépôt en dit."""

    def test_every_term_of_the_add_on_reads_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["recouvrement_fr"], ["fr_FR"])
        reader = TranslationModuleReader(
            self.env.cr, modules=["recouvrement_fr"], lang="fr_FR"
        )
        # A word the same in both languages ("Date", "SIRET") is translated
        # as itself in fr.po; Odoo then stores no separate French value.
        with file_open("recouvrement_fr/i18n/fr.po", "rb") as po:
            same = {
                entry["src"]
                for entry in PoFileReader(po)
                if entry["value"] and entry["value"] == entry["src"]
            }
        missing = sorted(
            {
                f"{kind} {name}: {source!r}"
                for _module, kind, name, _res_id, source, value, _comments in reader
                if source
                and source.strip()
                and not (value or "").strip()
                and source not in same
            }
        )
        self.assertFalse(
            missing,
            f"{len(missing)} terms without French translation:\n"
            + "\n".join(missing[:40]),
        )
