# A tangent computed from primals that require grad is itself differentiable (its grad_fn shows).
import torch
import torch.autograd.forward_ad as fwAD

torch.manual_seed(0)
p = torch.randn(2, 2, requires_grad=True)
q = torch.randn(2, 2)
x = torch.randn(3, 2)
b = torch.randn(2, requires_grad=True)
with fwAD.dual_level():
    d = fwAD.make_dual(p, torch.ones(2, 2))
    e = fwAD.make_dual(q, torch.ones(2, 2))
    print(d)
    for name, out in [("mul scalar", d * 2), ("div scalar", d / 2), ("add", d + 2), ("mm", x.mm(d)),
                      ("linear", torch.nn.functional.linear(x, d, b)), ("sum", d.sum()), ("index", d[0]),
                      ("exp", d.exp()), ("sin", d.sin()), ("tanh", d.tanh()), ("sigmoid", d.sigmoid()),
                      ("relu", d.relu()), ("pow", d ** 2), ("t", d.t()), ("plain mm", x.mm(e)), ("mixed", e * p)]:
        print(name, fwAD.unpack_dual(out).tangent)
    loss = fwAD.unpack_dual((d ** 3).sum()).tangent
    loss.backward()
    print(p.grad)
