// Tests for creating tensors: tensor() from numbers and nested lists (R2), zeros/ones/full/empty
// (R1.2, R2.5), arange, linspace, eye, the *_like family, from_blob (no copy, custom strides,
// deleter) and the requires_grad option.
#include <cmath>
#include <limits>
#include <vector>

#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

// ---- tensor(): dtype inference (R2.1) and shapes (R2.2) ----------------------------------------

TEST(TensorFactory, BareNumbersAreZeroDim) {
  Tensor i = tensor(7);
  EXPECT_EQ(i.dtype(), kInt64);
  EXPECT_EQ(i.dim(), 0);
  EXPECT_EQ(shape(i), I64{});
  EXPECT_EQ(i.numel(), 1);
  EXPECT_EQ(strides(i), I64{});
  EXPECT_EQ(values<int64_t>(i), I64{7});

  Tensor f = tensor(7.5);
  EXPECT_EQ(f.dtype(), kFloat32);
  EXPECT_EQ(values<float>(f), F32{7.5f});

  Tensor b = tensor(true);
  EXPECT_EQ(b.dtype(), kBool);
  EXPECT_EQ(values<bool>(b), std::vector<bool>{true});
}

TEST(TensorFactory, NestedListsGiveShapeAndContiguousStrides) {
  Tensor t = tensor({{7, 8}, {8, 9}});
  EXPECT_EQ(t.dtype(), kInt64);
  EXPECT_EQ(shape(t), (I64{2, 2}));
  EXPECT_EQ(strides(t), (I64{2, 1}));
  EXPECT_TRUE(t.is_contiguous());
  EXPECT_EQ(t.storage_offset(), 0);
  EXPECT_EQ(values<int64_t>(t), (I64{7, 8, 8, 9}));

  Tensor u = tensor({{{1, 2, 3}, {4, 5, 6}}, {{7, 8, 9}, {10, 11, 12}}});
  EXPECT_EQ(shape(u), (I64{2, 2, 3}));
  EXPECT_EQ(strides(u), (I64{6, 3, 1}));
  EXPECT_EQ(values<int64_t>(u), (I64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
}

TEST(TensorFactory, EmptyLists) {
  Tensor e = tensor({});
  EXPECT_EQ(e.dtype(), kFloat32);
  EXPECT_EQ(shape(e), I64{0});
  EXPECT_EQ(e.numel(), 0);

  Tensor e2 = tensor({{}});
  EXPECT_EQ(e2.dtype(), kFloat32);
  EXPECT_EQ(shape(e2), (I64{1, 0}));
  EXPECT_EQ(e2.numel(), 0);
}

TEST(TensorFactory, DtypeInferenceIsByKindNotPromotion) {
  Tensor a = tensor({1, 2.0});
  EXPECT_EQ(a.dtype(), kFloat32);
  EXPECT_EQ(values<float>(a), (F32{1, 2}));

  Tensor b = tensor({true, 2});
  EXPECT_EQ(b.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(b), (I64{1, 2}));

  Tensor c = tensor({true, 2.5});
  EXPECT_EQ(c.dtype(), kFloat32);
  EXPECT_EQ(values<float>(c), (F32{1, 2.5f}));

  Tensor d = tensor({{true, false}, {false, true}});
  EXPECT_EQ(d.dtype(), kBool);
  EXPECT_EQ(values<bool>(d), (std::vector<bool>{true, false, false, true}));

  // A float anywhere in the nesting makes the whole tensor float.
  EXPECT_EQ(tensor({{1, 2}, {3, 4.5}}).dtype(), kFloat32);
  // int8 / float are still Python-like "int" / "float" leaves.
  EXPECT_EQ(tensor({int8_t{1}, int8_t{2}}).dtype(), kInt64);
  EXPECT_EQ(tensor({1.0f, 2.0f}).dtype(), kFloat32);
}

TEST(TensorFactory, FloatLeavesRoundToFloat32) {
  Tensor t = tensor({0.1, 1e40, -1e40});  // beyond float32 range: inf, no error (R2.3)
  std::vector<float> v = values<float>(t);
  EXPECT_EQ(v[0], 0.1f);
  EXPECT_EQ(v[1], std::numeric_limits<float>::infinity());
  EXPECT_EQ(v[2], -std::numeric_limits<float>::infinity());
}

TEST(TensorFactory, FromStdVector) {
  Tensor f = tensor(std::vector<float>{1, 2, 3});
  EXPECT_EQ(f.dtype(), kFloat32);
  EXPECT_EQ(shape(f), I64{3});
  EXPECT_EQ(values<float>(f), (F32{1, 2, 3}));
  Tensor i = tensor(std::vector<int>{4, 5});
  EXPECT_EQ(i.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(i), (I64{4, 5}));
}

TEST(TensorFactory, DefaultFloatFollowsSetDefaultDtype) {
  set_default_dtype(kFloat64);
  Tensor t = tensor({0.1, 2});
  set_default_dtype(kFloat32);
  EXPECT_EQ(t.dtype(), kFloat64);
  EXPECT_EQ(values<double>(t), (D{0.1, 2}));  // exact double 0.1, not float32's
}

// ---- R2.3 ragged nesting -----------------------------------------------------------------

TEST(TensorFactory, RaggedListsAreValueErrors) {
  EXPECT_CTORCH_ERROR(Value, "expected sequence of length 2 at dim 1 (got 1)",
                      tensor({{1, 2}, {3}}));
  EXPECT_CTORCH_ERROR(Value, "expected sequence of length 3 at dim 1 (got 2)",
                      tensor({{1, 2, 3}, {4, 5}}));
  EXPECT_CTORCH_ERROR(Value, "expected sequence of length 1 at dim 1 (got 2)",
                      tensor({{1.5}, {2.5, 3.5}}));
  EXPECT_CTORCH_ERROR(Value, "expected sequence of length 2 at dim 2 (got 1)",
                      tensor({{{1, 2}, {3, 4}}, {{1, 2}, {3}}}));
  EXPECT_CTORCH_ERROR(Value, "expected sequence of length 2 at dim 1 (got 3)",
                      tensor({{1, 2}, {3, 4}, {5, 6, 7}}));
}

// ---- R2.4 explicit dtypes --------------------------------------------------------------------

TEST(TensorFactory, ExplicitDtypeConvertsValues) {
  Tensor a = tensor({1.7, -1.7, 2.5}, kInt64);  // truncation toward zero
  EXPECT_EQ(a.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(a), (I64{1, -1, 2}));

  Tensor u = tensor({-1, -255, 255, 0}, kUInt8);  // negatives wrap for uint8
  EXPECT_EQ(values<uint8_t>(u), (std::vector<uint8_t>{255, 1, 255, 0}));

  Tensor b = tensor({0, 2, -1}, kBool);
  EXPECT_EQ(values<bool>(b), (std::vector<bool>{false, true, true}));

  Tensor d = tensor({3., 2., 1.}, kFloat64);
  EXPECT_EQ(values<double>(d), (D{3, 2, 1}));

  Tensor h = tensor({1e6, 1.0}, kFloat16);  // float targets never fail: overflow -> inf
  EXPECT_EQ(doubles(h), (D{std::numeric_limits<double>::infinity(), 1.0}));

  Tensor e = tensor({-128, 127}, kInt8);  // the bounds themselves are fine
  EXPECT_EQ(values<int8_t>(e), (std::vector<int8_t>{-128, 127}));

  Tensor z = tensor(5, kFloat64);
  EXPECT_EQ(z.dim(), 0);
  EXPECT_EQ(z.dtype(), kFloat64);
}

TEST(TensorFactory, ExplicitIntegralDtypeRangeErrors) {
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type uint8 without overflow",
                      tensor({256}, kUInt8));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type uint8 without overflow",
                      tensor({-256}, kUInt8));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type uint8 without overflow",
                      tensor({300.0}, kUInt8));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type uint8 without overflow",
                      tensor({-1.0}, kUInt8));  // floats do not wrap
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type uint8 without overflow",
                      tensor({255.9}, kUInt8));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int8 without overflow",
                      tensor({1, 128}, kInt8));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int16 without overflow",
                      tensor({32768}, kInt16));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int16 without overflow",
                      tensor({-32769}, kInt16));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int32 without overflow",
                      tensor({int64_t{1} << 31}, kInt32));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int32 without overflow",
                      tensor({std::nan("")}, kInt32));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int64 without overflow",
                      tensor({std::numeric_limits<double>::infinity()}, kInt64));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int64 without overflow",
                      tensor(1e19, kInt64));
}

