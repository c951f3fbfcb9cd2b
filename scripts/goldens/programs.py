"""Runs every engine/test/programs/*.py with real PyTorch and records what it printed.

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/programs.py`.
Writes engine/test/programs/goldens.json: {name: {stdout, exit_code, last_stderr_line}}.

Each program runs on PyTorch 1.13 patched to 2.x's sampling (torch2_random.py: multinomial with one
sample, exponential_, nn.init's generator=), which is checked against 1.13 before it is used.
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "engine" / "test" / "programs"
# Runs a program as `python program.py` would, after torch2_random.install().
RUNNER = (
    "import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); import torch2_random; torch2_random.install(); "
    "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
)


def main():
    import torch  # noqa: F401  (fail early when this Python has no torch)

    goldens = {}
    for path in sorted(PROGRAMS.glob("*.py")):
        proc = subprocess.run([sys.executable, "-c", RUNNER, str(ROOT / "scripts" / "goldens"), path.name], cwd=PROGRAMS, capture_output=True, text=True, timeout=120)
        stderr_lines = [line for line in proc.stderr.splitlines() if line.strip()]
        goldens[path.stem] = {
            "stdout": proc.stdout,
            "exit_code": proc.returncode,
            "last_stderr_line": stderr_lines[-1] if stderr_lines else "",
        }
        print(f"{path.stem}: exit {proc.returncode}")
    (PROGRAMS / "goldens.json").write_text(json.dumps(goldens, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
