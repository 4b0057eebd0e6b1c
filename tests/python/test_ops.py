"""Elementwise math, operators with Python numbers on either side, reductions, sorting, matrix
products and joins through the module; expected values computed by hand or with Python's math."""
import math

import pytest

import ctorch as torch


def test_operators_with_numbers_on_either_side():
    t = torch.tensor([1, 2, 3])
    assert (t + 1).tolist() == [2, 3, 4] and (1 + t).tolist() == [2, 3, 4]
    assert (t - 1).tolist() == [0, 1, 2] and (10 - t).tolist() == [9, 8, 7]
    assert (t * 2.5).tolist() == [2.5, 5.0, 7.5] and (2.5 * t).dtype is torch.float32
    assert (t / 2).tolist() == [0.5, 1.0, 1.5] and (6 / t).tolist() == [6.0, 3.0, 2.0]
    assert (t // 2).tolist() == [0, 1, 1] and (7 // t).tolist() == [7, 3, 2]
    assert (t % 2).tolist() == [1, 0, 1] and (7 % t).tolist() == [0, 1, 1]
    assert (t ** 2).tolist() == [1, 4, 9] and (2 ** t).tolist() == [2, 4, 8]
    assert (t & 1).tolist() == [1, 0, 1] and (1 | t).tolist() == [1, 3, 3] and (t ^ 1).tolist() == [0, 3, 2]
    assert (t << 1).tolist() == [2, 4, 6] and (t >> 1).tolist() == [0, 1, 1] and (1 << t).tolist() == [2, 4, 8]
    assert (-t).tolist() == [-1, -2, -3] and (+t) is t and abs(-t).tolist() == [1, 2, 3]
    assert (~torch.tensor([True, False])).tolist() == [False, True]
    assert (t == 2).tolist() == [False, True, False] and (t != 2).tolist() == [True, False, True]
    assert (t < 2).tolist() == [True, False, False] and (2 < t).tolist() == [False, False, True]
    assert (t >= 2).tolist() == [False, True, True] and (t <= 2).tolist() == [True, True, False]
    assert (t == None) is False and (t != "a") is True  # noqa: E711


def test_promotion_follows_pytorch():
    i = torch.tensor([1, 2])
    assert (i + 1.5).dtype is torch.float32
    assert (i + True).dtype is torch.int64
    assert (torch.tensor([1], dtype=torch.uint8) + torch.tensor([1], dtype=torch.int8)).dtype is torch.int16
    assert (torch.tensor([1.0], dtype=torch.float16) * torch.tensor(2.0, dtype=torch.float64)).dtype is torch.float16
    assert (torch.tensor([3.0, 2.0, 1.0], dtype=torch.float64) * torch.tensor([3.0, 2.0, 1.0], dtype=torch.float16)
            ).dtype is torch.float64


def test_in_place_ops_return_the_same_object():
    t = torch.tensor([1.0, 2.0])
    same = t
    t += 1
    assert t is same and t.tolist() == [2.0, 3.0]
    t *= 2
    t -= 1
    t /= 3
    assert t is same and t[0].item() == 1.0
    assert t.add_(1) is t and t.mul_(torch.tensor(2.0)) is t and t.zero_() is t
    assert t.fill_(3) is t and t.tolist() == [3.0, 3.0]
    assert t.add_(1, alpha=2).tolist() == [5.0, 5.0]
    i = torch.tensor([5])
    with pytest.raises(RuntimeError, match="result type Float can't be cast to the desired output type Long"):
        i += 1.5
    assert i.tolist() == [5]


def test_methods_and_functions_agree():
    a = torch.tensor([1.0, 4.0, 9.0])
    b = torch.tensor([2.0, 2.0, 2.0])
    assert torch.add(a, b, alpha=2).tolist() == [5.0, 8.0, 13.0]
    assert a.sub(b).tolist() == torch.sub(a, b).tolist() == [-1.0, 2.0, 7.0]
    assert torch.div(a, b, rounding_mode="floor").tolist() == [0.0, 2.0, 4.0]
    assert a.div(b, rounding_mode="trunc").tolist() == [0.0, 2.0, 4.0]
    assert torch.mul(a, 2).tolist() == torch.multiply(a, 2).tolist() == [2.0, 8.0, 18.0]
    assert torch.pow(2, b).tolist() == [4.0, 4.0, 4.0]
    assert a.sqrt().tolist() == torch.sqrt(a).tolist() == [1.0, 2.0, 3.0]
    assert torch.maximum(a, b).tolist() == [2.0, 4.0, 9.0]
    c = a.clone()
    assert c.sqrt_() is c and c.tolist() == [1.0, 2.0, 3.0]
    for name in ("exp", "log", "sin", "cos", "tanh", "sigmoid", "abs", "neg", "floor", "ceil", "round"):
        got = getattr(torch, name)(a).tolist()
        assert got == getattr(a, name)().tolist()
    assert all(math.isclose(g, math.exp(x), rel_tol=1e-6) for g, x in zip(torch.exp(a).tolist(), [1, 4, 9]))
    assert torch.isnan(torch.tensor([math.nan, 1.0])).tolist() == [True, False]
    assert torch.where(a > 2, a, 0).tolist() == [0.0, 4.0, 9.0]
    assert a.where(a > 2, -1.0).tolist() == [-1.0, 4.0, 9.0]
    assert torch.clamp(a, 2, 5).tolist() == [2.0, 4.0, 5.0] and a.clip(max=3).tolist() == [1.0, 3.0, 3.0]
    assert a.clamp(min=torch.tensor(3.0)).tolist() == [3.0, 4.0, 9.0]
    assert a.masked_fill(a > 3, 0).tolist() == [1.0, 0.0, 0.0]
    assert torch.equal(a, a.clone()) and not torch.equal(a, b)
    assert torch.allclose(a, a + 1e-9) and a.isclose(b).tolist() == [False, False, False]


def test_reductions():
    t = torch.tensor([[1, 5, 3], [4, 2, 6]])
    assert t.sum().item() == 21 and t.sum().dtype is torch.int64
    assert t.sum(0).tolist() == [5, 7, 9] and t.sum(dim=1, keepdim=True).tolist() == [[9], [12]]
    assert torch.sum(t, (0, 1)).item() == 21
    assert t.sum(dtype=torch.float64).dtype is torch.float64
    assert t.prod().item() == 720 and t.prod(1).tolist() == [15, 48]
    f = t.float()
    assert f.mean().item() == 3.5 and f.mean(1).tolist() == [3.0, 4.0]
    assert math.isclose(f.var().item(), 3.5) and math.isclose(f.std(unbiased=False).item(), math.sqrt(35 / 12), rel_tol=1e-6)
    assert math.isclose(f.var(1, correction=0)[0].item(), 8 / 3, rel_tol=1e-6)
    assert t.max().item() == 6 and torch.min(t).item() == 1
    values, indices = t.max(1)
    assert values.tolist() == [5, 6] and indices.tolist() == [1, 2]
    r = t.min(dim=0)
    assert r.values.tolist() == [1, 2, 3] and r.indices.tolist() == [0, 1, 0]
    assert repr(r) == "torch.return_types.min(\nvalues=tensor([1, 2, 3]),\nindices=tensor([0, 1, 0]))"
    assert torch.max(t, torch.tensor(4)).tolist() == [[4, 5, 4], [4, 4, 6]]
    assert t.argmax().item() == 5 and t.argmin(1).tolist() == [0, 1]
    assert t.amax(1).tolist() == [5, 6] and t.amin((0, 1)).item() == 1
    assert (t > 0).all().item() is True and (t > 5).any(1).tolist() == [False, True]
    assert t.cumsum(1).tolist() == [[1, 6, 9], [4, 6, 12]] and t.cumprod(0).tolist() == [[1, 5, 3], [4, 10, 18]]
    with pytest.raises(IndexError, match="Dimension out of range"):
        t.sum(5)


def test_sorting_and_activations():
    t = torch.tensor([3.0, 1.0, 2.0])
    s = t.sort()
    assert s.values.tolist() == [1.0, 2.0, 3.0] and s.indices.tolist() == [1, 2, 0]
    assert torch.sort(t, descending=True).values.tolist() == [3.0, 2.0, 1.0]
    assert t.argsort().tolist() == [1, 2, 0]
    top = torch.topk(t, 2)
    assert top.values.tolist() == [3.0, 2.0] and top.indices.tolist() == [0, 2]
    assert repr(top).startswith("torch.return_types.topk(\nvalues=tensor([3., 2.]),")
    u, inverse, counts = torch.unique(torch.tensor([2, 1, 2]), return_inverse=True, return_counts=True)
    assert u.tolist() == [1, 2] and inverse.tolist() == [1, 0, 1] and counts.tolist() == [1, 2]
    sm = torch.softmax(t, dim=0)
    e = [math.exp(x) for x in (3.0, 1.0, 2.0)]
    assert all(math.isclose(g, x / sum(e), rel_tol=1e-6) for g, x in zip(sm.tolist(), e))
    assert math.isclose(t.logsumexp(0).item(), math.log(sum(e)), rel_tol=1e-6)
    assert math.isclose(t.norm().item(), math.sqrt(14), rel_tol=1e-6) and t.norm(p=1).item() == 6.0
    assert torch.lerp(t, torch.zeros(3), 0.5).tolist() == [1.5, 0.5, 1.0]
    assert torch.nan_to_num(torch.tensor([math.nan, math.inf]), posinf=9.0).tolist() == [0.0, 9.0]


def test_matrix_products():
    a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    b = torch.tensor([[5.0, 6.0], [7.0, 8.0]])
    assert (a @ b).tolist() == [[19.0, 22.0], [43.0, 50.0]]
    assert torch.mm(a, b).tolist() == a.matmul(b).tolist()
    assert torch.mv(a, torch.tensor([1.0, 1.0])).tolist() == [3.0, 7.0]
    assert torch.dot(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])).item() == 11.0
    assert torch.outer(torch.tensor([1, 2]), torch.tensor([3, 4])).tolist() == [[3, 4], [6, 8]]
    assert torch.bmm(a.unsqueeze(0), b.unsqueeze(0)).shape == (1, 2, 2)
    assert torch.addmm(a, a, b, beta=0.5).tolist() == [[19.5, 23.0], [44.5, 52.0]]
    with pytest.raises(RuntimeError):
        a @ torch.ones(3, 3)


