// Advanced indexing: index tensors and masks in Tensor::index / operator[] / index_put_.
// Expected values are PyTorch 1.13's output for the same Python expressions; messages are
// PyTorch 2.x's (int32 indices are accepted there, hence "long, int, byte or bool").
#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

namespace {
Tensor y234() { return arange(24).view({2, 3, 4}); }
}  // namespace

TEST(AdvancedIndex, IndexTensorGathersAlongItsDim) {
  const Tensor y = arange(6).view({2, 3});
  Tensor r = y[{tensor({1, 0, -1})}];
  EXPECT_EQ(shape(r), (I64{3, 3}));
  EXPECT_EQ(values<int64_t>(r), (I64{3, 4, 5, 0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(values<int64_t>(y[{Slice(), tensor({2, 0}, kInt32)}]), (I64{2, 0, 5, 3}));
  // A copy, not a view.
  r.fill_(0);
  EXPECT_EQ(values<int64_t>(y)[0], 0);
  EXPECT_EQ(values<int64_t>(y)[5], 5);
}

TEST(AdvancedIndex, PlacementOfAdvancedDims) {
  const Tensor y = y234();
  // Separated by a slice: broadcast dims first.
  Tensor sep = y[{tensor({{0}, {1}}), Slice(), tensor({3, 0})}];
  EXPECT_EQ(shape(sep), (I64{2, 2, 3}));
  EXPECT_EQ(values<int64_t>(sep), (I64{3, 7, 11, 0, 4, 8, 15, 19, 23, 12, 16, 20}));
  // Adjacent: where they stand.
  Tensor adj = y[{Slice(), tensor({0, 1}), tensor({1, 2})}];
  EXPECT_EQ(shape(adj), (I64{2, 2}));
  EXPECT_EQ(values<int64_t>(adj), (I64{1, 6, 13, 18}));
  // Integers select first (as PyTorch does), so they do not separate index tensors.
  EXPECT_EQ(values<int64_t>(y[{1, tensor({2, -1}), Slice(1, 3)}]), (I64{21, 22, 21, 22}));
  Tensor int3 = y[{tensor({1, 0}), Slice(1, None), 0}];
  EXPECT_EQ(values<int64_t>(int3), (I64{16, 20, 4, 8}));
  Tensor el = y[{Ellipsis, tensor({1, 0})}];
  EXPECT_EQ(shape(el), (I64{2, 3, 2}));
  EXPECT_EQ(values<int64_t>(el)[0], 1);
  EXPECT_EQ(shape(arange(6).view({2, 3})[{None, tensor({1, 0})}]), (I64{1, 2, 3}));
}

TEST(AdvancedIndex, NonContiguousInput) {
  Tensor r = y234().transpose(0, 2)[{tensor({1, 3})}];
  EXPECT_EQ(shape(r), (I64{2, 3, 2}));
  EXPECT_EQ(values<int64_t>(r), (I64{1, 13, 5, 17, 9, 21, 3, 15, 7, 19, 11, 23}));
}

TEST(AdvancedIndex, Masks) {
  const Tensor y = y234();
  Tensor m = y[{tensor({{true, false, true}, {false, false, true}})}];
  EXPECT_EQ(shape(m), (I64{3, 4}));
  EXPECT_EQ(values<int64_t>(m), (I64{0, 1, 2, 3, 8, 9, 10, 11, 20, 21, 22, 23}));
  EXPECT_EQ(shape(y[{tensor({true, false})}]), (I64{1, 3, 4}));
  EXPECT_EQ(values<int64_t>(y[{Slice(), tensor({false, true, true}), tensor({0, 3})}]), (I64{4, 11, 16, 23}));
  const Tensor x = arange(6).view({2, 3});
  EXPECT_EQ(values<int64_t>(x[{x > 2}]), (I64{3, 4, 5}));
  EXPECT_EQ(values<int64_t>(x[{tensor({1, 0}, kUInt8)}]), (I64{0, 1, 2}));
  // 0-dim masks add a dim, kept or emptied.
  EXPECT_EQ(shape(x[{tensor(true)}]), (I64{1, 2, 3}));
  EXPECT_EQ(shape(x[{tensor(false)}]), (I64{0, 2, 3}));
  EXPECT_EQ(values<int64_t>(tensor(5)[{tensor(true)}]), (I64{5}));
}

TEST(AdvancedIndex, ScalarAndEmptyIndexTensors) {
  const Tensor x = arange(6).view({2, 3});
  Tensor s = x[{tensor(1)}];
  EXPECT_EQ(shape(s), (I64{3}));
  EXPECT_EQ(values<int64_t>(s), (I64{3, 4, 5}));
  EXPECT_EQ(values<int64_t>(x[{tensor(1), Slice(1, None)}]), (I64{4, 5}));
  EXPECT_EQ(shape(x[{empty({0}, kInt64)}]), (I64{0, 3}));
  EXPECT_EQ(shape(x[{Slice(), empty({0}, kInt64)}]), (I64{2, 0}));
}

TEST(AdvancedIndex, Errors) {
  const Tensor x = arange(6).view({2, 3});
  EXPECT_CTORCH_ERROR(Index, "index 5 is out of bounds for dimension 0 with size 3", arange(3)[{tensor({5})}]);
  EXPECT_CTORCH_ERROR(Index, "index -4 is out of bounds for dimension 0 with size 3", arange(3)[{tensor({-4})}]);
  EXPECT_CTORCH_ERROR(Index, "index 5 is out of bounds for dimension 0 with size 3", x[{Slice(), tensor({5})}]);
  EXPECT_CTORCH_ERROR(Index,
                      "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3] at "
                      "index 0",
                      arange(3)[{tensor({true, false})}]);
  EXPECT_CTORCH_ERROR(Index,
                      "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [2, 3] at "
                      "index 1",
                      x[{Slice(), tensor({true, false})}]);
  EXPECT_CTORCH_ERROR(Index, "tensors used as indices must be long, int, byte or bool tensors", x[{tensor({0.0})}]);
  EXPECT_CTORCH_ERROR(Index, "tensors used as indices must be long, int, byte or bool tensors",
                      x[{tensor({0}, kInt16)}]);
  EXPECT_CTORCH_ERROR(Index, "shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]",
                      y234()[{tensor({0, 1}), tensor({0, 1, 2})}]);
  EXPECT_CTORCH_ERROR(Index, "too many indices for tensor of dimension 2",
                      x[{tensor({0}), tensor({0}), tensor({0})}]);
  EXPECT_CTORCH_ERROR(Index, "too many indices for tensor of dimension 0", tensor(5)[{tensor(0)}]);
}

TEST(AdvancedIndexPut, AssignsBroadcastValues) {
  Tensor x = arange(6).view({2, 3});
  x.index_put_({tensor({1, 0})}, tensor({7, 8, 9}));
  EXPECT_EQ(values<int64_t>(x), (I64{7, 8, 9, 7, 8, 9}));
  Tensor z = zeros({2, 3});
  z.index_put_({Slice(), tensor({2, 0})}, tensor({1.0, 2.0}, kFloat64));  // converts like Python
  EXPECT_EQ(doubles(z), (D{2, 0, 1, 2, 0, 1}));
  Tensor m = arange(6).view({2, 3});
  m.index_put_({tensor({{true, false, true}, {false, false, true}})}, 0);
  EXPECT_EQ(values<int64_t>(m), (I64{0, 1, 0, 3, 4, 0}));
  Tensor m2 = arange(6).view({2, 3});
  m2.index_put_({tensor({{true, false, true}, {false, false, true}})}, tensor({1, 2, 3}));
  EXPECT_EQ(values<int64_t>(m2), (I64{1, 1, 2, 3, 4, 3}));
  Tensor p = arange(6).view({2, 3});
  p.index_put_({tensor({0, 1})}, tensor({{{1, 2, 3}}}));  // leading 1s dropped, as t[...] = v
  EXPECT_EQ(values<int64_t>(p), (I64{1, 2, 3, 1, 2, 3}));
  Tensor q = arange(6).view({2, 3});
  q.index_put_({1, tensor({2, 0})}, 9);
  EXPECT_EQ(values<int64_t>(q), (I64{0, 1, 2, 9, 4, 9}));
  Tensor r = arange(6).view({2, 3});
  r.index_put_({Slice(), tensor({2, 0})}, tensor({{10}, {20}}));
  EXPECT_EQ(values<int64_t>(r), (I64{10, 1, 10, 20, 4, 20}));
}

TEST(AdvancedIndexPut, WritesThroughViewsAndAccumulates) {
  Tensor base = zeros({3, 2}, kInt64);
  Tensor v = base.t();
  v.index_put_({Slice(), tensor({2})}, tensor({{5}, {6}}));
  EXPECT_EQ(values<int64_t>(base), (I64{0, 0, 0, 0, 5, 6}));
  Tensor z = zeros({3, 3}, kInt64);
  z.index_put_({tensor({0, 0, 2}), tensor({1, 1, 2})}, tensor({5, 6, 7}), /*accumulate=*/true);
  EXPECT_EQ(values<int64_t>(z), (I64{0, 11, 0, 0, 0, 0, 0, 0, 7}));
  Tensor a = arange(6).view({2, 3});
  a.index_put_({tensor({0, 0, 1})}, tensor(1), true);
  EXPECT_EQ(values<int64_t>(a), (I64{2, 3, 4, 4, 5, 6}));
  Tensor d = arange(6).view({2, 3});
  d.index_put_({tensor({0, 0}), tensor({1, 1})}, tensor({5, 6}), false);
  EXPECT_EQ(values<int64_t>(d), (I64{0, 6, 2, 3, 4, 5}));
  // Empty index: nothing written.
  Tensor e = arange(3);
  e.index_put_({empty({0}, kInt64)}, 7);
  EXPECT_EQ(values<int64_t>(e), (I64{0, 1, 2}));
}

TEST(AdvancedIndexPut, ErrorsChangeNothing) {
  Tensor x = arange(6).view({2, 3});
  const I64 before = values<int64_t>(x);
  EXPECT_CTORCH_ERROR(Runtime,
                      "shape mismatch: value tensor of shape [2] cannot be broadcast to indexing result of shape [2, 3]",
                      x.index_put_({tensor({1, 0})}, tensor({7, 8})));
  EXPECT_CTORCH_ERROR(Index, "index 5 is out of bounds for dimension 0 with size 2",
                      x.index_put_({tensor({0, 5})}, tensor(1)));
  EXPECT_CTORCH_ERROR(Index, "index 5 is out of bounds for dimension 0 with size 2",
                      x.index_put_({tensor({0, 5})}, tensor(1), true));
  EXPECT_CTORCH_ERROR(Runtime,
                      "Index put requires the source and destination dtypes match, got Long for the destination "
                      "and Float for the source.",
                      x.index_put_({tensor({0})}, tensor({1.5f, 2.5f, 3.5f}), false));
  EXPECT_CTORCH_ERROR(Runtime,
                      "shape mismatch: value tensor of shape [1, 1, 3] cannot be broadcast to indexing result of "
                      "shape [2, 3]",
                      x.index_put_({tensor({0, 1})}, tensor({{{1, 2, 3}}}), false));
  EXPECT_CTORCH_ERROR(Index, "tensors used as indices must be long, int, byte or bool tensors",
                      x.index_put_({tensor({0.0})}, 1));
  EXPECT_CTORCH_ERROR(Index,
                      "The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3] at "
                      "index 0",
                      x.index_put_({tensor({true, false, true})}, 1));
  EXPECT_EQ(values<int64_t>(x), before);
}
