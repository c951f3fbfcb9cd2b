"""Gradscope's own helpers, importable in the notebook and in `npx gradscope run`.

`check(name, mine, tensor)`: a backprop exercise's check. Compares a gradient you derived by hand
with the one autograd put in `tensor.grad`, prints one line exactly like `cmp()` in Andrej
Karpathy's makemore lecture 4 ("Becoming a Backprop Ninja"), and marks the tensor's node in the
graph: green when exact or within `torch.allclose`'s tolerance, red when wrong. The inspector then
shows your gradient, autograd's and their difference as heatmaps.
"""
import sys

import torch
from torch._engine import E

__all__ = ["check"]


def check(name, mine, tensor):
    """Compare `mine` (your gradient of the loss with respect to `tensor`) with `tensor.grad`.

    Prints `name | exact: … | approximate: … | maxdiff: …`. Call `tensor.retain_grad()` before
    `backward()` for tensors that are not leaves, as in the lecture.
    """
    grad = tensor.grad
    if grad is None:
        raise RuntimeError(
            f"gradscope.check: {name}.grad is None. Call {name}.retain_grad() before loss.backward() "
            "(a tensor that is not a leaf keeps its .grad only then)."
        )
    paused = E.pauseRecording()
    try:
        with torch.no_grad():
            if not isinstance(mine, torch.Tensor):
                mine = torch.tensor(mine, dtype=grad.dtype)
            exact = torch.all(mine == grad).item()
            approximate = torch.allclose(mine, grad)
            maxdiff = (mine - grad).abs().max().item()
    finally:
        E.resumeRecording(paused)
    print(f"{name:15s} | exact: {str(exact):5s} | approximate: {str(approximate):5s} | maxdiff: {maxdiff}")
    verdict = "exact" if exact else "close" if approximate else "wrong"
    caller = sys._getframe(1)
    E.recordHandGradient(name, tensor._t, mine._t, grad._t, verdict, maxdiff, caller.f_code.co_filename, caller.f_lineno)
