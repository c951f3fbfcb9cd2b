"""Runs app/core/trace/test/forward-mode/*.py with real PyTorch and records each named tensor's tangent.

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/forward_tangents.py`.
Each program runs as written; a trace function reads, before each line runs (so after the one before), the
tangent (fwAD.unpack_dual) of each top-level variable that has one. Writes
app/core/trace/test/forward-mode/goldens.json: {program: {stdout, tangents: {name: [values, row-major]}}},
what the replay test compares the graph's tangents and the chain-rule panel with.
"""
import contextlib
import io
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "app" / "core" / "trace" / "test" / "forward-mode"


def run(path):
    import torch
    import torch.autograd.forward_ad as fwAD

    namespace = {"__name__": "__main__"}
    tangents = {}
    code = compile(path.read_text(), str(path), "exec")

    def read_tangents():
        for name, value in list(namespace.items()):
            if name.startswith("_") or not isinstance(value, torch.Tensor) or name in tangents:
                continue
            try:
                tangent = fwAD.unpack_dual(value).tangent
            except RuntimeError:
                tangent = None
            if tangent is not None:
                tangents[name] = tangent.detach().reshape(-1).tolist()

    def tracer(frame, event, arg):
        if frame.f_code is code:
            if event == "line":
                read_tangents()
            return tracer
        return None

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        sys.settrace(tracer)
        try:
            exec(code, namespace)
        finally:
            sys.settrace(None)
    return {"stdout": out.getvalue(), "tangents": tangents}


def main():
    goldens = {path.stem: run(path) for path in sorted(PROGRAMS.glob("*.py"))}
    for name, golden in goldens.items():
        print(f"{name}: {', '.join(golden['tangents'])}")
    (PROGRAMS / "goldens.json").write_text(json.dumps(goldens, indent=1) + "\n")


if __name__ == "__main__":
    main()
