"""torch.<op> functions and Tensor.<op> methods, generated from the engine's op table.

The op table is the one list of ops (design rule: nothing is listed twice). Each entry's
signature, in PyTorch's native_functions.yaml style, tells how to bind Python arguments, the way
PyTorch's python_arg_parser binds them: `self` is `input` in torch.<op> and the tensor itself in
Tensor.<op>; NumPy's names are aliases (`axis=`, `keepdims=`, `x=`/`a=`/`x1=`, `x2=`); a lone
int-list parameter also takes varargs (`x.flip(0, 1)`); torch.<op> takes `out=`.
"""
import builtins

from . import _dtype
from ._engine import E, JsException, js_list, raise_from_js
from ._out import check_no_grad, write_out
from ._size import Size
from ._tensor import Tensor, _wrap_id, as_engine_tensor, wrap_result
from .return_types import named_return

_MISSING = object()

# torch/csrc/utils/python_arg_parser.cpp, numpy_compatibility_arg_names: alias -> parameter.
NUMPY_ALIASES = {"axis": "dim", "keepdims": "keepdim", "x": "input", "a": "input", "x1": "input", "x2": "other"}

# python_arg_parser.cpp's should_allow_numbers_as_tensors: these binary ops have one overload
# (a Python number binds to their Tensor parameter); the other binary ops also have a Scalar one.
_NUMBERS_AS_TENSORS = {"add", "sub", "mul", "div", "floor_divide", "rsub"}
# PyTorch's `max(input, Tensor other)` / `min(...)` overloads are the elementwise ops.
_TENSOR_OTHER_OVERLOADS = {"max": "maximum", "min": "minimum"}
# torch.<op> written in Python in PyTorch (torch/functional.py), with its own keyword names.
_PYTHON_FUNCTION_NAMES = {"split": {"self": "tensor", "split_size": "split_size_or_sections"}}
_SCALAR_OVERLOADED = {"other", "exponent", "min", "max", "value", "end", "mask"}
# Tensor parameters that also take a Python number (a Scalar overload, or a wrapped number).
_NUMBER_FRIENDLY = _SCALAR_OVERLOADED | {"self", "weight", "condition"}


def _type_name(value):
    """How PyTorch names a Python value's type in its argument errors (Py_TYPE(obj)->tp_name)."""
    if isinstance(value, _dtype.dtype):
        return "torch.dtype"
    if isinstance(value, Size):
        return "torch.Size"
    return type(value).__name__  # "Tensor", "Parameter", "int", "tuple", ...


def _is_int(value):
    return isinstance(value, builtins.int) or (
        not isinstance(value, (builtins.float, builtins.str, tuple, list)) and hasattr(value, "__index__")
    )


