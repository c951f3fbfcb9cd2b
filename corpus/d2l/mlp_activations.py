# Source: d2l-ai/d2l-en chapter_multilayer-perceptrons/mlp.md (PyTorch tab: ReLU, sigmoid and tanh and their derivatives by autograd; the plots printed as values at a few points)
import torch

x = torch.arange(-8.0, 8.0, 0.1, requires_grad=True)
y = torch.relu(x)
print(y[::16])

y.backward(torch.ones_like(x), retain_graph=True)
print(x.grad[::16])

y = torch.sigmoid(x)
print(y[::16])

# Clear out previous gradients
x.grad.data.zero_()
y.backward(torch.ones_like(x),retain_graph=True)
print(x.grad[::16])

y = torch.tanh(x)
print(y[::16])

# Clear out previous gradients
x.grad.data.zero_()
y.backward(torch.ones_like(x),retain_graph=True)
print(x.grad[::16])
print(x[::16])
