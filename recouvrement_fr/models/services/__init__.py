# France's public services: the Sirene register (API Recherche d'entreprises)
# and the BODACC collective-proceedings announcements (issue #25).
from . import recovery_bodacc_announcement
from . import res_partner
from . import recovery_my_day
