from . import ladder
from . import sending
from . import law
from . import plan
from . import dossier
from . import portal
from . import desk
from . import settings
