"""torch.dtype objects: printed as PyTorch prints them, mapped to the engine's dtype names."""


class dtype:
    __slots__ = ("_name", "_torch_name", "is_floating_point", "is_signed", "itemsize")
    # Pickled as `torch.float32` (checkpoints name dtypes so), and type(torch.float32) is torch.dtype.
    __module__ = "torch"

    def __init__(self, name, torch_name, is_floating_point, is_signed, itemsize):
        self._name = name
        self._torch_name = torch_name
        self.is_floating_point = is_floating_point
        self.is_signed = is_signed
        self.itemsize = itemsize

    def __repr__(self):
        return "torch." + self._torch_name

    __str__ = __repr__

    def __reduce__(self):
        return self._torch_name


float32 = dtype("float32", "float32", True, True, 4)
float64 = dtype("float64", "float64", True, True, 8)
int64 = dtype("int64", "int64", False, True, 8)
int32 = dtype("int32", "int32", False, True, 4)
int16 = dtype("int16", "int16", False, True, 2)
int8 = dtype("int8", "int8", False, True, 1)
uint8 = dtype("uint8", "uint8", False, False, 1)
bool = dtype("bool", "bool", False, False, 1)

float = float32
double = float64
long = int64
int = int32
short = int16

BY_ENGINE_NAME = {d._name: d for d in (float32, float64, int64, int32, int16, int8, uint8, bool)}
ALL = ("float32", "float64", "int64", "int32", "int16", "int8", "uint8", "bool", "float", "double", "long", "int", "short")


def from_engine(name):
    return BY_ENGINE_NAME[name]


def engine_name(d):
    if d is None:
        return None
    if isinstance(d, dtype):
        return d._name
    raise TypeError(f"dtype must be torch.dtype, not {type(d).__name__}")
