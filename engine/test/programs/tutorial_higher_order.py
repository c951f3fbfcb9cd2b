# Higher-order derivatives with torch.autograd.grad(create_graph=True).
import torch

x = torch.tensor(1.5, requires_grad=True)
y = x ** 3 + 2 * x ** 2
dy, = torch.autograd.grad(y, x, create_graph=True)
print(dy)
d2y, = torch.autograd.grad(dy, x, create_graph=True)
print(d2y)
d3y, = torch.autograd.grad(d2y, x)
print(d3y)

w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
f = (w.sin() * w).sum()
g, = torch.autograd.grad(f, w, create_graph=True)
print(g)
penalty = g.pow(2).sum()
penalty.backward()
print(w.grad)
