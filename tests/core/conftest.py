# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reference rates for the core tests (law notes, sections 2 and 4;
2015-2019 from the arrêtés cited in data/recovery_rate_data.xml). Tests get
them through fixtures, never by importing this module."""

from datetime import date

import pytest
from recouvrement_core import RateTable

ECB_CHANGES = [
    (date(2014, 9, 10), "0.05"),
    (date(2016, 3, 16), "0.00"),
    (date(2022, 7, 27), "0.50"),
    (date(2022, 9, 14), "1.25"),
    (date(2022, 11, 2), "2.00"),
    (date(2022, 12, 21), "2.50"),
    (date(2023, 2, 8), "3.00"),
    (date(2023, 3, 22), "3.50"),
    (date(2023, 5, 10), "3.75"),
    (date(2023, 6, 21), "4.00"),
    (date(2023, 8, 2), "4.25"),
    (date(2023, 9, 20), "4.50"),
    (date(2024, 6, 12), "4.25"),
    (date(2024, 9, 18), "3.65"),
    (date(2024, 10, 23), "3.40"),
    (date(2024, 12, 18), "3.15"),
    (date(2025, 2, 5), "2.90"),
    (date(2025, 3, 12), "2.65"),
    (date(2025, 4, 23), "2.40"),
    (date(2025, 6, 11), "2.15"),
]

# (year, half): (legal_individual, legal_other)
LEGAL_RATES = {
    (2015, 1): ("4.06", "0.93"),
    (2015, 2): ("4.29", "0.99"),
    (2016, 1): ("4.54", "1.01"),
    (2016, 2): ("4.35", "0.93"),
    (2017, 1): ("4.16", "0.90"),
    (2017, 2): ("3.94", "0.90"),
    (2018, 1): ("3.73", "0.89"),
    (2018, 2): ("3.60", "0.88"),
    (2019, 1): ("3.40", "0.86"),
    (2019, 2): ("3.26", "0.87"),
    (2020, 1): ("3.15", "0.87"),
    (2020, 2): ("3.11", "0.84"),
    (2021, 1): ("3.14", "0.79"),
    (2021, 2): ("3.12", "0.76"),
    (2022, 1): ("3.13", "0.76"),
    (2022, 2): ("3.15", "0.77"),
    (2023, 1): ("4.47", "2.06"),
    (2023, 2): ("6.82", "4.22"),
    (2024, 1): ("8.01", "5.07"),
    (2024, 2): ("8.16", "4.92"),
    (2025, 1): ("7.21", "3.71"),
    (2025, 2): ("6.65", "2.76"),
    (2026, 1): ("6.67", "2.62"),
}

# ECB rate in force on each half-year's first day (law notes, section 2).
ECB_BY_SEMESTER = {
    (2015, 1): "0.05",
    (2015, 2): "0.05",
    (2016, 1): "0.05",
    (2016, 2): "0.00",
    **{(year, half): "0.00" for year in range(2017, 2022) for half in (1, 2)},
    (2022, 1): "0.00",
    (2022, 2): "0.00",
    (2023, 1): "2.50",
    (2023, 2): "4.00",
    (2024, 1): "4.50",
    (2024, 2): "4.25",
    (2025, 1): "3.15",
    (2025, 2): "2.15",
    (2026, 1): "2.15",
}


def rate_rows():
    rows = [("ecb", day, rate) for day, rate in ECB_CHANGES]
    for (year, half), (individual, other) in LEGAL_RATES.items():
        day = date(year, 1 if half == 1 else 7, 1)
        rows.append(("legal_individual", day, individual))
        rows.append(("legal_other", day, other))
    return rows


@pytest.fixture(scope="session")
def rates():
    """RateTable with every rate from 2015-H1 to 2026-H1."""
    return RateTable(rate_rows())


@pytest.fixture(scope="session")
def legal_rates():
    return LEGAL_RATES


@pytest.fixture(scope="session")
def ecb_by_semester():
    return ECB_BY_SEMESTER