// ---- zeros / ones / full / empty -----------------------------------------------------------

TEST(Fill, ZerosOnesDefaultFloat) {
  Tensor z = zeros({2, 3});
  EXPECT_EQ(z.dtype(), kFloat32);
  EXPECT_EQ(shape(z), (I64{2, 3}));
  EXPECT_EQ(strides(z), (I64{3, 1}));
  EXPECT_EQ(values<float>(z), F32(6, 0.0f));
  EXPECT_FALSE(std::signbit(values<float>(z)[0]));

  Tensor o = ones({4}, kInt32);
  EXPECT_EQ(o.dtype(), kInt32);
  EXPECT_EQ(values<int32_t>(o), std::vector<int32_t>(4, 1));

  Tensor ob = ones({2}, kBool);
  EXPECT_EQ(values<bool>(ob), (std::vector<bool>{true, true}));

  Tensor oh = ones({3}, kBFloat16);
  EXPECT_EQ(doubles(oh), D(3, 1.0));
}

TEST(Fill, ZeroSizedAndZeroDim) {
  Tensor a = zeros({2, 0, 3});
  EXPECT_EQ(a.numel(), 0);
  EXPECT_EQ(strides(a), (I64{3, 3, 1}));  // R13.1: max(size, 1)
  EXPECT_TRUE(a.is_contiguous());
  Tensor b = zeros({0});
  EXPECT_EQ(strides(b), I64{1});
  Tensor s = ones({});
  EXPECT_EQ(s.dim(), 0);
  EXPECT_EQ(s.numel(), 1);
  EXPECT_EQ(values<float>(s), F32{1});
}

