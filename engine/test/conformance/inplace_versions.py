# In-place ops, version counters and the errors PyTorch raises when in-place breaks autograd.

# %% inplace_arithmetic_methods
import torch
x = torch.tensor([1.0, 2.0, 3.0])
x.add_(1)
print(x)
x.sub_(0.5).mul_(2)
print(x)
x.div_(torch.tensor([1.0, 2.0, 4.0]))
print(x)

# %% inplace_zero_fill_copy_clamp
import torch
x = torch.tensor([-2.0, 0.5, 3.0])
x.clamp_(-1, 1)
print(x)
x.fill_(4)
print(x)
x.copy_(torch.tensor([7.0, 8.0, 9.0]))
print(x)
x.zero_()
print(x)

# %% augmented_assignment_is_inplace
import torch
x = torch.tensor([1.0, 2.0])
alias = x
x += 1
x *= 3
x -= torch.tensor([1.0, 1.0])
x /= 2
print(x, alias, x is alias)

# %% plain_assignment_is_not_inplace
import torch
x = torch.tensor([1.0, 2.0])
alias = x
x = x + 1
print(x, alias)

# %% version_counter_bumps
import torch
x = torch.ones(3)
print(x._version)
x.add_(1)
x[0] = 5
print(x._version)
v = x.view(3)
v.mul_(2)
print(x._version, v._version)

# %% inplace_on_leaf_requiring_grad_errors
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    w.add_(1)
except RuntimeError as e:
    print(type(e).__name__, e)

# %% inplace_on_leaf_under_no_grad_ok
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    w -= 0.1 * torch.tensor([1.0, 1.0])
print(w)
print(w.is_leaf, w.grad_fn)

# %% modified_saved_tensor_errors
import torch
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a.exp()
c = (b * 2).sum()
b.add_(1)
c.backward()

# %% modified_saved_input_of_mul_errors
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 1
z = y * y
y.mul_(2)
try:
    z.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)

# %% inplace_on_nonleaf_ok_when_not_saved
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
y.add_(1)
print(y, y.grad_fn.name())
y.sum().backward()
print(x.grad)

# %% inplace_relu_on_nonleaf
import torch
x = torch.tensor([-1.0, 2.0], requires_grad=True)
y = x + 0
torch.relu_(y)
print(y)
y.sum().backward()
print(x.grad)

# %% requires_grad_underscore
import torch
x = torch.tensor([1.0, 2.0])
print(x.requires_grad)
x.requires_grad_()
print(x.requires_grad, x)
x.requires_grad_(False)
print(x.requires_grad)

# %% requires_grad_on_nonleaf_errors
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
try:
    y.requires_grad_(False)
except RuntimeError as e:
    print(type(e).__name__, e)

# %% data_bypasses_version_check
import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.sigmoid()
b.data.mul_(0)
b.sum().backward()
print(a.grad)
print(b._version)

# %% detach_shares_storage
import torch
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
d = a.detach()
d[0] = 100.0
print(a)
print(d.requires_grad, a._version, d._version)

# %% inplace_setitem_on_grad_tensor_records
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x.clone()
y[1] = 0.0
y.sum().backward()
print(y)
print(x.grad)
