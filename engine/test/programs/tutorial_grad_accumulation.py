# Gradient accumulation: four mini-batches, one optimizer step.
import torch
from torch import nn

torch.manual_seed(7)
model = nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
data = torch.randn(16, 3)
target = data.sum(dim=1, keepdim=True)
opt.zero_grad()
for i, (xb, yb) in enumerate(zip(data.split(4), target.split(4))):
    loss = nn.functional.mse_loss(model(xb), yb) / 4
    loss.backward()
    print(i, round(loss.item(), 4), model.bias.grad)
opt.step()
print(model.weight)
full = nn.functional.mse_loss(model(data), target)
print(full)
