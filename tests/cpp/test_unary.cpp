// Tests for unary elementwise ops and selection beyond the conformance vectors: every op of
// CTORCH_FORALL_UNARY_OPS and the isnan/isinf/isfinite tests on float32/float64/float16/bfloat16
// against std:: functions in double (functional, method, in-place and non-contiguous forms),
// integer inputs to float-valued functions (R5.3), abs/neg wrap (R6.10), rounding on integers and
// bool (R6.11), round half to even and signs of zero, sign/square (R6.12), in-place unary on views
// and its cast errors (R9), clamp (R6.13), where (R6.14), masked_fill, and equal/isclose/allclose
// (R16).
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

namespace {

// Like torch.testing.assert_close: NaN matches NaN, infinities must be equal, else
// |actual - expected| <= atol + rtol * |expected|.
::testing::AssertionResult close_values(const std::vector<double>& actual, const std::vector<double>& expected,
                                        const std::vector<double>& inputs, double rtol, double atol) {
  if (actual.size() != expected.size()) {
    return ::testing::AssertionFailure() << "size " << actual.size() << " vs " << expected.size();
  }
  for (size_t i = 0; i < actual.size(); ++i) {
    const double a = actual[i], e = expected[i];
    bool ok;
    if (std::isnan(e)) ok = std::isnan(a);
    else if (std::isinf(e)) ok = a == e;
    else ok = std::isfinite(a) && std::fabs(a - e) <= atol + rtol * std::fabs(e);
    if (!ok) {
      return ::testing::AssertionFailure() << "input " << inputs[i] << ": got " << a << ", expected " << e;
    }
  }
  return ::testing::AssertionSuccess();
}

using TensorFn = std::function<Tensor(const Tensor&)>;
using InPlaceFn = std::function<Tensor&(Tensor&)>;

enum Domain { kAny, kPositive, kUnit, kLog1p };

struct UnaryCase {
  const char* name;
  TensorFn fn;
  TensorFn method;
  InPlaceFn in_place;
  double (*ref)(double);
  Domain domain;
  bool float_valued;  // integral inputs give the default float dtype (R5.3)
};

#define CTORCH_CASE(name, domain, float_valued, ...)                                          \
  UnaryCase {                                                                                 \
    #name, [](const Tensor& t) { return ctorch::name(t); }, [](const Tensor& t) { return t.name(); }, \
        [](Tensor& t) -> Tensor& { return t.name##_(); }, [](double x) -> double { __VA_ARGS__; }, domain, float_valued \
  }

std::vector<UnaryCase> float_cases() {
  return {
      CTORCH_CASE(abs, kAny, false, return std::fabs(x)),
      CTORCH_CASE(neg, kAny, false, return -x),
      CTORCH_CASE(sign, kAny, false, return (x > 0) - (x < 0)),
      CTORCH_CASE(square, kAny, false, return x * x),
      CTORCH_CASE(floor, kAny, false, return std::floor(x)),
      CTORCH_CASE(ceil, kAny, false, return std::ceil(x)),
      CTORCH_CASE(round, kAny, false, return std::nearbyint(x)),
      CTORCH_CASE(trunc, kAny, false, return std::trunc(x)),
      CTORCH_CASE(frac, kAny, false, return x - std::trunc(x)),
      CTORCH_CASE(reciprocal, kAny, true, return 1.0 / x),
      CTORCH_CASE(relu, kAny, false, return std::isnan(x) ? x : (x > 0 ? x : 0.0)),
      CTORCH_CASE(sqrt, kPositive, true, return std::sqrt(x)),
      CTORCH_CASE(rsqrt, kPositive, true, return 1.0 / std::sqrt(x)),
      CTORCH_CASE(exp, kAny, true, return std::exp(x)),
      CTORCH_CASE(exp2, kAny, true, return std::exp2(x)),
      CTORCH_CASE(expm1, kAny, true, return std::expm1(x)),
      CTORCH_CASE(log, kPositive, true, return std::log(x)),
      CTORCH_CASE(log2, kPositive, true, return std::log2(x)),
      CTORCH_CASE(log10, kPositive, true, return std::log10(x)),
      CTORCH_CASE(log1p, kLog1p, true, return std::log1p(x)),
      CTORCH_CASE(sin, kAny, true, return std::sin(x)),
      CTORCH_CASE(cos, kAny, true, return std::cos(x)),
      CTORCH_CASE(tan, kAny, true, return std::tan(x)),
      CTORCH_CASE(asin, kUnit, true, return std::asin(x)),
      CTORCH_CASE(acos, kUnit, true, return std::acos(x)),
      CTORCH_CASE(atan, kAny, true, return std::atan(x)),
      CTORCH_CASE(sinh, kAny, true, return std::sinh(x)),
      CTORCH_CASE(cosh, kAny, true, return std::cosh(x)),
      CTORCH_CASE(tanh, kAny, true, return std::tanh(x)),
      CTORCH_CASE(sigmoid, kAny, true, return 1.0 / (1.0 + std::exp(-x))),
      CTORCH_CASE(erf, kAny, true, return std::erf(x)),
  };
}

// Inputs exactly representable in float16 and bfloat16, with special values.
std::vector<double> inputs_for(Domain d) {
  switch (d) {
    case kAny:
      return {-2.5, -1.0, -0.5, -0.0, 0.0, 0.25, 0.5, 1.0, 1.5, 2.5, 3.0, kInf, -kInf, kNaN};
    case kPositive:
      return {0.25, 0.5, 1.0, 2.0, 10.0, 100.0, 0.0, -0.0, -1.0, kInf, kNaN};
    case kUnit:
      return {-1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0, 1.5, -2.0, kNaN};
    case kLog1p:
      return {-0.5, 0.0, 0.25, 1.0, 10.0, -1.0, -2.0, kInf, kNaN};
  }
  return {};
}

struct FloatKind {
  ScalarType dtype;
  double rtol, atol;  // torch.testing.assert_close defaults
};
const FloatKind kFloatKinds[] = {
    {kFloat32, 1.3e-6, 1e-5}, {kFloat64, 1e-7, 1e-7}, {kFloat16, 1e-3, 1e-5}, {kBFloat16, 1.6e-2, 1e-5}};

// The same values at every other element of a longer tensor: a non-contiguous view.
Tensor stepped(const std::vector<double>& xs, ScalarType dtype) {
  std::vector<double> interleaved;
  for (double x : xs) {
    interleaved.push_back(x);
    interleaved.push_back(0.5);
  }
  return tensor(interleaved, dtype).slice(0, 0, std::nullopt, 2);
}
}  // namespace

// ---- every op against std:: ------------------------------------------------------------------

TEST(UnaryFloat, EveryOpMatchesStdInDouble) {
  for (const FloatKind& k : kFloatKinds) {
    for (const UnaryCase& c : float_cases()) {
      SCOPED_TRACE(std::string(c.name) + " on " + std::string(legacy_name(k.dtype)));
      const std::vector<double> xs = inputs_for(c.domain);
      Tensor x = tensor(xs, k.dtype);
      ASSERT_EQ(doubles(x).size(), xs.size());
      std::vector<double> expected;
      for (double v : doubles(x)) expected.push_back(c.ref(v));  // exact inputs, double reference
      Tensor r = c.fn(x);
      EXPECT_EQ(r.dtype(), k.dtype);
      EXPECT_EQ(shape(r), shape(x));
      EXPECT_TRUE(close_values(doubles(r), expected, xs, k.rtol, k.atol));
      // Method, in-place and non-contiguous forms give exactly the same values.
      EXPECT_TRUE(same_values(doubles(c.method(x)), doubles(r)));
      Tensor y = x.clone();
      Tensor& ry = c.in_place(y);
      EXPECT_EQ(&ry, &y);
      EXPECT_EQ(y.dtype(), k.dtype);
      EXPECT_TRUE(same_values(doubles(y), doubles(r)));
      Tensor s = stepped(xs, k.dtype);
      ASSERT_FALSE(s.is_contiguous());
      EXPECT_TRUE(same_values(doubles(c.fn(s)), doubles(r)));
      Tensor base = tensor(doubles(x), k.dtype).view({1, -1}).expand({2, -1}).contiguous();
      Tensor row = base[1];
      c.in_place(row);  // in place on a row view
      EXPECT_TRUE(same_values(doubles(base[1]), doubles(r)));
      EXPECT_TRUE(same_values(doubles(base[0]), doubles(x)));
    }
  }
}

TEST(UnaryFloat, TestsMatchStd) {
  const std::vector<double> xs = {0.0, -0.0, 1.5, -2.5, 65504.0, kInf, -kInf, kNaN, -kNaN};
  for (const FloatKind& k : kFloatKinds) {
    SCOPED_TRACE(std::string(legacy_name(k.dtype)));
    Tensor x = tensor(xs, k.dtype);
    std::vector<bool> nan, inf, fin, lnot;
    for (double v : doubles(x)) {
      nan.push_back(std::isnan(v));
      inf.push_back(std::isinf(v));
      fin.push_back(std::isfinite(v));
      lnot.push_back(v == 0);
    }
    for (const Tensor& r : {isnan(x), isinf(x), isfinite(x), logical_not(x), x.isnan(), x.isinf(), x.isfinite()}) {
      EXPECT_EQ(r.dtype(), kBool);
      EXPECT_EQ(shape(r), shape(x));
    }
    EXPECT_EQ(bools(isnan(x)), nan);
    EXPECT_EQ(bools(isinf(x)), inf);
    EXPECT_EQ(bools(isfinite(x)), fin);
    EXPECT_EQ(bools(x.isnan()), nan);
    EXPECT_EQ(bools(logical_not(x)), lnot);
    EXPECT_EQ(bools(isnan(stepped(xs, k.dtype))), nan);
    // logical_not_ in place writes 1/0 in self's dtype.
    Tensor y = x.clone();
    y.logical_not_();
    EXPECT_EQ(y.dtype(), k.dtype);
    EXPECT_EQ(bools(y), lnot);
  }
  // float16 overflow makes inf; integers and bool are always finite.
  EXPECT_EQ(bools(isinf(tensor({65520.0}, kFloat16))), (B{true}));
  EXPECT_EQ(bools(isfinite(tensor({1, 2}))), (B{true, true}));
  EXPECT_EQ(bools(isnan(tensor({true}))), (B{false}));
  EXPECT_EQ(bools(isinf(tensor({-128}, kInt8))), (B{false}));
}

// float32 exp over its whole range, every 1/64, against float64: at most 2 ulp from the rounded
// result, exact overflow to inf, gradual underflow to the subnormals and 0, NaN kept. Run on the
// AVX2 kernel and (tests_without_simd) on the portable path; contiguous and strided.
TEST(UnaryFloat, ExpFloat32WithinTwoUlpEverywhere) {
  std::vector<double> xs;
  for (double v = -110.0; v <= 90.0; v += 1.0 / 64) xs.push_back(v);
  for (double v : {kInf, -kInf, kNaN, 0.0, -0.0, 88.72283, 88.72284, -87.33654, -103.97208, -103.97209})
    xs.push_back(v);
  const Tensor x = tensor(xs, kFloat32);
  const Tensor strided = stack({x, x}, 1).select(1, 0);
  for (const Tensor& r : {exp(x), exp(strided)}) {
    const std::vector<double> got = doubles(r), in = doubles(x);
    for (size_t i = 0; i < in.size(); ++i) {
      const double want = std::exp(in[i]);
      const float rounded = static_cast<float>(want);
      if (std::isnan(in[i])) {
        EXPECT_TRUE(std::isnan(got[i]));
      } else if (std::isinf(rounded) || rounded == 0.0f) {
        EXPECT_EQ(got[i], static_cast<double>(rounded)) << "x = " << in[i];
      } else {
        const float mag = std::fabs(rounded);
        const double ulp = std::nextafter(mag, std::numeric_limits<float>::infinity()) - mag;
        EXPECT_LE(std::fabs(got[i] - want), 2 * ulp) << "x = " << in[i];
      }
    }
  }
}

TEST(UnaryFloat, BitwiseNotRejectsFloats) {
  EXPECT_TRUE(expect_error_containing([] { bitwise_not(tensor({1.0})); }, "not implemented for 'Float'"));
  EXPECT_TRUE(expect_error_containing([] { (void)~tensor({1.0}, kFloat64); }, "not implemented for 'Double'"));
  EXPECT_TRUE(expect_error_containing([] { tensor({1.0}, kFloat16).bitwise_not_(); }, "not implemented for 'Half'"));
}

TEST(UnaryFloat, SignsOfZero) {
  Tensor z = tensor({-0.0, 0.0});
  EXPECT_TRUE(same_values(doubles(abs(z)), D{0.0, 0.0}));
  EXPECT_TRUE(same_values(doubles(neg(z)), D{0.0, -0.0}));
  EXPECT_TRUE(same_values(doubles(-z), D{0.0, -0.0}));
  EXPECT_TRUE(same_values(doubles(floor(z)), D{-0.0, 0.0}));
  EXPECT_TRUE(same_values(doubles(ceil(z)), D{-0.0, 0.0}));
  EXPECT_TRUE(same_values(doubles(trunc(z)), D{-0.0, 0.0}));
  EXPECT_TRUE(same_values(doubles(round(z)), D{-0.0, 0.0}));
  EXPECT_TRUE(same_values(doubles(ceil(tensor({-0.5}))), D{-0.0}));
  EXPECT_TRUE(same_values(doubles(trunc(tensor({-0.5}))), D{-0.0}));
  EXPECT_TRUE(same_values(doubles(sign(z)), D{0.0, 0.0}));
  EXPECT_TRUE(same_values(doubles(reciprocal(z)), D{-kInf, kInf}));
  EXPECT_TRUE(same_values(doubles(sqrt(z)), D{-0.0, 0.0}));
  // sign(nan) is 0 (R6.12).
  EXPECT_TRUE(same_values(doubles(sign(tensor({kNaN, -3.0, 2.0}))), D{0.0, -1.0, 1.0}));
}

// round(decimals) has float kernels only, even with decimals = 0 (PyTorch 2.15's messages).
TEST(UnaryRound, DecimalsRefuseIntegers) {
  EXPECT_CTORCH_ERROR(NotImplemented, "\"round_cpu\" not implemented for 'Long'", round(tensor({1}), 1));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"round_vml_cpu\" not implemented for 'Long'", round(tensor({1}), 0));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"round_cpu\" not implemented for 'Bool'", round(tensor({true}), 2));
  EXPECT_EQ(doubles(round(tensor({1.25}, kFloat64), 1)), D{1.2});
}

