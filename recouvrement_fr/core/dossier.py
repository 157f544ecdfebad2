# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The recovery dossier for the commissaire de justice or the lawyer.

Plain data in, one ZIP file out: the pieces (bordereau, invoices, letters,
e-mails, formal notice and its AR...), ``chronologie.csv`` and
``decompte.csv`` (UTF-8, ``;``-separated) and ``manifest.xml``, which lists
every file with its role, size and SHA-256 so that the recipient can check
that nothing was altered. :func:`verify_dossier` does that check.

This module builds the CSV files and the ZIP file; the manifest, its XSD and
the check live in :mod:`.dossier_manifest`, whose names it re-exports.
"""

import csv
import io
import posixpath
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

from .dossier_manifest import (
    MANIFEST_NAME,
    MANIFEST_XSD,
    NAMESPACE,
    PARTY_FIELDS,
    ROLES,
    TOTAL_FIELDS,
    DossierError,
    Piece,
    Verification,
    build_manifest,
    format_amount,
    manifest_schema,
    sha256,
    verify_dossier,
)

__all__ = [
    "CHRONOLOGY_COLUMNS",
    "CHRONOLOGY_NAME",
    "DECOMPTE_AMOUNTS",
    "DECOMPTE_COLUMNS",
    "DECOMPTE_NAME",
    "MANIFEST_NAME",
    "MANIFEST_XSD",
    "NAMESPACE",
    "PARTY_FIELDS",
    "ROLES",
    "TOTAL_FIELDS",
    "DossierError",
    "Piece",
    "Verification",
    "build_csv",
    "build_dossier",
    "build_manifest",
    "chronology_csv",
    "decompte_csv",
    "format_amount",
    "manifest_schema",
    "missing_pieces",
    "read_csv",
    "safe_filename",
    "sha256",
    "unique_pieces",
    "verify_dossier",
]

CHRONOLOGY_NAME = "chronologie.csv"
DECOMPTE_NAME = "decompte.csv"
CHRONOLOGY_COLUMNS = (
    "date",
    "kind",
    "reference",
    "description",
    "amount",
    "currency",
    "file",
)
DECOMPTE_COLUMNS = (
    "invoice",
    "invoice_date",
    "due_date",
    "amount_total",
    "payments",
    "principal",
    "penalty",
    "indemnity",
    "interest",
    "total",
    "prescription_date",
)
DECOMPTE_AMOUNTS = (
    "amount_total",
    "payments",
    "principal",
    "penalty",
    "indemnity",
    "interest",
    "total",
)


# The pieces a judge or a commissaire de justice asks for, missing from the
# dossier: said to the user before the export (never a block).
AR_SCAN_MISSING = "ar_scan_missing"
CONTRACT_MISSING = "contract_missing"
DELIVERY_PROOF_MISSING = "delivery_proof_missing"


def missing_pieces(ar_scan, contract, delivery_proof):
    """The pieces missing from the dossier, as ``(code, {"article": ...})``.

    - the scanned acknowledgement of receipt of the formal notice: it proves
      the notice reached the debtor, and the date from which interest runs
      (C. civ. 1344, 1231-6);
    - the contract, the order, the quote or the general terms of sale: they
      prove the agreed price and the penalty clause (C. com. L441-1, L441-10);
    - a proof of delivery or of the service rendered: the creditor must prove
      the obligation it relies on (C. civ. 1353).
    """
    checks = (
        (ar_scan, AR_SCAN_MISSING, "1344 C. civ."),
        (contract, CONTRACT_MISSING, "L441-1 C. com."),
        (delivery_proof, DELIVERY_PROOF_MISSING, "1353 C. civ."),
    )
    return tuple(
        (code, {"article": article}) for has, code, article in checks if not has
    )


_UNSAFE = re.compile(r'[\x00-\x1f<>:"\\|?*]+')


def safe_filename(name):
    """A portable file name: no control or reserved character, no dot-dot."""
    name = _UNSAFE.sub("_", str(name or "")).strip().strip(".") or "file"
    return name.replace("/", "_")[:150]


def _check_path(path):
    parts = path.split("/")
    if (
        not path
        or path.startswith("/")
        or "\\" in path
        or any(part in ("", ".", "..") for part in parts)
        or path == MANIFEST_NAME
    ):
        raise DossierError(f"invalid file name in the dossier: {path!r}")


def unique_pieces(pieces):
    """Pieces with unique paths: ``a.pdf``, ``a (2).pdf``..."""
    seen = set()
    result = []
    for piece in pieces:
        _check_path(piece.filename)
        if piece.role not in ROLES:
            raise DossierError(f"unknown role {piece.role!r}")
        path = piece.filename
        stem, ext = posixpath.splitext(path)
        counter = 2
        while path.lower() in seen:
            path = f"{stem} ({counter}){ext}"
            counter += 1
        seen.add(path.lower())
        if path != piece.filename:
            piece = Piece(
                path, piece.role, piece.content, piece.description, piece.date
            )
        result.append(piece)
    return result


def _format_cell(value, decimal_comma):
    if value is None or value is False:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float | Decimal | int) and not isinstance(value, bool):
        return format_amount(value, decimal_comma)
    return str(value)


def build_csv(columns, rows, decimal_comma=False, headers=None):
    """UTF-8, ``;``-separated CSV bytes with a header line.

    ``rows`` are dicts keyed by ``columns``; dates are ISO, numbers have two
    decimals and a comma as decimal separator if ``decimal_comma``. The header
    line names each column by its label in ``headers`` (column -> label, in
    the reader's language), else by its key.
    """
    headers = headers or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([headers.get(column, column) for column in columns])
    for row in rows:
        writer.writerow(
            [_format_cell(row.get(column), decimal_comma) for column in columns]
        )
    return buffer.getvalue().encode("utf-8")


def chronology_csv(rows, decimal_comma=False, headers=None):
    """``chronologie.csv``: one line per event, payment or amount, by date."""
    rows = sorted(rows, key=lambda row: (str(row.get("date") or ""),))
    return build_csv(CHRONOLOGY_COLUMNS, rows, decimal_comma, headers)


def decompte_csv(rows, totals=None, decimal_comma=False, headers=None):
    """``decompte.csv``: one line per invoice and a last ``TOTAL`` line."""
    rows = list(rows)
    if totals:
        rows.append(
            dict(
                {key: totals.get(key) for key in DECOMPTE_AMOUNTS if key in totals},
                invoice="TOTAL",
            )
        )
    return build_csv(DECOMPTE_COLUMNS, rows, decimal_comma, headers)


def build_dossier(
    pieces,
    creditor,
    debtor,
    totals,
    export_date,
    user,
    reference,
    chronology=(),
    decompte=(),
    version=1,
    currency="EUR",
    decimal_comma=False,
    recipient=None,
    headers=None,
    descriptions=None,
):
    """Build the dossier; return ``(zip bytes, list of the Pieces it holds)``.

    ``chronology`` rows are dicts keyed by :data:`CHRONOLOGY_COLUMNS`,
    ``decompte`` rows by :data:`DECOMPTE_COLUMNS`; the two CSV files and
    ``manifest.xml`` are added to ``pieces``. ``headers`` are the labels of
    the CSV columns (see :func:`build_csv`), ``descriptions`` those of the two
    CSV files in the manifest (by role: ``chronology``, ``decompte``), both in
    the reader's language.
    """
    totals_date = export_date.date() if isinstance(export_date, datetime) else None
    pieces = unique_pieces(
        list(pieces)
        + _csv_pieces(
            chronology, decompte, totals, decimal_comma, headers, descriptions
        )
    )
    manifest = build_manifest(
        pieces,
        creditor,
        debtor,
        totals,
        export_date,
        user,
        reference,
        version=version,
        currency=currency,
        totals_date=totals_date,
        recipient=recipient,
    )
    return _write_zip(manifest, pieces, export_date), pieces


def _csv_pieces(chronology, decompte, totals, decimal_comma, headers, descriptions):
    """The two CSV pieces of the dossier: ``chronologie.csv``, ``decompte.csv``."""
    descriptions = {
        "chronology": "Chronology of events, payments and amounts",
        "decompte": "Account of the sums due",
        **(descriptions or {}),
    }
    return [
        Piece(
            CHRONOLOGY_NAME,
            "chronology",
            chronology_csv(chronology, decimal_comma, headers),
            descriptions["chronology"],
        ),
        Piece(
            DECOMPTE_NAME,
            "decompte",
            decompte_csv(decompte, totals, decimal_comma, headers),
            descriptions["decompte"],
        ),
    ]


def _zip_stamp(export_date):
    """The ZIP entries' date-time tuple: the export date, not before 1980."""
    stamp = export_date if isinstance(export_date, datetime) else None
    stamp = (stamp or datetime.combine(export_date, datetime.min.time())).timetuple()[
        :6
    ]
    return max(stamp, (1980, 1, 1, 0, 0, 0))


def _write_zip(manifest, pieces, export_date):
    """ZIP bytes: ``manifest.xml`` then ``pieces``, deflated, dated the export."""
    stamp = _zip_stamp(export_date)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for piece in [Piece(MANIFEST_NAME, "other", manifest)] + pieces:
            info = zipfile.ZipInfo(piece.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, piece.content)
    return buffer.getvalue()


def read_csv(content):
    """Rows (lists of strings) of a dossier CSV file, header first."""
    return list(csv.reader(io.StringIO(content.decode("utf-8")), delimiter=";"))
