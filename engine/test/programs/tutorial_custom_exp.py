# A custom Function that saves its output, checked with gradcheck.
import torch
from torch.autograd import Function, gradcheck


class Exp(Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result


x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
y = Exp.apply(x)
print(y)
print(y.grad_fn.name())
y.backward(torch.ones(3))
print(x.grad)
inp = torch.tensor([[0.1, 0.2], [0.3, 0.4]], dtype=torch.double, requires_grad=True)
print(gradcheck(Exp.apply, (inp,), eps=1e-6, atol=1e-4))
