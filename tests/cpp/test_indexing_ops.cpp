// index_select, gather, scatter, scatter_add, masked_select, nonzero, take, flip, roll, repeat,
// tile. Expected values are PyTorch 1.13's output for the same calls; messages are PyTorch's.
#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

namespace {
Tensor x34() { return arange(12).view({3, 4}); }
}  // namespace

TEST(IndexSelect, RowsOfATransposedView) {
  Tensor r = index_select(x34().t(), 0, tensor({3, 0, 3}));
  EXPECT_EQ(shape(r), (I64{3, 3}));
  EXPECT_EQ(values<int64_t>(r), (I64{3, 7, 11, 0, 4, 8, 3, 7, 11}));
  EXPECT_EQ(values<int64_t>(x34().index_select(-1, tensor({2, 0}, kInt32))),
            (I64{2, 0, 6, 4, 10, 8}));
}

TEST(IndexSelect, EmptyAndScalarIndex) {
  EXPECT_EQ(shape(index_select(x34(), 1, empty({0}, kInt64))), (I64{3, 0}));
  Tensor r = index_select(x34(), 1, tensor(1));
  EXPECT_EQ(shape(r), (I64{3, 1}));
  EXPECT_EQ(values<int64_t>(r), (I64{1, 5, 9}));
  Tensor s = index_select(tensor(5), 0, tensor({0}));
  EXPECT_EQ(s.dim(), 0);
  EXPECT_EQ(s.item<int64_t>(), 5);
}

TEST(IndexSelect, Errors) {
  const Tensor x = arange(6).view({2, 3});
  EXPECT_CTORCH_ERROR(Index, "index out of range in self", index_select(x, 0, tensor({2})));
  EXPECT_CTORCH_ERROR(Index, "index out of range in self", index_select(x, 0, tensor({-1})));
  EXPECT_CTORCH_ERROR(Runtime, "index_select(): Expected dtype int32 or int64 for index",
                      index_select(x, 0, tensor({0.0})));
  EXPECT_CTORCH_ERROR(Index, "index_select(): Index is supposed to be a vector",
                      index_select(x, 0, tensor({{0}})));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                      index_select(x, 2, tensor({0})));
  EXPECT_CTORCH_ERROR(Index, "index out of range in self", index_select(tensor(5), 0, tensor({1})));
}

TEST(Gather, ValuesAndViews) {
  Tensor r = gather(x34(), 1, tensor({{3, 0}, {1, 1}, {2, 0}}));
  EXPECT_EQ(shape(r), (I64{3, 2}));
  EXPECT_EQ(values<int64_t>(r), (I64{3, 0, 5, 5, 10, 8}));
  EXPECT_EQ(values<int64_t>(x34().t().gather(0, tensor({{2, 0, 1}}))), (I64{2, 4, 9}));
  EXPECT_EQ(shape(gather(x34(), 0, empty({0, 2}, kInt64))), (I64{0, 2}));
}

TEST(Gather, Errors) {
  const Tensor x = arange(6).view({2, 3});
  EXPECT_CTORCH_ERROR(Runtime, "index 3 is out of bounds for dimension 1 with size 3", gather(x, 1, tensor({{3}})));
  EXPECT_CTORCH_ERROR(Runtime, "index -1 is out of bounds for dimension 1 with size 3", gather(x, 1, tensor({{-1}})));
  EXPECT_CTORCH_ERROR(Runtime, "gather(): Expected dtype int64 for index", gather(x, 1, tensor({{0}}, kInt32)));
  EXPECT_CTORCH_ERROR(Runtime, "Index tensor must have the same number of dimensions as input tensor",
                      gather(x, 1, tensor({0})));
  EXPECT_CTORCH_ERROR(Runtime,
                      "Size does not match at dimension 0 expected index [3, 1] to be no larger than self "
                      "[2, 3] apart from dimension 1",
                      gather(x, 1, tensor({{0}, {0}, {0}})));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                      gather(x, 2, tensor({{0}})));
}

