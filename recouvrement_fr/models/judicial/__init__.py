# The judicial phase: the acts drafted from the dossier (core/acts.py), their
# evidence record, and their place in the Compte client and the dossier ZIP.
from . import recovery_act
from . import recovery_act_service
from . import recovery_act_builder
from . import res_partner
from . import account_move
from . import recovery_customer_account
from . import recovery_my_day
from . import recovery_dossier_pieces
from . import recovery_dossier_export