def test_views_share_storage():
    t = torch.arange(6)
    v = t.view(2, 3)
    assert v.shape == (2, 3) and v.stride() == (3, 1)
    v[0, 0] = 100
    assert t[0].item() == 100
    assert t.view((3, 2)).shape == (3, 2) and t.reshape(-1, 2).shape == (3, 2)
    m = t.view(2, 3)
    assert m.t().stride() == (1, 3) and not m.t().is_contiguous()
    assert m.T.shape == (3, 2) and m.transpose(0, 1).shape == (3, 2) and m.permute(1, 0).shape == (3, 2)
    assert m.t().contiguous().is_contiguous()
    assert m.unsqueeze(0).shape == (1, 2, 3) and m.unsqueeze(0).squeeze().shape == (2, 3)
    assert m.flatten().shape == (6,) and m.unflatten(1, (3, 1)).shape == (2, 3, 1)
    assert torch.tensor([1, 2]).expand(3, 2).stride() == (0, 1)
    assert m.narrow(1, 1, 2).storage_offset() == 1 and m.select(0, 1).tolist() == [3, 4, 5]
    assert m.diagonal().tolist() == [100, 4]
    assert [x.tolist() for x in m.unbind(0)] == [[100, 1, 2], [3, 4, 5]]
    assert isinstance(m.chunk(2, 1), tuple) and len(m.split(1, 0)) == 2 and len(m.split([1, 2], 1)) == 2
    assert m.movedim(0, 1).shape == (3, 2)
    with pytest.raises(RuntimeError, match="shape '\\[4\\]' is invalid for input of size 6"):
        t.view(4)


def test_joins():
    a = torch.tensor([[1, 2], [3, 4]])
    b = torch.tensor([[5, 6], [7, 8]])
    assert torch.stack([a, b]).shape == (2, 2, 2)
    assert torch.stack((a, b), dim=1).shape == (2, 2, 2)
    assert torch.cat([a, b]).shape == (4, 2) and torch.cat([a, b], dim=1).shape == (2, 4)
    assert torch.vstack([a, b]).shape == (4, 2) and torch.hstack([a, b]).shape == (2, 4)
    with pytest.raises(RuntimeError):
        torch.stack([a, torch.zeros(3)])
