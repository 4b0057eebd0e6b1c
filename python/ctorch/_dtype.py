"""ctorch.dtype: the dtype objects (ctorch.float32, ...), printing as PyTorch's (torch.float32).

There is one object per dtype; the extension recognizes them by identity, and every tensor's
.dtype is one of them. Their facts come from the C++ library's one list of dtypes.
"""


class dtype:
    __slots__ = ("_name", "is_floating_point", "is_signed", "itemsize")
    is_complex = False

    def __init__(self, name, is_floating_point, is_signed, itemsize):
        self._name = name
        self.is_floating_point = is_floating_point
        self.is_signed = is_signed
        self.itemsize = itemsize

    def __repr__(self):
        return "torch." + self._name

    __str__ = __repr__

    def __reduce__(self):
        # Pickled by name: unpickling finds the same object (ctorch.float32).
        return self._name


dtype.__module__ = "ctorch"


def make_dtypes(info):
    """The dtype objects from _C._dtype_info(): (name, is_floating_point, is_signed, itemsize)."""
    return tuple(dtype(*entry) for entry in info)
