// softmax, log_softmax, logsumexp, norm, lerp, nan_to_num (activation.h): every dim incl.
// negative, non-contiguous inputs, stability with large values, NaN and infinities, empty and
// zero-dim tensors, float16/bfloat16, and every error message. Expectations are hand values,
// double-precision references computed here, or PyTorch 1.13 output (noted).
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "test_util.h"

using namespace ctorch_test;
using ctorch::IntArrayRef;

namespace {


// A deterministic 3 x 4 x 5 float32 tensor in [-4, 4).
Tensor box345() {
  std::vector<float> v(60);
  uint64_t seed = 12345;
  for (auto& x : v) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    x = static_cast<float>(static_cast<double>(seed >> 40) / double(1 << 24) * 8.0 - 4.0);
  }
  return ctorch::tensor(v).reshape({3, 4, 5});
}

// Applies f to every line of t along dim (double precision), row-major result.
template <typename F>
std::vector<double> per_line(const Tensor& t, int64_t dim, F f) {
  const auto flat = doubles(t);
  const int64_t nd = t.dim(), d = dim < 0 ? dim + nd : dim;
  int64_t inner = 1;
  for (int64_t k = d + 1; k < nd; ++k) inner *= t.sizes()[k];
  const int64_t n = t.sizes()[d], outer = t.numel() / (n * inner);
  std::vector<double> out(flat.size());
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      std::vector<double> line(n);
      for (int64_t j = 0; j < n; ++j) line[j] = flat[(o * n + j) * inner + i];
      const auto r = f(line);
      for (int64_t j = 0; j < n; ++j) out[(o * n + j) * inner + i] = r[j];
    }
  }
  return out;
}

std::vector<double> ref_softmax(const std::vector<double>& x, bool log) {
  double m = -kInf, s = 0;
  for (double v : x) m = std::max(m, v);
  for (double v : x) s += std::exp(v - m);
  std::vector<double> r;
  for (double v : x) r.push_back(log ? v - m - std::log(s) : std::exp(v - m) / s);
  return r;
}

