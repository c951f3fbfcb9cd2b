"""Writes engine/kernels/test/goldens/sleef-trig.json: PyTorch's exact float32 sin, cos, tanh,
tanh's backward and linspace, plus the neighbouring roundings the same corpus programs needed
(float arange, addcmul/addcdiv, float64 exp, div's backward).

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/sleef_trig.py`.
Debian's torch 1.13 (AVX2 capability) computes float32 sin/cos/tanh with SLEEF 3.5.1's
Sleef_{sin,cos,tanh}f8_u10, eight lanes at a time; sin and cos pick their argument reduction per
8-lane vector, so the inputs mix small and huge arguments in the same vectors on purpose. Values are
their exact little-endian bytes in base64.
"""
import base64
import json
import math
import pathlib
import struct

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "engine" / "kernels" / "test" / "goldens" / "sleef-trig.json"


def bits(t):
    flat = t.detach().contiguous().reshape(-1).tolist()
    return base64.b64encode(struct.pack("<%df" % len(flat), *flat)).decode()


def f32(values):
    return torch.tensor(values, dtype=torch.float32)


def log_uniform(n, lo, hi, g):
    """Random signs times 2**uniform(lo, hi): every binade between the two equally often."""
    e = torch.rand(n, generator=g, dtype=torch.float64) * (hi - lo) + lo
    s = torch.where(torch.rand(n, generator=g) < 0.5, -1.0, 1.0).double()
    return (s * torch.pow(2.0, e)).float()


def edge_cases():
    tiny = [1e-45, -1e-45, 1.1754942e-38, 1.1754944e-38, -1.1754944e-38, 1e-40, 2.9e-39]
    specials = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 3.4028235e38, -3.4028235e38]
    near = []
    for c in [0.7, 125.0, 8.664339742, 9.0, 104.0, 88.0, 89.0, 0.5, 1.0, 2.0]:
        x = torch.tensor([c], dtype=torch.float32)
        for k in (-2, -1, 0, 1, 2):
            near.append(float(torch.nextafter(x, torch.tensor([math.inf]) if k > 0 else torch.tensor([-math.inf]))) if k else c)
        near.append(-c)
    multiples = [k * math.pi / 4 for k in range(-40, 41)] + [k * math.pi for k in (100, 1000, 1e5, 1e7)]
    return tiny + specials + near + multiples


def unary_sets():
    g = torch.Generator().manual_seed(10)
    yield "uniform(-10, 10)", (torch.rand(1000, generator=g) * 20 - 10), 1
    yield "uniform(-124, 124)", (torch.rand(800, generator=g) * 248 - 124), 1
    # Mostly small arguments with an occasional huge one: its vector takes the slow reduction.
    mixed = torch.rand(1200, generator=g) * 20 - 10
    idx = torch.randint(0, 1200, (90,), generator=g)
    mixed[idx] = log_uniform(90, 7, 127, g)
    yield "small with a few huge", mixed, 1
    yield "log-uniform 2^-30..2^128", log_uniform(900, -30, 128, g), 1
    yield "log-uniform 2^-149..2^4", log_uniform(600, -149, 4, g), 1
    yield "edge cases", f32(edge_cases()), 1
    tail = torch.rand(13, generator=g) * 6 - 3
    tail[11] = 1e6
    yield "13 values, huge one in the tail", tail, 1
    yield "every other of 1003", torch.rand(1003, generator=g) * 400 - 200, 2


def unary():
    out = []
    for name, x, step in unary_sets():
        view = x[::step]
        out.append({
            "name": name, "input": bits(x), "step": step,
            "outputs": {op: bits(getattr(torch, op)(view)) for op in ("sin", "cos", "tanh")},
        })
    return out


def tanh_backward():
    g = torch.Generator().manual_seed(11)
    out = []
    for name, n, scale in [("uniform(-3, 3), 1000", 1000, 3.0), ("uniform(-12, 12), 37", 37, 12.0), ("5", 5, 1.0)]:
        x = ((torch.rand(n, generator=g) * 2 - 1) * scale).requires_grad_()
        up = torch.randn(n, generator=g)
        y = torch.tanh(x)
        y.backward(up)
        out.append({"name": name, "input": bits(x), "upstream": bits(up), "grad": bits(x.grad)})
    # A sum's gradient reaches tanh_backward as an expanded (stride-0) tensor.
    x = (torch.rand(45, generator=g) * 8 - 4).requires_grad_()
    torch.tanh(x).sum().backward()
    out.append({"name": "sum().backward(), 45", "input": bits(x), "upstream": None, "grad": bits(x.grad)})
    return out


