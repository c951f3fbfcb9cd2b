"""PyTorch 2.x names that the installed 1.13 lacks, for the corpus golden run only.

Imported at start-up by scripts/goldens/corpus.py (PYTHONPATH). Each shim gives 1.13 a 2.x API
whose effect on a CPU-only program is nothing more than 1.13's own spelling of it, so the program
prints what 2.x prints. scripts/goldens/corpus.py notes every golden made with one.
"""
import types

import torch

if not hasattr(torch, "set_default_device"):
    def set_default_device(device):
        if str(device) != "cpu":
            raise RuntimeError("corpus shim: only the CPU device exists in this golden run")
    torch.set_default_device = set_default_device

if not hasattr(torch, "accelerator"):
    torch.accelerator = types.SimpleNamespace(is_available=lambda: False, current_accelerator=lambda: None)

if not hasattr(torch, "func"):
    import functorch
    from torch.nn.utils.stateless import functional_call

    torch.func = types.SimpleNamespace(
        grad=functorch.grad, vmap=functorch.vmap, jacrev=functorch.jacrev, jacfwd=functorch.jacfwd,
        hessian=functorch.hessian, jvp=functorch.jvp, vjp=functorch.vjp, functional_call=functional_call,
    )
    import sys
    sys.modules["torch.func"] = torch.func

# 2.x's sampling (multinomial with one sample, exponential_, nn.init's generator=), replayed on 1.13
# and checked against it first, exactly as for engine/test/programs (scripts/goldens/torch2_random.py).
import pathlib  # noqa: E402
import sys  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import torch2_random  # noqa: E402

torch2_random.install()

# 2.x's zero_grad(): set_to_none=True by default (1.13 filled .grad with zeros). It matters beyond
# printing `.grad`: SGD with momentum skips a parameter whose .grad is None (dynamic_net's `e` on a
# step that did not use it) but moves one whose .grad is zeros.
import functools  # noqa: E402


def _set_to_none_by_default(zero_grad):
    @functools.wraps(zero_grad)
    def zero_grad_v2(self, set_to_none=True):
        return zero_grad(self, set_to_none)

    return zero_grad_v2


torch.optim.Optimizer.zero_grad = _set_to_none_by_default(torch.optim.Optimizer.zero_grad)
torch.nn.Module.zero_grad = _set_to_none_by_default(torch.nn.Module.zero_grad)
