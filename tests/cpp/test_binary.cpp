// Tests for binary elementwise ops beyond the conformance vectors: non-contiguous operands,
// broadcasting (incl. zero-dim and scalars on either side, the C++ operators), empty tensors,
// result dtypes for every dtype pair (R4, R5.3), integer wrap (R7.1), float16/bfloat16 rounding
// (R5.4), division modes and ZeroDivisionError (R6.4, R6.5), remainder/fmod (R6.6), pow (R6.7),
// NaN in maximum/minimum (R6.14), shifts (2.x out-of-range counts), bitwise and logical ops
// (R6.9), in-place ops on views and overlapping operands, compound operators, in-place and out=
// cast/broadcast errors (R9), and that results do not depend on the thread count.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ctorch/parallel.h"
#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

namespace {

const std::string kNotBool = "not implemented for 'Bool'";

struct ThreadGuard {
  int saved = get_num_threads();
  ~ThreadGuard() { set_num_threads(saved); }
};
}  // namespace

// ---- non-contiguous operands --------------------------------------------------------------------

TEST(BinaryNonContiguous, TransposedAndSteppedOperands) {
  Tensor a = arange(12, kFloat32).view({3, 4});
  Tensor bt = arange(12).view({4, 3}).t();  // int64 [3, 4], strides [1, 3]
  ASSERT_FALSE(bt.is_contiguous());
  Tensor c = a + bt;
  EXPECT_EQ(c.dtype(), kFloat32);
  EXPECT_EQ(shape(c), (I64{3, 4}));
  std::vector<double> expected;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j) expected.push_back((4 * i + j) + (3 * j + i));
  EXPECT_EQ(doubles(c), expected);

  // Stepped slices of the same storage on both sides.
  Tensor base = arange(20, kFloat64).view({4, 5});
  Tensor even = base.slice(1, 0, std::nullopt, 2);    // columns 0, 2, 4
  Tensor odd_rows = base.slice(0, 1, std::nullopt, 2);  // rows 1, 3 -> [2, 5]
  Tensor p = ctorch::mul(even.slice(0, 0, 2), odd_rows.slice(1, 1, 4));  // [2, 3] * [2, 3]
  std::vector<double> expected_p;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) expected_p.push_back((5.0 * i + 2 * j) * (5.0 * (2 * i + 1) + (j + 1)));
  EXPECT_EQ(doubles(p), expected_p);

  // Comparison of a transposed tensor with a stepped one.
  Tensor m = base.slice(0, 0, 3).slice(1, 0, 3);  // [[0,1,2],[5,6,7],[10,11,12]]
  Tensor ge = m.t() >= m;
  EXPECT_EQ(ge.dtype(), kBool);
  EXPECT_EQ(bools(ge), (B{true, true, true, false, true, true, false, false, true}));
}

// ---- broadcasting ------------------------------------------------------------------------------

TEST(BinaryBroadcast, ThreeDimWithTwoDim) {
  Tensor a = arange(6, kInt32).view({2, 1, 3});
  Tensor b = tensor({10, 20, 30, 40}, kInt32).view({4, 1});
  Tensor c = a + b;
  EXPECT_EQ(shape(c), (I64{2, 4, 3}));
  EXPECT_EQ(c.dtype(), kInt32);
  std::vector<double> expected;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 4; ++j)
      for (int k = 0; k < 3; ++k) expected.push_back(3 * i + k + 10 * (j + 1));
  EXPECT_EQ(doubles(c), expected);
  // Reversed order gives the same values.
  EXPECT_EQ(doubles(b + a), expected);
  // Broadcast failure message (R12.2).
  EXPECT_CTORCH_ERROR(Runtime, "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
                      zeros({2, 3}) + zeros({4}));
  EXPECT_CTORCH_ERROR(Runtime, "The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1",
                      zeros({2, 3, 4}) * zeros({5, 4}));
}

TEST(BinaryBroadcast, ZeroDimWithDimensioned) {
  Tensor z = tensor(10);  // int64, shape []
  Tensor t = tensor({1, 2, 3}, kInt8);
  Tensor r = z + t;  // dimensioned int8 wins over zero-dim int64 (R4.3)
  EXPECT_EQ(r.dtype(), kInt8);
  EXPECT_EQ(shape(r), (I64{3}));
  EXPECT_EQ(values<int8_t>(r), (std::vector<int8_t>{11, 12, 13}));
  Tensor s = t - z;
  EXPECT_EQ(values<int8_t>(s), (std::vector<int8_t>{-9, -8, -7}));
  // Two zero-dim tensors give a zero-dim result.
  Tensor zz = tensor(2.5) * tensor(4);
  EXPECT_EQ(zz.dim(), 0);
  EXPECT_EQ(zz.dtype(), kFloat32);
  EXPECT_EQ(zz.item<double>(), 10.0);
  // A zero-dim float64 with an int32 tensor: higher kind, so promote (R4.3).
  Tensor f = tensor({1, 2}, kInt32) * tensor(0.5, kFloat64);
  EXPECT_EQ(f.dtype(), kFloat64);
  EXPECT_EQ(doubles(f), (D{0.5, 1.0}));
}

// pow with a number exponent, as PyTorch's CPU kernel special-cases it; every value is PyTorch
// 2.15's (std::pow would give +0.0, inf, 0.7071067811865476, 0.026999999999999996, ...).
TEST(BinaryPow, SpecialExponentsAsPyTorch) {
  const Tensor x = tensor({-0.0, -kInf, 2.0, 0.3}, kFloat64);
  EXPECT_TRUE(same_values(doubles(x.pow(0.5)), {-0.0, kNaN, 1.4142135623730951, 0.5477225575051661}));
  EXPECT_TRUE(same_values(doubles(x.pow(-0.5)), {-kInf, kNaN, 0.7071067811865475, 1.8257418583505538}));
  EXPECT_TRUE(same_values(doubles(x.pow(3)), {-0.0, -kInf, 8.0, 0.027}));
  EXPECT_TRUE(same_values(doubles(x.pow(-2)), {kInf, 0.0, 0.25, 11.11111111111111}));
  EXPECT_EQ(doubles(tensor({1e10}, kBFloat16).pow(3)), D{9.953037915854457e+29});  // (x * x) * x in bfloat16
  EXPECT_EQ(doubles(tensor({100.5}, kFloat16).pow(0.3)), D{3.98828125});          // exponent rounded to float16
  EXPECT_EQ(doubles(tensor({7.0}, kFloat32).pow(-0.5)), D{0.37796449661254883});  // 1 / sqrt(x) in float
}

// A bool tensor to a bool power stays bool (PyTorch fills 1 or copies); a bool tensor exponent is
// refused; an int exponent promotes.
TEST(BinaryPow, BoolBase) {
  const Tensor b = tensor({true, false});
  EXPECT_EQ(b.pow(true).dtype(), kBool);
  EXPECT_EQ(bools(b.pow(true)), (B{true, false}));
  EXPECT_EQ(bools(b.pow(false)), (B{true, true}));
  EXPECT_EQ(b.pow(2).dtype(), kInt64);
  EXPECT_CTORCH_ERROR(NotImplemented, "\"pow\" not implemented for 'Bool'", b.pow(tensor({true, true})));
}