TEST(UnaryRound, HalfToEven) {
  Tensor x = tensor({0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999997, 2.5000002, 8388609.0, -3.5});
  EXPECT_EQ(x.dtype(), kFloat32);
  EXPECT_TRUE(same_values(doubles(round(x)), D{0.0, 2.0, 2.0, -0.0, -2.0, -2.0, 0.0, 3.0, 8388609.0, -4.0}));
  Tensor d = tensor({0.5, 1.5, 2.5, -2.5, 4503599627370497.0, 0.49999999999999994}, kFloat64);
  EXPECT_TRUE(same_values(doubles(round(d)), D{0.0, 2.0, 2.0, -2.0, 4503599627370497.0, 0.0}));
  EXPECT_TRUE(same_values(doubles(round(tensor({0.5, 1.5, 2.5, 3.5}, kFloat16))), D{0.0, 2.0, 2.0, 4.0}));
  EXPECT_TRUE(same_values(doubles(round(tensor({0.5, 1.5, 2.5, 3.5}, kBFloat16))), D{0.0, 2.0, 2.0, 4.0}));
}

// ---- integer and bool inputs -------------------------------------------------------------------

TEST(UnaryInteger, FloatValuedFunctionsGiveDefaultFloat) {
  const ScalarType int_types[] = {kBool, kUInt8, kInt8, kInt16, kInt32, kInt64};
  for (const UnaryCase& c : float_cases()) {
    if (!c.float_valued) continue;  // the others keep integer dtypes (tested below)
    for (ScalarType it : int_types) {
      SCOPED_TRACE(std::string(c.name) + " on " + std::string(legacy_name(it)));
      Tensor x = it == kBool ? tensor({true, false}) : tensor({1, 0}, it);
      Tensor r = c.fn(x);
      {
        EXPECT_EQ(r.dtype(), kFloat32);
        // Same values as on the float32 conversion of the input.
        EXPECT_TRUE(same_values(doubles(r), doubles(c.fn(x.to(kFloat32)))));
        EXPECT_CTORCH_ERROR(Runtime, std::string("result type Float can't be cast to the desired output type ") +
                                         std::string(legacy_name(it)),
                            c.in_place(x));
        EXPECT_EQ(bools(x), (B{true, false}));  // unchanged
      }
    }
  }
  set_default_dtype(kFloat64);
  Tensor s = sqrt(tensor({2}));
  Tensor e = exp(tensor({true}));
  Tensor rc = reciprocal(tensor({3}, kInt16));
  set_default_dtype(kFloat32);
  EXPECT_EQ(s.dtype(), kFloat64);
  EXPECT_EQ(doubles(s), (D{std::sqrt(2.0)}));
  EXPECT_EQ(e.dtype(), kFloat64);
  EXPECT_EQ(rc.dtype(), kFloat64);
  EXPECT_EQ(doubles(rc), (D{1.0 / 3.0}));
  // reciprocal of an integer zero is inf (R6.12).
  EXPECT_EQ(doubles(reciprocal(tensor({0, 2, -4}))), (D{kInf, 0.5, -0.25}));
  // Integer values are converted exactly where they fit float32.
  EXPECT_EQ(doubles(sqrt(tensor({16777216, 9}))), (D{4096.0, 3.0}));
}

