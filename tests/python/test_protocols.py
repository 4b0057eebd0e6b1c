"""Python protocols of ctorch.Tensor: len, iteration, bool/int/float/index, format, hash, contains,
attributes, and the exception types PyTorch raises (semantics.md R15, R18)."""
import copy
import pickle
import operator

import pytest

import ctorch as torch


def test_len_and_iteration():
    t = torch.tensor([[1, 2], [3, 4], [5, 6]])
    assert len(t) == 3
    rows = list(t)
    assert [r.tolist() for r in rows] == [[1, 2], [3, 4], [5, 6]]
    assert [x.item() for x in torch.tensor([7, 8])] == [7, 8]
    assert [r.tolist() for r in reversed(t)][0] == [5, 6]
    with pytest.raises(TypeError, match="^len\\(\\) of a 0-d tensor$"):
        len(torch.tensor(1))
    with pytest.raises(TypeError, match="^iteration over a 0-d tensor$"):
        iter(torch.tensor(1))


def test_python_numbers_out_of_tensors():
    assert bool(torch.tensor([1])) is True and bool(torch.tensor(0.0)) is False
    assert float(torch.tensor([[2.5]])) == 2.5 and int(torch.tensor(2.7)) == 2 and int(torch.tensor(-2.7)) == -2
    assert operator.index(torch.tensor(3)) == 3 and [10, 20, 30][torch.tensor(1)] == 20
    assert isinstance(torch.tensor(True).item(), bool) and isinstance(torch.tensor(1).item(), int)
    assert isinstance(torch.tensor(1.0, dtype=torch.float16).item(), float)
    with pytest.raises(RuntimeError, match="^Boolean value of Tensor with more than one value is ambiguous$"):
        bool(torch.tensor([1, 2]))
    with pytest.raises(RuntimeError, match="^Boolean value of Tensor with no values is ambiguous$"):
        bool(torch.tensor([]))
    with pytest.raises(ValueError, match="^only one element tensors can be converted to Python scalars$"):
        float(torch.tensor([1.0, 2.0]))
    with pytest.raises(RuntimeError, match="^a Tensor with 2 elements cannot be converted to Scalar$"):
        torch.tensor([1, 2]).item()
    with pytest.raises(TypeError, match="only integer tensors of a single element can be converted to an index"):
        operator.index(torch.tensor(1.0))


def test_format_hash_contains_copy():
    assert f"{torch.tensor(7.0)}" == "7.0" and f"{torch.tensor(3):>3}" == "  3"
    assert f"{torch.tensor([1, 2])}" == "tensor([1, 2])"
    t = torch.tensor([1, 2, 3])
    assert hash(t) == hash(t) and len({t, t}) == 1
    assert 2 in t and 5 not in t and torch.tensor(3) in t
    c = copy.deepcopy(t)
    c[0] = 9
    assert t[0].item() == 1
    for original in (torch.tensor([[1.5, 2.0]], dtype=torch.float16), torch.zeros(0, 3), torch.tensor(True)):
        back = pickle.loads(pickle.dumps(original))
        assert back.dtype is original.dtype and back.shape == original.shape and torch.equal(back, original)


def test_attributes():
    t = torch.zeros(2, 3, dtype=torch.float64)
    assert t.ndim == 2 and t.dim() == 2 and t.numel() == 6 and t.nelement() == 6
    assert t.size() == (2, 3) and t.size(1) == 3 and t.size(-1) == 3
    assert t.stride() == (3, 1) and t.stride(0) == 3 and t.storage_offset() == 0
    assert t.element_size() == 8 and t.itemsize == 8 and t.nbytes == 48
    assert t.is_contiguous() and t.is_floating_point() and not t.is_cuda and t.is_cpu
    assert t.requires_grad is False
    t.requires_grad = True
    assert t.requires_grad and t.requires_grad_(False) is t and not t.requires_grad
    assert isinstance(t, torch.Tensor) and torch.is_tensor(t) and not torch.is_tensor([1])
    assert type(t).__module__ == "ctorch" and type(t).__name__ == "Tensor"
    assert t.data_ptr() != 0


def test_errors_never_crash():
    t = torch.zeros(2)
    with pytest.raises(TypeError):
        t + "a"
    with pytest.raises(TypeError):
        torch.zeros("a")
    with pytest.raises(TypeError):
        t.view(dtype=torch.float32)
    with pytest.raises(TypeError, match="~ \\(operator.invert\\) is only implemented on integer and Boolean-type tensors"):
        ~t
    with pytest.raises(RuntimeError, match="expand"):
        torch.zeros(2, 3).expand(4)
    with pytest.raises(TypeError, match="must be Tensor or Number"):
        torch.Tensor.add(torch.zeros(1), object())
