"""`out=`: writing an op's result into a tensor the caller gave, with PyTorch's rules and words.

PyTorch checks autograd first (an out= call records no graph, so no argument may require grad),
then the dtype (the result must cast safely to out's dtype), then the shape: an `out` of the wrong
shape is resized, silently when it was empty, with a deprecation warning when it held elements.
"""
import warnings

from ._engine import E, call, js_list
from ._grad_mode import is_grad_enabled, no_grad
from ._tensor import Tensor


def check_no_grad(op_name, tensors, out):
    """RuntimeError when grad mode is on and an input or an out tensor requires grad."""
    if not is_grad_enabled():
        return
    outs = out if isinstance(out, (tuple, list)) else (out,)
    if any(isinstance(t, Tensor) and t.requires_grad for t in (*tensors, *outs)):
        raise RuntimeError(
            f"{op_name}(): functions with out=... arguments don't support automatic differentiation, "
            "but one of the arguments requires grad."
        )


def _legacy_name(t):
    # 'torch.FloatTensor' -> 'Float', as PyTorch names dtypes in its cast errors.
    return str(t._t.typeName()).split(".")[-1][: -len("Tensor")]


def _shape_text(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


def write_out(op_name, result, out):
    """Copies `result` (a Tensor or a tuple of them) into `out` and returns `out`."""
    if isinstance(result, tuple):
        if not isinstance(out, (tuple, list)) or len(out) != len(result):
            raise TypeError(f"{op_name}(): argument 'out' must be tuple of Tensors, not {type(out).__name__}")
        for r, o in zip(result, out):
            write_out(op_name, r, o)
        return out
    if not isinstance(out, Tensor):
        raise TypeError(f"{op_name}(): argument 'out' must be Tensor, not {type(out).__name__}")
    if not E.canCast(result._t.dtype, out._t.dtype):
        raise RuntimeError(
            f"result type {_legacy_name(result)} can't be cast to the desired output type {_legacy_name(out)}"
        )
    if tuple(out.shape) != tuple(result.shape):
        if out.numel() != 0:
            warnings.warn(
                f"An output with one or more elements was resized since it had shape {_shape_text(out.shape)}, "
                f"which does not match the required output shape {_shape_text(result.shape)}. This behavior is "
                "deprecated, and in a future PyTorch release outputs will not be resized unless they have zero "
                "elements. You can explicitly reuse an out tensor t by resizing it, inplace, to zero elements "
                "with t.resize_(0). (Triggered internally at /pytorch/aten/src/ATen/native/Resize.cpp:35.)",
                UserWarning,
                stacklevel=3,
            )
        fresh = call(E.full, js_list(list(result.shape)), 0, out._t.dtype, False)
        call(out._t.setData, fresh)
    with no_grad():
        call(E.callOp, "copy_", out._t, result._t)
    return out
