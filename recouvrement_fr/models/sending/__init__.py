# Sending: dispatch per channel, batched e-mails, PDF runs, delivery feedback.
from . import recovery_letter_tracking
from . import recovery_email
from . import recovery_dispatch
from . import recovery_pdf
from . import recovery_delivery
from . import recovery_engine
from . import ir_actions_report
from . import ir_qweb
from . import mail_activity
from . import mail_mail
from . import mail_thread
from . import res_partner

# Registered letters through a provider (issue #25).
from . import recovery_letter_provider
from . import recovery_event
from . import recovery_dispatch_registered
