// Tests for joining tensors (semantics.md R14.1-R14.3): cat / stack / vstack / hstack shapes,
// values, dtype promotion (incl. the legacy rule that skips shape-[0] members) and every error
// text.
#include <vector>

#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

namespace {
Tensor m(int64_t rows, int64_t cols, int64_t start = 0) {
  return arange(start, start + rows * cols).view({rows, cols});
}
}  // namespace

// ---- cat ---------------------------------------------------------------------------------------

TEST(Cat, AlongDim0And1) {
  Tensor a = m(2, 3);      // [[0,1,2],[3,4,5]]
  Tensor b = m(1, 3, 10);  // [[10,11,12]]
  Tensor c = cat({a, b});
  EXPECT_EQ(shape(c), (I64{3, 3}));
  EXPECT_EQ(c.dtype(), kInt64);
  EXPECT_TRUE(c.is_contiguous());
  EXPECT_EQ(values<int64_t>(c), (I64{0, 1, 2, 3, 4, 5, 10, 11, 12}));
  EXPECT_FALSE(c.storage() == a.storage());

  Tensor d = cat({a, m(2, 2, 20)}, 1);
  EXPECT_EQ(shape(d), (I64{2, 5}));
  EXPECT_EQ(strides(d), (I64{5, 1}));
  EXPECT_EQ(values<int64_t>(d), (I64{0, 1, 2, 20, 21, 3, 4, 5, 22, 23}));

  Tensor e = cat({a, m(2, 2, 20)}, -1);  // negative dim wraps
  EXPECT_EQ(values<int64_t>(e), values<int64_t>(d));
  EXPECT_EQ(shape(cat({a, b}, -2)), (I64{3, 3}));

  Tensor one = cat({a});
  EXPECT_EQ(values<int64_t>(one), values<int64_t>(a));
}

TEST(Cat, ThreeDAndNonContiguousInputs) {
  Tensor a = arange(8).view({2, 2, 2});
  Tensor b = arange(8, 12).view({2, 1, 2});
  Tensor c = cat({a, b}, 1);
  EXPECT_EQ(shape(c), (I64{2, 3, 2}));
  EXPECT_EQ(values<int64_t>(c), (I64{0, 1, 2, 3, 8, 9, 4, 5, 6, 7, 10, 11}));

  Tensor t = m(2, 3).t();  // [[0,3],[1,4],[2,5]]
  Tensor d = cat({t, t.slice(0, 1)});
  EXPECT_EQ(shape(d), (I64{5, 2}));
  EXPECT_TRUE(d.is_contiguous());
  EXPECT_EQ(values<int64_t>(d), (I64{0, 3, 1, 4, 2, 5, 1, 4, 2, 5}));

  Tensor e = cat({zeros({2}).expand({2, 2}), ones({1, 2})});
  EXPECT_EQ(values<float>(e), (F32{0, 0, 0, 0, 1, 1}));
}

TEST(Cat, ZeroSizeMembers) {
  EXPECT_EQ(shape(cat({zeros({0, 3}), zeros({2, 3})})), (I64{2, 3}));
  EXPECT_EQ(shape(cat({zeros({2, 0}), zeros({2, 3})}, 1)), (I64{2, 3}));
  EXPECT_EQ(shape(cat({zeros({0}), zeros({0})})), I64{0});
}

TEST(Cat, Promotion) {
  Tensor b = cat({zeros({2}, kBool), tensor({3, 4}, kUInt8)});
  EXPECT_EQ(b.dtype(), kUInt8);
  EXPECT_EQ(values<uint8_t>(b), (std::vector<uint8_t>{0, 0, 3, 4}));

  Tensor f = cat({tensor({1, 2}, kInt32), tensor({2.5f})});
  EXPECT_EQ(f.dtype(), kFloat32);
  EXPECT_EQ(values<float>(f), (F32{1, 2, 2.5f}));

  EXPECT_EQ(cat({zeros({1}, kUInt8), zeros({1}, kInt8)}).dtype(), kInt16);
  EXPECT_EQ(cat({zeros({1}, kInt64), zeros({1}, kFloat16)}).dtype(), kFloat16);
  EXPECT_EQ(cat({zeros({1}, kFloat16), zeros({1}, kBFloat16)}).dtype(), kFloat32);
  Tensor l = cat({zeros({2}, kBool), tensor({3, 4})});
  EXPECT_EQ(l.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(l), (I64{0, 0, 3, 4}));

  // Values convert exactly as R8 says: int8 -1 stays -1 in int16.
  Tensor s = cat({tensor({255}, kUInt8), tensor({-1}, kInt8)});
  EXPECT_EQ(values<int16_t>(s), (std::vector<int16_t>{255, -1}));
}

