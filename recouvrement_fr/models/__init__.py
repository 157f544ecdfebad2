from . import recovery_level
from . import recovery_event
from . import account_move
from . import res_partner
from . import res_company
from . import res_config_settings
