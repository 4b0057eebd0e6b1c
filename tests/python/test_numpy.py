"""NumPy and ctorch share memory both ways: from_numpy is a view of the array (negative strides
excepted: copied), t.numpy() / np.asarray(t) / memoryview(t) are views of the tensor; every dtype
both have; lifetimes under gc."""
import gc
import sys
import warnings

import numpy as np
import pytest

import ctorch as torch

DTYPES = [
    (np.float64, torch.float64), (np.float32, torch.float32), (np.float16, torch.float16),
    (np.int64, torch.int64), (np.int32, torch.int32), (np.int16, torch.int16), (np.int8, torch.int8),
    (np.uint8, torch.uint8), (np.bool_, torch.bool),
]


@pytest.mark.parametrize("np_dtype, dtype", DTYPES, ids=lambda d: getattr(d, "__name__", repr(d)))
def test_dtypes_round_trip(np_dtype, dtype):
    a = (np.arange(6) % 3).astype(np_dtype).reshape(2, 3)
    t = torch.from_numpy(a)
    assert t.dtype is dtype and t.shape == (2, 3) and t.tolist() == a.tolist()
    back = t.numpy()
    assert back.dtype == a.dtype and np.shares_memory(back, a)
    assert np.asarray(t).dtype == a.dtype


def test_from_numpy_shares_memory_both_ways():
    a = np.arange(1.0, 10.0).reshape(3, 3)
    t = torch.from_numpy(a)
    assert repr(t) == "tensor([[1., 2., 3.],\n        [4., 5., 6.],\n        [7., 8., 9.]], dtype=torch.float64)"
    a[0, 0] = 100
    assert t[0, 0].item() == 100
    t[1, 1] = -5
    assert a[1, 1] == -5
    assert t.data_ptr() == a.ctypes.data


def test_numpy_shares_memory_both_ways():
    t = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    a = t.numpy()
    assert a.dtype == np.float32 and a.shape == (2, 3) and a.strides == (12, 4)
    a[0, 1] = 42
    assert t[0, 1].item() == 42
    t[1, 2] = 7
    assert a[1, 2] == 7
    assert a.ctypes.data == t.data_ptr()


def test_strides_are_kept():
    a = np.arange(24, dtype=np.int32).reshape(4, 6)
    for view in (a[::2], a[:, 1::3], a.T, a[1:, 2:]):
        t = torch.from_numpy(view)
        assert t.stride() == tuple(s // 4 for s in view.strides)
        assert t.tolist() == view.tolist()
        assert np.shares_memory(t.numpy(), a)
    t = torch.arange(12).reshape(3, 4).t()
    assert t.numpy().strides == (8, 32) and t.numpy().tolist() == t.tolist()
    s = torch.arange(10)[2::3]
    assert s.numpy().tolist() == [2, 5, 8] and s.numpy().strides == (24,)


def test_negative_strides_are_copied_not_refused():
    a = np.arange(6.0).reshape(2, 3)
    for view in (a[::-1], a[:, ::-1], a[::-1, ::-2]):
        t = torch.from_numpy(view)  # PyTorch raises here; ctorch copies
        assert t.tolist() == view.tolist()
        assert t.is_contiguous()
        assert not np.shares_memory(t.numpy(), a)


def test_zero_dim_and_empty():
    assert torch.from_numpy(np.array(3.5)).shape == () and torch.from_numpy(np.array(3.5)).item() == 3.5
    assert torch.from_numpy(np.zeros((0, 3))).shape == (0, 3)
    assert torch.zeros(0, 2).numpy().shape == (0, 2)
    assert torch.tensor(5).numpy().shape == ()


def test_unsupported_arrays_are_refused_clearly():
    for dtype in (np.uint16, np.uint32, np.uint64, np.complex64, object):
        with pytest.raises(TypeError, match="can't convert np.ndarray of type numpy.*The only supported types are"):
            torch.from_numpy(np.zeros(2, dtype=dtype))
    with pytest.raises(ValueError, match="byte order"):
        torch.from_numpy(np.zeros(2, dtype=">f4"))
    with pytest.raises(TypeError, match="expected np.ndarray"):
        torch.from_numpy([1, 2])
    with pytest.raises(TypeError, match="Got unsupported ScalarType BFloat16"):
        torch.zeros(2, dtype=torch.bfloat16).numpy()
    t = torch.zeros(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="Can't call numpy\\(\\) on Tensor that requires grad"):
        t.numpy()
    assert t.numpy(force=True).tolist() == [0.0, 0.0]


def test_read_only_arrays_are_shared_with_a_warning():
    a = np.arange(3.0)
    a.flags.writeable = False
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        t = torch.from_numpy(a)
    assert t.tolist() == [0.0, 1.0, 2.0] and t.data_ptr() == a.ctypes.data


def test_tensor_from_numpy_copies_as_pytorch():
    a = np.arange(3, dtype=np.int32)
    t = torch.tensor(a)
    assert t.dtype is torch.int32
    a[0] = 9
    assert t[0].item() == 0
    assert torch.tensor(a, dtype=torch.float64).dtype is torch.float64
    s = torch.as_tensor(a)
    a[1] = 8
    assert s[1].item() == 8  # as_tensor shares


def test_array_protocols():
    t = torch.tensor([[1, 2], [3, 4]], dtype=torch.int16)
    assert np.asarray(t).tolist() == [[1, 2], [3, 4]]
    assert np.array(t, dtype=np.float64).dtype == np.float64
    m = memoryview(t)
    assert m.format == "h" and m.shape == (2, 2) and m.strides == (4, 2) and not m.readonly
    assert memoryview(torch.tensor([1.0], dtype=torch.float16)).format == "e"
    with pytest.raises(BufferError):
        memoryview(torch.zeros(2, dtype=torch.bfloat16))
    r = np.ones(2) + torch.tensor([1.0, 2.0])  # NumPy defers to the tensor, as for PyTorch
    assert isinstance(r, torch.Tensor) and r.dtype is torch.float64 and r.tolist() == [2.0, 3.0]
    assert (torch.tensor([1, 2]) * np.array([2, 3], dtype=np.int32)).tolist() == [2, 6]


def test_lifetimes_under_gc():
    # The array outlives the tensor...
    a = np.arange(1000.0)
    base = sys.getrefcount(a)
    for _ in range(100):
        t = torch.from_numpy(a)
        v = t[10:20]
        del t
        gc.collect()
        assert v[0].item() == 10.0
    del v
    gc.collect()
    assert sys.getrefcount(a) == base  # every tensor let go of the array
    # ... and the tensor outlives the array (the array's memory stays alive through the tensor).
    t = torch.from_numpy(np.arange(1000.0) * 2)
    gc.collect()
    assert t[999].item() == 1998.0
    # A NumPy view of a tensor keeps the tensor's memory alive.
    a = torch.arange(1000.0).numpy()
    gc.collect()
    assert a[999] == 999.0
    t = torch.arange(50)
    a = t[10:].numpy()
    del t
    gc.collect()
    assert a[0] == 10
