"""The rebuild functions that PyTorch checkpoints call by name (torch._utils._rebuild_tensor_v2, ...).

The names and argument lists are PyTorch's (torch/_utils.py), so a checkpoint written by either
PyTorch or Gradscope unpickles in the other.
"""
from ._engine import E, call, js_list
from ._tensor import _wrap


def _rebuild_tensor(storage, storage_offset, size, stride):
    """storage is a torch.load storage (a `LoadedStorage`); returns a tensor viewing it."""
    return _wrap(
        call(E.tensorOnStorage, storage.js, js_list(size), js_list(stride), storage_offset, storage.dtype._name)
    )


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks, metadata=None):
    tensor = _rebuild_tensor(storage, storage_offset, size, stride)
    tensor.requires_grad = requires_grad
    return tensor


def _rebuild_parameter(data, requires_grad, backward_hooks):
    from .nn.parameter import Parameter

    return Parameter(data, requires_grad)


def _rebuild_parameter_with_state(data, requires_grad, backward_hooks, state):
    param = _rebuild_parameter(data, requires_grad, backward_hooks)
    for key, value in (state or {}).items():
        setattr(param, key, value)
    return param
