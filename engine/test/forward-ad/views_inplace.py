# Views carry their tangents as views; in-place ops update tangents in place.
import torch
import torch.autograd.forward_ad as fwAD

with fwAD.dual_level():
    x = fwAD.make_dual(torch.zeros(2, 3, dtype=torch.float64), torch.arange(6.0, dtype=torch.float64).reshape(2, 3))
    for name, v in [("row", x[1]), ("col", x[:, 1]), ("t", x.t()), ("view", x.view(3, 2)), ("unsqueeze", x.unsqueeze(0)),
                    ("expand", x[0:1].expand(2, 3)), ("permute", x.permute(1, 0)), ("reshape", x.reshape(-1)),
                    ("select", x.select(1, 2)), ("narrow", x.narrow(1, 1, 2)), ("flatten", x.flatten())]:
        print(name, fwAD.unpack_dual(v).tangent)
    v = x[:, 1:]
    v.mul_(10)
    print(fwAD.unpack_dual(x).tangent)
    y = torch.ones(4, dtype=torch.float64)
    y[1:].copy_(fwAD.make_dual(torch.zeros(3, dtype=torch.float64), torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)))
    print(fwAD.unpack_dual(y))
    z = torch.zeros(3, dtype=torch.float64)
    z.add_(x[0])
    print(fwAD.unpack_dual(z).tangent)
    w = fwAD.make_dual(torch.tensor([1.0, -2.0, 3.0], dtype=torch.float64), torch.tensor([1.0, 1.0, 1.0], dtype=torch.float64))
    w.relu_()
    print(w)
    idx = torch.tensor([2, 0])
    print(fwAD.unpack_dual(x[idx % 2]).tangent)
    print(fwAD.unpack_dual(torch.cat([x, torch.ones(1, 3, dtype=torch.float64)])).tangent)
    print(fwAD.unpack_dual(torch.stack([x[0], x[1] * 0 + 1])).tangent)
