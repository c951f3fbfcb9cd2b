# In-place ops that PyTorch also offers as torch functions (torch.sin_, torch.zero_ ...), and those it does not.
import torch
x = torch.tensor([0.5, 1.5])
print(torch.sin_(x), torch.floor_(torch.tensor([1.5, -0.5])), torch.zero_(torch.ones(2)), torch.fill_(torch.ones(2), 3.0))
print(torch.index_put_(torch.zeros(3), (torch.tensor([1]),), torch.tensor(5.0)))
print(hasattr(torch, "remainder_"), hasattr(torch, "copy_"), hasattr(torch, "silu_"))
