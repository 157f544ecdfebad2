# The ladder: levels, the engine (decide, advance), each invoice's state,
# the customer's stage, the events.
from . import recovery_level
from . import recovery_event
from . import recovery_move_state
from . import recovery_engine
from . import account_move
from . import res_partner
from . import recovery_customer_stage
