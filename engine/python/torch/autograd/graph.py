"""torch.autograd.graph: grad_fn objects (`Node`) and saved-tensor hooks.

Each grad_fn is an instance of a class named as PyTorch names it (`MulBackward0`,
`AccumulateGrad`), made on first sight and cached, so `type(y.grad_fn).__name__` and the default
repr `<MulBackward0 object at 0x...>` read as in PyTorch. The `_saved_*` attributes come from the
engine (`engine/autograd/saved-attributes.ts`), which derives them from the op table.
"""
import builtins
import weakref

from pyodide.ffi import create_proxy, jsnull, to_js

from .._engine import E, JsArray, JsProxy, call
from .._grad_mode import no_grad
from .._tensor import Tensor, _wrap

__all__ = ["Node", "saved_tensors_hooks", "save_on_cpu", "disable_saved_tensors_hooks", "register_multi_grad_hook"]

# Engine node (by JS identity) → its Python object; custom Functions register their ctx here.
_nodes = weakref.WeakValueDictionary()
_classes = {}
_metadata = {}


class Node:
    """A node of the backward graph: `tensor.grad_fn`, and the entries of `next_functions`."""

    def name(self):
        return self._n.name()

    @property
    def next_functions(self):
        return tuple((wrap_node(pair[0]), builtins.int(pair[1])) for pair in self._n.nextFunctions)

    @property
    def metadata(self):
        # Kept by node id rather than on this (weakly cached) object, so it lasts as long as
        # PyTorch's does; only nodes whose metadata was asked for have an entry.
        return _metadata.setdefault(self._n.id, {})

    def register_hook(self, fn):
        """fn(grad_inputs, grad_outputs) runs after this node; it may return new grad_inputs."""

        def js_hook(grad_inputs, grad_outputs):
            inputs = _grads_tuple(grad_inputs)
            result = fn(inputs, _grads_tuple(grad_outputs))
            return _hook_result(fn, result, len(inputs))

        return _NodeHookHandle(self._n.postHooks, create_proxy(js_hook))

    def register_prehook(self, fn):
        """fn(grad_outputs) runs before this node; it may return new grad_outputs."""

        def js_hook(grad_outputs):
            outputs = _grads_tuple(grad_outputs)
            return _hook_result(fn, fn(outputs), len(outputs))

        return _NodeHookHandle(self._n.preHooks, create_proxy(js_hook))

    def __call__(self, *grads):
        raise NotImplementedError("calling a grad_fn directly is not supported in Gradscope yet")

    def __getattr__(self, name):
        if name.startswith("_raw_saved_"):
            return _saved_attribute(self, name, name[len("_raw_saved_"):], raw=True)
        if name.startswith("_saved_"):
            return _saved_attribute(self, name, name[len("_saved_"):], raw=False)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __dir__(self):
        names = set(object.__dir__(self)) - {"_n"}
        if "_n" in self.__dict__:
            for attr in self._n.savedAttributes():
                names.add("_saved_" + attr.name)
                if attr.kind == "tensor":
                    names.add("_raw_saved_" + attr.name)
        return sorted(names)


def _saved_attribute(node, attribute, key, raw):
    if "_n" in node.__dict__:
        for attr in node._n.savedAttributes():
            if attr.name != key:
                continue
            if attr.kind == "tensor":
                return SavedTensor(attr.saved) if raw else _wrap(call(attr.saved.unpackForUser))
            if not raw:
                return _py_value(attr.value)
            if attr.value is None or attr.value is jsnull:
                return SavedTensor(None)  # a tensor PyTorch lists but did not need to save
    raise AttributeError(f"'{type(node).__name__}' object has no attribute '{attribute}'")


def _py_value(value):
    if value is None or value is jsnull:
        return None
    if isinstance(value, JsArray):
        return tuple(_py_value(v) for v in value)
    if isinstance(value, builtins.float) and value.is_integer() and abs(value) < 2**53:
        return builtins.int(value)
    return value


def _grads_tuple(js_grads):
    return tuple(_wrap(g) for g in js_grads)


def _hook_result(fn, result, expected):
    if result is None:
        return None
    if isinstance(result, Tensor):
        result = (result,)
    result = tuple(result)
    if len(result) != expected:
        name = getattr(fn, "__name__", type(fn).__name__)
        raise RuntimeError(
            f"hook '{name}' has returned an incorrect number of values (got {len(result)}, but expected {expected})"
        )
    return to_js([None if g is None else g._t for g in result])