TEST(Fill, FullInfersDtypeFromValue) {
  Tensor i = full({2, 2}, 7);
  EXPECT_EQ(i.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(i), I64(4, 7));
  Tensor f = full({2}, 2.5);
  EXPECT_EQ(f.dtype(), kFloat32);
  EXPECT_EQ(values<float>(f), F32(2, 2.5f));
  Tensor b = full({3}, true);
  EXPECT_EQ(b.dtype(), kBool);
  EXPECT_EQ(values<bool>(b), std::vector<bool>(3, true));
}

TEST(Fill, FullWithExplicitDtype) {
  EXPECT_EQ(values<int32_t>(full({2}, 2.7, kInt32)), std::vector<int32_t>(2, 2));  // truncates
  EXPECT_EQ(values<uint8_t>(full({2}, -1, kUInt8)), std::vector<uint8_t>(2, 255));
  EXPECT_EQ(values<double>(full({1}, 0.1, kFloat64)), D{0.1});
  EXPECT_EQ(values<float>(full({1}, 7, kFloat32)), F32{7});
}

TEST(Fill, FullRangeErrorsUseCppTypeNames) {
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type uint8_t without overflow",
                      full({2}, 256, kUInt8));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int8_t without overflow",
                      full({2}, 200, kInt8));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int64_t without overflow",
                      full({2}, std::nan(""), kInt64));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int without overflow",
                      full({2}, int64_t{1} << 31, kInt32));
}

TEST(Fill, EmptyHasShapeAndDtype) {
  Tensor e = empty({2, 3}, kInt16);
  EXPECT_EQ(e.dtype(), kInt16);
  EXPECT_EQ(shape(e), (I64{2, 3}));
  EXPECT_EQ(strides(e), (I64{3, 1}));
  EXPECT_EQ(e.numel(), 6);
  EXPECT_EQ(e.nbytes(), 12u);
  EXPECT_GE(e.storage().nbytes(), 12u);
  EXPECT_NE(e.data_ptr(), nullptr);
  EXPECT_EQ(empty({3}).dtype(), kFloat32);
}

// ---- arange ----------------------------------------------------------------------------------

TEST(Arange, IntegerForms) {
  Tensor a = arange(5);
  EXPECT_EQ(a.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(a), (I64{0, 1, 2, 3, 4}));
  EXPECT_EQ(values<int64_t>(arange(2, 7)), (I64{2, 3, 4, 5, 6}));
  EXPECT_EQ(values<int64_t>(arange(10, 0, -3)), (I64{10, 7, 4, 1}));
  EXPECT_EQ(values<int64_t>(arange(-3, 3, 2)), (I64{-3, -1, 1}));

  Tensor big = arange(0, 1000, 36);  // ceil(1000 / 36) = 28 elements
  EXPECT_EQ(shape(big), I64{28});
  std::vector<int64_t> expected;
  for (int64_t v = 0; v < 1000; v += 36) expected.push_back(v);
  EXPECT_EQ(values<int64_t>(big), expected);

  Tensor empty_range = arange(3, 3);
  EXPECT_EQ(shape(empty_range), I64{0});
  EXPECT_EQ(empty_range.dtype(), kInt64);
}

