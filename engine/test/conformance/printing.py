# PyTorch's tensor printing rules: precision, integer layout, scientific mode, summarisation,
# line width, suffixes (grad_fn, requires_grad, dtype), torch.Size, set_printoptions.

# %% integers_and_whole_floats
import torch
print(torch.tensor([1.0, 2.0, 3.0]))
print(torch.tensor([1.0, 20.0, 300.0]))
print(torch.tensor([-1, 10, -100]))

# %% four_decimal_precision
import torch
print(torch.tensor([0.123456, 1.5, -2.25]))
print(torch.tensor([1 / 3, 2 / 3]))
print(torch.tensor(3.14159265))

# %% scientific_mode_small_and_large
import torch
print(torch.tensor([1e-5, 1.0]))
print(torch.tensor([1e8, 1.0]))
print(torch.tensor([0.0001, 0.001]))
print(torch.tensor([123456789.0]))

# %% scientific_mode_scalar
import torch
print(torch.tensor(1e-10))
print(torch.tensor(12345678.0))
print(torch.tensor(0.00012))

# %% nan_inf_printing
import torch
print(torch.tensor([float('nan'), 1.0, float('inf')]))
print(torch.tensor([float('-inf'), 2.5]))
print(torch.tensor([float('nan')]))

# %% negative_zero_and_alignment
import torch
print(torch.tensor([-0.0, 0.0, 1.0]))
print(torch.tensor([[1.0, -22.5], [333.25, 4.0]]))

# %% matrix_and_3d_layout
import torch
print(torch.arange(12.0).reshape(2, 2, 3))
print(torch.arange(8).reshape(2, 1, 2, 2))

# %% summarise_above_threshold
import torch
print(torch.arange(2000))
print(torch.arange(1001.0))
print(torch.arange(1000.0).shape)

# %% summarise_matrix
import torch
print(torch.arange(10000).reshape(100, 100))

# %% long_row_wraps_at_linewidth
import torch
print(torch.arange(30.0) / 7)
print(torch.arange(40))

# %% requires_grad_and_grad_fn_suffixes
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
print(x)
print(x * 2)
print(x.sum())
print((x * 2).detach())

# %% dtype_suffixes
import torch
print(torch.tensor([1, 2], dtype=torch.int32))
print(torch.tensor([1.5], dtype=torch.float64))
print(torch.tensor([1.5], dtype=torch.float64, requires_grad=True) * 2)
print(torch.tensor(2, dtype=torch.int32))

# %% empty_with_dtype
import torch
print(torch.tensor([], dtype=torch.int64))
print(torch.zeros(2, 0))
print(torch.zeros(0, dtype=torch.float64))

# %% bool_matrix_printing
import torch
print(torch.tensor([[True, False], [False, True]]))
print(torch.eye(2).bool())

# %% set_printoptions_precision
import torch
torch.set_printoptions(precision=2)
print(torch.tensor([1.23456, 2.5]))
torch.set_printoptions(precision=6)
print(torch.tensor([1 / 3]))
torch.set_printoptions(profile='default')
print(torch.tensor([1 / 3]))

# %% set_printoptions_sci_mode_off
import torch
torch.set_printoptions(sci_mode=False)
print(torch.tensor([1e-5, 1.0]))
torch.set_printoptions(sci_mode=True)
print(torch.tensor([2.0, 1.0]))
torch.set_printoptions(profile='default')

# %% set_printoptions_threshold_edgeitems
import torch
torch.set_printoptions(threshold=5, edgeitems=2)
print(torch.arange(10))
torch.set_printoptions(profile='default')
print(torch.arange(10))

# %% set_printoptions_linewidth
import torch
torch.set_printoptions(linewidth=40)
print(torch.arange(20.0))
torch.set_printoptions(profile='default')

# %% torch_size_printing
import torch
print(torch.zeros(2, 3).shape, torch.zeros(()).shape, torch.zeros(5).size())
print(torch.Size([1, 2]) + torch.Size([3]))
print(tuple(torch.zeros(4, 1).shape))

# %% parameter_and_grad_printing
import torch
import torch.nn as nn
p = nn.Parameter(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
print(p)
(p * p).sum().backward()
print(p.grad)

# %% str_and_repr_same
import torch
x = torch.tensor([0.5, 1.5])
print(str(x) == repr(x))
print(f"value: {x}")
print([torch.tensor(1), torch.tensor(2.5)])

# %% mixed_magnitude_column_widths
import torch
print(torch.tensor([[0.001, 10.0], [100.0, -0.5]]))
print(torch.tensor([1.0, 1000.0, 10000.0]))
print(torch.tensor([0.01, 99999.0]))

# %% float64_precision_printing
import torch
print(torch.tensor([1 / 3], dtype=torch.float64))
print(torch.tensor([1e-12, 1.0], dtype=torch.float64))

# %% large_integers
import torch
print(torch.tensor([1, 1000000, -12345678901]))
print(torch.tensor(2 ** 40))

# %% grad_fn_suffix_on_scalar_and_matrix
import torch
w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
print(w @ w)
print((w ** 2).mean())
print(w[0])
print(w.t())
