"""Line-by-line recording of the user's own `forward`/`backward` of custom Functions.

While a cell records its trace, `call_recorded` runs one of those methods with Python 3.12+'s
`sys.monitoring` LINE and PY_RETURN events switched on locally, on exactly that method's code
object, for the duration of the call. Nothing else is instrumented, so a program without custom
Functions (or a run nobody records) pays nothing. Each event carries the frame's locals as the
trace's PyValue (tensors as engine tensors; the engine summarizes them).
"""
import linecache
import sys

from .._engine import E
from .._tensor import Tensor

_monitoring = getattr(sys, "monitoring", None)
_TOOL_NAME = "gradscope"
_tool_id = None
# The recorded calls running now, innermost last: [code, call_id].
_active = []
# How many running recorded calls use each code object (recursion keeps events on until the last).
_enabled = {}

_MAX_ITEMS = 16
_MAX_DEPTH = 3
_MAX_TEXT = 200
_CTX_INTERNAL = frozenset(
    ("_to_save", "_non_differentiable", "_materialize_grads", "_node", "_n", "_saved_cache", "needs_input_grad", "_dirty")
)


def _short(text):
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 3] + "..."


def _safe_repr(v):
    try:
        return _short(repr(v))
    except Exception:  # noqa: BLE001 - a user's __repr__ must not break their program
        return "<" + type(v).__name__ + ">"


def _ctx_value(ctx, depth):
    attrs = [{"name": k, "value": _value(v, depth + 1)} for k, v in vars(ctx).items() if k not in _CTX_INTERNAL]
    return {
        "kind": "ctx",
        "attrs": attrs,
        # What save_for_backward received: reading ctx.saved_tensors here would check versions
        # (and raise) inside the user's frame.
        "savedTensors": [_value(t, depth + 1) for t in ctx._to_save],
        "needsInputGrad": [bool(b) for b in ctx.needs_input_grad],
    }


def _value(v, depth=0):
    """A Python value as the locals panel shows it (the trace's PyValue, tensors still live)."""
    from .function import FunctionCtx

    if isinstance(v, Tensor):
        return {"kind": "tensor", "tensor": v._t}
    if v is None:
        return {"kind": "none"}
    if isinstance(v, (bool, int, float, complex, str, bytes)):
        return {"kind": "scalar", "text": _safe_repr(v)}
    if isinstance(v, (tuple, list)) and depth < _MAX_DEPTH:
        items = [_value(x, depth + 1) for x in list(v)[:_MAX_ITEMS]]
        if len(v) > _MAX_ITEMS:
            items.append({"kind": "other", "type": "ellipsis", "text": f"... ({len(v) - _MAX_ITEMS} more)"})
        return {"kind": "list" if isinstance(v, list) else "tuple", "items": items}
    if isinstance(v, FunctionCtx) and depth < _MAX_DEPTH:
        return _ctx_value(v, depth)
    return {"kind": "other", "type": type(v).__name__, "text": _safe_repr(v)}


def _locals_of(frame):
    return [{"name": k, "value": _value(v)} for k, v in frame.f_locals.items()]


def _to_js(value):
    from pyodide.ffi import to_js

    from .._engine import E

    return to_js(value, dict_converter=E.objectFromEntries)


def _recorded_frame(code):
    """The user's frame if the innermost recorded call runs `code` (the callback's caller), else None."""
    if not _active or _active[-1][0] is not code:
        return None
    frame = sys._getframe(2)
    return frame if frame.f_code is code else None


def _on_line(code, line):
    try:
        frame = _recorded_frame(code)
        if frame is not None:
            E.recordCustomLine(_active[-1][1], code.co_filename, line, _to_js(_locals_of(frame)))
    except Exception:  # noqa: BLE001 - recording must never change what the user's code does
        pass


def _on_return(code, _offset, value):
    try:
        frame = _recorded_frame(code)
        if frame is not None:
            E.recordCustomReturn(
                _active[-1][1], code.co_filename, frame.f_lineno, _to_js(_locals_of(frame)), _to_js(_value(value)), None
            )
    except Exception:  # noqa: BLE001
        pass


def _tool():
    """Claims a sys.monitoring tool id once (None when monitoring is unavailable or all ids are taken)."""
    global _tool_id
    if _tool_id is not None or _monitoring is None:
        return _tool_id
    for candidate in (4, 3, 2, 1, 0, 5):
        if _monitoring.get_tool(candidate) is None:
            _monitoring.use_tool_id(candidate, _TOOL_NAME)
            _monitoring.register_callback(candidate, _monitoring.events.LINE, _on_line)
            _monitoring.register_callback(candidate, _monitoring.events.PY_RETURN, _on_return)
            _tool_id = candidate
            break
    return _tool_id


def _user_code(fn):
    """The code object of the user's method, through decorators such as @once_differentiable."""
    seen = 0
    while hasattr(fn, "__wrapped__") and seen < 8:
        fn = fn.__wrapped__
        seen += 1
    return getattr(fn, "__code__", None)


def _enable(tool, code):
    count = _enabled.get(code, 0)
    if count == 0:
        events = _monitoring.events
        _monitoring.set_local_events(tool, code, events.LINE | events.PY_RETURN)
    _enabled[code] = count + 1


def _disable(tool, code):
    count = _enabled.get(code, 1) - 1
    if count <= 0:
        _enabled.pop(code, None)
        _monitoring.set_local_events(tool, code, 0)
    else:
        _enabled[code] = count


def _def_line(code):
    """The `def` line of a method (co_firstlineno is its first decorator's line)."""
    line = code.co_firstlineno
    for offset in range(16):
        text = linecache.getline(code.co_filename, line + offset).lstrip()
        if text.startswith(("def ", "async def ")):
            return line + offset
    return line


def _error_site(exc, code):
    """The user's frame (and line) where `exc` left `code`, from the traceback."""
    tb = exc.__traceback__
    found = None
    while tb is not None:
        if tb.tb_frame.f_code is code:
            found = tb
        tb = tb.tb_next
    return (found.tb_frame, found.tb_lineno) if found is not None else (None, code.co_firstlineno)


def call_recorded(kind, function_name, fn, args, kwargs=None, node_id=None):
    """Calls fn(*args, **kwargs); while a recorder listens, records the user's frame line by line.

    Returns (result, call_id); call_id is None when nothing was recorded.
    """
    kwargs = kwargs or {}
    if not E.isRecording():
        return fn(*args, **kwargs), None
    code = _user_code(fn)
    tool = _tool() if code is not None else None
    if tool is None:
        return fn(*args, **kwargs), None
    call_id = E.recordCustomCall(kind, function_name, node_id, code.co_filename, _def_line(code))
    if call_id < 0:
        return fn(*args, **kwargs), None
    _enable(tool, code)
    _active.append((code, call_id))
    try:
        result = fn(*args, **kwargs)
    except BaseException as exc:
        frame, line = _error_site(exc, code)
        try:
            locals_ = _to_js(_locals_of(frame)) if frame is not None else _to_js([])
            E.recordCustomReturn(call_id, code.co_filename, line, locals_, None, f"{type(exc).__name__}: {exc}")
        except Exception:  # noqa: BLE001
            pass
        raise
    finally:
        _active.pop()
        _disable(tool, code)
    return result, call_id
