// Reductions and scans (semantics.md §10): result dtypes and shapes, dims, views, empty and
// zero-dim inputs, NaN and ties, accuracy of large float sums, thread-count independence and
// every error message. Expectations are hand-computed or double-precision references computed
// here (and were checked against PyTorch).
#include <cmath>
#include <limits>
#include <vector>

#include "ctorch/parallel.h"
#include "test_util.h"

using namespace ctorch_test;
using ctorch::IntArrayRef;

namespace {


// [[-5, 5, 5], [-2, 1, 13]] as int64, the vectors' matrix.
Tensor m23() { return ctorch::tensor({{-5, 5, 5}, {-2, 1, 13}}); }
Tensor f23() { return ctorch::tensor({{3.5, 6.75, 7.0}, {7.25, -1.75, -5.75}}, ctorch::kFloat32); }

// A deterministic pseudo-random float32 tensor in [-1, 1) (plus `offset`), owning its data.
Tensor random_floats(std::vector<int64_t> shape, uint64_t seed, float offset = 0) {
  int64_t n = 1;
  for (int64_t s : shape) n *= s;
  Tensor t = ctorch::empty(shape, ctorch::kFloat32);
  float* p = t.data_ptr<float>();
  for (int64_t i = 0; i < n; ++i) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    p[i] = static_cast<float>(static_cast<double>(seed >> 40) / double(1 << 23) - 1.0) + offset;
  }
  return t;
}

bool close(double got, double want, double rtol) {
  return std::abs(got - want) <= rtol * std::abs(want) + 1e-30;
}

// Double-precision sums of a 2-D tensor along `dim` (0 or 1).
std::vector<double> ref_sums(const Tensor& t, int64_t dim) {
  const auto v = doubles(t);
  const int64_t rows = t.size(0), cols = t.size(1);
  std::vector<double> out(static_cast<size_t>(dim == 0 ? cols : rows), 0.0);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) out[dim == 0 ? c : r] += v[r * cols + c];
  return out;
}

}  // namespace

// ---- dtypes (R10.1, R10.4, R10.8) -------------------------------------------------------------

TEST(ReduceDtype, EveryDtypeResult) {
  using ctorch::ScalarType;
  for (ScalarType dt : {ctorch::kBool, ctorch::kUInt8, ctorch::kInt8, ctorch::kInt16, ctorch::kInt32,
                        ctorch::kInt64, ctorch::kFloat16, ctorch::kBFloat16, ctorch::kFloat32,
                        ctorch::kFloat64}) {
    SCOPED_TRACE(ctorch::to_string(dt));
    Tensor t = ctorch::ones({2, 3}, ctorch::TensorOptions().dtype(dt));
    const bool integral = ctorch::is_integral(dt, true);
    const ScalarType acc = integral ? ctorch::kInt64 : dt;
    EXPECT_EQ(ctorch::sum(t).dtype(), acc);
    EXPECT_EQ(ctorch::sum(t, 1).dtype(), acc);
    EXPECT_EQ(ctorch::prod(t).dtype(), acc);
    EXPECT_EQ(ctorch::cumsum(t, 0).dtype(), acc);
    EXPECT_EQ(ctorch::cumprod(t, 1).dtype(), acc);
    EXPECT_EQ(ctorch::max(t).dtype(), dt);
    EXPECT_EQ(ctorch::amin(t, 0).dtype(), dt);
    EXPECT_EQ(ctorch::max(t, 0).indices.dtype(), ctorch::kInt64);
    if (dt == ctorch::kBool) {  // PyTorch 2.x refuses bool arg-reductions
      EXPECT_CTORCH_ERROR(NotImplemented, "argmin(): does not support bool input", ctorch::argmin(t));
      EXPECT_CTORCH_ERROR(NotImplemented, "argmax(): does not support bool input", ctorch::argmax(t, 0));
    } else {
      EXPECT_EQ(ctorch::argmin(t).dtype(), ctorch::kInt64);
    }
    const ScalarType logical = dt == ctorch::kUInt8 ? ctorch::kUInt8 : ctorch::kBool;
    EXPECT_EQ(ctorch::all(t).dtype(), logical);
    EXPECT_EQ(ctorch::any(t, 1).dtype(), logical);
    EXPECT_EQ(doubles(ctorch::sum(t)), D{6});
    EXPECT_EQ(doubles(ctorch::all(t)), D{1});
    if (!integral) {
      EXPECT_EQ(ctorch::mean(t).dtype(), dt);
      EXPECT_EQ(ctorch::var(t, 1).dtype(), dt);
      EXPECT_EQ(doubles(ctorch::mean(t, 0)), (D{1, 1, 1}));
      EXPECT_EQ(doubles(ctorch::std(t)), D{0});
    }
  }
}

