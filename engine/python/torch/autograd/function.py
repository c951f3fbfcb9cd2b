"""torch.autograd.Function: the user's forward/backward pair, wired into the engine's graph.

`apply` runs the user's `forward` with gradients off, then asks the engine for a graph node named
`<ClassName>Backward` whose backward calls the user's `backward` with the gradients of the
outputs. The engine checks what comes back (count and shapes) with PyTorch's messages.
While a cell records its trace, both methods run under `_frames.call_recorded` (line events with
locals), and the node is remembered for the gradcheck badge (`_node_gradcheck`).
"""
import builtins
import functools

from pyodide.ffi import create_proxy, to_js

from .._engine import E, JsException, call, hold_exception, js_list, raise_from_js
from .._grad_mode import no_grad, is_grad_enabled
from .._tensor import Tensor, _wrap
from . import _frames, _node_gradcheck
from .graph import Node, SavedTensor, register_node


class FunctionCtx:
    """The `ctx` of a custom Function: saved tensors, flags, and any attribute the user sets."""

    def __init__(self):
        self._to_save = ()
        self._non_differentiable = ()
        self._materialize_grads = True
        self._node = None
        self._saved_cache = None
        self.needs_input_grad = ()

    def save_for_backward(self, *tensors):
        for t in tensors:
            if t is not None and not isinstance(t, Tensor):
                raise TypeError("save_for_backward can only save variables, but argument 0 is of type " + type(t).__name__)
        self._to_save = tensors

    def save_for_forward(self, *tensors):
        # Read back as ctx.saved_tensors inside jvp (see _forward_mode_ad).
        self._to_save_for_forward = tensors

    def mark_non_differentiable(self, *tensors):
        self._non_differentiable = tensors

    def mark_dirty(self, *tensors):
        self._dirty = tensors

    def set_materialize_grads(self, value):
        self._materialize_grads = builtins.bool(value)

    @property
    def saved_tensors(self):
        if getattr(self, "_in_jvp", False):
            return tuple(getattr(self, "_to_save_for_forward", ()))
        if self._node is None:
            return tuple(self._to_save)
        saved = call(self._node.savedTensors)
        wrapped = [_wrap(t) for t in saved]
        # None entries were saved as None by the user: keep them where they were.
        result = []
        it = iter(wrapped)
        for original in self._to_save:
            result.append(None if original is None else next(it))
        return tuple(result)

    @property
    def saved_variables(self):
        return self.saved_tensors


class BackwardCFunction(FunctionCtx, Node):
    """The grad_fn of a custom Function is its ctx, as in PyTorch: `y.grad_fn.saved_tensors` works."""

    def __init__(self):
        FunctionCtx.__init__(self)

    @property
    def _raw_saved_tensors(self):
        node = self.__dict__.get("_n")
        if node is None:
            return ()
        return tuple(SavedTensor(s) for s in node.rawSavedTensors())


class _FunctionMeta(type):
    def __init__(cls, name, bases, attrs):
        super().__init__(name, bases, attrs)
        cls._backward_name = name + "Backward"
        # PyTorch names the grad_fn class `<Function>Backward`, in torch.autograd.function.
        cls._backward_cls = type(
            cls._backward_name,
            (BackwardCFunction,),
            {"__module__": "torch.autograd.function", "__qualname__": cls._backward_name, "_forward_cls": cls},
        )


