# Higher-order derivatives: create_graph, double backward, and torch.autograd.functional.

# %% second_derivative_cubic
import torch
x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
(dy,) = torch.autograd.grad(y, x, create_graph=True)
(d2y,) = torch.autograd.grad(dy, x)
print(dy, d2y)

# %% third_derivative_sin
import torch
x = torch.tensor(0.5, requires_grad=True)
g = torch.sin(x)
for order in range(1, 4):
    (g,) = torch.autograd.grad(g, x, create_graph=True)
    print(order, g)

# %% backward_create_graph_then_grad_of_grad
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x ** 3).sum()
y.backward(create_graph=True)
print(x.grad.detach(), x.grad.requires_grad)
g = x.grad.sum()
x.grad = None
g.backward()
print(x.grad)

# %% gradient_penalty_style
import torch
w = torch.tensor([1.0, -2.0], requires_grad=True)
x = torch.tensor([0.5, 0.5], requires_grad=True)
out = (w * x).tanh().sum()
(gx,) = torch.autograd.grad(out, x, create_graph=True)
penalty = (gx ** 2).sum()
penalty.backward()
print(gx)
print(w.grad)

# %% double_backward_of_exp_and_sigmoid
import torch
x = torch.tensor([0.0, 1.0], requires_grad=True)
(g,) = torch.autograd.grad(torch.sigmoid(x).sum(), x, create_graph=True)
(h,) = torch.autograd.grad(g.sum(), x)
print(g, h)

# %% mixed_partial
import torch
x = torch.tensor(1.0, requires_grad=True)
y = torch.tensor(2.0, requires_grad=True)
f = x ** 2 * y ** 3
(fx,) = torch.autograd.grad(f, x, create_graph=True)
(fxy,) = torch.autograd.grad(fx, y)
print(fx, fxy)

# %% functional_jacobian
import torch
from torch.autograd.functional import jacobian

def f(x):
    return torch.stack([x[0] * x[1], x[0] + torch.sin(x[1])])

print(jacobian(f, torch.tensor([1.0, 2.0])))

# %% functional_jacobian_two_inputs
import torch
from torch.autograd.functional import jacobian

def f(a, b):
    return a * b + a

J = jacobian(f, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])))
print(J)

# %% functional_hessian
import torch
from torch.autograd.functional import hessian

def f(x):
    return (x ** 3).sum() + x[0] * x[1]

print(hessian(f, torch.tensor([1.0, 2.0])))

# %% functional_vjp_jvp
import torch
from torch.autograd.functional import vjp, jvp

def f(x):
    return x ** 2

x = torch.tensor([1.0, 2.0, 3.0])
v = torch.tensor([1.0, 1.0, 0.5])
print(vjp(f, x, v))
print(jvp(f, x, v))

# %% hessian_of_quadratic_form
import torch
from torch.autograd.functional import hessian
A = torch.tensor([[2.0, 1.0], [1.0, 3.0]])
print(hessian(lambda x: x @ A @ x, torch.tensor([0.5, -0.5])))

# %% grad_of_grad_without_create_graph_errors
import torch
x = torch.tensor(2.0, requires_grad=True)
(g,) = torch.autograd.grad(x ** 2, x)
print(g.requires_grad)
try:
    torch.autograd.grad(g, x)
except RuntimeError as e:
    print(type(e).__name__, e)