TEST(UnaryInteger, AbsNegWrap) {
  Tensor a = tensor({-128, -1, 0, 127}, kInt8);
  EXPECT_EQ(abs(a).dtype(), kInt8);
  EXPECT_EQ(values<int8_t>(abs(a)), (std::vector<int8_t>{-128, 1, 0, 127}));
  EXPECT_EQ(values<int8_t>(neg(a)), (std::vector<int8_t>{-128, 1, 0, -127}));
  const int64_t mn = std::numeric_limits<int64_t>::min();
  EXPECT_EQ(values<int64_t>(-tensor({mn, 5})), (I64{mn, -5}));
  EXPECT_EQ(values<int64_t>(abs(tensor({mn, -5}))), (I64{mn, 5}));
  EXPECT_EQ(values<uint8_t>(neg(tensor({1, 0, 255}, kUInt8))), (std::vector<uint8_t>{255, 0, 1}));
  EXPECT_EQ(values<uint8_t>(abs(tensor({1, 255}, kUInt8))), (std::vector<uint8_t>{1, 255}));
  EXPECT_EQ(values<int16_t>(abs(tensor({-32768, -3}, kInt16))), (std::vector<int16_t>{-32768, 3}));
  EXPECT_TRUE(expect_error_containing([] { abs(tensor({true})); }, "not implemented for 'Bool'"));
  EXPECT_TRUE(expect_error_containing([] { tensor({true}).abs_(); }, "not implemented for 'Bool'"));
  const std::string neg_msg =
      "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the "
      "`~` or `logical_not()` operator instead.";
  EXPECT_CTORCH_ERROR(NotImplemented, neg_msg, neg(tensor({true})));
  EXPECT_CTORCH_ERROR(NotImplemented, neg_msg, -tensor({true}));
  Tensor b = tensor({true, false});
  EXPECT_CTORCH_ERROR(NotImplemented, neg_msg, b.neg_());  // R9.4
  EXPECT_EQ(bools(b), (B{true, false}));
}