// float16/bfloat16 times or over a number (or a 0-dim tensor of another dtype): the number is taken
// in float as given, not rounded to the dtype first. Expectations are PyTorch 2.15's: rounding
// 1987.077... to float16 (1987) first would give -2118.
TEST(BinaryReducedFloat, NumberTakenInFloat) {
  const double number = 1987.0770933988842;
  const Tensor x = tensor({-1.06640625}, kFloat16);
  EXPECT_EQ(doubles(x * number), D{-2120});
  EXPECT_EQ(doubles(number * x), D{-2120});
  EXPECT_EQ(doubles(x * tensor(number, kFloat64)), D{-2120});
  Tensor y = x.clone();
  y.mul_(number);
  EXPECT_EQ(doubles(y), D{-2120});
  EXPECT_EQ((x * number).dtype(), kFloat16);
  // A one-element tensor that is not 0-dim is an ordinary operand: rounded to float16 first.
  EXPECT_EQ(doubles(x * tensor({number}, kFloat64).to(kFloat16)), D{-2118});
}

// torch.broadcast_shapes, its results and PyTorch 2.15's messages (checked against it).
TEST(BinaryBroadcast, BroadcastShapes) {
  EXPECT_EQ(broadcast_shapes({Size{2}, Size{3, 1}, Size{1, 1, 1}}), (Size{1, 3, 2}));
  EXPECT_EQ(broadcast_shapes({Size{1, 0}, Size{3, 1}}), (Size{3, 0}));
  EXPECT_EQ(broadcast_shapes({}), Size{});
  EXPECT_CTORCH_ERROR(Runtime,
                      "Attempting to broadcast a dimension of length 4 at -1! Mismatching argument at index 1 "
                      "had (4,); but expected shape should be broadcastable to [2, 3]",
                      broadcast_shapes({Size{2, 3}, Size{4}}));
  // The running result as it was when the shape failed: [1, 2] after (2,).
  EXPECT_CTORCH_ERROR(Runtime,
                      "Attempting to broadcast a dimension of length 3 at -1! Mismatching argument at index 1 "
                      "had (1, 3); but expected shape should be broadcastable to [1, 2]",
                      broadcast_shapes({Size{2}, Size{1, 3}, Size{4, 3}}));
  EXPECT_CTORCH_ERROR(Value, "Attempting to broadcast a dimension with negative length!",
                      broadcast_shapes({Size{2, -1}}));
}

TEST(BinaryBroadcast, ScalarOnEitherSide) {
  Tensor t = tensor({1, 2, 4});  // int64
  Tensor a = 2.0 * t;
  EXPECT_EQ(a.dtype(), kFloat32);
  EXPECT_EQ(doubles(a), (D{2, 4, 8}));
  Tensor b = t + 1;
  EXPECT_EQ(b.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(b), (I64{2, 3, 5}));
  Tensor c = 1 - t;
  EXPECT_EQ(c.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(c), (I64{0, -1, -3}));
  Tensor d = t * 3;
  EXPECT_EQ(values<int64_t>(d), (I64{3, 6, 12}));
  Tensor e = 10 % t;
  EXPECT_EQ(values<int64_t>(e), (I64{0, 0, 2}));
  Tensor f = t - 0.5;
  EXPECT_EQ(f.dtype(), kFloat32);
  EXPECT_EQ(doubles(f), (D{0.5, 1.5, 3.5}));

  // 7 / t is Python's reflected division reciprocal(t) * 7, which differs from 7 / t in the
  // last bit for t = 3 (PyTorch: 2.3333334922790527 vs 2.3333332538604736).
  Tensor x = tensor({3.0, 7.0, 10.0}, kFloat32);
  Tensor r = 7 / x;
  EXPECT_EQ(r.dtype(), kFloat32);
  const float expected_r[] = {static_cast<float>(1.0f / 3.0f) * 7.0f, (1.0f / 7.0f) * 7.0f, (1.0f / 10.0f) * 7.0f};
  EXPECT_EQ(values<float>(r), (F32{expected_r[0], expected_r[1], expected_r[2]}));
  EXPECT_EQ(values<float>(r)[0], 2.3333334922790527f);
  EXPECT_EQ(values<float>(ctorch::div(7, x))[0], 2.3333332538604736f);
  // Integer tensor: reciprocal gives float32 first.
  Tensor ri = 1 / tensor({2, 4});
  EXPECT_EQ(ri.dtype(), kFloat32);
  EXPECT_EQ(doubles(ri), (D{0.5, 0.25}));

  // Scalar comparisons both ways.
  EXPECT_EQ(bools(2 < t), (B{false, false, true}));
  EXPECT_EQ(bools(t <= 2), (B{true, true, false}));
  EXPECT_EQ(bools(t == 2), (B{false, true, false}));
  EXPECT_EQ(bools(4 != t), (B{true, true, false}));
}

TEST(BinaryEmpty, EmptyShapesBroadcast) {
  Tensor a = zeros({0, 3});
  Tensor r = a + ones({1, 3});
  EXPECT_EQ(shape(r), (I64{0, 3}));
  EXPECT_EQ(r.numel(), 0);
  EXPECT_EQ(r.dtype(), kFloat32);
  Tensor s = zeros({0}, kInt64) * 2.5;
  EXPECT_EQ(shape(s), (I64{0}));
  EXPECT_EQ(s.dtype(), kFloat32);
  Tensor c = zeros({2, 0}) < zeros({2, 1});
  EXPECT_EQ(shape(c), (I64{2, 0}));
  EXPECT_EQ(c.dtype(), kBool);
  Tensor d = ctorch::div(zeros({0}, kInt32), zeros({0}, kInt32), "floor");  // no ZeroDivisionError
  EXPECT_EQ(d.numel(), 0);
  EXPECT_EQ(d.dtype(), kInt32);
  Tensor e = zeros({3, 0}, kInt64);
  e.add_(1);
  e.mul_(tensor(5));
  EXPECT_EQ(shape(e), (I64{3, 0}));
  EXPECT_CTORCH_ERROR(Runtime, "The size of tensor a (0) must match the size of tensor b (2) at non-singleton dimension 0",
                      zeros({0, 3}) + zeros({2, 3}));
}

// ---- result dtypes (R3.1, R4, R5.3) ------------------------------------------------------------

TEST(BinaryPromotion, EveryDtypePair) {
  const auto& ts = kSpecDtypes;
  for (int i = 0; i < 10; ++i) {
    for (int j = 0; j < 10; ++j) {
      SCOPED_TRACE(to_string(ts[i]) + " with " + to_string(ts[j]));
      const ScalarType want = spec_promotion(i, j);
      Tensor a = ones({2}, ts[i]), b = ones({2}, ts[j]);
      Tensor sum = a + b;
      EXPECT_EQ(sum.dtype(), want);
      EXPECT_EQ(doubles(sum), (want == kBool ? D{1, 1} : D{2, 2}));
      Tensor prod = a * b;
      EXPECT_EQ(prod.dtype(), want);
      EXPECT_EQ(doubles(prod), (D{1, 1}));
      Tensor quot = a / b;
      const bool integral = want != kFloat16 && want != kBFloat16 && want != kFloat32 && want != kFloat64;
      EXPECT_EQ(quot.dtype(), integral ? kFloat32 : want);
      EXPECT_EQ(doubles(quot), (D{1, 1}));
      for (const Tensor& cmp : {a == b, a < b, a >= b, a != b}) EXPECT_EQ(cmp.dtype(), kBool);
      EXPECT_EQ(bools(a == b), (B{true, true}));
      EXPECT_EQ(bools(a < b), (B{false, false}));
      // A zero-dim operand of the same kind never widens a dimensioned one (R4.2).
      Tensor z = ones({}, ts[j]);
      const bool float_i = i >= 6, float_j = j >= 6;  // R4.2 combine(dimensioned, zero-dim)
      const bool bool_i = i == 0;
      ScalarType with_zero;
      if (float_i) with_zero = ts[i];
      else if (bool_i || float_j) with_zero = want;
      else with_zero = ts[i];
      EXPECT_EQ((a + z).dtype(), with_zero);
    }
  }
}

