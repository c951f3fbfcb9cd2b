"""`gradscope.check` for the golden run with real PyTorch: the makemore lecture's `cmp()` itself.

Gradscope's own module (engine/python/gradscope/) must print exactly this; the example goldens
(scripts/goldens/examples.py) put this file on the path so notebooks that `import gradscope` run.
"""
import torch


def check(s, dt, t):
    ex = torch.all(dt == t.grad).item()
    app = torch.allclose(dt, t.grad)
    maxdiff = (dt - t.grad).abs().max().item()
    print(f'{s:15s} | exact: {str(ex):5s} | approximate: {str(app):5s} | maxdiff: {maxdiff}')
