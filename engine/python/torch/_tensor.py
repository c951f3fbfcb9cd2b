"""torch.Tensor: a thin Python object over an engine tensor.

Arithmetic never happens here: every method forwards to the engine. What lives here is what must
be Python: operator overloading, indexing syntax, properties, printing, and identity (the same
engine tensor is always the same Python object, so `x.grad is x.grad` as in PyTorch).
"""
import builtins
import weakref

from pyodide.ffi import create_proxy, jsnull, to_js

from . import _dtype
from ._engine import E, JsArray, JsException, call, import_effect, js_list, raise_from_js
from ._size import Size

# Engine tensor id -> weak reference to its Python Tensor, for identity (the same engine tensor is
# always the same Python object). A plain dict of weak references costs far less per op than a
# WeakValueDictionary, whose entries are Python-level objects with a Python-level callback.
_wrappers = {}
# Engine dtypes whose elements are Python ints.
_INTEGRAL = ("int64", "int32", "int16", "int8", "uint8")

# Each Python Tensor holds one reference in the engine's table of tensors Python holds
# (engine/python/tensor-table.ts), given back when it dies, in batches: a dying temporary costs no
# call into the engine. A Tensor's death is noticed by its weak reference's callback, which is the
# C method `_dead.append`: no Python code runs as a tensor dies. (A `__del__` did before; a Stop that
# landed in it was printed as "Exception ignored" and the program ran on.)
_hold = E.holdTensor
# Index keys' dicts become JavaScript objects with this (bound once: an index is a hot path).
_from_entries = E.objectFromEntries
_held_tensor = E.heldTensor
_release = E.releaseTensors
_RELEASE_BATCH = 32


class _Ref(weakref.ref):
    """A Tensor's weak reference in _wrappers, carrying the id whose reference the Tensor holds."""

    __slots__ = ("tid",)


# References of Tensors that died (queued by their callback), and ids of references to give back
# at once (an op that returned a tensor Python already has a Tensor for).
_dead = []
_queue_dead = _dead.append
_releases = []
# References no longer in _wrappers whose Tensor still lives (a Parameter made over a tensor still
# held): kept, so that their callback still runs when that Tensor dies.
_shadowed = set()


def _flush_releases():
    """Gives the engine back the references of Tensors that died, and those queued in _releases."""
    if not (_dead or _releases):
        return
    ids = _releases[:]
    _releases.clear()
    refs = _dead[:]
    _dead.clear()
    for ref in refs:
        tid = ref.tid
        ids.append(tid)
        if _wrappers.get(tid) is ref:
            del _wrappers[tid]
        elif _shadowed:
            _shadowed.discard(ref)
    _release(*ids)


def _remember(tid, wrapper):
    """Makes `wrapper` the Python object of engine tensor `tid`; a live one it replaces stays counted."""
    ref = _Ref(wrapper, _queue_dead)
    ref.tid = tid
    old = _wrappers.get(tid)
    if old is not None and old() is not None:
        _shadowed.add(old)
    _wrappers[tid] = ref
    if len(_dead) >= _RELEASE_BATCH:
        _flush_releases()


def _existing(tid):
    """The live Tensor of `tid`, whose reference the caller's new one joins (given back at once); or None."""
    ref = _wrappers.get(tid)
    if ref is None:
        return None
    existing = ref()
    if existing is not None:
        _releases.append(tid)
        if len(_releases) >= _RELEASE_BATCH:
            _flush_releases()
    return existing


def _wrap(js):
    """The Python Tensor for an engine tensor (created on first sight, then reused)."""
    if js is None or js is jsnull:
        return None
    tid = _hold(js)
    existing = _existing(tid)
    if existing is not None:
        return existing
    wrapper = object.__new__(Tensor)
    wrapper._t = js
    wrapper._tid = tid
    _remember(tid, wrapper)
    return wrapper


