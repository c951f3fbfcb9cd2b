"""Runs every engine/test/custom-frames/*.py with real PyTorch and records what it printed.

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/custom_frames.py`.
Writes engine/test/custom-frames/goldens.json: {name: {stdout, exit_code, last_stderr_line, gradcheck?}}.
`gradcheck` is torch.autograd.gradcheck's message for the program's Function on float64 copies of
its input, for the programs listed in GRADCHECKS (what Gradscope's gradcheck badge must print).
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "engine" / "test" / "custom-frames"

# Program name -> (Function class name, input variable name).
GRADCHECKS = {"gradcheck_gx": ("Square", "x"), "myrelu": ("MyReLU", "x")}


def gradcheck_message(path, function_name, input_name):
    import contextlib
    import io

    import torch

    namespace = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(path.read_text(), str(path), "exec"), namespace)
    fn = namespace[function_name]
    x = namespace[input_name].detach().double().requires_grad_()
    try:
        torch.autograd.gradcheck(fn.apply, (x,))
        return None
    except RuntimeError as exc:  # GradcheckError (torch.autograd.gradcheck is shadowed by the function in 1.13)
        return str(exc)


def main():
    import torch  # noqa: F401  (fail early when this Python has no torch)

    goldens = {}
    for path in sorted(PROGRAMS.glob("*.py")):
        proc = subprocess.run([sys.executable, path.name], cwd=PROGRAMS, capture_output=True, text=True, timeout=120)
        stderr_lines = [line for line in proc.stderr.splitlines() if line.strip()]
        entry = {
            "stdout": proc.stdout,
            "exit_code": proc.returncode,
            "last_stderr_line": stderr_lines[-1] if stderr_lines else "",
        }
        if path.stem in GRADCHECKS:
            entry["gradcheck"] = gradcheck_message(path, *GRADCHECKS[path.stem])
        goldens[path.stem] = entry
        print(f"{path.stem}: exit {proc.returncode}")
    (PROGRAMS / "goldens.json").write_text(json.dumps(goldens, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
