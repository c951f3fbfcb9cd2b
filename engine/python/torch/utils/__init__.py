"""torch.utils: only `torch.utils.data` so far."""
from . import data  # noqa: F401
