# Which ops pass a tangent on: copies and casts do, detach, comparisons, argmax, zeros_like and .data do not; floor's is zero.
import torch
import torch.autograd.forward_ad as fwAD
with fwAD.dual_level():
    d = fwAD.make_dual(torch.tensor([1., 2.]), torch.tensor([3., 4.]))
    print(fwAD.unpack_dual(d.detach()).tangent)
    print(fwAD.unpack_dual(d.clone()).tangent)
    print(fwAD.unpack_dual(d.to(torch.float64)).tangent)
    print(fwAD.unpack_dual(d.sum(0, keepdim=True)).tangent)
    print(fwAD.unpack_dual(torch.zeros_like(d)).tangent)
    print(fwAD.unpack_dual(d > 1).tangent)
    print(fwAD.unpack_dual(d.argmax()).tangent)
    print(fwAD.unpack_dual(d.max()).tangent)
    print(fwAD.unpack_dual(d.floor()).tangent)
    print(fwAD.unpack_dual(torch.nn.functional.dropout(d, 0.0)).tangent)
    print(fwAD.unpack_dual(d.split(1)[1]).tangent)
    print(fwAD.unpack_dual(d.unbind()[0]).tangent)
    print(fwAD.unpack_dual(d[0].item() * torch.ones(1)).tangent)
    print(d.data)
    print([fwAD.unpack_dual(x).tangent for x in d.chunk(2)])
