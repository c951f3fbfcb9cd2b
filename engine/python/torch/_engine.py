"""The one doorway from Python into Gradscope's TypeScript engine.

Every engine call goes through `call`, which turns the engine's errors (JavaScript errors carrying
PyTorch's exception type and text) into the Python exceptions PyTorch raises, so a user's
`except RuntimeError` works and tracebacks end in PyTorch's words.
"""
import builtins

import _gradscope_engine as E
from pyodide.ffi import JsArray, JsException, JsProxy, to_js

__all__ = ["E", "call", "raise_from_js", "hold_exception", "js_list", "import_effect", "JsArray", "JsException", "JsProxy"]

_PY_TYPES = {
    "RuntimeError": RuntimeError,
    "ValueError": ValueError,
    "TypeError": TypeError,
    "IndexError": IndexError,
    "NotImplementedError": NotImplementedError,
    "KeyError": KeyError,
}


# Engine calls made while torch is imported whose effect lives in JavaScript: a callback the engine
# keeps, a tensor made (which moves the engine's id counter on). A session restored from a memory
# snapshot taken after `import torch` has Python's memory as it was then but a fresh engine, so
# `redo_import_effects` makes these calls again, in the same order (engine/python/session-snapshot.ts).
# Calls without such effects (an op's callers, looked up and kept) need nothing: the snapshot names them.
_import_effects = []


def import_effect(make):
    """Returns make(); a session restored from a snapshot taken after this import calls it again."""
    _import_effects.append(make)
    return make()


def redo_import_effects():
    for make in _import_effects:
        make()


# A Python exception raised by Python code the engine called (a custom Function's backward), held
# here instead of being thrown into the engine: a Python exception unwinding through the WebAssembly
# boundary into optimized engine frames can abort node itself (V8's "unreachable code" in
# Deoptimizer::DoComputeBuiltinContinuation, seen once the backward engine is hot). The engine is told
# by a plain JavaScript error instead, and the held exception is raised again, traceback intact, where
# Python gets the engine's error back.
_held = []


def hold_exception(exc):
    """Keeps `exc` to be raised again when the engine's call returns to Python (see _held)."""
    _held.append(exc)


def _take_held(exc):
    """The held exception that `exc` (the engine's error) stands for, or None."""
    if not _held or getattr(exc, "name", None) != "PythonBackwardError":
        return None
    held = _held[-1]
    _held.clear()
    return held


def raise_from_js(exc):
    """Re-raises a JsException from the engine as the Python exception PyTorch would raise."""
    held = _take_held(exc)
    if held is not None:
        raise held from None
    py_type = getattr(exc, "pyType", None)
    cls = _PY_TYPES.get(py_type) if isinstance(py_type, str) else None
    message = getattr(exc, "message", None)
    if cls is None:
        raise RuntimeError(str(message if message is not None else exc)) from None
    raise cls(str(message)) from None


def call(fn, *args):
    try:
        return fn(*args)
    except JsException as exc:
        held = _take_held(exc)
        if held is None:
            raise_from_js(exc)
    # Raised outside the except block, so that the traceback shows only the user's exception.
    raise held


def js_list(values):
    """A Python sequence as a JavaScript array (JsProxies inside are unwrapped)."""
    return to_js(builtins.list(values))