def _wrap_id(tid):
    """The Python Tensor for an op's result, given as a new reference's id (its engine tensor is fetched on first use)."""
    if tid in _wrappers:
        existing = _existing(tid)
        if existing is not None:
            return existing
    # Written out rather than through _remember: this runs for every op result. A dead Tensor's
    # reference replaced here is still queued in _dead, so its id is given back all the same.
    wrapper = object.__new__(Tensor)
    wrapper._tid = tid
    ref = _Ref(wrapper, _queue_dead)
    ref.tid = tid
    _wrappers[tid] = ref
    if len(_dead) >= _RELEASE_BATCH:
        _flush_releases()
    return wrapper


def _forget(wrapper):
    """Gives back the reference `wrapper` holds now (it is about to hold another), its callback cancelled."""
    tid = wrapper._tid
    ref = _wrappers.get(tid)
    if ref is not None and ref() is wrapper:
        del _wrappers[tid]
    else:
        for shadowed in [r for r in _shadowed if r() is wrapper]:
            _shadowed.discard(shadowed)
    _releases.append(tid)


def _adopt(wrapper, js):
    """Makes `wrapper` (e.g. a new nn.Parameter) the Python object of engine tensor `js`."""
    if wrapper._tid is not None:
        _forget(wrapper)
    wrapper._t = js
    wrapper._tid = _hold(js)
    _remember(wrapper._tid, wrapper)
    return wrapper


# The Python type Pyodide gives every engine tensor's proxy (its type depends only on the object's
# shape, the same for all tensors): one `type(...) is` test instead of a JavaScript property lookup.
_TENSOR_PROXY = import_effect(lambda: type(E.scalarTensor(0, "float32")))


def wrap_result(result):
    # Most ops return one tensor: test for that first, since isinstance(JsArray) is slow in Pyodide.
    if type(result) is builtins.int:
        return _wrap_id(result)
    if type(result) is _TENSOR_PROXY or hasattr(result, "_isTensor"):
        return _wrap(result)
    if result is jsnull:
        return None
    if isinstance(result, JsArray):
        return tuple(wrap_result(item) for item in result)
    return result


def scalar_dtype_name(value):
    if isinstance(value, builtins.bool):
        return "bool"
    if isinstance(value, builtins.int):
        return "int64"
    if isinstance(value, builtins.float):
        return "float64"
    raise TypeError(f"expected a number, got {type(value).__name__}")


def as_engine_tensor(value):
    """A Tensor argument for the engine: Python numbers become PyTorch's 'wrapped numbers'."""
    if isinstance(value, Tensor):
        return value._t
    if isinstance(value, (builtins.bool, builtins.int, builtins.float)):
        return E.scalarTensor(value, scalar_dtype_name(value))
    raise TypeError(f"expected Tensor as element 0 in argument 0, but got {type(value).__name__}")


def _shape_args(args):
    """view(2, 3), view((2, 3)) and view([2, 3]) all mean the shape (2, 3)."""
    if len(args) == 1 and isinstance(args[0], (tuple, list, Size)):
        return [builtins.int(d) for d in args[0]]
    return [builtins.int(d) for d in args]


def _index_item(key):
    if key is None:
        return {"kind": "none"}
    if key is Ellipsis:
        return {"kind": "ellipsis"}
    if isinstance(key, builtins.bool):
        return {"kind": "tensor", "tensor": E.scalarTensor(key, "bool")}
    if isinstance(key, builtins.int):
        return {"kind": "int", "index": key}
    if isinstance(key, slice):
        item = {"kind": "slice"}
        for field in ("start", "stop", "step"):
            value = getattr(key, field)
            if value is not None:
                item[field] = value.__index__()
        if item.get("step", 1) == 0:
            raise ValueError("slice step cannot be zero")
        if item.get("step", 1) < 0:
            raise ValueError("step must be greater than zero")
        return item
    if isinstance(key, Tensor):
        # A 0-d integer tensor selects, as an int does (a view: SelectBackward0, not IndexBackward0).
        if key.dim() == 0 and key.dtype in (_dtype.int64, _dtype.int32):
            return {"kind": "int", "index": builtins.int(key.item())}
        return {"kind": "tensor", "tensor": key._t}
    if isinstance(key, (list, tuple, range)):
        return {"kind": "tensor", "tensor": _sequence_index(key)._t}
    if hasattr(key, "__index__"):
        return {"kind": "int", "index": key.__index__()}
    if isinstance(key, str):
        raise TypeError("new(): invalid data type 'str'")
    raise IndexError(
        "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got "
        + type(key).__name__
        + ")"
    )


