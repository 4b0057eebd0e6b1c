"""DLPack both ways, zero-copy: ctorch -> NumPy (np.from_dlpack(t)), NumPy -> ctorch
(ctorch.from_dlpack(a)), ctorch -> ctorch, and PyTorch both ways where it is installed."""
import gc

import numpy as np
import pytest

import ctorch as torch

NUMPY_DLPACK = hasattr(np, "from_dlpack")
NUMPY_VERSION = tuple(int(x) for x in np.__version__.split(".")[:2])


def test_dlpack_device():
    assert torch.zeros(2).__dlpack_device__() == (1, 0)


@pytest.mark.skipif(not NUMPY_DLPACK, reason="NumPy < 1.22 has no DLPack")
@pytest.mark.parametrize("dtype", ["float64", "float32", "float16", "int64", "int32", "int16", "int8", "uint8", "bool"])
def test_numpy_round_trip(dtype):
    if dtype == "bool" and NUMPY_VERSION < (1, 25):
        pytest.skip("NumPy < 1.25 does not exchange bool through DLPack")
    a = (np.arange(12) % 2).astype(dtype).reshape(3, 4)
    t = torch.from_dlpack(a)
    assert t.dtype is getattr(torch, dtype) and t.tolist() == a.tolist()
    assert t.data_ptr() == a.ctypes.data
    b = np.from_dlpack(t)
    assert b.dtype == a.dtype and np.shares_memory(a, b)


@pytest.mark.skipif(not NUMPY_DLPACK, reason="NumPy < 1.22 has no DLPack")
def test_writes_show_through_and_strides_are_kept():
    a = np.zeros((4, 6))
    t = torch.from_dlpack(a[:, 1::2])
    assert t.stride() == (6, 2)
    t[0, 0] = 5
    assert a[0, 1] == 5
    src = torch.arange(12, dtype=torch.float64).reshape(3, 4).t()
    b = np.from_dlpack(src)
    assert b.strides == (8, 32) and b.tolist() == src.tolist()
    src[0, 0] = -1
    assert b[0, 0] == -1


@pytest.mark.skipif(not NUMPY_DLPACK, reason="NumPy < 1.22 has no DLPack")
def test_lifetimes():
    t = torch.from_dlpack(np.arange(100.0))
    gc.collect()
    assert t[99].item() == 99.0
    b = np.from_dlpack(torch.arange(100.0)[50:])
    gc.collect()
    assert b[0] == 50.0


def test_capsules_and_ctorch_to_ctorch():
    t = torch.arange(6).reshape(2, 3)
    u = torch.from_dlpack(t)
    assert u.data_ptr() == t.data_ptr() and u.tolist() == t.tolist()
    capsule = t.__dlpack__()
    assert type(capsule).__name__ == "PyCapsule"
    v = torch.from_dlpack(capsule)
    assert v.tolist() == t.tolist()
    with pytest.raises(ValueError):
        torch.from_dlpack(capsule)  # already consumed
    versioned = t.__dlpack__(max_version=(1, 0))
    assert torch.from_dlpack(versioned).tolist() == t.tolist()
    unused = t.__dlpack__(max_version=(1, 0))
    del unused  # an unconsumed capsule frees what it holds
    copied = torch.from_dlpack(t.__dlpack__(copy=True))
    assert copied.data_ptr() != t.data_ptr() and copied.tolist() == t.tolist()
    bf = torch.from_dlpack(torch.ones(2, dtype=torch.bfloat16))
    assert bf.dtype is torch.bfloat16
    with pytest.raises(TypeError, match="__dlpack__"):
        torch.from_dlpack([1, 2])


def test_pytorch_round_trip():
    real_torch = pytest.importorskip("torch")
    assert real_torch is not torch
    p = real_torch.arange(6, dtype=real_torch.float32).reshape(2, 3)
    t = torch.from_dlpack(p)
    assert t.dtype is torch.float32 and t.tolist() == p.tolist()
    t[0, 0] = 10
    assert p[0, 0].item() == 10
    q = real_torch.from_dlpack(torch.arange(4, dtype=torch.int16))
    assert q.dtype == real_torch.int16 and q.tolist() == [0, 1, 2, 3]
    if int(real_torch.__version__.split(".")[0]) >= 2:  # 1.13 cannot import DLPack's bool
        b = real_torch.from_dlpack(torch.tensor([True, False]))
        assert b.tolist() == [True, False]
