# Custom Function extras (needs_input_grad, mark_non_differentiable, set_materialize_grads,
# once_differentiable), hooks with handles, retain_grad, next_functions, AccumulateGrad.variable.

# %% needs_input_grad_per_argument
import torch

class Mix(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, k):
        print('forward needs', ctx.needs_input_grad)
        return a * b * k

    @staticmethod
    def backward(ctx, g):
        print('backward needs', ctx.needs_input_grad)
        return g if ctx.needs_input_grad[0] else None, None, None

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0])
Mix.apply(a, b, 2.0).sum().backward()
print(a.grad)

# %% mark_non_differentiable_output
import torch

class SortWithIndex(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        values, idx = x.sort()
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(idx)
        return values, idx

    @staticmethod
    def backward(ctx, g, g_idx):
        idx, = ctx.saved_tensors
        print('g_idx', g_idx)
        out = torch.zeros_like(g)
        out[idx] = g
        return out

x = torch.tensor([3.0, 1.0, 2.0], requires_grad=True)
v, i = SortWithIndex.apply(x)
print(v.requires_grad, i.requires_grad, i.grad_fn)
(v * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
print(x.grad)

# %% set_materialize_grads_false_gives_none
import torch

class Two(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        return x * 2, x * 3

    @staticmethod
    def backward(ctx, g1, g2):
        print(g1, g2)
        total = torch.zeros(2)
        if g1 is not None:
            total = total + g1 * 2
        if g2 is not None:
            total = total + g2 * 3
        return total

x = torch.tensor([1.0, 2.0], requires_grad=True)
y1, y2 = Two.apply(x)
y1.sum().backward()
print(x.grad)

# %% materialize_grads_default_gives_zeros
import torch

class Two(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2, x * 3

    @staticmethod
    def backward(ctx, g1, g2):
        print(g1, g2)
        return g1 * 2 + g2 * 3

x = torch.tensor([1.0, 2.0], requires_grad=True)
y1, y2 = Two.apply(x)
y2.sum().backward()
print(x.grad)

# %% once_differentiable_errors_when_differentiated_again
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

x = torch.tensor([3.0], requires_grad=True)
(g,) = torch.autograd.grad(Square.apply(x), x, create_graph=True)
print(g, g.requires_grad, g.grad_fn.name())
try:
    g.backward()
except RuntimeError as e:
    print(e)

# %% once_differentiable_first_order_fine
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

x = torch.tensor([3.0, 4.0], requires_grad=True)
Square.apply(x).sum().backward()
print(x.grad)

# %% custom_function_grad_fn_name_and_next
import torch

class Double(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2

x = torch.tensor([1.0], requires_grad=True)
y = Double.apply(x * 3)
print(y)
print(y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())

# %% hook_handles_remove
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
h1 = x.register_hook(lambda g: g * 10)
h2 = x.register_hook(lambda g: print('saw', g))
(x * x).sum().backward()
print(x.grad)
h1.remove()
x.grad = None
(x * x).sum().backward()
print(x.grad)
h2.remove()
h2.remove()
x.grad = None
(x * x).sum().backward()
print(x.grad)

# %% hook_on_intermediate_changes_upstream
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
y.register_hook(lambda g: g.clamp(max=0.5))
(y * y).sum().backward()
print(x.grad)

# %% retain_grad_on_chain
import torch
x = torch.tensor([1.0, -2.0], requires_grad=True)
h = x * 2
h.retain_grad()
o = h.relu()
o.retain_grad()
o.sum().backward()
print(h.grad, o.grad, h.retains_grad, x.retains_grad)

# %% next_functions_of_a_small_graph
import torch
w = torch.tensor([1.0], requires_grad=True)
b = torch.tensor([0.5], requires_grad=True)
x = torch.tensor([2.0])
y = (w * x + b).tanh()
fn = y.grad_fn
print(fn.name())
add = fn.next_functions[0][0]
print(add.name(), [(f.name() if f else None, i) for f, i in add.next_functions])
mul = add.next_functions[0][0]
print([(f.name() if f else None, i) for f, i in mul.next_functions])
acc = mul.next_functions[0][0]
print(acc.variable is w, acc.variable)

# %% accumulate_grad_reused
import torch
w = torch.tensor([1.0], requires_grad=True)
a = (w * 2).grad_fn.next_functions[0][0]
b = (w + 1).grad_fn.next_functions[0][0]
print(a is b, a.name())

# 1.13 names a contiguous reshape ReshapeAliasBackward0; PyTorch 2.x routes it through view (ViewBackward0).
# 2.x golden: "ViewBackward0 SliceBackward0 SelectBackward0 TBackward0\nUnsqueezeBackward0 ViewBackward0 ExpandBackward0\n"
# %% grad_fn_of_views_and_indexing
import torch
x = torch.arange(6.0, requires_grad=True)
print(x.view(2, 3).grad_fn.name(), x[1:].grad_fn.name(), x[2].grad_fn.name(), x.t().grad_fn.name())
print(x.unsqueeze(0).grad_fn.name(), x.reshape(3, 2).grad_fn.name(), x.expand(2, 6).grad_fn.name())

# %% module_forward_hook_handle
import torch
import torch.nn as nn
torch.manual_seed(0)
lin = nn.Linear(2, 1)
calls = []
h = lin.register_forward_hook(lambda m, inp, out: calls.append(out.shape))
lin(torch.ones(3, 2))
h.remove()
lin(torch.ones(3, 2))
print(calls)
