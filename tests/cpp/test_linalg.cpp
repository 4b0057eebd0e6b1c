// Matrix products (semantics.md R11): every rank rule of matmul, mm, bmm, mv, dot, outer and
// addmm against a naive double-precision reference computed here, over every dtype, strided,
// transposed and expanded operands, empty and K = 0 cases, and every error message.
#include <algorithm>
#include <cmath>
#include <limits>

#include "test_util.h"

namespace {

using namespace ctorch_test;
using ctorch::ScalarType;
using Shape = std::vector<int64_t>;

const ScalarType kNonBoolDtypes[] = {ctorch::kUInt8,   ctorch::kInt8,     ctorch::kInt16,
                                     ctorch::kInt32,   ctorch::kInt64,    ctorch::kFloat16,
                                     ctorch::kBFloat16, ctorch::kFloat32, ctorch::kFloat64};

int64_t numel(const Shape& s) {
  int64_t n = 1;
  for (int64_t d : s) n *= d;
  return n;
}

Tensor from_doubles(std::vector<double> v, const Shape& shape, ScalarType dtype) {
  return ctorch::from_blob(v.data(), shape, ctorch::kFloat64).to(dtype, /*copy=*/true);
}

// Small values every dtype holds exactly, whose products and short sums stay exact in float:
// integers in [-4, 4] ([0, 8] for uint8), quarters in [-2, 2] for the floating dtypes.
Tensor sample(const Shape& shape, ScalarType dtype, int seed = 0) {
  std::vector<double> v(static_cast<size_t>(numel(shape)));
  for (size_t i = 0; i < v.size(); ++i) {
    const int64_t r = static_cast<int64_t>((i * 7 + static_cast<size_t>(seed) * 13 + 3) % 9);
    if (dtype == ctorch::kUInt8) {
      v[i] = static_cast<double>(r);
    } else if (ctorch::is_floating_point(dtype)) {
      v[i] = static_cast<double>(r - 4) / 2.0 + (i % 2 ? 0.25 : 0.0);
    } else {
      v[i] = static_cast<double>(r - 4);
    }
  }
  return from_doubles(v, shape, dtype);
}

// torch.matmul's rank rules, computed naively in double: 1-D operands become a row / a column,
// batch dims broadcast, the added dims are dropped from the result.
struct Reference {
  Shape shape;
  std::vector<double> values;
};

Reference reference_matmul(const Tensor& a, const Tensor& b) {
  const std::vector<double> av = doubles(a), bv = doubles(b);
  Shape as = shape(a), bs = shape(b);
  const bool drop_row = as.size() == 1, drop_col = bs.size() == 1;
  if (drop_row) as.insert(as.begin(), 1);
  if (drop_col) bs.push_back(1);
  const int64_t n = as[as.size() - 2], k = as.back(), p = bs.back();
  Shape ba(as.begin(), as.end() - 2), bb(bs.begin(), bs.end() - 2);
  const size_t nd = std::max(ba.size(), bb.size());
  ba.insert(ba.begin(), nd - ba.size(), 1);
  bb.insert(bb.begin(), nd - bb.size(), 1);
  Shape batch(nd);
  for (size_t i = 0; i < nd; ++i) batch[i] = ba[i] == 1 ? bb[i] : ba[i];
  Reference r;
  for (int64_t flat = 0; flat < numel(batch); ++flat) {
    int64_t rest = flat, ia = 0, ib = 0, sa = 1, sb = 1;
    for (size_t d = nd; d-- > 0;) {
      const int64_t idx = rest % batch[d];
      rest /= batch[d];
      ia += (ba[d] == 1 ? 0 : idx) * sa;
      ib += (bb[d] == 1 ? 0 : idx) * sb;
      sa *= ba[d];
      sb *= bb[d];
    }
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < p; ++j) {
        double s = 0;
        for (int64_t q = 0; q < k; ++q) s += av[ia * n * k + i * k + q] * bv[ib * k * p + q * p + j];
        r.values.push_back(s);
      }
  }
  r.shape = batch;
  if (!drop_row) r.shape.push_back(n);
  if (!drop_col) r.shape.push_back(p);
  return r;
}

