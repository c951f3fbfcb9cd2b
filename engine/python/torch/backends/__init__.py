"""torch.backends: which accelerator libraries this build has (none: Gradscope runs on the CPU)."""
from . import cudnn, mps  # noqa: F401
