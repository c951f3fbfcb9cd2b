"""torch.return_types: the named tuples of multi-output ops (`x.max(dim=1).values`).

The op table's signatures name the fields (`-> (Tensor values, Tensor indices)`); a class per op
is made on first use. They print as PyTorch's structseq types do:
`torch.return_types.max(\\nvalues=tensor(...),\\nindices=tensor(...))`.
"""


class _NamedReturn(tuple):
    _fields = ()

    def __new__(cls, values):
        return tuple.__new__(cls, values)

    def __repr__(self):
        body = ",\n".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
        return f"torch.return_types.{type(self).__name__}(\n{body})"

    __str__ = __repr__

    def __reduce__(self):
        return (type(self), (tuple(self),))


def _field(i):
    return property(lambda self: tuple.__getitem__(self, i))


def named_return(op_name, fields):
    """The `torch.return_types.<op_name>` class with these fields (created once, then reused)."""
    existing = globals().get(op_name)
    if isinstance(existing, type) and issubclass(existing, _NamedReturn):
        return existing
    attrs = {name: _field(i) for i, name in enumerate(fields)}
    attrs["_fields"] = tuple(fields)
    attrs["__module__"] = "torch.return_types"
    cls = type(op_name, (_NamedReturn,), attrs)
    globals()[op_name] = cls
    return cls
