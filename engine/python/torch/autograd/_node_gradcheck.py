"""Gradcheck of the custom Function nodes a recorded run made, for the graph's badges.

While a cell records, `Function.apply` remembers each custom node's class and copies of its
inputs (a bounded map: the newest nodes win). After the run, nodes with small inputs are checked
automatically; others on request. A check reruns the Function on float64 copies with finite
differences, exactly as torch.autograd.gradcheck, and must leave no mark on the user's session:
recording is paused (no op events), the RNG state and anomaly mode are restored, prints and
warnings are swallowed, and only copies are touched (no `.grad` changes).
"""
import contextlib
import io
import time
import warnings
from collections import OrderedDict

from .. import _dtype
from .._engine import E
from .._grad_mode import enable_grad, no_grad
from .._tensor import Tensor
from .gradcheck import _run_engine_check, mismatch_message

# Nodes kept for a later check (the newest win), and how many a run checks by itself.
MAX_REMEMBERED = 64
MAX_AUTO_CHECKS_PER_RUN = 16
# Inputs this small (total elements) are checked automatically after the run.
AUTO_CHECK_NUMEL = 64
# How long the automatic checks after a run may take in all.
AUTO_CHECK_SECONDS = 1.0
_OPTIONS = {"eps": 1e-6, "atol": 1e-5, "rtol": 1e-3}

_remembered = OrderedDict()
_pending = []


def _copy(arg):
    if isinstance(arg, Tensor):
        with no_grad():
            return (arg.detach().clone(), bool(arg.requires_grad))
    return arg


def remember(node_id, cls, args, kwargs):
    """Keeps what a later check of node `node_id` needs: the Function class and its inputs' values now."""
    paused = E.pauseRecording()
    try:
        copies = tuple(_copy(a) for a in args)
    finally:
        E.resumeRecording(paused)
    _remembered[node_id] = (cls, copies, dict(kwargs or {}))
    _remembered.move_to_end(node_id)
    while len(_remembered) > MAX_REMEMBERED:
        _remembered.popitem(last=False)
    _pending.append(node_id)


def forget_all():
    _remembered.clear()
    _pending.clear()


def _input_numel(copies):
    return sum(c[0].numel() for c in copies if isinstance(c, tuple) and len(c) == 2 and isinstance(c[0], Tensor))


def _fresh_input(copy):
    """A float64 copy of a recorded tensor input (requiring grad where the input did); others as they were."""
    if not (isinstance(copy, tuple) and len(copy) == 2 and isinstance(copy[0], Tensor)):
        return copy
    value, requires_grad = copy
    if value.is_floating_point():
        t = value.detach().to(_dtype.float64).clone()
        return t.requires_grad_(requires_grad)
    return value.detach().clone()


def _check(cls, copies, kwargs):
    """(engine GradcheckResult or None, gradcheck's message or None), with nothing leaking out."""
    paused = E.pauseRecording()
    rng = E.getRngState()
    anomaly = (bool(E.isAnomalyEnabled()), bool(E.isAnomalyCheckNanEnabled()))
    sink = io.StringIO()
    try:
        E.setAnomalyEnabled(False, True)
        with warnings.catch_warnings(), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), enable_grad():
            warnings.simplefilter("ignore")
            inputs = tuple(_fresh_input(c) for c in copies)
            result = _run_engine_check(E.gradcheck, lambda *xs: cls.apply(*xs, **kwargs), inputs, dict(_OPTIONS))
            return result, (None if result.ok else mismatch_message(result))
    except Exception as exc:  # noqa: BLE001 - the user's Function failing is a failed check, not a crash
        return None, f"{type(exc).__name__}: {exc}"
    finally:
        E.setAnomalyEnabled(*anomaly)
        E.setRngState(rng)
        E.resumeRecording(paused)


def check_node(node_id):
    """Gradchecks custom node `node_id` into the trace; False when the node is not remembered."""
    entry = _remembered.get(node_id)
    if entry is None:
        return False
    result, message = _check(*entry)
    E.recordGradcheck(node_id, result, message)
    return True


def run_pending(skip=False):
    """Checks the small nodes made since the last call (the newest few); returns how many were checked.

    `skip`: the run was stopped, so its Functions are not called again (a backward stuck in a loop
    would loop again here). Checks stop after AUTO_CHECK_SECONDS; the rest stay available on request.
    A Stop pressed during a check ends the checks, not the session.
    """
    made = [n for n in dict.fromkeys(_pending) if n in _remembered]
    _pending.clear()
    if skip:
        return 0
    deadline = time.monotonic() + AUTO_CHECK_SECONDS
    checked = 0
    try:
        for node_id in made[-MAX_AUTO_CHECKS_PER_RUN:]:
            if time.monotonic() > deadline:
                break
            if _input_numel(_remembered[node_id][1]) <= AUTO_CHECK_NUMEL:
                check_node(node_id)
                checked += 1
    except KeyboardInterrupt:
        pass
    return checked
