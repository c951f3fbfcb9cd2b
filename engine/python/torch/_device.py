"""torch.device and the CPU-only device rules: Gradscope runs on the CPU, like a CPU build of PyTorch.

Moving a tensor to CUDA fails the way a CPU build of PyTorch 2.x fails (an AssertionError from
torch.cuda's lazy init), so course code that checks `torch.cuda.is_available()` first keeps working.
"""
import builtins

# PyTorch 2.x's list of device types, in its own order (c10/core/DeviceType.cpp).
_DEVICE_TYPES = (
    "cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve", "fpga", "maia", "xla",
    "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone",
)
NO_CUDA = "Torch not compiled with CUDA enabled"


def _parse(text):
    kind, sep, index = text.partition(":")
    if kind not in _DEVICE_TYPES:
        raise RuntimeError(
            f"Expected one of {', '.join(_DEVICE_TYPES)} device type at start of device string: {kind}"
        )
    if not sep:
        return kind, None
    if not index.isdigit() or (len(index) > 1 and index[0] == "0"):
        raise RuntimeError(f"Invalid device string: '{text}'")
    return kind, builtins.int(index)


class device:
    """torch.device('cpu'): prints `cpu`, repr `device(type='cpu')`."""

    __slots__ = ("_type", "_index")
    __module__ = "torch"

    def __init__(self, type, index=None):
        if isinstance(type, device):
            kind, parsed = type._type, type._index
        elif isinstance(type, builtins.int) and not isinstance(type, builtins.bool):
            # torch.device(0) is the first CUDA device.
            kind, parsed = "cuda", type
        elif isinstance(type, str):
            kind, parsed = _parse(type)
        else:
            raise TypeError(f"device() received an invalid combination of arguments - got ({builtins.type(type).__name__})")
        if index is not None:
            if parsed is not None:
                raise RuntimeError(f"type (string) must not include an index because index was passed explicitly: {type}")
            if index < 0:
                raise RuntimeError("Device index must not be negative")
            parsed = index
        self._type = kind
        self._index = parsed

    @property
    def type(self):
        return self._type

    @property
    def index(self):
        return self._index

    def __str__(self):
        return self._type if self._index is None else f"{self._type}:{self._index}"

    def __repr__(self):
        if self._index is None:
            return f"device(type='{self._type}')"
        return f"device(type='{self._type}', index={self._index})"

    def __eq__(self, other):
        return isinstance(other, device) and other._type == self._type and other._index == self._index

    def __hash__(self):
        return hash((self._type, self._index))

    def __reduce__(self):
        return (device, (str(self),))

    # `with torch.device('cpu'):` sets the default device for factory functions, as in PyTorch 2.x.
    def __enter__(self):
        global _context_previous
        _context_previous.append(get_default_device())
        set_default_device(self)
        return self

    def __exit__(self, *exc):
        set_default_device(_context_previous.pop())
        return False


_context_previous = []
_default_device = None


def as_device(value):
    """A device from what `.to()` and `device=` accept: a torch.device, a string or a CUDA index."""
    return value if isinstance(value, device) else device(value)


def check_available(target):
    """Raises what a CPU build of PyTorch raises for a device other than the CPU."""
    if target.type == "cpu":
        return
    if target.type == "cuda":
        raise AssertionError(NO_CUDA)
    raise RuntimeError(f"PyTorch is not linked with support for {target.type} devices")


def set_default_device(value):
    """torch.set_default_device: only the CPU exists here, so 'cuda' fails as on a CPU build."""
    global _default_device
    if value is None:
        _default_device = None
        return
    target = as_device(value)
    check_available(target)
    _default_device = target


def get_default_device():
    """torch.get_default_device (PyTorch 2.3+): device(type='cpu')."""
    return _default_device if _default_device is not None else device("cpu")
