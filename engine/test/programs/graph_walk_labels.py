# torchviz-style graph walk: label every grad_fn node by its class name, as make_dot does.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
x = torch.randn(5, 3)
target = torch.tensor([0, 1, 1, 0, 1])
loss = F.cross_entropy(model(x), target)

seen = set()
order = []
stack = [loss.grad_fn]
while stack:
    fn = stack.pop()
    if fn is None or fn in seen:
        continue
    seen.add(fn)
    label = type(fn).__name__
    if hasattr(fn, "variable"):
        label += " " + str(tuple(fn.variable.shape))
    order.append(label)
    for next_fn, _ in fn.next_functions:
        stack.append(next_fn)
for label in order:
    print(label)
print(len(seen), loss.grad_fn.name())