TEST(UnaryInteger, SignSquareReciprocal) {
  Tensor sb = sign(tensor({true, false}));
  EXPECT_EQ(sb.dtype(), kBool);
  EXPECT_EQ(bools(sb), (B{true, false}));
  Tensor su = sign(tensor({0, 7, 255}, kUInt8));
  EXPECT_EQ(su.dtype(), kUInt8);
  EXPECT_EQ(values<uint8_t>(su), (std::vector<uint8_t>{0, 1, 1}));
  EXPECT_EQ(values<int8_t>(sign(tensor({-5, 0, 7, -128}, kInt8))), (std::vector<int8_t>{-1, 0, 1, -1}));
  EXPECT_EQ(values<int64_t>(tensor({-9, 0, 4}).sign()), (I64{-1, 0, 1}));

  Tensor qb = square(tensor({true, false}));
  EXPECT_EQ(qb.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(qb), (I64{1, 0}));
  Tensor q8 = square(tensor({16, -3, 12}, kInt8));
  EXPECT_EQ(q8.dtype(), kInt8);
  EXPECT_EQ(values<int8_t>(q8), (std::vector<int8_t>{0, 9, -112}));
  EXPECT_EQ(values<int32_t>(tensor({46341}, kInt32).square()), (std::vector<int32_t>{-2147479015}));
  Tensor qi = tensor({3, -4}, kInt16);
  qi.square_();
  EXPECT_EQ(values<int16_t>(qi), (std::vector<int16_t>{9, 16}));
  EXPECT_EQ(doubles(square(tensor({1.5, -2.0}, kFloat16))), (D{2.25, 4.0}));
}

