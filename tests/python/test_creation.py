"""Creating tensors through the module: ctorch.tensor's dtype inference and errors (semantics.md R2),
the factories, and the dtype / Size / device objects (printing.md R13)."""
import math
import pickle

import pytest

import ctorch as torch


@pytest.mark.parametrize("data, dtype, shape", [
    (7, torch.int64, ()),
    (7.0, torch.float32, ()),
    (True, torch.bool, ()),
    ([True, False], torch.bool, (2,)),
    ([True, 2], torch.int64, (2,)),
    ([True, 2.5], torch.float32, (2,)),
    ([1, 2.0], torch.float32, (2,)),
    ([], torch.float32, (0,)),
    ([[]], torch.float32, (1, 0)),
    (((1, 2), (3, 4)), torch.int64, (2, 2)),
    ([[[1], [2]], [[3], [4]]], torch.int64, (2, 2, 1)),
])
def test_tensor_infers_dtype_and_shape(data, dtype, shape):
    t = torch.tensor(data)
    assert t.dtype is dtype
    assert t.shape == shape
    assert t.tolist() == data if not isinstance(data, tuple) else True


def test_tensor_values_and_explicit_dtype():
    assert torch.tensor([1.7, -1.7, 2.5], dtype=torch.int64).tolist() == [1, -1, 2]
    assert torch.tensor([-1, -255], dtype=torch.uint8).tolist() == [255, 1]
    assert torch.tensor([0.1]).item() == 0.10000000149011612
    assert torch.tensor([1, 2], dtype=torch.float64).dtype is torch.float64
    assert torch.tensor([3, 4], dtype=float).dtype is torch.float64  # Python's types as PyTorch takes them
    t = torch.tensor([1.0, 2.0], requires_grad=True)
    assert t.requires_grad
    assert repr(t) == "tensor([1., 2.], requires_grad=True)"


def test_tensor_errors_are_pytorchs():
    with pytest.raises(ValueError, match=r"^expected sequence of length 2 at dim 1 \(got 1\)$"):
        torch.tensor([[1, 2], [3]])
    with pytest.raises(RuntimeError, match="^Overflow when unpacking long$"):
        torch.tensor([2 ** 63])
    with pytest.raises(RuntimeError, match="^value cannot be converted to type uint8 without overflow$"):
        torch.tensor([256], dtype=torch.uint8)
    with pytest.raises(TypeError, match="invalid data type 'str'"):
        torch.tensor(["a"])
    with pytest.raises(RuntimeError, match="^Only Tensors of floating point and complex dtype can require gradients$"):
        torch.tensor([1, 2], requires_grad=True)


def test_tensor_of_tensors_and_numbers():
    assert torch.tensor([torch.tensor(1.5), 2]).tolist() == [1.5, 2.0]
    with pytest.raises(ValueError, match="only one element tensors can be converted to Python scalars"):
        torch.tensor([torch.tensor([1, 2])])
    a = torch.tensor([1, 2])
    b = torch.tensor(a)  # a copy, as PyTorch
    b[0] = 5
    assert a.tolist() == [1, 2]


def test_factories():
    assert torch.zeros(2, 3).shape == torch.Size([2, 3])
    assert torch.zeros((2, 3)).shape == (2, 3)
    assert torch.zeros(size=(2, 3), dtype=torch.int32).dtype is torch.int32
    assert torch.ones(3).tolist() == [1.0, 1.0, 1.0]
    assert torch.empty(0).shape == (0,)
    assert torch.full((2,), 7).dtype is torch.int64
    assert torch.full((2,), 7.5).tolist() == [7.5, 7.5]
    assert torch.full((2,), True).dtype is torch.bool
    assert torch.arange(5).tolist() == [0, 1, 2, 3, 4]
    assert torch.arange(1, 4).tolist() == [1, 2, 3]
    assert torch.arange(0, 1, 0.25).tolist() == [0.0, 0.25, 0.5, 0.75]
    assert torch.arange(start=0, end=1000, step=36).shape == (28,)
    assert torch.arange(5, dtype=torch.float64).dtype is torch.float64
    assert torch.linspace(0, 1, 5).tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert torch.eye(2).tolist() == [[1.0, 0.0], [0.0, 1.0]]
    assert torch.eye(2, 3).shape == (2, 3)
    t = torch.arange(6).reshape(2, 3)
    assert torch.zeros_like(t).tolist() == [[0] * 3] * 2
    assert torch.ones_like(t, dtype=torch.float32).dtype is torch.float32
    assert torch.full_like(t, 4).tolist() == [[4] * 3] * 2
    assert torch.empty_like(input=t).shape == t.shape
    assert t.new_zeros(2).dtype is torch.int64
    assert t.new_full((1,), 3.0).tolist() == [3]
    assert torch.Tensor(2, 3).dtype is torch.float32
    assert torch.Tensor([1, 2]).tolist() == [1.0, 2.0]
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        torch.zeros(2, colour="red")