TEST(Cat, LegacyEmptyMemberIsSkippedForShapesButPromotes) {
  Tensor c = cat({zeros({2, 3}, kInt32), zeros({0}, kFloat32)});
  EXPECT_EQ(c.dtype(), kFloat32);
  EXPECT_EQ(shape(c), (I64{2, 3}));

  // The dim wraps against the first non-skipped member ([2, 3]), so dim 1 / -1 are valid.
  Tensor d = cat({zeros({0}), ones({2, 3})}, 1);
  EXPECT_EQ(shape(d), (I64{2, 3}));
  EXPECT_EQ(values<float>(d), F32(6, 1.0f));
  EXPECT_EQ(shape(cat({zeros({0}), ones({2, 3})}, -1)), (I64{2, 3}));
  EXPECT_EQ(shape(cat({ones({2, 3}), zeros({0})}, 1)), (I64{2, 3}));
}

TEST(Cat, Errors) {
  EXPECT_CTORCH_ERROR(Value, "torch.cat(): expected a non-empty list of Tensors", cat({}));
  EXPECT_CTORCH_ERROR(Runtime, "zero-dimensional tensor (at position 0) cannot be concatenated",
                      cat({tensor(1.0)}));
  EXPECT_CTORCH_ERROR(Runtime, "zero-dimensional tensor (at position 1) cannot be concatenated",
                      cat({zeros({2}), tensor(1.0)}));
  EXPECT_CTORCH_ERROR(Runtime, "Tensors must have same number of dimensions: got 2 and 1",
                      cat({zeros({2, 3}), zeros({3})}));
  EXPECT_CTORCH_ERROR(Runtime, "Tensors must have same number of dimensions: got 2 and 3",
                      cat({zeros({2, 3}), zeros({2, 3, 1})}));
  EXPECT_CTORCH_ERROR(Runtime, "Tensors must have same number of dimensions: got 2 and 1",
                      cat({zeros({0}), zeros({2, 3}), zeros({3})}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "Sizes of tensors must match except in dimension 0. Expected size 3 but got size "
                      "4 for tensor number 1 in the list.",
                      cat({zeros({2, 3}), zeros({2, 4})}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "Sizes of tensors must match except in dimension 0. Expected size 3 but got size "
                      "4 for tensor number 2 in the list.",
                      cat({zeros({2, 3}), zeros({2, 3}), zeros({2, 4})}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "Sizes of tensors must match except in dimension 1. Expected size 2 but got size "
                      "3 for tensor number 1 in the list.",
                      cat({zeros({2, 3}), zeros({3, 4})}, 1));
  EXPECT_CTORCH_ERROR(Runtime,
                      "Sizes of tensors must match except in dimension 1. Expected size 2 but got size "
                      "3 for tensor number 1 in the list.",
                      cat({zeros({2, 0}), zeros({3, 3})}, 1));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                      cat({zeros({2, 3}), zeros({2, 4})}, 2));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got -3)",
                      cat({zeros({2, 3}), zeros({2, 4})}, -3));
}

// ---- stack -------------------------------------------------------------------------------------

TEST(Stack, ShapesAndValues) {
  Tensor a = m(2, 3);
  Tensor b = m(2, 3, 10);
  Tensor s0 = stack({a, b});
  EXPECT_EQ(shape(s0), (I64{2, 2, 3}));
  EXPECT_TRUE(s0.is_contiguous());
  EXPECT_EQ(values<int64_t>(s0), (I64{0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15}));

  Tensor s1 = stack({a, b}, 1);
  EXPECT_EQ(shape(s1), (I64{2, 2, 3}));
  EXPECT_EQ(values<int64_t>(s1), (I64{0, 1, 2, 10, 11, 12, 3, 4, 5, 13, 14, 15}));

  Tensor s2 = stack({a, b}, 2);
  EXPECT_EQ(shape(s2), (I64{2, 3, 2}));
  EXPECT_EQ(values<int64_t>(s2), (I64{0, 10, 1, 11, 2, 12, 3, 13, 4, 14, 5, 15}));

  Tensor sm1 = stack({a, b}, -1);  // dims run over [-(n+1), n]
  EXPECT_EQ(values<int64_t>(sm1), values<int64_t>(s2));
  EXPECT_EQ(shape(stack({a, b}, -3)), (I64{2, 2, 3}));

  Tensor v = stack({zeros({2}), ones({2})}, 1);
  EXPECT_EQ(shape(v), (I64{2, 2}));
  EXPECT_EQ(strides(v), (I64{2, 1}));
  EXPECT_EQ(values<float>(v), (F32{0, 1, 0, 1}));

  Tensor nc = stack({a.t(), b.t()});  // non-contiguous members
  EXPECT_EQ(shape(nc), (I64{2, 3, 2}));
  EXPECT_EQ(values<int64_t>(nc), (I64{0, 3, 1, 4, 2, 5, 10, 13, 11, 14, 12, 15}));
}