TEST(UnaryInteger, RoundingKeepsValuesAndFailsOnBool) {
  const ScalarType int_types[] = {kUInt8, kInt8, kInt16, kInt32, kInt64};
  for (ScalarType it : int_types) {
    SCOPED_TRACE(std::string(legacy_name(it)));
    Tensor x = it == kUInt8 ? tensor({0, 7, 200}, it) : tensor({-100, 0, 7}, it);
    for (const Tensor& r : {floor(x), ceil(x), round(x), trunc(x), x.floor(), relu(x)}) {
      EXPECT_EQ(r.dtype(), it);
    }
    for (const Tensor& r : {floor(x), ceil(x), round(x), trunc(x)}) EXPECT_EQ(doubles(r), doubles(x));
    Tensor y = x.clone();
    y.floor_();
    y.round_();
    EXPECT_EQ(doubles(y), doubles(x));
    EXPECT_TRUE(expect_error_containing([&] { frac(x); }, std::string("not implemented for '") + std::string(legacy_name(it)) + "'"));
  }
  EXPECT_EQ(values<int64_t>(floor(tensor({std::numeric_limits<int64_t>::max()}))),
            (I64{std::numeric_limits<int64_t>::max()}));
  Tensor b = tensor({true, false});
  for (auto fn : {+[](const Tensor& t) { return floor(t); }, +[](const Tensor& t) { return ceil(t); },
                  +[](const Tensor& t) { return round(t); }, +[](const Tensor& t) { return trunc(t); },
                  +[](const Tensor& t) { return frac(t); }}) {
    EXPECT_TRUE(expect_error_containing([&] { fn(b); }, "not implemented for 'Bool'"));
  }
  EXPECT_TRUE(expect_error_containing([&] { b.floor_(); }, "not implemented for 'Bool'"));
  // relu on integers clamps at zero and keeps the dtype.
  EXPECT_EQ(values<int8_t>(relu(tensor({-3, 4}, kInt8))), (std::vector<int8_t>{0, 4}));
}

TEST(UnaryInteger, BitwiseAndLogicalNot) {
  Tensor n = ~tensor({0, -1, 5}, kInt8);
  EXPECT_EQ(n.dtype(), kInt8);
  EXPECT_EQ(values<int8_t>(n), (std::vector<int8_t>{-1, 0, -6}));
  EXPECT_EQ(values<uint8_t>(bitwise_not(tensor({0, 255, 1}, kUInt8))), (std::vector<uint8_t>{255, 0, 254}));
  Tensor nb = ~tensor({true, false});
  EXPECT_EQ(nb.dtype(), kBool);
  EXPECT_EQ(bools(nb), (B{false, true}));
  Tensor ln = logical_not(tensor({0, 3, -1}, kInt32));
  EXPECT_EQ(ln.dtype(), kBool);
  EXPECT_EQ(bools(ln), (B{true, false, false}));
  Tensor i = tensor({0, 3});
  i.logical_not_();
  EXPECT_EQ(values<int64_t>(i), (I64{1, 0}));
  Tensor j = tensor({5, 0});
  j.bitwise_not_();
  EXPECT_EQ(values<int64_t>(j), (I64{-6, -1}));
}

// ---- in-place unary ----------------------------------------------------------------------------

TEST(UnaryInPlace, ViewsAndCastErrors) {
  Tensor li = tensor({4, 9});
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Long", li.sqrt_());
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Long", li.exp_());
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Int",
                      tensor({1}, kInt32).reciprocal_());
  EXPECT_EQ(values<int64_t>(li), (I64{4, 9}));

  Tensor t = tensor({{4.0, 9.0}, {16.0, 25.0}});
  Tensor& r = t.t().sqrt_();  // r refers to the temporary view; the base sees the change
  (void)r;
  EXPECT_EQ(values<float>(t), (F32{2, 3, 4, 5}));
  t[{Slice(), 1}].neg_();
  EXPECT_EQ(values<float>(t), (F32{2, -3, 4, -5}));
  t.slice(0, 1).abs_();
  EXPECT_EQ(values<float>(t), (F32{2, -3, 4, 5}));
  Tensor h = tensor({{0.0, 1.0}, {2.0, 3.0}}, kFloat16);
  h[{Slice(), 0}].exp_();
  EXPECT_EQ(h.dtype(), kFloat16);
  EXPECT_TRUE(close_values(doubles(h), D{1.0, 1.0, std::exp(2.0), 3.0}, D{0, 1, 2, 3}, 1e-3, 1e-5));
  // Integer rounding in place keeps the values; abs_ on a stepped view of int8 wraps.
  Tensor i8 = tensor({-128, -2, 5, -7}, kInt8);
  i8.slice(0, 0, std::nullopt, 2).abs_();
  EXPECT_EQ(values<int8_t>(i8), (std::vector<int8_t>{-128, -2, 5, -7}));
  i8.slice(0, 1, std::nullopt, 2).abs_();
  EXPECT_EQ(values<int8_t>(i8), (std::vector<int8_t>{-128, 2, 5, 7}));
  // In place on an expanded (overlapping) self is not tested; on a transposed self with itself:
  Tensor m = tensor({{1.0, -2.0}, {-3.0, 4.0}});
  m.t().relu_();
  EXPECT_EQ(values<float>(m), (F32{1, 0, 0, 4}));
}

