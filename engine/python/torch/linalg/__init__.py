"""torch.linalg: the op table's `linalg_<name>` ops under PyTorch's short names (as torch._C._linalg binds them)."""
import torch as _torch

# PyTorch has no torch.linalg_cross: the op is reached only from here.
cross = vars(_torch).pop("linalg_cross")
matmul = _torch.matmul