// The result must have the reference's shape and dtype and its values rounded once to the dtype.
::testing::AssertionResult matches_reference(const Tensor& result, const Tensor& a, const Tensor& b) {
  const Reference r = reference_matmul(a, b);
  if (shape(result) != r.shape) return ::testing::AssertionFailure() << "shape " << result.shape();
  if (result.dtype() != a.dtype()) return ::testing::AssertionFailure() << "dtype " << result.dtype();
  // Integers wrap: round through int64 (exact here) so the conversion is the modular one.
  const bool integral = ctorch::is_integral(a.dtype(), /*include_bool=*/false);
  const Tensor exact = from_doubles(r.values, r.shape, integral ? ctorch::kInt64 : ctorch::kFloat64);
  const std::vector<double> expected = doubles(exact.to(a.dtype()));
  const std::vector<double> got = doubles(result);
  for (size_t i = 0; i < got.size(); ++i) {
    if (!same_bits(got[i], expected[i]))
      return ::testing::AssertionFailure() << "element " << i << ": " << got[i] << " != " << expected[i];
  }
  return ::testing::AssertionSuccess();
}

// ---- matmul: every rank combination, every dtype ------------------------------------------------
const std::vector<std::pair<Shape, Shape>> kRankCases = {
    {{3}, {3}},                    // 1-D . 1-D: dot, zero-dim result
    {{2, 3}, {3}},                 // 2-D . 1-D: mv
    {{3}, {3, 4}},                 // 1-D . 2-D: [1, 3] @ [3, 4], row dropped
    {{2, 3}, {3, 4}},              // 2-D . 2-D: mm
    {{2, 2, 3}, {3}},              // 3-D . 1-D: folded mv
    {{3}, {2, 3, 4}},              // 1-D . 3-D: folded through the transpose
    {{2, 2, 3}, {3, 4}},           // 3-D . 2-D: folded mm
    {{2, 3}, {5, 3, 4}},           // 2-D . 3-D: batched, a broadcast
    {{2, 2, 3}, {2, 3, 4}},        // 3-D . 3-D: bmm
    {{2, 1, 2, 3}, {3, 3, 2}},     // 4-D . 3-D: batch dims broadcast [2, 1] with [3]
    {{2, 1, 2, 3}, {1, 3, 3, 2}},  // 4-D . 4-D: both broadcast
    {{1, 2, 3}, {4, 3, 5}},        // size-1 batch broadcast
    {{2, 3, 2, 3}, {3}},           // 4-D . 1-D
    {{3}, {2, 2, 3, 4}},           // 1-D . 4-D
    {{2, 3, 2, 3}, {3, 2}},        // 4-D . 2-D
    {{2, 3}, {2, 2, 3, 4}},        // 2-D . 4-D
};

TEST(Matmul, EveryRankCombinationEveryDtype) {
  for (ScalarType dtype : kNonBoolDtypes) {
    for (const auto& [sa, sb] : kRankCases) {
      const Tensor a = sample(sa, dtype, 1), b = sample(sb, dtype, 2);
      EXPECT_TRUE(matches_reference(ctorch::matmul(a, b), a, b))
          << dtype << " " << ctorch::Size(sa) << " @ " << ctorch::Size(sb);
    }
  }
}

TEST(Matmul, OneDimensionalResultsDropTheAddedDims) {
  const Tensor v = sample({3}, ctorch::kFloat32);
  EXPECT_EQ(ctorch::matmul(v, v).dim(), 0);
  EXPECT_EQ(shape(ctorch::matmul(sample({2, 3}, ctorch::kFloat32), v)), (Shape{2}));
  EXPECT_EQ(shape(ctorch::matmul(v, sample({3, 4}, ctorch::kFloat32))), (Shape{4}));
  EXPECT_EQ(shape(ctorch::matmul(v, sample({5, 3, 4}, ctorch::kFloat32))), (Shape{5, 4}));
  EXPECT_EQ(shape(ctorch::matmul(sample({5, 2, 3}, ctorch::kFloat32), v)), (Shape{5, 2}));
}

TEST(Matmul, NonContiguousBatchesTakeTheBatchedPath) {
  // A transposed batch can not be folded without a copy: the batched path gives the same values.
  for (ScalarType dtype : {ctorch::kFloat32, ctorch::kInt32, ctorch::kFloat16}) {
    const Tensor a = sample({2, 4, 3}, dtype, 3).transpose(0, 1);  // [4, 2, 3], batch strides swapped
    const Tensor b = sample({3, 5}, dtype, 4);
    EXPECT_TRUE(matches_reference(ctorch::matmul(a, b), a, b)) << dtype;
    const Tensor v = sample({3}, dtype, 5);
    EXPECT_TRUE(matches_reference(ctorch::matmul(a, v), a, v)) << dtype;
    const Tensor c = sample({3, 2, 4}, dtype, 6).transpose(0, 1);  // [2, 3, 4]
    EXPECT_TRUE(matches_reference(ctorch::matmul(sample({4, 3}, dtype), c), sample({4, 3}, dtype), c));
  }
}