::testing::AssertionResult near_all(const std::vector<double>& got, const std::vector<double>& want,
                                    double rtol, double atol = 0) {
  if (got.size() != want.size()) return ::testing::AssertionFailure() << "size differs";
  for (size_t i = 0; i < got.size(); ++i) {
    if (std::isnan(want[i]) ? !std::isnan(got[i])
                            : !(got[i] == want[i] ||
                                std::abs(got[i] - want[i]) <= atol + rtol * std::abs(want[i]))) {
      return ::testing::AssertionFailure() << "element " << i << ": got " << got[i] << ", want " << want[i];
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace

// ---- softmax, log_softmax ----------------------------------------------------------------------

TEST(Softmax, EveryDimAndNonContiguous) {
  const Tensor base = box345();
  for (const Tensor& t : {base, base.transpose(0, 2), base.slice(2, 1, 5, 2), base.to(ctorch::kFloat64)}) {
    for (int64_t dim = -3; dim < 3; ++dim) {
      SCOPED_TRACE(::testing::Message() << "dim " << dim);
      const double rtol = t.dtype() == ctorch::kFloat64 ? 1e-13 : 2e-6;
      const Tensor s = ctorch::softmax(t, dim);
      EXPECT_EQ(s.dtype(), t.dtype());
      EXPECT_EQ(shape(s), shape(t));
      EXPECT_TRUE(near_all(doubles(s), per_line(t, dim, [](auto& x) { return ref_softmax(x, false); }), rtol));
      const Tensor l = t.log_softmax(dim);
      EXPECT_TRUE(near_all(doubles(l), per_line(t, dim, [](auto& x) { return ref_softmax(x, true); }), rtol, 1e-6));
    }
  }
}

TEST(Softmax, StableForLargeValues) {
  const Tensor t = ctorch::tensor({1000.0, 1001.0}, ctorch::kFloat32);
  EXPECT_TRUE(near_all(doubles(ctorch::softmax(t, 0)), {1 / (1 + std::exp(1.0)), 1 / (1 + std::exp(-1.0))}, 1e-6));
  EXPECT_TRUE(near_all(doubles(ctorch::log_softmax(t, 0)), {-std::log1p(std::exp(1.0)), -std::log1p(std::exp(-1.0))}, 1e-6));
  const Tensor neg = ctorch::tensor({-1000.0, 0.0}, ctorch::kFloat32);
  EXPECT_EQ(doubles(ctorch::softmax(neg, 0)), (D{0, 1}));
  EXPECT_EQ(doubles(ctorch::log_softmax(neg, 0)), (D{-1000, 0}));
}

// PyTorch: NaN poisons its line; inf - inf and -inf - -inf give NaN; -inf alone gives 0.
TEST(Softmax, NaNAndInfinities) {
  const Tensor t = ctorch::tensor({{kNaN, 1.0}, {kInf, 1.0}, {-kInf, -kInf}, {-kInf, 0.0}}, ctorch::kFloat32);
  const auto s = doubles(ctorch::softmax(t, 1));
  const auto l = doubles(ctorch::log_softmax(t, 1));
  for (int i = 0; i < 6; ++i) {
    EXPECT_TRUE(std::isnan(s[i])) << i;
    EXPECT_TRUE(std::isnan(l[i])) << i;
  }
  EXPECT_EQ(s[6], 0);
  EXPECT_EQ(s[7], 1);
  EXPECT_EQ(l[6], -kInf);
  EXPECT_EQ(l[7], 0);
  // dim 0: column 1 is (1, 1, -inf, 0) after NaN's column
  EXPECT_TRUE(std::isnan(doubles(ctorch::softmax(t, 0))[0]));
}

TEST(Softmax, ReducedFloatsComputeInFloat) {
  // PyTorch 1.13: log_softmax(bfloat16 [1, 2]) = [-1.3125, -0.3125]
  const Tensor b = ctorch::log_softmax(ctorch::tensor({1.0, 2.0}, ctorch::kBFloat16), 0);
  EXPECT_EQ(b.dtype(), ctorch::kBFloat16);
  EXPECT_EQ(doubles(b), (D{-1.3125, -0.3125}));
  // float16: the float result rounded once
  const Tensor h = ctorch::tensor({{0.5, -1.25, 3.0}, {2.0, 2.0, 60000.0}}, ctorch::kFloat16);
  const Tensor s = ctorch::softmax(h, 1);
  EXPECT_EQ(s.dtype(), ctorch::kFloat16);
  const Tensor want = ctorch::softmax(h.to(ctorch::kFloat32), 1).to(ctorch::kFloat16);
  EXPECT_EQ(half_bits(s), half_bits(want));
  EXPECT_EQ(half_bits(ctorch::log_softmax(h, 0)),
            half_bits(ctorch::log_softmax(h.to(ctorch::kFloat32), 0).to(ctorch::kFloat16)));
  // dtype converts first: float16 in, float32 out
  EXPECT_EQ(ctorch::softmax(h, 1, ctorch::kFloat32).dtype(), ctorch::kFloat32);
}

// Along the last dim PyTorch rounds log_softmax's sum of exps and its log to the input's dtype
// (PyTorch 2.15's values; rounding once would give -0.126953125 for the second).
TEST(Softmax, ReducedLogSoftmaxLastDimRoundsTheLogSum) {
  EXPECT_EQ(doubles(ctorch::log_softmax(ctorch::tensor({0.0, 2.0}, ctorch::kFloat16), 0)),
            (D{-2.126953125, -0.1273193359375}));
  EXPECT_EQ(doubles(ctorch::log_softmax(ctorch::tensor({{0.0, 2.0}, {1.0, -1.0}}, ctorch::kBFloat16), 1)),
            (D{-2.125, -0.12451171875, -0.12451171875, -2.125}));
}

TEST(Softmax, DtypeArgumentAndIntegers) {
  const Tensor i = ctorch::tensor({3, 1, 2});
  const Tensor s = ctorch::softmax(i, 0, ctorch::kFloat64);
  EXPECT_EQ(s.dtype(), ctorch::kFloat64);
  EXPECT_TRUE(near_all(doubles(s), ref_softmax({3, 1, 2}, false), 1e-15));
  EXPECT_TRUE(near_all(doubles(ctorch::log_softmax(i, -1, ctorch::kFloat32)), ref_softmax({3, 1, 2}, true), 1e-6));
}

TEST(Softmax, ZeroDimAndEmpty) {
  const Tensor s = ctorch::tensor(2.0, ctorch::kFloat32);
  EXPECT_EQ(ctorch::softmax(s, 0).dim(), 0);
  EXPECT_EQ(doubles(ctorch::softmax(s, -1)), D{1});
  EXPECT_EQ(doubles(ctorch::log_softmax(s, 0)), D{0});
  EXPECT_EQ(shape(ctorch::softmax(ctorch::empty({0, 3}), 0)), (I64{0, 3}));
  // PyTorch returns an empty input before its kernel checks the dtype
  const Tensor ei = ctorch::softmax(ctorch::empty({0, 3}, ctorch::kInt64), 1);
  EXPECT_EQ(ei.dtype(), ctorch::kInt64);
  EXPECT_EQ(shape(ei), (I64{0, 3}));
}

TEST(Softmax, Errors) {
  const Tensor i = ctorch::ones({2, 3}, ctorch::kInt64);
  EXPECT_CTORCH_ERROR(NotImplemented, "\"softmax_lastdim_kernel_impl\" not implemented for 'Long'", ctorch::softmax(i, 1));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"softmax_kernel_impl\" not implemented for 'Long'", ctorch::softmax(i, 0));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"log_softmax_lastdim_kernel_impl\" not implemented for 'Long'", ctorch::log_softmax(i, -1));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"log_softmax_kernel_impl\" not implemented for 'Long'", ctorch::log_softmax(i, -2));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"softmax_lastdim_kernel_impl\" not implemented for 'Long'", ctorch::softmax(ctorch::tensor(2), 0));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"softmax_lastdim_kernel_impl\" not implemented for 'Bool'",
                      ctorch::softmax(ctorch::tensor({true, false}), 0));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"softmax_lastdim_kernel_impl\" not implemented for 'Byte'",
                      ctorch::softmax(ctorch::ones({2}, ctorch::kUInt8), 0));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"log_softmax_lastdim_kernel_impl\" not implemented for 'Int'",
                      ctorch::log_softmax(ctorch::tensor({1.0, 2.0}), 0, ctorch::kInt32));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-1, 0], but got 2)",
                      ctorch::softmax(ctorch::tensor({1.0, 2.0}), 2));
}