TEST(BinaryPromotion, ScalarsAndDefaultDtype) {
  EXPECT_EQ((tensor({1, 2}) + 2.5).dtype(), kFloat32);
  EXPECT_EQ((tensor({1, 2}, kFloat16) + 2.5).dtype(), kFloat16);
  EXPECT_EQ((tensor({1, 2}, kUInt8) + 1000).dtype(), kUInt8);
  EXPECT_EQ((tensor({true}) + true).dtype(), kBool);
  EXPECT_EQ((tensor({true}) + 1).dtype(), kInt64);
  EXPECT_EQ((tensor({true}) + tensor(1, kUInt8)).dtype(), kUInt8);
  EXPECT_EQ((tensor({1}, kInt8) + tensor(1, kUInt8)).dtype(), kInt8);
  EXPECT_EQ((tensor(1, kUInt8) + tensor(1, kInt8)).dtype(), kInt16);
  EXPECT_EQ((tensor(2, kInt32) * 2.5).dtype(), kFloat32);
  EXPECT_EQ((tensor(1.0, kBFloat16) + tensor(1.0, kFloat16)).dtype(), kFloat32);
  EXPECT_EQ((tensor({1}, kInt64) + tensor(1.0, kFloat16)).dtype(), kFloat16);
  EXPECT_EQ((tensor({1}, kInt32) + tensor({1})).dtype(), kInt64);
  EXPECT_EQ((tensor({true, false}) / tensor({true, true})).dtype(), kFloat32);
  // uint8 200 + int8 -100 computes in int16.
  Tensor w = tensor({200}, kUInt8) + tensor({-100}, kInt8);
  EXPECT_EQ(w.dtype(), kInt16);
  EXPECT_EQ(values<int16_t>(w), (std::vector<int16_t>{100}));

  // Python floats and integer true division follow the default float dtype.
  set_default_dtype(kFloat64);
  Tensor f = tensor({1, 2}) + 0.5;
  Tensor q = tensor({1, 2}, kInt32) / 2;
  Tensor h = tensor({1.0}, kFloat32) + 0.5;
  set_default_dtype(kFloat32);
  EXPECT_EQ(f.dtype(), kFloat64);
  EXPECT_EQ(q.dtype(), kFloat64);
  EXPECT_EQ(doubles(q), (D{0.5, 1.0}));
  EXPECT_EQ(h.dtype(), kFloat32);
}

// ---- integer wrap (R7.1, R5.2) -----------------------------------------------------------------

TEST(BinaryIntegerWrap, WrapsInResultDtype) {
  const int64_t i64max = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(values<int64_t>(tensor({i64max}) + 1), (I64{std::numeric_limits<int64_t>::min()}));
  EXPECT_EQ(values<int32_t>(tensor({2147483647}, kInt32) * 2), (std::vector<int32_t>{-2}));
  EXPECT_EQ(values<int8_t>(tensor({127}, kInt8) + 1), (std::vector<int8_t>{-128}));
  EXPECT_EQ(values<uint8_t>(tensor({0}, kUInt8) - 1), (std::vector<uint8_t>{255}));
  EXPECT_EQ(values<uint8_t>(tensor({16}, kUInt8) * tensor({16}, kUInt8)), (std::vector<uint8_t>{0}));
  EXPECT_EQ(values<int16_t>(tensor({-32768}, kInt16) - tensor({1}, kInt16)), (std::vector<int16_t>{32767}));
  // Scalars are wrapped (C cast) into the common dtype first (R5.2).
  EXPECT_EQ(values<uint8_t>(tensor({1, 10, 200}, kUInt8) + 1000), (std::vector<uint8_t>{233, 242, 176}));
  EXPECT_EQ(values<int32_t>(tensor({1}, kInt32) + ((int64_t{1} << 40) + 5)), (std::vector<int32_t>{6}));
  EXPECT_EQ(bools(tensor({255}, kUInt8) == -1), (B{true}));
  EXPECT_EQ(bools(tensor({0}, kUInt8) > -1), (B{false}));
  // alpha multiplies in the result dtype too.
  EXPECT_EQ(values<int8_t>(ctorch::add(tensor({1}, kInt8), tensor({100}, kInt8), 2)), (std::vector<int8_t>{-55}));
  EXPECT_EQ(values<int64_t>(ctorch::sub(tensor({10}), tensor({3}), 3)), (I64{1}));
}

TEST(BinaryAlpha, Errors) {
  EXPECT_CTORCH_ERROR(Runtime, "For integral input tensors, argument alpha must not be a floating point number.",
                      ctorch::add(tensor({1}), tensor({2}), 1.5));
  EXPECT_CTORCH_ERROR(Runtime, "Boolean alpha only supported for Boolean results.",
                      ctorch::add(tensor({1.0}), tensor({2.0}), true));
  Tensor f = ctorch::add(tensor({1.0}), tensor({2.0}), 0.5);
  EXPECT_EQ(doubles(f), (D{2.0}));
  // Bool add is logical or; bool mul is logical and (R6.1).
  Tensor x = tensor({true, true, false, false}), y = tensor({true, false, true, false});
  EXPECT_EQ((x + y).dtype(), kBool);
  EXPECT_EQ(bools(x + y), (B{true, true, true, false}));
  EXPECT_EQ(bools(x * y), (B{true, false, false, false}));
  EXPECT_CTORCH_ERROR(NotImplemented,
                      "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
                      "`logical_xor()` operator instead.",
                      x - y);
  EXPECT_CTORCH_ERROR(NotImplemented,
                      "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to "
                      "invert a mask, use the `~` or `logical_not()` operator instead.",
                      1 - x);
}

// ---- float16 / bfloat16 (R5.4) -----------------------------------------------------------------

TEST(BinaryReducedFloat, RoundedOnceFromFloat32) {
  // Expected values from PyTorch 1.13 (each op computed in float32 and rounded once).
  const D av = {1.0009765625, 3.0, 0.1, 65504.0, 1.0};
  const D bv = {1.0009765625, 0.1, 0.2, 2.0, 0.000732421875};
  Tensor a = tensor(av, kFloat16), b = tensor(bv, kFloat16);
  EXPECT_EQ(half_bits(a + b), (std::vector<uint16_t>{0x4001, 0x4233, 0x34cc, 0x7bff, 0x3c01}));
  EXPECT_EQ(half_bits(a * b), (std::vector<uint16_t>{0x3c02, 0x34cc, 0x251e, 0x7c00, 0x1200}));
  EXPECT_EQ(half_bits(a / b), (std::vector<uint16_t>{0x3c00, 0x4f80, 0x3800, 0x77ff, 0x6555}));
  EXPECT_EQ(doubles(a - b), (D{0.0, 2.900390625, -0.0999755859375, 65504.0, 0.9990234375}));
  EXPECT_EQ(doubles(ctorch::add(a, b, 3)), (D{4.00390625, 3.30078125, 0.69970703125, 65504.0, 1.001953125}));
  EXPECT_EQ(doubles(tensor({1.0, 2.0, 3.0}, kFloat16) / 3), (D{0.333251953125, 0.66650390625, 1.0}));
  EXPECT_EQ(doubles(tensor({1.0}, kFloat16) + 1e10), (D{kInf}));

  Tensor x = tensor(av, kBFloat16), y = tensor(bv, kBFloat16);
  EXPECT_EQ(x.dtype(), kBFloat16);
  EXPECT_EQ(doubles(x), (D{1.0, 3.0, 0.10009765625, 65536.0, 1.0}));
  EXPECT_EQ(doubles(x + y), (D{2.0, 3.09375, 0.30078125, 65536.0, 1.0}));
  EXPECT_EQ(doubles(x * y), (D{1.0, 0.30078125, 0.02001953125, 131072.0, 0.000732421875}));
  EXPECT_EQ(doubles(x / y), (D{1.0, 30.0, 0.5, 32768.0, 1368.0}));
}

