"""torch.save and torch.load in PyTorch's own zip format, so checkpoints move both ways.

The layout is what PyTorch 2.6 writes (torch/serialization.py `_save`, caffe2's PyTorchStreamWriter):
a zip of uncompressed records under one folder named after the file (`archive` for a file object):
`data.pkl` (the object, pickle protocol 2, each tensor's memory as a persistent id
('storage', torch.FloatStorage, key, 'cpu', numel)), `.format_version`, `.storage_alignment`,
`byteorder`, `data/<key>` (raw little-endian elements, aligned to 64 bytes), `version` and
`.data/serialization_id`. Files work on whatever file system Python sees: the real one from
`gradscope run`, Pyodide's in-memory one in the browser.
"""
import _compat_pickle
import contextlib
import io
import os
import pickle
import struct
import sys
import zipfile
import zlib
from collections import Counter, OrderedDict

from . import _dtype, _utils
from ._device import device
from ._engine import E, call
from pyodide.ffi import to_js
from ._size import Size
from ._tensor import Tensor
from .storage import BY_DTYPE, STORAGE_TYPES

__all__ = ["save", "load", "add_safe_globals", "get_safe_globals", "clear_safe_globals", "safe_globals"]

DEFAULT_PROTOCOL = 2
_ALIGNMENT = 64
_FILE_FORMAT_VERSION = "3\n"


# --- pickling tensors -------------------------------------------------------------------------
class _StorageRef:
    """A tensor's whole storage on its way into a checkpoint (there, only ever a persistent id).

    copy.copy(tensor) rebuilds from it directly: the copy shares memory, as in PyTorch.
    """

    __slots__ = ("tensor",)

    def __init__(self, tensor):
        self.tensor = tensor

    @property
    def js(self):
        return self.tensor._t.storage

    @property
    def dtype(self):
        return self.tensor.dtype

    def __reduce_ex__(self, proto):
        raise pickle.PicklingError("Gradscope pickles tensor storages only inside torch.save")


def _reduce_tensor(self, proto):
    args = (_StorageRef(self), self.storage_offset(), tuple(self.size()), self.stride(), self.requires_grad, OrderedDict())
    return (_utils._rebuild_tensor_v2, args)


Tensor.__reduce_ex__ = _reduce_tensor


# --- the zip writer ---------------------------------------------------------------------------
def _archive_name(f):
    """PyTorchStreamWriter's name: the file's base name without its extension, else 'archive'."""
    if isinstance(f, (str, os.PathLike)):
        name = os.fspath(f).replace("\\", "/").rsplit("/", 1)[-1]
        if "." in name:
            name = name[: name.rindex(".")]
        return name or "archive"
    return "archive"