// ---- logsumexp ---------------------------------------------------------------------------------

TEST(Logsumexp, EveryDimAndNonContiguous) {
  const Tensor base = box345();
  auto lse = [](const std::vector<double>& x) {
    double s = 0;
    for (double v : x) s += std::exp(v);
    return std::vector<double>(x.size(), std::log(s));
  };
  for (const Tensor& t : {base, base.permute({2, 0, 1}), base.slice(1, 0, 4, 3)}) {
    for (int64_t dim = -3; dim < 3; ++dim) {
      SCOPED_TRACE(::testing::Message() << "dim " << dim);
      const Tensor r = ctorch::logsumexp(t, dim, true);
      ctorch::Size keep = t.sizes();
      keep[dim < 0 ? dim + 3 : dim] = 1;
      EXPECT_EQ(shape(r), keep);
      // the reference repeats the value along dim: compare against the narrowed reference
      const auto full = per_line(t, dim, lse);
      const Tensor want = ctorch::tensor(full).reshape(t.sizes()).narrow(dim, 0, 1);
      EXPECT_TRUE(near_all(doubles(r), doubles(want), 1e-6));
      EXPECT_EQ(ctorch::logsumexp(t, dim).dim(), 2);
    }
  }
}

TEST(Logsumexp, ValuesDimsAndKeepdim) {
  const Tensor t = ctorch::tensor({{1.0, 2.0}, {3.0, 4.0}}, ctorch::kFloat32);
  const double all = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0) + std::exp(4.0));
  EXPECT_TRUE(near_all(doubles(ctorch::logsumexp(t, {0, 1})), {all}, 1e-6));
  EXPECT_EQ(ctorch::logsumexp(t, {0, 1}).dim(), 0);
  EXPECT_EQ(shape(ctorch::logsumexp(t, {-1, 0}, true)), (I64{1, 1}));
  EXPECT_TRUE(near_all(doubles(ctorch::logsumexp(t, IntArrayRef{})), {all}, 1e-6));  // every dim
  const Tensor k = t.logsumexp(1, true);
  EXPECT_EQ(shape(k), (I64{2, 1}));
  EXPECT_TRUE(near_all(doubles(k), {std::log(std::exp(1.0) + std::exp(2.0)), std::log(std::exp(3.0) + std::exp(4.0))}, 1e-6));
  // stable: PyTorch 1.13 gives 1000.6932
  EXPECT_TRUE(near_all(doubles(ctorch::logsumexp(ctorch::tensor({1000.0, 1000.0}, ctorch::kFloat32), 0)),
                       {1000 + std::log(2.0)}, 1e-7));
}

