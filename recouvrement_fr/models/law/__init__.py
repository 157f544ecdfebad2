# French law in the records: the claim, reference rates, penalty invoices, the debtor.
from . import recovery_rate
from . import recovery_claim
from . import recovery_claim_text
from . import recovery_penalty_invoice
from . import account_move
from . import account_move_line
from . import res_partner
from . import recovery_event
from . import ir_actions_report
from . import recovery_statement
