# Jacobians and Hessians with torch.autograd.functional.
import torch
from torch.autograd.functional import hessian, jacobian


def f(x):
    return (x ** 2).sum() + x[0] * x[1]


def g(x):
    return torch.stack([x[0] * x[1], x[1].exp(), x.sum()])


x = torch.tensor([1.0, 2.0])
print(jacobian(g, x))
print(hessian(f, x))
x64 = torch.tensor([0.5, -0.25], dtype=torch.float64)
print(jacobian(lambda v: v.tanh(), x64))
