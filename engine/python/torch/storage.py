"""The storage types that PyTorch checkpoints name (torch.FloatStorage, ...).

A checkpoint's pickle refers to each tensor's memory as ('storage', torch.FloatStorage, key,
location, numel); the class tells the element type. Gradscope has no storage objects of its own:
these classes only carry that dtype through torch.save and torch.load.
"""
from . import _dtype

# PyTorch's legacy storage names, and the dtype each holds (None: a dtype Gradscope lacks).
_STORAGE_DTYPES = {
    "FloatStorage": "float32", "DoubleStorage": "float64", "LongStorage": "int64", "IntStorage": "int32",
    "BoolStorage": "bool", "HalfStorage": None, "BFloat16Storage": None, "ByteStorage": "uint8",
    "CharStorage": "int8", "ShortStorage": "int16", "ComplexFloatStorage": None, "ComplexDoubleStorage": None,
    "UntypedStorage": None,
}


class _LegacyStorage:
    """A storage type named in checkpoints; `dtype` is None for element types Gradscope lacks."""

    dtype = None

    def __init__(self, *args, **kwargs):
        raise RuntimeError(f"torch.{type(self).__name__} objects are not supported in Gradscope; save and load tensors instead")


def _make(name, engine_dtype):
    attrs = {"__module__": "torch", "__qualname__": name}
    attrs["dtype"] = _dtype.from_engine(engine_dtype) if engine_dtype else None
    return type(name, (_LegacyStorage,), attrs)


STORAGE_TYPES = {name: _make(name, engine) for name, engine in _STORAGE_DTYPES.items()}
BY_DTYPE = {cls.dtype._name: cls for cls in STORAGE_TYPES.values() if cls.dtype is not None}
