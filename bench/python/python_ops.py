"""The Python-level workloads of `npx tsx bench/python-ops.ts`, written as a PyTorch user writes them.

The same file runs in Gradscope's Pyodide session (imported as a module) and under native PyTorch
(`/usr/bin/python3 bench/python/python_ops.py --serve`, driven line by line over stdin), so both
sides time exactly the same Python. Each sample is timed inside Python with perf_counter, so the
bridge that drives the bench is not part of the figure.
"""
import builtins
import json
import math
import sys
import time

import torch

# Recorded ops per timed run of the per-op workloads (one op is too short to time).
OPS_PER_RUN = 1000
SCALAR_GRAPH_NODES = 10_000
SCALAR_LEAVES = 100

_state = {}


def _setup():
    if _state:
        return
    torch.manual_seed(0)
    _state["x"] = torch.rand(4, requires_grad=True)
    _state["y"] = torch.rand(4)
    _state["multipliers"] = [torch.tensor(0.9 + 0.1 * i / SCALAR_LEAVES, requires_grad=True) for i in range(SCALAR_LEAVES)]
    _state["addends"] = [torch.tensor(-0.1 + 0.2 * i / SCALAR_LEAVES, requires_grad=True) for i in range(SCALAR_LEAVES)]


def mul_operator():
    """x * y on [4] tensors, x requiring grad: one recorded op per iteration."""
    x, y = _state["x"], _state["y"]
    for _ in range(OPS_PER_RUN):
        x * y


def add_method():
    x, y = _state["x"], _state["y"]
    for _ in range(OPS_PER_RUN):
        x.add(y)


def torch_mul():
    x, y = _state["x"], _state["y"]
    mul = torch.mul
    for _ in range(OPS_PER_RUN):
        mul(x, y)


def add_scalar():
    x = _state["x"]
    for _ in range(OPS_PER_RUN):
        x + 1.0


def tanh_method():
    x = _state["x"]
    for _ in range(OPS_PER_RUN):
        x.tanh()


def sum_method():
    x = _state["x"]
    for _ in range(OPS_PER_RUN):
        x.sum()


def scalar_graph():
    """micrograd's picture in PyTorch: a 10,000-node graph of 0-d tensors, then backward."""
    multipliers, addends = _state["multipliers"], _state["addends"]
    v = torch.tensor(0.5, requires_grad=True)
    for i in range(SCALAR_GRAPH_NODES // 2):
        v = v * multipliers[i % SCALAR_LEAVES] + addends[i % SCALAR_LEAVES]
    v.backward()
    for leaf in multipliers:
        leaf.grad = None
    for leaf in addends:
        leaf.grad = None
    return v.item()


WORKLOADS = {
    "mul-operator": mul_operator,
    "add-method": add_method,
    "torch-mul": torch_mul,
    "add-scalar": add_scalar,
    "tanh-method": tanh_method,
    "sum-method": sum_method,
    "scalar-graph": scalar_graph,
}


def calibrate(name, min_seconds=0.05):
    """How many runs make one sample last about min_seconds (from the second run's time)."""
    _setup()
    run = WORKLOADS[name]
    run()
    start = time.perf_counter()
    run()
    once = time.perf_counter() - start
    return builtins.max(1, builtins.min(1 << 12, math.ceil(min_seconds / builtins.max(once, 1e-7))))


def sample(name, count):
    """Milliseconds per run over `count` runs, as JSON: wall clock and this process's CPU time.

    (In Pyodide, process_time is not the CPU time: the bench measures ours from Node instead.)
    """
    _setup()
    run = WORKLOADS[name]
    start, start_cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        run()
    return json.dumps({"wall": (time.perf_counter() - start) * 1000 / count, "cpu": (time.process_time() - start_cpu) * 1000 / count})


def serve():
    """Native side: one JSON request per line ({"op": "calibrate"|"sample", ...}), one JSON answer per line."""
    torch.set_num_threads(1)
    print(json.dumps({"ready": torch.__version__}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "calibrate":
            print(json.dumps(calibrate(request["name"])), flush=True)
        else:
            print(sample(request["name"], request["count"]), flush=True)



if __name__ == "__main__" and "--serve" in sys.argv:
    serve()
