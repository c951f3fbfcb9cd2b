"""torch.cuda as on a CPU-only build of PyTorch: nothing is available, seeding is a no-op, and
anything that needs a GPU raises PyTorch's AssertionError("Torch not compiled with CUDA enabled")."""
from .._device import NO_CUDA


def is_available():
    return False


def device_count():
    return 0


def is_initialized():
    return False


def _lazy_init():
    raise AssertionError(NO_CUDA)


# PyTorch queues these until CUDA initialises, which on a CPU build never happens: no error.
def manual_seed(seed):
    return None


def manual_seed_all(seed):
    return None


def seed():
    return None


def seed_all():
    return None


def empty_cache():
    return None


def synchronize(device=None):
    _lazy_init()


def current_device():
    _lazy_init()


def set_device(device):
    _lazy_init()


def get_device_name(device=None):
    _lazy_init()


def get_device_properties(device=None):
    _lazy_init()


def get_device_capability(device=None):
    _lazy_init()


def is_bf16_supported(including_emulation=True):
    _lazy_init()


def memory_allocated(device=None):
    _lazy_init()


def max_memory_allocated(device=None):
    _lazy_init()


def memory_reserved(device=None):
    _lazy_init()
