# Mistakes in a custom Function's backward, as PyTorch names them (issue #5): the texts that
# Gradscope shows on the node and at the user's `return` line.

# %% once_differentiable_differentiated_twice_errors
import torch
from torch.autograd.function import once_differentiable

class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return 2 * g * x

x = torch.tensor([1., 2., 3.], requires_grad=True)
y = Square.apply(x)
g, = torch.autograd.grad((y * y).sum(), x, create_graph=True)
print(g)
print(g.requires_grad, g.is_leaf)
g.sum().backward()

# %% once_differentiable_without_create_graph_is_plain
import torch
from torch.autograd.function import once_differentiable

class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return 2 * g * x

x = torch.tensor([1., 2., 3.], requires_grad=True)
g, = torch.autograd.grad((Square.apply(x) ** 2).sum(), x)
print(g, g.requires_grad)

# %% gradient_for_a_non_tensor_input_errors
import torch

class Scale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        ctx.k = k
        return x * k

    @staticmethod
    def backward(ctx, g):
        return g * ctx.k, g

x = torch.tensor([1., 2., 3.], requires_grad=True)
Scale.apply(x, 3.0).sum().backward()

# %% gradient_of_a_shape_that_cannot_be_summed_errors
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

# %% too_many_gradients_errors
import torch

class Twice(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2, g * 2

x = torch.tensor([1., 2., 3.], requires_grad=True)
Twice.apply(x).sum().backward()

# %% saved_tensor_modified_before_custom_backward_errors
import torch

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return 3 * x ** 2 * g

a = torch.tensor([1., 2., 3.], requires_grad=True)
b = a * 1
y = Cube.apply(b)
b.add_(1)
y.sum().backward()

# %% gradcheck_names_the_wrong_jacobian_entries
import torch

class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * x

x = torch.tensor([1., 2., 3.], dtype=torch.float64, requires_grad=True)
try:
    torch.autograd.gradcheck(Square.apply, (x,))
except RuntimeError as e:
    print(type(e).__name__)
    print(e)
print(torch.autograd.gradcheck(Square.apply, (x,), raise_exception=False))

# %% detect_anomaly_names_the_nan_node
import torch

x = torch.tensor([0., 1.], requires_grad=True)
with torch.autograd.detect_anomaly():
    y = torch.sqrt(x)
    (y * torch.tensor([0., 1.])).sum().backward()

# %% set_detect_anomaly_names_the_nan_node_and_can_be_turned_off
import torch

torch.autograd.set_detect_anomaly(True)
print(torch.is_anomaly_enabled())
x = torch.tensor([0., 1.], requires_grad=True)
try:
    (torch.sqrt(x) * torch.tensor([0., 1.])).sum().backward()
except RuntimeError as e:
    print(e)
torch.autograd.set_detect_anomaly(False)
(torch.sqrt(x) * torch.tensor([0., 1.])).sum().backward()
print(x.grad)
