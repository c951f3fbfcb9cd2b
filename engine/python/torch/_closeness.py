"""torch.allclose / Tensor.allclose (a Python bool, over the op table's isclose) and Tensor.equal."""
import builtins

from ._creation import equal
from ._tensor import Tensor


def _check_tensor(name, value, position, param):
    if not isinstance(value, Tensor):
        raise TypeError(f"{name}(): argument '{param}' (position {position}) must be Tensor, not {type(value).__name__}")


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """True when every element of input is close to other's: |input - other| <= atol + rtol·|other|."""
    _check_tensor("allclose", input, 1, "input")
    _check_tensor("allclose", other, 2, "other")
    return builtins.bool(input.isclose(other, rtol=rtol, atol=atol, equal_nan=equal_nan).all().item())


def _equal_method(self, other):
    _check_tensor("equal", other, 1, "other")
    return equal(self, other)


Tensor.allclose = allclose
Tensor.equal = _equal_method