TEST(Matmul, RequiresGradOnTheSmallerOperandStillComputes) {
  const Tensor a = sample({2, 3, 4}, ctorch::kFloat32);
  Tensor b = sample({4, 2}, ctorch::kFloat32);
  b.requires_grad_();
  EXPECT_TRUE(matches_reference(ctorch::matmul(a, b), a, b));
  Tensor m = sample({5, 3}, ctorch::kFloat32);
  m.requires_grad_();
  const Tensor c = sample({2, 3, 4}, ctorch::kFloat32);
  EXPECT_TRUE(matches_reference(ctorch::matmul(m, c), m, c));  // folded, transposed back
}

// ---- strided operands: NoTrans, Trans and copied layouts for the BLAS, any strides elsewhere ----
TEST(LinalgMm, TransposedSlicedAndExpandedOperands) {
  for (ScalarType dtype : kNonBoolDtypes) {
    const Tensor base_a = sample({6, 5}, dtype, 1), base_b = sample({5, 7}, dtype, 2);
    const std::vector<std::pair<Tensor, Tensor>> cases = {
        {base_a, base_b},
        {sample({5, 6}, dtype, 3).t(), base_b},                       // a transposed
        {base_a, sample({7, 5}, dtype, 4).t()},                       // b transposed
        {sample({5, 6}, dtype, 3).t(), sample({7, 5}, dtype, 4).t()},  // both
        {sample({6, 10}, dtype, 5).slice(1, 0, 10, 2), base_b},        // column step 2: copied
        {base_a, sample({10, 7}, dtype, 6).slice(0, 0, 10, 2)},        // row step 2: ld = 14
        {sample({5}, dtype, 7).expand({6, 5}), base_b},                // stride-0 rows
        {base_a, sample({5, 1}, dtype, 8).expand({5, 7})},             // stride-0 columns
        {sample({6, 5, 2}, dtype, 9).select(2, 1), base_b},            // both strides > 1
    };
    for (size_t i = 0; i < cases.size(); ++i) {
      const auto& [a, b] = cases[i];
      EXPECT_TRUE(matches_reference(ctorch::mm(a, b), a, b)) << dtype << " case " << i;
    }
  }
}

TEST(LinalgMm, VectorShapedMatricesUseEveryGemvLayout) {
  for (ScalarType dtype : {ctorch::kFloat32, ctorch::kFloat64, ctorch::kInt64}) {
    const Tensor row = sample({1, 6}, dtype, 1), col = sample({6, 1}, dtype, 2);
    const Tensor m = sample({6, 4}, dtype, 3), mt = sample({4, 6}, dtype, 4).t();
    EXPECT_TRUE(matches_reference(ctorch::mm(row, m), row, m));
    EXPECT_TRUE(matches_reference(ctorch::mm(row, mt), row, mt));
    EXPECT_TRUE(matches_reference(ctorch::mm(mt.t(), col), mt.t(), col));
    EXPECT_TRUE(matches_reference(ctorch::mm(m.t(), col), m.t(), col));
    const Tensor strided_col = sample({12, 1}, dtype, 5).slice(0, 0, 12, 2);
    EXPECT_TRUE(matches_reference(ctorch::mm(mt.t(), strided_col), mt.t(), strided_col));
    const Tensor strided_row = sample({1, 12}, dtype, 6).slice(1, 0, 12, 2);
    EXPECT_TRUE(matches_reference(ctorch::mm(strided_row, m), strided_row, m));
  }
}

TEST(LinalgMm, LargerThanOneBlockAgreesWithTheReference) {
  // 37 rows (not a multiple of the 4-row block), 300 columns (two column blocks), K = 70.
  for (ScalarType dtype : {ctorch::kFloat32, ctorch::kFloat64, ctorch::kInt32, ctorch::kBFloat16}) {
    const Tensor a = sample({37, 70}, dtype, 1), b = sample({300, 70}, dtype, 2).t();
    // bfloat16: the exact float sums need more than 8 bits; one rounding, as the reference's.
    EXPECT_TRUE(matches_reference(ctorch::mm(a, b), a, b)) << dtype;
  }
}

