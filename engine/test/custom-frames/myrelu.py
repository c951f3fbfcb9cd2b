import torch


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


my_relu = MyReLU.apply

x = torch.tensor([-2.0, -0.5, 0.5, 3.0], requires_grad=True)
y = my_relu(x)
print(y)
y.sum().backward()
print(x.grad)
