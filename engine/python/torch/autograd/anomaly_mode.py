"""Anomaly detection: `detect_anomaly()` / `set_detect_anomaly(True)`.

The engine checks backward results for NaN; this module gives it the Python side: the user's
stack when a node is created, and PyTorch's warning naming that forward line when its backward
fails ("Error detected in SqrtBackward0. Traceback of forward call that caused the error: ...").
"""
import os
import traceback
import warnings

from pyodide.ffi import create_proxy, to_js

from .._engine import E, import_effect

# Gradscope's own Python (the torch package and the runner beside it) is not the user's code.
_INTERNAL_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _is_internal(filename):
    return os.path.abspath(filename).startswith(_INTERNAL_DIR + os.sep)


def is_anomaly_enabled():
    return bool(E.isAnomalyEnabled())


def is_anomaly_check_nan_enabled():
    return bool(E.isAnomalyCheckNanEnabled())


def set_anomaly_enabled(enabled, check_nan=True):
    E.setAnomalyEnabled(bool(enabled), bool(check_nan))


def _user_frames():
    return [f for f in traceback.extract_stack() if not _is_internal(f.filename)]


def _user_stack():
    return "".join(traceback.format_list(_user_frames()))


def _report(node_name, forward_stack):
    stack = forward_stack if isinstance(forward_stack, str) else ""
    frames = _user_frames()
    where = frames[-1] if frames else traceback.extract_stack()[-1]
    # Attributed to the user's line that ran backward, as PyTorch's warning is.
    warnings.warn_explicit(
        f"Error detected in {node_name}. Traceback of forward call that caused the error:\n{stack}",
        UserWarning,
        where.filename,
        where.lineno,
    )


import_effect(
    lambda: E.setAnomalyHost(
        to_js(
            {"captureForwardStack": create_proxy(_user_stack), "reportBackwardError": create_proxy(_report)},
            dict_converter=E.objectFromEntries,
        )
    )
)


class detect_anomaly:
    """Context manager: anomaly mode on inside, as it was before on exit (not a decorator, as in PyTorch)."""

    def __init__(self, check_nan=True):
        self.check_nan = check_nan
        self.prev = is_anomaly_enabled()
        self.prev_check_nan = is_anomaly_check_nan_enabled()
        warnings.warn(
            "Anomaly Detection has been enabled. This mode will increase the runtime and should only be enabled for debugging.",
            stacklevel=2,
        )

    def __enter__(self):
        set_anomaly_enabled(True, self.check_nan)

    def __exit__(self, *exc):
        set_anomaly_enabled(self.prev, self.prev_check_nan)
        return False


class set_detect_anomaly:
    """Turns anomaly mode on or off now; as a context manager, restores the old mode on exit."""

    def __init__(self, mode, check_nan=True):
        self.prev = is_anomaly_enabled()
        self.prev_check_nan = is_anomaly_check_nan_enabled()
        set_anomaly_enabled(mode, check_nan)

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        set_anomaly_enabled(self.prev, self.prev_check_nan)
        return False
