# Errors a learner meets, in PyTorch's words: shapes, indexing, conversion, autograd, anomaly mode.
# Some cases catch and print; others let the last line raise (the golden ends with that line).

# %% broadcast_mismatch_raises
import torch
a = torch.zeros(2, 3)
b = torch.zeros(4)
a + b

# %% broadcast_mismatch_caught
import torch
try:
    torch.ones(3) * torch.ones(2)
except RuntimeError as e:
    print(type(e).__name__, e)

# %% cat_size_mismatch
import torch
try:
    torch.cat([torch.zeros(2, 2), torch.zeros(3, 3)], dim=1)
except RuntimeError as e:
    print(e)

# %% stack_size_mismatch
import torch
try:
    torch.stack([torch.zeros(2), torch.zeros(3)])
except RuntimeError as e:
    print(e)

# %% expand_bad_size
import torch
try:
    torch.zeros(3, 2).expand(3, 4)
except RuntimeError as e:
    print(e)

# %% dimension_out_of_range
import torch
x = torch.zeros(2, 3)
try:
    x.sum(dim=2)
except IndexError as e:
    print(type(e).__name__, e)
try:
    x.transpose(0, 5)
except IndexError as e:
    print(type(e).__name__, e)

# %% float_of_many_elements
import torch
x = torch.tensor([1.0, 2.0, 3.0])
try:
    float(x)
except ValueError as e:
    print(type(e).__name__, e)

# %% bool_of_many_elements
import torch
x = torch.tensor([1.0, -1.0])
try:
    if x > 0:
        print("positive")
except RuntimeError as e:
    print(type(e).__name__, e)

# %% bool_of_single_element_ok
import torch
x = torch.tensor([2.0])
if x > 0:
    print("positive", bool(x > 0), float(x), int(torch.tensor(7)))

# %% linear_wrong_in_features
import torch
import torch.nn as nn
lin = nn.Linear(2, 4)
lin(torch.ones(1, 3))

# %% setitem_shape_mismatch
import torch
x = torch.zeros(4)
try:
    x[:2] = torch.tensor([1.0, 2.0, 3.0])
except RuntimeError as e:
    print(type(e).__name__, e)

# %% gather_index_out_of_bounds
import torch
try:
    torch.zeros(2, 3).gather(1, torch.tensor([[5], [0]]))
except RuntimeError as e:
    print(type(e).__name__, e)

# %% ragged_nested_list
import torch
try:
    torch.tensor([[1.0, 2.0], [3.0]])
except ValueError as e:
    print(type(e).__name__, e)

# %% optimizer_non_leaf_errors
import torch
w = torch.tensor([1.0], requires_grad=True)
try:
    torch.optim.SGD([w * 2], lr=0.1)
except ValueError as e:
    print(type(e).__name__, e)

# %% optimizer_given_single_tensor_errors
import torch
w = torch.tensor([1.0], requires_grad=True)
try:
    torch.optim.SGD(w, lr=0.1)
except TypeError as e:
    print(type(e).__name__, e)

# %% module_without_forward
import torch
import torch.nn as nn

class Empty(nn.Module):
    pass

try:
    Empty()(torch.ones(1))
except NotImplementedError as e:
    print(type(e).__name__, e)

# %% anomaly_mode_names_nan_backward
import torch
x = torch.tensor([0.0, 1.0], requires_grad=True)
with torch.autograd.detect_anomaly():
    y = torch.sqrt(x)
    z = (y * 0).sum()
    try:
        z.backward()
    except RuntimeError as e:
        print(type(e).__name__, e)

# %% anomaly_mode_off_gives_nan_grad
import torch
x = torch.tensor([0.0, 1.0], requires_grad=True)
y = torch.sqrt(x)
(y * 0).sum().backward()
print(x.grad)

# %% set_detect_anomaly_flag
import torch
print(torch.is_anomaly_enabled())
torch.autograd.set_detect_anomaly(True)
print(torch.is_anomaly_enabled())
torch.autograd.set_detect_anomaly(False)
print(torch.is_anomaly_enabled())

# %% anomaly_div_by_zero_backward
import torch
a = torch.tensor([1.0, 0.0], requires_grad=True)
b = torch.tensor([0.0, 0.0], requires_grad=True)
with torch.autograd.detect_anomaly():
    c = a / b
    try:
        c.sum().backward()
    except RuntimeError as e:
        print(e)

# %% saved_tensor_modified_uncaught
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.sigmoid()
y.mul_(2)
y.sum().backward()

# %% leaf_inplace_uncaught
import torch
w = torch.zeros(2, requires_grad=True)
w[0] = 1.0

# %% grad_of_nonleaf_is_none_with_warning_only
import torch
x = torch.tensor([1.0], requires_grad=True)
y = x * 2
y.backward()
print(y.grad, x.grad)

# %% index_error_uncaught_after_print
import torch
x = torch.tensor([1.0, 2.0, 3.0])
print("before")
y = x[5]
print("never")

# %% unsqueeze_bad_dim
import torch
try:
    torch.zeros(2).unsqueeze(3)
except IndexError as e:
    print(type(e).__name__, e)

# %% backward_graph_freed_via_grad_fn
import torch
x = torch.tensor(2.0, requires_grad=True)
y = x * x
z = y * 3
z.backward()
try:
    y.backward()
except RuntimeError as e:
    print(e)
