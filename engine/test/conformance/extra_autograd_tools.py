# gradcheck/gradgradcheck options and errors, autograd.functional, anomaly mode: the parts of
# issue #3's API that the first suite does not reach.

# %% gradcheck_mismatch_names_second_input
import torch
from torch.autograd import gradcheck

class Scale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a * b

    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        return g * b, g * a * 2

a = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
b = torch.tensor([3.0, -1.0], dtype=torch.float64, requires_grad=True)
try:
    gradcheck(Scale.apply, (a, b))
except torch.autograd.gradcheck.GradcheckError as e:
    print(e)

# %% gradcheck_skips_inputs_without_grad
import torch
from torch.autograd import gradcheck
a = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
b = torch.tensor([3.0, -1.0], dtype=torch.float64)
print(gradcheck(lambda x, y, k: (x * y) ** k, (a, b, 2)))

# %% gradcheck_without_grad_inputs_errors
import torch
from torch.autograd import gradcheck
try:
    gradcheck(torch.sin, (torch.tensor([1.0], dtype=torch.float64),))
except ValueError as e:
    print(type(e).__name__, e)

# %% gradcheck_eps_and_rtol
import torch
from torch.autograd import gradcheck
x = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
print(gradcheck(torch.exp, (x,), eps=1e-4, atol=1e-6, rtol=1e-3))
print(gradcheck(lambda t: t.pow(4), x, eps=1e-3, atol=0.0, rtol=1e-9, raise_exception=False))

# %% gradgradcheck_wrong_double_backward
import torch
from torch.autograd import gradgradcheck

class BadCube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * 3 * x.detach() ** 2

x = torch.tensor([0.5, 2.0], dtype=torch.float64, requires_grad=True)
print(gradgradcheck(BadCube.apply, (x,), raise_exception=False))

# %% gradgradcheck_draws_from_the_generator
import torch
from torch.autograd import gradgradcheck
torch.manual_seed(0)
x = torch.tensor([0.5, -0.7, 1.3], dtype=torch.float64, requires_grad=True)
print(gradgradcheck(torch.sigmoid, (x,)))
print(torch.rand(3))

# %% gradcheck_many_outputs
import torch
from torch.autograd import gradcheck
x = torch.tensor([[0.3, -0.2], [1.0, 0.5]], dtype=torch.float64, requires_grad=True)
print(gradcheck(lambda t: (t.sum(0), t.max(1).values, t.t() @ t), (x,)))

# %% jacobian_of_tuple_outputs
import torch
from torch.autograd.functional import jacobian
x = torch.tensor([1.0, 2.0])
y = torch.tensor([3.0])
J = jacobian(lambda a, b: (a * b, a.sum() + b), (x, y))
print(J)

# %% jacobian_create_graph
import torch
from torch.autograd.functional import jacobian
x = torch.tensor([1.0, 2.0], requires_grad=True)
J = jacobian(lambda t: t ** 3, x, create_graph=True)
print(J)
J.sum().backward()
print(x.grad)

# %% hessian_two_inputs
import torch
from torch.autograd.functional import hessian
H = hessian(lambda a, b: (a ** 2 * b).sum(), (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])))
print(H)

# %% hessian_needs_scalar_function
import torch
from torch.autograd.functional import hessian
try:
    hessian(lambda t: t ** 2, torch.tensor([1.0, 2.0]))
except RuntimeError as e:
    print(e)

# %% vjp_without_v_and_jvp_scalar
import torch
from torch.autograd.functional import vjp, jvp
print(vjp(lambda t: (t ** 2).sum(), torch.tensor([1.0, 2.0])))
print(jvp(lambda t: t.exp(), torch.tensor(0.0)))
print(jvp(lambda a, b: a * b, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])), (torch.ones(2), torch.zeros(2))))

# %% anomaly_decorator_and_flag
import torch

with torch.autograd.detect_anomaly():
    print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
print(torch.is_anomaly_enabled())
with torch.autograd.set_detect_anomaly(True):
    print(torch.is_anomaly_enabled())
print(torch.is_anomaly_enabled())

# %% anomaly_check_nan_off
import torch
x = torch.tensor([0.0, 1.0], requires_grad=True)
with torch.autograd.detect_anomaly(check_nan=False):
    (torch.sqrt(x) * 0).sum().backward()
print(x.grad)

# %% anomaly_custom_function_nan
import torch

class NanGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.clone()

    @staticmethod
    def backward(ctx, g):
        return g * float('nan')

x = torch.tensor([1.0], requires_grad=True)
with torch.autograd.detect_anomaly():
    y = NanGrad.apply(x)
    try:
        y.sum().backward()
    except RuntimeError as e:
        print(e)

# %% anomaly_nan_uncaught
import torch
torch.autograd.set_detect_anomaly(True)
x = torch.tensor([-1.0], requires_grad=True)
try:
    torch.log(x).backward()
finally:
    torch.autograd.set_detect_anomaly(False)
