# The credit manager's desk: dashboard, Ma journée, Compte client, ageing balance.
from . import recovery_ageing
from . import recovery_dashboard
from . import recovery_customer_account
from . import recovery_customer_timeline
from . import recovery_my_day
from . import res_partner
from . import res_users