TEST(Scatter, SrcValueAndAdd) {
  Tensor z = zeros({3, 4}, kInt64);
  Tensor& r = z.scatter_(0, tensor({{2, 0, 1, 0}}), tensor({{1, 2, 3, 4}, {5, 6, 7, 8}}));
  EXPECT_TRUE(r.is_same(z));
  EXPECT_EQ(values<int64_t>(z), (I64{0, 2, 0, 4, 0, 0, 3, 0, 1, 0, 0, 0}));
  Tensor a = scatter_add(zeros({3, 4}, kInt64), 1, tensor({{0, 0, 3}, {1, 1, 1}}), tensor({{1, 2, 3}, {4, 5, 6}}));
  EXPECT_EQ(values<int64_t>(a), (I64{3, 0, 0, 3, 0, 15, 0, 0, 0, 0, 0, 0}));
  Tensor f = zeros({2, 3}).scatter(1, tensor({{2}, {0}}), 1.5);
  EXPECT_EQ(doubles(f), (D{0, 0, 1.5, 1.5, 0, 0}));
  // In place through a transposed view writes the base.
  Tensor base = zeros({3, 2}, kInt64);
  Tensor v = base.t();
  v.scatter_(1, tensor({{2}, {0}}), tensor({{7}, {8}}));
  EXPECT_EQ(values<int64_t>(base), (I64{0, 8, 0, 0, 7, 0}));
  // Out of place leaves self alone; an empty index changes nothing.
  Tensor s = x34();
  Tensor o = scatter(s, 0, tensor({{1}}), tensor({{100}}));
  EXPECT_EQ(values<int64_t>(o)[4], 100);
  EXPECT_EQ(values<int64_t>(s)[4], 4);
  EXPECT_EQ(values<int64_t>(scatter(s, 0, empty({0}, kInt64), tensor({1}))), values<int64_t>(s));
}

TEST(Scatter, ErrorsChangeNothing) {
  Tensor x = arange(6).view({2, 3});
  const I64 before = values<int64_t>(x);
  EXPECT_CTORCH_ERROR(Runtime, "index 3 is out of bounds for dimension 1 with size 3",
                      x.scatter_(1, tensor({{0, 3}}), tensor({{9, 9}})));
  EXPECT_CTORCH_ERROR(Runtime, "index -1 is out of bounds for dimension 1 with size 3",
                      x.scatter_(1, tensor({{-1}}), tensor({{9}})));
  EXPECT_CTORCH_ERROR(Runtime, "scatter(): Expected self.dtype to be equal to src.dtype",
                      x.scatter_(1, tensor({{0}}), tensor({{9.0}})));
  EXPECT_CTORCH_ERROR(Runtime, "scatter(): Expected dtype int64 for index",
                      x.scatter_(1, tensor({{0}}, kInt32), tensor({{9}})));
  EXPECT_CTORCH_ERROR(Runtime, "Index tensor must have the same number of dimensions as self tensor",
                      x.scatter_(1, tensor({0}), tensor({{9}})));
  EXPECT_CTORCH_ERROR(Runtime,
                      "Expected index [3, 1] to be no larger than self [2, 3] apart from dimension 1 and to "
                      "be no larger size than src [3, 1]",
                      x.scatter_(1, tensor({{0}, {0}, {0}}), tensor({{9}, {9}, {9}})));
  EXPECT_CTORCH_ERROR(Runtime,
                      "Expected index [1, 2] to be no larger than self [2, 3] apart from dimension 1 and to "
                      "be no larger size than src [1, 1]",
                      x.scatter_(1, tensor({{0, 1}}), tensor({{9}})));
  EXPECT_CTORCH_ERROR(Runtime, "Expected index [3, 1] to be no larger than self [2, 3] apart from dimension 1",
                      x.scatter_(1, tensor({{0}, {0}, {0}}), 9));
  EXPECT_CTORCH_ERROR(Runtime, "index 5 is out of bounds for dimension 1 with size 3",
                      x.scatter_add_(1, tensor({{0, 5}}), tensor({{9, 9}})));
  EXPECT_CTORCH_ERROR(Runtime, "scatter(): Expected self.dtype to be equal to src.dtype",
                      x.scatter_add_(1, tensor({{0}}), tensor({{9.0}})));
  EXPECT_EQ(values<int64_t>(x), before);
}

TEST(MaskedSelect, BroadcastAndViews) {
  const Tensor x = x34();
  EXPECT_EQ(values<int64_t>(masked_select(x, (x % 3) == 0)), (I64{0, 3, 6, 9}));
  EXPECT_EQ(values<int64_t>(x.t().masked_select(tensor({true, false, true}))), (I64{0, 8, 1, 9, 2, 10, 3, 11}));
  EXPECT_EQ(values<int64_t>(masked_select(tensor({1, 2, 3}), tensor({{true}, {false}}))), (I64{1, 2, 3}));
  EXPECT_EQ(shape(masked_select(x, zeros({3, 4}, kBool))), (I64{0}));
  EXPECT_CTORCH_ERROR(Runtime, "masked_select: expected BoolTensor for mask", masked_select(x, tensor({1, 0, 1, 0})));
  EXPECT_CTORCH_ERROR(Runtime, "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1",
                      masked_select(arange(6).view({2, 3}), tensor({true, false})));
}

