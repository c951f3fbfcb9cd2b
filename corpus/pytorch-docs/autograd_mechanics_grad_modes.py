# Source: pytorch/pytorch docs/source/notes/autograd.rst ("Locally disabling gradient computation": requires_grad, grad mode, no-grad mode, inference mode, evaluation mode) and docs/source/autograd.rst (the grad-mode context managers); seeded
import torch
import torch.nn as nn
torch.manual_seed(0)

x = torch.randn(5, 5)  # requires_grad=False by default
y = torch.randn(5, 5)  # requires_grad=False by default
z = torch.randn((5, 5), requires_grad=True)
a = x + y
print(a.requires_grad)
b = a + z
print(b.requires_grad)

# Freezing part of a model: only the classifier is fine-tuned
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
for param in model[0].parameters():
    param.requires_grad_(False)
optimizer = torch.optim.SGD(model[2].parameters(), lr=1e-2, momentum=0.9)
out = model(torch.randn(3, 4)).sum()
out.backward()
print(model[0].weight.grad, model[2].bias.grad)

x = torch.tensor([1.], requires_grad=True)
with torch.no_grad():
    y = x * 2
print(y.requires_grad)

@torch.no_grad()
def doubler(x):
    return x * 2
z = doubler(x)
print(z.requires_grad)

with torch.no_grad():
    with torch.enable_grad():
        y = x * 2
print(y.requires_grad)
y.backward()
print(x.grad)

is_train = False
with torch.set_grad_enabled(is_train):
    y = x * 2
print(y.requires_grad)
_ = torch.set_grad_enabled(True)
y = x * 2
print(y.requires_grad)
_ = torch.set_grad_enabled(False)
y = x * 2
print(y.requires_grad)
_ = torch.set_grad_enabled(True)

x = torch.ones(1, 2, 3, requires_grad=True)
with torch.inference_mode():
    y = x * x
print(y.requires_grad)
print(y.is_inference())

@torch.inference_mode()
def func(x):
    return x * x
out = func(x)
print(out.requires_grad)

print(torch.is_grad_enabled(), torch.is_inference_mode_enabled())

model = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5))
print(model.training)
model.eval()
print(model.training, model[1].training)
model.train()
print(model.training)
