# Autograd basics: backward, accumulation, leaves, grad_fn, retain_grad, grad modes, detach.
# The first three cases are the seed article's own programs.

# %% seed_mean_backward
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
z = y + 3
w = z.mean()
w.backward()
print(x.grad)

# %% seed_fanout_sum
import torch
a = torch.tensor([2., 3.], requires_grad=True)
b = a * 2 + 3 * a
b.sum().backward()
print(a.grad)

# %% seed_mean_intermediates
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
z = y + 3
w = z.mean()
print(y)
print(z)
print(w)
print(w.grad_fn.name(), z.grad_fn.name(), y.grad_fn.name())

# %% scalar_chain_rule
import torch
x = torch.tensor(2.0, requires_grad=True)
y = x ** 2 + 3 * x + 1
y.backward()
print(y, x.grad)

# %% gradients_accumulate
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
for _ in range(3):
    (x * x).sum().backward()
    print(x.grad)
x.grad.zero_()
print(x.grad)

# %% grad_reset_to_none
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
(3 * x).sum().backward()
x.grad = None
(x ** 2).sum().backward()
print(x.grad)

# %% backward_with_gradient_argument
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
y.backward(torch.tensor([1.0, 0.1, 0.01]))
print(x.grad)

# %% backward_nonscalar_without_gradient_errors
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)

# %% backward_twice_errors
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x.exp() * 2).sum()
y.backward()
y.backward()

# %% retain_graph_allows_second_backward
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x * x).sum()
y.backward(retain_graph=True)
y.backward()
print(x.grad)

# %% leaf_and_nonleaf
import torch
a = torch.tensor([1.0], requires_grad=True)
b = torch.tensor([1.0])
c = a * 2
print(a.is_leaf, b.is_leaf, c.is_leaf)
print(a.grad_fn, b.grad_fn, c.grad_fn.name())
print(a.requires_grad, b.requires_grad, c.requires_grad)

# %% nonleaf_grad_is_none_without_retain
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
y.sum().backward()
print(y.grad)

# %% retain_grad_keeps_intermediate
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
y.retain_grad()
z = (y ** 2).sum()
z.backward()
print(y.grad, x.grad, y.retains_grad)

# %% grad_fn_next_functions_names
import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
c = (a * b).sum()
print(c.grad_fn.name())
mul = c.grad_fn.next_functions[0][0]
print(mul.name())
print([(f.name(), i) for f, i in mul.next_functions])

# %% accumulate_grad_variable
import torch
w = torch.tensor([0.5, -0.5], requires_grad=True)
y = (w * 2).sum()
acc = y.grad_fn.next_functions[0][0].next_functions[0][0]
print(acc.name())
print(acc.variable is w)
print(acc.variable)

# %% next_functions_of_constant_input
import torch
x = torch.tensor([1.0], requires_grad=True)
y = x * torch.tensor([2.0])
print([(None if f is None else f.name()) for f, _ in y.grad_fn.next_functions])

# %% no_grad_context
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    y = x * 2
    print(torch.is_grad_enabled())
print(y, y.requires_grad, y.grad_fn)
print(torch.is_grad_enabled())

# %% no_grad_decorator
import torch

@torch.no_grad()
def double(t):
    return t * 2

x = torch.tensor([1.0], requires_grad=True)
print(double(x).requires_grad, (x * 2).requires_grad)

# %% enable_grad_inside_no_grad
import torch
x = torch.tensor([1.0], requires_grad=True)
with torch.no_grad():
    with torch.enable_grad():
        y = x * 2
    z = x * 2
print(y.requires_grad, z.requires_grad)

# %% set_grad_enabled_forms
import torch
x = torch.tensor([1.0], requires_grad=True)
with torch.set_grad_enabled(False):
    a = x * 2
with torch.set_grad_enabled(True):
    b = x * 2
torch.set_grad_enabled(False)
c = x * 2
torch.set_grad_enabled(True)
print(a.requires_grad, b.requires_grad, c.requires_grad)

# %% detach_stops_gradient
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * x
z = y.detach() * x
z.sum().backward()
print(x.grad)
print(y.detach())

# %% detach_inplace
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y.detach_()
print(y, y.requires_grad, y.grad_fn, y.is_leaf)

# %% data_attribute
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
print(w.data, w.data.requires_grad)
w.data.add_(10)
print(w)

# %% requires_grad_propagates
import torch
a = torch.tensor([1.0], requires_grad=True)
b = torch.tensor([2.0])
print((a + b).requires_grad, (b + b).requires_grad)
print((a + b))

# %% backward_on_tensor_without_grad_errors
import torch
x = torch.tensor([1.0, 2.0])
y = (x * 2).sum()
y.backward()

# %% shared_subexpression_diamond
import torch
x = torch.tensor(3.0, requires_grad=True)
y = x * x
z = y + y * y
z.backward()
print(z, x.grad)

# %% grad_through_python_loop
import torch
x = torch.tensor(1.5, requires_grad=True)
y = x
for _ in range(4):
    y = y * x
y.backward()
print(y, x.grad)

# %% grad_dtype_matches_float64
import torch
x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
(x ** 3).sum().backward()
print(x.grad, x.grad.dtype)
