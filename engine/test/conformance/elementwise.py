# Elementwise ops: arithmetic with tensors and scalars on either side, math functions, activations,
# comparisons and logical ops, with their gradients where they have one.

# %% arithmetic_tensor_tensor
import torch
a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([4.0, 5.0, 6.0])
print(a + b, a - b, a * b, a / b)

# %% arithmetic_scalar_either_side
import torch
x = torch.tensor([1.0, 2.0, 4.0])
print(2 + x, x - 1, 1 - x, 3 * x, x / 4, 1 / x)

# %% power_forms
import torch
x = torch.tensor([1.0, 2.0, 3.0])
print(x ** 2, 2 ** x, x ** x, x.pow(0.5))

# %% power_grad_fn_names
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
print((x ** 2).grad_fn.name(), (x ** x).grad_fn.name(), x.pow(3).grad_fn.name())

# %% power_gradients
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
(2 ** x + x ** 3).sum().backward()
print(x.grad)

# %% reciprocal_gradient
import torch
x = torch.tensor([0.5, 2.0, -4.0], requires_grad=True)
y = 1 / x
y.sum().backward()
print(y)
print(x.grad)

# %% floor_divide_and_remainder_negative
import torch
a = torch.tensor([7, -7, 7, -7])
b = torch.tensor([2, 2, -2, -2])
print(a // b, torch.floor_divide(a, b))
print(a % b, torch.remainder(a, b))
print(torch.tensor([5.5, -5.5]) % 2)

# %% neg_abs_sign
import torch
x = torch.tensor([-2.0, 0.0, 3.5])
print(-x, x.abs(), x.sign(), torch.neg(x))

# %% exp_log_family
import torch
x = torch.tensor([0.5, 1.0, 2.0])
print(x.exp(), x.expm1())
print(x.log(), x.log1p())

# %% sqrt_rsqrt_square_reciprocal
import torch
x = torch.tensor([1.0, 4.0, 9.0])
print(x.sqrt(), x.rsqrt())
print(x.square(), x.reciprocal())

# %% trig_and_tanh
import torch
x = torch.tensor([0.0, 0.5, 1.0, -1.0])
print(torch.sin(x))
print(torch.cos(x))
print(torch.tanh(x))

# %% activations_values
import torch
x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0])
print(torch.sigmoid(x))
print(torch.relu(x))
print(torch.nn.functional.gelu(x))
print(torch.nn.functional.silu(x))

# %% activations_more_values
import torch
import torch.nn.functional as F
x = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0])
print(F.softplus(x))
print(F.leaky_relu(x, 0.1))
print(F.elu(x))

# %% activation_gradients
import torch
x = torch.tensor([-1.0, 0.5, 2.0], requires_grad=True)
fns = {'sigmoid': torch.sigmoid, 'tanh': torch.tanh, 'exp': torch.exp,
       'gelu': torch.nn.functional.gelu, 'silu': torch.nn.functional.silu}
for name, f in fns.items():
    x.grad = None
    f(x).sum().backward()
    print(name, x.grad)

# %% relu_grad_at_zero
import torch
x = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
torch.relu(x).sum().backward()
print(x.grad)

# %% abs_grad_at_zero
import torch
x = torch.tensor([-2.0, 0.0, 2.0], requires_grad=True)
x.abs().sum().backward()
print(x.grad)

# %% clamp_and_clip
import torch
x = torch.tensor([-2.0, -0.5, 0.5, 2.0])
print(x.clamp(-1, 1), x.clamp(min=0), x.clamp(max=0))
print(torch.clip(x, -0.6, 0.6))

# %% clamp_gradient_masks
import torch
x = torch.tensor([-2.0, -0.5, 0.5, 2.0], requires_grad=True)
y = x.clamp(-1, 1)
print(y.grad_fn.name())
y.sum().backward()
print(x.grad)

# %% maximum_minimum
import torch
a = torch.tensor([1.0, 5.0, 3.0])
b = torch.tensor([4.0, 2.0, 3.0])
print(torch.maximum(a, b), torch.minimum(a, b))

# %% where_select
import torch
x = torch.tensor([-1.0, 2.0, -3.0, 4.0])
print(torch.where(x > 0, x, torch.zeros_like(x)))
print(torch.where(x > 0, x, 0.0))

# %% where_gradient
import torch
x = torch.tensor([-1.0, 2.0, -3.0], requires_grad=True)
y = torch.where(x > 0, x * x, -x)
y.sum().backward()
print(y, x.grad)

# %% floor_ceil_round
import torch
x = torch.tensor([-1.5, -0.5, 0.5, 1.5, 2.5, 2.4])
print(x.floor(), x.ceil(), x.round())

# %% comparisons
import torch
a = torch.tensor([1, 2, 3])
b = torch.tensor([3, 2, 1])
print(a < b, a <= b, a == b)
print(a > 2, a >= 2, a != b)
print(torch.eq(a, b), torch.gt(a, b))

# %% logical_ops
import torch
p = torch.tensor([True, True, False, False])
q = torch.tensor([True, False, True, False])
print(p & q, p | q, p ^ q, ~p)
print(torch.logical_and(p, q), torch.logical_not(q))

# %% isnan_isinf
import torch
x = torch.tensor([1.0, float('nan'), float('inf'), -float('inf')])
print(torch.isnan(x), torch.isinf(x), torch.isfinite(x))

# %% broadcast_row_column
import torch
col = torch.tensor([[1.0], [2.0], [3.0]])
row = torch.tensor([10.0, 20.0])
print(col + row)
print((col * row).shape)

# %% broadcast_gradient_reduces
import torch
a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
b = torch.tensor([10.0, 20.0], requires_grad=True)
(a * b).sum().backward()
print(a.grad)
print(b.grad)

# %% mul_add_method_forms
import torch
x = torch.tensor([1.0, 2.0])
print(x.add(1), x.sub(1), x.mul(3), x.div(2), torch.add(x, x, alpha=2))
