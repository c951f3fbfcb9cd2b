"""Runs every engine/test/programs/*.py with real PyTorch and records what it printed.

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/programs.py`.
Writes engine/test/programs/goldens.json: {name: {stdout, exit_code, last_stderr_line}}.
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "engine" / "test" / "programs"


def main():
    import torch  # noqa: F401  (fail early when this Python has no torch)

    goldens = {}
    for path in sorted(PROGRAMS.glob("*.py")):
        proc = subprocess.run([sys.executable, path.name], cwd=PROGRAMS, capture_output=True, text=True, timeout=120)
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
