# d2l's LeNet (chapter "Convolutional Neural Networks (LeNet)"), built from lazy modules.
import torch
from torch import nn
import torch.nn.functional as F

torch.manual_seed(0)
net = nn.Sequential(
    nn.LazyConv2d(6, kernel_size=5, padding=2), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
    nn.LazyConv2d(16, kernel_size=5), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Flatten(), nn.LazyLinear(120), nn.Sigmoid(), nn.LazyLinear(84), nn.Sigmoid(), nn.LazyLinear(10))
print(net[0], net[7], net[0].weight)
X = torch.randn(2, 1, 28, 28)
for layer in net:
    X = layer(X)
    print(layer.__class__.__name__, 'output shape:\t', X.shape)
print(net)
print(net[0].weight[0, 0, 0], net[9].bias[:4])
bn = nn.LazyBatchNorm2d()
print(bn)
y = bn(torch.randn(2, 3, 4, 4))
print(bn, bn.running_mean, list(bn.state_dict().keys()))
loss = F.cross_entropy(net(torch.randn(4, 1, 28, 28)), torch.tensor([1, 2, 3, 4]))
loss.backward()
print(round(loss.item(), 4), net[3].bias.grad[:3])
