# Source: d2l-ai/d2l-en chapter_multilayer-perceptrons/numerical-stability-and-init.md (PyTorch tab, the 2021 edition: vanishing sigmoid gradients (printed, not plotted) and exploding products of 100 random matrices; seeded)
import torch
torch.manual_seed(0)

x = torch.arange(-8.0, 8.0, 0.1, requires_grad=True)
y = torch.sigmoid(x)
y.backward(torch.ones_like(x))

print(x.shape)
print(y[::20])
print(x.grad[::20])
print(x.grad.max(), x.grad.argmax())

M = torch.normal(0, 1, size=(4,4))
print('a single matrix \n',M)
for i in range(100):
    M = torch.mm(M,torch.normal(0, 1, size=(4, 4)))

print('after multiplying 100 matrices\n', M)