def _sequence_index(seq):
    """A list/range index as a tensor: bool data stays a mask, anything else becomes int64 (indexing_tensor_from_data)."""
    from ._creation import tensor as make_tensor

    def check(item):
        if isinstance(item, str):
            raise TypeError("new(): invalid data type 'str'")
        if isinstance(item, (list, tuple, range)):
            for child in item:
                check(child)

    check(seq)
    data = [list(item) if isinstance(item, range) else item for item in seq]
    result = make_tensor(data, dtype=_dtype.int64) if not data else make_tensor(data)
    return result if result.dtype in (_dtype.bool, _dtype.int64) else result.to(_dtype.int64)


def _sequence_is_tuple(key):
    """NumPy's legacy rule, kept by PyTorch: a short list holding a slice, None, ..., a tensor or a
    sequence is a tuple of indices (`x[[[0, 1], [2, 3]]]` is `x[[0, 1], [2, 3]]`)."""
    if isinstance(key, (Tensor, range)) or not isinstance(key, (list, str)) or len(key) >= 32:
        return False
    return any(
        isinstance(item, (Tensor, list, tuple, range, str, slice)) or item is None or item is Ellipsis for item in key
    )


def index_items(key):
    keys = key if isinstance(key, tuple) else tuple(key) if _sequence_is_tuple(key) else (key,)
    return to_js([_index_item(k) for k in keys], dict_converter=_from_entries)


# A Python number as an op's Tensor argument: PyTorch's wrapped number of this dtype.
_NUMBER_DTYPES = {builtins.bool: "bool", builtins.int: "int64", builtins.float: "float64"}


def _binary_operator(name):
    """A Tensor operator (`x * y`, `x + 1.0`) as one engine call by ids, its op looked up once."""
    callers = E.binaryCallersById(name)
    with_tensor = callers.withTensor
    with_number = callers.withNumber

    def operator(self, other):
        try:
            if isinstance(other, Tensor):
                result = with_tensor(self._tid, other._tid)
            else:
                dtype = _NUMBER_DTYPES.get(type(other))
                if dtype is None:
                    if not isinstance(other, (builtins.bool, builtins.int, builtins.float)):
                        return NotImplemented
                    dtype = scalar_dtype_name(other)
                result = with_number(self._tid, other, dtype)
        except JsException as exc:
            raise_from_js(exc)
        return _wrap_id(result) if type(result) is builtins.int else wrap_result(result)

    operator.__name__ = name
    return operator


