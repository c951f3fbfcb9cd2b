# torch.nn.functional: activations, linear, softmax family, dropout, embedding, layer_norm, one_hot.

# %% functional_relu_family
import torch
import torch.nn.functional as F
x = torch.tensor([-2.0, -0.5, 0.0, 1.5])
print(F.relu(x), F.leaky_relu(x), F.elu(x, alpha=0.5))

# %% functional_sigmoid_tanh
import torch
import torch.nn.functional as F
x = torch.tensor([-1.0, 0.0, 1.0])
print(torch.sigmoid(x), F.sigmoid(x), F.tanh(x))

# %% functional_gelu_tanh_approximation
import torch
import torch.nn.functional as F
x = torch.tensor([-1.0, 0.0, 1.0, 2.0])
print(F.gelu(x))
print(F.gelu(x, approximate='tanh'))

# %% functional_softplus_beta_threshold
import torch
import torch.nn.functional as F
x = torch.tensor([-1.0, 0.0, 1.0, 30.0])
print(F.softplus(x))
print(F.softplus(x, beta=2))

# %% functional_linear
import torch
import torch.nn.functional as F
x = torch.tensor([[1.0, 2.0]])
w = torch.tensor([[1.0, 0.0], [0.5, -0.5], [2.0, 1.0]])
b = torch.tensor([0.0, 1.0, -1.0])
print(F.linear(x, w, b))
print(F.linear(x, w))

# %% functional_softmax_dims
import torch
import torch.nn.functional as F
x = torch.tensor([[1.0, 2.0, 3.0], [2.0, 4.0, 8.0]])
print(F.softmax(x, dim=0))
print(F.softmax(x, dim=-1))
print(F.log_softmax(x, dim=1))

# %% functional_softmax_grad
import torch
import torch.nn.functional as F
x = torch.tensor([[0.5, 1.5, -1.0]], requires_grad=True)
y = F.log_softmax(x, dim=1)
print(y.grad_fn.name())
y[0, 1].backward()
print(x.grad)

# %% functional_dropout_eval_and_p0
import torch
import torch.nn.functional as F
x = torch.tensor([1.0, 2.0, 3.0])
print(F.dropout(x, p=0.5, training=False))
print(F.dropout(x, p=0.0))

# %% functional_one_hot
import torch
import torch.nn.functional as F
print(F.one_hot(torch.tensor([0, 2, 1])))
print(F.one_hot(torch.tensor([1, 0]), num_classes=4))

# %% functional_embedding
import torch
import torch.nn.functional as F
table = torch.tensor([[0.0, 0.1], [1.0, 1.1], [2.0, 2.1]], requires_grad=True)
out = F.embedding(torch.tensor([2, 0, 2]), table)
print(out)
out.sum().backward()
print(table.grad)

# %% functional_layer_norm
import torch
import torch.nn.functional as F
x = torch.tensor([[1.0, 2.0, 3.0, 4.0]])
print(F.layer_norm(x, (4,)))
print(F.layer_norm(x, (4,), weight=torch.full((4,), 2.0), bias=torch.ones(4)))

# %% functional_normalize
import torch
import torch.nn.functional as F
x = torch.tensor([[3.0, 4.0], [1.0, 0.0]])
print(F.normalize(x, dim=1))

# %% activation_grad_fn_names
import torch
import torch.nn.functional as F
x = torch.tensor([1.0, -1.0], requires_grad=True)
print(F.relu(x).grad_fn.name(), torch.sigmoid(x).grad_fn.name(), torch.tanh(x).grad_fn.name())
print(F.gelu(x).grad_fn.name(), F.silu(x).grad_fn.name(), F.softplus(x).grad_fn.name())
print(F.leaky_relu(x).grad_fn.name(), F.elu(x).grad_fn.name(), F.softmax(x, 0).grad_fn.name())

# %% activation_second_grads
import torch
import torch.nn.functional as F
x = torch.tensor([-0.5, 0.5], requires_grad=True)
for name, f in [('tanh', torch.tanh), ('softplus', F.softplus), ('elu', F.elu)]:
    (g,) = torch.autograd.grad(f(x).sum(), x, create_graph=True)
    (h,) = torch.autograd.grad(g.sum(), x)
    print(name, g.detach(), h)

# %% functional_pad_constant
import torch
import torch.nn.functional as F
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(F.pad(x, (1, 0)))
print(F.pad(x, (0, 1, 1, 0), value=-1.0))
