"""Writes engine/kernels/test/goldens/sleef-exp-log.json: PyTorch's float32 exp, log and sigmoid, and
the ops built on them (softmax, log_softmax, cross_entropy, nll_loss, logsumexp), bit for bit.

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/sleef_exp.py`.
PyTorch 1.13 on an AVX2 machine computes float32 exp and log with SLEEF's u10 functions (not
correctly rounded: about 1 exp in 10 is an ulp away from the nearest float), sigmoid with SLEEF in
16-wide blocks and glibc's expf for the n % 16 tail, and softmax/log_softmax/nll_loss with their own
summation orders. These goldens pin every one of those roundings. The reference machine's PyTorch
uses one thread (torch.get_num_threads() == 1), so no tensor is split across threads.
Values are their exact bytes (little-endian float32) in base64.
"""
import base64
import json
import pathlib
import struct

import torch
import torch.nn.functional as F

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "engine" / "kernels" / "test" / "goldens" / "sleef-exp-log.json"
F32_BITS = lambda ints: torch.tensor(ints, dtype=torch.int64).to(torch.int32).view(torch.float32)


def b64(t):
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.float32:
        return base64.b64encode(t.view(torch.int32).numpy().tobytes()).decode()
    return base64.b64encode(struct.pack("<%dd" % t.numel(), *t.tolist())).decode()


def special():
    """Edge cases: zeros, infinities, NaN, denormals, the SLEEF range limits, FLT_MIN/MAX."""
    vals = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1.0, -1.0, 0.5, 2.0, 1e-45, -1e-45,
            1e-40, -1e-40, 1.1754943508222875e-38, 3.4028234663852886e38, -3.4028234663852886e38,
            88.72, 88.7228, 88.73, 89.0, 99.99, 100.0, 100.01, -87.33, -87.34, -100.0, -103.97, -103.98,
            -104.0, -104.01, -150.0, 0.6931471805599453, -0.6931471805599453, 1e-8, -1e-8]
    return torch.tensor(vals, dtype=torch.float32)


def elementwise(g):
    cases = []
    exp_in = torch.cat([special(), torch.rand(900, generator=g) * 210 - 106, torch.rand(900, generator=g) * 24 - 20,
                        torch.randn(200, generator=g) * 1e-3, F32_BITS(torch.randint(0, 0x7F800000, (100,), generator=g).tolist()) * -1])
    cases.append({"op": "exp", "input": b64(exp_in), "output": b64(torch.exp(exp_in))})
    log_in = torch.cat([special(), F32_BITS(torch.randint(0, 0x7F800000, (1000,), generator=g).tolist()),
                        torch.rand(600, generator=g) * 40, torch.rand(400, generator=g) * 0.5 + 0.75, torch.rand(100, generator=g) * 1e-38])
    cases.append({"op": "log", "input": b64(log_in), "output": b64(torch.log(log_in))})
    # 1013 = 63 blocks of 16 and a 5-element scalar tail.
    sig_in = torch.cat([special(), torch.rand(978, generator=g) * 40 - 20])
    cases.append({"op": "sigmoid", "input": b64(sig_in), "output": b64(torch.sigmoid(sig_in))})
    return cases


def transposed_sigmoid(g):
    """sigmoid of a transposed 24×20 tensor: TensorIterator walks memory order, so the 16-wide
    blocks run along rows of the stored tensor (480 = 30 blocks, no scalar tail)."""
    x = torch.randn(24, 20, generator=g) * 6
    return {"stored": [24, 20], "input": b64(x), "output": b64(torch.sigmoid(x.t()))}


def leaf(t, grad=True):
    return t.clone().requires_grad_(grad)


def op_cases(g):
    cases = []

    def add(op, args, x, extra=(), upstream=True, label=""):
        """One case: op(x, *extra, **args) forward bits, and x's gradient for a random upstream."""
        xl = leaf(x)
        out = getattr(torch if hasattr(torch, op) else F, op)(xl, *extra, **args)
        up = torch.randn(out.shape, generator=g) if upstream and out.dim() > 0 else torch.ones(out.shape) * 0.37
        out.backward(up)
        cases.append({
            "label": label or op, "op": op, "args": args, "shape": list(x.shape), "input": b64(x),
            "extra": [e.tolist() for e in extra], "upstream": b64(up),
            "outputShape": list(out.shape), "output": b64(out), "grad": b64(xl.grad),
        })

    logits = torch.randn(16, 27, generator=g) * 2
    for d in [1, 0, -1]:
        add("softmax", {"dim": d}, logits, label=f"softmax 16×27 dim {d}")
        add("log_softmax", {"dim": d}, logits, label=f"log_softmax 16×27 dim {d}")
    cube = torch.randn(3, 27, 13, generator=g) * 3
    add("softmax", {"dim": 1}, cube, label="softmax 3×27×13 dim 1 (8 vector lanes, 5 scalar)")
    add("log_softmax", {"dim": 1}, cube, label="log_softmax 3×27×13 dim 1")
    small = torch.randn(20, 5, generator=g) * 2
    add("softmax", {"dim": 1}, small, label="softmax 20×5 (rows shorter than a vector)")
    add("log_softmax", {"dim": 1}, small, label="log_softmax 20×5")
    wide = torch.randn(4, 100, generator=g) * 4
    add("log_softmax", {"dim": 1}, wide, label="log_softmax 4×100")
    # 130 rows: nll_loss's cascade flushes its first level every 16 targets.
    big = torch.randn(130, 27, generator=g) * 1.5
    target = torch.randint(0, 27, (130,), generator=g)
    add("cross_entropy", {}, big, (target,), label="cross_entropy 130×27 mean")
    mid, mid_target = big[:40], target[:40]
    for red in ["sum", "none"]:
        add("cross_entropy", {"reduction": red}, mid, (mid_target,), label=f"cross_entropy 40×27 {red}")
    t32 = torch.randint(0, 27, (32,), generator=g)
    add("cross_entropy", {}, big[:32] * 3, (t32,), label="cross_entropy 32×27 (makemore batch)")
    ignore = t32.clone(); ignore[::5] = -100
    add("cross_entropy", {}, big[:32], (ignore,), label="cross_entropy with ignored targets")
    add("nll_loss", {}, F.log_softmax(mid, 1).detach(), (mid_target,), label="nll_loss 40×27 mean")
    add("sigmoid", {}, torch.randn(17, 29, generator=g) * 6, label="sigmoid 17×29")
    add("logsumexp", {"dim": 1}, logits, label="logsumexp 16×27 dim 1")
    return cases


def div_divisor_grad(g):
    """∂(a/b)/∂b as PyTorch rounds it: −g·((a/b)/b), not −g·a/b² (makemore's counts / counts.sum)."""
    a = torch.rand(20, 27, generator=g) * 30
    b = (torch.rand(20, 1, generator=g) * 300 + 1).requires_grad_()
    up = torch.randn(20, 27, generator=g)
    (a / b).backward(up)
    return {"a": b64(a), "b": b64(b), "upstream": b64(up), "grad": b64(b.grad)}


def main():
    assert torch.get_num_threads() == 1, "goldens assume PyTorch runs on one thread"
    g = torch.Generator().manual_seed(20261202)
    data = {"elementwise": elementwise(g), "ops": op_cases(g), "transposedSigmoid": transposed_sigmoid(g), "divDivisorGrad": div_divisor_grad(g)}
    OUT.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
