import torch
import torch.autograd.forward_ad as fwAD

x = torch.tensor([1.0, 2.0, 3.0])
v = torch.tensor([1.0, 0.5, -1.0])
w = torch.tensor([0.5, -1.0, 2.0])
with fwAD.dual_level():
    dx = fwAD.make_dual(x, v)
    y = dx * dx
    z = y.sin()
    u = z * w
    s = u.sum()
    print(fwAD.unpack_dual(s).tangent)
