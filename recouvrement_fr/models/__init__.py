from . import recovery_level
from . import recovery_event
from . import account_move
from . import account_move_line
from . import recovery_rate
from . import res_partner
from . import res_company
from . import res_config_settings