// ---- division (R6.3 - R6.5) --------------------------------------------------------------------

TEST(BinaryDivision, RoundingModesWithNegatives) {
  Tensor a = tensor({7, -7, 7, -7}), b = tensor({2, 2, -2, -2});
  EXPECT_EQ(values<int64_t>(ctorch::div(a, b, "floor")), (I64{3, -4, -4, 3}));
  EXPECT_EQ(values<int64_t>(ctorch::div(a, b, "trunc")), (I64{3, -3, -3, 3}));
  EXPECT_EQ(values<int64_t>(ctorch::floor_divide(a, b)), (I64{3, -4, -4, 3}));
  EXPECT_EQ(values<int64_t>(a.div(b, "floor")), (I64{3, -4, -4, 3}));
  Tensor t = a / b;
  EXPECT_EQ(t.dtype(), kFloat32);
  EXPECT_EQ(doubles(t), (D{3.5, -3.5, -3.5, 3.5}));
  // Integer tensor with a float scalar: float32, floor/trunc applied.
  Tensor fs = ctorch::div(a, 2.0, "floor");
  EXPECT_EQ(fs.dtype(), kFloat32);
  EXPECT_EQ(doubles(fs), (D{3, -4, 3, -4}));
  // Floats.
  Tensor x = tensor({-0.5, 0.5, -7.5, 7.5}, kFloat64);
  EXPECT_TRUE(same_values(doubles(ctorch::div(x, 4.0, "floor")), D{-1.0, 0.0, -2.0, 1.0}));
  EXPECT_TRUE(same_values(doubles(ctorch::div(x, 4.0, "trunc")), D{-0.0, 0.0, -1.0, 1.0}));
  // Float divisor zero: both modes give the true quotient.
  Tensor n = tensor({1.0, -1.0, 0.0});
  for (const char* mode : {"floor", "trunc"}) {
    SCOPED_TRACE(mode);
    EXPECT_TRUE(same_values(doubles(ctorch::div(n, 0.0, mode)), D{kInf, -kInf, kNaN}));
  }
  // Integer true division by zero: IEEE results, no error.
  EXPECT_TRUE(same_values(doubles(tensor({5, -5, 0}) / 0), D{kInf, -kInf, kNaN}));
  EXPECT_TRUE(same_values(doubles(tensor({5, -5, 0}) / tensor({0, 0, 0})), D{kInf, -kInf, kNaN}));
  // Division by -0.0 flips the infinity's sign (R7.2).
  EXPECT_TRUE(same_values(doubles(tensor({1.0}) / -0.0), D{-kInf}));
  EXPECT_CTORCH_ERROR(Runtime, "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'round'",
                      ctorch::div(a, b, "round"));
  EXPECT_TRUE(expect_error_containing([&] { ctorch::div(tensor({true}), tensor({true}), "floor"); }, kNotBool));
  EXPECT_TRUE(expect_error_containing([&] { ctorch::floor_divide(tensor({true}), tensor({true})); }, kNotBool));
}

TEST(BinaryDivision, IntegerDivisionByZero) {
  Tensor a = tensor({6, 7, 8}), z = tensor({2, 0, 1});
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", ctorch::div(a, z, "floor"));
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", ctorch::div(a, z, "trunc"));
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", ctorch::floor_divide(a, z));
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", ctorch::remainder(a, z));
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", ctorch::fmod(a, z));
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", a % 0);
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", ctorch::div(a, 0, "trunc"));
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", ctorch::fmod(tensor({1}, kUInt8), 0));
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", ctorch::remainder(5, tensor({1, 0})));
  // A zero only in a broadcast, non-contiguous divisor still counts.
  Tensor zt = tensor({{1, 0}, {1, 1}}).t();
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", ctorch::floor_divide(ones({2, 2}, kInt64), zt));

  // A failed in-place division leaves self unchanged.
  Tensor s = a.clone();
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", s.div_(z, "floor"));
  EXPECT_EQ(values<int64_t>(s), (I64{6, 7, 8}));
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", s.remainder_(0));
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", s.floor_divide_(z));
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", s.fmod_(z));
  EXPECT_CTORCH_ERROR(Runtime, "ZeroDivisionError", s %= 0);
  EXPECT_EQ(values<int64_t>(s), (I64{6, 7, 8}));
  // True division in place on an integer tensor is a cast error, also leaving self unchanged.
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Long", s.div_(2));
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Long", s /= 2);
  EXPECT_EQ(values<int64_t>(s), (I64{6, 7, 8}));
  s.div_(4, "floor");
  EXPECT_EQ(values<int64_t>(s), (I64{1, 1, 2}));
  // Floor division of a float tensor in place by zero is fine (IEEE).
  Tensor f = tensor({1.0, -1.0});
  f.div_(0, "floor");
  EXPECT_EQ(doubles(f), (D{kInf, -kInf}));
}

// ---- remainder / fmod (R6.6) -------------------------------------------------------------------

TEST(BinaryRemainder, SignsFollowDivisorOrDividend) {
  Tensor a = tensor({7, -7, 7, -7}), b = tensor({2, 2, -2, -2});
  EXPECT_EQ(values<int64_t>(ctorch::remainder(a, b)), (I64{1, 1, -1, -1}));
  EXPECT_EQ(values<int64_t>(a % b), (I64{1, 1, -1, -1}));
  EXPECT_EQ(values<int64_t>(ctorch::fmod(a, b)), (I64{1, -1, 1, -1}));
  EXPECT_EQ(values<int8_t>(ctorch::remainder(tensor({-128, 127}, kInt8), 3)), (std::vector<int8_t>{1, 1}));
  Tensor x = tensor({-0.5, -3.0, 5.0, 5.5, -5.5}, kFloat64);
  Tensor y = tensor({4.0, 0.5, -3.0, 2.0, 2.0}, kFloat64);
  EXPECT_TRUE(same_values(doubles(ctorch::remainder(x, y)), D{3.5, -0.0, -1.0, 1.5, 0.5}));
  EXPECT_TRUE(same_values(doubles(ctorch::fmod(x, y)), D{-0.5, -0.0, 2.0, 1.5, -1.5}));
  EXPECT_TRUE(same_values(doubles(ctorch::remainder(tensor({1.0, -1.0}), 0.0)), D{kNaN, kNaN}));
  EXPECT_TRUE(same_values(doubles(ctorch::fmod(tensor({1.0, -1.0}), 0.0)), D{kNaN, kNaN}));
  // Scalar first argument.
  EXPECT_EQ(values<int64_t>(5 % tensor({3, -3})), (I64{2, -1}));
  Tensor fr = 5.5 % tensor({2, -2});
  EXPECT_EQ(fr.dtype(), kFloat32);
  EXPECT_EQ(doubles(fr), (D{1.5, -0.5}));
  EXPECT_TRUE(expect_error_containing([&] { ctorch::remainder(tensor({true}), tensor({true})); }, kNotBool));
  EXPECT_TRUE(expect_error_containing([&] { ctorch::fmod(tensor({true}), tensor({true})); }, kNotBool));
}