TEST(Arange, FloatFormsUseDefaultFloat) {
  Tensor a = arange(0, 1, 0.25);
  EXPECT_EQ(a.dtype(), kFloat32);
  EXPECT_EQ(values<float>(a), (F32{0, 0.25f, 0.5f, 0.75f}));
  Tensor b = arange(-2.0, 1);
  EXPECT_EQ(b.dtype(), kFloat32);
  EXPECT_EQ(values<float>(b), (F32{-2, -1, 0}));
  Tensor c = arange(1, 2.5, 0.5);
  EXPECT_EQ(values<float>(c), (F32{1, 1.5f, 2}));
  Tensor d = arange(2.5);
  EXPECT_EQ(d.dtype(), kFloat32);
  EXPECT_EQ(values<float>(d), (F32{0, 1, 2}));
}

TEST(Arange, LengthIsCeilOfDoubleQuotient) {
  // (1 - 0) / 0.1 = 10 exactly in double -> 10 elements (1.0 excluded).
  Tensor a = arange(0, 1, 0.1);
  ASSERT_EQ(shape(a), I64{10});
  std::vector<float> v = values<float>(a);
  for (int i = 0; i < 10; ++i) EXPECT_FLOAT_EQ(v[i], static_cast<float>(i * 0.1)) << i;
  // (3.1 - 1) / 0.7 = 3.0000000000000004 in double -> 4 elements, the last being 3.1.
  Tensor b = arange(1, 3.1, 0.7);
  ASSERT_EQ(shape(b), I64{4});
  EXPECT_FLOAT_EQ(values<float>(b)[3], 3.1f);
}

TEST(Arange, ExplicitDtype) {
  Tensor a = arange(5, kFloat64);
  EXPECT_EQ(a.dtype(), kFloat64);
  EXPECT_EQ(values<double>(a), (D{0, 1, 2, 3, 4}));
  Tensor b = arange(0, 6, 2, kInt32);
  EXPECT_EQ(b.dtype(), kInt32);
  EXPECT_EQ(values<int32_t>(b), (std::vector<int32_t>{0, 2, 4}));
  set_default_dtype(kFloat64);
  Tensor c = arange(0.5);
  set_default_dtype(kFloat32);
  EXPECT_EQ(c.dtype(), kFloat64);
}

TEST(Arange, Errors) {
  EXPECT_CTORCH_ERROR(Runtime, "step must be nonzero", arange(0, 1, Scalar(0)));
  EXPECT_CTORCH_ERROR(Runtime, "step must be nonzero", arange(0.0, 1.0, 0.0));
  EXPECT_CTORCH_ERROR(Runtime, "upper bound and lower bound inconsistent with step sign",
                      arange(0, 1, -1));
  EXPECT_CTORCH_ERROR(Runtime, "upper bound and lower bound inconsistent with step sign",
                      arange(1, 0, 1));
  EXPECT_CTORCH_ERROR(Runtime, "upper bound and lower bound inconsistent with step sign",
                      arange(-1));
}

// ---- linspace / eye ----------------------------------------------------------------------------

