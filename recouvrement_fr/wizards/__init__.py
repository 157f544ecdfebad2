from . import recovery_escalate_wizard
