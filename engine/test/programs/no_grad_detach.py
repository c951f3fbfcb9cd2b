import torch

x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
with torch.no_grad():
    y = x * 2
print(y, y.requires_grad)
d = x.detach()
d[0, 0] = 10.
print(x)
print(torch.is_grad_enabled())
w = torch.tensor([[0.5], [-1.0]], requires_grad=True)
out = torch.sigmoid(x @ w).sum()
out.backward()
print(w.grad)
print(x.grad)
