# zero_grad(set_to_none=True) sets .grad to None (the PyTorch 2.x default; written out so 1.13 agrees).
import torch
from torch import nn

torch.manual_seed(4)
layer = nn.Linear(2, 1)
opt = torch.optim.Adam(layer.parameters(), lr=0.1)
layer(torch.ones(3, 2)).sum().backward()
print(layer.bias.grad)
opt.step()
print(layer.bias)
opt.zero_grad(set_to_none=True)
print(layer.bias.grad)
print(opt.param_groups[0]['lr'], opt.param_groups[0]['betas'])
print(len(opt.state_dict()['state']))