class _Binder:
    """Binds one op's Python arguments, as torch.<op> (`as_method=False`) or as Tensor.<op>."""

    def __init__(self, op_name, params, as_method):
        self.op_name = op_name
        self.params = params
        self.as_method = as_method
        names = [p["name"] for p in params]
        self.self_index = names.index("self") if as_method and "self" in names else None
        renamed = {} if as_method else _PYTHON_FUNCTION_NAMES.get(op_name, {})
        self.names = [renamed.get(n, "input" if n == "self" else n) for n in names]
        self.positional = [
            i for i, p in enumerate(params) if not p.get("keywordOnly") and i != self.self_index
        ]
        self.keywords = {n: i for i, n in enumerate(self.names) if i != self.self_index}
        for alias, canonical in NUMPY_ALIASES.items():
            if canonical in self.keywords and alias not in self.keywords:
                self.keywords[alias] = self.keywords[canonical]
        # python_arg_parser: a signature whose only positional parameter is an int list takes varargs.
        self.int_list_varargs = len(self.positional) == 1 and self._base_type(self.positional[0]).startswith(
            ("int[", "SymInt[")
        )
        # PyTorch has several Python overloads for reductions and dim ops (named dims) and for
        # binary ops with a Scalar form; those raise "received an invalid combination" errors.
        self.overloaded = "dim" in names or "dim0" in names or (
            op_name not in _NUMBERS_AS_TENSORS
            and any(p["name"] in _SCALAR_OVERLOADED and p["type"].startswith(("Tensor", "Scalar")) for p in params)
        )

        self.takes_numbers = [op_name in _NUMBERS_AS_TENSORS or p["name"] in _NUMBER_FRIENDLY for p in params]
        self.converters = [_converter(p, self.takes_numbers[i], i) for i, p in enumerate(params)]
        # The common call, every argument positional and in signature order, binds without the
        # general bookkeeping: how many leading arguments qualify, and from which count on the
        # parameters left out all have defaults.
        order = ([] if self.self_index is None else [self.self_index]) + self.positional
        self.in_order = 0
        while self.in_order < len(order) and order[self.in_order] == self.in_order:
            self.in_order += 1
        self.fewest = len(params)
        while self.fewest > 0 and (params[self.fewest - 1].get("optional") or "default" in params[self.fewest - 1]):
            self.fewest -= 1

    def _base_type(self, index):
        return self.params[index]["type"].replace("?", "")

    def fail(self, args, kwargs, specific):
        """PyTorch's TypeError: its specific text when one overload is plausible, else the summary."""
        # PyTorch names one overload's error when only one fits the argument count; for these
        # ops that is the call with the input alone.
        if self.overloaded and len(args) + len(kwargs) > 1:
            shown = list(args[1:] if self.self_index is not None else args)
            parts = [_type_name(v) for v in shown]
            keyword_parts = [f"{k}={_type_name(v)}" for k, v in kwargs.items()]
            got = ", ".join(parts + keyword_parts) if parts else "".join(p + ", " for p in keyword_parts)
            raise TypeError(
                f"{self.op_name}() received an invalid combination of arguments - got ({got}), but expected one of:"
            )
        raise TypeError(specific)

    def bind(self, args, kwargs):
        """(bound engine arguments in signature order, the `out=` value or None)."""
        if not kwargs and self.fewest <= len(args) <= self.in_order and not self.int_list_varargs:
            bound = []
            for convert, value in zip(self.converters, args):
                converted = None if value is None else convert(value)
                if converted is _MISSING:
                    break  # the general path below words the error
                bound.append(converted)
            else:
                return bound, None
        values = [_MISSING] * len(self.params)
        rest = args
        if self.self_index is not None:
            values[self.self_index] = args[0]
            rest = args[1:]
        if self.int_list_varargs and (len(rest) > 1 or (len(rest) == 1 and _is_int(rest[0]))):
            rest = (tuple(rest),)
        if len(rest) > len(self.positional):
            n = len(self.positional)
            self.fail(args, kwargs, f"{self.op_name}() takes {n} positional argument{'s' if n != 1 else ''} but {len(rest)} were given")
        for index, value in zip(self.positional, rest):
            values[index] = value
        out = None
        unexpected = []
        for key, value in kwargs.items():
            if key == "out" and not self.as_method:
                out = value
                continue
            index = self.keywords.get(key)
            if index is None:
                unexpected.append(key)
                continue
            if values[index] is not _MISSING:
                self.fail(args, kwargs, f"{self.op_name}() got multiple values for argument '{self.names[index]}'")
            values[index] = value
        bound = []
        for index, (param, value) in enumerate(zip(self.params, values)):
            if value is _MISSING:
                if not param.get("optional") and "default" not in param:
                    self.fail(args, kwargs, f'{self.op_name}() missing 1 required positional arguments: "{self.names[index]}"')
                bound.append(None)
                continue
            converted = None if value is None else self.converters[index](value)
            if converted is _MISSING:
                self._wrong_type(args, kwargs, index, value, param)
            else:
                bound.append(converted)
        # As in python_arg_parser, missing and mistyped arguments are reported before unknown keywords.
        if unexpected:
            self.fail(args, kwargs, f"{self.op_name}() got an unexpected keyword argument '{unexpected[0]}'")
        return bound, out

    def _wrong_type(self, args, kwargs, index, value, param):
        name = self.names[index]
        by_keyword = any(self.keywords.get(k) == index for k in kwargs)
        # Positions count from 1 and, for methods, leave the tensor itself out (as PyTorch does).
        where = "" if by_keyword else f" (position {self.positional.index(index) + 1})"
        expected = _expected_text(param["type"])
        self.fail(args, kwargs, f"{self.op_name}(): argument '{name}'{where} must be {expected}, not {_type_name(value)}")


def _expected_text(kind):
    kind = kind.replace("?", "")
    if kind.startswith("Tensor[]") or kind.startswith("Tensor[") and "]" in kind:
        return "tuple of Tensors"
    if kind.startswith("Tensor"):
        return "Tensor"
    if kind.startswith(("int[", "SymInt[")):
        return "tuple of ints"
    if kind.startswith("ScalarType"):
        return "torch.dtype"
    if kind.startswith("Generator"):
        return "torch.Generator"
    if kind.startswith("Scalar"):
        return "Number"
    return {"SymInt": "int", "str": "str"}.get(kind, kind)


def _is_number(value):
    return isinstance(value, (builtins.bool, builtins.int, builtins.float))