class _ZipWriter:
    """Uncompressed records, each one's data aligned to 64 bytes with PyTorch's 'FB' padding field."""

    def __init__(self, fileobj, archive):
        self._zip = zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_STORED)
        self._fileobj = fileobj
        self._archive = archive
        self._name_hash = 0
        self._crc = 0

    def write_record(self, name, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        full = f"{self._archive}/{name}"
        info = zipfile.ZipInfo(full, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        start = self._zip.start_dir + 30 + len(full.encode("utf-8")) + 4
        padding = (-start) % _ALIGNMENT
        info.extra = b"FB" + struct.pack("<H", padding) + b"Z" * padding
        self._zip.writestr(info, data)
        self._name_hash = (self._name_hash * 31 + zlib.crc32(full.encode("utf-8"))) % 10**20
        self._crc = (self._crc * 31 + zlib.crc32(data)) % 10**20

    def close(self):
        self.write_record("version", _FILE_FORMAT_VERSION)
        self.write_record(".data/serialization_id", f"{self._name_hash:020d}{self._crc:020d}")
        self._zip.close()


def save(obj, f, pickle_module=pickle, pickle_protocol=DEFAULT_PROTOCOL, _use_new_zipfile_serialization=True,
         _disable_byteorder_record=False):
    """Saves obj (tensors, Parameters, state_dicts, nested containers) to a path or a binary file object."""
    storages = OrderedDict()  # key -> tensor holding that storage
    keys = {}  # engine storage identity -> key

    def persistent_id(value):
        if not isinstance(value, _StorageRef):
            return None
        tensor = value.tensor
        identity = call(E.storageKey, tensor._t)
        key = keys.setdefault(identity, str(len(keys)))
        storages.setdefault(key, tensor)
        numel = call(E.storageLength, tensor._t)
        return ("storage", BY_DTYPE[tensor.dtype._name], key, "cpu", numel)

    class _Pickler(pickle_module.Pickler):
        def persistent_id(self, value):
            return persistent_id(value)

    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle_protocol).dump(obj)

    def write(fileobj):
        writer = _ZipWriter(fileobj, _archive_name(f))
        writer.write_record("data.pkl", buffer.getvalue())
        writer.write_record(".format_version", "1")
        writer.write_record(".storage_alignment", str(_ALIGNMENT))
        if not _disable_byteorder_record:
            writer.write_record("byteorder", sys.byteorder)
        for key, tensor in storages.items():
            writer.write_record(f"data/{key}", call(E.storageBytes, tensor._t).to_bytes())
        writer.close()

    if isinstance(f, (str, os.PathLike)):
        with open(f, "wb") as fileobj:
            write(fileobj)
    else:
        write(f)


# --- weights_only: the globals a checkpoint may name ------------------------------------------
_user_safe_globals = {}


def _qualified(value):
    return f"{value.__module__}.{value.__qualname__}"


def add_safe_globals(safe_globals):
    """Allows these classes/functions in `torch.load(weights_only=True)`."""
    for value in safe_globals:
        if isinstance(value, tuple):
            value, name = value
            _user_safe_globals[name] = value
        else:
            _user_safe_globals[_qualified(value)] = value


def get_safe_globals():
    return list(_user_safe_globals.values())


def clear_safe_globals():
    _user_safe_globals.clear()


@contextlib.contextmanager
def safe_globals(safe_globals):
    saved = dict(_user_safe_globals)
    add_safe_globals(safe_globals)
    try:
        yield
    finally:
        _user_safe_globals.clear()
        _user_safe_globals.update(saved)


def _allowed_globals():
    """PyTorch 2.6's default allowlist (torch/_weights_only_unpickler.py `_get_allowed_globals`)."""
    from .nn.parameter import Parameter

    allowed = {
        "collections.OrderedDict": OrderedDict,
        "collections.Counter": Counter,
        "torch.nn.parameter.Parameter": Parameter,
        "torch.Size": Size,
        "torch.Tensor": Tensor,
        "torch.device": device,
        "builtins.bytearray": bytearray,
        "builtins.set": set,
        "builtins.complex": complex,
    }
    for name in _dtype.BY_ENGINE_NAME:
        allowed[f"torch.{name}"] = getattr(_dtype, name)
    for name, cls in STORAGE_TYPES.items():
        allowed[f"torch.{name}"] = cls
    for name in ("_rebuild_tensor", "_rebuild_tensor_v2", "_rebuild_parameter", "_rebuild_parameter_with_state"):
        allowed[f"torch._utils.{name}"] = getattr(_utils, name)
    return allowed


_UNSAFE_MESSAGE = (
    "In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to "
    "`True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in "
    "arbitrary code execution. Do it only if you got the file from a trusted source."
)
_DOCS_MESSAGE = (
    "\n\nCheck the documentation of torch.load to learn more about types accepted by default with weights_only "
    "https://pytorch.org/docs/stable/generated/torch.load.html."
)


def _weights_only_message(message):
    return (
        "Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only "
        f"if you trust the source of the checkpoint. \n\t(1) {_UNSAFE_MESSAGE}\n\t(2) Alternatively, to load with "
        "`weights_only=True` please check the recommended steps in the following error message.\n\tWeightsUnpickler "
        f"error: {message}{_DOCS_MESSAGE}"
    )


class _WeightsOnlyRefusal(Exception):
    pass


# --- loading ----------------------------------------------------------------------------------
class LoadedStorage:
    """A storage read from a checkpoint: tensors that shared memory when saved share it again."""

    __slots__ = ("js", "dtype")

    def __init__(self, js, dtype):
        self.js = js
        self.dtype = dtype


def _torch_global(module, name):
    """The object a checkpoint names under torch.* (our own modules mirror PyTorch's names)."""
    if module == "torch" and name in STORAGE_TYPES:
        return STORAGE_TYPES[name]
    if module == "torch._utils" and hasattr(_utils, name):
        return getattr(_utils, name)
    if module == "torch._tensor" and name == "_rebuild_from_type_v2":
        return _rebuild_from_type_v2
    import importlib

    return getattr(importlib.import_module(module), name)


def _rebuild_from_type_v2(func, new_type, args, state):
    result = func(*args)
    for key, value in (state or {}).items():
        setattr(result, key, value)
    return result


def _location(location, map_location):
    if map_location is None:
        return location
    if isinstance(map_location, dict):
        return map_location.get(location, location)
    if isinstance(map_location, (str, device)):
        return str(map_location)
    return location


def _restore(storage, location):
    if location.startswith("cuda"):
        raise RuntimeError(
            "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are "
            "running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your "
            "storages to the CPU."
        )
    return storage


def _open_records(fileobj):
    try:
        archive = zipfile.ZipFile(fileobj)
    except zipfile.BadZipFile:
        raise RuntimeError(
            "PytorchStreamReader failed reading zip archive: failed finding central directory"
        ) from None
    names = archive.namelist()
    if not names:
        raise RuntimeError("PytorchStreamReader failed reading zip archive: failed finding central directory")
    prefix = names[0].split("/", 1)[0]
    if f"{prefix}/data.pkl" not in names:
        raise RuntimeError(f"PytorchStreamReader failed locating file data.pkl: file not found")
    return archive, prefix


def _load_zip(fileobj, map_location, weights_only, pickle_load_args):
    archive, prefix = _open_records(fileobj)
    names = set(archive.namelist())
    if f"{prefix}/byteorder" in names and archive.read(f"{prefix}/byteorder").decode() != "little":
        raise RuntimeError("Gradscope reads only little-endian checkpoints")
    loaded = {}
    allowed = _allowed_globals() if weights_only else None

    def persistent_load(saved_id):
        typename, storage_type, key, location, numel = saved_id
        if typename != "storage" and typename != b"storage":
            raise RuntimeError(f"Unknown typename for persistent_load, expected 'storage' but got '{typename}'")
        if key in loaded:
            return loaded[key]
        if storage_type.dtype is None:
            raise RuntimeError(
                f"Gradscope cannot load a torch.{storage_type.__name__}: Gradscope tensors have only the dtypes "
                "float32, float64, int64, int32, int16, int8, uint8 and bool"
            )
        data = archive.read(f"{prefix}/data/{key}")
        js = call(E.storageFromBytes, to_js(memoryview(data)), storage_type.dtype._name)
        storage = LoadedStorage(js, storage_type.dtype)
        if callable(map_location) and not isinstance(map_location, device):
            # `map_location=lambda storage, loc: storage`, as older tutorials write it.
            mapped = map_location(storage, location)
            storage = mapped if mapped is not None else _restore(storage, location)
        else:
            storage = _restore(storage, _location(location, map_location))
        loaded[key] = storage
        return storage

    class _Unpickler(pickle.Unpickler):
        def find_class(self, module, name):
            # Protocol 2 writes Python 2 names (`__builtin__.list`); read them as Python 3's, as pickle does.
            if (module, name) in _compat_pickle.NAME_MAPPING:
                module, name = _compat_pickle.NAME_MAPPING[(module, name)]
            module = _compat_pickle.IMPORT_MAPPING.get(module, module)
            if allowed is not None:
                full = f"{module}.{name}"
                if full in allowed:
                    return allowed[full]
                if full in _user_safe_globals:
                    return _user_safe_globals[full]
                raise _WeightsOnlyRefusal(
                    f"Unsupported global: GLOBAL {full} was not an allowed global by default. Please use "
                    f"`torch.serialization.add_safe_globals([{name}])` or the "
                    f"`torch.serialization.safe_globals([{name}])` context manager to allowlist this global if you "
                    "trust this class/function."
                )
            if module.startswith("torch"):
                return _torch_global(module, name)
            return super().find_class(module, name)

    unpickler = _Unpickler(io.BytesIO(archive.read(f"{prefix}/data.pkl")), **pickle_load_args)
    unpickler.persistent_load = persistent_load
    try:
        return unpickler.load()
    except _WeightsOnlyRefusal as refusal:
        raise pickle.UnpicklingError(_weights_only_message(str(refusal))) from None


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **pickle_load_args):
    """Loads what torch.save wrote (here or in PyTorch). weights_only defaults to True, as in PyTorch 2.6."""
    if weights_only is None:
        weights_only = pickle_module is None
    elif weights_only and pickle_module is not None:
        raise RuntimeError(
            "Can not safely load weights when explicit pickle_module is specified"
        )
    pickle_load_args.setdefault("encoding", "utf-8")
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as fileobj:
            return _load_zip(fileobj, map_location, weights_only, pickle_load_args)
    return _load_zip(f, map_location, weights_only, pickle_load_args)
