"""Native PyTorch (/usr/bin/python3, one thread) on the peer table's workloads (bench/peer-table.ts).

Prints JSON: {"torch": version, "ms": {workload id: {"wall": [ms per run, ...], "cpu": [...]}}}.
Inputs are the same sizes as the JavaScript side's (values are PyTorch's own uniform draws).
Usage: /usr/bin/python3 bench/python/torch_peers.py <repeats> <id,id,...>
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

N = 512
MATMUL_BATCH = 4  # matmul-batched: MATMUL_BATCH products of (N//2)² matrices
SIZES = [784, 128, 64, 10]
BATCH = 64
ELEMENTS = 1_000_000
SOFTMAX_ROWS = 1000
CONV = {"batch": 8, "in": 16, "out": 32, "size": 32, "kernel": 3}
LAYOUTS = {"matmul-ab": (False, False), "matmul-abt": (False, True), "matmul-atb": (True, False), "matmul-atbt": (True, True)}


def samples(run, repeats, min_ms=50.0):
    """Milliseconds per run (wall clock and CPU time), one entry per timed round."""
    run()
    run()
    count = 1
    while True:
        start = time.perf_counter()
        for _ in range(count):
            run()
        if (time.perf_counter() - start) * 1000 >= min_ms or count >= 1 << 16:
            break
        count *= 2
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(count):
            run()
        wall.append((time.perf_counter() - start) * 1000 / count)
        cpu.append((time.process_time() - start_cpu) * 1000 / count)
    return {"wall": wall, "cpu": cpu}


def mlp_step(g):
    weights = [((torch.rand(SIZES[i], SIZES[i + 1], generator=g) * 2 - 1) / SIZES[i] ** 0.5).requires_grad_() for i in range(3)]
    biases = [((torch.rand(SIZES[i + 1], generator=g) * 2 - 1) / SIZES[i] ** 0.5).requires_grad_() for i in range(3)]
    x = torch.rand(BATCH, SIZES[0], generator=g)
    target = F.one_hot(torch.randint(0, 10, (BATCH,), generator=g), 10).float()
    opt = torch.optim.SGD(weights + biases, lr=0.01)

    def step():
        h = x
        for i, (w, b) in enumerate(zip(weights, biases)):
            h = h @ w + b
            if i < 2:
                h = h.relu()
        loss = (h.exp().sum(1).log() - (h * target).sum(1)).mean()
        loss.backward()
        opt.step()
        opt.zero_grad()
        return loss.item()

    return step


def conv(g, backward):
    c = CONV
    x = torch.rand(c["batch"], c["in"], c["size"], c["size"], generator=g).requires_grad_(backward)
    w = torch.rand(c["out"], c["in"], c["kernel"], c["kernel"], generator=g).requires_grad_(backward)
    pad = c["kernel"] // 2
    if not backward:
        return lambda: F.conv2d(x, w, padding=pad)

    def run():
        F.conv2d(x, w, padding=pad).sum().backward()
        x.grad = None
        w.grad = None

    return run


def workload(name, g):
    if name in LAYOUTS:
        ta, tb = LAYOUTS[name]
        a, b = torch.rand(N, N, generator=g) * 2 - 1, torch.rand(N, N, generator=g) * 2 - 1
        left, right = (a.t() if ta else a), (b.t() if tb else b)
        return lambda: torch.mm(left, right)
    if name == "matmul-batched":
        a = torch.rand(MATMUL_BATCH, N // 2, N // 2, generator=g) * 2 - 1
        b = torch.rand(MATMUL_BATCH, N // 2, N // 2, generator=g) * 2 - 1
        return lambda: torch.bmm(a, b)
    if name == "mlp-step":
        return mlp_step(g)
    x, y = torch.rand(ELEMENTS, generator=g) * 2 - 1, torch.rand(ELEMENTS, generator=g) * 2 - 1
    out = torch.empty(ELEMENTS)
    positive = x.abs() + 0.01
    simple = {
        "copy-1m": lambda: out.copy_(x),
        "fresh-copy-1m": lambda: torch.empty_like(x).copy_(x),
        "add-1m": lambda: x + y,
        "mul-1m": lambda: x * y,
        "exp-1m": lambda: torch.exp(x),
        "log-1m": lambda: torch.log(positive),
        "tanh-1m": lambda: torch.tanh(x),
        "sigmoid-1m": lambda: torch.sigmoid(x),
    }
    if name in simple:
        return simple[name]
    if name == "softmax-1m":
        rows = x.view(SOFTMAX_ROWS, -1)
        return lambda: torch.softmax(rows, -1)
    if name == "conv2d":
        return conv(g, False)
    if name == "conv2d-backward":
        return conv(g, True)
    return None


def main():
    repeats = int(sys.argv[1])
    names = sys.argv[2].split(",")
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(1)
    result = {"torch": torch.__version__, "ms": {}}
    for name in names:
        run = workload(name, g)
        if run is not None:
            result["ms"][name] = samples(run, repeats)
    print(json.dumps(result))


main()
