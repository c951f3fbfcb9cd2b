"""Runs notebook cells and script files the way Python itself would, for the Gradscope worker and CLI.

Cells share one namespace. Each cell's source is registered with linecache under the cell's
filename, so tracebacks quote the user's line; frames that belong to Gradscope's own torch
package or to this runner are left out of the traceback the user sees, as PyTorch's C++ frames
never show up in a real PyTorch traceback.
"""
import linecache
import sys
import time
import traceback
import types

import numpy_unavailable

numpy_unavailable.install()

_blocking_sleep = time.sleep


def _interruptible_sleep(seconds):
    """time.sleep in slices of 50 ms: Pyodide's own sleep blocks without looking at Stop."""
    if not (isinstance(seconds, (int, float)) and seconds > 0):
        return _blocking_sleep(seconds)
    end = time.monotonic() + seconds
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return None
        _blocking_sleep(min(left, 0.05))


time.sleep = _interruptible_sleep

# User code runs in a real module registered as __main__, so that pickle (torch.save(model)) finds
# the classes it defines, as it does for `python file.py`.
_main = types.ModuleType("__main__")
_namespace = _main.__dict__
_namespace["__builtins__"] = __builtins__
sys.modules["__main__"] = _main
_INTERNAL_MARKERS = ("/gradscope/torch/", "/gradscope/gradscope_runner.py", "/gradscope/numpy_unavailable.py", "/gradscope/gradscope_module_listener.py", "/_pyodide/", "<exec>")
_current_files = set()


def reset():
    """Forget every variable and torch's global switches: what a fresh process would have.

    Used where the worker cannot simply be replaced (tests running many programs in one session).
    """
    _namespace.clear()
    _namespace.update({"__name__": "__main__", "__builtins__": __builtins__})
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_grad_enabled(True)
        torch._grad_mode.E.setInferenceModeEnabled(False)
        torch.set_printoptions(profile="default")
        torch.autograd.set_detect_anomaly(False)
        torch.set_default_device(None)
        torch.serialization.clear_safe_globals()
    checks = sys.modules.get("torch.autograd._node_gradcheck")
    if checks is not None:
        checks.forget_all()


def namespace():
    return _namespace


# JavaScript frames (the engine, when a user's backward raises inside it) are Gradscope's too.
_JS_SUFFIXES = (".ts", ".js", ".mjs")


def _is_internal(filename):
    return any(marker in filename for marker in _INTERNAL_MARKERS) or filename.endswith(_JS_SUFFIXES)


def _first_code_line(filename):
    lines = linecache.getlines(filename)
    return next((number for number, text in enumerate(lines, 1) if text.strip() and not text.lstrip().startswith("#")), 1)


def _stopped_at_start(filename):
    """A Stop seen as the cell started (in Gradscope's own code just before it, or at the frame's entry,
    which CPython numbers line 0): shown as the cell stopped at its first line of code."""
    line = _first_code_line(filename)
    stack = traceback.StackSummary.from_list([traceback.FrameSummary(filename, line, "<module>")])
    return "Traceback (most recent call last):\n" + "".join(stack.format()) + "KeyboardInterrupt\n", line


def _user_traceback(exc):
    """The traceback text with Gradscope's own frames removed, plus the user's innermost line."""
    tb_exc = traceback.TracebackException.from_exception(exc, capture_locals=False)
    user_line = None
    stacks = []
    current = tb_exc
    while current is not None:
        kept = [frame for frame in current.stack if not _is_internal(frame.filename)]
        current.stack = traceback.StackSummary.from_list(kept)
        if user_line is None:
            for frame in reversed(kept):
                if frame.filename in _current_files:
                    user_line = frame.lineno
                    break
        stacks.append(current)
        current = current.__cause__ or current.__context__
    return "".join(tb_exc.format()), user_line


def run(code, filename):
    """Runs `code` as `filename` in the shared namespace.

    Returns None on success, or a tuple (ename, evalue, traceback_text, line) when the code raised.
    """
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    _current_files.add(filename)
    try:
        compiled = compile(code, filename, "exec", dont_inherit=True)
        exec(compiled, _namespace)
        return None
    except BaseException as exc:  # noqa: B902 - KeyboardInterrupt and SystemExit are the user's too
        text, line = _user_traceback(exc)
        if isinstance(exc, SyntaxError) and line is None:
            line = exc.lineno
        if isinstance(exc, KeyboardInterrupt) and not line:
            text, line = _stopped_at_start(filename)
        return (type(exc).__name__, str(exc), text, line)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


# current_location's answer is one int (a file's number times _LINES, plus the line): it crosses to
# JavaScript as a number, where a tuple would be a proxy to build, convert and destroy, per recorded event.
_LINES = 1 << 20
_file_numbers = {}
_numbered_files = []


def current_location():
    """Where the innermost user frame running now is, for the trace: file_number * _LINES + line, or -1."""
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename in _current_files:
            number = _file_numbers.get(filename)
            if number is None:
                number = _file_numbers[filename] = len(_numbered_files)
                _numbered_files.append(filename)
            return number * _LINES + frame.f_lineno
        frame = frame.f_back
    return -1


def location_file(number):
    """The file of a number current_location gave."""
    return _numbered_files[number]


def check_custom_nodes(skip=False):
    """Gradchecks the small custom Function nodes the last recorded run made (events go to the trace).

    `skip` when the run was stopped: its Functions are not called again.
    """
    checks = sys.modules.get("torch.autograd._node_gradcheck")
    try:
        return checks.run_pending(bool(skip)) if checks is not None else 0
    except KeyboardInterrupt:
        return 0


def check_custom_node(node_id):
    """Gradchecks one remembered custom Function node; False when it is unknown, forgotten or stopped."""
    checks = sys.modules.get("torch.autograd._node_gradcheck")
    try:
        return bool(checks.check_node(int(node_id))) if checks is not None else False
    except KeyboardInterrupt:
        return False


def named_tensors():
    """(name, engine tensor) for each tensor bound to a top-level name, to label the graph.

    A tensor with several names gets the one that came first in the namespace: after
    `for p in parameters: ...` the last parameter is still `b2`, not the loop variable `p`.
    """
    try:
        tensor_type = sys.modules["torch"].Tensor
        named, seen = [], set()
        for k, v in _namespace.items():
            if isinstance(v, tensor_type) and not k.startswith("_") and id(v) not in seen:
                seen.add(id(v))
                named.append((k, v._t))
        return named
    except (KeyboardInterrupt, KeyError):
        return []
