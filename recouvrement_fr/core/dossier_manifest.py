# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The manifest of the recovery dossier: ``manifest.xml``, its XSD and its check.

``manifest.xml`` lists every file of the dossier with its role, size and
SHA-256 so that the recipient can check that nothing was altered;
:func:`verify_dossier` does that check. :mod:`.dossier` builds the ZIP file
and re-exports the names of this module.
"""

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from lxml import etree

from ._util import cents, to_decimal

NAMESPACE = "urn:recouvrement-fr:dossier:1"
MANIFEST_NAME = "manifest.xml"
ROLES = (
    "bordereau",
    "covering_letter",
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
    """The SHA-256 of ``content`` (bytes), in lower-case hexadecimal."""
    return hashlib.sha256(content).hexdigest()


def manifest_schema():
    """The XSD of ``manifest.xml`` as an :class:`lxml.etree.XMLSchema`."""
    return etree.XMLSchema(etree.fromstring(MANIFEST_XSD.encode()))


def format_amount(value, decimal_comma=False):
    """``1234.5`` -> ``"1234.50"`` (or ``"1234,50"``); empty for None."""
    if value is None or value == "":
        return ""
    text = str(cents(to_decimal(value)))
    return text.replace(".", ",") if decimal_comma else text


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
    _totals(root, totals, currency, totals_date)
    _files(root, pieces)
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def _totals(parent, totals, currency, totals_date):
    """The ``totals`` element: one amount per :data:`TOTAL_FIELDS`, 0 if none."""
    ns = NAMESPACE
    node = etree.SubElement(
        parent,
        f"{{{ns}}}totals",
        currency=str(currency),
        date=totals_date.isoformat(),
    )
    for name in TOTAL_FIELDS:
        etree.SubElement(node, f"{{{ns}}}{name}").text = format_amount(
            (totals or {}).get(name) or 0
        )
    return node


def _files(parent, pieces):
    """The ``files`` element: name, role, size, SHA-256 and date of each piece."""
    ns = NAMESPACE
    files = etree.SubElement(parent, f"{{{ns}}}files")
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
    return files


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
            errors += _schema_errors(root)
        files, file_errors = _check_files(archive, root, names)
        errors += file_errors
    return Verification(
        errors=tuple(errors), files=tuple(files), manifest=_manifest_summary(root)
    )


def _schema_errors(root):
    """The messages of the XSD validation of the manifest, none if it is valid."""
    schema = manifest_schema()
    if schema.validate(root):
        return []
    return [
        f"manifest.xml does not follow the schema: {error.message}"
        for error in schema.error_log
    ]


def _check_files(archive, root, names):
    """``(files, errors)``: the listed files, and those missing, altered, unlisted.

    ``names`` are the names of the files in ``archive``.
    """
    ns = {"d": NAMESPACE}
    errors = []
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
    return files, errors


def _manifest_summary(root):
    """The reference, export, creditor, debtor and totals the manifest states."""
    ns = {"d": NAMESPACE}
    export = root.find("d:export", ns)
    totals = root.find("d:totals", ns)
    return {
        "reference": root.findtext("d:reference", namespaces=ns),
        "export": dict(export.attrib) if export is not None else {},
        "creditor": root.findtext("d:creditor/d:name", namespaces=ns),
        "debtor": root.findtext("d:debtor/d:name", namespaces=ns),
        "totals": {
            etree.QName(child).localname: _decimal_or_none(child.text)
            for child in (totals if totals is not None else ())
        },
    }
