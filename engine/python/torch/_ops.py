"""torch.<op> functions and Tensor.<op> methods, generated from the engine's op table.

The op table is the one list of ops (design rule: nothing is listed twice). Each entry's
signature, in PyTorch's native_functions.yaml style, tells how to bind Python arguments.
"""
import builtins

from . import _dtype
from ._engine import E, JsException, js_list, raise_from_js
from ._tensor import Tensor, as_engine_tensor, wrap_result
from .return_types import named_return

_MISSING = object()


def _convert(op_name, param, value):
    kind = param["type"]
    if value is None:
        return None
    if kind.startswith("Generator"):
        from ._generator import engine_generator

        return engine_generator(op_name, value)
    if kind.startswith("Tensor[]") or kind.startswith("Tensor?[]"):
        return js_list([as_engine_tensor(v) for v in value])
    if kind.startswith("Tensor"):
        return as_engine_tensor(value)
    if kind.startswith("ScalarType"):
        return _dtype.engine_name(value)
    if kind.startswith("int[") or kind.startswith("SymInt["):
        if isinstance(value, (builtins.int,)) or hasattr(value, "__index__") and not isinstance(value, (list, tuple)):
            return js_list([value.__index__()])
        return js_list([builtins.int(v) for v in value])
    if kind.startswith("Scalar"):
        if isinstance(value, Tensor):
            return value.item()
        return value
    if kind.startswith("bool"):
        return builtins.bool(value)
    if kind.startswith("int") or kind.startswith("SymInt"):
        if isinstance(value, Tensor):
            return builtins.int(value.item())
        return value.__index__()
    if kind.startswith("float"):
        return builtins.float(value)
    return value


def _bind(op_name, params, args, kwargs):
    positional = [p for p in params if not p.get("keywordOnly")]
    if len(args) > len(positional):
        raise TypeError(
            f"{op_name}() takes {len(positional)} positional argument{'s' if len(positional) != 1 else ''} but {len(args)} were given"
        )
    values = list(args) + [_MISSING] * (len(params) - len(args))
    names = [p["name"] for p in params]
    for key, value in kwargs.items():
        if key == "out":
            raise TypeError(f"{op_name}(): the out= argument is not supported in Gradscope")
        if key not in names:
            raise TypeError(f"{op_name}() got an unexpected keyword argument '{key}'")
        index = names.index(key)
        if values[index] is not _MISSING:
            raise TypeError(f"{op_name}() got multiple values for argument '{key}'")
        values[index] = value
    bound = []
    for param, value in zip(params, values):
        if value is _MISSING:
            if not param.get("optional") and "default" not in param:
                raise TypeError(f"{op_name}() missing required argument '{param['name']}'")
            bound.append(None)
        else:
            bound.append(_convert(op_name, param, value))
    return bound


def _make(op_name, params, returns=()):
    named = named_return(op_name, returns) if returns else None

    def op(*args, **kwargs):
        bound = _bind(op_name, params, args, kwargs)
        try:
            result = wrap_result(E.callOp(op_name, *bound))
        except JsException as exc:
            raise_from_js(exc)
        # max(dim=...) returns (values, indices) as torch.return_types.max; max() a plain Tensor.
        if named is not None and isinstance(result, tuple):
            return named(result)
        return result

    op.__name__ = op_name
    op.__qualname__ = op_name
    return op


def install(namespace):
    """Adds every op of the table to `namespace` (the torch module) and to Tensor as methods."""
    for info in E.opSignatures().to_py():
        name = info["name"]
        fn = _make(name, info["params"], info.get("returns") or ())
        if info.get("function") and name not in namespace:
            namespace[name] = fn
        if info.get("method") and not hasattr(Tensor, name):
            setattr(Tensor, name, fn)
