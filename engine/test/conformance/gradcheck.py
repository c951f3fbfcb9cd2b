# gradcheck and gradgradcheck: passing cases, options, and the GradcheckError a wrong backward gives.

# %% gradcheck_builtin_ops_pass
import torch
from torch.autograd import gradcheck
x = torch.tensor([0.3, -1.2, 2.0], dtype=torch.float64, requires_grad=True)
print(gradcheck(torch.sigmoid, (x,)))
print(gradcheck(lambda t: (t ** 3).sum(), (x,)))

# %% gradcheck_two_inputs
import torch
from torch.autograd import gradcheck
a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)
b = torch.tensor([[0.5], [-0.5]], dtype=torch.float64, requires_grad=True)
print(gradcheck(torch.matmul, (a, b), eps=1e-6, atol=1e-4))

# %% gradcheck_custom_function_correct
import torch

class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = x.exp()
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, g):
        y, = ctx.saved_tensors
        return g * y

x = torch.tensor([0.1, 0.2], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(Exp.apply, (x,)))

# %% gradcheck_wrong_backward_error_text
import torch

class BadSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * x

x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
try:
    torch.autograd.gradcheck(BadSquare.apply, (x,))
except Exception as e:
    print(type(e).__name__)
    print(e)

# %% gradcheck_raise_exception_false
import torch

class BadSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * x

x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(BadSquare.apply, (x,), raise_exception=False))

# %% gradcheck_uncaught_error_line
import torch

class Off(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 3

    @staticmethod
    def backward(ctx, g):
        return g * 2

x = torch.tensor([0.5], dtype=torch.float64, requires_grad=True)
torch.autograd.gradcheck(Off.apply, (x,))

# %% gradcheck_loose_tolerance_passes
import torch

class Slightly(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2.001

x = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(Slightly.apply, (x,), atol=0.01, raise_exception=False))
print(torch.autograd.gradcheck(Slightly.apply, (x,), raise_exception=False))

# %% gradcheck_multiple_outputs_mismatch
import torch

class Pair(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2, x * 3

    @staticmethod
    def backward(ctx, g1, g2):
        return g1 * 2 + g2 * 4

x = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
try:
    torch.autograd.gradcheck(Pair.apply, (x,))
except Exception as e:
    print(e)

# %% gradgradcheck_builtin
import torch
from torch.autograd import gradgradcheck
x = torch.tensor([0.5, -0.7, 1.3], dtype=torch.float64, requires_grad=True)
print(gradgradcheck(torch.tanh, (x,)))
print(gradgradcheck(lambda t: t ** 3, (x,)))

# %% gradgradcheck_custom_function
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

x = torch.tensor([0.5, 2.0], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradgradcheck(Cube.apply, (x,)))

# %% gradcheck_float64_composite
import torch
from torch.autograd import gradcheck
x = torch.tensor([[0.2, -0.4], [1.1, 0.3]], dtype=torch.float64, requires_grad=True)
f = lambda t: torch.softmax(t, dim=1).log().sum(0) * t.mean()
print(gradcheck(f, (x,)))

# %% gradcheck_non_contiguous_input
import torch
from torch.autograd import gradcheck
base = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=torch.float64)
x = base.t().detach().requires_grad_()
print(x.is_contiguous())
print(gradcheck(lambda t: (t * t).sum(1), (x,)))
