# Adapted from d2l.ai 3.5 (concise linear regression: TensorDataset, a shuffling DataLoader, nn.Linear, SGD) and the PyTorch data tutorial (random_split)
import torch
from torch import nn
from torch.utils import data

torch.manual_seed(0)
true_w = torch.tensor([2, -3.4])
true_b = 4.2
X = torch.normal(0, 1, (100, 2))
y = torch.matmul(X, true_w) + true_b
y += torch.normal(0, 0.01, y.shape)
y = y.reshape((-1, 1))
print(X[:2], y[:2])

dataset = data.TensorDataset(X, y)
loader = data.DataLoader(dataset, batch_size=10, shuffle=True)
print(len(loader))
first = next(iter(loader))
print(type(first).__name__, first[0].shape, first[1][:3])

net = nn.Sequential(nn.Linear(2, 1))
net[0].weight.data.normal_(0, 0.01)
net[0].bias.data.fill_(0)
loss = nn.MSELoss()
trainer = torch.optim.SGD(net.parameters(), lr=0.1)
for epoch in range(5):
    for Xb, yb in loader:
        l = loss(net(Xb), yb)
        trainer.zero_grad()
        l.backward()
        trainer.step()
    l = loss(net(X), y)
    print(f'epoch {epoch + 1}, loss {l.item():f}')
w = net[0].weight.data
print('error in estimating w:', (true_w - w.reshape(true_w.shape)).abs().max().item() < 0.01)
print('error in estimating b:', abs(true_b - net[0].bias.data.item()) < 0.01)

train, test = data.random_split(dataset, [0.8, 0.2], generator=torch.Generator().manual_seed(42))
print(len(train), len(test), test.indices[:5])
g = torch.Generator().manual_seed(7)
for i, (Xb, yb) in enumerate(data.DataLoader(train, batch_size=32, shuffle=True, generator=g, drop_last=True)):
    print(i, Xb.shape, yb[:2].flatten())
print(torch.rand(3))