TEST(Logsumexp, IntegersInfNaNEmptyZeroDim) {
  const Tensor i = ctorch::logsumexp(ctorch::tensor({1, 2}), 0);
  EXPECT_EQ(i.dtype(), ctorch::kFloat32);
  EXPECT_TRUE(near_all(doubles(i), {std::log(std::exp(1.0) + std::exp(2.0))}, 1e-6));
  EXPECT_TRUE(near_all(doubles(ctorch::logsumexp(ctorch::tensor({true, false}), 0)), {std::log(std::exp(1.0) + 1)}, 1e-6));
  EXPECT_EQ(doubles(ctorch::logsumexp(ctorch::tensor({kInf, kInf}, ctorch::kFloat32), 0)), D{kInf});
  EXPECT_EQ(doubles(ctorch::logsumexp(ctorch::tensor({-kInf, -kInf}, ctorch::kFloat32), 0)), D{-kInf});
  EXPECT_EQ(doubles(ctorch::logsumexp(ctorch::tensor({-kInf, 0.0}, ctorch::kFloat32), 0)), D{0});
  EXPECT_TRUE(std::isnan(doubles(ctorch::logsumexp(ctorch::tensor({kNaN, 1.0}, ctorch::kFloat32), 0))[0]));
  const Tensor e = ctorch::empty({0, 3});
  EXPECT_EQ(doubles(ctorch::logsumexp(e, 0)), (D{-kInf, -kInf, -kInf}));
  EXPECT_EQ(shape(ctorch::logsumexp(e, 1)), I64{0});
  const Tensor z = ctorch::logsumexp(ctorch::tensor(3.0, ctorch::kFloat32), 0);
  EXPECT_EQ(z.dim(), 0);
  EXPECT_EQ(doubles(z), D{3});
  const Tensor h = ctorch::logsumexp(ctorch::tensor({1.0, 2.0}, ctorch::kFloat16), 0);
  EXPECT_EQ(h.dtype(), ctorch::kFloat16);
  EXPECT_TRUE(near_all(doubles(h), {std::log(std::exp(1.0) + std::exp(2.0))}, 1e-3));
}

