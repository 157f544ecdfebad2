# The dossier for the commissaire de justice or the lawyer.
from . import recovery_dossier_pieces
from . import recovery_dossier_export
from . import recovery_event

# The provider proofs of registered letters (issue #25).
from . import recovery_dossier_pieces_registered
