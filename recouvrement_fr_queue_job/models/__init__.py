from . import recovery_engine