// ---- pow (R6.7) --------------------------------------------------------------------------------

TEST(BinaryPow, DtypesAndIntegerRules) {
  Tensor p = ctorch::pow(2, tensor({0, 1, 10}, kInt32));
  EXPECT_EQ(p.dtype(), kInt32);
  EXPECT_EQ(values<int32_t>(p), (std::vector<int32_t>{1, 2, 1024}));
  Tensor q = ctorch::pow(2.5, tensor({2}));
  EXPECT_EQ(q.dtype(), kFloat32);
  EXPECT_EQ(doubles(q), (D{6.25}));
  Tensor r = ctorch::pow(tensor({3}), 2.0);
  EXPECT_EQ(r.dtype(), kFloat32);
  EXPECT_EQ(doubles(r), (D{9.0}));
  Tensor s = tensor({true, false}).pow(2);
  EXPECT_EQ(s.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(s), (I64{1, 0}));
  EXPECT_CTORCH_ERROR(Runtime, "Integers to negative integer powers are not allowed.", ctorch::pow(tensor({2}), -1));
  EXPECT_CTORCH_ERROR(Runtime, "Integers to negative integer powers are not allowed.",
                      ctorch::pow(tensor({2}, kUInt8), -2));
  // Tensor exponents (dimensioned or zero-dim) do not raise.
  EXPECT_EQ(values<int64_t>(ctorch::pow(tensor({1, -1, -1, 2, 0}), tensor({-1, -1, -2, -1, -1}))),
            (I64{1, -1, 1, 0, 0}));
  EXPECT_EQ(values<int64_t>(ctorch::pow(tensor({1, -1, 2, 0}), tensor(-3))), (I64{1, -1, 0, 0}));
  // x ** 0 is 1 for everything.
  EXPECT_EQ(doubles(ctorch::pow(tensor({0.0, kNaN, kInf, -2.0}), 0)), (D{1, 1, 1, 1}));
  EXPECT_EQ(doubles(ctorch::pow(tensor({0.0, kNaN}), tensor({0.0, 0.0}))), (D{1, 1}));
  EXPECT_EQ(values<int64_t>(ctorch::pow(tensor({0, -5}), 0)), (I64{1, 1}));
  // Integer pow wraps.
  EXPECT_EQ(values<int64_t>(ctorch::pow(tensor({10}), 19)), (I64{-8446744073709551616LL}));
  EXPECT_EQ(values<uint8_t>(ctorch::pow(tensor({3}, kUInt8), 6)), (std::vector<uint8_t>{217}));
  EXPECT_EQ(values<uint8_t>(ctorch::pow(tensor({3}, kUInt8), tensor({6}, kUInt8))), (std::vector<uint8_t>{217}));
  // Float IEEE rules.
  EXPECT_TRUE(same_values(doubles(ctorch::pow(tensor({-2.0, 0.0, 2.0, 4.0}), tensor({0.5, -1.0, 10.0, 0.5}))),
                          D{kNaN, kInf, 1024.0, 2.0}));
  EXPECT_TRUE(expect_error_containing([&] { ctorch::pow(tensor({true}), tensor({true})); }, kNotBool));
}

// ---- maximum / minimum (R6.14) -----------------------------------------------------------------

TEST(BinaryMaxMin, NaNPropagatesFromEitherSide) {
  Tensor a = tensor({1.0, kNaN, 3.0, kNaN}), b = tensor({kNaN, 2.0, 1.0, kNaN});
  EXPECT_TRUE(same_values(doubles(ctorch::maximum(a, b)), D{kNaN, kNaN, 3.0, kNaN}));
  EXPECT_TRUE(same_values(doubles(ctorch::minimum(a, b)), D{kNaN, kNaN, 1.0, kNaN}));
  EXPECT_TRUE(same_values(doubles(ctorch::maximum(b, a)), D{kNaN, kNaN, 3.0, kNaN}));
  Tensor m = ctorch::maximum(tensor({1, 5}, kInt32), tensor({2.5, 2.5}));
  EXPECT_EQ(m.dtype(), kFloat32);
  EXPECT_EQ(doubles(m), (D{2.5, 5.0}));
  Tensor mb = ctorch::minimum(tensor({true, false}), tensor({true, true}));
  EXPECT_EQ(mb.dtype(), kBool);
  EXPECT_EQ(bools(mb), (B{true, false}));
  EXPECT_EQ(values<int64_t>(ctorch::maximum(tensor({-3, 4}), 0)), (I64{0, 4}));
  Tensor bc = ctorch::minimum(tensor({{1.0}, {5.0}}), tensor({2.0, kNaN, 4.0}));
  EXPECT_EQ(shape(bc), (I64{2, 3}));
  EXPECT_TRUE(same_values(doubles(bc), D{1.0, kNaN, 1.0, 2.0, kNaN, 4.0}));
}

// ---- shifts, bitwise, logical (R6.9) -----------------------------------------------------------

TEST(BinaryShift, InRangeAndOutOfRangeCounts) {
  EXPECT_EQ(values<int64_t>(tensor({1, 3, 1}) << tensor({1, 2, 40})), (I64{2, 12, int64_t{1} << 40}));
  EXPECT_EQ(values<int8_t>(tensor({-8, 8}, kInt8) >> 1), (std::vector<int8_t>{-4, 4}));
  EXPECT_EQ(values<int64_t>(ctorch::bitwise_right_shift(tensor({-8, 8}), tensor({1, 2}))), (I64{-4, 2}));
  // PyTorch 2.x: << by a negative count or >= the bit width gives 0; >> gives 0 or -1 (sign fill).
  EXPECT_EQ(values<int64_t>(tensor({1, 1, 5, 5}) << tensor({63, 64, 70, -1})),
            (I64{std::numeric_limits<int64_t>::min(), 0, 0, 0}));
  EXPECT_EQ(values<int64_t>(tensor({-8, 8, -8, 8}) >> tensor({64, 64, -1, -1})), (I64{-1, 0, -1, 0}));
  EXPECT_EQ(values<int8_t>(tensor({1, 1, 1}, kInt8) << tensor({7, 8, 9}, kInt8)), (std::vector<int8_t>{-128, 0, 0}));
  EXPECT_EQ(values<int8_t>(tensor({-128, 64, -1}, kInt8) >> tensor({9, 9, 100}, kInt8)), (std::vector<int8_t>{-1, 0, -1}));
  EXPECT_EQ(values<uint8_t>(tensor({255, 255}, kUInt8) >> tensor({7, 8}, kUInt8)), (std::vector<uint8_t>{1, 0}));
  EXPECT_EQ(values<uint8_t>(tensor({255, 1}, kUInt8) << tensor({1, 8}, kUInt8)), (std::vector<uint8_t>{254, 0}));
  EXPECT_EQ(values<int32_t>(tensor({1}, kInt32) << 32), (std::vector<int32_t>{0}));
  EXPECT_EQ(values<int32_t>(tensor({-1}, kInt32) >> 40), (std::vector<int32_t>{-1}));
  EXPECT_TRUE(expect_error_containing([&] { (void)(tensor({1.0}) << 1); }, "not implemented for 'Float'"));
  EXPECT_TRUE(expect_error_containing([&] { (void)(tensor({1}) >> 1.0); }, "not implemented for 'Float'"));
}