TEST(Logsumexp, Errors) {
  const Tensor t = ctorch::ones({2, 2});
  EXPECT_CTORCH_ERROR(Runtime, "dim 0 appears multiple times in the list of dims", ctorch::logsumexp(t, {0, 0}));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                      ctorch::logsumexp(t, 2));
}

// ---- norm --------------------------------------------------------------------------------------

TEST(Norm, EveryP) {
  // [[3, -4], [0, 1]]; PyTorch 1.13: 5.0990, 8, [4, 1], [3, 0], [2, 1], [4.4979, 1],
  // [13.9282, 1], [1.7143, 0], [2.4, 0]
  const Tensor f = ctorch::tensor({{3.0, -4.0}, {0.0, 1.0}}, ctorch::kFloat32);
  EXPECT_TRUE(near_all(doubles(ctorch::norm(f)), {std::sqrt(26.0)}, 1e-7));
  EXPECT_EQ(doubles(ctorch::norm(f, 1)), D{8});
  EXPECT_EQ(doubles(ctorch::norm(f, kInf, 1)), (D{4, 1}));
  EXPECT_EQ(doubles(ctorch::norm(f, -kInf, 1)), (D{3, 0}));
  EXPECT_EQ(doubles(ctorch::norm(f, 0, 1)), (D{2, 1}));
  EXPECT_TRUE(near_all(doubles(ctorch::norm(f, 3, 1)), {std::cbrt(91.0), 1}, 1e-6));
  EXPECT_TRUE(near_all(doubles(ctorch::norm(f, 0.5, 1)), {std::pow(std::sqrt(3.0) + 2, 2), 1}, 1e-6));
  EXPECT_TRUE(near_all(doubles(ctorch::norm(f, -1, 1)), {1 / (1 / 3.0 + 1 / 4.0), 0}, 1e-6));
  EXPECT_TRUE(near_all(doubles(ctorch::norm(f, -2, 1)), {1 / std::sqrt(1 / 9.0 + 1 / 16.0), 0}, 1e-6));
  EXPECT_EQ(doubles(ctorch::norm(f, 2, 0)), (D{3, std::sqrt(17.0f)}));
  EXPECT_EQ(shape(f.norm(2, {0, 1}, true)), (I64{1, 1}));
  EXPECT_EQ(shape(ctorch::norm(f, 1, -1, true)), (I64{2, 1}));
  EXPECT_EQ(doubles(ctorch::norm(ctorch::tensor(-3.0, ctorch::kFloat32))), D{3});
  EXPECT_EQ(ctorch::norm(f.to(ctorch::kFloat64)).dtype(), ctorch::kFloat64);
}

TEST(Norm, NonContiguousEveryDim) {
  const Tensor base = box345();
  for (const Tensor& t : {base.transpose(0, 1), base.slice(2, 0, 5, 2)}) {
    for (int64_t dim = -3; dim < 3; ++dim) {
      for (double p : {2.0, 1.0, 3.5, kInf}) {
        auto ref = [p](const std::vector<double>& x) {
          double acc = 0;
          for (double v : x) acc = p == kInf ? std::max(acc, std::abs(v)) : acc + std::pow(std::abs(v), p);
          return std::vector<double>(x.size(), p == kInf ? acc : std::pow(acc, 1 / p));
        };
        const Tensor want = ctorch::tensor(per_line(t, dim, ref)).reshape(t.sizes()).narrow(dim, 0, 1);
        EXPECT_TRUE(near_all(doubles(ctorch::norm(t, p, dim, true)), doubles(want), 2e-6)) << dim << " " << p;
      }
    }
  }
}