TEST(LinalgBmm, StridedAndBroadcastBatches) {
  for (ScalarType dtype : {ctorch::kFloat32, ctorch::kFloat64, ctorch::kInt16, ctorch::kFloat16}) {
    const Tensor a = sample({3, 2, 4}, dtype, 1), b = sample({3, 4, 5}, dtype, 2);
    EXPECT_TRUE(matches_reference(ctorch::bmm(a, b), a, b)) << dtype;
    const Tensor at = sample({3, 4, 2}, dtype, 3).transpose(1, 2);
    const Tensor bt = sample({5, 3, 4}, dtype, 4).permute({1, 2, 0});
    EXPECT_TRUE(matches_reference(ctorch::bmm(at, bt), at, bt)) << dtype;
    const Tensor shared = sample({1, 4, 5}, dtype, 5).expand({3, 4, 5});  // batch stride 0
    EXPECT_TRUE(matches_reference(ctorch::bmm(a, shared), a, shared)) << dtype;
  }
}

// ---- mv, dot, outer --------------------------------------------------------------------------
TEST(LinalgMv, EveryDtypeAndStridedOperands) {
  for (ScalarType dtype : kNonBoolDtypes) {
    const Tensor m = sample({4, 3}, dtype, 1), v = sample({3}, dtype, 2);
    EXPECT_TRUE(matches_reference(ctorch::mv(m, v), m, v)) << dtype;
    const Tensor mt = sample({3, 4}, dtype, 3).t();
    const Tensor vs = sample({6}, dtype, 4).slice(0, 0, 6, 2);
    EXPECT_TRUE(matches_reference(ctorch::mv(mt, vs), mt, vs)) << dtype;
    const Tensor ve = sample({1}, dtype, 5).expand({3});
    EXPECT_TRUE(matches_reference(ctorch::mv(m, ve), m, ve)) << dtype;
  }
}

TEST(LinalgDot, EveryDtypeAndStridedOperands) {
  for (ScalarType dtype : kNonBoolDtypes) {
    const Tensor a = sample({5}, dtype, 1), b = sample({10}, dtype, 2).slice(0, 0, 10, 2);
    const Tensor r = ctorch::dot(a, b);
    EXPECT_EQ(r.dim(), 0);
    EXPECT_TRUE(matches_reference(r, a, b)) << dtype;
    const Tensor e = sample({1}, dtype, 3).expand({5});
    EXPECT_TRUE(matches_reference(ctorch::dot(a, e), a, e)) << dtype;
  }
}

TEST(LinalgDot, ReducedFloatsAccumulateInFloatAndRoundOnce) {
  // 2048 + 1 + 1 + 1 + 1: summing in float16 would stick at 2048; float gives 2052 (a float16).
  for (ScalarType dtype : {ctorch::kFloat16, ctorch::kBFloat16}) {
    const double big = dtype == ctorch::kFloat16 ? 2048 : 256;
    const Tensor a = from_doubles({big, 1, 1, 1, 1}, {5}, dtype), ones = ctorch::ones({5}, dtype);
    EXPECT_EQ(ctorch::dot(a, ones).item<double>(), big + 4) << dtype;
    EXPECT_EQ(ctorch::mm(a.unsqueeze(0), ones.unsqueeze(1)).item<double>(), big + 4) << dtype;
    EXPECT_EQ(ctorch::mv(a.unsqueeze(0), ones).item<double>(), big + 4) << dtype;
  }
}

TEST(LinalgMm, IntegersWrap) {
  const Tensor a = ctorch::full({2, 2}, 20, ctorch::kUInt8), b = ctorch::full({2, 2}, 10, ctorch::kUInt8);
  EXPECT_EQ(values<uint8_t>(ctorch::mm(a, b)), (std::vector<uint8_t>{144, 144, 144, 144}));
  const Tensor c = ctorch::full({1, 3}, 100, ctorch::kInt8);
  EXPECT_EQ(values<int8_t>(ctorch::mm(c, c.t())), (std::vector<int8_t>{48}));  // 30000 mod 256
  const int64_t big = std::numeric_limits<int64_t>::max();
  const Tensor d = ctorch::full({2}, big, ctorch::kInt64);
  EXPECT_EQ(ctorch::dot(d, d).item<int64_t>(), 2);  // 2 * (2^63 - 1)^2 mod 2^64
  const Tensor i32 = ctorch::full({2, 2}, 65536, ctorch::kInt32);
  EXPECT_EQ(values<int32_t>(ctorch::matmul(i32, i32)), (std::vector<int32_t>{0, 0, 0, 0}));
}

