# Logistic regression with BCEWithLogitsLoss and plain SGD.
import torch
from torch import nn

torch.manual_seed(2)
x = torch.randn(40, 2)
y = ((x[:, 0] - x[:, 1]) > 0).float().unsqueeze(1)
model = nn.Linear(2, 1)
loss_fn = nn.BCEWithLogitsLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(40):
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    if epoch % 10 == 0:
        print(epoch, f"{loss.item():.4f}")
prob = torch.sigmoid(model(x[:4]))
print(prob)
print(model.weight.grad)
