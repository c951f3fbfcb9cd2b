"""torch.manual_seed and the random creation functions, on PyTorch's own CPU generator algorithms."""
import builtins

from . import _dtype
from ._engine import E, call, js_list
from ._tensor import Tensor, _wrap


class Generator:
    """The default CPU generator (only the default one exists in Gradscope)."""

    device = "cpu"

    def manual_seed(self, seed):
        manual_seed(seed)
        return self

    def initial_seed(self):
        return initial_seed()

    def seed(self):
        return seed()

    def get_state(self):
        return get_rng_state()

    def set_state(self, state):
        set_rng_state(state)
        return self


default_generator = Generator()


def manual_seed(seed):
    seed = builtins.int(seed)
    call(E.manualSeedFromString, str(seed))
    return default_generator


def seed():
    import time

    value = builtins.int(time.time_ns() & ((1 << 63) - 1))
    manual_seed(value)
    return value


def initial_seed():
    return builtins.int(str(E.initialSeedString()))


def get_rng_state():
    from ._creation import tensor

    return tensor(list(E.getRngState().to_py()), dtype=_dtype.uint8 if hasattr(_dtype, "uint8") else _dtype.int64)


def set_rng_state(new_state):
    call(E.setRngState, js_list([builtins.int(v) for v in new_state.tolist()]))


def _size(size):
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        return [builtins.int(d) for d in size[0]]
    return [builtins.int(d) for d in size]


def rand(*size, generator=None, dtype=None, device=None, requires_grad=False, out=None):
    return _wrap(call(E.rand, js_list(_size(size)), _dtype.engine_name(dtype), builtins.bool(requires_grad)))


def randn(*size, generator=None, dtype=None, device=None, requires_grad=False, out=None):
    return _wrap(call(E.randn, js_list(_size(size)), _dtype.engine_name(dtype), builtins.bool(requires_grad)))


def rand_like(input, dtype=None, device=None, requires_grad=False, memory_format=None):
    return rand(list(input.shape), dtype=dtype or input.dtype, requires_grad=requires_grad)


def randn_like(input, dtype=None, device=None, requires_grad=False, memory_format=None):
    return randn(list(input.shape), dtype=dtype or input.dtype, requires_grad=requires_grad)


def randint(*args, size=None, generator=None, dtype=None, device=None, requires_grad=False, out=None):
    args = list(args)
    if size is None:
        size = args.pop()
    if len(args) == 1:
        low, high = 0, args[0]
    elif len(args) == 2:
        low, high = args
    else:
        raise TypeError("randint() received an invalid combination of arguments")
    return _wrap(call(E.randint, builtins.int(low), builtins.int(high), js_list(_size((size,))),
                      _dtype.engine_name(dtype) or "int64"))


def randint_like(input, low=0, high=None, dtype=None, device=None, requires_grad=False, memory_format=None):
    if high is None:
        low, high = 0, low
    return randint(low, high, list(input.shape), dtype=dtype or input.dtype)


def randperm(n, generator=None, dtype=None, device=None, requires_grad=False, out=None, layout=None, pin_memory=False):
    return _wrap(call(E.randperm, builtins.int(n), _dtype.engine_name(dtype) or "int64"))


def normal(mean, std=1.0, size=None, generator=None, out=None, dtype=None, device=None, requires_grad=False):
    if isinstance(mean, Tensor) or isinstance(std, Tensor):
        from ._creation import zeros_like

        like = mean if isinstance(mean, Tensor) else std
        noise = randn_like(zeros_like(like) if not like.is_floating_point() else like)
        return noise * std + mean
    if size is None:
        raise TypeError("normal() received an invalid combination of arguments - got (float, float), but expected a size")
    from ._creation import empty

    result = empty(size, dtype=dtype).normal_(mean, std)
    return result.requires_grad_(True) if requires_grad else result


def bernoulli(input, p=None, generator=None, out=None):
    if p is None:
        raise NotImplementedError("bernoulli with a tensor of probabilities is not supported in Gradscope yet")
    from ._creation import empty_like

    return empty_like(input).bernoulli_(p)