TEST(Norm, ReducedFloatsNaNAndEmpty) {
  const Tensor h = ctorch::norm(ctorch::tensor({300.0, 400.0}, ctorch::kFloat16));  // 90000 > 65504
  EXPECT_EQ(h.dtype(), ctorch::kFloat16);
  EXPECT_EQ(doubles(h), D{500});
  EXPECT_EQ(doubles(ctorch::norm(ctorch::tensor({3.0, 4.0}, ctorch::kBFloat16))), D{5});
  const Tensor n = ctorch::tensor({3.0, kNaN}, ctorch::kFloat32);
  EXPECT_TRUE(std::isnan(doubles(ctorch::norm(n, kInf))[0]));
  EXPECT_TRUE(std::isnan(doubles(ctorch::norm(n, -kInf))[0]));
  EXPECT_EQ(doubles(ctorch::norm(n, 0)), D{2});
  EXPECT_EQ(doubles(ctorch::norm(ctorch::tensor({3.0, 0.0}, ctorch::kFloat32), -1)), D{0});
  const Tensor e = ctorch::empty({0, 3});
  EXPECT_EQ(doubles(ctorch::norm(e, 2, 0)), (D{0, 0, 0}));
  EXPECT_EQ(doubles(ctorch::norm(e)), D{0});
  EXPECT_EQ(doubles(ctorch::norm(e, 1)), D{0});
  EXPECT_EQ(shape(ctorch::norm(e, kInf, 1)), I64{0});
  EXPECT_EQ(shape(ctorch::norm(e, -1, 1)), I64{0});
}

TEST(Norm, Errors) {
  EXPECT_CTORCH_ERROR(NotImplemented, "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long",
                      ctorch::norm(ctorch::tensor({3, 4})));
  EXPECT_CTORCH_ERROR(NotImplemented, "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Bool",
                      ctorch::norm(ctorch::tensor({true}), 2, 0));
  const Tensor e = ctorch::empty({0, 3});
  EXPECT_CTORCH_ERROR(Runtime, "linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation does not have an identity",
                      ctorch::norm(e, kInf));
  EXPECT_CTORCH_ERROR(Runtime, "linalg.vector_norm cannot compute the -1 norm on an empty tensor because the operation does not have an identity",
                      ctorch::norm(e, -1, IntArrayRef{}));
  EXPECT_CTORCH_ERROR(Runtime, "linalg.vector_norm cannot compute the inf norm on the dimension 0because this dimension is empty and the operation does not have an identity",
                      ctorch::norm(e, kInf, 0));
  EXPECT_CTORCH_ERROR(Runtime, "linalg.vector_norm cannot compute the -1.5 norm on the dimension 0because this dimension is empty and the operation does not have an identity",
                      ctorch::norm(e, -1.5, {1, 0}));
  EXPECT_CTORCH_ERROR(Runtime, "linalg.vector_norm cannot compute the -1 norm on the dimension -2because this dimension is empty and the operation does not have an identity",
                      ctorch::norm(e, -1, -2));
  const Tensor f = ctorch::ones({2, 2});
  EXPECT_CTORCH_ERROR(Runtime, "dim 0 appears multiple times in the list of dims", ctorch::norm(f, 2, {0, 0}));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 3)",
                      ctorch::norm(f, 2, 3));
}

// ---- lerp --------------------------------------------------------------------------------------

TEST(Lerp, ScalarAndTensorWeights) {
  const Tensor a = ctorch::tensor({1.0, 2.0}, ctorch::kFloat32), b = ctorch::tensor({3.0, 6.0}, ctorch::kFloat32);
  EXPECT_EQ(doubles(ctorch::lerp(a, b, 0.5)), (D{2, 4}));
  EXPECT_EQ(doubles(ctorch::lerp(a, b, 2)), (D{5, 10}));
  EXPECT_EQ(doubles(a.lerp(b, ctorch::tensor({0.25, 0.75}, ctorch::kFloat32))), (D{1.5, 5}));
  // broadcasting (PyTorch 1.13: [[2, 3.5], [2.5, 4]] and three rows of [3, 6])
  EXPECT_EQ(doubles(ctorch::lerp(a.reshape({2, 1}), b, 0.5)), (D{2, 3.5, 2.5, 4}));
  const Tensor w = ctorch::ones({3, 1});
  const Tensor r = ctorch::lerp(a, b, w);
  EXPECT_EQ(shape(r), (I64{3, 2}));
  EXPECT_EQ(doubles(r), (D{3, 6, 3, 6, 3, 6}));
  EXPECT_TRUE(std::isnan(doubles(ctorch::lerp(a, b, kNaN))[0]));
}

