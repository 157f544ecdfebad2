# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from lxml import etree
from recouvrement_core import dossier

EXPORT = datetime(2026, 3, 2, 14, 30, 5)
CREDITOR = {
    "name": "Société Créancière SAS",
    "siren": "552081317",
    "siret": "55208131766522",
    "vat": "FR40552081317",
    "street": "12 rue de la République",
    "zip": "69002",
    "city": "Lyon",
    "country": "France",
    "email": "compta@creanciere.example",
}
DEBTOR = {"name": "Dupont & Fils SA", "siret": "73282932000074", "city": "Paris"}
TOTALS = {
    "principal": Decimal("1500.00"),
    "penalty": Decimal("37.21"),
    "indemnity": Decimal("40"),
    "interest": 0,
    "payments": Decimal("500"),
    "total": Decimal("1577.21"),
}
CHRONOLOGY = [
    {
        "date": date(2026, 1, 20),
        "kind": "mise_en_demeure",
        "reference": "LRAR 1A23456789012",
        "description": "Mise en demeure",
        "amount": Decimal("1500"),
        "currency": "EUR",
        "file": "03_courriers/mise_en_demeure.pdf",
    },
    {
        "date": date(2025, 11, 1),
        "kind": "invoice",
        "reference": "INV/2025/0001",
        "description": "Invoice",
        "amount": 2000.0,
        "currency": "EUR",
    },
    {
        "date": date(2025, 12, 5),
        "kind": "payment",
        "reference": "PAY/1",
        "description": "Payment; partial",
        "amount": Decimal("-500"),
        "currency": "EUR",
    },
]
DECOMPTE = [
    {
        "invoice": "INV/2025/0001",
        "invoice_date": date(2025, 11, 1),
        "due_date": date(2025, 12, 1),
        "amount_total": Decimal("2000"),
        "payments": Decimal("500"),
        "principal": Decimal("1500"),
        "penalty": Decimal("37.21"),
        "indemnity": Decimal("40"),
        "interest": Decimal("0"),
        "total": Decimal("1577.21"),
        "prescription_date": date(2030, 12, 1),
    }
]


def pieces():
    return [
        dossier.Piece("00_bordereau.pdf", "bordereau", b"%PDF-1.4 bordereau"),
        dossier.Piece(
            "01_factures/INV_2025_0001.pdf",
            "invoice",
            b"%PDF-1.4 invoice",
            "Invoice INV/2025/0001",
            date(2025, 11, 1),
        ),
        dossier.Piece("03_courriers/mise_en_demeure.pdf", "mise_en_demeure", b"MED"),
        dossier.Piece("03_courriers/mise_en_demeure.pdf", "lrar_proof", b"AR scan"),
    ]


def build(**kwargs):
    values = {
        "pieces": pieces(),
        "creditor": CREDITOR,
        "debtor": DEBTOR,
        "totals": TOTALS,
        "export_date": EXPORT,
        "user": "Claire Durand",
        "reference": "DOSSIER-1",
        "chronology": CHRONOLOGY,
        "decompte": DECOMPTE,
        "version": 2,
    }
    values.update(kwargs)
    return dossier.build_dossier(**values)


def zip_files(zip_bytes):
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_holds_pieces_csv_and_manifest():
    zip_bytes, listed = build()
    files = zip_files(zip_bytes)
    assert set(files) == {
        "manifest.xml",
        "00_bordereau.pdf",
        "01_factures/INV_2025_0001.pdf",
        "03_courriers/mise_en_demeure.pdf",
        "03_courriers/mise_en_demeure (2).pdf",
        "chronologie.csv",
        "decompte.csv",
    }
    assert [piece.filename for piece in listed] == [
        name for name in files if name != "manifest.xml"
    ]
    assert files["03_courriers/mise_en_demeure (2).pdf"] == b"AR scan"


