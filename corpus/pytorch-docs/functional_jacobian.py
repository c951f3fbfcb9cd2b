# Source: pytorch/pytorch torch/autograd/functional.py (the docstring examples of jacobian; seeded)
import torch
from torch.autograd.functional import jacobian
torch.manual_seed(0)

def exp_reducer(x):
    return x.exp().sum(dim=1)
inputs = torch.rand(2, 2)
print(jacobian(exp_reducer, inputs))

print(jacobian(exp_reducer, inputs, create_graph=True))

def exp_adder(x, y):
    return 2 * x.exp() + 3 * y
inputs = (torch.rand(2), torch.rand(2))
print(jacobian(exp_adder, inputs))

print(jacobian(exp_adder, inputs, vectorize=True))
print(jacobian(exp_reducer, torch.rand(2, 2), strategy="forward-mode", vectorize=True))
