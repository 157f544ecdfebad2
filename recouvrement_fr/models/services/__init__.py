# France's public services: the Sirene register (API Recherche d'entreprises)
# and the BODACC collective-proceedings announcements (issue #25).
from . import recovery_bodacc_announcement
from . import res_partner
from . import recovery_my_day

# The déclaration de créance as a registered letter through the provider.
from . import recovery_act
from . import recovery_act_letter
from . import recovery_event
from . import recovery_letter_provider
from . import recovery_dossier_pieces
