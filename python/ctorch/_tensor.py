"""Tensor protocols written in Python, as PyTorch writes them in torch/_tensor.py."""
from ._C import Tensor, tensor


def __array__(self, dtype=None, copy=None):
    # np.asarray(t) / np.array(t): the tensor's memory as an ndarray (no copy unless asked for).
    array = self.numpy()
    if dtype is not None:
        array = array.astype(dtype, copy=False)
    if copy:
        array = array.copy()
    return array


def __reversed__(self):
    return self.flip(0) if self.dim() > 0 else self


def __deepcopy__(self, memo):
    result = self.clone()
    memo[id(self)] = result
    return result


def _rebuild(data, dtype, shape, requires_grad):
    return tensor(data, dtype=dtype, requires_grad=requires_grad).reshape(shape)


def __reduce__(self):
    # pickle / copy through Python values: portable, and fine for the sizes one pickles.
    return (_rebuild, (self.tolist(), self.dtype, tuple(self.shape), self.requires_grad))


Tensor.__array__ = __array__
Tensor.__reduce__ = __reduce__
Tensor.__array_priority__ = 1000  # NumPy defers to the tensor's operators: array + t is a tensor
Tensor.__reversed__ = __reversed__
Tensor.__deepcopy__ = __deepcopy__
Tensor.__copy__ = lambda self: self  # noqa: E731  copy.copy shares, as for any Python object