TEST(ReduceDtype, IntegralAccumulatesInInt64) {
  EXPECT_EQ(values<int64_t>(ctorch::sum(ctorch::tensor({2147483647, 1}, ctorch::kInt32))),
            I64{2147483648});
  EXPECT_EQ(values<int64_t>(ctorch::sum(ctorch::tensor({true, false, true}))), I64{2});
  EXPECT_EQ(values<int64_t>(ctorch::prod(ctorch::tensor({100, 100, 100}, ctorch::kUInt8))),
            I64{1000000});
  EXPECT_EQ(values<int64_t>(ctorch::cumsum(ctorch::tensor({200, 100}, ctorch::kUInt8), 0)),
            (I64{200, 300}));
}

TEST(ReduceDtype, ExplicitDtypeConvertsFirst) {
  Tensor s = ctorch::sum(m23(), ctorch::kInt32);
  EXPECT_EQ(s.dtype(), ctorch::kInt32);
  EXPECT_EQ(values<int32_t>(s), std::vector<int32_t>{17});
  // prod in int8 wraps: 100 * 100 = 10000 -> 16
  EXPECT_EQ(values<int8_t>(ctorch::prod(ctorch::tensor({100, 100}), ctorch::kInt8)),
            std::vector<int8_t>{16});
  // converted first: 1.5 -> 1 in int64
  EXPECT_EQ(values<int64_t>(ctorch::sum(ctorch::tensor({1.5, 1.5}), ctorch::kInt64)), I64{2});
  EXPECT_EQ(doubles(ctorch::mean(m23(), ctorch::kFloat64)), D{17.0 / 6});
  EXPECT_EQ(doubles(ctorch::cumsum(m23(), 1, ctorch::kFloat32)), (D{-5, 0, 5, -2, -1, 12}));
  EXPECT_EQ(ctorch::sum(m23(), {0}, false, ctorch::kFloat64).dtype(), ctorch::kFloat64);
}

TEST(ReduceDtype, HalfMeanRoundsTheSumThenDivides) {
  Tensor h = ctorch::tensor({-2.75, -1.25, 1.0, 3.5}, ctorch::kFloat16);
  EXPECT_EQ(doubles(ctorch::mean(h)), D{0.125});
  EXPECT_EQ(doubles(ctorch::sum(ctorch::tensor({2.75, -0.25, -5.5, 3.0}, ctorch::kFloat16))), D{0});
  EXPECT_EQ(doubles(ctorch::mean(ctorch::tensor({1.0, 2.0}, ctorch::kBFloat16))), D{1.5});
}

// ---- dims, keepdim, shapes (R10.2) ----------------------------------------------------------------

TEST(ReduceDims, IntListNegativeAndKeepdim) {
  EXPECT_EQ(values<int64_t>(ctorch::sum(m23())), I64{17});
  EXPECT_EQ(values<int64_t>(ctorch::sum(m23(), 0)), (I64{-7, 6, 18}));
  EXPECT_EQ(values<int64_t>(ctorch::sum(m23(), -1)), (I64{5, 12}));
  EXPECT_EQ(values<int64_t>(ctorch::sum(m23(), {0, 1})), I64{17});
  EXPECT_EQ(values<int64_t>(ctorch::sum(m23(), {-1, 0})), I64{17});
  EXPECT_EQ(values<int64_t>(ctorch::sum(m23(), IntArrayRef{})), I64{17});
  EXPECT_EQ(shape(ctorch::sum(m23(), IntArrayRef{}, true)), (I64{1, 1}));
  Tensor k = ctorch::sum(m23(), 1, true);
  EXPECT_EQ(shape(k), (I64{2, 1}));
  EXPECT_EQ(values<int64_t>(k), (I64{5, 12}));
  EXPECT_EQ(shape(ctorch::amax(m23(), {0, 1}, true)), (I64{1, 1}));
  EXPECT_EQ(values<int64_t>(ctorch::amax(m23(), {0, 1})), I64{13});
  EXPECT_EQ(values<int64_t>(ctorch::amin(m23(), 0)), (I64{-5, 1, 5}));
  EXPECT_EQ(values<int64_t>(ctorch::prod(m23(), 1)), (I64{-125, -26}));
  EXPECT_EQ(shape(ctorch::prod(m23(), 0, true)), (I64{1, 3}));
}

