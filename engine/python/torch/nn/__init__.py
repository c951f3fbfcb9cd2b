"""torch.nn: modules, parameters, losses, functional and init."""
from .parameter import Parameter
from .modules import *  # noqa: F401,F403
from .modules import Module
from . import functional, init, utils  # noqa: F401
