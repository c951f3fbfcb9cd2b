# Clipping gradients by norm and by value before the step.
import torch
from torch import nn

torch.manual_seed(11)
model = nn.Linear(4, 2)
x = torch.randn(5, 4) * 10
loss = model(x).pow(2).sum()
loss.backward()
total = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
print(total)
print(model.weight.grad)
norm = torch.sqrt(sum(p.grad.pow(2).sum() for p in model.parameters()))
print(norm)
model.zero_grad(set_to_none=True)  # the PyTorch 2.x default; 1.13 filled zeros
print(model.weight.grad)
model(x).sum().backward()
nn.utils.clip_grad_value_(model.parameters(), clip_value=0.5)
print(model.bias.grad)