TEST(ReduceDims, ThreeDimsMiddleAndOuter) {
  Tensor t = ctorch::arange(24).view({2, 3, 4});
  EXPECT_EQ(values<int64_t>(ctorch::sum(t, 1)), (I64{12, 15, 18, 21, 48, 51, 54, 57}));
  // dims 0 and 2 cannot be one run: (0+1+2+3) + (12+...+15) per middle index
  EXPECT_EQ(values<int64_t>(ctorch::sum(t, {0, 2})), (I64{60, 92, 124}));
  EXPECT_EQ(shape(ctorch::sum(t, {2, 0}, true)), (I64{1, 3, 1}));
  EXPECT_EQ(values<int64_t>(ctorch::amax(t, {0, 2})), (I64{15, 19, 23}));
  auto [v, i] = ctorch::max(t, 1);
  EXPECT_EQ(values<int64_t>(v), (I64{8, 9, 10, 11, 20, 21, 22, 23}));
  EXPECT_EQ(values<int64_t>(i), (I64{2, 2, 2, 2, 2, 2, 2, 2}));
}

TEST(ReduceViews, TransposedSlicedAndExpandedInputs) {
  Tensor t = m23().t();  // [[-5, -2], [5, 1], [5, 13]]
  EXPECT_EQ(values<int64_t>(ctorch::sum(t, 0)), (I64{5, 12}));
  EXPECT_EQ(values<int64_t>(ctorch::sum(t, 1)), (I64{-7, 6, 18}));
  EXPECT_EQ(values<int64_t>(ctorch::argmax(t)), I64{5});  // row-major index into the view
  EXPECT_EQ(values<int64_t>(ctorch::argmax(t, 0)), (I64{1, 2}));
  Tensor s = ctorch::arange(10)[{ctorch::Slice(1, std::nullopt, 3)}];  // [1, 4, 7]
  EXPECT_EQ(values<int64_t>(ctorch::sum(s)), I64{12});
  EXPECT_EQ(values<int64_t>(ctorch::cumsum(s, 0)), (I64{1, 5, 12}));
  Tensor e = ctorch::tensor({1, 2, 3}).expand({4, 3});
  EXPECT_EQ(values<int64_t>(ctorch::sum(e)), I64{24});
  EXPECT_EQ(values<int64_t>(ctorch::sum(e, 0)), (I64{4, 8, 12}));
  EXPECT_EQ(values<int64_t>(ctorch::sum(e, 1)), (I64{6, 6, 6, 6}));
  EXPECT_EQ(values<int64_t>(ctorch::argmax(e, 0)), (I64{0, 0, 0}));
  EXPECT_EQ(values<int64_t>(ctorch::argmin(e)), I64{0});
  EXPECT_EQ(values<int64_t>(ctorch::cumsum(e, 0)), (I64{1, 2, 3, 2, 4, 6, 3, 6, 9, 4, 8, 12}));
  Tensor ef = ctorch::tensor({2.0, 4.0}).expand({3, 2});
  EXPECT_EQ(doubles(ctorch::var(ef, 0)), (D{0, 0}));
  EXPECT_EQ(doubles(ctorch::mean(ef, 1)), (D{3, 3, 3}));
}

TEST(ReduceEdge, ZeroDim) {
  Tensor z = ctorch::tensor(5);
  EXPECT_EQ(values<int64_t>(ctorch::sum(z)), I64{5});
  EXPECT_EQ(shape(ctorch::sum(z, 0)), I64{});
  EXPECT_EQ(shape(ctorch::sum(z, -1, true)), I64{});
  auto [v, i] = ctorch::max(z, 0);
  EXPECT_EQ(values<int64_t>(v), I64{5});
  EXPECT_EQ(values<int64_t>(i), I64{0});
  EXPECT_EQ(values<int64_t>(ctorch::argmax(z, 0, true)), I64{0});
  EXPECT_EQ(values<int64_t>(ctorch::cumsum(z, 0)), I64{5});
  EXPECT_EQ(shape(ctorch::cumprod(z, -1)), I64{});
  EXPECT_EQ(doubles(ctorch::mean(ctorch::tensor(2.5))), D{2.5});
  EXPECT_TRUE(std::isnan(doubles(ctorch::std(ctorch::tensor(2.5)))[0]));
}

