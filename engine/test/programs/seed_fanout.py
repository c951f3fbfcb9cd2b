import torch

a = torch.tensor([2., 3.], requires_grad=True)
b = a * 2 + 3 * a
b.sum().backward()
print(a.grad)
