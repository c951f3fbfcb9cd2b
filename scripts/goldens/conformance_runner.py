"""Splits conformance files into cases and runs each case in a fresh namespace, capturing its output.

A conformance file holds many small programs separated by `# %% name` lines. A case's output is
what it printed, followed, when it raised, by the exception's last traceback line
(`RuntimeError: ...`), exactly as `python case.py` would end. This module is shared by the golden
generator (run under real PyTorch) and by Gradscope's own test (run under Pyodide).
"""
import io
import contextlib
import re
import traceback

CASE_HEADER = re.compile(r"^# %% (?P<name>\S+)[ \t]*$", re.MULTILINE)


def split_cases(text):
    """[(name, source, first_line)] for each `# %% name` block of a conformance file."""
    matches = list(CASE_HEADER.finditer(text))
    cases = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.end() + 1 : end]
        first_line = text[: match.end()].count("\n") + 2
        cases.append((match.group("name"), body, first_line))
    return cases


def run_case(source, filename, torch_module):
    """Runs one case in a fresh namespace; returns everything it printed (and its error line)."""
    torch_module.set_printoptions(profile="default")
    torch_module.set_grad_enabled(True)
    out = io.StringIO()
    namespace = {"__name__": "__main__"}
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(source, filename, "exec"), namespace)
        except Exception as exc:  # noqa: BLE001 - the case's own error is part of its output
            last = traceback.format_exception_only(type(exc), exc)[-1]
            out.write(last if last.endswith("\n") else last + "\n")
    return out.getvalue()
