"""Tensor creation from Python data: torch.tensor infers PyTorch's dtype from the Python values."""
import builtins
import warnings

from . import _dtype
from ._engine import E, call, js_list
from ._tensor import Tensor, _wrap
from ._size import Size


def _infer_and_flatten(data):
    """(flat values, shape, inferred dtype name) for nested lists/tuples of numbers, bools and 0-d tensors."""
    flat = []
    kinds = set()

    def visit(item, depth, shape):
        if isinstance(item, Tensor):
            if item.dim() == 0:
                kinds.add(item.dtype._name)
                flat.append(item.item())
                return
            visit(item.tolist(), depth, shape)
            return
        if isinstance(item, (list, tuple)):
            if len(shape) <= depth:
                shape.append(len(item))
            elif shape[depth] != len(item):
                raise ValueError(f"expected sequence of length {shape[depth]} at dim {depth} (got {len(item)})")
            for child in item:
                visit(child, depth + 1, shape)
            return
        if len(shape) > depth:
            raise TypeError(f"not a sequence")
        if isinstance(item, builtins.bool):
            kinds.add("bool")
        elif isinstance(item, builtins.int):
            kinds.add("int64")
        elif isinstance(item, builtins.float):
            kinds.add("float32")
        else:
            raise TypeError(
                f"Could not infer dtype of {type(item).__name__}"
            )
        flat.append(item)

    shape = []
    visit(data, 0, shape)
    if "float32" in kinds or "float64" in kinds:
        inferred = "float64" if kinds == {"float64"} else "float32"
    elif "int64" in kinds or "int32" in kinds:
        inferred = "int64"
    elif "bool" in kinds:
        inferred = "bool"
    else:
        inferred = "float32"
    return flat, shape, inferred


def tensor(data, dtype=None, device=None, requires_grad=False, pin_memory=False):
    if isinstance(data, Tensor):
        warnings.warn(
            "To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() "
            "or sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).",
            UserWarning,
            stacklevel=2,
        )
        result = data.detach().clone()
        if dtype is not None:
            result = result.to(dtype)
        if requires_grad:
            result.requires_grad_(True)
        return result
    flat, shape, inferred = _infer_and_flatten(data)
    name = _dtype.engine_name(dtype) if dtype is not None else inferred
    flat = [builtins.float(v) if not isinstance(v, builtins.bool) else (1.0 if v else 0.0) for v in flat]
    # requires_grad goes to the engine with the data: the factory's error text differs from
    # requires_grad_()'s ("Only Tensors ..." vs "only Tensors ...").
    return _wrap(call(E.fromArray, js_list(flat), js_list(shape), name, builtins.bool(requires_grad)))


def _size_args(op_name, args, size=None):
    """zeros(2, 3), zeros((2, 3)), zeros([2, 3]) and zeros(size=(2, 3)) all mean the shape (2, 3)."""
    by_keyword = size is not None
    if by_keyword:
        if args:
            given = ", ".join([type(a).__name__ for a in args] + [f"size={type(size).__name__}"])
            raise TypeError(f"{op_name}() received an invalid combination of arguments - got ({given}), but expected one of:")
        args = (size,)
    if len(args) == 1 and isinstance(args[0], (tuple, list, Size)):
        args = tuple(args[0])
    elif len(args) == 1 and not _is_index(args[0]):
        where = "" if by_keyword else " (position 1)"
        raise TypeError(f"{op_name}(): argument 'size'{where} must be tuple of ints, not {type(args[0]).__name__}")
    for pos, d in enumerate(args):
        if not _is_index(d):
            raise TypeError(
                f"{op_name}(): argument 'size' must be tuple of ints, but found element of type {type(d).__name__} at pos {pos + 1}"
            )
    return [d.__index__() for d in args]


def _is_index(value):
    return not isinstance(value, (builtins.float, builtins.str)) and hasattr(value, "__index__")


def _filled(size, value, dtype, requires_grad):
    name = _dtype.engine_name(dtype) if dtype is not None else (
        "float32" if isinstance(value, builtins.float) or dtype is None and not isinstance(value, (builtins.int, builtins.bool)) else "int64"
    )
    return _wrap(call(E.full, js_list(size), value, name, builtins.bool(requires_grad)))


