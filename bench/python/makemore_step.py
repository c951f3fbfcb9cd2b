"""The makemore MLP's training step (Karpathy's lecture, part 2), as a learner types it in a cell.

Embedding 27x10 over a context of 3 characters, hidden layer 200, batch 32, cross-entropy, plain
SGD. The data are random character indices of the lecture's shapes (names.txt is not part of the
bench): the step does the same work whatever the characters are.

`npx tsx bench/makemore-step.ts` runs SETUP and then LOOP (the steps in one recorded cell, as the
app's worker records them) in Gradscope's Pyodide session, and the same text under native PyTorch
(`/usr/bin/python3 bench/python/makemore_step.py --serve`, one JSON request per line), so both sides
run exactly the same Python.
"""
import json
import sys
import time

SETUP = """
import torch
import torch.nn.functional as F
torch.manual_seed(42)  # the batches: the same on both sides
g = torch.Generator().manual_seed(2147483647)
Xtr = torch.randint(0, 27, (4000, 3), generator=g)
Ytr = torch.randint(0, 27, (4000,), generator=g)
C = torch.randn((27, 10), generator=g)
W1 = torch.randn((30, 200), generator=g)
b1 = torch.randn(200, generator=g)
W2 = torch.randn((200, 27), generator=g)
b2 = torch.randn(27, generator=g)
parameters = [C, W1, b1, W2, b2]
for p in parameters:
    p.requires_grad = True
"""

LOOP = """
for _ in range(STEPS):
    ix = torch.randint(0, Xtr.shape[0], (32,))
    emb = C[Xtr[ix]]
    h = torch.tanh(emb.view(-1, 30) @ W1 + b1)
    logits = h @ W2 + b2
    loss = F.cross_entropy(logits, Ytr[ix])
    for p in parameters:
        p.grad = None
    loss.backward()
    for p in parameters:
        p.data += -0.1 * p.grad
"""


def loop_code(steps):
    """The cell a sample runs: `steps` training steps."""
    return LOOP.replace("STEPS", str(int(steps)))


def serve():
    """Native side: {"op": "sample", "steps": n} runs the loop and answers ms per step (wall and CPU)."""
    import torch

    torch.set_num_threads(1)
    namespace = {}
    exec(SETUP, namespace)
    print(json.dumps({"ready": torch.__version__}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        steps = request["steps"]
        code = compile(loop_code(steps), "cell.py", "exec")
        start, start_cpu = time.perf_counter(), time.process_time()
        exec(code, namespace)
        wall = (time.perf_counter() - start) * 1000 / steps
        cpu = (time.process_time() - start_cpu) * 1000 / steps
        print(json.dumps({"wall": wall, "cpu": cpu, "loss": namespace["loss"].item()}), flush=True)


if __name__ == "__main__" and "--serve" in sys.argv:
    serve()
