"""nn.Parameter: a leaf tensor that a Module registers as one of its parameters."""
from .._engine import call
from .._tensor import Tensor, _adopt


class Parameter(Tensor):
    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            from .._creation import empty

            data = empty(0)
        parameter = object.__new__(cls)
        _adopt(parameter, call(data._t.detach))
        parameter.requires_grad_(requires_grad)
        return parameter

    def __init__(self, data=None, requires_grad=True):
        pass

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    def __reduce_ex__(self, proto):
        # PyTorch's form, so checkpoints load in either: torch._utils._rebuild_parameter(data, requires_grad, hooks).
        from collections import OrderedDict

        from .. import _utils

        return (_utils._rebuild_parameter, (self.data, self.requires_grad, OrderedDict()))
