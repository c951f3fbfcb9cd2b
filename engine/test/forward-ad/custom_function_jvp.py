# torch.autograd.Function with a jvp staticmethod (and without one).
import torch
import torch.autograd.forward_ad as fwAD


class Scale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y, k):
        ctx.save_for_forward(x, y)
        ctx.k = k
        print("forward sees a tangent:", fwAD.unpack_dual(x).tangent is not None)
        return x * y * k

    @staticmethod
    def jvp(ctx, x_t, y_t, k_t):
        print("jvp got", x_t, y_t, k_t)
        x, y = ctx.saved_tensors
        return (x_t * y + x * y_t) * ctx.k

    @staticmethod
    def backward(ctx, g):
        return g, g, None


class Two(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2, x * 3

    @staticmethod
    def jvp(ctx, t):
        return t * 2, t * 3


class NoJvp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2


class BadJvp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def jvp(ctx, t):
        return t[:1]


x = torch.tensor([1.0, 2.0])
y = torch.tensor([3.0, 4.0])
with fwAD.dual_level():
    d = fwAD.make_dual(x, torch.ones(2))
    print(Scale.apply(d, y, 2.0))
    print(Scale.apply(d, fwAD.make_dual(y, torch.tensor([0.5, 0.5])), 1.0))
    a, b = Two.apply(d)
    print(a, b)
    for fn in (NoJvp.apply, BadJvp.apply):
        try:
            print(fn(d))
        except Exception as e:
            print(type(e).__name__, e)


class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        result = x.exp()
        ctx.save_for_backward(result)
        ctx.save_for_forward(result)
        return result

    @staticmethod
    def backward(ctx, g):
        (result,) = ctx.saved_tensors
        return g * result

    @staticmethod
    def jvp(ctx, t):
        (result,) = ctx.saved_tensors
        return t * result


inp = torch.randn(3, dtype=torch.double, requires_grad=True, generator=torch.Generator().manual_seed(1))
print(torch.autograd.gradcheck(Exp.apply, (inp,), check_forward_ad=True))


class WrongJvp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.exp()

    @staticmethod
    def backward(ctx, g):
        return g

    @staticmethod
    def jvp(ctx, t):
        return t * 2


print(torch.autograd.gradcheck(WrongJvp.apply, (inp,), check_forward_ad=True, check_backward_ad=False,
                               check_undefined_grad=False, check_batched_grad=False, raise_exception=False))