TEST(LinalgOuter, ValuesPromotionAndBool) {
  const Tensor a = ctorch::tensor({1, 2, 3}), b = ctorch::tensor({0.5, -1.0});
  const Tensor r = ctorch::outer(a, b);
  EXPECT_EQ(r.dtype(), ctorch::kFloat32);
  EXPECT_EQ(shape(r), (Shape{3, 2}));
  EXPECT_EQ(doubles(r), (D{0.5, -1, 1, -2, 1.5, -3}));
  const Tensor t = ctorch::tensor({true, false}), f = ctorch::tensor({true, true, false});
  const Tensor rb = ctorch::outer(t, f);
  EXPECT_EQ(rb.dtype(), ctorch::kBool);
  EXPECT_EQ(values<bool>(rb), (std::vector<bool>{true, true, false, false, false, false}));
  const Tensor u = ctorch::full({2}, 200, ctorch::kUInt8);
  EXPECT_EQ(values<uint8_t>(ctorch::outer(u, u)), (std::vector<uint8_t>{64, 64, 64, 64}));
  EXPECT_EQ(shape(ctorch::outer(ctorch::zeros({0}), b)), (Shape{0, 2}));
}

// ---- addmm -----------------------------------------------------------------------------------
TEST(LinalgAddmm, BetaAlphaAndBroadcastInput) {
  for (ScalarType dtype : {ctorch::kFloat32, ctorch::kFloat64, ctorch::kInt64, ctorch::kFloat16}) {
    const Tensor m1 = sample({3, 4}, dtype, 1), m2 = sample({4, 2}, dtype, 2);
    const Tensor input = from_doubles({1, -2}, {2}, dtype);  // broadcast over rows
    const std::vector<double> prod = doubles(ctorch::mm(m1, m2));
    const Tensor r = ctorch::addmm(input, m1, m2, 2, 3);
    EXPECT_EQ(shape(r), (Shape{3, 2}));
    const std::vector<double> got = doubles(r);
    for (size_t i = 0; i < got.size(); ++i)
      EXPECT_EQ(got[i], 2 * (i % 2 ? -2.0 : 1.0) + 3 * prod[i]) << dtype << " " << i;
    EXPECT_EQ(doubles(ctorch::addmm(input, m1, m2)), doubles(ctorch::addmm(input, m1, m2, 1, 1)));
  }
}

TEST(LinalgAddmm, BetaZeroIgnoresInputNaN) {
  const Tensor input = ctorch::full({2, 2}, NAN);
  const Tensor m = ctorch::eye(2);
  EXPECT_EQ(doubles(ctorch::addmm(input, m, m, 0, 1)), (D{1, 0, 0, 1}));
  EXPECT_TRUE(std::isnan(doubles(ctorch::addmm(input, m, m))[0]));
  // K = 0: beta * input, or zeros when beta is 0.
  const Tensor e1 = ctorch::zeros({2, 0}), e2 = ctorch::zeros({0, 2});
  EXPECT_EQ(doubles(ctorch::addmm(ctorch::ones({2, 2}), e1, e2, 3, 1)), (D{3, 3, 3, 3}));
  EXPECT_EQ(doubles(ctorch::addmm(input, e1, e2, 0, 1)), (D{0, 0, 0, 0}));
}