TEST(BinaryBitwise, BoolAndIntegers) {
  Tensor x = tensor({true, true, false, false}), y = tensor({true, false, true, false});
  Tensor a = x & y, o = x | y, e = x ^ y;
  EXPECT_EQ(a.dtype(), kBool);
  EXPECT_EQ(bools(a), (B{true, false, false, false}));
  EXPECT_EQ(bools(o), (B{true, true, true, false}));
  EXPECT_EQ(bools(e), (B{false, true, true, false}));
  Tensor bi = x & 3;
  EXPECT_EQ(bi.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(bi), (I64{1, 1, 0, 0}));
  EXPECT_EQ((x & true).dtype(), kBool);
  EXPECT_EQ(bools(x | false), (B{true, true, false, false}));
  Tensor w = tensor({-1}, kInt8) ^ tensor({255}, kUInt8);
  EXPECT_EQ(w.dtype(), kInt16);
  EXPECT_EQ(values<int16_t>(w), (std::vector<int16_t>{-256}));
  EXPECT_EQ(values<int64_t>(tensor({12, -1}) & tensor({10, 5})), (I64{8, 5}));
  EXPECT_EQ(values<int64_t>(tensor({12, -1}) | 3), (I64{15, -1}));
  EXPECT_TRUE(expect_error_containing([&] { ctorch::bitwise_and(tensor({1.0}), tensor({1.0})); },
                                      "not implemented for 'Float'"));
  EXPECT_TRUE(expect_error_containing([&] { (void)(tensor({1}) & 1.5); }, "not implemented for 'Float'"));
  EXPECT_TRUE(expect_error_containing([&] { (void)(tensor({1}, kInt32) | tensor({1.0}, kFloat64)); },
                                      "not implemented for 'Double'"));
  // In-place compound bitwise operators.
  Tensor t = tensor({6, 5}, kInt32);
  t &= 3;
  EXPECT_EQ(values<int32_t>(t), (std::vector<int32_t>{2, 1}));
  t |= 8;
  EXPECT_EQ(values<int32_t>(t), (std::vector<int32_t>{10, 9}));
  t ^= tensor({1});
  EXPECT_EQ(values<int32_t>(t), (std::vector<int32_t>{11, 8}));
}

TEST(BinaryLogical, FloatsUseNonzero) {
  Tensor a = tensor({kNaN, -0.0, 0.5, 0.0, kNaN});
  Tensor b = tensor({1.0, 1.0, 1.0, kNaN, 0.0});
  Tensor l_and = ctorch::logical_and(a, b);
  EXPECT_EQ(l_and.dtype(), kBool);
  EXPECT_EQ(bools(l_and), (B{true, false, true, false, false}));
  EXPECT_EQ(bools(ctorch::logical_or(a, b)), (B{true, true, true, true, true}));
  EXPECT_EQ(bools(ctorch::logical_or(a, 0)), (B{true, false, true, false, true}));
  EXPECT_EQ(bools(ctorch::logical_xor(a, b)), (B{false, true, false, true, true}));
  EXPECT_EQ(bools(ctorch::logical_and(tensor({2, 0, -1}, kInt8), tensor({0.25, 3.0, -0.0}))), (B{true, false, false}));
  EXPECT_EQ(bools(ctorch::logical_xor(tensor({1, 0}, kUInt8), true)), (B{false, true}));
}

TEST(BinaryComparison, NaNAndConversions) {
  Tensor a = tensor({kNaN, 1.0, kNaN}), b = tensor({kNaN, kNaN, 1.0});
  EXPECT_EQ(bools(a == b), (B{false, false, false}));
  EXPECT_EQ(bools(a != b), (B{true, true, true}));
  EXPECT_EQ(bools(a < b), (B{false, false, false}));
  EXPECT_EQ(bools(a >= b), (B{false, false, false}));
  EXPECT_EQ(bools(tensor({int64_t{1} << 24 | 1}) == tensor({16777216.0}, kFloat32)), (B{true}));
  EXPECT_EQ(bools(tensor({0.1}, kFloat32) == 0.1), (B{true}));
  EXPECT_EQ(bools(tensor({0.1}, kFloat64) == tensor(0.1, kFloat32)), (B{false}));
  EXPECT_EQ(bools(tensor({-0.0}) == 0.0), (B{true}));
  EXPECT_EQ(bools(ctorch::gt(tensor({1, 2, 3}, kInt8), tensor({2}, kInt64))), (B{false, false, true}));
  EXPECT_EQ(bools(ctorch::le(tensor({true, false}), 0)), (B{false, true}));
}

// ---- in-place ----------------------------------------------------------------------------------

TEST(InPlace, OnViewsBaseSeesTheChange) {
  Tensor t = arange(6, kFloat32).view({2, 3});
  Tensor& r = t.t().add_(1);
  (void)r;
  EXPECT_EQ(values<float>(t), (F32{1, 2, 3, 4, 5, 6}));
  t[{Slice(), 0}].mul_(2);
  EXPECT_EQ(values<float>(t), (F32{2, 2, 3, 8, 5, 6}));
  t.slice(1, 0, std::nullopt, 2).sub_(tensor({1.0, 10.0}));  // columns 0 and 2
  EXPECT_EQ(values<float>(t), (F32{1, 2, -7, 7, 5, -4}));
  t[1].div_(2);
  EXPECT_EQ(values<float>(t), (F32{1, 2, -7, 3.5, 2.5, -2}));
  // The method returns self.
  Tensor u = zeros({2});
  EXPECT_EQ(&u.add_(1), &u);
  EXPECT_EQ(&(u += 1), &u);
  EXPECT_EQ(doubles(u), (D{2, 2}));
  // A comparison in place writes 1/0 in self's dtype (R9.2).
  Tensor c = tensor({1.0, 2.0, 3.0});
  c.lt_(2.5);
  EXPECT_EQ(c.dtype(), kFloat32);
  EXPECT_EQ(doubles(c), (D{1, 1, 0}));
  Tensor ci = tensor({1, 2, 3});
  ci.eq_(tensor({1, 0, 3}));
  EXPECT_EQ(values<int64_t>(ci), (I64{1, 0, 1}));
}

TEST(InPlace, OverlappingOperands) {
  // ctorch computes these as if out of place (PyTorch 1.13 refuses a.add_(a.t()) with "unsupported
  // operation: some elements of the input tensor and the written-to tensor refer to a single memory
  // location"; a.add_(a) is allowed there and gives 2a).
  Tensor a = arange(4, kFloat32).view({2, 2});
  a.add_(a);
  EXPECT_EQ(values<float>(a), (F32{0, 2, 4, 6}));
  for (int64_t n : {3, 37}) {
    SCOPED_TRACE(n);
    Tensor m = arange(n * n, kInt64).view({n, n});
    std::vector<int64_t> expected;
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j) expected.push_back((i * n + j) + (j * n + i));
    Tensor out_of_place = m + m.t();
    EXPECT_EQ(values<int64_t>(out_of_place), expected);
    m.add_(m.t());
    EXPECT_EQ(values<int64_t>(m), expected);

    Tensor f = arange(n * n, kFloat64).view({n, n});
    Tensor f_expected = f.t() * f;
    f.t().mul_(f);  // self transposed, other is the base
    EXPECT_EQ(doubles(f), doubles(f_expected.t()));
  }
}

