# Source: pytorch/pytorch docs/source/notes/autograd.rst ("In-place operations with autograd", "In-place correctness checks") and docs/source/autograd.rst ("Tensor autograd functions": register_hook, retain_grad, is_leaf); seeded
import torch
torch.manual_seed(0)

a = torch.randn(3, requires_grad=True)
b = a.sin()
c = b.sin()
print(c._version)
c.mul_(2)
print(c._version)
c.sum().backward()
print(a.grad)

# Every tensor keeps a version counter; saved tensors are checked against it in backward.
x = torch.randn(3, requires_grad=True)
y = x.exp()
y.add_(1)
try:
    y.sum().backward()
except RuntimeError as e:
    print(str(e).split('\n')[0].split(': ')[0])

y = x.sigmoid()
z = y * 2
y.mul_(3)
try:
    z.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", str(e)[:75])

try:
    x.add_(1)
except RuntimeError as e:
    print(e)

# Leaf tensors, retain_grad and hooks
a = torch.rand(10, requires_grad=True)
print(a.is_leaf)
b = torch.rand(10, requires_grad=True) + 2
print(b.is_leaf)
c = torch.rand(10, requires_grad=True).double()
print(c.is_leaf)

v = torch.tensor([0., 0., 0.], requires_grad=True)
h = v.register_hook(lambda grad: grad * 2)  # double the gradient
v.backward(torch.tensor([1., 2., 3.]))
print(v.grad)
h.remove()  # removes the hook

x = torch.tensor([1., 2.], requires_grad=True)
y = x * x
y.retain_grad()
y.register_hook(lambda g: print("hook sees", g))
y.sum().backward()
print(y.grad, x.grad, y.is_leaf, y.grad_fn.name())