// ---- empty operands and K = 0 ----------------------------------------------------------------
TEST(LinalgEmpty, ZeroSizedDimsAndZeroContraction) {
  for (ScalarType dtype : {ctorch::kFloat32, ctorch::kFloat64, ctorch::kInt32, ctorch::kBFloat16, ctorch::kBool}) {
    const Tensor k0 = ctorch::mm(ctorch::zeros({2, 0}, dtype), ctorch::zeros({0, 3}, dtype));
    EXPECT_EQ(shape(k0), (Shape{2, 3}));
    EXPECT_EQ(doubles(k0), D(6, 0.0)) << dtype;
    EXPECT_EQ(shape(ctorch::mm(ctorch::zeros({0, 3}, dtype), ctorch::zeros({3, 4}, dtype))), (Shape{0, 4}));
    EXPECT_EQ(shape(ctorch::bmm(ctorch::zeros({0, 2, 3}, dtype), ctorch::zeros({0, 3, 4}, dtype))),
              (Shape{0, 2, 4}));
    EXPECT_EQ(doubles(ctorch::bmm(ctorch::zeros({2, 1, 0}, dtype), ctorch::zeros({2, 0, 2}, dtype))),
              D(4, 0.0));
    EXPECT_EQ(doubles(ctorch::mv(ctorch::zeros({3, 0}, dtype), ctorch::zeros({0}, dtype))), D(3, 0.0));
    EXPECT_EQ(shape(ctorch::matmul(ctorch::zeros({2, 0, 3}, dtype), ctorch::zeros({3, 5}, dtype))),
              (Shape{2, 0, 5}));
    EXPECT_EQ(doubles(ctorch::matmul(ctorch::zeros({3, 2, 0}, dtype), ctorch::zeros({0}, dtype))),
              D(6, 0.0));
    EXPECT_EQ(shape(ctorch::matmul(ctorch::zeros({0}, dtype), ctorch::zeros({2, 0, 3}, dtype))),
              (Shape{2, 3}));
  }
  for (ScalarType dtype : kNonBoolDtypes)
    EXPECT_EQ(ctorch::dot(ctorch::zeros({0}, dtype), ctorch::zeros({0}, dtype)).item<double>(), 0.0);
}

TEST(LinalgEmpty, UninitializedOutputIsNeverRead) {
  // Results are written into fresh, uninitialized memory: run twice so garbage would show.
  for (int round = 0; round < 2; ++round) {
    const Tensor a = ctorch::ones({3, 2}, ctorch::kFloat32);
    EXPECT_EQ(doubles(ctorch::mv(a, ctorch::ones({2}))), (D{2, 2, 2}));
    EXPECT_EQ(doubles(ctorch::mm(ctorch::ones({1, 2}), a.t())), (D{2, 2, 2}));
  }
}

// ---- error messages (PyTorch 2.x) --------------------------------------------------------------
TEST(LinalgErrors, Mm) {
  const Tensor f23 = ctorch::zeros({2, 3}), f3 = ctorch::zeros({3});
  EXPECT_CTORCH_ERROR(Runtime, "mm: self must be a matrix, got 1-D tensor", ctorch::mm(f3, f23));
  EXPECT_CTORCH_ERROR(Runtime, "mm: mat2 must be a matrix, got 1-D tensor", ctorch::mm(f23, f3));
  EXPECT_CTORCH_ERROR(Runtime, "mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)", ctorch::mm(f23, f23));
  EXPECT_CTORCH_ERROR(Runtime, "expected m1 and m2 to have the same dtype, but got: long int != float",
                      ctorch::mm(ctorch::zeros({2, 3}, ctorch::kInt64), ctorch::zeros({3, 2})));
  const std::pair<ScalarType, const char*> names[] = {
      {ctorch::kBool, "bool"},          {ctorch::kUInt8, "unsigned char"}, {ctorch::kInt8, "signed char"},
      {ctorch::kInt16, "short int"},    {ctorch::kInt32, "int"},           {ctorch::kFloat16, "c10::Half"},
      {ctorch::kBFloat16, "c10::BFloat16"}, {ctorch::kFloat64, "double"}};
  for (const auto& [dtype, name] : names) {
    EXPECT_CTORCH_ERROR(Runtime, std::string("expected m1 and m2 to have the same dtype, but got: float != ") + name,
                        ctorch::mm(ctorch::zeros({2, 3}), ctorch::zeros({3, 2}, dtype)));
  }
  const Tensor b = ctorch::ones({2, 2}, ctorch::kBool);
  EXPECT_CTORCH_ERROR(NotImplemented, "\"addmm_impl_cpu_\" not implemented for 'Bool'", ctorch::mm(b, b));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"addmm_impl_cpu_\" not implemented for 'Bool'", ctorch::matmul(b, b));
}

// An empty product is zeros of batch2's dtype before the dtypes are compared (PyTorch 2.15).
TEST(LinalgErrors, BmmEmptyIgnoresDtypes) {
  const Tensor r = ctorch::bmm(ctorch::zeros({1, 5, 0}), ctorch::zeros({1, 0, 2}, ctorch::kFloat16));
  EXPECT_EQ(r.dtype(), ctorch::kFloat16);
  EXPECT_EQ(shape(r), (I64{1, 5, 2}));
  EXPECT_EQ(doubles(r), std::vector<double>(10, 0.0));
  EXPECT_EQ(ctorch::bmm(ctorch::zeros({0, 5, 3}), ctorch::zeros({0, 3, 2}, ctorch::kFloat64)).dtype(), ctorch::kFloat64);
  EXPECT_CTORCH_ERROR(Runtime, "expected scalar type Float but found Half",
                      ctorch::bmm(ctorch::zeros({1, 5, 1}), ctorch::zeros({1, 1, 2}, ctorch::kFloat16)));
}

