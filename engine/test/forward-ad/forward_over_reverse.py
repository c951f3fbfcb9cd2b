# Forward over reverse: a backward pass run inside a dual level carries tangents (Hessian-vector products).
import torch
import torch.autograd.forward_ad as fwAD
w = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)
with fwAD.dual_level():
    x = fwAD.make_dual(torch.tensor([1.0, 2.0], dtype=torch.float64), torch.tensor([1.0, 0.0], dtype=torch.float64))
    y = (x * w).tanh().sum()
    print(y)
    g, = torch.autograd.grad(y, w, create_graph=False)
    print(g)
    print(fwAD.unpack_dual(g))
    y2 = (x * w).tanh().sum()
    y2.backward()
    print(fwAD.unpack_dual(w.grad))


def f(x):
    return (x.sin() * x).sum()


x0 = torch.tensor([0.3, -1.2, 2.0], dtype=torch.float64)
v0 = torch.tensor([1.0, 0.5, -1.0], dtype=torch.float64)
grad_out, hvp = torch.func.jvp(torch.func.grad(f), (x0,), (v0,))
print(grad_out, hvp)
print(torch.func.hessian(f)(x0) @ v0)
print(torch.autograd.functional.hvp(f, x0, v0)[1])