def _converter(param, takes_numbers, param_position):
    """The function giving one parameter's engine value for a Python value (never None), or
    _MISSING when the value's type does not fit. Chosen once per parameter: calls only convert."""
    kind = param["type"]
    if kind.startswith("Generator"):

        def generator(value):
            from ._generator import Generator

            return value._engine if isinstance(value, Generator) else _MISSING

        return generator
    if kind.startswith("Tensor[]") or kind.startswith("Tensor?[]"):
        optional_items = kind.startswith("Tensor?")

        def tensor_list(value):
            if not isinstance(value, (tuple, list)):
                return _MISSING
            for position, v in enumerate(value):
                if not isinstance(v, Tensor) and not (v is None and optional_items):
                    raise TypeError(f"expected Tensor as element {position} in argument {param_position}, but got {type(v).__name__}")
            return js_list([None if v is None else v._t for v in value])

        return tensor_list
    if kind.startswith("Tensor"):

        def tensor(value):
            if isinstance(value, Tensor):
                return value._tid  # the engine's caller takes tensors by id (tensor-table.ts)
            if takes_numbers and _is_number(value):
                return as_engine_tensor(value)
            return _MISSING

        return tensor
    if kind.startswith("ScalarType"):
        return lambda value: _dtype.engine_name(value) if isinstance(value, _dtype.dtype) else _MISSING
    if kind.startswith("int[") or kind.startswith("SymInt["):

        def int_list(value):
            if _is_int(value):
                return js_list([value.__index__()])
            if not isinstance(value, (tuple, list)) or not all(_is_int(v) for v in value):
                return _MISSING
            return js_list([v.__index__() for v in value])

        return int_list
    if kind.startswith("Scalar"):
        return lambda value: value.item() if isinstance(value, Tensor) else value if _is_number(value) else _MISSING
    if kind.startswith("bool"):
        return lambda value: builtins.bool(value) if isinstance(value, (builtins.bool, builtins.int, Tensor)) else _MISSING
    if kind.startswith("int") or kind.startswith("SymInt"):

        def integer(value):
            if isinstance(value, Tensor):
                return builtins.int(value.item())
            return value.__index__() if _is_int(value) else _MISSING

        return integer
    if kind.startswith("float"):

        def real(value):
            if isinstance(value, Tensor):
                return value.item()
            return builtins.float(value) if isinstance(value, (builtins.int, builtins.float)) else _MISSING

        return real
    if kind.startswith("str"):
        return lambda value: value if isinstance(value, builtins.str) else _MISSING
    return lambda value: value


def _make(op_name, params, returns, as_method):
    named = named_return(op_name, returns) if returns else None
    binder = _Binder(op_name, params, as_method)
    tensor_params = [i for i, p in enumerate(params) if p["type"].startswith("Tensor")]

    elementwise = _TENSOR_OTHER_OVERLOADS.get(op_name)

    engine_op = None  # the op's engine caller, fetched on first use (most ops are never called)

    def op(*args, **kwargs):
        nonlocal engine_op
        if elementwise is not None and _is_tensor_other(args, kwargs):
            return _elementwise_overload(elementwise, as_method)(*args, **kwargs)
        bound, out = binder.bind(args, kwargs)
        if out is not None:
            inputs = [v for i in tensor_params for v in _tensors_in(args, kwargs, binder, i)]
            check_no_grad(op_name, inputs, out)
        if engine_op is None:
            engine_op = E.opCallerById(op_name)
        try:
            result = engine_op(*bound)
        except JsException as exc:
            raise_from_js(exc)
        result = _wrap_id(result) if type(result) is builtins.int else wrap_result(result)
        if out is not None:
            result = write_out(op_name, result, out)
            if returns and isinstance(result, (tuple, list)):
                return named_return(op_name + "_out", returns)(tuple(result))
        # max(dim=...) returns (values, indices) as torch.return_types.max; max() a plain Tensor.
        if named is not None and isinstance(result, tuple):
            return named(result)
        return result

    op.__name__ = op_name
    op.__qualname__ = ("Tensor." if as_method else "") + op_name
    op._binder = binder
    return op


def _is_tensor_other(args, kwargs):
    return (len(args) > 1 and isinstance(args[1], Tensor)) or isinstance(kwargs.get("other"), Tensor)


def _elementwise_overload(name, as_method):
    import torch  # at call time: torch.maximum is installed after torch.max

    return getattr(Tensor if as_method else torch, name)


def _tensors_in(args, kwargs, binder, index):
    """The Tensors the caller passed for parameter `index` (for the out= autograd check)."""
    values = [v for k, v in kwargs.items() if binder.keywords.get(k) == index]
    if index == binder.self_index:
        values.append(args[0])
    elif index in binder.positional:
        slot = binder.positional.index(index) + (1 if binder.self_index is not None else 0)
        if slot < len(args):
            values.append(args[slot])
    flat = []
    for v in values:
        flat.extend(v if isinstance(v, (tuple, list)) else [v])
    return [v for v in flat if isinstance(v, Tensor)]


def install(namespace):
    """Adds every op of the table to `namespace` (the torch module) and to Tensor as methods."""
    for info in E.opSignatures().to_py():
        name = info["name"]
        params = info["params"]
        returns = info.get("returns") or ()
        if info.get("function") and name not in namespace:
            namespace[name] = _make(name, params, returns, as_method=False)
        if info.get("method") and not hasattr(Tensor, name):
            setattr(Tensor, name, _make(name, params, returns, as_method=True))