TEST(LinalgErrors, Bmm) {
  const Tensor f23 = ctorch::zeros({2, 3}), f223 = ctorch::zeros({2, 2, 3});
  EXPECT_CTORCH_ERROR(Runtime, "batch1 must be a 3D tensor", ctorch::bmm(f23, f223));
  EXPECT_CTORCH_ERROR(Runtime, "batch2 must be a 3D tensor", ctorch::bmm(f223, f23));
  EXPECT_CTORCH_ERROR(Runtime, "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3].",
                      ctorch::bmm(f223, ctorch::zeros({3, 3, 4})));
  EXPECT_CTORCH_ERROR(Runtime, "expected scalar type Float but found Long",
                      ctorch::bmm(f223, ctorch::zeros({2, 3, 4}, ctorch::kInt64)));
  const Tensor b = ctorch::ones({1, 2, 2}, ctorch::kBool);
  EXPECT_CTORCH_ERROR(NotImplemented, "\"bmm\" not implemented for 'Bool'", ctorch::bmm(b, b));
}

TEST(LinalgErrors, Matmul) {
  EXPECT_CTORCH_ERROR(Runtime, "both arguments to matmul need to be at least 1D, but they are 0D and 0D",
                      ctorch::matmul(ctorch::tensor(1.0), ctorch::tensor(2.0)));
  EXPECT_CTORCH_ERROR(Runtime, "both arguments to matmul need to be at least 1D, but they are 2D and 0D",
                      ctorch::matmul(ctorch::zeros({2, 2}), ctorch::tensor(2.0)));
  EXPECT_CTORCH_ERROR(Runtime, "mm: mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)",
                      ctorch::matmul(ctorch::zeros({3}), ctorch::zeros({4, 5})));
  EXPECT_CTORCH_ERROR(Runtime, "size mismatch, got input (2), mat (2x3), vec (4)",
                      ctorch::matmul(ctorch::zeros({2, 3}), ctorch::zeros({4})));
  EXPECT_CTORCH_ERROR(Runtime,
                      "inconsistent tensor size, expected tensor [2] and src [3] to have the same number of "
                      "elements, but got 2 and 3 elements respectively",
                      ctorch::matmul(ctorch::zeros({2}), ctorch::zeros({3})));
  EXPECT_CTORCH_ERROR(Runtime, "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0",
                      ctorch::matmul(ctorch::zeros({2, 2, 3}), ctorch::zeros({3, 3, 4})));
  // Folded: [2, 2, 3] @ [4, 2] is one mm of [4, 3] @ [4, 2].
  EXPECT_CTORCH_ERROR(Runtime, "mm: mat1 and mat2 shapes cannot be multiplied (4x3 and 4x2)",
                      ctorch::matmul(ctorch::zeros({2, 2, 3}), ctorch::zeros({4, 2})));
  // Batched: [2, 3] @ [2, 4, 5] is a bmm of [2, 2, 3] @ [2, 4, 5].
  EXPECT_CTORCH_ERROR(Runtime, "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].",
                      ctorch::matmul(ctorch::zeros({2, 3}), ctorch::zeros({2, 4, 5})));
  EXPECT_CTORCH_ERROR(Runtime, "expected m1 and m2 to have the same dtype, but got: int != long int",
                      ctorch::matmul(ctorch::zeros({2, 2}, ctorch::kInt32), ctorch::zeros({2, 2}, ctorch::kInt64)));
  EXPECT_CTORCH_ERROR(Runtime, "dot : expected both vectors to have same dtype, but found Long and Float",
                      ctorch::matmul(ctorch::zeros({2}, ctorch::kInt64), ctorch::zeros({2})));
}