class Function(metaclass=_FunctionMeta):
    """Subclass with @staticmethod forward(ctx, ...) and backward(ctx, *grad_outputs); call .apply."""

    def __init__(self, *args, **kwargs):
        pass

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError(
            "You must implement the forward function for custom autograd.Function."
        )

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError(
            "You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD."
        )

    vjp = backward

    @staticmethod
    def jvp(ctx, *grad_inputs):
        raise NotImplementedError(
            "You must implement the jvp function for custom autograd.Function to use it with forward mode AD."
        )

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError("setup_context is not implemented.")

    @classmethod
    def _uses_setup_context(cls):
        return getattr(cls.setup_context, "__func__", cls.setup_context) is not _BASE_SETUP_CONTEXT

    @classmethod
    def apply(cls, *args, **kwargs):
        ctx = cls._backward_cls()
        grad_on = is_grad_enabled()
        ctx.needs_input_grad = tuple(
            builtins.bool(grad_on and isinstance(a, Tensor) and a.requires_grad) for a in args
        )
        # Forward mode: the user's forward sees plain tensors; jvp gives the outputs' tangents.
        input_tangents = _input_tangents(args)
        forward_ad = _SuspendedForwardAd() if input_tangents is not None else _NO_CONTEXT
        with no_grad(), forward_ad:
            if cls._uses_setup_context():
                # PyTorch 2.x style: forward(*args) without ctx, then setup_context(ctx, inputs, output).
                output, forward_call = _frames.call_recorded("forward", cls.__name__, cls.forward, args, kwargs)
                cls.setup_context(ctx, args, output)
            else:
                output, forward_call = _frames.call_recorded("forward", cls.__name__, cls.forward, (ctx,) + args, kwargs)
        is_tuple = isinstance(output, tuple)
        outputs = output if is_tuple else (output,)
        if not any(ctx.needs_input_grad):
            if input_tangents is not None:
                _forward_mode_ad(cls, ctx, args, outputs, input_tangents)
            return output
        tensor_outputs = [o for o in outputs if isinstance(o, Tensor)]

        def run_backward(node, grads):
            # {raised, message} tells the engine the backward raised (the exception is held, see hold_exception).
            try:
                return backward_grads(node, grads)
            except BaseException as exc:  # noqa: B036  (a Stop's KeyboardInterrupt too)
                hold_exception(exc)
                return to_js({"raised": type(exc).__name__, "message": str(exc)}, dict_converter=E.objectFromEntries)

        def backward_grads(node, grads):
            ctx._node = node
            py_grads = [_wrap(g) for g in grads]
            if ctx._materialize_grads:
                from .._creation import zeros_like

                py_grads = [
                    g if g is not None else zeros_like(out) for g, out in zip(py_grads, tensor_outputs)
                ]
            result, _ = _frames.call_recorded("backward", cls.__name__, cls.backward, (ctx,) + tuple(py_grads), node_id=node.id)
            if not isinstance(result, tuple):
                result = (result,)
            converted = []
            for r in result:
                if r is None:
                    converted.append(None)
                elif isinstance(r, Tensor):
                    converted.append(r._t)
                else:
                    converted.append(r)
            return to_js(converted)

        backward_proxy = create_proxy(run_backward)
        spec = {
            "name": cls._backward_name,
            "inputs": js_list([a._t if isinstance(a, Tensor) else None for a in args]),
            "outputs": js_list([o._t for o in tensor_outputs]),
            "saved": js_list([t._t for t in ctx._to_save if t is not None]),
            "backward": backward_proxy,
            "nonDifferentiable": js_list([t._t for t in ctx._non_differentiable]),
            "materializeGrads": ctx._materialize_grads,
        }
        if forward_call is not None:
            spec["customCall"] = forward_call
        try:
            js_outputs = E.applyCustom(to_js(spec, dict_converter=E.objectFromEntries))
        except JsException as exc:
            raise_from_js(exc)
        wrapped = [_wrap(t) for t in js_outputs]
        node = next((t.gradFn for t in js_outputs if t.gradFn is not None), None)
        if node is not None:
            ctx._node = node
            register_node(node, ctx)
            if forward_call is not None:
                _node_gradcheck.remember(node.id, cls, args, kwargs)
        it = iter(wrapped)
        final = tuple(next(it) if isinstance(o, Tensor) else o for o in outputs)
        if input_tangents is not None:
            _forward_mode_ad(cls, ctx, args, final, input_tangents)
        return final if is_tuple else final[0]


class _SuspendedForwardAd:
    def __enter__(self):
        E.suspendForwardAd()

    def __exit__(self, *exc):
        E.resumeForwardAd()
        return False


class _NoContext:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


_NO_CONTEXT = _NoContext()


def _input_tangents(args):
    """One entry per argument (a tensor's tangent, zeros for a tensor without one, None for the
    rest, as PyTorch passes them to jvp), or None when no argument carries a tangent."""
    if E.currentDualLevel() < 0:
        return None
    tangents = [_wrap(E.tangentOf(a._t)) if isinstance(a, Tensor) else None for a in args]
    if all(t is None for t in tangents):
        return None
    from .._creation import zeros_like

    return [zeros_like(a) if isinstance(a, Tensor) and t is None else t for a, t in zip(args, tangents)]


def _forward_mode_ad(cls, ctx, args, outputs, input_tangents):
    """Runs the user's jvp(ctx, *tangents) and gives each tensor output its tangent."""
    ctx._in_jvp = True
    try:
        # As PyTorch: the tensors jvp reads (ctx's, the inputs) carry no tangents of their own.
        with _SuspendedForwardAd():
            result = cls.jvp(ctx, *input_tangents)
    finally:
        ctx._in_jvp = False
    results = result if isinstance(result, tuple) else (result,)
    tensor_outputs = [o for o in outputs if isinstance(o, Tensor)]
    if len(results) != len(tensor_outputs):
        raise RuntimeError(
            f"{cls.__name__}.jvp returned an incorrect number of tangents (expected {len(tensor_outputs)}, got {len(results)})"
        )
    for out, tangent in zip(tensor_outputs, results):
        if isinstance(tangent, Tensor) and out.is_floating_point():
            call(E.setTangent, out._t, tangent._t)


_BASE_SETUP_CONTEXT = Function.__dict__["setup_context"].__func__


class InplaceFunction(Function):
    pass


def once_differentiable(fn):
    """As PyTorch's: the backward runs without building a graph, and under create_graph its results
    hang behind an `Error` node, so differentiating them again raises PyTorch's message."""

    @functools.wraps(fn)
    def wrapper(ctx, *args):
        with no_grad():
            outputs = fn(ctx, *args)
        if not is_grad_enabled():
            return outputs
        if not any(isinstance(a, Tensor) and a.requires_grad for a in args):
            return outputs
        is_tuple = isinstance(outputs, tuple)
        items = outputs if is_tuple else (outputs,)
        engine_items = [o._t if isinstance(o, Tensor) else None for o in items]
        guarded = E.onceDifferentiableOutputs(js_list(engine_items))
        result = tuple(_wrap(g) if isinstance(o, Tensor) else o for o, g in zip(items, guarded))
        return result if is_tuple else result[0]

    return wrapper