TEST(ReduceEdge, EmptyInputs) {
  Tensor e = ctorch::zeros({0});
  EXPECT_EQ(doubles(ctorch::sum(e)), D{0});
  EXPECT_EQ(doubles(ctorch::prod(e)), D{1});
  EXPECT_TRUE(std::isnan(doubles(ctorch::mean(e))[0]));
  EXPECT_TRUE(std::isnan(doubles(ctorch::var(e))[0]));
  EXPECT_EQ(values<bool>(ctorch::all(e)), std::vector<bool>{true});
  EXPECT_EQ(values<bool>(ctorch::any(e)), std::vector<bool>{false});
  Tensor e03 = ctorch::zeros({0, 3});
  EXPECT_EQ(doubles(ctorch::sum(e03, 0)), (D{0, 0, 0}));
  EXPECT_EQ(shape(ctorch::sum(e03, 1)), I64{0});
  EXPECT_EQ(shape(ctorch::sum(e03, 1, true)), (I64{0, 1}));
  auto [v, i] = ctorch::max(e03, 1);
  EXPECT_EQ(shape(v), I64{0});
  EXPECT_EQ(shape(i), I64{0});
  EXPECT_EQ(shape(ctorch::amax(ctorch::zeros({2, 0}), 0)), I64{0});
  EXPECT_EQ(shape(ctorch::cumsum(e03, 0)), (I64{0, 3}));
}

// ---- values: NaN, ties, std/var (R10.5, R10.7) -------------------------------------------------

TEST(ReduceExtremes, FirstTieAndFirstNaN) {
  Tensor t = ctorch::tensor({1, 3, 3, 2, 3});
  EXPECT_EQ(values<int64_t>(ctorch::max(t, 0).indices), I64{1});
  EXPECT_EQ(values<int64_t>(ctorch::argmax(t)), I64{1});
  EXPECT_EQ(values<int64_t>(ctorch::argmin(t)), I64{0});
  const double nan = kNaN;
  Tensor f = ctorch::tensor({1.0, nan, 3.0, nan}, ctorch::kFloat32);
  EXPECT_TRUE(std::isnan(doubles(ctorch::max(f))[0]));
  EXPECT_TRUE(std::isnan(doubles(ctorch::min(f))[0]));
  EXPECT_TRUE(std::isnan(doubles(ctorch::amax(f))[0]));
  auto [v, i] = ctorch::min(f, 0);
  EXPECT_TRUE(std::isnan(doubles(v)[0]));
  EXPECT_EQ(values<int64_t>(i), I64{1});
  EXPECT_EQ(values<int64_t>(ctorch::argmax(f)), I64{1});
  EXPECT_EQ(values<int64_t>(ctorch::argmin(f)), I64{1});
  Tensor m = ctorch::tensor({{1.0, nan}, {nan, 2.0}});
  EXPECT_EQ(values<int64_t>(ctorch::argmax(m, 0)), (I64{1, 0}));
  EXPECT_EQ(values<bool>(ctorch::all(ctorch::tensor({nan}))), std::vector<bool>{true});
  Tensor b = ctorch::tensor({false, true, true});
  EXPECT_EQ(values<bool>(ctorch::max(b)), std::vector<bool>{true});
  EXPECT_EQ(values<int64_t>(ctorch::max(b, 0).indices), I64{1});
  Tensor h = ctorch::tensor({1.0, 2.0, 2.0}, ctorch::kFloat16);
  EXPECT_EQ(doubles(ctorch::max(h, 0).values), D{2});
  EXPECT_EQ(values<int64_t>(ctorch::max(h, 0).indices), I64{1});
  EXPECT_EQ(values<int64_t>(ctorch::argmin(f23(), 1)), (I64{0, 2}));
  EXPECT_EQ(values<int64_t>(ctorch::argmax(m23(), 0, true)), (I64{1, 0, 1}));
  EXPECT_EQ(shape(ctorch::argmax(m23(), std::nullopt, true)), (I64{1, 1}));
}