def test_dtypes():
    assert repr(torch.float32) == "torch.float32" and str(torch.int64) == "torch.int64"
    assert torch.float is torch.float32 and torch.double is torch.float64 and torch.half is torch.float16
    assert torch.long is torch.int64 and torch.int is torch.int32 and torch.short is torch.int16
    assert [repr(d) for d in (torch.bool, torch.uint8, torch.int8, torch.bfloat16)] == \
        ["torch.bool", "torch.uint8", "torch.int8", "torch.bfloat16"]
    assert torch.float16.is_floating_point and not torch.int8.is_floating_point
    assert torch.float64.itemsize == 8 and torch.int8.is_signed and not torch.uint8.is_signed
    assert isinstance(torch.float32, torch.dtype)
    assert pickle.loads(pickle.dumps(torch.float16)) is torch.float16
    assert torch.promote_types(torch.uint8, torch.int8) is torch.int16
    assert torch.result_type(torch.tensor([1]), 2.5) is torch.float32
    assert torch.can_cast(torch.float32, torch.int32) is False
    assert torch.get_default_dtype() is torch.float32
    torch.set_default_dtype(torch.float64)
    try:
        assert torch.tensor([1.5]).dtype is torch.float64
    finally:
        torch.set_default_dtype(torch.float32)


def test_size():
    s = torch.zeros(2, 3).shape
    assert isinstance(s, torch.Size) and isinstance(s, tuple)
    assert repr(s) == "torch.Size([2, 3])" and str(s) == "torch.Size([2, 3])"
    assert repr(torch.tensor(1).shape) == "torch.Size([])"
    assert repr(torch.Size([0])) == "torch.Size([0])"
    assert s == (2, 3) and s[0] == 2 and s[-1] == 3
    assert repr(s[1:]) == "torch.Size([3])"
    assert s.numel() == 6
    assert torch.zeros(s).shape == s
    assert torch.broadcast_shapes((2, 1), (3,)) == (2, 3)
    assert f"{s}" == "torch.Size([2, 3])"


def test_device():
    d = torch.device("cpu")
    assert repr(d) == "device(type='cpu')" and str(d) == "cpu"
    assert repr(torch.device("cuda:1")) == "device(type='cuda', index=1)"
    assert str(torch.device("cuda", 0)) == "cuda:0"
    assert repr(torch.device("mps")) == "device(type='mps')"
    assert torch.zeros(1).device == d == "cpu"
    assert torch.zeros(1, device="cpu").device == torch.device("cpu")
    assert torch.cuda.is_available() is False
    assert torch.cuda.device_count() == 0
    assert torch.backends.mps.is_available() is False and torch.backends.mps.is_built() is False
    assert torch.device("cuda" if torch.cuda.is_available() else "cpu") == d
    with pytest.raises(RuntimeError):
        torch.device("gpu")


def test_moving_to_a_device_this_build_lacks_is_an_error():
    t = torch.zeros(2)
    for target in ("mps", "cuda", torch.device("cuda:0")):
        with pytest.raises(RuntimeError, match="mps|cuda|CUDA|MPS"):
            t.to(device=target)
    with pytest.raises(RuntimeError):
        torch.zeros(2, device="mps")


def test_to_and_type():
    t = torch.tensor([3.0, 2.0, 1.0], dtype=torch.float64)
    assert t.to(dtype=torch.float16).dtype is torch.float16
    assert t.to(torch.int32).dtype is torch.int32
    assert t.to("cpu") is t  # nothing changes: the same object, as PyTorch
    assert t.to(t) is t
    assert t.to("cpu", torch.float32).dtype is torch.float32
    assert t.to(torch.float64, copy=True) is not t
    assert t.type() == "torch.DoubleTensor"
    assert t.type(torch.float32).dtype is torch.float32
    assert t.type("torch.IntTensor").dtype is torch.int32
    assert t.float().dtype is torch.float32 and t.long().dtype is torch.int64 and t.bool().dtype is torch.bool
    assert t.half().dtype is torch.float16 and t.bfloat16().dtype is torch.bfloat16
    assert t.cpu() is t


def test_printing_is_pytorchs():
    assert repr(torch.tensor(7.0)) == "tensor(7.)"
    assert repr(torch.tensor([[7, 8], [8, 9]])) == "tensor([[7, 8],\n        [8, 9]])"
    assert repr(torch.tensor([0.001, 1.5], dtype=torch.float64)) == \
        "tensor([1.0000e-03, 1.5000e+00], dtype=torch.float64)"
    assert repr(torch.zeros(0, 3, dtype=torch.float16)) == "tensor([], size=(0, 3), dtype=torch.float16)"
    assert str(torch.tensor([True])) == "tensor([True])"
    torch.set_printoptions(precision=2)
    try:
        assert repr(torch.tensor([1.23456])) == "tensor([1.23])"
        assert torch.get_printoptions()["precision"] == 2
    finally:
        torch.set_printoptions(profile="default")
    assert math.isclose(torch.get_printoptions()["threshold"], 1000)
