"""ctorch.device: where a tensor lives ('cpu', 'cuda:0', 'mps'), printing as PyTorch's.

The C++ library parses the device strings (its errors are PyTorch's); this build computes on the
CPU, and moving a tensor elsewhere raises an error naming the device.
"""
from . import _C


class device:
    __slots__ = ("type", "index")

    def __init__(self, type, index=None):  # noqa: A002 (PyTorch's parameter name)
        if isinstance(type, device):
            self.type, self.index = type.type, type.index
            return
        if isinstance(type, int) and not isinstance(type, bool):
            type, index = "cuda", type
        if not isinstance(type, str):
            raise TypeError(f"device(): argument 'type' must be str, not {type.__class__.__name__}")
        if index is None:
            self.type, self.index = _C._parse_device(type)
        else:
            if ":" in type:
                raise RuntimeError("type (string) must not include an index because index was passed "
                                   f"explicitly: {type}")
            self.type, self.index = _C._device_with_index(type, index)

    def __repr__(self):
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other):
        if isinstance(other, str):
            other = device(other)
        if not isinstance(other, device):
            return NotImplemented
        return self.type == other.type and self.index == other.index

    def __hash__(self):
        return hash((self.type, self.index))

    def __reduce__(self):
        return (device, (self.type, self.index))


device.__module__ = "ctorch"
