# Tensor hooks (register_hook, handles, retain_grad) and module forward hooks.

# %% tensor_hook_sees_gradient
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
y.register_hook(lambda g: print("grad of y:", g))
(y ** 2).sum().backward()
print(x.grad)

# %% hook_replaces_gradient
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
y.register_hook(lambda g: g * 10)
y.sum().backward()
print(x.grad)

# %% hook_on_leaf
import torch
w = torch.tensor([1.0, -1.0], requires_grad=True)
w.register_hook(lambda g: g.clamp(min=0))
(w * torch.tensor([3.0, -3.0])).sum().backward()
print(w.grad)

# %% hook_handle_remove
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
h = x.register_hook(lambda g: g * 100)
(x * 1).sum().backward()
print(x.grad)
h.remove()
x.grad = None
(x * 1).sum().backward()
print(x.grad)

# %% multiple_hooks_run_in_order
import torch
x = torch.tensor([1.0], requires_grad=True)
y = x * 2
y.register_hook(lambda g: print("first", g))
y.register_hook(lambda g: g + 1)
y.register_hook(lambda g: print("third", g))
y.backward()
print(x.grad)

# %% hook_called_once_per_backward_with_fanout
import torch
calls = []
x = torch.tensor(1.0, requires_grad=True)
y = x * 2
y.register_hook(lambda g: calls.append(g.item()))
z = y * y + y
z.backward()
print(calls, x.grad)

# %% hook_on_tensor_without_grad_errors
import torch
x = torch.tensor([1.0])
try:
    x.register_hook(lambda g: g)
except RuntimeError as e:
    print(type(e).__name__, e)

# 2.x: retain_grad's hook runs after the tensor's other hooks (since 2.0), so .grad holds the
# hook's result; 1.13 stored the gradient before the hook. Golden hand-written.
# 2.x golden: "tensor([0.5000]) tensor([2.])\n"
# %% retain_grad_then_hook
import torch
x = torch.tensor([2.0], requires_grad=True)
h = x ** 2
h.retain_grad()
h.register_hook(lambda g: g * 0.5)
h.backward()
print(h.grad, x.grad)

# %% module_forward_hook
import torch
import torch.nn as nn
torch.manual_seed(0)
lin = nn.Linear(2, 1)
handle = lin.register_forward_hook(lambda m, inp, out: print(type(m).__name__, inp[0].shape, out.shape))
lin(torch.ones(3, 2))
handle.remove()
lin(torch.ones(3, 2))
print("done")

# %% module_forward_hook_replaces_output
import torch
import torch.nn as nn
relu = nn.ReLU()
relu.register_forward_hook(lambda m, inp, out: out * 2)
print(relu(torch.tensor([-1.0, 3.0])))

# %% module_forward_pre_hook
import torch
import torch.nn as nn
tanh = nn.Tanh()
tanh.register_forward_pre_hook(lambda m, inp: (inp[0] * 0,))
print(tanh(torch.tensor([1.0, 2.0])))

# %% hook_gradient_clipping_by_hand
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
w.register_hook(lambda g: g.clamp(-1, 1))
loss = (w ** 3).sum()
loss.backward()
print(w.grad)
