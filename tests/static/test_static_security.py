# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Static checks of access rights and record rules."""

import csv

import pytest
from addon_files import (
    ADDON_DIR,
    model_classes,
    parse_xml,
    record_field,
    rel,
    xml_data_files,
)

ACCESS_CSV = ADDON_DIR / "security" / "ir.model.access.csv"
HEADER = [
    "id",
    "name",
    "model_id:id",
    "group_id:id",
    "perm_read",
    "perm_write",
    "perm_create",
    "perm_unlink",
]


def _access_rows():
    with ACCESS_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _new_models():
    return [m for m in model_classes() if m.is_new_model and not m.is_abstract]


def test_models_are_found():
    assert _new_models(), "no model defined (_name) in models/ or wizards/"


def test_access_csv_exists_and_has_the_odoo_header():
    assert ACCESS_CSV.is_file(), "security/ir.model.access.csv is missing"
    rows = _access_rows()
    assert rows and rows[0] == HEADER, f"header must be {','.join(HEADER)}"
    assert len(rows) > 1, "ir.model.access.csv has no access row"


def test_access_rows_are_well_formed():
    rows = _access_rows()[1:]
    errors = []
    ids = set()
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        if len(row) != len(HEADER):
            errors.append(f"line {number}: {len(row)} columns, expected 8")
            continue
        if row[0] in ids:
            errors.append(f"line {number}: duplicate id {row[0]}")
        ids.add(row[0])
        if not row[2].split(".")[-1].startswith("model_"):
            errors.append(f"line {number}: model_id:id {row[2]!r} is no model_*")
        if any(flag not in ("0", "1") for flag in row[4:]):
            errors.append(f"line {number}: permissions must be 0 or 1")
    assert not errors, "\n".join(errors)


def test_every_model_has_an_access_row():
    """A model without access row is unusable for everybody but the
    superuser, and Odoo only logs a warning about it."""
    covered = {row[2].split(".")[-1] for row in _access_rows()[1:] if len(row) > 2}
    missing = [m for m in _new_models() if m.xmlid not in covered]
    assert not missing, f"models without access rights: {missing}"


def test_every_access_row_refers_to_a_known_model():
    """Rows of this add-on's models must match a model defined here (rows of
    other add-ons' models are written module.model_x)."""
    ours = {m.xmlid for m in model_classes() if m.name}
    unknown = [
        row[2]
        for row in _access_rows()[1:]
        if len(row) > 2 and "." not in row[2] and row[2] not in ours
    ]
    assert not unknown, f"access rows on unknown models: {unknown}"


def _rules_by_model():
    rules = {}
    for path in xml_data_files():
        for record in parse_xml(path).getroot().iter("record"):
            if record.get("model") != "ir.rule":
                continue
            model = record_field(record, "model_id")
            if model is not None and model.get("ref"):
                rules.setdefault(model.get("ref").split(".")[-1], []).append(
                    f"{rel(path)}:{record.get('id')}"
                )
    return rules


@pytest.mark.parametrize(
    "model",
    [m for m in model_classes() if m.is_new_model and not m.is_abstract],
    ids=lambda m: m.name,
)
def test_company_models_have_a_company_rule(model):
    """Multi-company by construction: a persistent model with a company_id
    field gets an ir.rule (``<model>_rule_company``)."""
    if model.is_transient or "company_id" not in model.fields:
        pytest.skip(f"{model.name}: no company_id field, or transient")
    assert model.xmlid in _rules_by_model(), (
        f"{model.name} has company_id but no ir.rule on {model.xmlid}"
    )
