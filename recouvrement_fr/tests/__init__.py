from . import test_install
from . import test_ladder
from . import test_safety
from . import test_access
from . import test_escalate_wizard
from . import test_french_law
from . import test_tour
