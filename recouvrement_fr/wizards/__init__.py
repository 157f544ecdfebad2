from . import recovery_escalate_wizard
from . import recovery_ageing_wizard
from . import recovery_plan_wizard
from . import recovery_dossier_wizard
from . import recovery_block_wizard
from . import recovery_promise_wizard
from . import recovery_act_wizard
