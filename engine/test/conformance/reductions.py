# Reductions: whole-tensor and by-dim, keepdim, index-returning reductions, statistics, softmax.

# %% sum_mean_whole_and_dim
import torch
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(x.sum(), x.mean())
print(x.sum(0), x.sum(dim=1), x.mean(1))
print(x.sum(1, keepdim=True))

# %% sum_multiple_dims_and_negative_dim
import torch
x = torch.arange(24.0).reshape(2, 3, 4)
print(x.sum(dim=(0, 2)))
print(x.sum(-1))
print(x.mean(dim=[1, 2], keepdim=True).shape)

# %% sum_grad_fn_names
import torch
x = torch.ones(2, 3, requires_grad=True)
print(x.sum().grad_fn.name(), x.sum(0).grad_fn.name(), x.mean().grad_fn.name(), x.mean(1).grad_fn.name())

# %% mean_gradient_by_dim
import torch
x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], requires_grad=True)
x.mean(0).sum().backward()
print(x.grad)

# %% prod_and_gradient
import torch
x = torch.tensor([2.0, 3.0, 4.0], requires_grad=True)
p = x.prod()
p.backward()
print(p, x.grad)
print(torch.tensor([[1, 2], [3, 4]]).prod(1))

# %% max_min_whole
import torch
x = torch.tensor([[3.0, 7.0, 1.0], [9.0, 2.0, 5.0]])
print(x.max(), x.min())
print(torch.max(x), torch.min(x))

# %% max_by_dim_returns_values_indices
import torch
x = torch.tensor([[3.0, 7.0, 1.0], [9.0, 2.0, 5.0]])
print(x.max(dim=1))
values, indices = x.min(0)
print(values, indices)
print(x.max(1, keepdim=True).values)

# %% max_gradient_flows_to_argmax
import torch
x = torch.tensor([[1.0, 5.0, 2.0], [7.0, 0.0, 3.0]], requires_grad=True)
m, i = x.max(dim=1)
m.sum().backward()
print(m.grad_fn.name(), i)
print(x.grad)

# %% argmax_argmin
import torch
x = torch.tensor([[3.0, 7.0, 1.0], [9.0, 2.0, 5.0]])
print(x.argmax(), x.argmin())
print(x.argmax(dim=1), x.argmin(dim=0))
print(torch.argmax(x, dim=1, keepdim=True))

# %% var_std_unbiased_default
import torch
x = torch.tensor([1.0, 2.0, 3.0, 4.0])
print(x.var(), x.std())
print(x.var(unbiased=False), x.std(unbiased=False))

# %% var_by_dim_and_gradient
import torch
x = torch.tensor([[1.0, 2.0, 4.0], [2.0, 2.0, 2.0]], requires_grad=True)
v = x.var(dim=1)
print(v)
v.sum().backward()
print(x.grad)

# %% norm_values_and_gradient
import torch
x = torch.tensor([3.0, 4.0], requires_grad=True)
n = x.norm()
print(n.item())
n.backward()
print(x.grad)
print(torch.tensor([[1.0, -2.0], [3.0, -4.0]]).norm(dim=1))
print(torch.tensor([1.0, -2.0, 3.0]).norm(p=1))

# %% logsumexp_stable
import torch
x = torch.tensor([[1.0, 2.0, 3.0], [1000.0, 1000.0, 1000.0]])
print(torch.logsumexp(x, dim=1))
print(x.logsumexp(0))

# %% softmax_log_softmax
import torch
x = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
print(torch.softmax(x, dim=1))
print(torch.log_softmax(x, dim=1))
print(x.softmax(0).sum(0))

# %% softmax_gradient
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
s = torch.softmax(x, dim=0)
print(s.grad_fn.name())
(s * torch.tensor([1.0, 0.0, 0.0])).sum().backward()
print(x.grad)

# %% cumsum_and_gradient
import torch
x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
c = x.cumsum(0)
print(c)
c.sum().backward()
print(x.grad)
print(torch.tensor([[1, 2], [3, 4]]).cumsum(dim=1))

# %% sum_of_bool_and_int
import torch
x = torch.tensor([1.0, -2.0, 3.0, -4.0])
print((x > 0).sum(), (x > 0).sum().dtype)
print(torch.tensor([1, 2, 3]).sum(), torch.tensor([1, 2, 3]).float().mean())

# %% mean_of_int_errors
import torch
try:
    torch.tensor([1, 2, 3]).mean()
except RuntimeError as e:
    print(type(e).__name__, e)

# %% reductions_on_empty
import torch
e = torch.zeros(0)
print(e.sum(), e.prod(), e.mean())
