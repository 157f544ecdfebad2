# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from recouvrement_core import dossier


def test_nothing_missing():
    assert dossier.missing_pieces(True, True, True) == ()


def test_each_missing_piece_with_its_article():
    assert dossier.missing_pieces(False, False, False) == (
        ("ar_scan_missing", {"article": "1344 C. civ."}),
        ("contract_missing", {"article": "L441-1 C. com."}),
        ("delivery_proof_missing", {"article": "1353 C. civ."}),
    )
    assert dossier.missing_pieces(True, False, True) == (
        ("contract_missing", {"article": "L441-1 C. com."}),
    )
