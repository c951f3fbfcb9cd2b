"""torch.Generator: a CPU random generator of its own, drawing PyTorch's exact streams.

Each Generator wraps one engine generator (an mt19937 with PyTorch's state layout); the default
one, `torch.default_generator`, is what `torch.manual_seed` seeds and what every random function
draws from unless it is given `generator=`.
"""
import builtins

from ._engine import E, call


class Generator:
    """`torch.Generator(device='cpu')`: starts from PyTorch's default seed, 67280421310721."""

    def __init__(self, device="cpu"):
        kind = str(getattr(device, "type", device)).split(":")[0]
        if kind != "cpu":
            raise RuntimeError(f"Gradscope runs on the CPU only: torch.Generator(device='{device}') is not available")
        self._engine = E.newGenerator()

    @classmethod
    def _wrapping(cls, engine_generator):
        self = cls.__new__(cls)
        self._engine = engine_generator
        return self

    @property
    def device(self):
        from . import device

        return device("cpu")

    def manual_seed(self, seed):
        """Seeds this generator and returns it (so `torch.Generator().manual_seed(42)` chains)."""
        if isinstance(seed, builtins.bool) or not hasattr(seed, "__index__"):
            raise RuntimeError(f"manual_seed expected a long, but got {_type_word(seed)}")
        value = seed.__index__()
        if value < -(1 << 63) or value >= 1 << 64:
            raise RuntimeError("Overflow when unpacking long")
        call(E.manualSeedFromString, str(value), self._engine)
        return self

    def initial_seed(self):
        return builtins.int(str(call(E.initialSeedString, self._engine)))

    def seed(self):
        """Reseeds from a non-deterministic source and returns the new seed."""
        import os

        value = builtins.int.from_bytes(os.urandom(8), "little")
        self.manual_seed(value)
        return value

    def get_state(self):
        """The 5056 bytes of PyTorch's CPUGeneratorImplState, as a tensor of byte values."""
        from ._creation import tensor
        from . import _dtype

        byte_dtype = getattr(_dtype, "uint8", _dtype.int64)
        return tensor(list(call(E.getRngState, self._engine).to_py()), dtype=byte_dtype)

    def set_state(self, new_state):
        """Restores a state from `get_state()` here or in PyTorch (either of PyTorch's two layouts)."""
        from ._tensor import Tensor

        if isinstance(new_state, (bytes, bytearray)):
            values = list(new_state)
        elif isinstance(new_state, Tensor) and not new_state.is_floating_point() and new_state.dim() == 1:
            values = [builtins.int(v) for v in new_state.tolist()]
        else:
            raise TypeError("RNG state must be a torch.ByteTensor")
        if any(v < 0 or v > 255 for v in values):
            raise TypeError("RNG state must be a torch.ByteTensor")
        call(E.setRngState, _js_bytes(values), self._engine)
        return self

    def __reduce__(self):
        raise TypeError("cannot pickle 'torch._C.Generator' object")


Generator.__module__ = "torch._C"


def _js_bytes(values):
    from ._engine import js_list

    return js_list(values)


def _type_word(value):
    return {"float": "float", "str": "str", "bool": "bool", "NoneType": "None"}.get(type(value).__name__, type(value).__name__)


default_generator = Generator._wrapping(E.defaultGenerator)


def engine_generator(op_name, value):
    """The engine generator behind a `generator=` argument (None: the default one)."""
    if value is None:
        return None
    if isinstance(value, Generator):
        return value._engine
    raise TypeError(f"{op_name}(): argument 'generator' must be torch.Generator, not {type(value).__name__}")
