"""t[...] and t[...] = v through the module, checked against NumPy's indexing (the same rules for
ints, slices with steps, None, ..., bool masks and integer arrays), and the indexing ops."""
import numpy as np
import pytest

import ctorch as torch

BASE = np.arange(2 * 3 * 4).reshape(2, 3, 4)

INDICES = [
    1, -1, (0, 1), (1, -1, 2), slice(None), slice(1, 3), (slice(None), slice(None, None, 2)),
    (Ellipsis, 1), (None, 0), (0, None, Ellipsis, None), (slice(None), slice(3, 0, 1)),
    (slice(-5, 10, 3),), (1, slice(None), slice(1, None, 2)), Ellipsis, (), (Ellipsis, None),
    [0, 1, 1], ([0, 1], [2, 0]), (slice(None), [2, 0]), (0, [1, 2], [3, 0]),
    ([[0, 1], [1, 0]],), (slice(None), [0, 2], slice(1, 3)), ([0, 1], slice(None), [1, 3]),
]


@pytest.mark.parametrize("index", INDICES, ids=repr)
def test_getitem_matches_numpy(index):
    t = torch.from_numpy(BASE.copy())
    got = t[index]
    want = BASE[index]
    assert got.shape == want.shape
    assert got.tolist() == want.tolist()


def test_basic_indexing_gives_views():
    t = torch.arange(12).reshape(3, 4)
    v = t[1:3, ::2]
    assert v.stride() == (4, 2) and v.storage_offset() == 4
    v[0, 0] = -1
    assert t[1, 0].item() == -1


def test_masks_and_index_tensors():
    t = torch.tensor([[1, -2], [-3, 4]])
    assert t[t > 0].tolist() == [1, 4]
    assert t[torch.tensor([True, False])].tolist() == [[1, -2]]
    assert t[[True, False]].tolist() == [[1, -2]]
    assert t[torch.tensor([1, 0])].tolist() == [[-3, 4], [1, -2]]
    assert t[torch.tensor(1)].tolist() == [-3, 4]
    assert t[True].shape == (1, 2, 2) and t[False].shape == (0, 2, 2)
    assert t[np.array([1])].tolist() == [[-3, 4]]
    assert t[np.int64(1), np.int32(0)].item() == -3


@pytest.mark.parametrize("index, value", [
    (0, 9), ((1, 2), -1), (slice(None, None, 2), 7), ((Ellipsis, 0), 5.5), ([0, 1], 3),
    ((slice(None), [0, 2]), 2), (None, 1),
])
def test_setitem_matches_numpy(index, value):
    t = torch.from_numpy(BASE.astype(np.float64))
    want = BASE.astype(np.float64)
    t[index] = value
    want[index] = value
    assert t.tolist() == want.tolist()


def test_setitem_with_tensors_and_masks():
    t = torch.zeros(2, 3)
    t[0] = torch.tensor([1.0, 2.0, 3.0])
    t[1, :] = torch.tensor(7)  # broadcast
    assert t.tolist() == [[1.0, 2.0, 3.0], [7.0, 7.0, 7.0]]
    t[t > 2] = 0
    assert t.tolist() == [[1.0, 2.0, 0.0], [0.0, 0.0, 0.0]]
    t[:, 0] = torch.tensor([[5, 6]])  # leading 1s of the value dropped, dtype converted
    assert t[:, 0].tolist() == [5.0, 6.0]
    i = torch.zeros(3, dtype=torch.int64)
    i[torch.tensor([0, 2])] = torch.tensor([1.9, 2.9])
    assert i.tolist() == [1, 0, 2]
    with pytest.raises(TypeError, match="can't assign a str"):
        t[0] = "a"


def test_index_errors_are_pytorchs():
    t = torch.zeros(2, 3)
    with pytest.raises(IndexError, match="^index 5 is out of bounds for dimension 0 with size 2$"):
        t[5]
    with pytest.raises(IndexError, match="^too many indices for tensor of dimension 2$"):
        t[0, 0, 0]
    with pytest.raises(IndexError, match="invalid index of a 0-dim tensor"):
        torch.tensor(1)[0]
    with pytest.raises(ValueError, match="step must be greater than zero"):
        t[::-1]
    with pytest.raises(IndexError, match="single ellipsis"):
        t[..., ...]
    with pytest.raises(IndexError, match="tensors used as indices must be long, int, byte or bool tensors"):
        t[torch.tensor([0.0])]
    with pytest.raises(IndexError):
        t["a"]


def test_indexing_ops():
    t = torch.tensor([[1, 2, 3], [4, 5, 6]])
    idx = torch.tensor([2, 0])
    assert t.index_select(1, idx).tolist() == [[3, 1], [6, 4]]
    assert torch.gather(t, 1, torch.tensor([[0], [2]])).tolist() == [[1], [6]]
    assert torch.zeros(3).scatter(0, torch.tensor([2]), 5.0).tolist() == [0.0, 0.0, 5.0]
    z = torch.zeros(3, dtype=torch.int64)
    assert z.scatter_add_(0, torch.tensor([1, 1]), torch.tensor([2, 3])) is z and z.tolist() == [0, 5, 0]
    assert t.masked_select(t > 3).tolist() == [4, 5, 6]
    assert t.nonzero().shape == (6, 2) and len(torch.nonzero(t, as_tuple=True)) == 2
    assert t.take(torch.tensor([0, 5])).tolist() == [1, 6]
    assert t.flip(0).tolist() == [[4, 5, 6], [1, 2, 3]] and t.flip((0, 1))[0].tolist() == [6, 5, 4]
    assert torch.roll(t, 1, 1).tolist() == [[3, 1, 2], [6, 4, 5]]
    assert t.repeat(2, 1).shape == (4, 3) and torch.tile(t, (2,)).shape == (2, 6)
    a = torch.zeros(3)
    a.index_put_((torch.tensor([0, 0]),), torch.tensor([1.0, 2.0]), accumulate=True)
    assert a.tolist() == [3.0, 0.0, 0.0]