// The two branches, checked against the formula in float: weight 1 gives end exactly, 0 start.
TEST(Lerp, TwoBranchFormula) {
  const std::vector<float> s = {-3.3f, 0.1f, 1e-3f, 7.7f}, e = {7.1f, -2.9f, 1e5f, 7.7f};
  const Tensor ts = ctorch::tensor(s).t(), te = ctorch::tensor(e);  // .t() of 1-D: a no-op view
  for (float w : {-0.7f, -0.25f, 0.0f, 0.3f, 0.49f, 0.5f, 0.8f, 1.0f, 1.6f}) {
    std::vector<double> want;
    for (size_t i = 0; i < s.size(); ++i) {
      const float d = e[i] - s[i];
      want.push_back(std::abs(w) < 0.5f ? s[i] + w * d : e[i] - d * (1.0f - w));
    }
    EXPECT_EQ(doubles(ctorch::lerp(ts, te, w)), want) << w;
    EXPECT_EQ(doubles(ctorch::lerp(ts, te, ctorch::full({4}, w, ctorch::kFloat32))), want) << w;
  }
  EXPECT_EQ(doubles(ctorch::lerp(ts, te, 1.0)), doubles(te));
  EXPECT_EQ(doubles(ctorch::lerp(ts, te, 0.0)), doubles(ts));
  // non-contiguous operands
  const Tensor m = ctorch::tensor({{0.0, 10.0}, {20.0, 30.0}}, ctorch::kFloat32);
  EXPECT_EQ(doubles(ctorch::lerp(m.t(), m, 0.25)), (D{0, 17.5, 12.5, 30}));
}

TEST(Lerp, ReducedFloatsComputeInFloat) {
  const Tensor a = ctorch::tensor({1.0, 2.0}, ctorch::kFloat16), b = ctorch::tensor({3.0, 6.0}, ctorch::kFloat16);
  const Tensor r = ctorch::lerp(a, b, 0.3);
  EXPECT_EQ(r.dtype(), ctorch::kFloat16);
  const float w = 0.3f;
  EXPECT_EQ(half_bits(r), half_bits(ctorch::tensor({1.0f + w * 2.0f, 2.0f + w * 4.0f}, ctorch::kFloat16)));
  const Tensor bf = ctorch::lerp(a.to(ctorch::kBFloat16), b.to(ctorch::kBFloat16), ctorch::tensor({0.75, 0.75}, ctorch::kBFloat16));
  EXPECT_EQ(bf.dtype(), ctorch::kBFloat16);
  EXPECT_EQ(doubles(bf), (D{2.5, 5}));
}