class Tensor:
    """A multi-dimensional array that can record the operations applied to it."""

    __module__ = "torch"  # type(x) prints <class 'torch.Tensor'>, as PyTorch's does
    __hash__ = object.__hash__
    # This tensor's id in the engine's table of tensors Python holds; None until it holds one.
    _tid = None

    def __getattr__(self, name):
        # An op's result is made from its id: its engine tensor is fetched the first time it is needed.
        if name == "_t" and self._tid is not None:
            js = self._t = _held_tensor(self._tid)
            return js
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __new__(cls, *args):
        """The legacy constructor: `torch.Tensor([1., 2.])` copies data as float32, `torch.Tensor(2, 3)` allocates."""
        from ._creation import tensor, empty

        if len(args) == 1 and isinstance(args[0], Tensor):
            source = args[0]
        elif len(args) == 1 and isinstance(args[0], (list, tuple)) and not isinstance(args[0], Size):
            source = tensor(args[0], dtype=_dtype.float32)
        else:
            source = empty(*args) if args else empty(0)
        if cls is Tensor:
            return source
        return _adopt(object.__new__(cls), source._t)

    # --- properties -------------------------------------------------------------------------
    @property
    def shape(self):
        return Size(self._t.shape.to_py())

    def size(self, dim=None):
        shape = self._t.shape.to_py()
        if dim is None:
            return Size(shape)
        n = len(shape)
        if not -builtins.max(n, 1) <= dim < builtins.max(n, 1):
            raise IndexError(
                f"Dimension out of range (expected to be in range of [{-builtins.max(n, 1)}, {builtins.max(n, 1) - 1}], but got {dim})"
            )
        return shape[dim] if n else 1

    @property
    def dtype(self):
        return _dtype.from_engine(self._t.dtype)

    @property
    def ndim(self):
        return self._t.dim()

    def dim(self):
        return self._t.dim()

    def numel(self):
        return self._t.numel()

    def nelement(self):
        return self._t.numel()

    def element_size(self):
        return self.dtype.itemsize

    def is_floating_point(self):
        return self.dtype.is_floating_point

    def is_contiguous(self):
        return self._t.isContiguous()

    def stride(self, dim=None):
        strides = tuple(self._t.strides.to_py())
        if dim is None:
            return strides
        n = builtins.max(len(strides), 1)
        if not -n <= dim < n:
            raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})")
        return strides[dim] if strides else 1

    def storage_offset(self):
        return self._t.offset

    def data_ptr(self):
        return builtins.int(self._t.dataPtr())

    @property
    def requires_grad(self):
        return self._t.requiresGrad

    @requires_grad.setter
    def requires_grad(self, value):
        try:
            self._t.requiresGrad = builtins.bool(value)
        except JsException as exc:
            raise_from_js(exc)

    def requires_grad_(self, requires_grad=True):
        self.requires_grad = requires_grad
        return self

    @property
    def grad(self):
        return _wrap(self._t.grad)

    @grad.setter
    def grad(self, value):
        if value is not None and not isinstance(value, Tensor):
            # PyTorch 2.x's words (1.13 lacked the space before the type name).
            raise TypeError(f"assigned grad expected to be a Tensor or None but got grad of type {type(value).__name__}")
        try:
            self._t.grad = None if value is None else value._t
        except JsException as exc:
            raise_from_js(exc)

    @property
    def grad_fn(self):
        return wrap_node(self._t.gradFn)

    @property
    def is_leaf(self):
        return self._t.isLeaf

    @property
    def data(self):
        # Not detach(): `.data` has its own version counter, so writes through it escape the
        # saved-tensor checks, as in PyTorch.
        return _wrap(call(self._t.dataAlias))

    @data.setter
    def data(self, value):
        call(self._t.setData, value._t)

    @property
    def device(self):
        from ._device import device

        return device("cpu")

    @property
    def is_cuda(self):
        return False

    @property
    def is_cpu(self):
        return True

    @property
    def is_mps(self):
        return False

    def get_device(self):
        return -1  # PyTorch's answer for a CPU tensor

    @property
    def T(self):
        dims = list(range(self.dim()))[::-1]
        return self.permute(*dims)

    @property
    def mT(self):
        return self.transpose(-2, -1)

    @property
    def _version(self):
        if self._t.isInference:
            raise RuntimeError("Inference tensors do not track version counter.")
        return self._t.version

    def is_inference(self):
        return builtins.bool(self._t.isInference)

    def retain_grad(self):
        call(self._t.retainGrad)

    @property
    def retains_grad(self):
        return builtins.bool(self._t.retainsGrad)

    # --- conversion -------------------------------------------------------------------------
    def item(self):
        if self._t.numel() != 1:
            raise RuntimeError(
                f"a Tensor with {self._t.numel()} elements cannot be converted to Scalar"
            )
        value = self._t.item()
        if self._t.dtype == "bool":
            return builtins.bool(value)
        if self._t.dtype in _INTEGRAL:
            return builtins.int(value)
        return builtins.float(value)

    def tolist(self):
        flat = self._t.toArray().to_py()
        kind = self._t.dtype
        if kind == "bool":
            flat = [builtins.bool(v) for v in flat]
        elif kind in _INTEGRAL:
            flat = [builtins.int(v) for v in flat]
        else:
            flat = [builtins.float(v) for v in flat]
        shape = self._t.shape.to_py()
        if not shape:
            return flat[0]

        def nest(offset, dims):
            if len(dims) == 1:
                return flat[offset : offset + dims[0]]
            stride = 1
            for d in dims[1:]:
                stride *= d
            return [nest(offset + i * stride, dims[1:]) for i in range(dims[0])]

        return nest(0, shape)

    def _python_scalar(self):
        # float(t)/int(t) word the many-elements error differently from item().
        if self._t.numel() != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self.item()

    def __float__(self):
        return builtins.float(self._python_scalar())

    def __int__(self):
        return builtins.int(self._python_scalar())

    def __index__(self):
        if self.dtype.is_floating_point or self.numel() != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return builtins.int(self.item())

    def __bool__(self):
        if self._t.numel() != 1:
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return builtins.bool(self._t.item())

    def __len__(self):
        shape = self._t.shape.to_py()
        if not shape:
            raise TypeError("len() of a 0-d tensor")
        return shape[0]

    def __iter__(self):
        shape = self._t.shape.to_py()
        if not shape:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(shape[0]))

    def __repr__(self, *, tensor_contents=None):
        return self._t.toString()

    def __str__(self):
        return self.__repr__()

    def __format__(self, spec):
        if self.dim() == 0:
            return self.item().__format__(spec)
        return object.__format__(self, spec)

    def __array__(self, dtype=None):
        from numpy_unavailable import RUNTIME_MESSAGE

        raise RuntimeError(RUNTIME_MESSAGE)

    # --- autograd ---------------------------------------------------------------------------
    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        if retain_graph is None:
            retain_graph = create_graph
        grad = None if gradient is None else as_engine_tensor(gradient)
        if inputs is not None:
            inputs = js_list([t._t for t in ([inputs] if isinstance(inputs, Tensor) else inputs)])
        call(self._t.backward, grad, builtins.bool(retain_graph), builtins.bool(create_graph), inputs)

    def detach(self):
        return _wrap(call(self._t.detach))

    def detach_(self):
        call(self._t.detach_)
        return self

    def register_hook(self, hook):
        def js_hook(grad):
            result = hook(_wrap(grad))
            return None if result is None else as_engine_tensor(result)

        proxy = create_proxy(js_hook)
        # The trace names the user's function (`print_grad`, `<lambda>`), not this wrapper.
        name = getattr(hook, "__name__", None) or type(hook).__name__
        handle = call(self._t.registerHook, proxy, name)
        return RemovableHandle(handle, proxy)

    # --- shapes with varargs ----------------------------------------------------------------
    def view(self, *shape):
        if len(shape) == 1 and isinstance(shape[0], _dtype.dtype):
            raise NotImplementedError("view(dtype) is not supported in Gradscope")
        return _call_op("view", self._t, js_list(_shape_args(shape)))

    def reshape(self, *shape):
        return _call_op("reshape", self._t, js_list(_shape_args(shape)))

    def permute(self, *dims):
        return _call_op("permute", self._t, js_list(_shape_args(dims)))

    def expand(self, *sizes):
        return _call_op("expand", self._t, js_list(_shape_args(sizes)))

    def repeat(self, *sizes):
        return _call_op("repeat", self._t, js_list(_shape_args(sizes)))

    def view_as(self, other):
        return self.view(other.shape)

    def reshape_as(self, other):
        return self.reshape(other.shape)

    def expand_as(self, other):
        return self.expand(other.shape)

    def type_as(self, other):
        return self.to(other.dtype)

    def to(self, *args, **kwargs):
        from ._conversion import to

        return to(self, *args, **kwargs)

    def type(self, dtype=None, non_blocking=False, **kwargs):
        from ._conversion import type as convert_type

        return convert_type(self, dtype, non_blocking, **kwargs)

    def float(self):
        return self.to(_dtype.float32)

    def double(self):
        return self.to(_dtype.float64)

    def long(self):
        return self.to(_dtype.int64)

    def int(self):
        return self.to(_dtype.int32)

    def short(self):
        return self.to(_dtype.int16)

    def char(self):
        return self.to(_dtype.int8)

    def byte(self):
        return self.to(_dtype.uint8)

    def bool(self):
        return self.to(_dtype.bool)

    def cpu(self, memory_format=None):
        return self

    def cuda(self, device=None, non_blocking=False, memory_format=None):
        raise AssertionError("Torch not compiled with CUDA enabled")

    def numpy(self, *, force=False):
        from numpy_unavailable import RUNTIME_MESSAGE

        raise RuntimeError(RUNTIME_MESSAGE)

    # --- indexing ---------------------------------------------------------------------------
    def __getitem__(self, key):
        return _wrap(call(E.index, self._t, index_items(key)))

    def __setitem__(self, key, value):
        if not isinstance(value, (Tensor, builtins.bool, builtins.int, builtins.float)):
            raise TypeError(f"can't assign a {type(value).__name__} to a {self._t.typeName()}")
        call(E.indexPut_, self._t, index_items(key), as_engine_tensor(value))

    # --- operators --------------------------------------------------------------------------
    # The binary operators (x * y, x + 1.0, x == y, x += y) are set from _BINARY_OPERATORS below.

    def __rtruediv__(self, other):
        return _call_op("div", as_engine_tensor(other), self._t)

    def __rpow__(self, other):
        return _call_op("pow", as_engine_tensor(other), self._t)

    def __rfloordiv__(self, other):
        return _call_op("floor_divide", as_engine_tensor(other), self._t)

    def __rmod__(self, other):
        return _call_op("remainder", as_engine_tensor(other), self._t)

    def __invert__(self):
        # The operator checks the dtype itself (TypeError); torch.bitwise_not raises the kernel's RuntimeError.
        if self.dtype.is_floating_point:
            raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
        return _call_op("bitwise_not", self._t)

    def __rmatmul__(self, other):
        return _call_op("matmul", as_engine_tensor(other), self._t)

    def __neg__(self):
        return _call_op("neg", self._t)

    def __pos__(self):
        return self

    def __abs__(self):
        return _call_op("abs", self._t)


