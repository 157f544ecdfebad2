# Payment plans (échéanciers), their instalments and their nightly check.
from . import recovery_plan
from . import recovery_plan_line
from . import recovery_plan_check
from . import account_move
from . import res_partner
from . import recovery_plan_text
