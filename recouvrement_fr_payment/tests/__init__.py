from . import test_portal_payment
from . import test_portal_tour
