# Modifying a tensor that backward needs is caught by its version counter.
import torch

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a.sigmoid()
c = b * 3
print(b._version)
b.mul_(2)
print(b._version)
c.sum().backward()
print(a.grad)
b2 = a.exp()
b2.add_(1)
b2.sum().backward()