def _into(op_name, result, out):
    """A creation function's `out=`: resized without a warning, then filled in place, as PyTorch does."""
    if out is None:
        return result
    from ._grad_mode import is_grad_enabled, no_grad

    if not isinstance(out, Tensor):
        raise TypeError(f"{op_name}(): argument 'out' must be Tensor, not {type(out).__name__}")
    if is_grad_enabled() and out.requires_grad:
        raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")
    if tuple(out.shape) != tuple(result.shape):
        call(out._t.setData, call(E.full, js_list(list(result.shape)), 0, out._t.dtype, False))
    with no_grad():
        call(E.callOp, "copy_", out._t, result._t)
    return out


def zeros(*args, size=None, out=None, dtype=None, layout=None, device=None, pin_memory=False, requires_grad=False):
    result = _filled(_size_args("zeros", args, size), 0.0, dtype or (out.dtype if out is not None else _dtype.float32), requires_grad)
    return _into("zeros", result, out)


def ones(*args, size=None, out=None, dtype=None, layout=None, device=None, pin_memory=False, requires_grad=False):
    result = _filled(_size_args("ones", args, size), 1.0, dtype or (out.dtype if out is not None else _dtype.float32), requires_grad)
    return _into("ones", result, out)


def empty(*args, size=None, out=None, dtype=None, layout=None, device=None, pin_memory=False, requires_grad=False, memory_format=None):
    result = _filled(_size_args("empty", args, size), 0.0, dtype or (out.dtype if out is not None else _dtype.float32), requires_grad)
    return _into("empty", result, out)


def full(size, fill_value, dtype=None, device=None, requires_grad=False, out=None):
    if dtype is None:
        if isinstance(fill_value, builtins.bool):
            dtype = _dtype.bool
        elif isinstance(fill_value, builtins.int):
            dtype = _dtype.int64
        else:
            dtype = _dtype.float32
    return _into("full", _filled(_size_args("full", (size,)), fill_value, dtype, requires_grad), out)


def like_input(name, input):
    """The tensor a `*_like` function copies its shape from, or PyTorch's TypeError for anything else."""
    if not isinstance(input, Tensor):
        raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}")
    return input


def zeros_like(input, dtype=None, device=None, requires_grad=False, memory_format=None):
    like_input("zeros_like", input)
    return _filled(list(input.shape), 0.0, dtype or input.dtype, requires_grad)


def ones_like(input, dtype=None, device=None, requires_grad=False, memory_format=None):
    like_input("ones_like", input)
    return _filled(list(input.shape), 1.0, dtype or input.dtype, requires_grad)


def full_like(input, fill_value, dtype=None, device=None, requires_grad=False, memory_format=None):
    like_input("full_like", input)
    return _filled(list(input.shape), fill_value, dtype or input.dtype, requires_grad)


def empty_like(input, dtype=None, device=None, requires_grad=False, memory_format=None):
    like_input("empty_like", input)
    return _filled(list(input.shape), 0.0, dtype or input.dtype, requires_grad)


def arange(start=None, end=None, step=1, dtype=None, device=None, requires_grad=False, out=None):
    if end is None:
        start, end = 0, start
    elif start is None:  # arange(end=5)
        start = 0
    if end is None:
        raise TypeError("arange() received an invalid combination of arguments - got (), but expected one of:")
    # Only Python knows 6.0 from 6: a float anywhere makes the default dtype float32.
    is_float = any(isinstance(v, builtins.float) or (isinstance(v, Tensor) and v.is_floating_point()) for v in (start, end, step))
    if dtype is None:
        dtype = _dtype.float32 if is_float else _dtype.int64
    values = [v.item() if isinstance(v, Tensor) else v for v in (start, end, step)]
    result = _wrap(call(E.arange, *values, _dtype.engine_name(dtype)))
    if requires_grad:
        result.requires_grad_(True)
    return _into("arange", result, out)


def linspace(start, end, steps, dtype=None, device=None, requires_grad=False, out=None):
    values = [v.item() if isinstance(v, Tensor) else v for v in (start, end)]
    result = _wrap(call(E.linspace, *values, builtins.int(steps), _dtype.engine_name(dtype or _dtype.float32)))
    if requires_grad:
        result.requires_grad_(True)
    return _into("linspace", result, out)


def eye(n, m=None, dtype=None, device=None, requires_grad=False, out=None):
    result = _wrap(call(E.eye, builtins.int(n), builtins.int(n if m is None else m), _dtype.engine_name(dtype or _dtype.float32)))
    if requires_grad:
        result.requires_grad_(True)
    return _into("eye", result, out)


def equal(input, other):
    """torch.equal: True when both tensors have the same shape and the same values."""
    return builtins.bool(call(E.equal, input._t, other._t))
