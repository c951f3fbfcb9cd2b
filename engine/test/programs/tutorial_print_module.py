# What modules, parameters and state_dicts look like when printed.
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(3, 4),
    nn.ReLU(),
    nn.Dropout(0.2),
    nn.Linear(4, 2),
)
print(model)
for name, param in model.named_parameters():
    print(name, param.shape, param.requires_grad)
print(model[0].weight)
sd = model.state_dict()
print(list(sd.keys()))
print(sd['3.bias'])
print(sum(p.numel() for p in model.parameters()))