TEST(InPlace, CompoundOperators) {
  Tensor t = tensor({1.0, 2.0, 4.0});
  t += 1;
  EXPECT_EQ(doubles(t), (D{2, 3, 5}));
  t -= tensor({1.0, 1.0, 1.0});
  EXPECT_EQ(doubles(t), (D{1, 2, 4}));
  t *= 2;
  EXPECT_EQ(doubles(t), (D{2, 4, 8}));
  t /= 4;
  EXPECT_EQ(doubles(t), (D{0.5, 1, 2}));
  t %= 0.75;
  EXPECT_EQ(doubles(t), (D{0.5, 0.25, 0.5}));
  EXPECT_EQ(t.dtype(), kFloat32);
  Tensor i = tensor({7, 8}, kInt32);
  i += 1;
  i *= tensor({2});
  i -= 3;
  EXPECT_EQ(i.dtype(), kInt32);
  EXPECT_EQ(values<int32_t>(i), (std::vector<int32_t>{13, 15}));
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Int", i += 0.5);
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Int", i /= 3);
  EXPECT_EQ(values<int32_t>(i), (std::vector<int32_t>{13, 15}));
  // On a view.
  Tensor base = zeros({2, 2});
  Tensor col = base[{Slice(), 1}];
  col += 5;
  EXPECT_EQ(doubles(base), (D{0, 5, 0, 5}));
}

TEST(InPlace, CastErrorsAndNarrowing) {
  Tensor t = tensor({1, 2, 3});
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Long", t.add_(1.5));
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Long", t.add_(tensor({1.0})));
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Long", t.mul_(tensor(1.0)));
  EXPECT_CTORCH_ERROR(Runtime, "result type Double can't be cast to the desired output type Long",
                      t.sub_(tensor({1.0}, kFloat64)));
  EXPECT_CTORCH_ERROR(Runtime, "result type Long can't be cast to the desired output type Bool", tensor({true}).add_(1));
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Bool",
                      tensor({true}).mul_(tensor({1.0})));
  EXPECT_CTORCH_ERROR(Runtime, "result type Half can't be cast to the desired output type Byte",
                      tensor({1}, kUInt8).add_(tensor(1.0, kFloat16)));
  EXPECT_EQ(values<int64_t>(t), (I64{1, 2, 3}));
  // Narrowing within a kind is allowed and wraps / rounds (R9.1).
  Tensor i32 = tensor({1, 2}, kInt32);
  i32.add_(tensor({int64_t{1} << 40}));
  EXPECT_EQ(values<int32_t>(i32), (std::vector<int32_t>{1, 2}));
  Tensor u8 = tensor({0}, kUInt8);
  u8.add_(-1);
  EXPECT_EQ(values<uint8_t>(u8), (std::vector<uint8_t>{255}));
  Tensor f = tensor({1.0f});
  f.add_(tensor({1e-10}, kFloat64));
  EXPECT_EQ(f.dtype(), kFloat32);
  EXPECT_EQ(values<float>(f), (F32{1.0f}));
  Tensor h = tensor({1.0}, kFloat16);
  h.mul_(tensor({1.0009765625}, kFloat32));
  EXPECT_EQ(h.dtype(), kFloat16);
  EXPECT_EQ(doubles(h), (D{1.0009765625}));
  Tensor b = tensor({true, false});
  b.add_(tensor({false, true}));
  EXPECT_EQ(bools(b), (B{true, true}));
  // A bool operand into an integer self is fine.
  Tensor ib = tensor({5, 6});
  ib.mul_(tensor({true, false}));
  EXPECT_EQ(values<int64_t>(ib), (I64{5, 0}));
}

TEST(InPlace, BroadcastOnlyIntoSelf) {
  Tensor t = zeros({3});
  EXPECT_CTORCH_ERROR(Runtime, "output with shape [3] doesn't match the broadcast shape [2, 3]", t.add_(ones({2, 3})));
  EXPECT_CTORCH_ERROR(Runtime, "output with shape [3] doesn't match the broadcast shape [2, 3]", t *= ones({2, 1}));
  EXPECT_CTORCH_ERROR(Runtime, "output with shape [1] doesn't match the broadcast shape [4]",
                      zeros({1}).sub_(ones({4})));
  EXPECT_CTORCH_ERROR(Runtime, "output with shape [] doesn't match the broadcast shape [2]", zeros({}).add_(ones({2})));
  EXPECT_EQ(doubles(t), (D{0, 0, 0}));
  Tensor m = zeros({2, 3});
  m.add_(tensor({1.0, 2.0, 3.0}));
  m.add_(tensor({{10.0}, {20.0}}));
  m.add_(tensor(100.0));
  EXPECT_EQ(doubles(m), (D{111, 112, 113, 121, 122, 123}));
}

TEST(InPlace, OutForms) {
  Tensor a = tensor({1.5, 2.5}), b = tensor({1.0, 2.0});
  Tensor out_long = zeros({2}, kInt64);
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Long", add_out(out_long, a, b));
  EXPECT_EQ(values<int64_t>(out_long), (I64{0, 0}));
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Long",
                      div_out(out_long, tensor({4}), tensor({2})));
  Tensor out_double = zeros({2}, kFloat64);
  Tensor& r = add_out(out_double, tensor({0.1f}), tensor({0.2f, 0.3f}));
  EXPECT_EQ(&r, &out_double);
  EXPECT_EQ(out_double.dtype(), kFloat64);
  // Computed in float32 (the common dtype), then converted.
  EXPECT_EQ(doubles(out_double), (D{static_cast<double>(0.1f + 0.2f), static_cast<double>(0.1f + 0.3f)}));
  Tensor out_i64 = zeros({3}, kInt64);
  add_out(out_i64, tensor({100, 100, 1}, kInt8), tensor({100, 27, 1}, kInt8));
  EXPECT_EQ(values<int64_t>(out_i64), (I64{-56, 127, 2}));  // int8 arithmetic, then widened
  Tensor out_half = zeros({1}, kFloat16);
  mul_out(out_half, tensor({1.0009765625f}), tensor({1.0009765625f}));
  EXPECT_EQ(doubles(out_half), (D{1.001953125}));
  Tensor out_f = zeros({3});
  eq_out(out_f, tensor({1, 2, 3}), 2);
  EXPECT_EQ(doubles(out_f), (D{0, 1, 0}));
  sub_out(out_f, tensor({5.0}), tensor({1.0, 2.0, 3.0}), 2);
  EXPECT_EQ(doubles(out_f), (D{3, 1, -1}));
  div_out(out_f, tensor({7, -7, 8}), 2, "floor");
  EXPECT_EQ(doubles(out_f), (D{3, -4, 4}));
  // out may be a non-contiguous view.
  Tensor base = zeros({3, 2});
  Tensor col = base[{Slice(), 0}];
  add_out(col, tensor({1.0, 2.0, 3.0}), 1);
  EXPECT_EQ(doubles(base), (D{2, 0, 3, 0, 4, 0}));
  // out aliases an input.
  Tensor x = tensor({1.0, 2.0});
  mul_out(x, x, x);
  EXPECT_EQ(doubles(x), (D{1, 4}));
}