TEST(Lerp, Errors) {
  const Tensor a = ctorch::tensor({1.0, 2.0}, ctorch::kFloat32), b = ctorch::tensor({3.0, 6.0}, ctorch::kFloat32);
  EXPECT_CTORCH_ERROR(Runtime, "expected dtype float for `end` but got dtype double", ctorch::lerp(a, b.to(ctorch::kFloat64), 0.5));
  EXPECT_CTORCH_ERROR(Runtime, "expected dtype float for `end` but got dtype long int", ctorch::lerp(a, b.to(ctorch::kInt64), 0.5));
  EXPECT_CTORCH_ERROR(Runtime, "expected dtype float for `end` but got dtype c10::Half", ctorch::lerp(a, b.to(ctorch::kFloat16), a));
  EXPECT_CTORCH_ERROR(Runtime, "expected dtype float for `end` but got dtype bool", ctorch::lerp(a, b.to(ctorch::kBool), 0.5));
  EXPECT_CTORCH_ERROR(Runtime, "expected dtype float for `weight` but got dtype double",
                      ctorch::lerp(a, b, ctorch::tensor(0.5, ctorch::kFloat64)));
  EXPECT_CTORCH_ERROR(Runtime, "expected dtype float for `weight` but got dtype long int",
                      ctorch::lerp(a, b, ctorch::tensor({1, 2})));
  const Tensor i = ctorch::tensor({1, 2}), j = ctorch::tensor({3, 4});
  EXPECT_CTORCH_ERROR(NotImplemented, "\"lerp_kernel_scalar\" not implemented for 'Long'", ctorch::lerp(i, j, 0.5));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"lerp_kernel_tensor\" not implemented for 'Long'", ctorch::lerp(i, j, i));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"lerp_kernel_scalar\" not implemented for 'Bool'",
                      ctorch::lerp(ctorch::tensor({true}), ctorch::tensor({true}), 0.3));
  EXPECT_CTORCH_ERROR(Runtime, "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0",
                      ctorch::lerp(a, ctorch::ones({3}), 0.5));
}

// ---- nan_to_num --------------------------------------------------------------------------------

TEST(NanToNum, DefaultsPerDtype) {
  const std::vector<double> src = {kNaN, kInf, -kInf, 1.0, -2.5};
  const Tensor f = ctorch::nan_to_num(ctorch::tensor(src, ctorch::kFloat32));
  const double fmax = std::numeric_limits<float>::max();
  EXPECT_EQ(doubles(f), (D{0, fmax, -fmax, 1, -2.5}));
  const double dmax = std::numeric_limits<double>::max();
  EXPECT_EQ(doubles(ctorch::tensor(src, ctorch::kFloat64).nan_to_num()), (D{0, dmax, -dmax, 1, -2.5}));
  const Tensor h = ctorch::nan_to_num(ctorch::tensor(src, ctorch::kFloat16));
  EXPECT_EQ(h.dtype(), ctorch::kFloat16);
  EXPECT_EQ(doubles(h), (D{0, 65504, -65504, 1, -2.5}));
  const Tensor b = ctorch::nan_to_num(ctorch::tensor(src, ctorch::kBFloat16));
  EXPECT_EQ(half_bits(b), (std::vector<uint16_t>{0x0000, 0x7f7f, 0xff7f, 0x3f80, 0xc020}));
}

TEST(NanToNum, GivenValuesNonContiguousAndIntegers) {
  const Tensor t = ctorch::tensor({{kNaN, 1.0}, {kInf, -kInf}}, ctorch::kFloat32).t();
  EXPECT_EQ(doubles(ctorch::nan_to_num(t, 1.5, 2.5, -3.5)), (D{1.5, 2.5, 1, -3.5}));
  EXPECT_EQ(doubles(ctorch::nan_to_num(t, std::nullopt, 7.0)), (D{0, 7, 1, -std::numeric_limits<float>::max()}));
  // PyTorch 1.13: float16 with posinf=1e6 gives inf (the value converted to the dtype)
  EXPECT_EQ(doubles(ctorch::nan_to_num(t.to(ctorch::kFloat16), 1.5, 1e6, -1e6)), (D{1.5, kInf, 1, -kInf}));
  const Tensor i = ctorch::tensor({1, 2});
  const Tensor ci = ctorch::nan_to_num(i);
  EXPECT_EQ(values<int64_t>(ci), (I64{1, 2}));
  EXPECT_FALSE(ci.is_same(i));
  EXPECT_EQ(values<bool>(ctorch::nan_to_num(ctorch::tensor({true}))), std::vector<bool>{true});
  EXPECT_EQ(ctorch::nan_to_num(ctorch::tensor(kNaN, ctorch::kFloat32)).dim(), 0);
  EXPECT_EQ(shape(ctorch::nan_to_num(ctorch::empty({0, 2}))), (I64{0, 2}));
}
