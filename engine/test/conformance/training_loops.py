# Whole (tiny) training loops as learners write them: seeded data, model, loss, optimizer, prints.

# %% linear_regression_by_hand
import torch
torch.manual_seed(0)
X = torch.randn(20, 1)
y = 3 * X + 2
w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
for epoch in range(30):
    loss = ((X * w + b - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
        b -= 0.1 * b.grad
        w.grad.zero_()
        b.grad.zero_()
    if epoch % 10 == 0:
        print(epoch, loss)
print(w, b)

# %% linear_regression_nn_sgd
import torch
import torch.nn as nn
torch.manual_seed(0)
X = torch.linspace(-1, 1, 10).unsqueeze(1)
y = -2 * X + 0.5
model = nn.Linear(1, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.2)
loss_fn = nn.MSELoss()
for step in range(25):
    opt.zero_grad(set_to_none=True)
    loss = loss_fn(model(X), y)
    loss.backward()
    opt.step()
print(loss)
print(model.weight, model.bias, sep="\n")

# %% mlp_xor_adam
import torch
import torch.nn as nn
torch.manual_seed(0)
X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))
opt = torch.optim.Adam(model.parameters(), lr=0.05)
loss_fn = nn.BCEWithLogitsLoss()
for step in range(200):
    opt.zero_grad(set_to_none=True)
    loss = loss_fn(model(X), y)
    loss.backward()
    opt.step()
    if step % 50 == 0:
        print(step, round(loss.item(), 4))
print((torch.sigmoid(model(X)) > 0.5).float().squeeze())

# %% classifier_cross_entropy_sgd_momentum
import torch
import torch.nn as nn
torch.manual_seed(1)
X = torch.randn(12, 3)
labels = (X[:, 0] > 0).long() + (X[:, 1] > 0).long()
model = nn.Sequential(nn.Linear(3, 6), nn.ReLU(), nn.Linear(6, 3))
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for step in range(40):
    opt.zero_grad(set_to_none=True)
    loss = nn.functional.cross_entropy(model(X), labels)
    loss.backward()
    opt.step()
print(round(loss.item(), 4))
print(labels)
print(model(X).argmax(dim=1))

# %% micrograd_style_neuron
import torch
x1 = torch.Tensor([2.0]).double(); x1.requires_grad = True
x2 = torch.Tensor([0.0]).double(); x2.requires_grad = True
w1 = torch.Tensor([-3.0]).double(); w1.requires_grad = True
w2 = torch.Tensor([1.0]).double(); w2.requires_grad = True
b = torch.Tensor([6.8813735870195432]).double(); b.requires_grad = True
n = x1 * w1 + x2 * w2 + b
o = torch.tanh(n)
o.backward()
print(round(o.data.item(), 6))
print('x2', round(x2.grad.item(), 6), 'w2', round(w2.grad.item(), 6))
print('x1', round(x1.grad.item(), 6), 'w1', round(w1.grad.item(), 6))
print(o)

# %% micrograd_style_mlp_float64
import torch
torch.manual_seed(0)
xs = torch.tensor([[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]], dtype=torch.float64)
ys = torch.tensor([1.0, -1.0, -1.0, 1.0], dtype=torch.float64)
W1 = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
W2 = torch.randn(4, 1, dtype=torch.float64, requires_grad=True)
for k in range(20):
    pred = torch.tanh(torch.tanh(xs @ W1) @ W2).squeeze(1)
    loss = ((pred - ys) ** 2).sum()
    W1.grad = None
    W2.grad = None
    loss.backward()
    with torch.no_grad():
        W1 -= 0.05 * W1.grad
        W2 -= 0.05 * W2.grad
    if k % 5 == 0:
        print(k, round(loss.item(), 6))
print(pred.detach())

# %% gradient_accumulation_two_batches
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Linear(2, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
b1, b2 = torch.randn(3, 2), torch.randn(3, 2)
opt.zero_grad(set_to_none=True)
model(b1).pow(2).mean().backward()
model(b2).pow(2).mean().backward()
print(model.weight.grad)
opt.step()
print(model.weight)

# %% train_eval_with_dropout_and_no_grad
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Dropout(0.3), nn.Linear(4, 2))
X = torch.randn(5, 4)
model.eval()
with torch.no_grad():
    out = model(X)
print(out)
print(out.requires_grad)

# %% loss_history_list
import torch
torch.manual_seed(0)
w = torch.randn(2, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.25)
history = []
for _ in range(5):
    opt.zero_grad(set_to_none=True)
    loss = (w ** 2).sum()
    loss.backward()
    opt.step()
    history.append(round(loss.item(), 4))
print(history)
print(w)

# %% layernorm_gelu_block_adamw
import torch
import torch.nn as nn
torch.manual_seed(0)
block = nn.Sequential(nn.Linear(4, 8), nn.LayerNorm(8), nn.GELU(), nn.Linear(8, 1))
opt = torch.optim.AdamW(block.parameters(), lr=0.01)
X = torch.randn(6, 4)
y = X.sum(1, keepdim=True)
for step in range(30):
    opt.zero_grad(set_to_none=True)
    loss = nn.functional.mse_loss(block(X), y)
    loss.backward()
    opt.step()
print(round(loss.item(), 3))
