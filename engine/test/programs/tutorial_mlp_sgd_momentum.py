# A seeded MLP fitted with SGD and momentum; the loss is printed every 10 steps.
import torch
from torch import nn

torch.manual_seed(0)
x = torch.linspace(-2, 2, 32).unsqueeze(1)
y = x.pow(3) - x
model = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
loss_fn = nn.MSELoss()
for step in range(50):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    if step % 10 == 0:
        print(step, round(loss.item(), 4))
print(loss)
print(model[2].bias)
