"""Gradscope's torch: PyTorch's Python API over Gradscope's TypeScript autograd engine."""
import math as _math

from . import _dtype
from ._dtype import dtype, float32, float64, int64, int32, bool, float, double, long, int
from ._dtype import int16, int8, uint8, short
from ._size import Size
from ._tensor import Tensor, RemovableHandle
from ._creation import (
    tensor, zeros, ones, empty, full, zeros_like, ones_like, full_like, empty_like, arange, eye, linspace,
    equal,
)
from ._grad_mode import no_grad, enable_grad, set_grad_enabled, is_grad_enabled, inference_mode
from ._grad_mode import is_inference_mode_enabled, is_inference
from ._printing import set_printoptions, get_printoptions
from ._random import (
    manual_seed, seed, initial_seed, get_rng_state, set_rng_state, rand, randn, rand_like, randn_like,
    randint, randint_like, randperm, normal, bernoulli, Generator, default_generator,
)
from . import _ops

# 2.6: the PyTorch whose behaviour Gradscope follows where versions differ (torch.load's
# weights_only=True default, torch.accelerator); "+gradscope" marks it as not PyTorch's build.
from .version import __version__  # noqa: E402

pi = _math.pi
e = _math.e
inf = _math.inf
nan = _math.nan


from ._device import device, set_default_device, get_default_device  # noqa: E402
from ._conversion import LEGACY_TYPES as _LEGACY_TYPES  # noqa: E402

from .storage import STORAGE_TYPES as _STORAGE_TYPES  # noqa: E402

globals().update(_LEGACY_TYPES)  # torch.FloatTensor, torch.LongTensor, ...
globals().update(_STORAGE_TYPES)  # torch.FloatStorage, ... as checkpoints name them


def is_tensor(obj):
    return isinstance(obj, Tensor)


def numel(input):
    return input.numel()


def get_default_dtype():
    return float32


def set_default_dtype(d):
    if not isinstance(d, dtype) or not d.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    if d is not float32:
        raise NotImplementedError("Gradscope supports only torch.float32 as the default dtype")


def from_numpy(ndarray):
    from numpy_unavailable import RUNTIME_MESSAGE

    raise RuntimeError(RUNTIME_MESSAGE)


def typename(obj):
    """PyTorch's type names: 'torch.FloatTensor' for a float32 tensor, else the qualified class name."""
    if isinstance(obj, Tensor):
        return obj._t.typeName()
    module = getattr(type(obj), "__module__", "")
    qualname = type(obj).__qualname__
    return qualname if module in ("", "builtins") else f"{module}.{qualname}"


_ops.install(globals())

from . import autograd  # noqa: E402  (after the ops: autograd uses them)
from . import func  # noqa: E402,F401
from .func import vmap  # noqa: E402,F401  (torch.vmap is torch.func.vmap)
from .autograd.anomaly_mode import is_anomaly_enabled, is_anomaly_check_nan_enabled, set_anomaly_enabled  # noqa: E402
from . import return_types  # noqa: E402,F401
from . import nn, optim  # noqa: E402,F401
from . import cuda, backends, accelerator, version  # noqa: E402,F401
from ._closeness import allclose  # noqa: E402,F401
from ._unique import unique  # noqa: E402,F401
from . import linalg  # noqa: E402,F401
from . import _inplace_views  # noqa: E402,F401
from .serialization import save, load  # noqa: E402,F401
from . import _deepcopy  # noqa: E402

_deepcopy.install()
from . import random, utils  # noqa: E402,F401
from .nn.parameter import Parameter as _Parameter  # noqa: E402,F401