// ---- clamp (R6.13) -----------------------------------------------------------------------------

TEST(Clamp, DtypesAndRules) {
  Tensor f = clamp(tensor({1, 2, 3}), 1.5);
  EXPECT_EQ(f.dtype(), kFloat32);
  EXPECT_EQ(doubles(f), (D{1.5, 2, 3}));
  Tensor g = tensor({1, 2, 3}).clamp(std::nullopt, 2.5);
  EXPECT_EQ(g.dtype(), kFloat32);
  EXPECT_EQ(doubles(g), (D{1, 2, 2.5}));
  Tensor i = clamp(tensor({-5, 0, 5}, kInt32), -1, 1);
  EXPECT_EQ(i.dtype(), kInt32);
  EXPECT_EQ(values<int32_t>(i), (std::vector<int32_t>{-1, 0, 1}));
  // min > max: everything becomes max.
  Tensor mm = clamp(tensor({1, 5, 10}), 8, 3);
  EXPECT_EQ(values<int64_t>(mm), (I64{3, 3, 3}));
  EXPECT_EQ(doubles(clamp(tensor({-1.0, 0.5, 2.0}), 1.0, 0.0)), (D{0, 0, 0}));
  // NaN stays NaN.
  EXPECT_TRUE(same_values(doubles(clamp(tensor({kNaN, 1.0, 5.0}), 2, 4)), D{kNaN, 2.0, 4.0}));
  EXPECT_TRUE(same_values(doubles(clamp_min(tensor({kNaN, -1.0}), 0)), D{kNaN, 0.0}));
  EXPECT_TRUE(same_values(doubles(clamp_max(tensor({kNaN, 3.0}, kFloat64), 1)), D{kNaN, 1.0}));
  EXPECT_CTORCH_ERROR(Runtime, "torch.clamp: At least one of 'min' or 'max' must not be None",
                      clamp(tensor({1.0}), std::optional<Scalar>(), std::optional<Scalar>()));
  EXPECT_CTORCH_ERROR(Runtime, "torch.clamp: At least one of 'min' or 'max' must not be None",
                      clamp(tensor({1.0}), std::optional<Tensor>(), std::optional<Tensor>()));
  // Bounds convert like scalars: uint8 with min=-129 uses 127.
  EXPECT_EQ(values<uint8_t>(clamp(tensor({0, 100, 200}, kUInt8), -129)), (std::vector<uint8_t>{127, 127, 200}));
  Tensor h = clamp(tensor({0.1, 70000.0}, kFloat16), 0.2, 1e6);
  EXPECT_EQ(h.dtype(), kFloat16);
  EXPECT_TRUE(same_values(doubles(h), D{0.199951171875, kInf}));
  // Non-contiguous input.
  Tensor nc = arange(6, kFloat32).view({2, 3}).t();
  EXPECT_EQ(doubles(clamp(nc, 1, 4)), (D{1, 3, 1, 4, 2, 4}));
}

TEST(Clamp, InPlace) {
  Tensor t = arange(6, kFloat32).view({2, 3});
  t.t().clamp_(1, 4);
  EXPECT_EQ(values<float>(t), (F32{1, 1, 2, 3, 4, 4}));
  t[{Slice(), 2}].clamp_(std::nullopt, 0);
  EXPECT_EQ(values<float>(t), (F32{1, 1, 0, 3, 4, 0}));
  Tensor li = tensor({1, 5});
  EXPECT_CTORCH_ERROR(Runtime, "result type Float can't be cast to the desired output type Long", li.clamp_(1.5));
  EXPECT_EQ(values<int64_t>(li), (I64{1, 5}));
  Tensor& r = li.clamp_(2, 3);
  EXPECT_EQ(&r, &li);
  EXPECT_EQ(values<int64_t>(li), (I64{2, 3}));
}

// ---- where / masked_fill (R6.14) ---------------------------------------------------------------

TEST(Where, BroadcastsAllThree) {
  Tensor cond = tensor({true, false, true}).view({3, 1});
  Tensor x = tensor({1, 2, 3, 4}, kInt32).view({1, 4});
  Tensor y = tensor(-0.5, kFloat64);  // zero-dim, higher kind: promotes
  Tensor r = where(cond, x, y);
  EXPECT_EQ(shape(r), (I64{3, 4}));
  EXPECT_EQ(r.dtype(), kFloat64);
  EXPECT_EQ(doubles(r), (D{1, 2, 3, 4, -0.5, -0.5, -0.5, -0.5, 1, 2, 3, 4}));
  Tensor r2 = where(cond.t(), tensor({{10.0}, {20.0}}), tensor({0.0, 1.0, 2.0}));
  EXPECT_EQ(shape(r2), (I64{2, 3}));
  EXPECT_EQ(doubles(r2), (D{10, 1, 10, 20, 1, 20}));
  EXPECT_TRUE(expect_error_containing([&] { where(tensor({true, false}), zeros({3}), 1.0); },
                                      "must match the size of tensor"));
}