TEST(Nonzero, ValuesShapesAndNaN) {
  Tensor n = nonzero(tensor({{0.0, 1.5, 0.0}, {std::nan(""), 0.0, -1.0}}));
  EXPECT_EQ(n.dtype(), kInt64);
  EXPECT_EQ(shape(n), (I64{3, 2}));
  EXPECT_EQ(values<int64_t>(n), (I64{0, 1, 1, 0, 1, 2}));
  EXPECT_EQ(values<int64_t>(x34().t().nonzero()).size(), 22u);
  EXPECT_EQ(values<int64_t>(x34().t().nonzero()).front(), 0);  // (0, 1) is 4: first nonzero
  EXPECT_EQ(shape(nonzero(tensor(5))), (I64{1, 0}));
  EXPECT_EQ(shape(nonzero(tensor(0))), (I64{0, 0}));
  EXPECT_EQ(shape(nonzero(zeros({2, 0, 3}))), (I64{0, 3}));
  EXPECT_EQ(values<int64_t>(nonzero(tensor({false, true, true}))), (I64{1, 2}));
}

TEST(Take, ValuesAndErrors) {
  const Tensor x = tensor({{1, 2}, {3, 4}});
  Tensor r = take(x.t(), tensor({{-1, 0}, {1, 1}}));
  EXPECT_EQ(shape(r), (I64{2, 2}));
  EXPECT_EQ(values<int64_t>(r), (I64{4, 1, 3, 3}));
  EXPECT_EQ(shape(take(x, empty({0}, kInt64))), (I64{0}));
  const Tensor y = arange(6).view({2, 3});
  EXPECT_CTORCH_ERROR(Index, "out of range: tried to access index 6 on a tensor of 6 elements.", take(y, tensor({6})));
  EXPECT_CTORCH_ERROR(Index, "out of range: tried to access index -7 on a tensor of 6 elements.", take(y, tensor({-7})));
  EXPECT_CTORCH_ERROR(Runtime, "take(): Expected a long tensor for index, but got Float", take(y, tensor({0.0f})));
  EXPECT_CTORCH_ERROR(Runtime, "take(): Expected a long tensor for index, but got Int", take(y, tensor({0}, kInt32)));
  EXPECT_CTORCH_ERROR(Index, "take(): tried to take from an empty tensor", take(zeros({0}), tensor({0})));
}

TEST(Flip, ValuesAndErrors) {
  EXPECT_EQ(values<int64_t>(flip(x34(), {0, 1})), (I64{11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}));
  EXPECT_EQ(values<int64_t>(x34().t().flip({1})), (I64{8, 4, 0, 9, 5, 1, 10, 6, 2, 11, 7, 3}));
  EXPECT_EQ(values<int64_t>(flip(x34(), {-1})), (I64{3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8}));
  EXPECT_EQ(values<int64_t>(flip(x34(), IntArrayRef{})), values<int64_t>(x34()));
  EXPECT_EQ(flip(tensor(3), {0}).item<int64_t>(), 3);
  EXPECT_CTORCH_ERROR(Runtime, "dim 0 appears multiple times in the list of dims", flip(x34(), {0, -2}));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)", flip(x34(), {2}));
}

// nonzero's result is stored column-major as PyTorch's (strides (1, n)); as a tuple, a zero-dim
// tensor counts as 1-D.
TEST(Nonzero, LayoutAndTuples) {
  const Tensor nz = ctorch::tensor({{0, 1}, {2, 0}, {3, 4}}).nonzero();
  EXPECT_EQ(shape(nz), (I64{4, 2}));
  EXPECT_EQ(strides(nz), (I64{1, 4}));
  EXPECT_EQ(values<int64_t>(nz), (I64{0, 1, 1, 0, 2, 0, 2, 1}));
  const auto five = ctorch::nonzero_numpy(ctorch::tensor(5));
  ASSERT_EQ(five.size(), 1u);
  EXPECT_EQ(values<int64_t>(five[0]), (I64{0}));
  const auto zero = ctorch::nonzero_numpy(ctorch::tensor(0));
  ASSERT_EQ(zero.size(), 1u);
  EXPECT_EQ(shape(zero[0]), (I64{0}));
}

