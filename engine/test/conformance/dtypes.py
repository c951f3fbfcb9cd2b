# dtypes: defaults, conversions, type promotion, metadata accessors.

# %% default_dtypes
import torch
print(torch.tensor([1.0]).dtype, torch.tensor([1]).dtype, torch.tensor([True]).dtype)
print(torch.get_default_dtype())

# %% conversions_double_float_long_int
import torch
x = torch.tensor([1.7, -2.2, 3.9])
print(x.double())
print(x.long())
print(x.int())
print(x.double().float().dtype)

# %% bool_conversion
import torch
x = torch.tensor([0.0, 1.5, -2.0])
print(x.bool())
print(torch.tensor([True, False]).float())
print(torch.tensor([True, False]).long())

# %% to_dtype
import torch
x = torch.tensor([1, 2, 3])
print(x.to(torch.float64))
print(x.to(dtype=torch.float32))
print(x.to(torch.bool))

# %% promotion_int_plus_float_scalar
import torch
x = torch.tensor([1, 2, 3])
print(x + 1.5)
print((x * 2).dtype)
print((x * 2.0).dtype)

# %% promotion_int_division_is_float
import torch
x = torch.tensor([5, 7, 9])
print(x / 2)
print(x // 2)
print(x % 4)

# %% promotion_tensor_tensor
import torch
a = torch.tensor([1, 2], dtype=torch.int32)
b = torch.tensor([1, 2])
c = torch.tensor([0.5, 0.25], dtype=torch.float64)
d = torch.tensor([0.5, 0.25])
print((a + b).dtype, (b + d).dtype, (d + c).dtype, (a + d).dtype)

# %% promotion_bool_with_int
import torch
m = torch.tensor([True, False, True])
print(m + 1)
print(m + m)
print(m * 2.5)

# %% zero_dim_does_not_promote
import torch
x = torch.tensor([1.0, 2.0])
s = torch.tensor(3, dtype=torch.float64)
print((x * s).dtype)
i = torch.tensor([1, 2], dtype=torch.int32)
print((i + torch.tensor(5)).dtype)

# %% item_tolist_numel_dim
import torch
x = torch.tensor([[1.5, 2.0], [3.0, 4.25]])
print(x.numel(), x.dim(), x.ndim, x.size(), x.size(0), x.size(-1))
print(x.tolist())
print(x[1, 1].item(), type(x[1, 1].item()).__name__)
print(torch.tensor([7]).item(), type(torch.tensor(7).item()).__name__)

# %% float32_item_precision
import torch
x = torch.tensor(0.1)
print(x.item())
print(torch.tensor(0.1, dtype=torch.float64).item())

# %% shape_is_torch_size
import torch
x = torch.zeros(2, 3, 4)
print(x.shape)
print(x.shape[1], len(x.shape), list(x.shape))
print(x.shape == (2, 3, 4))
print(torch.Size([2, 3]))

# %% dtype_properties
import torch
print(torch.float32.is_floating_point, torch.int64.is_floating_point)
print(torch.tensor([1.0]).is_floating_point(), torch.tensor([1]).is_floating_point())
print(torch.float64, torch.int32, torch.bool, torch.long, torch.double)

# %% int_tensor_tolist_and_sum_dtype
import torch
x = torch.tensor([[1, 2], [3, 4]], dtype=torch.int32)
print(x.sum(), x.sum().dtype)
print(torch.tensor([True, True, False]).sum())

# %% float64_tensor_prints_dtype
import torch
x = torch.tensor([1.0, 2.5], dtype=torch.float64)
print(x)
print(x * 2)
print(x.sum())

# %% long_requires_grad_error
import torch
try:
    torch.tensor([1, 2, 3], requires_grad=True)
except RuntimeError as e:
    print(type(e).__name__, e)