TEST(Where, ScalarOperandsAndDtypes) {
  Tensor cond = tensor({true, false});
  Tensor a = where(cond, 1, 0.5);
  EXPECT_EQ(a.dtype(), kFloat32);
  EXPECT_EQ(doubles(a), (D{1.0, 0.5}));
  Tensor b = where(cond, tensor({5, 6}, kInt8), 2);
  EXPECT_EQ(b.dtype(), kInt8);
  EXPECT_EQ(values<int8_t>(b), (std::vector<int8_t>{5, 2}));
  Tensor c = where(cond, 2, tensor({7, 8}, kUInt8));
  EXPECT_EQ(c.dtype(), kUInt8);
  EXPECT_EQ(values<uint8_t>(c), (std::vector<uint8_t>{2, 8}));
  Tensor d = where(cond, tensor({1, 2}, kInt32), tensor({0.5, 0.25}, kFloat16));
  EXPECT_EQ(d.dtype(), kFloat16);
  EXPECT_EQ(doubles(d), (D{1.0, 0.25}));
  Tensor e = where(cond, true, false);
  EXPECT_EQ(e.dtype(), kBool);
  EXPECT_EQ(bools(e), (B{true, false}));
  Tensor f = where(cond, 3, 4);
  EXPECT_EQ(f.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(f), (I64{3, 4}));
  Tensor g = where(tensor(true), tensor({kNaN, 1.0}), 0.0);
  EXPECT_TRUE(same_values(doubles(g), D{kNaN, 1.0}));
  EXPECT_CTORCH_ERROR(Runtime, "where expected condition to be a boolean tensor, but got a tensor with dtype Long",
                      where(tensor({1, 0}), 1.0, 0.0));
  EXPECT_CTORCH_ERROR(Runtime, "where expected condition to be a boolean tensor, but got a tensor with dtype Float",
                      where(tensor({1.0}), 1.0, 0.0));
}

TEST(Where, MaskedFill) {
  Tensor t = arange(6, kFloat32).view({2, 3});
  Tensor mask = tensor({true, false, true});
  Tensor r = t.masked_fill(mask, -1.0);
  EXPECT_EQ(r.dtype(), kFloat32);
  EXPECT_EQ(doubles(r), (D{-1, 1, -1, -1, 4, -1}));
  EXPECT_EQ(doubles(t), (D{0, 1, 2, 3, 4, 5}));  // out-of-place leaves t alone
  EXPECT_TRUE(same_values(doubles(masked_fill(t, mask, kNaN)), D{kNaN, 1, kNaN, kNaN, 4, kNaN}));
  // The value is converted to the tensor's dtype (float into int64 truncates).
  Tensor ri = tensor({1, 2}).masked_fill(tensor({true, false}), 2.7);
  EXPECT_EQ(ri.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(ri), (I64{2, 2}));
  Tensor rb = tensor({false, false}).masked_fill(tensor({true, false}), true);
  EXPECT_EQ(bools(rb), (B{true, false}));
  // In place on a view changes the base.
  t.t().masked_fill_(tensor({{true, false}, {false, false}, {false, true}}), 100);
  EXPECT_EQ(doubles(t), (D{100, 1, 2, 3, 4, 100}));
  t[1].masked_fill_(tensor(true), 7);
  EXPECT_EQ(doubles(t), (D{100, 1, 2, 7, 7, 7}));
  EXPECT_CTORCH_ERROR(Runtime, "masked_fill_ only supports boolean masks, but got mask with dtype Long",
                      t.masked_fill(tensor({1, 0, 1}), 0));
  Tensor z = zeros({3});
  EXPECT_CTORCH_ERROR(Runtime, "output with shape [3] doesn't match the broadcast shape [2, 3]",
                      z.masked_fill_(tensor({{true}, {false}}), 1.0));
  EXPECT_EQ(doubles(z), (D{0, 0, 0}));
}

TEST(Where, MaskedFillOutOfPlaceBroadcastsSelf) {
  // PyTorch's out-of-place masked_fill expands self and mask together (expand_outplace):
  // zeros(3).masked_fill(mask [2, 1], 1.) -> [[1, 1, 1], [0, 0, 0]].
  Tensor r = zeros({3}).masked_fill(tensor({{true}, {false}}), 1.0);
  EXPECT_EQ(shape(r), (I64{2, 3}));
  EXPECT_EQ(doubles(r), (D{1, 1, 1, 0, 0, 0}));
}

TEST(Where, MaskedFillValueRangeChecked) {
  // PyTorch converts the fill value with a range check, as fill_ does (R2.5).
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type uint8_t without overflow",
                      tensor({1, 2}, kUInt8).masked_fill(tensor({true, false}), 300));
  EXPECT_EQ(values<uint8_t>(tensor({1, 2}, kUInt8).masked_fill(tensor({true, false}), -1)),
            (std::vector<uint8_t>{255, 2}));
}

// ---- equal / isclose / allclose (R16) ----------------------------------------------------------

TEST(Close, Equal) {
  EXPECT_TRUE(equal(tensor({1, 2}), tensor({1.0, 2.0})));
  EXPECT_FALSE(equal(tensor({1, 2}), tensor({1, 2, 3})));
  EXPECT_FALSE(equal(tensor({1, 2}), tensor({{1, 2}})));  // sizes differ, even if broadcastable
  EXPECT_FALSE(equal(tensor({kNaN}), tensor({kNaN})));
  EXPECT_TRUE(equal(tensor({0.0}), tensor({-0.0})));
  EXPECT_TRUE(equal(zeros({0, 3}), zeros({0, 3}, kInt64)));
  EXPECT_FALSE(equal(zeros({0, 3}), zeros({3, 0})));
  EXPECT_TRUE(equal(tensor({true, false}), tensor({1, 0}, kInt8)));
  EXPECT_FALSE(equal(tensor({2, 0}, kInt8), tensor({true, false})));
  EXPECT_TRUE(equal(tensor(3), tensor(3.0)));
  Tensor m = arange(6).view({2, 3});
  EXPECT_TRUE(equal(m.t(), m.t().contiguous()));
  EXPECT_FALSE(equal(m.t(), m.view({3, 2})));
}

