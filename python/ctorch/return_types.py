"""ctorch.return_types: the (values, indices) results of max/min/sort/topk, as PyTorch's named
tuples, printing as torch.return_types.max(values=..., indices=...)."""


def _values_indices(name):
    class ReturnType(tuple):
        __slots__ = ()
        n_fields = 2

        def __new__(cls, values, indices):
            return tuple.__new__(cls, (values, indices))

        @property
        def values(self):
            return self[0]

        @property
        def indices(self):
            return self[1]

        def __repr__(self):
            return f"torch.return_types.{name}(\nvalues={self[0]!r},\nindices={self[1]!r})"

        def __reduce__(self):
            return (type(self), (self[0], self[1]))

    ReturnType.__name__ = ReturnType.__qualname__ = name
    ReturnType.__module__ = "ctorch.return_types"
    return ReturnType


max = _values_indices("max")  # noqa: A001
min = _values_indices("min")  # noqa: A001
sort = _values_indices("sort")
topk = _values_indices("topk")
