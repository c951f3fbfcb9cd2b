# torch.optim: SGD variants, Adam, AdamW, RMSprop; zero_grad, step, param_groups, state.
# Optimizer reprs list every option, and newer PyTorch adds options, so cases print chosen fields.

# %% sgd_plain_step
import torch
w = torch.tensor([1.0, -2.0], requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1)
(w ** 2).sum().backward()
opt.step()
print(w)

# %% sgd_momentum_three_steps
import torch
w = torch.tensor([1.0, -2.0], requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
for _ in range(3):
    opt.zero_grad(set_to_none=True)
    (w ** 2).sum().backward()
    opt.step()
    print(w)

# %% sgd_nesterov_weight_decay_dampening
import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([1.0, 2.0], requires_grad=True)
opt_a = torch.optim.SGD([a], lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.1)
opt_b = torch.optim.SGD([b], lr=0.05, momentum=0.9, dampening=0.5)
for _ in range(3):
    for p, opt in ((a, opt_a), (b, opt_b)):
        opt.zero_grad(set_to_none=True)
        (p ** 3).sum().backward()
        opt.step()
print(a)
print(b)

# %% sgd_momentum_buffer_state
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1, momentum=0.5)
for _ in range(2):
    opt.zero_grad(set_to_none=True)
    (w * w).sum().backward()
    opt.step()
print(opt.state[w]['momentum_buffer'])

# %% adam_steps
import torch
w = torch.tensor([1.0, -1.0, 0.5], requires_grad=True)
opt = torch.optim.Adam([w], lr=0.1)
for _ in range(5):
    opt.zero_grad(set_to_none=True)
    ((w - 2) ** 2).sum().backward()
    opt.step()
print(w)

# %% adam_state_entries
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
opt = torch.optim.Adam([w], lr=0.01, betas=(0.8, 0.9))
for _ in range(2):
    opt.zero_grad(set_to_none=True)
    (w ** 2).sum().backward()
    opt.step()
st = opt.state[w]
print(sorted(st.keys()))
print(st['step'], st['exp_avg'], st['exp_avg_sq'])

# %% adam_weight_decay_vs_adamw
import torch
a = torch.tensor([1.0, -2.0], requires_grad=True)
b = torch.tensor([1.0, -2.0], requires_grad=True)
opt_a = torch.optim.Adam([a], lr=0.1, weight_decay=0.5)
opt_b = torch.optim.AdamW([b], lr=0.1, weight_decay=0.5)
for _ in range(3):
    for p, opt in ((a, opt_a), (b, opt_b)):
        opt.zero_grad(set_to_none=True)
        (p ** 2).sum().backward()
        opt.step()
print(a)
print(b)

# %% adamw_default_weight_decay
import torch
w = torch.tensor([3.0], requires_grad=True)
opt = torch.optim.AdamW([w], lr=0.5)
for _ in range(2):
    opt.zero_grad(set_to_none=True)
    (w * 0).sum().backward()
    opt.step()
print(w)
print(opt.param_groups[0]['weight_decay'])

# %% rmsprop_steps
import torch
w = torch.tensor([1.0, -3.0], requires_grad=True)
opt = torch.optim.RMSprop([w], lr=0.01)
for _ in range(4):
    opt.zero_grad(set_to_none=True)
    (w ** 2).sum().backward()
    opt.step()
print(w)

# %% rmsprop_momentum_centered
import torch
w = torch.tensor([1.0, -3.0], requires_grad=True)
opt = torch.optim.RMSprop([w], lr=0.01, momentum=0.9, centered=True)
for _ in range(3):
    opt.zero_grad(set_to_none=True)
    (w ** 2).sum().backward()
    opt.step()
print(w)

# %% param_groups_fields
import torch
w = torch.zeros(2, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
g = opt.param_groups[0]
print(len(opt.param_groups), g['lr'], g['momentum'], g['dampening'], g['nesterov'], g['weight_decay'])
print(g['params'][0] is w)
adam = torch.optim.Adam([w])
print(adam.param_groups[0]['lr'], adam.param_groups[0]['betas'], adam.param_groups[0]['eps'])

# %% per_group_learning_rates
import torch
a = torch.tensor([1.0], requires_grad=True)
b = torch.tensor([1.0], requires_grad=True)
opt = torch.optim.SGD([{'params': [a]}, {'params': [b], 'lr': 0.5}], lr=0.1)
(a * 2 + b * 2).sum().backward()
opt.step()
print(a, b)
print([g['lr'] for g in opt.param_groups])

# %% change_lr_by_hand
import torch
w = torch.tensor([1.0], requires_grad=True)
opt = torch.optim.SGD([w], lr=1.0)
for lr in (0.5, 0.25):
    for g in opt.param_groups:
        g['lr'] = lr
    opt.zero_grad(set_to_none=True)
    (w * 10).sum().backward()
    opt.step()
    print(w)

# %% optimizer_zero_grad_set_to_none_explicit
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1)
(w * 3).sum().backward()
print(w.grad)
opt.zero_grad(set_to_none=True)
print(w.grad)

# 2.x: Optimizer.zero_grad() sets grads to None by default (1.13 zeroed them); golden hand-written.
# 2.x golden: "None\n"
# %% optimizer_zero_grad_default_sets_none
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1)
(w * 3).sum().backward()
opt.zero_grad()
print(w.grad)

# %% step_skips_params_without_grad
import torch
a = torch.tensor([1.0], requires_grad=True)
b = torch.tensor([1.0], requires_grad=True)
opt = torch.optim.SGD([a, b], lr=0.1, momentum=0.9)
(a * 5).sum().backward()
opt.step()
print(a, b, b.grad)
print(len(opt.state))

# %% optimizer_state_dict_structure
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
(w * w).sum().backward()
opt.step()
sd = opt.state_dict()
print(sorted(sd.keys()))
print(sd['param_groups'][0]['params'], sd['param_groups'][0]['lr'])
print(sd['state'][0]['momentum_buffer'])

# %% optimizer_on_module_parameters
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Linear(2, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
loss = model(torch.tensor([[1.0, 2.0]])).pow(2).sum()
loss.backward()
opt.step()
print(model.weight, model.bias, sep="\n")

# %% optimizer_empty_params_errors
import torch
try:
    torch.optim.SGD([], lr=0.1)
except ValueError as e:
    print(type(e).__name__, e)

# %% sgd_negative_lr_errors
import torch
try:
    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=-1.0)
except ValueError as e:
    print(type(e).__name__, e)

# %% clip_grad_norm
import torch
w = torch.tensor([3.0, 4.0], requires_grad=True)
v = torch.tensor([12.0], requires_grad=True)
(w * w * 0.5).sum().backward()
(v * v * 0.5).sum().backward()
total = torch.nn.utils.clip_grad_norm_([w, v], max_norm=1.0)
print(total)
print(w.grad, v.grad)

# %% clip_grad_value
import torch
w = torch.tensor([0.5, -3.0, 2.0], requires_grad=True)
(w ** 2).sum().backward()
torch.nn.utils.clip_grad_value_([w], clip_value=1.5)
print(w.grad)