// Column layout (reduce dim 0 of a wide matrix) with many rows: ties and NaN across row blocks.
TEST(ReduceExtremes, ColumnLayoutTiesMatchBruteForce) {
  const int64_t rows = 100, cols = 600;
  Tensor t = ctorch::empty({rows, cols}, ctorch::kFloat32);
  float* p = t.data_ptr<float>();
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) p[r * cols + c] = static_cast<float>((r * 7 + c * 3) % 13);
  p[77 * cols + 5] = std::numeric_limits<float>::quiet_NaN();
  p[90 * cols + 5] = std::numeric_limits<float>::quiet_NaN();
  auto [v, i] = ctorch::max(t, 0);
  const auto idx = values<int64_t>(i);
  const auto arg = values<int64_t>(ctorch::argmin(t, 0));
  for (int64_t c = 0; c < cols; ++c) {
    int64_t best = 0, worst = 0;
    for (int64_t r = 1; r < rows; ++r) {
      if (std::isnan(p[best * cols + c])) break;
      if (std::isnan(p[r * cols + c]) || p[r * cols + c] > p[best * cols + c]) best = r;
    }
    for (int64_t r = 1; r < rows; ++r) {
      if (std::isnan(p[worst * cols + c])) break;
      if (std::isnan(p[r * cols + c]) || p[r * cols + c] < p[worst * cols + c]) worst = r;
    }
    ASSERT_EQ(idx[c], best) << "column " << c;
    ASSERT_EQ(arg[c], worst) << "column " << c;
  }
  EXPECT_EQ(idx[5], 77);
}

TEST(ReduceVar, CorrectionAndUnbiased) {
  // float32 vector values: var 29.4666..., std 5.4283..., population std 4.9553...
  EXPECT_TRUE(close(doubles(ctorch::var(f23()))[0], 29.46666717529297, 1e-6));
  EXPECT_TRUE(close(doubles(ctorch::std(f23()))[0], 5.42832088470459, 1e-6));
  EXPECT_TRUE(close(doubles(ctorch::std(f23(), false))[0], 4.955356121063232, 1e-6));
  EXPECT_TRUE(close(doubles(ctorch::var(f23(), true))[0], 29.46666717529297, 1e-6));
  const auto v1 = doubles(ctorch::var(f23(), 1));
  EXPECT_TRUE(close(v1[0], 3.8125, 1e-7) && close(v1[1], 44.33333206176758, 1e-6));
  const auto v0 = doubles(ctorch::var(f23(), 1, ctorch::Correction{0}));
  EXPECT_TRUE(close(v0[0], 2.5416667461395264, 1e-6) && close(v0[1], 29.55555534362793, 1e-6));
  EXPECT_EQ(shape(ctorch::std(f23(), {0}, true, true)), (I64{1, 3}));
  Tensor two = ctorch::tensor({1.0, 2.0});
  EXPECT_EQ(doubles(ctorch::std(two, 0, ctorch::Correction{2})), D{INFINITY});
  EXPECT_TRUE(close(doubles(ctorch::var(two, 0, ctorch::Correction{0.5}))[0], 0.5 / 1.5, 1e-6));
  EXPECT_TRUE(std::isnan(doubles(ctorch::std(ctorch::tensor({1.0})))[0]));
  EXPECT_TRUE(close(doubles(ctorch::std(ctorch::tensor({1.0, 2.0}, ctorch::kFloat16)))[0], 0.70703125, 0));
}

// Signed zeros as PyTorch 2.15: a sum starts from +0 (so only -0.0s sum to +0.0), and the scan
// of a zero-dim tensor copies it.
TEST(ReduceSignedZero, SumAndZeroDimScan) {
  EXPECT_TRUE(same_values(doubles(ctorch::sum(ctorch::tensor({-0.0, -0.0}, ctorch::kFloat64))), {0.0}));
  EXPECT_TRUE(same_values(doubles(ctorch::mean(ctorch::tensor({{-0.0, -0.0}, {-0.0, -0.0}}), {1})), {0.0, 0.0}));
  EXPECT_TRUE(same_values(doubles(ctorch::cumsum(ctorch::tensor(-0.0), 0)), {-0.0}));
  EXPECT_TRUE(same_values(doubles(ctorch::cumprod(ctorch::tensor(-0.0), 0)), {-0.0}));
}

