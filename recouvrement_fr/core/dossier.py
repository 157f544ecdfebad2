# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The recovery dossier for the commissaire de justice or the lawyer.

Plain data in, one ZIP file out: the pieces (bordereau, invoices, letters,
e-mails, formal notice and its AR...), ``chronologie.csv`` and
``decompte.csv`` (UTF-8, ``;``-separated) and ``manifest.xml``, which lists
every file with its role, size and SHA-256 so that the recipient can check
that nothing was altered. :func:`verify_dossier` does that check.
"""

import csv
import datetime as dt
import hashlib
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from lxml import etree

from ._util import cents, to_decimal

NAMESPACE = "urn:recouvrement-fr:dossier:1"
MANIFEST_NAME = "manifest.xml"
CHRONOLOGY_NAME = "chronologie.csv"
DECOMPTE_NAME = "decompte.csv"
ROLES = (
    "bordereau",
    "invoice",
    "reminder",
    "email",
    "mise_en_demeure",
    "lrar_proof",
    "payment_plan",
    "attachment",
    "chronology",
    "decompte",
    "other",
)
PARTY_FIELDS = (
    "name",
    "siren",
    "siret",
    "company_registry",
    "vat",
    "street",
    "street2",
    "zip",
    "city",
    "country",
    "email",
    "phone",
    "contact",
)
TOTAL_FIELDS = (
    "principal",
    "penalty",
    "indemnity",
    "interest",
    "payments",
    "total",
)
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

_ROLE_ENUM = "".join(f'<xs:enumeration value="{role}"/>' for role in ROLES)
_PARTY_ELEMENTS = "".join(
    f'<xs:element name="{name}" type="xs:string" minOccurs="0"/>'
    for name in PARTY_FIELDS[1:]
)
_TOTAL_ELEMENTS = "".join(
    f'<xs:element name="{name}" type="d:amount"/>' for name in TOTAL_FIELDS
)
MANIFEST_XSD = f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:d="{NAMESPACE}" targetNamespace="{NAMESPACE}"
           elementFormDefault="qualified">
  <xs:simpleType name="amount">
    <xs:restriction base="xs:decimal"><xs:fractionDigits value="2"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="sha256">
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9a-f]{{64}}"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="role">
    <xs:restriction base="xs:string">
      {_ROLE_ENUM}
    </xs:restriction>
  </xs:simpleType>
  <xs:complexType name="party">
    <xs:sequence>
      <xs:element name="name" type="xs:string"/>
      {_PARTY_ELEMENTS}
    </xs:sequence>
  </xs:complexType>
  <xs:element name="dossier">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="reference" type="xs:string"/>
        <xs:element name="export">
          <xs:complexType>
            <xs:attribute name="date" type="xs:dateTime" use="required"/>
            <xs:attribute name="user" type="xs:string" use="required"/>
            <xs:attribute name="version" type="xs:positiveInteger" use="required"/>
          </xs:complexType>
        </xs:element>
        <xs:element name="creditor" type="d:party"/>
        <xs:element name="debtor" type="d:party"/>
        <xs:element name="recipient" type="d:party" minOccurs="0"/>
        <xs:element name="totals">
          <xs:complexType>
            <xs:sequence>
              {_TOTAL_ELEMENTS}
            </xs:sequence>
            <xs:attribute name="currency" type="xs:string" use="required"/>
            <xs:attribute name="date" type="xs:date" use="required"/>
          </xs:complexType>
        </xs:element>
        <xs:element name="files">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="file" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:simpleContent>
                    <xs:extension base="xs:string">
                      <xs:attribute name="name" type="xs:string" use="required"/>
                      <xs:attribute name="role" type="d:role" use="required"/>
                      <xs:attribute name="size" type="xs:nonNegativeInteger"
                                    use="required"/>
                      <xs:attribute name="sha256" type="d:sha256" use="required"/>
                      <xs:attribute name="date" type="xs:date"/>
                    </xs:extension>
                  </xs:simpleContent>
                </xs:complexType>
              </xs:element>
            </xs:sequence>
          </xs:complexType>
          <xs:unique name="unique_file_name">
            <xs:selector xpath="d:file"/>
            <xs:field xpath="@name"/>
          </xs:unique>
        </xs:element>
      </xs:sequence>
      <xs:attribute name="format" type="xs:string" use="required" fixed="1"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
"""


class DossierError(ValueError):
    """Invalid input for a dossier (bad file name, unknown role...)."""


@dataclass(frozen=True)
class Piece:
    """One file of the dossier: its path in the ZIP, role and content."""

    filename: str
    role: str
    content: bytes
    description: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class Verification:
    """Outcome of :func:`verify_dossier`: ``ok`` when ``errors`` is empty."""

    errors: tuple = ()
    files: tuple = ()
    manifest: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.errors


def sha256(content):
    return hashlib.sha256(content).hexdigest()


def manifest_schema():
    """The XSD of ``manifest.xml`` as an :class:`lxml.etree.XMLSchema`."""
    return etree.XMLSchema(etree.fromstring(MANIFEST_XSD.encode()))


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


def format_amount(value, decimal_comma=False):
    """``1234.5`` -> ``"1234.50"`` (or ``"1234,50"``); empty for None."""
    if value is None or value == "":
        return ""
    text = str(cents(to_decimal(value)))
    return text.replace(".", ",") if decimal_comma else text


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


