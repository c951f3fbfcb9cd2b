# nn.Module: registration, parameters, reprs, state_dict, train/eval, buffers, zero_grad, layers.

# %% linear_repr_and_params
import torch
import torch.nn as nn
torch.manual_seed(0)
lin = nn.Linear(3, 2)
print(lin)
print(lin.weight)
print(lin.bias)

# %% linear_forward
import torch
import torch.nn as nn
torch.manual_seed(0)
lin = nn.Linear(3, 2)
out = lin(torch.tensor([[1.0, 2.0, 3.0]]))
print(out)
print(out.grad_fn.name())

# %% linear_without_bias
import torch
import torch.nn as nn
torch.manual_seed(1)
lin = nn.Linear(2, 2, bias=False)
print(lin, lin.bias)
print(lin(torch.ones(1, 2)))

# %% custom_module_registration
import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 3)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(3, 1)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))

net = Net()
print(net)
print([name for name, _ in net.named_parameters()])
print([p.shape for p in net.parameters()])

# %% parameter_count
import torch
import torch.nn as nn
model = nn.Sequential(nn.Linear(10, 5), nn.Tanh(), nn.Linear(5, 2))
print(sum(p.numel() for p in model.parameters()))
print(sum(p.numel() for p in model.parameters() if p.requires_grad))

# %% sequential_repr_and_indexing
import torch
import torch.nn as nn
model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1), nn.Sigmoid())
print(model)
print(model[0])
print(len(model), type(model[1]).__name__)

# %% sequential_forward_seeded
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
x = torch.tensor([[1.0, -1.0], [0.5, 2.0]])
print(model(x))

# %% module_list
import torch
import torch.nn as nn

class Stack(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)])

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

s = Stack()
print(s)
print(len(list(s.parameters())))

# %% parameter_repr
import torch
import torch.nn as nn
p = nn.Parameter(torch.tensor([1.0, 2.0]))
print(p)
print(p.requires_grad, p.is_leaf, isinstance(p, torch.Tensor))
q = nn.Parameter(torch.zeros(2, 2), requires_grad=False)
print(q)

# %% parameter_math_result_is_tensor
import torch
import torch.nn as nn
p = nn.Parameter(torch.tensor([1.0, 2.0]))
y = p * 2
print(y)
print(type(y).__name__, type(p).__name__)

# %% children_and_modules
import torch.nn as nn
model = nn.Sequential(nn.Linear(2, 2), nn.Sequential(nn.ReLU(), nn.Linear(2, 1)))
print([type(m).__name__ for m in model.children()])
print([type(m).__name__ for m in model.modules()])
print([name for name, _ in model.named_modules()])

# %% state_dict_keys_and_values
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
sd = model.state_dict()
print(list(sd.keys()))
print(sd['2.weight'])
print(sd['0.bias'].requires_grad)

# %% load_state_dict_copies_values
import torch
import torch.nn as nn
torch.manual_seed(0)
a = nn.Linear(2, 1)
b = nn.Linear(2, 1)
print(b.load_state_dict(a.state_dict()))
print(torch.equal(a.weight, b.weight), b.bias)

# %% load_state_dict_missing_key_errors
import torch
import torch.nn as nn
lin = nn.Linear(2, 1)
try:
    lin.load_state_dict({'weight': torch.zeros(1, 2)})
except RuntimeError as e:
    print(type(e).__name__, e)

# %% train_eval_flags
import torch.nn as nn
model = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5))
print(model.training, model[1].training)
model.eval()
print(model.training, model[1].training)
print(model.train() is model, model[1].training)

# %% register_buffer
import torch
import torch.nn as nn

class Counter(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer('steps', torch.zeros(1))
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x):
        self.steps += 1
        return x * self.scale

c = Counter()
c(torch.ones(1)); c(torch.ones(1))
print(c.steps)
print([n for n, _ in c.named_parameters()], [n for n, _ in c.named_buffers()])
print(list(c.state_dict().keys()))

# %% module_zero_grad_explicit_set_to_none
import torch
import torch.nn as nn
torch.manual_seed(0)
lin = nn.Linear(2, 1)
lin(torch.ones(1, 2)).sum().backward()
print(lin.weight.grad)
lin.zero_grad(set_to_none=True)
print(lin.weight.grad)

# 2.x: Module.zero_grad() sets grads to None by default (1.13 zeroed them); golden hand-written.
# 2.x golden: "None None\n"
# %% module_zero_grad_default_sets_none
import torch
import torch.nn as nn
torch.manual_seed(0)
lin = nn.Linear(2, 1)
lin(torch.ones(1, 2)).sum().backward()
lin.zero_grad()
print(lin.weight.grad, lin.bias.grad)

# %% activation_module_reprs
import torch.nn as nn
print(nn.ReLU(), nn.Tanh(), nn.Sigmoid(), nn.GELU())
print(nn.Softmax(dim=1), nn.Dropout(), nn.Dropout(p=0.2))
print(nn.LeakyReLU(0.1), nn.ELU(), nn.SiLU())

# %% layer_module_reprs
import torch.nn as nn
print(nn.Embedding(10, 3))
print(nn.LayerNorm(4))
print(nn.LayerNorm([2, 3], elementwise_affine=False))
print(nn.Flatten(), nn.Identity())

# %% embedding_seeded_lookup
import torch
import torch.nn as nn
torch.manual_seed(0)
emb = nn.Embedding(5, 3)
idx = torch.tensor([[0, 2], [4, 2]])
out = emb(idx)
print(out.shape)
print(out[0])
out.sum().backward()
print(emb.weight.grad)

# %% layernorm_forward_backward
import torch
import torch.nn as nn
ln = nn.LayerNorm(3)
x = torch.tensor([[1.0, 2.0, 4.0], [0.0, 0.0, 3.0]], requires_grad=True)
y = ln(x)
print(y)
(y * torch.tensor([1.0, -1.0, 0.0])).sum().backward()
print(x.grad)
print(ln.weight.grad, ln.bias.grad)

# %% dropout_eval_is_identity
import torch
import torch.nn as nn
drop = nn.Dropout(0.5)
drop.eval()
x = torch.tensor([1.0, 2.0, 3.0])
print(drop(x))

# %% dropout_train_zeroes_or_scales
import torch
import torch.nn as nn
torch.manual_seed(0)
drop = nn.Dropout(0.5)
x = torch.ones(1000)
y = drop(x)
print(bool(((y == 0) | (y == 2)).all()))
print(y.shape, y.dtype)

# %% softmax_module
import torch
import torch.nn as nn
sm = nn.Softmax(dim=-1)
print(sm(torch.tensor([[1.0, 2.0], [3.0, 3.0]])))

# %% flatten_module
import torch
import torch.nn as nn
print(nn.Flatten()(torch.zeros(2, 3, 4)).shape)
print(nn.Flatten(0)(torch.zeros(2, 3, 4)).shape)

# %% requires_grad_false_freezes
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
for p in model[0].parameters():
    p.requires_grad = False
model(torch.ones(1, 2)).sum().backward()
print(model[0].weight.grad, model[1].weight.grad)

# %% module_setattr_tensor_not_registered
import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.ones(2))
        self.plain = torch.ones(2)

m = M()
print([n for n, _ in m.named_parameters()])
print(m)

# %% module_extra_repr
import torch.nn as nn

class Scale(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def extra_repr(self):
        return f"factor={self.factor}"

print(nn.Sequential(Scale(2.0), nn.ReLU()))
