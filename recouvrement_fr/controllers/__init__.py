from . import portal
from . import letter_provider
