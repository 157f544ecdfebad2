# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""data/recovery_rate_data.xml against the reference rates of the law notes."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from recouvrement_core import KINDS, RateTable, Semester, late_penalties

DATA_FILE = (
    Path(__file__).resolve().parents[2]
    / "recouvrement_fr"
    / "data"
    / "recovery_rate_data.xml"
)
XMLID = re.compile(
    r"^recovery_rate_(ecb|legal_individual|legal_other)_(\d{4})_(\d{2})_(\d{2})$"
)


@pytest.fixture(scope="module")
def records():
    root = ET.parse(DATA_FILE).getroot()
    assert root.tag == "odoo"
    assert root.get("noupdate") == "1"
    result = []
    for record in root.iter("record"):
        assert record.get("model") == "recovery.rate"
        fields = {
            field.get("name"): (field.text or "") for field in record.iter("field")
        }
        result.append((record.get("id"), fields))
    return result


def test_records_are_well_formed(records):
    ids = [xmlid for xmlid, _fields in records]
    assert len(ids) == len(set(ids))
    for xmlid, fields in records:
        assert set(fields) == {"kind", "date_from", "rate", "source"}, xmlid
        match = XMLID.match(xmlid)
        assert match, xmlid
        kind, year, month, day = match.groups()
        assert fields["kind"] == kind in KINDS
        assert fields["date_from"] == f"{year}-{month}-{day}"
        assert Decimal(fields["rate"]) >= 0
        assert fields["source"].strip()
        if kind != "ecb":
            # Legal rates are fixed per half-year.
            assert (month, day) in (("01", "01"), ("07", "01")), xmlid


def test_data_matches_reference_rates(records, legal_rates, ecb_by_semester):
    table = RateTable(
        (f["kind"], date.fromisoformat(f["date_from"]), f["rate"]) for _x, f in records
    )
    semesters = set(legal_rates) | set(ecb_by_semester)
    assert min(semesters) == (2015, 1)
    semester = Semester(2015, 1)
    while semester <= Semester(2026, 1):
        key = (semester.year, semester.half)
        individual, other = legal_rates[key]
        day = semester.start
        assert table.semester_rate("legal_individual", day) == Decimal(individual), key
        assert table.semester_rate("legal_other", day) == Decimal(other), key
        assert table.semester_rate("ecb", day) == Decimal(ecb_by_semester[key]), key
        semester = semester.next()
    # Worked example of the law notes with the shipped data: 86.02 €.
    result = late_penalties(2400, date(2024, 5, 15), date(2024, 8, 14), table)
    assert result.total == Decimal("86.02")