TEST(Stack, ZeroDimMembersAndPromotion) {
  Tensor s = stack({tensor(1), tensor(2.5)});
  EXPECT_EQ(shape(s), I64{2});
  EXPECT_EQ(s.dtype(), kFloat32);
  EXPECT_EQ(values<float>(s), (F32{1, 2.5f}));
  EXPECT_EQ(stack({tensor(1, kUInt8), tensor(2, kInt8)}).dtype(), kInt16);
  EXPECT_EQ(stack({zeros({2}, kBool), zeros({2}, kUInt8)}).dtype(), kUInt8);
  EXPECT_EQ(stack({zeros({2}, kInt32), zeros({2}, kFloat64)}).dtype(), kFloat64);
  EXPECT_EQ(shape(stack({zeros({0}), zeros({0})})), (I64{2, 0}));
}

TEST(Stack, Errors) {
  EXPECT_CTORCH_ERROR(Runtime, "stack expects a non-empty TensorList", stack({}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [1, 3] "
                      "at entry 1",
                      stack({zeros({2, 3}), zeros({1, 3})}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [3] at "
                      "entry 2",
                      stack({zeros({2, 3}), zeros({2, 3}), zeros({3})}));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-3, 2], but got 3)",
                      stack({zeros({2, 3}), zeros({2, 3})}, 3));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-3, 2], but got -4)",
                      stack({zeros({2, 3}), zeros({2, 3})}, -4));
}

// ---- vstack / hstack -------------------------------------------------------------------------

TEST(VStack, MakesMembersAtLeast2D) {
  Tensor a = vstack({tensor({1, 2, 3}), tensor({4, 5, 6})});
  EXPECT_EQ(shape(a), (I64{2, 3}));
  EXPECT_EQ(values<int64_t>(a), (I64{1, 2, 3, 4, 5, 6}));
  Tensor b = vstack({m(2, 3), tensor({7, 8, 9})});
  EXPECT_EQ(shape(b), (I64{3, 3}));
  EXPECT_EQ(values<int64_t>(b), (I64{0, 1, 2, 3, 4, 5, 7, 8, 9}));
  Tensor c = vstack({tensor(1), tensor({2})});  // [] -> [1, 1], [1] -> [1, 1]
  EXPECT_EQ(shape(c), (I64{2, 1}));
  EXPECT_EQ(values<int64_t>(c), (I64{1, 2}));
  EXPECT_EQ(vstack({zeros({1}, kInt32), zeros({1}, kFloat32)}).dtype(), kFloat32);
}

TEST(VStack, Errors) {
  EXPECT_CTORCH_ERROR(Runtime, "vstack expects a non-empty TensorList", vstack({}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "Sizes of tensors must match except in dimension 0. Expected size 3 but got size "
                      "2 for tensor number 1 in the list.",
                      vstack({zeros({3}), zeros({2})}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "Sizes of tensors must match except in dimension 0. Expected size 3 but got size "
                      "4 for tensor number 1 in the list.",
                      vstack({zeros({2, 3}), zeros({1, 4})}));
}

TEST(HStack, CatsAlongDim0For1DElseDim1) {
  Tensor a = hstack({tensor({1, 2}), tensor({3})});
  EXPECT_EQ(shape(a), I64{3});
  EXPECT_EQ(values<int64_t>(a), (I64{1, 2, 3}));
  Tensor b = hstack({m(2, 2), m(2, 1, 10)});
  EXPECT_EQ(shape(b), (I64{2, 3}));
  EXPECT_EQ(values<int64_t>(b), (I64{0, 1, 10, 2, 3, 11}));
  Tensor c = hstack({tensor(1), tensor(2)});  // zero-dim -> [1]
  EXPECT_EQ(shape(c), I64{2});
  EXPECT_EQ(values<int64_t>(c), (I64{1, 2}));
  EXPECT_EQ(hstack({zeros({1}, kBool), zeros({1}, kUInt8)}).dtype(), kUInt8);
}

TEST(HStack, Errors) {
  EXPECT_CTORCH_ERROR(Runtime, "hstack expects a non-empty TensorList", hstack({}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "Sizes of tensors must match except in dimension 1. Expected size 2 but got size "
                      "3 for tensor number 1 in the list.",
                      hstack({zeros({2, 3}), zeros({3, 1})}));
  EXPECT_CTORCH_ERROR(Runtime, "Tensors must have same number of dimensions: got 2 and 1",
                      hstack({zeros({2, 3}), zeros({2})}));
}