// index_select's bad indices in PyTorch 2.15's words: its dim-1 kernel, and its check of an empty
// tensor, say "INDICES element is out of DATA bounds" (RuntimeError); otherwise IndexError.
TEST(IndexSelect, BadIndexMessages) {
  const Tensor idx = ctorch::tensor({int64_t{2}, int64_t{-1}});
  EXPECT_CTORCH_ERROR(Runtime, "INDICES element is out of DATA bounds, id=2 axis_dim=2",
                      ctorch::zeros({2, 0}).index_select(0, idx));
  EXPECT_CTORCH_ERROR(Runtime, "INDICES element is out of DATA bounds, id=-1 axis_dim=3",
                      ctorch::zeros({2, 3}).index_select(1, idx));
  EXPECT_CTORCH_ERROR(Index, "index out of range in self", ctorch::zeros({2, 3}).index_select(0, idx));
  EXPECT_CTORCH_ERROR(Runtime, "index_select(): self indexing axis dim should be positive",
                      ctorch::zeros({0, 3}).index_select(0, idx));
}

// A zero-dim tensor rolls as a whole, but has no dim to roll along (PyTorch 2.15's IndexError).
TEST(Roll, ZeroDim) {
  const Tensor z = ctorch::tensor(2.5);
  EXPECT_EQ(doubles(ctorch::roll(z, {1}, {})), D{2.5});
  EXPECT_CTORCH_ERROR(Index, "Dimension specified as 0 but tensor has no dimensions", ctorch::roll(z, {1}, {0}));
  EXPECT_CTORCH_ERROR(Index, "Dimension specified as -1 but tensor has no dimensions", ctorch::roll(z, {1}, {-1}));
}

TEST(Roll, ValuesAndErrors) {
  EXPECT_EQ(values<int64_t>(roll(x34(), {1})), (I64{11, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(values<int64_t>(roll(x34(), {1, -1}, {0, 1})), (I64{9, 10, 11, 8, 1, 2, 3, 0, 5, 6, 7, 4}));
  EXPECT_EQ(values<int64_t>(x34().roll({5}, {1})), (I64{3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10}));
  EXPECT_EQ(values<int64_t>(x34().t().roll({1}, {0})), values<int64_t>(x34().t().index_select(0, tensor({3, 0, 1, 2}))));
  EXPECT_CTORCH_ERROR(Runtime, "shifts and dimensions must align. shifts: 2, dims:1", roll(x34(), {1, 2}, {0}));
  EXPECT_CTORCH_ERROR(Runtime, "shifts and dimensions must align. shifts: 2, dims:0", roll(x34(), {1, 2}));
  EXPECT_CTORCH_ERROR(Runtime, "`shifts` required", roll(x34(), IntArrayRef{}, IntArrayRef{}));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)", roll(x34(), {1}, {2}));
}

TEST(Repeat, ValuesShapesAndErrors) {
  EXPECT_EQ(values<int64_t>(tensor({1, 2, 3}).repeat({2, 2})), (I64{1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3}));
  Tensor r = x34().index({Slice(), Slice(None, 2)}).t().repeat({1, 2});
  EXPECT_EQ(shape(r), (I64{2, 6}));
  EXPECT_EQ(values<int64_t>(r), (I64{0, 4, 8, 0, 4, 8, 1, 5, 9, 1, 5, 9}));
  EXPECT_EQ(shape(arange(6).view({2, 3}).repeat({2, 0})), (I64{4, 0}));
  EXPECT_EQ(shape(tensor(7).repeat({2, 3})), (I64{2, 3}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
                      arange(6).view({2, 3}).repeat({2}));
  EXPECT_CTORCH_ERROR(Runtime, "Trying to create tensor with negative dimension -3: [4, -3]",
                      arange(6).view({2, 3}).repeat({2, -1}));
}

TEST(Tile, PadsWithOnes) {
  EXPECT_EQ(values<int64_t>(tensor({{1, 2}}).tile({2})), (I64{1, 2, 1, 2}));
  EXPECT_EQ(shape(tensor({1, 2}).tile({2, 2})), (I64{2, 4}));
  EXPECT_EQ(values<int64_t>(tile(arange(6).view({2, 3}), {2})), (I64{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}));
  EXPECT_CTORCH_ERROR(Runtime, "Trying to create tensor with negative dimension -3: [2, -3]",
                      tile(arange(6).view({2, 3}), {-1}));
}