TEST(Close, IsCloseRules) {
  Tensor a = tensor({1.0, 2.0}, kFloat64), b = tensor({2.0, 1.0}, kFloat64);
  // Asymmetric: |a - b| <= atol + rtol * |b|.
  EXPECT_EQ(bools(isclose(a, b, 0.75, 0.0)), (B{true, false}));
  EXPECT_EQ(bools(isclose(b, a, 0.75, 0.0)), (B{false, true}));
  Tensor x = tensor({kInf, kInf, kNaN, 1.0, -kInf});
  Tensor y = tensor({kInf, -kInf, kNaN, 1.0 + 1e-6, -kInf});
  Tensor r = isclose(x, y);
  EXPECT_EQ(r.dtype(), kBool);
  EXPECT_EQ(bools(r), (B{true, false, false, true, true}));
  EXPECT_EQ(bools(isclose(x, y, 1e-5, 1e-8, true)), (B{true, false, true, true, true}));
  EXPECT_EQ(bools(isclose(tensor({1.0}), tensor({1.001}))), (B{false}));
  EXPECT_EQ(bools(isclose(tensor({1.0}), tensor({1.001}), 0.0, 0.01)), (B{true}));
  EXPECT_EQ(bools(isclose(tensor({kInf}), tensor({1.0}), 1e9, 1e9)), (B{false}));
  // Broadcasting.
  Tensor bc = isclose(zeros({2, 3}), tensor({0.0, 1e-9, 1.0}));
  EXPECT_EQ(shape(bc), (I64{2, 3}));
  EXPECT_EQ(bools(bc), (B{true, true, false, true, true, false}));
  // Integer and bool inputs.
  EXPECT_EQ(bools(isclose(tensor({10, 20}), tensor({11, 20}), 0.0, 1.0)), (B{true, true}));
  EXPECT_EQ(bools(isclose(tensor({10, 20}), tensor({11, 20}))), (B{false, true}));
  EXPECT_EQ(bools(isclose(tensor({true, false}), tensor({true, true}))), (B{true, false}));
  // Errors.
  EXPECT_CTORCH_ERROR(Runtime, "Long did not match Float", isclose(tensor({1}), tensor({1.0})));
  EXPECT_CTORCH_ERROR(Runtime, "Float did not match Double", allclose(tensor({1.0}), tensor({1.0}, kFloat64)));
  EXPECT_CTORCH_ERROR(Runtime, "rtol must be greater than or equal to zero, but got -1",
                      isclose(tensor({1.0}), tensor({1.0}), -1.0));
  EXPECT_CTORCH_ERROR(Runtime, "atol must be greater than or equal to zero, but got -0.5",
                      allclose(tensor({1.0}), tensor({1.0}), 1e-5, -0.5));
  EXPECT_CTORCH_ERROR(Runtime, "rtol must be greater than or equal to zero, but got -0.25",
                      allclose(tensor({1}), tensor({1}), -0.25));
}

TEST(Close, AllClose) {
  EXPECT_TRUE(allclose(tensor({1.0, 2.0}), tensor({1.0 + 1e-6, 2.0})));
  EXPECT_FALSE(allclose(tensor({1.0, 2.0}), tensor({1.0, 2.1})));
  EXPECT_FALSE(allclose(tensor({kNaN}), tensor({kNaN})));
  EXPECT_TRUE(allclose(tensor({kNaN}), tensor({kNaN}), 1e-5, 1e-8, true));
  EXPECT_TRUE(allclose(zeros({0}), zeros({0})));
  EXPECT_TRUE(allclose(arange(6, kFloat32).view({2, 3}).t(), arange(6, kFloat32).view({2, 3}).t().contiguous()));
  EXPECT_TRUE(allclose(tensor({1.0, 1.0}, kFloat16), tensor({1.0009765625, 1.0}, kFloat16), 1e-3));
}

TEST(Clamp, TensorBoundsBroadcastAndPromote) {
  // Per-column bounds: min(max(x, lo), hi) elementwise, worked by hand.
  const Tensor x = tensor({{-5, 0, 5}, {10, 2, -1}});
  const Tensor lo = tensor({-1, 1, 0}), hi = tensor({{3}, {1}});
  const Tensor r = clamp(x, lo, hi);
  EXPECT_EQ(r.dtype(), kInt64);
  EXPECT_EQ(values<int64_t>(r), (std::vector<int64_t>{-1, 1, 3, 1, 1, 0}));
  // Only a lower bound of another dtype: the result promotes (int64 with float32 -> float32).
  const Tensor f = x.clamp(tensor({0.5f}), std::nullopt);
  EXPECT_EQ(f.dtype(), kFloat32);
  EXPECT_EQ(doubles(f), (D{0.5, 0.5, 5, 10, 2, 0.5}));
  // A NaN bound gives NaN, as maximum/minimum do.
  EXPECT_TRUE(same_values(doubles(clamp(tensor({1.0, 2.0}), std::nullopt, tensor({kNaN, 3.0}))), D{kNaN, 2.0}));
}