def linspace():
    cases = [(-math.pi, math.pi, 2000), (0, 1, 5), (-1, 1, 33), (3, -7, 1001), (0, 10, 17), (-8, 8, 160),
             (0.1, 0.7, 24), (-2.5, 1e4, 999), (1, 2, 1), (5, 5, 3), (-1e-3, 3e5, 40)]
    return [{"start": a, "end": b, "steps": n, "output": bits(torch.linspace(a, b, n))} for a, b, n in cases]


def arange():
    """Not trig, but the d2l activation plots start from it: PyTorch steps floats from a fused base."""
    cases = [(-8.0, 8.0, 0.1, "float32"), (0.0, 1.0, 0.01, "float32"), (-3.7, 5.2, 0.33, "float32"),
             (0.5, 100.25, 0.75, "float32"), (-8.0, 8.0, 0.1, "float64"), (1e-3, 7.0, 0.0137, "float64")]
    out = []
    for a, b, st, dt in cases:
        t = torch.arange(a, b, st, dtype=getattr(torch, dt))
        flat = t.tolist()
        packed = struct.pack("<%d%s" % (len(flat), "f" if dt == "float32" else "d"), *flat)
        out.append({"start": a, "end": b, "step": st, "dtype": dt, "output": base64.b64encode(packed).decode()})
    return out


def addc():
    """Not trig either: RMSprop's addcmul_/addcdiv_ in the polynomial_optim tutorial drift without ATen's rounding."""
    g = torch.Generator().manual_seed(12)
    out = []
    for op in ("addcmul", "addcdiv"):
        for dt, value, shapes in [("float32", 0.01, [(1000,), (1000,), (1000,)]), ("float32", -0.37, [(3, 40), (40,), (3, 1)]),
                                  ("float64", 1e-3, [(300,), (300,), (300,)])]:
            dtype = getattr(torch, dt)
            ts = [torch.randn(sh, generator=g, dtype=dtype) for sh in shapes]
            if op == "addcdiv":
                ts[2] = ts[2].abs() + 0.1
            r = getattr(torch, op)(ts[0], ts[1], ts[2], value=value)
            fmt = "f" if dt == "float32" else "d"
            enc = lambda t: base64.b64encode(struct.pack("<%d%s" % (t.numel(), fmt), *t.reshape(-1).tolist())).decode()
            out.append({"op": op, "dtype": dt, "value": value, "shapes": [list(sh) for sh in shapes],
                        "inputs": [enc(t) for t in ts], "output": enc(r), "outShape": list(r.shape)})
    return out


def exp_f64():
    """float64 exp (Sleef_expd4_u10): the micrograd lecture's (2*n).exp() is off by one bit with Math.exp."""
    g = torch.Generator().manual_seed(13)
    parts = [torch.rand(700, generator=g, dtype=torch.float64) * 40 - 20,
             torch.rand(300, generator=g, dtype=torch.float64) * 1400 - 700,
             torch.rand(100, generator=g, dtype=torch.float64) * 10 - 745,
             torch.tensor([0.0, -0.0, 1.0, -1.0, 1.762746810913086, 709.78, 709.79, -1000.0, -1000.5, 1e-300, -1e-300,
                           float("inf"), float("-inf"), float("nan"), 0.5 * math.log(2), 88.0, -88.0], dtype=torch.float64)]
    x = torch.cat(parts)
    enc = lambda t: base64.b64encode(struct.pack("<%dd" % t.numel(), *t.tolist())).decode()
    return {"input": enc(x), "output": enc(torch.exp(x))}


def div_backward():
    """The micrograd lecture's (e - 1) / (e + 1): the divisor's gradient is -g * ((a / b) / b)."""
    g = torch.Generator().manual_seed(14)
    out = []
    for dt in ("float32", "float64"):
        dtype = getattr(torch, dt)
        a = torch.randn(250, generator=g, dtype=dtype).requires_grad_()
        b = (torch.rand(250, generator=g, dtype=dtype) * 4 + 0.25).requires_grad_()
        up = torch.randn(250, generator=g, dtype=dtype)
        (a / b).backward(up)
        fmt = "f" if dt == "float32" else "d"
        enc = lambda t: base64.b64encode(struct.pack("<%d%s" % (t.numel(), fmt), *t.detach().reshape(-1).tolist())).decode()
        out.append({"dtype": dt, "a": enc(a), "b": enc(b), "upstream": enc(up), "gradA": enc(a.grad), "gradB": enc(b.grad)})
    return out


def main():
    torch.set_num_threads(1)
    golden = {
        "torch": torch.__version__,
        "unary": unary(),
        "tanhBackward": tanh_backward(),
        "linspace": linspace(),
        "arange": arange(),
        "addc": addc(),
        "expFloat64": exp_f64(),
        "divBackward": div_backward(),
        "sinOfLinspace": bits(torch.sin(torch.linspace(-math.pi, math.pi, 2000))),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(golden, indent=1) + "\n")
    print(OUT, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
