# Dual tensors: levels, make_dual / unpack_dual, printing, errors in PyTorch's words.
import torch
import torch.autograd.forward_ad as fwAD

p = torch.tensor([1.0, 2.0, 3.0])
t = torch.tensor([0.5, -1.0, 2.0])


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


attempt("outside a level:", lambda: fwAD.make_dual(p, t))
print(fwAD.unpack_dual(p))
with fwAD.dual_level() as level:
    print("level", level)
    d = fwAD.make_dual(p, t)
    print(d)
    print(repr(fwAD.unpack_dual(d)))
    primal, tangent = fwAD.unpack_dual(d)
    print(primal, tangent is t, primal.data_ptr() == p.data_ptr())
    print(fwAD.unpack_dual(p).tangent)
    attempt("size:", lambda: fwAD.make_dual(p, torch.ones(2)))
    attempt("int primal:", lambda: fwAD.make_dual(torch.tensor([1, 2]), torch.ones(2)))
    attempt("int tangent:", lambda: fwAD.make_dual(p, torch.tensor([1, 2, 3])))
    attempt("nested:", lambda: fwAD.enter_dual_level())
    s = (d * d).sum()
    print(s)
    print(fwAD.unpack_dual(s).tangent)
    with torch.no_grad():
        print(fwAD.unpack_dual(d.exp()).tangent)
    # A tangent laid out differently from its primal is copied.
    m = torch.arange(6.0).reshape(2, 3)
    mt = torch.arange(6.0).reshape(3, 2).t()
    dm = fwAD.make_dual(m, mt)
    print(fwAD.unpack_dual(dm).tangent is mt, fwAD.unpack_dual(dm).tangent)
    out = d * 3
print(fwAD.unpack_dual(out).tangent)
print(out)
attempt("exit twice:", lambda: fwAD.exit_dual_level())
lvl = fwAD.enter_dual_level()
print("entered", lvl)
fwAD.exit_dual_level(level=lvl)


@fwAD.dual_level()
def decorated(x):
    return fwAD.unpack_dual(fwAD.make_dual(x, torch.ones_like(x)) ** 2).tangent


print(decorated(torch.tensor([1.0, 4.0])))