class _NodeHookHandle:
    """What register_hook/register_prehook return: `.remove()` takes the hook off the node."""

    def __init__(self, hooks, proxy):
        self._hooks = hooks
        self._proxy = proxy
        hooks.push(proxy)

    def remove(self):
        if self._proxy is None:
            return
        i = self._hooks.indexOf(self._proxy)
        if i >= 0:
            self._hooks.splice(i, 1)
        self._proxy = None


class _AccumulateGradMixin:
    @property
    def variable(self):
        """The leaf whose `.grad` this node accumulates into."""
        return _wrap(self._n.variable)


def node_class(name):
    """The class of grad_fn objects called `name`: one per name, made on first use."""
    cls = _classes.get(name)
    if cls is None:
        bases = (_AccumulateGradMixin, Node) if name == "AccumulateGrad" else (Node,)
        cls = type(name, bases, {"__module__": "builtins", "__qualname__": name})
        _classes[name] = cls
    return cls


def register_node(js, node):
    """Makes `node` (a custom Function's ctx) the Python object of engine node `js`."""
    node._n = js
    _nodes[js.js_id] = node


def wrap_node(js):
    """The Python grad_fn object for an engine node (created on first sight, then reused)."""
    if js is None or js is jsnull:
        return None
    key = js.js_id
    existing = _nodes.get(key)
    if existing is not None:
        return existing
    # className(): C++ nodes are named without their namespace (`AccumulateGrad`, `CopySlices`).
    node = object.__new__(node_class(js.className()))
    node._n = js
    _nodes[key] = node
    return node


class SavedTensor:
    """`grad_fn._raw_saved_self`: the saved tensor itself, where hooks can be registered."""

    def __init__(self, js):
        self._s = js

    def register_hooks(self, pack_hook, unpack_hook):
        if self._s is None:
            raise RuntimeError("Calling register_hooks on a saved tensor with value None is forbidden")
        call(self._s.registerHooks, _engine_hooks(pack_hook, unpack_hook))

    def __repr__(self):
        return f"<torch._C._autograd.SavedTensor object at {hex(id(self))}>"


def _engine_hooks(pack_hook, unpack_hook):
    def pack(js_tensor):
        # PyTorch packs with gradients off, so a pack hook's own ops build no graph.
        with no_grad():
            return pack_hook(_wrap(js_tensor))

    def unpack(packed):
        if isinstance(packed, JsProxy) and hasattr(packed, "_isTensor"):
            packed = _wrap(packed)
        result = unpack_hook(packed)
        if not isinstance(result, Tensor):
            raise TypeError(
                f"Output of saved tensor unpack_hook expected to be a Tensor but got result of type {type(result).__name__}"
            )
        return result._t

    return to_js({"pack": create_proxy(pack), "unpack": create_proxy(unpack)}, dict_converter=E.objectFromEntries)


class saved_tensors_hooks:
    """Within this block, every tensor saved for backward is passed to `pack_hook`, and what it
    returns is handed to `unpack_hook` when backward (or `grad_fn._saved_*`) needs the tensor."""

    def __init__(self, pack_hook, unpack_hook):
        self.pack_hook = pack_hook
        self.unpack_hook = unpack_hook

    def __enter__(self):
        if _disabled_message is not None:
            raise RuntimeError(_disabled_message)
        E.pushSavedTensorHooks(_engine_hooks(self.pack_hook, self.unpack_hook))
        return self

    def __exit__(self, *exc_info):
        E.popSavedTensorHooks()


class save_on_cpu(saved_tensors_hooks):
    """Saved tensors are copied to (pinned) CPU memory; Gradscope is CPU only, so this is a copy."""

    def __init__(self, pin_memory=False, device_type="cuda"):
        def pack_to_cpu(tensor):
            return (tensor.device, tensor.detach().clone())

        def unpack_from_cpu(packed):
            device, tensor = packed
            return tensor.to(device)

        super().__init__(pack_to_cpu, unpack_from_cpu)


_disabled_message = None


class disable_saved_tensors_hooks:
    """Inside this block, entering saved_tensors_hooks raises RuntimeError(error_message)."""

    def __init__(self, error_message):
        self.error_message = error_message

    def __enter__(self):
        global _disabled_message
        self._previous = _disabled_message
        _disabled_message = self.error_message
        return self

    def __exit__(self, *exc_info):
        global _disabled_message
        _disabled_message = self._previous


def register_multi_grad_hook(tensors, fn):
    raise NotImplementedError("torch.autograd.graph.register_multi_grad_hook is not supported in Gradscope yet")