// The bool kernel refusal comes from the kernel, which PyTorch does not call on an empty tensor.
TEST(ReduceScan, EmptyCumsumToBool) {
  EXPECT_EQ(ctorch::cumsum(ctorch::zeros({0}), 0, ctorch::kBool).dtype(), ctorch::kBool);
  EXPECT_CTORCH_ERROR(NotImplemented, "\"cumsum_out_cpu\" not implemented for 'Bool'",
                      ctorch::cumsum(ctorch::ones({2}), 0, ctorch::kBool));
}

TEST(ReduceScan, CumsumCumprod) {
  EXPECT_EQ(values<int64_t>(ctorch::cumsum(m23(), 1)), (I64{-5, 0, 5, -2, -1, 12}));
  EXPECT_EQ(values<int64_t>(ctorch::cumsum(m23(), -2)), (I64{-5, 5, 5, -7, 6, 18}));
  EXPECT_EQ(values<int64_t>(ctorch::cumprod(ctorch::tensor({{15, 8, 18}, {6, 14, 1}}, ctorch::kUInt8), 1)),
            (I64{15, 120, 2160, 6, 84, 84}));
  EXPECT_EQ(doubles(ctorch::cumsum(f23(), 0)), (D{3.5, 6.75, 7.0, 10.75, 5.0, 1.25}));
  EXPECT_EQ(values<int64_t>(ctorch::cumsum(ctorch::tensor({true, false, true}), 0)), (I64{1, 1, 2}));
  EXPECT_EQ(values<uint8_t>(ctorch::cumsum(ctorch::tensor({200, 100}, ctorch::kUInt8), 0, ctorch::kUInt8)),
            (std::vector<uint8_t>{200, 44}));
  EXPECT_EQ(doubles(ctorch::cumprod(m23().t(), 0)), (D{-5, -2, -25, -2, -125, -26}));
}

// ---- accuracy and threads -------------------------------------------------------------------

TEST(ReduceAccuracy, LargeFloatSumsStayClose) {
  // 2^24 + 1000 copies of 0.1f: a naive float loop stalls at 2^21; pairwise stays within 1e-6.
  const int64_t n = (int64_t{1} << 24) + 1000;
  Tensor ones = ctorch::full({n}, 0.1, ctorch::TensorOptions().dtype(ctorch::kFloat32));
  EXPECT_TRUE(close(doubles(ctorch::sum(ones))[0], static_cast<double>(0.1f) * n, 1e-6));
  EXPECT_TRUE(close(doubles(ctorch::mean(ones))[0], static_cast<double>(0.1f), 1e-6));
  Tensor t = random_floats({1500, 2100}, 7, 0.25f);
  const auto rows = ref_sums(t, 1), cols = ref_sums(t, 0);
  double all = 0;
  for (double r : rows) all += r;
  EXPECT_TRUE(close(doubles(ctorch::sum(t))[0], all, 1.3e-6));
  const auto s1 = doubles(ctorch::sum(t, 1)), s0 = doubles(ctorch::sum(t, 0));
  const auto t0 = doubles(ctorch::sum(t.t(), 1));  // the same sums through a transposed view
  for (size_t i = 0; i < rows.size(); ++i) ASSERT_TRUE(close(s1[i], rows[i], 1e-5)) << i;
  for (size_t i = 0; i < cols.size(); ++i) {
    ASSERT_TRUE(close(s0[i], cols[i], 1e-5)) << i;
    ASSERT_TRUE(close(t0[i], cols[i], 1e-5)) << i;
  }
  // var/std of a shifted distribution, against a two-pass double reference
  const auto v = doubles(t);
  double mean = 0, m2 = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  for (double x : v) m2 += (x - mean) * (x - mean);
  EXPECT_TRUE(close(doubles(ctorch::var(t))[0], m2 / static_cast<double>(v.size() - 1), 1e-6));
}

