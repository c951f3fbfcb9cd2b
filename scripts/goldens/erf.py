"""Writes engine/test/goldens/erf.json: torch.erf at points across every range of the kernel.

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/erf.py`.
float64 values are the oracle for the kernel's accuracy (both sides are within a few ulps of the
exact erf); float32 values are what PyTorch prints, to which our double-then-round result is held.
"""
import json
import pathlib

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "engine" / "test" / "goldens" / "erf.json"


def points():
    # Cody's fit switches at 0.46875 and 4; erfc underflows near 26.5; tiny inputs take x·2/√π.
    edges = [0.0, 1e-300, 1e-20, 1e-16, 1e-8, 1e-3, 0.46875, 0.4687500000000001, 0.5, 1.0, 2.0,
             3.9999999, 4.0, 4.0000001, 5.9, 6.0, 10.0, 26.0, 27.0]
    grid = torch.linspace(-7, 7, 561, dtype=torch.float64).tolist()
    fine = torch.linspace(-0.6, 0.6, 241, dtype=torch.float64).tolist()
    return sorted(set(edges + [-v for v in edges] + grid + fine))


def main():
    xs = points()
    x64 = torch.tensor(xs, dtype=torch.float64)
    x32 = x64.float()
    golden = {
        "float64": {"x": xs, "erf": torch.erf(x64).tolist()},
        "float32": {"x": x32.tolist(), "erf": torch.erf(x32).tolist()},
    }
    OUT.write_text(json.dumps(golden) + "\n")
    print(f"{len(xs)} points -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
