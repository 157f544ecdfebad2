# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Static checks of the XML files: well formed, Odoo 18 view syntax, naming
of view ids, QWeb directives."""

import re
from collections import Counter

import pytest
from addon_files import (
    addon_files,
    parse_xml,
    record_field,
    rel,
    view_records,
    xml_data_files,
)
from lxml import etree

ALL_XML = addon_files("**/*.xml")
VIEW_TYPES = (
    "form",
    "list",
    "search",
    "kanban",
    "pivot",
    "graph",
    "calendar",
    "activity",
    "gantt",
    "map",
    "cohort",
    "hierarchy",
)


def test_there_are_xml_files():
    assert xml_data_files(), "no XML data file in the add-on"
    assert list(view_records()), "no ir.ui.view record in the add-on"


@pytest.mark.parametrize("path", ALL_XML, ids=[rel(p) for p in ALL_XML])
def test_xml_parses(path):
    try:
        parse_xml(path)
    except etree.XMLSyntaxError as error:
        pytest.fail(f"{rel(path)}: {error}")


def test_data_files_have_an_odoo_root():
    wrong = [
        rel(path)
        for path in xml_data_files()
        if parse_xml(path).getroot().tag != "odoo"
    ]
    assert not wrong, f"data files whose root is not <odoo>: {wrong}"


def _elements(tree):
    return (el for el in tree.iter() if isinstance(el.tag, str))


def test_no_tree_views():
    """Odoo 18 renamed <tree> to <list>, and view_mode 'tree' to 'list'."""
    offenders = []
    for path in xml_data_files():
        for el in _elements(parse_xml(path)):
            if el.tag == "tree":
                offenders.append(f"{rel(path)}:{el.sourceline} <tree>")
            if el.tag == "field" and el.get("name") == "view_mode":
                modes = (el.text or "").replace(" ", "").split(",")
                if "tree" in modes:
                    offenders.append(f"{rel(path)}:{el.sourceline} view_mode tree")
            if el.tag == "field" and el.get("name") == "view_type":
                offenders.append(f"{rel(path)}:{el.sourceline} view_type (removed)")
    assert not offenders, "use <list> / 'list':\n" + "\n".join(offenders)


def test_no_attrs_nor_states():
    """Odoo 17+ removed attrs= and states=; use invisible/readonly/required
    Python expressions."""
    offenders = [
        f"{rel(path)}:{el.sourceline} <{el.tag} {attr}=...>"
        for path in xml_data_files()
        for el in _elements(parse_xml(path))
        for attr in ("attrs", "states")
        if attr in el.attrib
    ]
    assert not offenders, "\n".join(offenders)


def test_record_ids_are_unique():
    ids = Counter(
        el.get("id")
        for path in xml_data_files()
        for el in _elements(parse_xml(path))
        if el.tag in ("record", "template", "menuitem") and el.get("id")
    )
    duplicates = sorted(xmlid for xmlid, count in ids.items() if count > 1)
    assert not duplicates, f"XML ids defined twice: {duplicates}"


def _arch_root(record):
    arch = record_field(record, "arch")
    if arch is None:
        return None
    return next((child for child in arch if isinstance(child.tag, str)), None)


def test_view_ids_follow_the_naming_convention():
    """New views: ``<model>_view_<type>`` (dots of the model as underscores),
    optionally followed by ``_<qualifier>``. Inherited views keep the id of
    the view they extend."""
    offenders = []
    for path, record in view_records():
        xmlid = record.get("id")
        where = f"{rel(path)}:{record.sourceline} {xmlid}"
        inherit = record_field(record, "inherit_id")
        mode = record_field(record, "mode")
        is_extension = inherit is not None and (
            mode is None or (mode.text or "").strip() != "primary"
        )
        if is_extension:
            parent = (inherit.get("ref") or "").split(".")[-1]
            if xmlid != parent:
                offenders.append(f"{where}: inherits {parent!r}, keep its id")
            continue
        model = record_field(record, "model")
        if model is None or not (model.text or "").strip():
            offenders.append(f"{where}: no model field")
            continue
        root = _arch_root(record)
        view_type = root.tag if root is not None else None
        if view_type not in VIEW_TYPES:
            offenders.append(f"{where}: unknown view type {view_type!r}")
            continue
        prefix = model.text.strip().replace(".", "_") + "_view_" + view_type
        if not re.fullmatch(re.escape(prefix) + r"(_[a-z0-9_]+)?", xmlid):
            offenders.append(f"{where}: expected {prefix}[_qualifier]")
    assert not offenders, "\n".join(offenders)


# --- QWeb ------------------------------------------------------------------

DIRECTIVES = {
    "t-if",
    "t-elif",
    "t-else",
    "t-foreach",
    "t-as",
    "t-out",
    "t-field",
    "t-options",
    "t-call",
    "t-set",
    "t-value",
    "t-valuef",
    "t-att",
    "t-name",
    "t-lang",
    "t-translation",
    "t-key",
    "t-tag",
    "t-ignore",
    "t-groups",
    "t-inherit",
    "t-inherit-mode",
    "t-call-assets",
    "t-cache",
    "t-nocache",
    "t-slot",
    "t-props",
    "t-ref",
    "t-component",
    "t-portal",
    "t-debug",
    "t-log",
    "t-js",
    "t-css",
    "t-async",
    "t-model",
}
DEPRECATED = {"t-esc": "t-out", "t-raw": "t-out (with markupsafe.Markup)"}
PREFIXES = ("t-att-", "t-attf-", "t-options-", "t-on-", "t-custom-")
# Directives whose value is a (Python, server side) expression.
EXPRESSIONS = {"t-if", "t-elif", "t-foreach", "t-out", "t-value", "t-att", "t-lang"}
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}|#\{(.*?)\}", re.S)
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
# Directives that may be written without a value.
NO_VALUE = {"t-else", "t-translation", "t-ignore"}


def _server_qweb_roots():
    """Server-side QWeb: <template> elements, mail templates' html bodies and
    report arches. Their expressions are Python."""
    for path in xml_data_files():
        root = parse_xml(path).getroot()
        for template in root.iter("template"):
            yield path, template
        for record in root.iter("record"):
            if record.get("model") == "mail.template":
                body = record_field(record, "body_html")
                if body is not None:
                    yield path, body
            if record.get("model") == "ir.ui.view":
                view_type = record_field(record, "type")
                if view_type is not None and view_type.text == "qweb":
                    yield path, record_field(record, "arch")


def _all_qweb_elements():
    """Every element with a t-* attribute, in all XML files (views included,
    whose kanban templates are client-side QWeb)."""
    for path in ALL_XML:
        for el in _elements(parse_xml(path)):
            if any(name.startswith("t-") for name in el.attrib):
                yield path, el


def _compile(expr, where, errors):
    try:
        compile(expr.strip(), where, "eval")
    except SyntaxError as error:
        errors.append(f"{where}: {expr.strip()!r}: {error.msg}")


def test_qweb_templates_exist():
    assert list(_server_qweb_roots()), "no QWeb template (report or mail)"


def _check_directive_names(el, where, errors):
    for name, value in el.attrib.items():
        if not name.startswith("t-"):
            continue
        if name in DEPRECATED:
            errors.append(f"{where}: {name} is deprecated, use {DEPRECATED[name]}")
        elif name not in DIRECTIVES and not name.startswith(PREFIXES):
            errors.append(f"{where}: unknown directive {name}")
        if name not in NO_VALUE and not (value or "").strip():
            errors.append(f"{where}: empty {name}")


def _check_directive_pairs(el, where, errors):
    attrs = el.attrib
    if "t-foreach" in attrs and "t-as" not in attrs:
        errors.append(f"{where}: t-foreach without t-as")
    if "t-as" in attrs and "t-foreach" not in attrs:
        errors.append(f"{where}: t-as without t-foreach")
    for name in ("t-as", "t-set"):
        if name in attrs and not IDENTIFIER.fullmatch(attrs[name]):
            errors.append(f"{where}: {name} {attrs[name]!r} is not a name")
    if "t-value" in attrs and "t-set" not in attrs:
        errors.append(f"{where}: t-value without t-set")
    if "t-field" in attrs and "." not in attrs["t-field"]:
        errors.append(f"{where}: t-field must be record.field")


def _check_conditional_chain(el, where, errors):
    conditions = {"t-if", "t-elif", "t-else"} & set(el.attrib)
    if len(conditions) > 1:
        errors.append(f"{where}: several of t-if/t-elif/t-else")
    if conditions - {"t-if"}:
        previous = el.getprevious()
        while previous is not None and not isinstance(previous.tag, str):
            previous = previous.getprevious()  # skip comments
        if previous is None or not {"t-if", "t-elif"} & set(previous.attrib):
            errors.append(f"{where}: t-elif/t-else must follow a t-if/t-elif")


def test_qweb_directives_are_known_and_well_formed():
    errors = []
    for path, el in _all_qweb_elements():
        where = f"{rel(path)}:{el.sourceline}"
        _check_directive_names(el, where, errors)
        _check_directive_pairs(el, where, errors)
        _check_conditional_chain(el, where, errors)
    assert not errors, "\n".join(errors)


def test_server_qweb_expressions_compile():
    """Server-side QWeb expressions are Python: a typo only shows when the
    report or the e-mail is rendered. Compile them all here."""
    errors = []
    seen = set()
    for path, root in _server_qweb_roots():
        for el in _elements(root):
            if id(el) in seen:
                continue
            seen.add(id(el))
            where = f"{rel(path)}:{el.sourceline}"
            for name, value in el.attrib.items():
                if name in EXPRESSIONS or name.startswith(("t-att-", "t-options-")):
                    _compile(value, f"{where} {name}", errors)
                elif name == "t-field":
                    _compile(value, f"{where} {name}", errors)
                elif name == "t-options":
                    _compile(value, f"{where} {name}", errors)
                elif name.startswith("t-attf-") or name == "t-valuef":
                    for match in PLACEHOLDER.finditer(value):
                        expr = match.group(1) or match.group(2)
                        _compile(expr, f"{where} {name}", errors)
    assert not errors, "\n".join(errors)


def test_mail_template_inline_expressions_compile():
    """{{ ... }} in mail template subject/email_from/partner_to/lang fields."""
    errors = []
    for path in xml_data_files():
        for record in parse_xml(path).getroot().iter("record"):
            if record.get("model") != "mail.template":
                continue
            for field in record.iterfind("field"):
                if field.get("name") == "body_html" or field.get("type") == "xml":
                    continue
                text = field.text or ""
                if text.count("{{") != text.count("}}"):
                    errors.append(f"{rel(path)}:{field.sourceline}: unbalanced braces")
                for match in PLACEHOLDER.finditer(text):
                    if match.group(1) is not None:
                        _compile(
                            match.group(1),
                            f"{rel(path)}:{field.sourceline} {field.get('name')}",
                            errors,
                        )
    assert not errors, "\n".join(errors)
