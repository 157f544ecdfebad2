# The company's recovery settings.
from . import res_company
from . import res_config_settings
