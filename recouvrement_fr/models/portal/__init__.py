# The customer's side: payment page link, promises, requests, replies, pauses.
from . import recovery_pause
from . import recovery_promise
from . import recovery_request
from . import recovery_event
from . import recovery_plan
from . import recovery_portal_link
from . import account_move
from . import res_partner
