"""copy.deepcopy of tensors and Parameters, as PyTorch does it (`Tensor.__deepcopy__`).

Needed because tensors pickle through a storage reference (torch.save's form), which deepcopy
would otherwise follow. Views deep-copied together still share one new storage, and `.grad` is
copied too; a non-leaf tensor refuses, in PyTorch's words.
"""
from ._engine import E, call, js_list
from ._tensor import Tensor, _wrap


def _copy_storage(tensor, memo):
    key = ("gradscope storage", call(E.storageKey, tensor._t))
    storage = memo.get(key)
    if storage is None:
        storage = call(E.storageFromBytes, call(E.storageBytes, tensor._t), tensor.dtype._name)
        memo[key] = storage
    return storage


def _tensor_deepcopy(self, memo):
    if not self.is_leaf:
        raise RuntimeError(
            "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  "
            "If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, "
            "see https://github.com/pytorch/pytorch/pull/103001"
        )
    if id(self) in memo:
        return memo[id(self)]
    storage = _copy_storage(self, memo)
    copied = _wrap(
        call(E.tensorOnStorage, storage, js_list(self.shape), js_list(self.stride()), self.storage_offset(), self.dtype._name)
    )
    copied.requires_grad = self.requires_grad
    if self.grad is not None:
        copied.grad = _tensor_deepcopy(self.grad, memo)
    memo[id(self)] = copied
    return copied


def _parameter_deepcopy(self, memo):
    if id(self) in memo:
        return memo[id(self)]
    result = type(self)(self.data.clone(), self.requires_grad)
    memo[id(self)] = result
    return result


def install():
    from .nn.parameter import Parameter

    Tensor.__deepcopy__ = _tensor_deepcopy
    Parameter.__deepcopy__ = _parameter_deepcopy
