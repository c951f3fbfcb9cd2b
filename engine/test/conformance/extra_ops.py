# Operators and ops added for issue #3: bitwise/floor/mod operators, all/any, F.pad, named
# double-backward nodes, storage introspection, the legacy torch.Tensor constructor, backward(inputs=).

# %% bitwise_operators_on_ints_and_bools
import torch
a = torch.tensor([6, -3, 0])
b = torch.tensor([3, 5, 7])
print(a & b, a | b, a ^ b, ~a)
print(a & 2, 1 | b, ~torch.tensor([True, False]))
m = torch.tensor([True, False, True])
m &= torch.tensor([True, True, False])
print(m)

# %% bitwise_on_float_errors
import torch
try:
    torch.tensor([1.0]) & torch.tensor([1.0])
except RuntimeError as e:
    print(e)
try:
    ~torch.tensor([1.5])
except RuntimeError as e:
    print(e)

# %% floor_divide_and_mod_with_scalars
import torch
x = torch.tensor([7.5, -7.5, 3.0])
print(x // 2, 7 // torch.tensor([2, -2]), x % 2, 10 % torch.tensor([3, -3]))
y = torch.tensor([9, 10])
y //= 4
print(y)

# %% all_and_any
import torch
x = torch.tensor([[1, 0, 2], [3, 4, 5]])
print(x.all(), x.any(), torch.all(x > -1), (x > 4).any())
print(x.all(dim=1), x.any(0), x.bool().all(1, keepdim=True))
print(torch.tensor([]).all(), torch.tensor([]).any())

# %% pad_constant_backward
import torch
import torch.nn.functional as F
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
y = F.pad(x, (1, 2, 0, 1), value=9.0)
print(y)
(y * torch.arange(15.0).view(3, 5)).sum().backward()
print(x.grad)
print(F.pad(torch.arange(6.0).view(2, 3), (-1, 0)))

# %% double_backward_grad_fn_names
import torch
x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
for f in (torch.sigmoid, torch.tanh, torch.relu):
    (g,) = torch.autograd.grad(f(x).sum(), x, create_graph=True)
    print(g, g.requires_grad)
    (h,) = torch.autograd.grad(g.sum(), x, allow_unused=True)
    print(h)

# %% relu_hessian_is_zero
import torch
from torch.autograd.functional import hessian
print(hessian(lambda t: torch.relu(t).pow(2).sum(), torch.tensor([1.0, -2.0])))

# %% strides_and_data_ptr
import torch
x = torch.zeros(2, 3, 4)
print(x.stride(), x.stride(0), x.stride(-1), x.permute(2, 0, 1).stride(), x[:, 1].stride())
print(x[1].data_ptr() - x.data_ptr(), x[0, 2].data_ptr() - x.data_ptr(), x.storage_offset(), x[1, 1].storage_offset())
y = x.detach()
print(y.data_ptr() == x.data_ptr(), x.clone().data_ptr() == x.data_ptr(), x.data.data_ptr() == x.data_ptr())

# %% legacy_tensor_constructor
import torch
a = torch.Tensor([1, 2, 3])
print(a, a.dtype)
print(torch.Tensor(2, 3).shape, torch.Tensor().shape, torch.Tensor([[1.5], [2.5]]))
print(isinstance(a, torch.Tensor), type(a).__name__)

# %% backward_inputs_subsets
import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
y = (a * b).sum()
y.backward(inputs=[b], retain_graph=True)
print(a.grad, b.grad)
torch.autograd.backward(y, inputs=a)
print(a.grad, b.grad)

# PyTorch 2.x's item() on many elements raises RuntimeError "a Tensor with N elements cannot be converted to Scalar" (1.13: ValueError).
# 2.x golden: "2.5 7 3\nValueError only one element tensors can be converted to Python scalars\nRuntimeError a Tensor with 2 elements cannot be converted to Scalar\n"
# %% scalar_conversions
import torch
print(float(torch.tensor([2.5])), int(torch.tensor(7.9)), torch.tensor([3]).item())
try:
    int(torch.tensor([1, 2]))
except ValueError as e:
    print(type(e).__name__, e)
try:
    torch.tensor([1.0, 2.0]).item()
except RuntimeError as e:
    print(type(e).__name__, e)

# %% data_aliases_values_not_history
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
d = w.data
print(d.requires_grad, d.is_leaf, d.grad_fn)
d.mul_(10)
print(w, w._version, d._version)
w.data = torch.tensor([5.0])
print(w, w.requires_grad)

# %% typename_and_equal_and_linspace
import torch
print(torch.typename(torch.zeros(1)), torch.typename(torch.zeros(1, dtype=torch.int64)), torch.typename(torch.zeros(1, dtype=torch.float64)))
print(torch.equal(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0])), torch.equal(torch.tensor([1.0]), torch.tensor([1.0, 1.0])))
print(torch.linspace(0, 1, 1), torch.linspace(2, 3, 0), torch.linspace(-5, 5, 11, dtype=torch.float64))
print(torch.linspace(0, 1, 4, requires_grad=True))

# %% arange_and_eye_via_engine
import torch
print(torch.arange(5), torch.arange(1.0, 2.0, 0.25), torch.arange(0, 10, 3, dtype=torch.float64))
print(torch.eye(2, 3), torch.eye(2, dtype=torch.int64))
print(torch.arange(3, requires_grad=False).dtype, torch.arange(3.0, requires_grad=True))
