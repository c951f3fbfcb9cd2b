# Conv, pooling and batch norm modules and functions: reprs, state_dict keys, grad_fn names, PyTorch's errors.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
print(nn.Conv2d(3, 8, 3))
print(nn.Conv1d(2, 4, 3, stride=2, padding=1, bias=False))
print(nn.Conv2d(4, 4, (3, 2), stride=(2, 1), padding=1, dilation=2, groups=2))
print(nn.Conv2d(2, 4, 3, padding='same'))
print(nn.MaxPool2d(2), nn.MaxPool2d((2, 3), stride=1, padding=1, dilation=2, ceil_mode=True))
print(nn.AvgPool2d(3, 2, 1), nn.MaxPool1d(3), nn.AvgPool1d(2))
print(nn.BatchNorm1d(4), nn.BatchNorm2d(3, momentum=None, affine=False))
print(nn.Unflatten(1, (2, 3)), nn.Flatten(0))
print(list(nn.BatchNorm1d(2).state_dict().keys()))
print(nn.GRU(3, 4, num_layers=2, bidirectional=True, dropout=0.5), list(nn.GRU(3, 4, bidirectional=True).state_dict().keys()))
print(nn.LSTMCell(3, 4, bias=False), nn.GRUCell(3, 4), nn.RNNCell(3, 4))
c = nn.Conv2d(2, 3, 2)
print(c.weight, c.bias)
x = torch.randn(2, 2, 5, 5, requires_grad=True)
w = torch.randn(4, 2, 3, 3, requires_grad=True)
for kwargs in [dict(), dict(padding='same'), dict(padding='valid'), dict(stride=2, padding=(1, 0)), dict(dilation=2, padding=2)]:
    y = F.conv2d(x, w, **kwargs)
    print(kwargs, tuple(y.shape), y.grad_fn.name(), round(y.sum().item(), 3))
y = F.conv2d(x, w[:, :, :2, :2], padding='same')
print(tuple(y.shape), y.grad_fn.name())
g = F.conv2d(x[:, :1], torch.randn(2, 1, 2, 2), groups=1)
print(F.conv1d(x[:, :, 0], w[:, :, 0], stride=2).grad_fn.name(), F.conv2d(x[0], w).grad_fn.name())
out, idx = F.max_pool2d(x, 2, return_indices=True)
print(out.grad_fn.name(), idx[0, 0])
print(F.max_pool2d(x, 3, stride=2, padding=1, ceil_mode=True).shape, F.avg_pool2d(x, 3, 2, 1, count_include_pad=False)[0, 0])
print(F.max_pool1d(x[0], 2).grad_fn.name(), F.avg_pool1d(x[0], 2).grad_fn.name(), F.avg_pool2d(x, 2).grad_fn.name())
print(F.unfold(x, 2).shape, F.unfold(x, 2).grad_fn.name(), F.fold(F.unfold(x, 2), (5, 5), 2).grad_fn.name())
print(nn.AdaptiveAvgPool2d((None, 3)), nn.AdaptiveMaxPool2d(2), F.adaptive_avg_pool2d(x, 1).grad_fn.name())
print(F.adaptive_avg_pool2d(x, (2, 3))[0, 0], F.adaptive_avg_pool2d(x, (2, 3)).grad_fn.name())
print(F.adaptive_max_pool2d(x, 2, return_indices=True)[1][0, 0], F.adaptive_max_pool2d(x, 2).grad_fn.name())
bn = nn.BatchNorm1d(3)
h = bn(torch.randn(4, 3) * 3 + 1)
print(h.grad_fn.name(), bn.running_mean, bn.running_var)
bn.eval()
print(bn(torch.ones(2, 3)))
z = (F.conv2d(x, w) ** 2).sum()
gx, = torch.autograd.grad(z, x, create_graph=True)
print(gx.grad_fn is not None, round(gx.pow(2).sum().item(), 2))
for bad in [lambda: F.conv2d(torch.randn(1, 3, 5, 5), w), lambda: nn.BatchNorm1d(3)(torch.randn(1, 3)),
            lambda: nn.BatchNorm2d(3)(torch.randn(2, 3)), lambda: nn.Conv2d(3, 4, 3, stride=2, padding='same'),
            lambda: F.conv2d(torch.randn(1, 2, 2, 2), w), lambda: nn.LSTM(3, 4)(torch.randn(2, 1, 5))]:
    try:
        bad()
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
