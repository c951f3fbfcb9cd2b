# torch.autograd.grad: outputs/inputs lists, grad_outputs, retain_graph, create_graph, allow_unused.

# %% grad_single_input
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x ** 2).sum()
(g,) = torch.autograd.grad(y, x)
print(g)
print(x.grad)

# %% grad_returns_tuple
import torch
x = torch.tensor(2.0, requires_grad=True)
out = torch.autograd.grad(x ** 3, x)
print(type(out).__name__, len(out), out)

# %% grad_multiple_inputs
import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
loss = (a * b + b ** 2).sum()
ga, gb = torch.autograd.grad(loss, [a, b])
print(ga, gb)

# %% grad_multiple_outputs_sum
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y1 = (x * 2).sum()
y2 = (x ** 2).sum()
print(torch.autograd.grad([y1, y2], x))

# %% grad_outputs_vector
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
(g,) = torch.autograd.grad(y, x, grad_outputs=torch.tensor([1.0, 0.0, -1.0]))
print(g)

# %% grad_nonscalar_without_grad_outputs_errors
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    torch.autograd.grad(x * 2, x)
except RuntimeError as e:
    print(type(e).__name__, e)

# %% grad_unused_input_errors
import torch
x = torch.tensor(1.0, requires_grad=True)
u = torch.tensor(1.0, requires_grad=True)
try:
    torch.autograd.grad(x * 2, [x, u])
except RuntimeError as e:
    print(type(e).__name__, e)

# %% grad_allow_unused_gives_none
import torch
x = torch.tensor(1.0, requires_grad=True)
u = torch.tensor(1.0, requires_grad=True)
print(torch.autograd.grad(x * 2, [x, u], allow_unused=True))

# %% grad_frees_graph_unless_retained
import torch
x = torch.tensor(2.0, requires_grad=True)
y = x.exp()
print(torch.autograd.grad(y, x, retain_graph=True))
print(torch.autograd.grad(y, x))
try:
    torch.autograd.grad(y, x)
except RuntimeError as e:
    print(type(e).__name__, e)

# %% grad_create_graph_result_has_grad_fn
import torch
x = torch.tensor(3.0, requires_grad=True)
(g,) = torch.autograd.grad(x ** 3, x, create_graph=True)
print(g, g.requires_grad)
(g2,) = torch.autograd.grad(g, x)
print(g2)

# %% grad_of_input_not_requiring_grad_errors
import torch
x = torch.tensor(1.0)
w = torch.tensor(1.0, requires_grad=True)
try:
    torch.autograd.grad(x * w, x)
except RuntimeError as e:
    print(type(e).__name__, e)

# %% grad_of_intermediate
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
h = x * 3
out = (h ** 2).sum()
print(torch.autograd.grad(out, h))

# %% grad_does_not_touch_dot_grad
import torch
w = torch.tensor([1.0, 1.0], requires_grad=True)
w.grad = torch.tensor([5.0, 5.0])
torch.autograd.grad((w * 4).sum(), w)
print(w.grad)

# %% backward_inputs_argument
import torch
a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
(a * b).backward(inputs=[a])
print(a.grad, b.grad)
