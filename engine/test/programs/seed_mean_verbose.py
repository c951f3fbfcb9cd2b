import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(x)
y = x * 2
print(y)
z = y + 3
print(z)
w = z.mean()
print(w)
print(w.grad_fn.name(), y.grad_fn.name(), x.is_leaf, y.is_leaf, x.grad)
w.backward()
print(x.grad, x.grad.shape, x.grad.dtype)
print(w.item(), round(w.item(), 4))
