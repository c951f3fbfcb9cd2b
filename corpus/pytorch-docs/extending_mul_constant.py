# Source: pytorch/pytorch docs/source/notes/extending.rst ("Extending torch.autograd": MulConstant with a non-tensor argument, mark_non_differentiable in a sort, and a Function whose backward is once_differentiable)
import torch
from torch.autograd import Function
from torch.autograd.function import once_differentiable

class MulConstant(Function):
    @staticmethod
    def forward(ctx, tensor, constant):
        # ctx is a context object that can be used to stash information
        # for backward computation
        ctx.constant = constant
        return tensor * constant

    @staticmethod
    def backward(ctx, grad_output):
        # We return as many input gradients as there were arguments.
        # Gradients of non-Tensor arguments to forward must be None.
        return grad_output * ctx.constant, None

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = MulConstant.apply(x, 5.0)
print(y)
print(type(y.grad_fn).__name__)
y.sum().backward()
print(x.grad)

class Sort(Function):
    @staticmethod
    def forward(ctx, x):
        sorted, idx = x.sort()
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(x, idx)
        return sorted, idx

    @staticmethod
    def backward(ctx, g1, g2):  # still need to accept g2
        x, idx = ctx.saved_tensors
        grad_input = torch.zeros_like(x)
        grad_input.index_add_(0, idx, g1)
        return grad_input

a = torch.randn(5, requires_grad=True)
s, i = Sort.apply(a)
print(s, i, i.requires_grad)
(s * torch.arange(5.)).sum().backward()
print(a.grad)

class Exp(Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result

x = torch.tensor([0.0, 1.0], requires_grad=True)
y = Exp.apply(x)
g, = torch.autograd.grad(y.sum(), x, create_graph=True)
print(g, g.requires_grad)
print(torch.autograd.gradcheck(Exp.apply, torch.randn(4, dtype=torch.double, requires_grad=True)))
