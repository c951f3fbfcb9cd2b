# A custom nn.Module with a buffer and a ModuleList, its repr and its children.
import torch
from torch import nn


class Stack(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])
        self.register_buffer('steps', torch.zeros(1))
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x):
        self.steps += 1
        for layer in self.layers:
            x = torch.tanh(layer(x))
        return x * self.scale


torch.manual_seed(5)
m = Stack([2, 3, 1])
print(m)
print([name for name, _ in m.named_children()])
print(m.scale)
out = m(torch.ones(4, 2))
print(out)
print(m.steps)
print(list(m.state_dict().keys()))
m.eval()
print(m.training, m.layers[0].training)