TEST(InPlace, OutOfAnotherShapeIsResizedButSelfIsNot) {
  // out= takes the broadcast shape (PyTorch's resize_output): fresh contiguous strides.
  Tensor out = zeros({5});
  add_out(out, tensor({{1.0}, {2.0}}), tensor({10.0, 20.0, 30.0}));
  EXPECT_EQ(shape(out), (I64{2, 3}));
  EXPECT_EQ(out.strides().vec(), (I64{3, 1}));
  EXPECT_EQ(doubles(out), (D{11, 21, 31, 12, 22, 32}));
  Tensor empty = zeros({0}, kInt64);
  mul_out(empty, tensor({1, 2}), -1);
  EXPECT_EQ(values<int64_t>(empty), (I64{-1, -2}));
  // In place, self cannot take the broadcast shape: an error, self unchanged.
  Tensor self = tensor({1.0, 2.0, 3.0});
  EXPECT_CTORCH_ERROR(Runtime, "output with shape [3] doesn't match the broadcast shape [2, 3]",
                      self.add_(tensor({{1.0}, {2.0}})));
  EXPECT_EQ(doubles(self), (D{1, 2, 3}));
}

TEST(Resize, KeepsStorageWhenItFitsAndValuesInOrder) {
  Tensor t = arange(6, kFloat64);
  const Storage before = t.storage();
  t.resize_({2, 2});
  EXPECT_TRUE(t.storage() == before);
  EXPECT_EQ(doubles(t), (D{0, 1, 2, 3}));
  t.resize_({2, 4});  // grows: a new storage holding the old six values first
  EXPECT_FALSE(t.storage() == before);
  EXPECT_EQ(shape(t), (I64{2, 4}));
  const D grown = doubles(t);
  ASSERT_EQ(grown.size(), 8u);
  EXPECT_EQ(D(grown.begin(), grown.begin() + 6), (D{0, 1, 2, 3, 4, 5}));
  // A transposed view is given contiguous strides.
  Tensor v = arange(6).view({2, 3}).t();
  v.resize_({3, 2});
  EXPECT_EQ(v.strides().vec(), (I64{2, 1}));
  EXPECT_CTORCH_ERROR(Runtime, "Trying to create tensor with negative dimension -1: [-1]", t.resize_({-1}));
  EXPECT_EQ(shape(t), (I64{2, 4}));
}

// ---- threads -----------------------------------------------------------------------------------

TEST(BinaryThreads, SameResultForOneAndTwoThreads) {
  ThreadGuard guard;
  Tensor base = arange(600 * 1000, kFloat32).view({600, 1000});
  Tensor x = base.slice(1, 0, std::nullopt, 2);         // [600, 500], stepped
  Tensor yt = arange(500 * 600, kFloat64).view({500, 600}).t();         // transposed, non-contiguous
  ASSERT_EQ(x.numel(), 300000);
  ASSERT_FALSE(yt.is_contiguous());

  set_num_threads(1);
  Tensor r1 = x + yt;
  Tensor c1 = x.div(3);
  Tensor w1 = base.clone();
  w1.slice(1, 1, std::nullopt, 2).add_(x);
  set_num_threads(2);
  Tensor r2 = x + yt;
  Tensor c2 = x.div(3);
  Tensor w2 = base.clone();
  w2.slice(1, 1, std::nullopt, 2).add_(x);

  EXPECT_EQ(r1.dtype(), kFloat64);
  EXPECT_EQ(shape(r1), (I64{600, 500}));
  const auto v1 = values<double>(r1), v2 = values<double>(r2);
  EXPECT_TRUE(v1 == v2);
  EXPECT_TRUE(values<float>(c1) == values<float>(c2));
  EXPECT_TRUE(values<float>(w1) == values<float>(w2));
  // Spot checks against a hand computation: x[i][j] = 1000 i + 2 j, yt[i][j] = 600 j + i.
  for (int64_t i : {0, 1, 299, 599}) {
    for (int64_t j : {0, 7, 499}) {
      EXPECT_EQ(v1[static_cast<size_t>(i * 500 + j)], static_cast<double>(1000 * i + 2 * j + 600 * j + i));
    }
  }
  const auto wv = values<float>(w2);
  EXPECT_EQ(wv[599 * 1000 + 999], static_cast<float>(599 * 1000 + 999 + 599 * 1000 + 998));
  EXPECT_EQ(wv[5 * 1000 + 4], static_cast<float>(5 * 1000 + 4));
}

// ---- the flat path ------------------------------------------------------------------------------
// Contiguous operands of one dtype and shape (or a tensor and a number) take a flat path without
// views; the same values with transposed strides take the general strided path. Both must give
// identical bits, dtypes and shapes, out of place and in place.
TEST(BinaryFlatPath, MatchesTheStridedPathForEveryDtype) {
  for (ScalarType dt : {kBool, kUInt8, kInt8, kInt16, kInt32, kInt64, kFloat16, kBFloat16, kFloat32, kFloat64}) {
    SCOPED_TRACE(std::string(legacy_name(dt)));
    const Tensor a = (arange(12).reshape({3, 4}) % 5 + 1).to(dt);
    const Tensor b = (arange(12).reshape({3, 4}) % 3 + 1).to(dt);
    const Tensor a_strided = a.t().contiguous().t(), b_strided = b.t().contiguous().t();
    ASSERT_FALSE(a_strided.is_contiguous());
    auto same = [](const Tensor& x, const Tensor& y) {
      EXPECT_EQ(x.dtype(), y.dtype());
      EXPECT_TRUE(equal(x, y));
    };
    same(a + b, a_strided + b_strided);
    same(a * b, a_strided * b_strided);
    same(eq(a, b), eq(a_strided, b_strided));
    same(maximum(a, b), maximum(a_strided, b_strided));
    same(lt(a, b), lt(a_strided, b_strided));
    same(logical_and(a, b), logical_and(a_strided, b_strided));
    same(div(a, b), div(a_strided, b_strided));  // float32 for the integral dtypes
    same(atan2(a, b), atan2(a_strided, b_strided));
    same(add(a, b, 2), add(a_strided, b_strided, 2));  // an alpha other than 1 leaves the lane
    same(a + 2, a_strided + 2);
    same(mul(3, a), mul(3, a_strided));
    same(a + 2.5, a_strided + 2.5);  // a float number lifts integral tensors to float32
    if (dt != kBool) {
      same(a - b, a_strided - b_strided);
      Tensor flat = a.clone(), strided = a_strided.clone();
      flat.mul_(b);
      strided.mul_(b_strided);
      same(flat, strided);
      flat.add_(flat);  // the very same elements on both sides
      strided.add_(strided);
      same(flat, strided);
      flat.sub_(1);
      strided.sub_(1);
      same(flat, strided);
    }
  }
}

TEST(BinaryFlatPath, InPlaceBumpsTheVersionAndKeepsViewsInStep) {
  Tensor base = zeros({2, 3});
  Tensor row = base.select(0, 1);  // contiguous view into base
  const uint32_t before = base.storage().version();
  row.add_(ones({3}));
  EXPECT_GT(base.storage().version(), before);
  EXPECT_TRUE(equal(base, tensor({{0.f, 0.f, 0.f}, {1.f, 1.f, 1.f}})));
  // An int tensor cannot take a float result in place: PyTorch's cast error, tensor unchanged.
  Tensor ints = ones({3}, kInt64);
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Long", ints.add_(1.5));
  EXPECT_TRUE(equal(ints, ones({3}, kInt64)));
}