def test_manifest_follows_schema_and_lists_checksums():
    zip_bytes, listed = build()
    manifest = etree.fromstring(zip_files(zip_bytes)["manifest.xml"])
    schema = dossier.manifest_schema()
    assert schema.validate(manifest), schema.error_log
    ns = {"d": dossier.NAMESPACE}
    nodes = manifest.findall("d:files/d:file", ns)
    assert len(nodes) == len(listed) == 6
    files = zip_files(zip_bytes)
    for node in nodes:
        content = files[node.get("name")]
        assert node.get("sha256") == hashlib.sha256(content).hexdigest()
        assert int(node.get("size")) == len(content)
    roles = {node.get("name"): node.get("role") for node in nodes}
    assert roles["00_bordereau.pdf"] == "bordereau"
    assert roles["chronologie.csv"] == "chronology"
    assert roles["decompte.csv"] == "decompte"
    export = manifest.find("d:export", ns)
    assert export.attrib == {
        "date": "2026-03-02T14:30:05",
        "user": "Claire Durand",
        "version": "2",
    }
    assert manifest.findtext("d:creditor/d:siret", namespaces=ns) == "55208131766522"
    assert manifest.findtext("d:debtor/d:name", namespaces=ns) == "Dupont & Fils SA"
    assert manifest.find("d:debtor/d:vat", ns) is None
    assert manifest.findtext("d:totals/d:total", namespaces=ns) == "1577.21"
    assert manifest.findtext("d:totals/d:indemnity", namespaces=ns) == "40.00"
    assert manifest.find("d:totals", ns).get("date") == "2026-03-02"


def test_verify_accepts_an_intact_dossier():
    zip_bytes, _listed = build()
    result = dossier.verify_dossier(zip_bytes)
    assert result.ok, result.errors
    assert len(result.files) == 6
    assert result.manifest["reference"] == "DOSSIER-1"
    assert result.manifest["totals"]["total"] == Decimal("1577.21")
    assert result.manifest["export"]["user"] == "Claire Durand"


def test_verify_detects_altered_missing_and_unlisted_files():
    zip_bytes, _listed = build()
    files = zip_files(zip_bytes)
    altered = dict(files, **{"00_bordereau.pdf": b"%PDF-1.4 forged"})
    errors = dossier.verify_dossier(rezip(altered)).errors
    assert any("00_bordereau.pdf" in e and "SHA-256" in e for e in errors)
    assert any("00_bordereau.pdf" in e and "size" in e for e in errors)

    missing = {k: v for k, v in files.items() if k != "decompte.csv"}
    errors = dossier.verify_dossier(rezip(missing)).errors
    assert errors == ("decompte.csv: listed in the manifest but missing",)

    extra = dict(files, **{"extra.pdf": b"x"})
    errors = dossier.verify_dossier(rezip(extra)).errors
    assert errors == ("extra.pdf: not listed in the manifest",)


def test_verify_rejects_bad_zip_missing_or_invalid_manifest():
    assert not dossier.verify_dossier(b"not a zip").ok
    zip_bytes, _listed = build()
    files = zip_files(zip_bytes)
    no_manifest = {k: v for k, v in files.items() if k != "manifest.xml"}
    assert dossier.verify_dossier(rezip(no_manifest)).errors == (
        "manifest.xml is missing",
    )
    broken = dict(
        files,
        **{"manifest.xml": files["manifest.xml"].replace(b'format="1"', b'format="2"')},
    )
    errors = dossier.verify_dossier(rezip(broken)).errors
    assert errors and all("schema" in e for e in errors)
    assert dossier.verify_dossier(rezip(broken), check_schema=False).ok


def test_chronology_csv_columns_sorted_by_date():
    zip_bytes, _listed = build()
    content = zip_files(zip_bytes)["chronologie.csv"]
    content.decode("utf-8")  # UTF-8
    rows = dossier.read_csv(content)
    assert tuple(rows[0]) == dossier.CHRONOLOGY_COLUMNS
    assert [row[0] for row in rows[1:]] == ["2025-11-01", "2025-12-05", "2026-01-20"]
    assert rows[2][3] == "Payment; partial"  # the separator is quoted
    assert rows[2][4] == "-500.00"
    assert rows[1][6] == ""


