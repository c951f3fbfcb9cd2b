# Tensor creation: literals, factories, *_like, ranges. One `# %% name` block per program.

# %% tensor_from_nested_list
import torch
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(x)
print(x.shape, x.dtype)

# %% tensor_from_ints_is_int64
import torch
x = torch.tensor([[1, 2], [3, 4]])
print(x)
print(x.dtype, x.size())

# %% tensor_scalar_zero_dim
import torch
s = torch.tensor(3.5)
print(s, s.dim(), s.shape, s.numel())
print(s.item())

# %% tensor_with_dtype_and_requires_grad
import torch
x = torch.tensor([1, 2, 3], dtype=torch.float64, requires_grad=True)
print(x)
print(x.requires_grad, x.is_leaf, x.grad)

# %% tensor_bool_literal
import torch
m = torch.tensor([True, False, True])
print(m, m.dtype)

# %% tensor_mixed_int_float_list
import torch
x = torch.tensor([1, 2.5, 3])
print(x, x.dtype)

# %% zeros_ones_full
import torch
print(torch.zeros(2, 3))
print(torch.ones(3))
print(torch.full((2, 2), 7.0))
print(torch.full((2,), 4))

# %% zeros_with_tuple_shape_and_dtype
import torch
z = torch.zeros((2, 2), dtype=torch.int64)
print(z)
print(torch.ones(2, 1, dtype=torch.bool))

# %% eye_square_and_rect
import torch
print(torch.eye(3))
print(torch.eye(2, 4))

# %% arange_variants
import torch
print(torch.arange(5))
print(torch.arange(2, 10, 3))
print(torch.arange(0.0, 1.0, 0.25))
print(torch.arange(5.0).dtype)

# %% arange_negative_step
import torch
print(torch.arange(5, 0, -1))
print(torch.arange(1, 0, -0.3))

# %% linspace_basic
import torch
print(torch.linspace(0, 1, 5))
print(torch.linspace(-1, 1, steps=4))
print(torch.linspace(0, 10, 3))

# %% zeros_like_ones_like_full_like
import torch
x = torch.tensor([[1.5, 2.5], [3.5, 4.5]], requires_grad=True)
print(torch.zeros_like(x))
print(torch.ones_like(x))
print(torch.full_like(x, 9))
print(torch.ones_like(x).requires_grad)

# %% like_with_dtype_override
import torch
x = torch.tensor([1, 2, 3])
print(torch.zeros_like(x, dtype=torch.float32))
print(torch.ones_like(x).dtype)

# %% empty_shape_only
import torch
e = torch.empty(2, 3)
print(e.shape, e.dtype, e.numel())
e.fill_(1.0)
print(e)

# %% empty_tensor_prints
import torch
print(torch.tensor([]))
print(torch.zeros(0, 3))
print(torch.zeros(0).shape)

# %% requires_grad_on_factory
import torch
w = torch.zeros(3, requires_grad=True)
print(w)
b = torch.ones(2, 2, requires_grad=True)
print(b.requires_grad, b.is_leaf)

# %% tensor_from_tensor_list_of_floats
import torch
rows = [[0.1, 0.2], [0.3, 0.4]]
x = torch.tensor(rows)
print(x)
print(x.tolist())

# %% full_with_bool_and_float
import torch
print(torch.full((3,), True))
print(torch.full((1, 3), -0.5))
