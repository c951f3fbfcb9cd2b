"""Tensor.unsqueeze_, squeeze_, t_, transpose_: change the tensor's own shape and strides, as PyTorch's in-place view ops do.

A tensor that requires grad would need its grad_fn rebased onto the view (PyTorch records
UnsqueezeBackward1 and friends); that is not supported yet, and says so instead of giving a wrong graph.
"""
from ._engine import call
from ._grad_mode import is_grad_enabled, no_grad
from ._tensor import Tensor


def _inplace_view(name, view):
    def method(self, *args, **kwargs):
        if is_grad_enabled() and self.requires_grad:
            raise NotImplementedError(
                f"{name}() on a tensor that requires grad is not supported in Gradscope yet; "
                f"write x = x.{name[:-1]}(...) instead"
            )
        with no_grad():
            result = view(self, *args, **kwargs)
        call(self._t.setData, result._t)
        return self

    method.__name__ = name
    method.__qualname__ = "Tensor." + name
    return method


Tensor.unsqueeze_ = _inplace_view("unsqueeze_", Tensor.unsqueeze)
Tensor.squeeze_ = _inplace_view("squeeze_", Tensor.squeeze)
Tensor.t_ = _inplace_view("t_", Tensor.t)
Tensor.transpose_ = _inplace_view("transpose_", Tensor.transpose)
