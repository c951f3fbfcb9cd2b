import torch


class Shrink(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g[:2] * 2


x = torch.tensor([1., 2., 3.], requires_grad=True)
Shrink.apply(x).sum().backward()
