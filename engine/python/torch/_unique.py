"""torch.unique / Tensor.unique: the outputs of the op table's `_unique2` that the caller asked for, as torch/functional.py returns them."""
import builtins

from ._tensor import Tensor


def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    import torch

    if dim is not None:
        raise NotImplementedError("torch.unique(dim=...) is not supported in Gradscope yet; flatten the tensor or use unique() without dim")
    output, inverse, counts = torch._unique2(input, builtins.bool(sorted), builtins.bool(return_inverse), builtins.bool(return_counts))
    if return_inverse and return_counts:
        return output, inverse, counts
    if return_inverse:
        return output, inverse
    if return_counts:
        return output, counts
    return output


Tensor.unique = unique