TEST(LinalgErrors, MvDotOuter) {
  EXPECT_CTORCH_ERROR(Index, "Dimension specified as 0 but tensor has no dimensions",
                      ctorch::mv(ctorch::tensor(1.0), ctorch::zeros({2})));
  EXPECT_CTORCH_ERROR(Runtime, "vector + matrix @ vector expected, got 1, 3, 1",
                      ctorch::mv(ctorch::zeros({2, 2, 2}), ctorch::zeros({2})));
  EXPECT_CTORCH_ERROR(Runtime, "vector + matrix @ vector expected, got 1, 2, 2",
                      ctorch::mv(ctorch::zeros({2, 2}), ctorch::zeros({2, 2})));
  EXPECT_CTORCH_ERROR(Runtime, "size mismatch, got input (2), mat (2x3), vec (4)",
                      ctorch::mv(ctorch::zeros({2, 3}), ctorch::zeros({4})));
  EXPECT_CTORCH_ERROR(Runtime, "addmv input tensors must have the same dtype, but got Float, Long, and Float",
                      ctorch::mv(ctorch::zeros({2, 3}, ctorch::kInt64), ctorch::zeros({3})));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"addmv_impl_cpu\" not implemented for 'Bool'",
                      ctorch::mv(ctorch::ones({2, 3}, ctorch::kBool), ctorch::ones({3}, ctorch::kBool)));
  EXPECT_CTORCH_ERROR(Runtime, "1D tensors expected, but got 2D and 2D tensors",
                      ctorch::dot(ctorch::zeros({2, 2}), ctorch::zeros({2, 2})));
  EXPECT_CTORCH_ERROR(Runtime, "dot : expected both vectors to have same dtype, but found Long and Float",
                      ctorch::dot(ctorch::zeros({2}, ctorch::kInt64), ctorch::zeros({2})));
  EXPECT_CTORCH_ERROR(Runtime,
                      "inconsistent tensor size, expected tensor [2] and src [3] to have the same number of "
                      "elements, but got 2 and 3 elements respectively",
                      ctorch::dot(ctorch::zeros({2}), ctorch::zeros({3})));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"dot\" not implemented for 'Bool'",
                      ctorch::dot(ctorch::ones({2}, ctorch::kBool), ctorch::ones({2}, ctorch::kBool)));
  EXPECT_CTORCH_ERROR(Runtime, "outer: Expected 1-D argument self, but got 2-D",
                      ctorch::outer(ctorch::zeros({2, 2}), ctorch::zeros({2})));
  EXPECT_CTORCH_ERROR(Runtime, "outer: Expected 1-D argument vec2, but got 0-D",
                      ctorch::outer(ctorch::zeros({2}), ctorch::tensor(1.0)));
}

TEST(LinalgErrors, Addmm) {
  const Tensor f23 = ctorch::zeros({2, 3}), f34 = ctorch::zeros({3, 4}), in = ctorch::zeros({2, 4});
  EXPECT_CTORCH_ERROR(Runtime, "addmm: self must be a matrix, got 1-D tensor", ctorch::addmm(in, ctorch::zeros({3}), f34));
  EXPECT_CTORCH_ERROR(Runtime, "addmm: mat2 must be a matrix, got 3-D tensor",
                      ctorch::addmm(in, f23, ctorch::zeros({1, 3, 4})));
  EXPECT_CTORCH_ERROR(Runtime, "addmm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)", ctorch::addmm(in, f23, f23));
  EXPECT_CTORCH_ERROR(Runtime, "self and mat2 must have the same dtype, but got Float and Double",
                      ctorch::addmm(in, f23, ctorch::zeros({3, 4}, ctorch::kFloat64)));
  EXPECT_CTORCH_ERROR(Runtime, "mat1 and mat2 must have the same dtype, but got Double and Float",
                      ctorch::addmm(in, ctorch::zeros({2, 3}, ctorch::kFloat64), f34));
  EXPECT_CTORCH_ERROR(Runtime, "self and mat2 must have the same dtype, but got Double and Float",
                      ctorch::addmm(ctorch::zeros({2, 4}, ctorch::kFloat64), f23, f34));
  const Tensor bad = ctorch::zeros({3});
  const CaughtError expand_error = catch_error([&] { (void)bad.expand({2, 4}); });
  ASSERT_TRUE(expand_error.thrown);
  EXPECT_CTORCH_ERROR(Runtime, expand_error.what, ctorch::addmm(bad, f23, f34));
  const Tensor b = ctorch::ones({2, 2}, ctorch::kBool);
  EXPECT_CTORCH_ERROR(NotImplemented, "\"addmm_impl_cpu_\" not implemented for 'Bool'", ctorch::addmm(b, b, b));
}

}  // namespace
