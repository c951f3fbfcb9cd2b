# Printing beyond tensors: torch.Size, dtypes, return types, module reprs, state_dicts, optimizers.

# %% size_and_dtype_reprs
import torch
x = torch.zeros(2, 3, 4)
print(x.shape, x.size(), x.size(1), x.shape[1:], len(x.shape))
print(repr(x.shape), str(torch.Size([])), torch.Size([5]))
print(x.shape == (2, 3, 4), x.shape.numel(), type(x.shape).__name__)
print(torch.float32, torch.float64, torch.int64, torch.int32, torch.bool)
print(torch.float, torch.double, torch.long, torch.int, repr(torch.float16) if hasattr(torch, 'float16') else 'torch.float16')
print(x.dtype == torch.float, torch.tensor([1]).dtype is torch.long)
print(torch.float32.is_floating_point, torch.int64.is_floating_point)

# %% return_types_of_sort_topk_min
import torch
x = torch.tensor([[3.0, 1.0, 2.0], [0.5, 4.0, -1.0]])
print(x.sort(dim=1))
print(torch.topk(x, 2))
r = x.min(dim=0)
print(r.values, r.indices, r[0] is r.values, len(r), type(r).__name__)
v, i = torch.sort(x[0], descending=True)
print(v, i)

# %% nested_module_repr
import torch
import torch.nn as nn

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 8, bias=False)
        self.act = nn.GELU()
        self.norm = nn.LayerNorm(8)
        self.drop = nn.Dropout(0.1)

    def forward(self, x):
        return self.drop(self.norm(self.act(self.fc(x))))

model = nn.Sequential(Block(), nn.ReLU(), nn.ModuleList([nn.Linear(8, 2), nn.Tanh()]), nn.Softmax(dim=-1))
print(model)
print(nn.Embedding(10, 3), nn.Sigmoid(), nn.Flatten(), nn.MSELoss(), nn.CrossEntropyLoss())

# %% module_extra_repr
import torch
import torch.nn as nn

class Scaled(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.k = k

    def extra_repr(self):
        return f'k={self.k}'

class Outer(nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = Scaled(3)
        self.empty = nn.Sequential()

print(Scaled(2))
print(Outer())

# Python 3.12+ (Pyodide's, and PyTorch 2.x users') prints OrderedDict({...}); Debian's 3.11 printed OrderedDict([(...)]).
# 2.x golden: "['0.weight', '0.bias', '2.weight', '2.bias']\ntensor([-0.0628])\nOrderedDict\nOrderedDict({'0.weight': tensor([[-0.0053,  0.3793],\n        [-0.5820, -0.5204]]), '0.bias': tensor([-0.2723,  0.1896]), '2.weight': tensor([[-0.0140,  0.5607]]), '2.bias': tensor([-0.0628])})\n"
# %% state_dict_printing
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
sd = model.state_dict()
print(list(sd.keys()))
print(sd['2.bias'])
print(type(sd).__name__)
print(sd)

# Python 3.12+ prints OrderedDict({...}) (see state_dict_printing).
# 2.x golden: "OrderedDict({'w': tensor([1., 1.]), 'running': tensor([0., 0.])})\n['running'] ['w']\n"
# %% state_dict_with_buffer
import torch
import torch.nn as nn

class WithBuffer(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer('running', torch.zeros(2))
        self.w = nn.Parameter(torch.ones(2))

m = WithBuffer()
print(m.state_dict())
print([name for name, _ in m.named_buffers()], [name for name, _ in m.named_parameters()])

# PyTorch 2.3+ SGD has a `fused` option (default None) in its param_groups; 1.13 had none.
# 2.x golden: "{'state': {}, 'param_groups': [{'lr': 0.1, 'momentum': 0.9, 'dampening': 0, 'weight_decay': 0, 'nesterov': False, 'maximize': False, 'foreach': None, 'differentiable': False, 'fused': None, 'params': [0]}]}\n{'state': {0: {'momentum_buffer': tensor([2., 4.])}}, 'param_groups': [{'lr': 0.1, 'momentum': 0.9, 'dampening': 0, 'weight_decay': 0, 'nesterov': False, 'maximize': False, 'foreach': None, 'differentiable': False, 'fused': None, 'params': [0]}]}\n"
# %% sgd_state_dict
import torch
w = torch.nn.Parameter(torch.tensor([1.0, 2.0]))
opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
print(opt.state_dict())
(w ** 2).sum().backward()
opt.step()
print(opt.state_dict())

# %% adam_state_dict_and_repr
import torch
w = torch.nn.Parameter(torch.tensor([1.0, -1.0]))
opt = torch.optim.Adam([w], lr=0.01)
(w ** 2).sum().backward()
opt.step()
sd = opt.state_dict()
print(sorted(sd['state'][0].keys()), sd['state'][0]['step'])
print(sd['state'][0]['exp_avg'], sd['state'][0]['exp_avg_sq'])
print(sd['param_groups'][0]['lr'], sd['param_groups'][0]['betas'], sd['param_groups'][0]['params'])

# PyTorch 2.3+ SGD lists `fused: None` (see sgd_state_dict).
# 2.x golden: "SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n    foreach: None\n    fused: None\n    lr: 0.1\n    maximize: False\n    momentum: 0.9\n    nesterov: False\n    weight_decay: 0\n)\n"
# %% optimizer_repr
import torch
w = torch.nn.Parameter(torch.tensor([1.0]))
print(torch.optim.SGD([w], lr=0.1, momentum=0.9))

# %% parameter_and_grad_printing
import torch
import torch.nn as nn
p = nn.Parameter(torch.tensor([[1.0, 2.0]]))
print(p)
print(repr(p.data), p.grad)
(p * 3).sum().backward()
print(p.grad)
print(nn.Parameter(torch.tensor(2.0), requires_grad=False))