TEST(Linspace, Values) {
  Tensor a = linspace(0, 1, 5);
  EXPECT_EQ(a.dtype(), kFloat32);
  EXPECT_EQ(values<float>(a), (F32{0, 0.25f, 0.5f, 0.75f, 1}));
  EXPECT_EQ(values<float>(linspace(-3, 5, 9)), (F32{-3, -2, -1, 0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(values<float>(linspace(3, 7, 1)), F32{3});
  EXPECT_EQ(shape(linspace(0, 1, 0)), I64{0});
  Tensor d = linspace(0, 1, 4, kFloat64);
  EXPECT_EQ(d.dtype(), kFloat64);
  std::vector<double> v = values<double>(d);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_DOUBLE_EQ(v[1], 1.0 / 3);
  EXPECT_DOUBLE_EQ(v[2], 2.0 / 3);
  EXPECT_EQ(v[0], 0.0);
  EXPECT_EQ(v[3], 1.0);  // endpoints are exact
  Tensor f = linspace(0, 1, 7);
  std::vector<float> fv = values<float>(f);
  for (int i = 0; i < 7; ++i) EXPECT_NEAR(fv[i], i / 6.0, 1e-7) << i;
  EXPECT_EQ(fv[6], 1.0f);
}

TEST(Linspace, IntegerDtypeTruncates) {
  // torch 1.13: linspace(0, 10, 5, dtype=int64) -> [0, 2, 5, 7, 10]
  EXPECT_EQ(values<int64_t>(linspace(0, 10, 5, kInt64)), (I64{0, 2, 5, 7, 10}));
}

TEST(Eye, SquareAndRectangular) {
  Tensor a = eye(3);
  EXPECT_EQ(a.dtype(), kFloat32);
  EXPECT_EQ(shape(a), (I64{3, 3}));
  EXPECT_EQ(values<float>(a), (F32{1, 0, 0, 0, 1, 0, 0, 0, 1}));
  Tensor b = eye(2, 3);
  EXPECT_EQ(shape(b), (I64{2, 3}));
  EXPECT_EQ(values<float>(b), (F32{1, 0, 0, 0, 1, 0}));
  Tensor c = eye(3, 2, kInt64);
  EXPECT_EQ(c.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(c), (I64{1, 0, 0, 1, 0, 0}));
  EXPECT_EQ(eye(0).numel(), 0);
}

// ---- *_like ------------------------------------------------------------------------------------

TEST(Like, SameShapeAndDtype) {
  Tensor base = tensor({{1, 2, 3}, {4, 5, 6}}, kInt16);
  Tensor z = zeros_like(base);
  EXPECT_EQ(z.dtype(), kInt16);
  EXPECT_EQ(shape(z), (I64{2, 3}));
  EXPECT_EQ(values<int16_t>(z), std::vector<int16_t>(6, 0));
  EXPECT_FALSE(z.storage() == base.storage());

  Tensor o = ones_like(base);
  EXPECT_EQ(values<int16_t>(o), std::vector<int16_t>(6, 1));

  Tensor e = empty_like(base);
  EXPECT_EQ(e.dtype(), kInt16);
  EXPECT_EQ(shape(e), (I64{2, 3}));

  Tensor f = full_like(base, 9);
  EXPECT_EQ(f.dtype(), kInt16);
  EXPECT_EQ(values<int16_t>(f), std::vector<int16_t>(6, 9));
  // The tensor's dtype wins over the value's kind: 2.5 is truncated into int64.
  EXPECT_EQ(values<int64_t>(full_like(zeros({2}, kInt64), 2.5)), (I64{2, 2}));
  // Unchanged input.
  EXPECT_EQ(values<int16_t>(base), (std::vector<int16_t>{1, 2, 3, 4, 5, 6}));
}

TEST(Like, DtypeOverride) {
  Tensor base = zeros({3, 1}, kInt32);
  Tensor o = ones_like(base, kFloat64);
  EXPECT_EQ(o.dtype(), kFloat64);
  EXPECT_EQ(shape(o), (I64{3, 1}));
  EXPECT_EQ(values<double>(o), D(3, 1.0));
  Tensor f = full_like(base, 1.5, kFloat32);
  EXPECT_EQ(values<float>(f), F32(3, 1.5f));
  EXPECT_EQ(zeros_like(base, kBool).dtype(), kBool);
  EXPECT_EQ(empty_like(base, kFloat16).dtype(), kFloat16);
}

TEST(Like, OfNonContiguousInputHasItsShape) {
  Tensor base = zeros({2, 3}).t();
  Tensor z = zeros_like(base);
  EXPECT_EQ(shape(z), (I64{3, 2}));
  EXPECT_EQ(values<float>(z), F32(6, 0.0f));
}

// ---- from_blob ---------------------------------------------------------------------------------

TEST(FromBlob, WrapsWithoutCopy) {
  float buf[6] = {0, 1, 2, 3, 4, 5};
  Tensor t = from_blob(buf, {2, 3}, kFloat32);
  EXPECT_EQ(t.data_ptr(), static_cast<void*>(buf));
  EXPECT_EQ(t.storage().data(), static_cast<void*>(buf));
  EXPECT_EQ(shape(t), (I64{2, 3}));
  EXPECT_EQ(strides(t), (I64{3, 1}));
  EXPECT_EQ(t.dtype(), kFloat32);
  EXPECT_EQ(values<float>(t), (F32{0, 1, 2, 3, 4, 5}));

  buf[4] = 40;  // caller writes are visible in the tensor
  EXPECT_EQ(values<float>(t)[4], 40.0f);

  t.select(0, 1).fill_(7);  // tensor writes are visible to the caller
  EXPECT_EQ(buf[0], 0.0f);
  EXPECT_EQ(buf[2], 2.0f);
  EXPECT_EQ(buf[3], 7.0f);
  EXPECT_EQ(buf[5], 7.0f);
}

TEST(FromBlob, DefaultDtypeIsDefaultFloat) {
  float buf[2] = {1, 2};
  EXPECT_EQ(from_blob(buf, {2}).dtype(), kFloat32);
}

TEST(FromBlob, CustomStrides) {
  int64_t buf[6] = {0, 1, 2, 3, 4, 5};
  Tensor t = from_blob(buf, {3, 2}, {1, 3}, kInt64);  // column-major view of a 2x3 block
  EXPECT_EQ(shape(t), (I64{3, 2}));
  EXPECT_EQ(strides(t), (I64{1, 3}));
  EXPECT_FALSE(t.is_contiguous());
  EXPECT_EQ(values<int64_t>(t), (I64{0, 3, 1, 4, 2, 5}));
  EXPECT_EQ(values<int64_t>(t.contiguous()), (I64{0, 3, 1, 4, 2, 5}));
  EXPECT_EQ(t.data_ptr(), static_cast<void*>(buf));
}

TEST(FromBlob, DeleterRunsOnceWhenLastTensorGoes) {
  int calls = 0;
  void* seen = nullptr;
  std::vector<double> buf = {1, 2, 3, 4};
  {
    Tensor t = from_blob(buf.data(), {4}, [&](void* p) { ++calls; seen = p; }, kFloat64);
    Tensor v = t.view({2, 2});
    Tensor copy_of_handle = t;
    Tensor s = t.slice(0, 1, 3);
    t = Tensor();
    copy_of_handle = Tensor();
    EXPECT_EQ(calls, 0);
    v = Tensor();
    EXPECT_EQ(calls, 0);  // `s` still sees the memory
    EXPECT_EQ(values<double>(s), (D{2, 3}));
  }
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(seen, static_cast<void*>(buf.data()));
}

TEST(FromBlob, DeleterWithStrides) {
  int calls = 0;
  int32_t buf[4] = {1, 2, 3, 4};
  {
    Tensor t = from_blob(buf, {2, 2}, {1, 2}, [&](void*) { ++calls; }, kInt32);
    EXPECT_EQ(values<int32_t>(t), (std::vector<int32_t>{1, 3, 2, 4}));
    Tensor c = t.clone();  // a copy does not keep the blob alive
    t = Tensor();
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(values<int32_t>(c), (std::vector<int32_t>{1, 3, 2, 4}));
  }
  EXPECT_EQ(calls, 1);
}

// ---- requires_grad option ----------------------------------------------------------------------

TEST(RequiresGrad, FloatTensorsMayRequireGrad) {
  EXPECT_FALSE(tensor({1., 2.}).requires_grad());
  EXPECT_TRUE(tensor({1., 2.}, requires_grad()).requires_grad());
  EXPECT_TRUE(zeros({2}, TensorOptions().requires_grad(true)).requires_grad());
  EXPECT_TRUE(ones({2}, TensorOptions(kFloat64).requires_grad(true)).requires_grad());
  EXPECT_FALSE(zeros({2}, TensorOptions().requires_grad(false)).requires_grad());
  Tensor t = zeros({2});
  t.requires_grad_();
  EXPECT_TRUE(t.requires_grad());
  t.requires_grad_(false);
  EXPECT_FALSE(t.requires_grad());
}

TEST(RequiresGrad, IntegerTensorsCannot) {
  const char* msg = "Only Tensors of floating point and complex dtype can require gradients";
  EXPECT_CTORCH_ERROR(Runtime, msg, tensor({1, 2}, requires_grad()));
  EXPECT_CTORCH_ERROR(Runtime, msg, zeros({2}, TensorOptions(kInt64).requires_grad(true)));
  EXPECT_CTORCH_ERROR(Runtime, msg, ones({2}, TensorOptions(kBool).requires_grad(true)));
  // requires_grad_() on an integer tensor fails too (the Python binding words it "only Tensors
  // of floating point dtype can require gradients", the C++ core as above); accept either.
  Tensor i = tensor({1, 2});
  ctorch_test::CaughtError r = ctorch_test::catch_error([&] { i.requires_grad_(); });
  EXPECT_TRUE(r.thrown);
  EXPECT_EQ(r.kind, ErrorKind::Runtime);
  EXPECT_TRUE(r.what == msg || r.what == "only Tensors of floating point dtype can require gradients")
      << r.what;
  EXPECT_FALSE(i.requires_grad());
  i.requires_grad_(false);  // turning it off is always fine
  EXPECT_FALSE(i.requires_grad());
}
