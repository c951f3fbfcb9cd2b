"""torch.autograd.forward_ad: dual tensors for forward-mode AD, as PyTorch's module.

The engine keeps the tangents (engine/autograd/forward-ad.ts) and propagates them through every
op; this module is PyTorch's Python front: the level bookkeeping, the argument checks in
PyTorch's words, and `UnpackedDualTensor`.
"""
import functools
from collections import namedtuple

from .._engine import E, call
from .._tensor import Tensor, _wrap

__all__ = ["UnpackedDualTensor", "enter_dual_level", "exit_dual_level", "make_dual", "unpack_dual", "dual_level"]

# Python's view of the open level, as PyTorch keeps it (checked against the engine's).
_current_level = -1


def enter_dual_level():
    """Enter a new forward grad level (only one level can be open at a time)."""
    global _current_level
    new_level = call(E.enterDualLevel)
    if new_level != _current_level + 1:
        raise RuntimeError(
            "Entering a new forward AD level but the current level is not valid. Make sure you did not modified it directly."
        )
    _current_level = new_level
    return new_level


def exit_dual_level(*, level=None):
    """Exit a forward grad level: every tangent created in it is deleted."""
    global _current_level
    if level is None:
        level = _current_level
    if level != _current_level:
        raise RuntimeError("Trying to exit a forward AD level that was not the last one that was created. This is not supported.")
    call(E.exitDualLevel, level)
    _current_level = level - 1


def make_dual(tensor, tangent, *, level=None):
    """A view of `tensor` carrying `tangent` as its forward gradient (its directional derivative)."""
    if level is None:
        level = _current_level
    if level < 0:
        raise RuntimeError(
            "Trying to create a dual Tensor for forward AD but no level exists, make sure to enter_dual_level() first."
        )
    if not tensor.is_floating_point():
        raise ValueError(f"Expected primal to be floating point or complex, but got: {tensor.dtype}")
    if not tangent.is_floating_point():
        raise ValueError(f"Expected tangent to be floating point or complex, but got: {tangent.dtype}")
    return _wrap(call(E.makeDual, tensor._t, tangent._t, level))


_UnpackedDualTensor = namedtuple("_UnpackedDualTensor", ["primal", "tangent"])


class UnpackedDualTensor(_UnpackedDualTensor):
    r"""Namedtuple returned by :func:`unpack_dual` containing the primal and tangent components of the dual tensor."""


UnpackedDualTensor.__module__ = "torch.autograd.forward_ad"


def unpack_dual(tensor, *, level=None):
    """(primal, tangent): a view of the primal, and the tangent as-is (None when it has none)."""
    if level is None:
        level = _current_level
    if level < 0 or not isinstance(tensor, Tensor):
        return UnpackedDualTensor(tensor, None)
    primal, dual = call(E.unpackDual, tensor._t, level)
    if dual is None:
        return UnpackedDualTensor(tensor, None)
    return UnpackedDualTensor(_wrap(primal), _wrap(dual))


class dual_level:
    """Context manager (and decorator) for forward AD: tangents are valid only inside it."""

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.__class__():
                return fn(*args, **kwargs)

        return wrapper

    def __enter__(self):
        return enter_dual_level()

    def __exit__(self, exc_type, exc_value, traceback):
        exit_dual_level()
