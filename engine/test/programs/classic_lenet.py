# A tiny LeNet (PyTorch's CIFAR-10 tutorial shape): conv, pool, batch norm, flatten, linear; one SGD step.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(4, 6, 3)
        self.bn = nn.BatchNorm2d(6)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(6 * 3 * 3, 3)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = F.relu(self.bn(self.conv2(x)))
        return self.fc(self.flatten(x))


net = Net()
print(net)
print(sum(p.numel() for p in net.parameters()))
x = torch.randn(4, 1, 10, 10)
y = torch.tensor([0, 2, 1, 2])
opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
for step in range(3):
    opt.zero_grad()
    out = net(x)
    loss = F.cross_entropy(out, y)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
print(out.grad_fn.name(), net.conv1(x).grad_fn.name(), net.pool(net.conv1(x)).grad_fn.name())
print(net.conv1.weight.grad[0, 0])
print(net.conv2.weight.grad[0, 0])
print(net.bn.weight.grad)
print(net.bn.running_mean)
print(net.bn.running_var)
print(net.bn.num_batches_tracked)
net.eval()
print(net(x[:1]))
