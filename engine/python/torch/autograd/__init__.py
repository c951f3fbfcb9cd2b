"""torch.autograd: backward, grad, Function and the grad-mode switches."""
from .._engine import E, call, js_list
from .._grad_mode import enable_grad, is_grad_enabled, no_grad, set_grad_enabled, inference_mode
from .._tensor import Tensor, _wrap, as_engine_tensor
from .function import Function, FunctionCtx, InplaceFunction, once_differentiable

Variable = Tensor


def _as_list(x):
    if x is None:
        return []
    if isinstance(x, Tensor):
        return [x]
    return list(x)


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    tensors = _as_list(tensors)
    grads = _as_list(grad_tensors) or [None] * len(tensors)
    for t, g in zip(tensors, grads):
        t.backward(g, retain_graph=retain_graph, create_graph=create_graph)


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
    "backward", "grad", "no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled", "inference_mode",
]
