# Loss functions, as modules and functionals: values, reductions, gradients and reprs.

# %% mse_loss_reductions
import torch
import torch.nn as nn
pred = torch.tensor([1.0, 2.0, 3.0])
target = torch.tensor([1.5, 2.0, 5.0])
print(nn.MSELoss()(pred, target))
print(nn.MSELoss(reduction='sum')(pred, target))
print(nn.MSELoss(reduction='none')(pred, target))

# %% mse_loss_gradient
import torch
import torch.nn.functional as F
pred = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
loss = F.mse_loss(pred, torch.tensor([0.0, 0.0, 0.0]))
loss.backward()
print(loss, pred.grad)

# %% l1_loss
import torch
import torch.nn as nn
pred = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
target = torch.tensor([0.0, 0.0, 3.0])
loss = nn.L1Loss()(pred, target)
loss.backward()
print(loss.item(), pred.grad)

# %% smooth_l1_loss
import torch
import torch.nn as nn
import torch.nn.functional as F
pred = torch.tensor([0.2, 1.0, 3.0], requires_grad=True)
target = torch.zeros(3)
loss = nn.SmoothL1Loss()(pred, target)
loss.backward()
print(loss, pred.grad)
print(F.smooth_l1_loss(pred, target, beta=2.0))

# %% cross_entropy_class_indices
import torch
import torch.nn as nn
logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], requires_grad=True)
target = torch.tensor([0, 1])
loss = nn.CrossEntropyLoss()(logits, target)
print(loss)
loss.backward()
print(logits.grad)

# %% cross_entropy_reduction_none_and_sum
import torch
import torch.nn.functional as F
logits = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
target = torch.tensor([2, 0])
print(F.cross_entropy(logits, target, reduction='none'))
print(F.cross_entropy(logits, target, reduction='sum'))

# %% cross_entropy_probabilities_target
import torch
import torch.nn.functional as F
logits = torch.tensor([[1.0, 2.0, 3.0]])
probs = torch.tensor([[0.1, 0.2, 0.7]])
print(F.cross_entropy(logits, probs))

# %% cross_entropy_label_smoothing
import torch
import torch.nn as nn
logits = torch.tensor([[2.0, 0.0, -1.0]])
print(nn.CrossEntropyLoss(label_smoothing=0.1)(logits, torch.tensor([0])))

# %% nll_loss_after_log_softmax
import torch
import torch.nn as nn
import torch.nn.functional as F
logits = torch.tensor([[0.2, 0.8], [1.5, -0.5]], requires_grad=True)
logp = F.log_softmax(logits, dim=1)
loss = nn.NLLLoss()(logp, torch.tensor([1, 0]))
loss.backward()
print(loss, loss.grad_fn.name())
print(logits.grad)

# %% bce_loss
import torch
import torch.nn as nn
p = torch.tensor([0.9, 0.2, 0.6], requires_grad=True)
y = torch.tensor([1.0, 0.0, 1.0])
loss = nn.BCELoss()(p, y)
loss.backward()
print(loss, p.grad)

# %% bce_with_logits_loss
import torch
import torch.nn as nn
z = torch.tensor([2.0, -1.0, 0.0], requires_grad=True)
y = torch.tensor([1.0, 0.0, 1.0])
loss = nn.BCEWithLogitsLoss()(z, y)
loss.backward()
print(loss, z.grad)
print(nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.0]))(z, y))

# %% bce_with_logits_extreme_stable
import torch
import torch.nn.functional as F
z = torch.tensor([100.0, -100.0])
print(F.binary_cross_entropy_with_logits(z, torch.tensor([0.0, 1.0])))

# %% loss_module_reprs
import torch.nn as nn
print(nn.MSELoss(), nn.L1Loss(), nn.SmoothL1Loss())
print(nn.CrossEntropyLoss(), nn.NLLLoss(), nn.BCELoss(), nn.BCEWithLogitsLoss())

# %% loss_grad_fn_names
import torch
import torch.nn.functional as F
x = torch.tensor([[0.3, 0.7]], requires_grad=True)
print(F.mse_loss(x, torch.zeros(1, 2)).grad_fn.name())
print(F.cross_entropy(x, torch.tensor([1])).grad_fn.name())
print(F.binary_cross_entropy(torch.sigmoid(x), torch.ones(1, 2)).grad_fn.name())
print(F.binary_cross_entropy_with_logits(x, torch.ones(1, 2)).grad_fn.name())
print(F.smooth_l1_loss(x, torch.zeros(1, 2)).grad_fn.name())

# %% cross_entropy_bad_target_errors
import torch
import torch.nn.functional as F
try:
    F.cross_entropy(torch.zeros(2, 3), torch.tensor([0, 3]))
except IndexError as e:
    print(type(e).__name__, e)

# %% mse_shape_broadcast_warning_free_case
import torch
import torch.nn.functional as F
pred = torch.tensor([[1.0], [2.0]])
target = torch.tensor([[0.0], [4.0]])
print(F.mse_loss(pred, target))
