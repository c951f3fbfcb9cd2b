# PyTorch's default initialisations and nn.init, seeded so the numbers are PyTorch's own.

# %% linear_default_init_seed0
import torch
import torch.nn as nn
torch.manual_seed(0)
lin = nn.Linear(3, 2)
print(lin.weight)
print(lin.bias)

# %% linear_default_init_seed42_wide
import torch
import torch.nn as nn
torch.manual_seed(42)
lin = nn.Linear(8, 3)
print(lin.weight)
print(lin.bias)

# %% two_layers_consume_generator_in_order
import torch
import torch.nn as nn
torch.manual_seed(0)
a = nn.Linear(2, 2)
b = nn.Linear(2, 1)
print(a.weight, a.bias, b.weight, b.bias, sep="\n")

# %% embedding_default_init_normal
import torch
import torch.nn as nn
torch.manual_seed(0)
print(nn.Embedding(4, 3).weight)

# %% layernorm_default_init
import torch.nn as nn
ln = nn.LayerNorm(3)
print(ln.weight)
print(ln.bias)

# %% init_constant_zeros_ones
import torch
import torch.nn as nn
w = torch.empty(2, 3)
nn.init.constant_(w, 0.3)
print(w)
nn.init.zeros_(w)
print(w)
nn.init.ones_(w)
print(w)

# %% init_uniform_normal
import torch
import torch.nn as nn
torch.manual_seed(0)
w = torch.empty(2, 3)
nn.init.uniform_(w, -0.1, 0.1)
print(w)
nn.init.normal_(w, mean=0.0, std=0.01)
print(w)

# %% init_xavier
import torch
import torch.nn as nn
torch.manual_seed(0)
w = torch.empty(3, 4)
nn.init.xavier_uniform_(w)
print(w)
nn.init.xavier_normal_(w)
print(w)

# %% init_kaiming
import torch
import torch.nn as nn
torch.manual_seed(0)
w = torch.empty(2, 5)
nn.init.kaiming_uniform_(w, nonlinearity='relu')
print(w)
nn.init.kaiming_normal_(w)
print(w)

# %% init_eye_and_calculate_gain
import torch
import torch.nn as nn
w = torch.empty(2, 3)
nn.init.eye_(w)
print(w)
print(nn.init.calculate_gain('relu'), nn.init.calculate_gain('tanh'), nn.init.calculate_gain('linear'))

# %% init_inside_module_apply
import torch
import torch.nn as nn

def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 0.5)
        nn.init.zeros_(m.bias)

model = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
model.apply(init_weights)
print(model[0].weight, model[2].bias)
print(model(torch.tensor([[1.0, 2.0]])))

# %% init_under_no_grad_keeps_leaf
import torch
import torch.nn as nn
torch.manual_seed(3)
lin = nn.Linear(2, 2)
with torch.no_grad():
    lin.weight.fill_(1.0)
    lin.bias.zero_()
print(lin.weight, lin.bias)
print(lin.weight.is_leaf)
