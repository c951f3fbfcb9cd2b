# Shapes, views and indexing: view/reshape family, joins and splits, every indexing form,
# __setitem__, gather/index_select/masked_fill, and memory sharing between views.

# %% view_and_reshape
import torch
x = torch.arange(6)
print(x.view(2, 3))
print(x.view(3, -1))
print(x.reshape(-1, 2))
print(x.view(2, 3).reshape(6))

# %% flatten_squeeze_unsqueeze
import torch
x = torch.zeros(2, 1, 3, 1)
print(x.squeeze().shape, x.squeeze(1).shape, x.squeeze(0).shape)
print(x.unsqueeze(0).shape, x.unsqueeze(-1).shape)
print(x.flatten().shape, x.flatten(1).shape, torch.flatten(x, 0, 1).shape)

# %% transpose_permute_t
import torch
x = torch.arange(6).reshape(2, 3)
print(x.t())
print(x.transpose(0, 1).shape, x.T.shape)
y = torch.arange(24).reshape(2, 3, 4)
print(y.permute(2, 0, 1).shape)
print(y.permute(2, 0, 1)[1])

# %% contiguity
import torch
x = torch.arange(6.0).reshape(2, 3)
print(x.is_contiguous(), x.t().is_contiguous(), x.t().contiguous().is_contiguous())
print(x.stride(), x.t().stride())

# %% view_of_transposed_errors
import torch
x = torch.arange(6.0).reshape(2, 3).t()
try:
    x.view(6)
except RuntimeError as e:
    print(type(e).__name__, e)
print(x.reshape(6))

# %% view_wrong_size_errors
import torch
x = torch.arange(6)
try:
    x.view(4, 2)
except RuntimeError as e:
    print(type(e).__name__, e)

# %% expand_and_expand_as
import torch
x = torch.tensor([[1.0], [2.0]])
print(x.expand(2, 3))
print(x.expand(-1, 4).shape)
print(torch.tensor([1, 2, 3]).expand_as(torch.zeros(2, 3)))

# %% expand_gradient_sums
import torch
x = torch.tensor([[1.0], [2.0]], requires_grad=True)
y = x.expand(2, 3)
print(y.grad_fn.name())
(y * torch.arange(6.0).reshape(2, 3)).sum().backward()
print(x.grad)

# %% repeat
import torch
x = torch.tensor([1, 2])
print(x.repeat(3))
print(x.repeat(2, 2))
print(torch.tensor([[1, 2], [3, 4]]).repeat(1, 2))

# %% cat_and_stack
import torch
a = torch.tensor([[1, 2], [3, 4]])
b = torch.tensor([[5, 6]])
print(torch.cat([a, b]))
print(torch.cat((a, a), dim=1))
print(torch.stack([a, a]).shape, torch.stack([a, a], dim=2).shape)
print(torch.stack([torch.tensor(1.0), torch.tensor(2.0)]))

# %% cat_gradient_splits_back
import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0], requires_grad=True)
c = torch.cat([a, b])
print(c)
(c * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
print(a.grad, b.grad)

# %% split_and_chunk
import torch
x = torch.arange(10)
print(x.split(4))
print(torch.split(x, [3, 7]))
print(x.chunk(3))
print(torch.arange(6).reshape(2, 3).chunk(3, dim=1))

# %% index_int_slice_negative
import torch
x = torch.arange(12).reshape(3, 4)
print(x[0], x[-1], x[1, 2], x[-1, -1])
print(x[:, 1], x[1:, :2])
print(x[::2], x[:, ::3])

# %% index_none_and_ellipsis
import torch
x = torch.arange(24).reshape(2, 3, 4)
print(x[None].shape, x[:, None].shape, x[..., None].shape)
print(x[..., 0])
print(x[0, ..., 1])

# %% index_with_integer_tensor
import torch
x = torch.tensor([10.0, 20.0, 30.0, 40.0])
idx = torch.tensor([3, 0, 0])
print(x[idx])
print(x[[1, 2]])
m = torch.arange(9).reshape(3, 3)
print(m[torch.tensor([0, 2])])
print(m[torch.tensor([0, 1, 2]), torch.tensor([2, 1, 0])])

# %% index_with_bool_mask
import torch
x = torch.tensor([[1.0, -2.0], [-3.0, 4.0]])
print(x[x > 0])
print(x[torch.tensor([True, False])])

# %% index_gradient_accumulates_duplicates
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x[torch.tensor([0, 0, 2])]
print(y.grad_fn.name())
y.sum().backward()
print(x.grad)

# %% slice_select_grad_fn_names
import torch
x = torch.ones(3, 4, requires_grad=True)
print(x[0].grad_fn.name(), x[1:].grad_fn.name(), x.view(12).grad_fn.name())
print(x.t().grad_fn.name(), x.transpose(0, 1).grad_fn.name(), x.unsqueeze(0).grad_fn.name())
print(x.permute(1, 0).grad_fn.name(), x.expand(2, 3, 4).grad_fn.name())

# %% setitem_scalar_slice_mask
import torch
x = torch.zeros(3, 4)
x[0] = 1
x[:, -1] = 5
x[1, 1:3] = torch.tensor([7.0, 8.0])
print(x)
x[x == 0] = -1
print(x)

# %% setitem_tensor_broadcast
import torch
x = torch.zeros(2, 3)
x[:] = torch.tensor([1.0, 2.0, 3.0])
print(x)
x[:, 0] = torch.tensor([9.0, 8.0])
print(x)

# %% setitem_index_tensor
import torch
x = torch.zeros(5)
x[torch.tensor([1, 3])] = torch.tensor([2.0, 4.0])
print(x)
x[[0, 4]] = 1.5
print(x)

# %% index_select_gather
import torch
x = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(torch.index_select(x, 1, torch.tensor([2, 0])))
print(x.index_select(0, torch.tensor([1])))
print(torch.gather(x, 1, torch.tensor([[0, 0], [2, 1]])))

# %% gather_gradient
import torch
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
g = x.gather(1, torch.tensor([[2], [0]]))
print(g, g.grad_fn.name())
g.sum().backward()
print(x.grad)

# %% masked_fill
import torch
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
mask = torch.tensor([[True, False], [False, True]])
y = x.masked_fill(mask, 0.0)
print(y)
y.sum().backward()
print(x.grad)
print(torch.tensor([1.0, 2.0, 3.0]).masked_fill(torch.tensor([False, True, False]), float('-inf')))

# %% views_share_memory
import torch
x = torch.zeros(2, 3)
v = x.view(6)
t = x.t()
v[0] = 1.0
t[2, 1] = 7.0
print(x)
print(x[0].data_ptr() == x.data_ptr())

# %% slice_view_writes_through
import torch
x = torch.arange(6.0)
s = x[1:4]
s.mul_(10)
print(x)
print(s)

# %% reshape_grad_flows_back
import torch
x = torch.arange(6.0, requires_grad=True)
y = x.view(2, 3).t().reshape(6)
(y * torch.arange(6.0)).sum().backward()
print(y.detach())
print(x.grad)

# %% index_out_of_range_error
import torch
x = torch.tensor([1.0, 2.0, 3.0])
try:
    x[3]
except IndexError as e:
    print(type(e).__name__, e)

# %% squeeze_unsqueeze_roundtrip_values
import torch
x = torch.tensor([1.0, 2.0, 3.0])
print(x.unsqueeze(0))
print(x.unsqueeze(1))
print(x.unsqueeze(1).squeeze(1))
