"""Tensor.to / .type / .cuda and the legacy tensor types (torch.FloatTensor, ...): dtype and device
conversions as a CPU build of PyTorch does them."""
import builtins

from . import _dtype
from ._device import as_device, check_available, device
from ._tensor import Tensor, _call_op

_LEGACY_NAMES = {"float32": "FloatTensor", "float64": "DoubleTensor", "int64": "LongTensor", "int32": "IntTensor",
                 "int16": "ShortTensor", "int8": "CharTensor", "uint8": "ByteTensor", "bool": "BoolTensor"}


class _TensorTypeMeta(type):
    """isinstance(x, torch.FloatTensor) asks for x's dtype, as PyTorch's tensor type objects do."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor) and obj.dtype is cls.dtype


def _legacy_type(engine_name):
    dtype = _dtype.from_engine(engine_name)

    def __new__(cls, *args):
        from ._creation import empty, tensor

        if len(args) == 1 and isinstance(args[0], (list, tuple)) and not isinstance(args[0], Tensor):
            return tensor(args[0], dtype=dtype)
        if len(args) == 1 and isinstance(args[0], Tensor):
            return args[0].to(dtype)
        return empty(*args, dtype=dtype) if args else empty(0, dtype=dtype)

    return _TensorTypeMeta(_LEGACY_NAMES[engine_name], (), {"__new__": __new__, "dtype": dtype, "__module__": "torch"})


LEGACY_TYPES = {name: _legacy_type(engine) for engine, name in _LEGACY_NAMES.items()}
_BY_TYPE_STRING = {f"torch.{name}": cls for name, cls in LEGACY_TYPES.items()}


def _parse_to_args(self, args, kwargs):
    """(dtype or None, device or None, copy) from any of Tensor.to's three signatures."""
    target_dtype = kwargs.pop("dtype", None)
    target_device = kwargs.pop("device", None)
    copy = builtins.bool(kwargs.pop("copy", False))
    kwargs.pop("non_blocking", None)
    kwargs.pop("memory_format", None)
    if kwargs:
        raise TypeError(f"to() received an invalid combination of arguments - got an unexpected keyword argument '{next(iter(kwargs))}'")
    flags = []
    for position, arg in enumerate(args):
        if isinstance(arg, builtins.bool) and position > 0:
            flags.append(arg)  # non_blocking, then copy
        elif isinstance(arg, _dtype.dtype):
            target_dtype = arg
        elif isinstance(arg, Tensor):
            target_dtype, target_device = arg.dtype, arg.device
        elif isinstance(arg, (str, device, builtins.int)) and position == 0:
            target_device = arg
        else:
            names = ", ".join(builtins.type(a).__name__ for a in args)
            raise TypeError(f"to() received an invalid combination of arguments - got ({names})")
    if len(flags) >= 2:
        copy = flags[1]
    if target_device is not None:
        target_device = as_device(target_device)
        check_available(target_device)
    return target_dtype, copy


def to(self, *args, **kwargs):
    target_dtype, copy = _parse_to_args(self, args, dict(kwargs))
    if target_dtype is None or target_dtype is self.dtype:
        return self.clone() if copy else self
    return _call_op("to", self._t, target_dtype._name)


def cuda(self, device=None, non_blocking=False, memory_format=None):
    raise AssertionError("Torch not compiled with CUDA enabled")


def type(self, dtype=None, non_blocking=False, **kwargs):
    """x.type() is 'torch.FloatTensor'; x.type(torch.float64), x.type('torch.DoubleTensor') convert."""
    if dtype is None:
        return self._t.typeName()
    if isinstance(dtype, str):
        if dtype.startswith("torch.cuda."):
            raise AssertionError("Torch not compiled with CUDA enabled")
        legacy = _BY_TYPE_STRING.get(dtype)
        if legacy is None:
            raise ValueError(f"invalid type: '{dtype}'")
        dtype = legacy.dtype
    elif isinstance(dtype, _TensorTypeMeta):
        dtype = dtype.dtype
    elif not isinstance(dtype, _dtype.dtype):
        raise ValueError(f"invalid type: '{dtype}'")
    return self if dtype is self.dtype else _call_op("to", self._t, dtype._name)