// Rows of one length are reduced several at a time (side by side in memory): each result must
// be bit for bit that of its row reduced alone, whatever the row count (tails), the row length
// (shorter and longer than a block) and the dtype; max/min keep the first NaN and first tie.
TEST(ReduceRows, SideBySideRowsMatchEachRowAlone) {
  for (auto dtype : {ctorch::kFloat32, ctorch::kFloat64}) {
    for (int64_t rows : {1, 2, 3, 5, 7, 9}) {
      for (int64_t cols : {31, 1000, 3001, 70001}) {
        Tensor t = random_floats({rows, cols}, static_cast<uint64_t>(rows * cols), 0.5f).to(dtype);
        if (rows > 3) {  // a NaN late in row 3 and a tie for the maximum in row 1
          t.index_put_({ctorch::tensor({3}), ctorch::tensor({cols - 2})}, kNaN);
          t.index_put_({ctorch::tensor({1, 1}), ctorch::tensor({cols / 3, cols - 1})}, 5.0);
        }
        const auto sums = doubles(ctorch::sum(t, 1)), amins = doubles(ctorch::amin(t, 1));
        auto [maxv, maxi] = ctorch::max(t, 1);
        const auto mv = doubles(maxv);
        const auto mi = values<int64_t>(maxi);
        for (int64_t r = 0; r < rows; ++r) {
          Tensor row = t.select(0, r).clone();
          ASSERT_TRUE(same_bits(sums[r], doubles(ctorch::sum(row))[0])) << rows << "x" << cols << " row " << r;
          ASSERT_TRUE(same_bits(amins[r], doubles(ctorch::amin(row))[0])) << rows << "x" << cols << " row " << r;
          auto [v, i] = ctorch::max(row, 0);
          ASSERT_TRUE(same_bits(mv[r], doubles(v)[0])) << rows << "x" << cols << " row " << r;
          ASSERT_EQ(mi[r], values<int64_t>(i)[0]) << rows << "x" << cols << " row " << r;
        }
        if (rows > 3) {
          EXPECT_TRUE(std::isnan(mv[3]));
          EXPECT_EQ(mi[3], cols - 2);
          EXPECT_EQ(mi[1], cols / 3);
        }
      }
    }
  }
}

TEST(ReduceThreads, ResultsDoNotDependOnThreadCount) {
  const int saved = ctorch::get_num_threads();
  Tensor t = random_floats({1100, 1300}, 3);
  Tensor big = random_floats({3000001}, 11);
  std::vector<std::vector<double>> first;
  for (int threads : {1, 2, 3, 8}) {
    ctorch::set_num_threads(threads);
    std::vector<std::vector<double>> results = {
        doubles(ctorch::sum(t)),       doubles(ctorch::sum(t, 0)),     doubles(ctorch::sum(t, 1)),
        doubles(ctorch::sum(big)),     doubles(ctorch::mean(t.t(), 1)), doubles(ctorch::max(t, 0).indices),
        doubles(ctorch::argmax(big)),  doubles(ctorch::var(t, 0)),     doubles(ctorch::prod(t, 1)),
        doubles(ctorch::cumsum(t, 0)), doubles(ctorch::amin(t, 1))};
    if (first.empty()) {
      first = results;
    } else {
      for (size_t k = 0; k < results.size(); ++k) {
        ASSERT_EQ(results[k].size(), first[k].size());
        for (size_t i = 0; i < results[k].size(); ++i)
          ASSERT_TRUE(same_bits(results[k][i], first[k][i])) << "result " << k << " element " << i
                                                            << " with " << threads << " threads";
      }
    }
  }
  ctorch::set_num_threads(saved);
}

// ---- errors (R10.2, R10.4, R10.6, R10.7) -------------------------------------------------------

