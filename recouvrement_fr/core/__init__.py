# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""French law of unpaid-invoice recovery, as pure Python.

No Odoo import here: plain data in, plain data out (``Decimal`` amounts,
``datetime.date`` dates, frozen dataclasses). The Odoo models call it;
``tests/core`` checks it against hand-computed examples.
"""

from . import (
    dossier,
    insolvency,
    merchant,
    payment_terms,
    penalties,
    prescription,
    procedure,
    rates,
    schedule,
)
from .insolvency import (
    claim_declaration_deadline,
    indemnity_barred_by_insolvency,
    is_declaration_late,
)
from .merchant import merchant_status
from .payment_terms import (
    PaymentTermLimits,
    PaymentTermWarning,
    check_payment_terms,
    legal_limit,
    payment_term_limits,
)
from .penalties import (
    AccrualLine,
    AccrualResult,
    Indemnity,
    fixed_indemnity,
    late_penalties,
    judgment_increase_date,
    legal_interest,
    penalty_rate,
    public_interest_rate,
    public_late_interest,
)
from .prescription import (
    Prescription,
    compute_prescription,
    is_prescribed,
    is_prescription_near,
    public_prescription,
)
from .procedure import Advice, advise_procedure, competent_court
from .rates import (
    KINDS,
    MissingRateError,
    RateTable,
    Semester,
    semester_end,
    semester_start,
)

__all__ = [
    "dossier",
    "KINDS",
    "AccrualLine",
    "AccrualResult",
    "Advice",
    "Indemnity",
    "MissingRateError",
    "PaymentTermLimits",
    "PaymentTermWarning",
    "Prescription",
    "RateTable",
    "Semester",
    "advise_procedure",
    "check_payment_terms",
    "claim_declaration_deadline",
    "competent_court",
    "compute_prescription",
    "fixed_indemnity",
    "indemnity_barred_by_insolvency",
    "insolvency",
    "judgment_increase_date",
    "legal_limit",
    "merchant",
    "merchant_status",
    "public_interest_rate",
    "public_late_interest",
    "public_prescription",
    "is_declaration_late",
    "is_prescribed",
    "is_prescription_near",
    "late_penalties",
    "legal_interest",
    "payment_term_limits",
    "payment_terms",
    "penalties",
    "penalty_rate",
    "prescription",
    "procedure",
    "rates",
    "semester_end",
    "schedule",
    "semester_start",
]
