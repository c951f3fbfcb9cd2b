# The common losses, as modules and as functions.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(3)
pred = torch.randn(4, 3, requires_grad=True)
target = torch.randn(4, 3)
classes = torch.tensor([0, 2, 1, 2])
mse = nn.MSELoss()(pred, target)
print(mse)
ce = nn.CrossEntropyLoss()(pred, classes)
print(ce)
bce = nn.BCEWithLogitsLoss()(pred, (target > 0).float())
print(bce)
print(F.l1_loss(pred, target, reduction='sum'))
print(F.smooth_l1_loss(pred, target))
print(F.nll_loss(F.log_softmax(pred, dim=1), classes))
total = mse + ce + bce
total.backward()
print(pred.grad)