TEST(ReduceErrors, Messages) {
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                      ctorch::sum(m23(), 2));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
                      ctorch::sum(ctorch::tensor(5), 1));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got -3)",
                      ctorch::cumsum(m23(), -3));
  EXPECT_CTORCH_ERROR(Runtime, "dim 1 appears multiple times in the list of dims",
                      ctorch::sum(m23(), {1, -1}));
  EXPECT_CTORCH_ERROR(NotImplemented,
                      "mean(): could not infer output dtype. Input dtype must be either a floating "
                      "point or complex dtype. Got: Long",
                      ctorch::mean(m23()));
  EXPECT_CTORCH_ERROR(NotImplemented,
                      "mean(): could not infer output dtype. Input dtype must be either a floating "
                      "point or complex dtype. Got: Bool",
                      ctorch::mean(ctorch::tensor({true}), 0));
  EXPECT_CTORCH_ERROR(NotImplemented,
                      "mean(): could not infer output dtype. Optional dtype must be either a "
                      "floating point or complex dtype. Got: Long",
                      ctorch::mean(f23(), ctorch::kInt64));
  EXPECT_CTORCH_ERROR(NotImplemented, "std and var only support floating point and complex dtypes",
                      ctorch::std(m23()));
  EXPECT_CTORCH_ERROR(NotImplemented, "std and var only support floating point and complex dtypes",
                      ctorch::var(ctorch::tensor({true}), 0));
  EXPECT_CTORCH_ERROR(Runtime,
                      "max(): Expected reduction dim to be specified for input.numel() == 0. "
                      "Specify the reduction dim with the 'dim' argument.",
                      ctorch::max(ctorch::zeros({0})));
  EXPECT_CTORCH_ERROR(Runtime,
                      "min(): Expected reduction dim to be specified for input.numel() == 0. "
                      "Specify the reduction dim with the 'dim' argument.",
                      ctorch::min(ctorch::zeros({2, 0})));
  EXPECT_CTORCH_ERROR(Runtime,
                      "amax(): Expected reduction dim to be specified for input.numel() == 0. "
                      "Specify the reduction dim with the 'dim' argument.",
                      ctorch::amax(ctorch::zeros({2, 0})));
  EXPECT_CTORCH_ERROR(Index, "max(): Expected reduction dim 0 to have non-zero size.",
                      ctorch::max(ctorch::zeros({0, 3}), 0));
  EXPECT_CTORCH_ERROR(Index, "min(): Expected reduction dim 1 to have non-zero size.",
                      ctorch::min(ctorch::zeros({2, 0}), -1));
  EXPECT_CTORCH_ERROR(Index, "argmax(): Expected reduction dim 1 to have non-zero size.",
                      ctorch::argmax(ctorch::zeros({2, 0}), -1));
  EXPECT_CTORCH_ERROR(Index, "argmax(): Expected reduction dim to be specified for input.numel() == 0.",
                      ctorch::argmax(ctorch::zeros({0})));
  EXPECT_CTORCH_ERROR(Index, "argmin(): Expected reduction dim to be specified for input.numel() == 0.",
                      ctorch::argmin(ctorch::zeros({0, 2})));
  // amax/amin print the dim as given
  EXPECT_CTORCH_ERROR(Index, "amin(): Expected reduction dim -1 to have non-zero size.",
                      ctorch::amin(ctorch::zeros({2, 0}), -1));
  EXPECT_CTORCH_ERROR(Index, "amax(): Expected reduction dim 1 to have non-zero size.",
                      ctorch::amax(ctorch::zeros({2, 0}), 1));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"cumsum_out_cpu\" not implemented for 'Bool'",
                      ctorch::cumsum(m23(), 0, ctorch::kBool));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"cumprod_out_cpu\" not implemented for 'Bool'",
                      ctorch::cumprod(m23(), 0, ctorch::kBool));
}

TEST(ReduceMethods, SameAsTheFreeFunctions) {
  const ctorch::Tensor t = ctorch::tensor({{1.0, 5.0, 3.0}, {4.0, 2.0, 6.0}});
  EXPECT_EQ(t.sum().item<double>(), 21.0);
  EXPECT_EQ(doubles(t.sum({1}, /*keepdim=*/true)), (D{9, 12}));
  EXPECT_EQ(t.prod().item<double>(), 720.0);
  EXPECT_EQ(doubles(t.mean({0})), (D{2.5, 3.5, 4.5}));
  EXPECT_EQ(t.var().item<double>(), 3.5);  // sum of squared deviations 17.5 over 5
  EXPECT_EQ(t.max().item<double>(), 6.0);
  const auto [mins, where] = t.min(1);
  EXPECT_EQ(doubles(mins), (D{1, 2}));
  EXPECT_EQ(values<int64_t>(where), (I64{0, 1}));
  EXPECT_EQ(t.argmax().item<int64_t>(), 5);
  EXPECT_EQ(doubles(t.amax({0})), (D{4, 5, 6}));
  EXPECT_EQ(doubles(t.cumsum(1)), (D{1, 6, 9, 4, 6, 12}));
  EXPECT_TRUE(t.gt(0).all().item<bool>());
  EXPECT_FALSE(t.gt(5).all().item<bool>());
  EXPECT_TRUE(t.gt(5).any().item<bool>());
}
