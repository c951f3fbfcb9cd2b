"""torch.manual_seed and the random creation functions, on PyTorch's own CPU generator algorithms.

Every function takes PyTorch's keyword-only `generator=` and then draws from that generator's own
stream, leaving the default one (`torch.manual_seed`'s) untouched.
"""
import builtins

from . import _dtype
from ._engine import E, call, js_list
from ._generator import Generator, default_generator, engine_generator
from ._creation import _into, like_input
from ._tensor import Tensor, _wrap

__all__ = [
    "Generator", "default_generator", "manual_seed", "seed", "initial_seed", "get_rng_state", "set_rng_state",
    "rand", "randn", "rand_like", "randn_like", "randint", "randint_like", "randperm", "normal", "bernoulli",
]


def manual_seed(seed):
    """Seeds the default generator; returns it, as PyTorch does."""
    return default_generator.manual_seed(builtins.int(seed))


def seed():
    return default_generator.seed()


def initial_seed():
    return default_generator.initial_seed()


def get_rng_state():
    return default_generator.get_state()


def set_rng_state(new_state):
    default_generator.set_state(new_state)


def _size(size, keyword_size, name):
    if keyword_size is not None:
        if size:
            raise TypeError(f"{name}() received an invalid combination of arguments - got both positional sizes and size=")
        size = (keyword_size,)
    if len(size) == 1 and isinstance(size[0], (tuple, list)) or len(size) == 1 and hasattr(size[0], "__len__"):
        return [builtins.int(d) for d in size[0]]
    return [builtins.int(d) for d in size]


def _generator(name, generator):
    return engine_generator(name, generator) or E.defaultGenerator


def rand(*sizes, size=None, generator=None, dtype=None, device=None, requires_grad=False, out=None, layout=None,
         pin_memory=False):
    shape = _size(sizes, size, "rand")
    dtype = dtype or (out.dtype if isinstance(out, Tensor) else None)
    result = _wrap(call(E.rand, js_list(shape), _dtype.engine_name(dtype), builtins.bool(requires_grad), _generator("rand", generator)))
    return _into("rand", result, out)


def randn(*sizes, size=None, generator=None, dtype=None, device=None, requires_grad=False, out=None, layout=None,
          pin_memory=False):
    shape = _size(sizes, size, "randn")
    dtype = dtype or (out.dtype if isinstance(out, Tensor) else None)
    result = _wrap(call(E.randn, js_list(shape), _dtype.engine_name(dtype), builtins.bool(requires_grad), _generator("randn", generator)))
    return _into("randn", result, out)


def rand_like(input, *, generator=None, dtype=None, device=None, requires_grad=False, memory_format=None, layout=None):
    like_input("rand_like", input)
    return rand(list(input.shape), generator=generator, dtype=dtype or input.dtype, requires_grad=requires_grad)


def randn_like(input, *, generator=None, dtype=None, device=None, requires_grad=False, memory_format=None, layout=None):
    like_input("randn_like", input)
    return randn(list(input.shape), generator=generator, dtype=dtype or input.dtype, requires_grad=requires_grad)


def randint(*args, size=None, low=None, high=None, generator=None, dtype=None, device=None, requires_grad=False, out=None,
            layout=None, pin_memory=False):
    """randint(high, size) or randint(low, high, size); low, high and size also by keyword."""
    args = list(args)
    if size is None:
        if not args:
            raise TypeError("randint() missing required argument 'size'")
        size = args.pop()
    if high is None:
        if not args:
            raise TypeError("randint() missing required argument 'high'")
        high = args.pop()
    if args:
        if low is not None or len(args) > 1:
            raise TypeError("randint() received an invalid combination of arguments")
        low = args.pop()
    low = 0 if low is None else low
    shape = _size((size,), None, "randint")
    dtype = dtype or (out.dtype if isinstance(out, Tensor) else None)
    result = _wrap(call(E.randint, builtins.int(low), builtins.int(high), js_list(shape),
                        _dtype.engine_name(dtype) or "int64", _generator("randint", generator)))
    return _into("randint", result.requires_grad_(True) if requires_grad else result, out)


def randint_like(input, low=0, high=None, *, generator=None, dtype=None, device=None, requires_grad=False, memory_format=None,
                 layout=None):
    like_input("randint_like", input)
    if high is None:
        low, high = 0, low
    return randint(low, high, list(input.shape), generator=generator, dtype=dtype or input.dtype)


def randperm(n, *, generator=None, dtype=None, device=None, requires_grad=False, out=None, layout=None, pin_memory=False):
    dtype = dtype or (out.dtype if isinstance(out, Tensor) else None)
    result = _wrap(call(E.randperm, builtins.int(n), _dtype.engine_name(dtype) or "int64", _generator("randperm", generator)))
    return _into("randperm", result, out)


def normal(mean, std=1.0, size=None, *, generator=None, out=None, dtype=None, device=None, requires_grad=False, layout=None,
           pin_memory=False):
    """torch.normal: with tensor mean/std PyTorch draws N(0, 1) into the output, then `mul_(std).add_(mean)`."""
    if isinstance(mean, Tensor) or isinstance(std, Tensor):
        from ._creation import zeros_like

        like = mean if isinstance(mean, Tensor) else std
        noise = randn_like(zeros_like(like) if not like.is_floating_point() else like, generator=generator)
        return noise * std + mean
    if size is None:
        raise TypeError("normal() received an invalid combination of arguments - got (float, float), but expected a size")
    from ._creation import empty

    result = empty(size, dtype=dtype).normal_(mean, std, generator=generator)
    return result.requires_grad_(True) if requires_grad else result


def bernoulli(input, p=None, *, generator=None, out=None):
    """torch.bernoulli(probs): 1 where a uniform draw falls below each probability; with a float p, every element uses p."""
    if p is None:
        return input.bernoulli(generator=generator)
    from ._creation import empty_like

    return empty_like(input).bernoulli_(p, generator=generator)