def _party(parent, tag, data):
    node = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}")
    for name in PARTY_FIELDS:
        value = (data or {}).get(name)
        if value or name == "name":
            etree.SubElement(node, f"{{{NAMESPACE}}}{name}").text = str(value or "")
    return node


def _iso_datetime(value):
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return datetime.combine(value, datetime.min.time()).isoformat()


def build_manifest(
    pieces,
    creditor,
    debtor,
    totals,
    export_date,
    user,
    reference,
    version=1,
    currency="EUR",
    totals_date=None,
    recipient=None,
):
    """``manifest.xml`` bytes listing ``pieces`` with their SHA-256 and size."""
    ns = NAMESPACE
    root = etree.Element(f"{{{ns}}}dossier", nsmap={None: ns}, format="1")
    etree.SubElement(root, f"{{{ns}}}reference").text = str(reference)
    etree.SubElement(
        root,
        f"{{{ns}}}export",
        date=_iso_datetime(export_date),
        user=str(user),
        version=str(int(version)),
    )
    _party(root, "creditor", creditor)
    _party(root, "debtor", debtor)
    if recipient:
        _party(root, "recipient", recipient)
    totals_date = totals_date or (
        export_date.date() if isinstance(export_date, datetime) else export_date
    )
    node = etree.SubElement(
        root,
        f"{{{ns}}}totals",
        currency=str(currency),
        date=totals_date.isoformat(),
    )
    for name in TOTAL_FIELDS:
        etree.SubElement(node, f"{{{ns}}}{name}").text = format_amount(
            (totals or {}).get(name) or 0
        )
    files = etree.SubElement(root, f"{{{ns}}}files")
    for piece in pieces:
        attrs = {
            "name": piece.filename,
            "role": piece.role,
            "size": str(len(piece.content)),
            "sha256": sha256(piece.content),
        }
        if piece.date:
            attrs["date"] = piece.date.isoformat()
        etree.SubElement(files, f"{{{ns}}}file", attrs).text = piece.description or ""
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


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
    descriptions = {
        "chronology": "Chronology of events, payments and amounts",
        "decompte": "Account of the sums due",
        **(descriptions or {}),
    }
    totals_date = export_date.date() if isinstance(export_date, datetime) else None
    pieces = list(pieces) + [
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
    pieces = unique_pieces(pieces)
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
    stamp = export_date if isinstance(export_date, datetime) else None
    stamp = (stamp or datetime.combine(export_date, datetime.min.time())).timetuple()[
        :6
    ]
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for piece in [Piece(MANIFEST_NAME, "other", manifest)] + pieces:
            info = zipfile.ZipInfo(piece.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, piece.content)
    return buffer.getvalue(), pieces


def read_csv(content):
    """Rows (lists of strings) of a dossier CSV file, header first."""
    return list(csv.reader(io.StringIO(content.decode("utf-8")), delimiter=";"))


def _decimal_or_none(text):
    try:
        return Decimal(text or "")
    except ArithmeticError:
        return None


def verify_dossier(zip_bytes, check_schema=True):
    """Check a dossier: every listed file present and unaltered, none unlisted.

    Returns a :class:`Verification`; ``files`` holds (name, role, size, sha256)
    of the listed files and ``manifest`` the reference, export and totals.
    """
    errors = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    except zipfile.BadZipFile as exc:
        return Verification(errors=(f"not a ZIP file: {exc}",))
    with archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        if MANIFEST_NAME not in names:
            return Verification(errors=("manifest.xml is missing",))
        try:
            root = etree.fromstring(
                archive.read(MANIFEST_NAME), etree.XMLParser(resolve_entities=False)
            )
        except etree.XMLSyntaxError as exc:
            return Verification(errors=(f"manifest.xml is not valid XML: {exc}",))
        if check_schema:
            schema = manifest_schema()
            if not schema.validate(root):
                errors += [
                    f"manifest.xml does not follow the schema: {error.message}"
                    for error in schema.error_log
                ]
        ns = {"d": NAMESPACE}
        files = []
        listed = set()
        for node in root.iterfind("d:files/d:file", ns):
            name = node.get("name") or ""
            listed.add(name)
            files.append((name, node.get("role"), node.get("size"), node.get("sha256")))
            if name not in names:
                errors.append(f"{name}: listed in the manifest but missing")
                continue
            content = archive.read(name)
            if str(len(content)) != node.get("size"):
                errors.append(f"{name}: size differs from the manifest")
            if sha256(content) != node.get("sha256"):
                errors.append(f"{name}: SHA-256 differs from the manifest")
        for name in names:
            if name != MANIFEST_NAME and name not in listed:
                errors.append(f"{name}: not listed in the manifest")
        if len(names) != len(set(names)):
            errors.append("the ZIP file holds the same name twice")
    export = root.find("d:export", ns)
    totals = root.find("d:totals", ns)
    manifest = {
        "reference": root.findtext("d:reference", namespaces=ns),
        "export": dict(export.attrib) if export is not None else {},
        "creditor": root.findtext("d:creditor/d:name", namespaces=ns),
        "debtor": root.findtext("d:debtor/d:name", namespaces=ns),
        "totals": {
            etree.QName(child).localname: _decimal_or_none(child.text)
            for child in (totals if totals is not None else ())
        },
    }
    return Verification(errors=tuple(errors), files=tuple(files), manifest=manifest)