def test_decompte_csv_with_total_line_and_decimal_comma():
    zip_bytes, _listed = build(decimal_comma=True)
    rows = dossier.read_csv(zip_files(zip_bytes)["decompte.csv"])
    assert tuple(rows[0]) == dossier.DECOMPTE_COLUMNS
    assert len(rows) == 3
    line = dict(zip(rows[0], rows[1], strict=True))
    assert line["penalty"] == "37,21"
    assert line["indemnity"] == "40,00"
    assert line["due_date"] == "2025-12-01"
    total = dict(zip(rows[0], rows[2], strict=True))
    assert total["invoice"] == "TOTAL"
    assert total["total"] == "1577,21"
    assert total["payments"] == "500,00"
    # The manifest keeps XML decimals whatever the CSV option.
    assert dossier.verify_dossier(zip_bytes).manifest["totals"]["penalty"] == (
        Decimal("37.21")
    )


def test_csv_is_utf8_semicolon_and_accents():
    content = dossier.chronology_csv(
        [{"date": date(2026, 1, 1), "description": "Relance n°1 – échue"}]
    )
    assert content.startswith(b"date;kind;reference;")
    assert "Relance n°1 – échue".encode() in content


@pytest.mark.parametrize(
    "name", ["../evil.pdf", "/abs.pdf", "a\\b.pdf", "manifest.xml", "", "a//b"]
)
def test_unsafe_names_are_refused(name):
    with pytest.raises(dossier.DossierError):
        build(pieces=[dossier.Piece(name, "other", b"x")])


def test_unknown_role_is_refused():
    with pytest.raises(dossier.DossierError):
        build(pieces=[dossier.Piece("a.pdf", "secret", b"x")])


def test_safe_filename():
    assert dossier.safe_filename("INV/2025/0001: Dupont?.pdf") == (
        "INV_2025_0001_ Dupont_.pdf"
    )
    assert dossier.safe_filename("..") == "file"
    assert dossier.safe_filename(None) == "file"


def test_zip_is_deterministic():
    assert build()[0] == build()[0]
    assert build()[0] != build(version=3)[0]


def test_export_date_only_and_empty_dossier():
    zip_bytes, listed = build(
        pieces=[], chronology=[], decompte=[], export_date=date(2026, 3, 2), totals={}
    )
    result = dossier.verify_dossier(zip_bytes)
    assert result.ok, result.errors
    assert [piece.filename for piece in listed] == ["chronologie.csv", "decompte.csv"]
    assert result.manifest["totals"]["total"] == Decimal("0.00")
    assert result.manifest["export"]["date"] == "2026-03-02T00:00:00"


def test_format_amount():
    assert dossier.format_amount(1234.5) == "1234.50"
    assert dossier.format_amount(Decimal("0.005")) == "0.01"
    assert dossier.format_amount(-3, decimal_comma=True) == "-3,00"
    assert dossier.format_amount(None) == ""


def test_csv_headers_and_descriptions_in_the_readers_language():
    """The header lines and the manifest's descriptions as the caller names
    them (a French reader: "Facture;Échéance"); the rows do not move."""
    headers = {"invoice": "Facture", "due_date": "Échéance", "date": "Date"}
    zip_bytes, listed = build(
        headers=headers,
        descriptions={"decompte": "Décompte des sommes dues"},
    )
    files = zip_files(zip_bytes)
    rows = dossier.read_csv(files["decompte.csv"])
    assert rows[0][:3] == ["Facture", "invoice_date", "Échéance"]
    assert rows[1][2] == "2025-12-01"
    assert dossier.read_csv(files["chronologie.csv"])[0][0] == "Date"
    by_role = {piece.role: piece.description for piece in listed}
    assert by_role["decompte"] == "Décompte des sommes dues"
    assert by_role["chronology"] == "Chronology of events, payments and amounts"
    assert b"D\xc3\xa9compte des sommes dues" in files["manifest.xml"]
    assert dossier.verify_dossier(zip_bytes).ok
