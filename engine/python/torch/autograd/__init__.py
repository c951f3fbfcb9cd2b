"""torch.autograd: backward, grad, Function and the grad-mode switches."""
from .._engine import E, call, js_list
from .._grad_mode import enable_grad, is_grad_enabled, no_grad, set_grad_enabled, inference_mode
from .._tensor import Tensor, _wrap, as_engine_tensor
from .function import Function, FunctionCtx, InplaceFunction, once_differentiable
from .anomaly_mode import detect_anomaly, set_detect_anomaly, is_anomaly_enabled, is_anomaly_check_nan_enabled
from .gradcheck import gradcheck, gradgradcheck, GradcheckError
from . import graph  # noqa: E402
from . import functional  # noqa: E402  (after grad: functional calls torch.autograd.grad)
from . import forward_ad  # noqa: E402

Variable = Tensor


def _as_list(x):
    if x is None:
        return []
    if isinstance(x, Tensor):
        return [x]
    return list(x)


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, grad_variables=None, inputs=None):
    tensors = _as_list(tensors)
    grads = _as_list(grad_tensors) or [None] * len(tensors)
    only = None if inputs is None else js_list([t._t for t in _as_list(inputs)])
    call(
        E.backward,
        js_list([t._t for t in tensors]),
        js_list([None if g is None else as_engine_tensor(g) for g in grads]),
        None if retain_graph is None else bool(retain_graph),
        bool(create_graph),
        only,
    )


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         only_inputs=True, allow_unused=None, is_grads_batched=False, materialize_grads=False):
    outputs = _as_list(outputs)
    inputs_list = _as_list(inputs)
    grad_outputs = _as_list(grad_outputs)
    if not grad_outputs:
        grad_outputs = [None] * len(outputs)
    if retain_graph is None:
        retain_graph = create_graph
    result = call(
        E.grad,
        js_list([o._t for o in outputs]),
        js_list([i._t for i in inputs_list]),
        js_list([None if g is None else as_engine_tensor(g) for g in grad_outputs]),
        bool(retain_graph),
        bool(create_graph),
        bool(allow_unused) or bool(materialize_grads),
    )
    grads = [_wrap(g) for g in result]
    if materialize_grads:
        from .._creation import zeros_like

        grads = [g if g is not None else zeros_like(i) for g, i in zip(grads, inputs_list)]
    return tuple(grads)


__all__ = [
    "Function", "FunctionCtx", "InplaceFunction", "once_differentiable", "Variable",
    "backward", "grad", "graph", "forward_ad", "gradcheck", "gradgradcheck", "GradcheckError", "functional",
    "detect_anomaly", "set_detect_anomaly", "no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled", "inference_mode",
]
