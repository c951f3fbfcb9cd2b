# Custom torch.autograd.Function: the seed article's MyReLU, ctx attributes, several outputs,
# non-tensor arguments, needs_input_grad, mark_non_differentiable, set_materialize_grads,
# once_differentiable, and the errors a wrong backward produces.

# %% seed_myrelu
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

# %% seed_myrelu_grad_fn_name
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

x = torch.tensor([[1.0, -1.0], [-2.0, 2.0]], requires_grad=True)
y = MyReLU.apply(x) * 3
print(y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
y.sum().backward()
print(x.grad)

# %% exp_saves_output
import torch

class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result

x = torch.tensor([0.0, 1.0], requires_grad=True)
y = Exp.apply(x)
y.sum().backward()
print(y, x.grad)

# %% ctx_attributes_and_constant_arg
import torch

class MulConstant(torch.autograd.Function):
    @staticmethod
    def forward(ctx, tensor, constant):
        ctx.constant = constant
        return tensor * constant

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = MulConstant.apply(x, 5.0)
y.sum().backward()
print(y, x.grad)

# %% needs_input_grad
import torch

class Mul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a * b

    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        print("needs_input_grad", ctx.needs_input_grad)
        ga = g * b if ctx.needs_input_grad[0] else None
        gb = g * a if ctx.needs_input_grad[1] else None
        return ga, gb

a = torch.tensor([2.0], requires_grad=True)
b = torch.tensor([3.0])
Mul.apply(a, b).backward()
print(a.grad, b.grad)

# %% linear_function_tutorial
import torch

class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input, weight, bias=None):
        ctx.save_for_backward(input, weight, bias)
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
w = torch.tensor([[0.5, -0.5], [1.0, 1.0], [0.0, 2.0]], requires_grad=True)
b = torch.tensor([0.1, 0.2, 0.3], requires_grad=True)
out = LinearFunction.apply(x, w, b)
print(out)
out.sum().backward()
print(x.grad, w.grad, b.grad, sep="\n")

# %% several_outputs
import torch

class SplitSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x, x * 2

    @staticmethod
    def backward(ctx, g_sq, g_double):
        x, = ctx.saved_tensors
        return g_sq * 2 * x + g_double * 2

x = torch.tensor([1.0, 3.0], requires_grad=True)
sq, dbl = SplitSquare.apply(x)
print(sq, dbl)
(sq.sum() + 10 * dbl.sum()).backward()
print(x.grad)

# %% unused_output_gets_zero_grad_by_default
import torch

class Two(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2, x * 3

    @staticmethod
    def backward(ctx, g1, g2):
        print("g1", g1, "g2", g2)
        return g1 * 2 + g2 * 3

x = torch.tensor([1.0, 1.0], requires_grad=True)
a, b = Two.apply(x)
a.sum().backward()
print(x.grad)

# %% set_materialize_grads_false
import torch

class Two(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        return x * 2, x * 3

    @staticmethod
    def backward(ctx, g1, g2):
        print("g2 is None:", g2 is None)
        grad = torch.zeros_like(g1) if g1 is not None else None
        if g1 is not None:
            grad = grad + g1 * 2
        if g2 is not None:
            grad = grad + g2 * 3
        return grad

x = torch.tensor([1.0, 1.0], requires_grad=True)
a, b = Two.apply(x)
a.sum().backward()
print(x.grad)

# %% mark_non_differentiable
import torch

class SortWithIndex(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        values, idx = x.sort()
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(idx)
        return values, idx

    @staticmethod
    def backward(ctx, g, _):
        idx, = ctx.saved_tensors
        grad = torch.zeros_like(g)
        grad[idx] = g
        return grad

x = torch.tensor([3.0, 1.0, 2.0], requires_grad=True)
v, i = SortWithIndex.apply(x)
print(v, i, i.requires_grad)
(v * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
print(x.grad)

# %% once_differentiable
import torch
from torch.autograd.function import once_differentiable

class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return 2 * x * g

x = torch.tensor([1.0, 2.0], requires_grad=True)
Square.apply(x).sum().backward()
print(x.grad)

# %% custom_backward_wrong_count_errors
import torch

class Bad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        return x + y

    @staticmethod
    def backward(ctx, g):
        return g

a = torch.tensor([1.0], requires_grad=True)
b = torch.tensor([1.0], requires_grad=True)
Bad.apply(a, b).backward()

# %% custom_backward_wrong_shape_errors
import torch

class BadShape(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g.sum()

x = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    BadShape.apply(x).sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)

# %% custom_function_under_no_grad
import torch

class Double(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2

x = torch.tensor([1.0], requires_grad=True)
with torch.no_grad():
    y = Double.apply(x)
print(y, y.requires_grad)
z = Double.apply(x)
print(z, z.grad_fn.name())

# %% custom_function_double_backward
import torch

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * 3 * x ** 2

x = torch.tensor(2.0, requires_grad=True)
(g,) = torch.autograd.grad(Cube.apply(x), x, create_graph=True)
(h,) = torch.autograd.grad(g, x)
print(g, h)

# %% custom_function_in_a_model
import torch

class ClampGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.clone()

    @staticmethod
    def backward(ctx, g):
        return g.clamp(-0.5, 0.5)

w = torch.tensor([1.0, -3.0, 0.2], requires_grad=True)
loss = (ClampGrad.apply(w) ** 2).sum()
loss.backward()
print(loss, w.grad)

# %% forward_inputs_without_grad_output_no_grad
import torch

class Id(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.clone()

    @staticmethod
    def backward(ctx, g):
        return g

y = Id.apply(torch.tensor([1.0, 2.0]))
print(y, y.requires_grad, y.grad_fn)
