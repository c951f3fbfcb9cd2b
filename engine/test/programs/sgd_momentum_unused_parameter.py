# A parameter a step does not use (dynamic_net's `e`): after zero_grad(set_to_none=True), 2.x's
# default, its .grad is None and SGD with momentum leaves it where it is; after zero_grad with zeros
# (1.13's default) the momentum keeps moving it. Both must match PyTorch (lr and momentum are powers
# of two, so that no rounding can blur the difference).
import torch

for set_to_none in (True, False):
    a = torch.nn.Parameter(torch.tensor(1.0, dtype=torch.float64))
    e = torch.nn.Parameter(torch.tensor(0.5, dtype=torch.float64))
    opt = torch.optim.SGD([a, e], lr=0.25, momentum=0.5)
    for step, uses_e in enumerate([True, False, False, True]):
        opt.zero_grad(set_to_none=set_to_none)
        loss = a * a + (e * e * 3 if uses_e else 0)
        loss.backward()
        opt.step()
        print(set_to_none, step, e.grad, a.item(), e.item())