# Each binary operator is one engine call (see _binary_operator).
_BINARY_OPERATORS = {
    "__add__": "add",
    "__radd__": "add",
    "__sub__": "sub",
    "__rsub__": "rsub",
    "__mul__": "mul",
    "__rmul__": "mul",
    "__truediv__": "div",
    "__pow__": "pow",
    "__floordiv__": "floor_divide",
    "__mod__": "remainder",
    "__and__": "bitwise_and",
    "__rand__": "bitwise_and",
    "__or__": "bitwise_or",
    "__ror__": "bitwise_or",
    "__xor__": "bitwise_xor",
    "__rxor__": "bitwise_xor",
    "__matmul__": "matmul",
    "__eq__": "eq",
    "__ne__": "ne",
    "__lt__": "lt",
    "__le__": "le",
    "__gt__": "gt",
    "__ge__": "ge",
    "__iadd__": "add_",
    "__isub__": "sub_",
    "__imul__": "mul_",
    "__itruediv__": "div_",
    "__ifloordiv__": "floor_divide_",
    "__imod__": "remainder_",
    "__ipow__": "pow_",
}
for _dunder, _op_name in _BINARY_OPERATORS.items():
    setattr(Tensor, _dunder, _binary_operator(_op_name))
del _dunder, _op_name


_call_engine_op = E.callOp


def _call_op(name, *args):
    try:
        return wrap_result(_call_engine_op(name, *args))
    except JsException as exc:
        raise_from_js(exc)


class RemovableHandle:
    def __init__(self, handle, proxy):
        self._handle = handle
        self._proxy = proxy

    def remove(self):
        if self._handle is not None:
            self._handle.remove()
            self._handle = None


# --- grad_fn objects ---------------------------------------------------------------------------
def wrap_node(js):
    """The grad_fn object of an engine node (torch.autograd.graph builds and caches them)."""
    from .autograd.graph import wrap_node as wrap

    return wrap(js)


# The memory budget's census counts the tensors Python holds, after the releases not yet given back.
# Kept alive by the engine for the session (a plain function would be freed after the call).
import_effect(lambda: E.countHeldTensorMemory(create_proxy(_flush_releases)))
