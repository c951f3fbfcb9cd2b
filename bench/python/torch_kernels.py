"""Native PyTorch (the oracle, /usr/bin/python3) on the kernel bench's workloads.

Prints JSON: for each thread count asked for, the median milliseconds (wall clock and CPU time)
of a 512x512 float32 matmul in each layout and of one MLP step (784-128-64-10, batch 64, same recipe as the engines).
Usage: /usr/bin/python3 bench/python/torch_kernels.py <repeats> <threads,threads...>
"""
import json
import statistics
import sys
import time

import torch

N = 512
SIZES = [784, 128, 64, 10]
BATCH = 64
LAYOUTS = {"A·B": (False, False), "A·Bᵀ": (False, True), "Aᵀ·B": (True, False), "Aᵀ·Bᵀ": (True, True)}


def median_ms(run, repeats, min_ms=50.0):
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
    return {"wall": statistics.median(wall), "cpu": statistics.median(cpu)}


def mlp_step_runner():
    g = torch.Generator().manual_seed(0)
    weights = [((torch.rand(SIZES[i], SIZES[i + 1], generator=g) * 2 - 1) / SIZES[i] ** 0.5).requires_grad_() for i in range(3)]
    biases = [((torch.rand(SIZES[i + 1], generator=g) * 2 - 1) / SIZES[i] ** 0.5).requires_grad_() for i in range(3)]
    x = torch.rand(BATCH, SIZES[0], generator=g)
    target = torch.nn.functional.one_hot(torch.randint(0, 10, (BATCH,), generator=g), 10).float()
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


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    thread_counts = [int(t) for t in (sys.argv[2] if len(sys.argv) > 2 else "1").split(",")]
    g = torch.Generator().manual_seed(1)
    a = torch.rand(N, N, generator=g) * 2 - 1
    b = torch.rand(N, N, generator=g) * 2 - 1
    result = {"torch": torch.__version__, "threads": {}}
    for threads in thread_counts:
        torch.set_num_threads(threads)
        row = {}
        for name, (ta, tb) in LAYOUTS.items():
            left = a.t() if ta else a
            right = b.t() if tb else b
            row[name] = median_ms(lambda: torch.mm(left, right), repeats)
        row["mlp-step"] = median_ms(mlp_step_runner(), repeats)
        result["threads"][str(threads)] = row
    print(json.dumps(result))


main()
