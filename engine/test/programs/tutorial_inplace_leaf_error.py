# In-place operations on a leaf that requires grad are refused.
import torch

w = torch.ones(3, requires_grad=True)
print(w)
with torch.no_grad():
    w.add_(1)
print(w)
w.mul_(2)
