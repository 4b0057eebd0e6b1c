// tests/cpp/test_util.h: small helpers shared by the test files.
//
//   values<int64_t>(t)      all elements of t in row-major (logical) order, read through the
//                           public API (data_ptr + sizes + strides), so views are read correctly
//   doubles(t)              the same, converted to double, for any dtype
//   EXPECT_CTORCH_ERROR(Index, "exact message", t[{3}]);
//                           the statement must throw ctorch::Error with that kind and exact text
//   catch_error([&] { ... })  {thrown, kind, what} for hand-written checks
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string_view>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "ctorch/ctorch.h"

namespace ctorch_test {

// Element lists as the tests write them.
using I64 = std::vector<int64_t>;
using F32 = std::vector<float>;
using D = std::vector<double>;

using ctorch::ErrorKind;
using ctorch::Tensor;

inline const char* kind_name(ErrorKind k) {
  switch (k) {
    case ErrorKind::Runtime:
      return "Runtime";
    case ErrorKind::Index:
      return "Index";
    case ErrorKind::Value:
      return "Value";
    case ErrorKind::Type:
      return "Type";
    case ErrorKind::NotImplemented:
      return "NotImplemented";
  }
  return "?";
}

// Calls `fn` for the storage offset (in elements, relative to data_ptr()) of every element of
// `t`, in row-major order of its logical indices.
template <typename F>
void for_each_offset(const Tensor& t, F&& fn) {
  const int64_t n = t.numel();
  if (n == 0) return;
  const auto& sizes = t.sizes();
  const auto strides = t.strides();
  const size_t nd = sizes.size();
  std::vector<int64_t> idx(nd, 0);
  for (int64_t k = 0; k < n; ++k) {
    int64_t off = 0;
    for (size_t d = 0; d < nd; ++d) off += idx[d] * strides[d];
    fn(off);
    for (size_t d = nd; d-- > 0;) {
      if (++idx[d] < sizes[d]) break;
      idx[d] = 0;
    }
  }
}

// All elements in row-major order; T must be the tensor's element type.
template <typename T>
std::vector<T> values(const Tensor& t) {
  const T* base = t.data_ptr<T>();
  std::vector<T> out;
  out.reserve(static_cast<size_t>(t.numel()));
  for_each_offset(t, [&](int64_t off) { out.push_back(base[off]); });
  return out;
}

// All elements converted to double (half/bfloat16 through float), any dtype.
inline std::vector<double> doubles(const Tensor& t) {
  return ctorch::dispatch(t.dtype(), [&]<typename T>() {
    std::vector<double> out;
    for (const T& v : values<T>(t)) {
      if constexpr (ctorch::is_reduced_float_v<T>) {
        out.push_back(static_cast<double>(static_cast<float>(v)));
      } else {
        out.push_back(static_cast<double>(v));
      }
    }
    return out;
  });
}

// Raw 16-bit patterns of a float16 / bfloat16 tensor.
inline std::vector<uint16_t> half_bits(const Tensor& t) {
  std::vector<uint16_t> out;
  if (t.dtype() == ctorch::kFloat16) {
    for (auto h : values<ctorch::Half>(t)) out.push_back(h.bits);
  } else {
    for (auto h : values<ctorch::BFloat16>(t)) out.push_back(h.bits);
  }
  return out;
}

inline std::vector<int64_t> vec(ctorch::IntArrayRef r) { return r.vec(); }
inline std::vector<int64_t> shape(const Tensor& t) { return t.sizes(); }
inline std::vector<int64_t> strides(const Tensor& t) { return t.strides().vec(); }

// Same bit pattern (so NaN == NaN and -0.0 != 0.0).
inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

inline const double kNaN = std::numeric_limits<double>::quiet_NaN();
inline const double kInf = std::numeric_limits<double>::infinity();
using B = std::vector<bool>;

// semantics.md R3.1 transcribed from the spec (an expectation independent of dtype.cpp's table):
// the promotion of kSpecDtypes[i] with kSpecDtypes[j].
inline const ctorch::ScalarType kSpecDtypes[10] = {
    ctorch::kBool,  ctorch::kUInt8,   ctorch::kInt8,     ctorch::kInt16,   ctorch::kInt32,
    ctorch::kInt64, ctorch::kFloat16, ctorch::kBFloat16, ctorch::kFloat32, ctorch::kFloat64};
inline ctorch::ScalarType spec_promotion(size_t i, size_t j) {
  static const char* const table[10][10] = {
      {"b", "u8", "i8", "i16", "i32", "i64", "f16", "bf16", "f32", "f64"},
      {"u8", "u8", "i16", "i16", "i32", "i64", "f16", "bf16", "f32", "f64"},
      {"i8", "i16", "i8", "i16", "i32", "i64", "f16", "bf16", "f32", "f64"},
      {"i16", "i16", "i16", "i16", "i32", "i64", "f16", "bf16", "f32", "f64"},
      {"i32", "i32", "i32", "i32", "i32", "i64", "f16", "bf16", "f32", "f64"},
      {"i64", "i64", "i64", "i64", "i64", "i64", "f16", "bf16", "f32", "f64"},
      {"f16", "f16", "f16", "f16", "f16", "f16", "f16", "f32", "f32", "f64"},
      {"bf16", "bf16", "bf16", "bf16", "bf16", "bf16", "f32", "bf16", "f32", "f64"},
      {"f32", "f32", "f32", "f32", "f32", "f32", "f32", "f32", "f32", "f64"},
      {"f64", "f64", "f64", "f64", "f64", "f64", "f64", "f64", "f64", "f64"}};
  static const char* const abbrev[10] = {"b", "u8", "i8", "i16", "i32", "i64", "f16", "bf16", "f32", "f64"};
  for (size_t k = 0; k < 10; ++k)
    if (std::string_view(abbrev[k]) == table[i][j]) return kSpecDtypes[k];
  ADD_FAILURE() << "bad abbreviation " << table[i][j];
  return ctorch::kBool;
}

// Every element of t as a bool (nonzero), row-major.
inline std::vector<bool> bools(const ctorch::Tensor& t) {
  std::vector<bool> out;
  for (double d : doubles(t)) out.push_back(d != 0);
  return out;
}

// Element-by-element equality that treats NaN as equal to NaN and distinguishes -0.0.
inline ::testing::AssertionResult same_values(const std::vector<double>& actual,
                                              const std::vector<double>& expected) {
  if (actual.size() != expected.size()) {
    return ::testing::AssertionFailure() << "size " << actual.size() << " vs " << expected.size();
  }
  for (size_t i = 0; i < actual.size(); ++i) {
    const bool both_nan = std::isnan(actual[i]) && std::isnan(expected[i]);
    if (!both_nan && !same_bits(actual[i], expected[i])) {
      return ::testing::AssertionFailure() << "element " << i << ": " << actual[i] << " vs expected " << expected[i];
    }
  }
  return ::testing::AssertionSuccess();
}

struct CaughtError {
  bool thrown = false;        // a ctorch::Error was thrown
  bool other = false;         // something else was thrown
  ErrorKind kind = ErrorKind::Runtime;
  std::string what;
};

template <typename F>
CaughtError catch_error(F&& fn) {
  CaughtError r;
  try {
    fn();
  } catch (const ctorch::Error& e) {
    r.thrown = true;
    r.kind = e.kind();
    r.what = e.what();
  } catch (const std::exception& e) {
    r.other = true;
    r.what = e.what();
  } catch (...) {
    r.other = true;
    r.what = "(non-std exception)";
  }
  return r;
}

// Success iff `fn` throws ctorch::Error of `kind` whose what() is exactly `message`.
template <typename F>
::testing::AssertionResult expect_error(F&& fn, ErrorKind kind, const std::string& message) {
  CaughtError r = catch_error(std::forward<F>(fn));
  if (r.other) return ::testing::AssertionFailure() << "threw a non-ctorch exception: " << r.what;
  if (!r.thrown) {
    return ::testing::AssertionFailure()
           << "did not throw; expected " << kind_name(kind) << " error \"" << message << "\"";
  }
  if (r.kind != kind || r.what != message) {
    return ::testing::AssertionFailure()
           << "threw " << kind_name(r.kind) << " error \"" << r.what << "\"\n  expected "
           << kind_name(kind) << " error \"" << message << "\"";
  }
  return ::testing::AssertionSuccess();
}

// Success iff `fn` throws a ctorch::Error (any kind) whose message contains `part`.
template <typename F>
::testing::AssertionResult expect_error_containing(F&& fn, const std::string& part) {
  CaughtError r = catch_error(std::forward<F>(fn));
  if (r.other) return ::testing::AssertionFailure() << "threw a non-ctorch exception: " << r.what;
  if (!r.thrown) return ::testing::AssertionFailure() << "did not throw (expected \"" << part << "\")";
  if (r.what.find(part) == std::string::npos) {
    return ::testing::AssertionFailure() << "message \"" << r.what << "\" lacks \"" << part << "\"";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace ctorch_test

// EXPECT_CTORCH_ERROR(Kind, "message", statement...): the statement (last, so commas inside
// braces are fine) must throw ctorch::Error of ErrorKind::Kind with exactly that message.
#define EXPECT_CTORCH_ERROR(KIND, MESSAGE, ...)                                             \
  EXPECT_TRUE(::ctorch_test::expect_error([&] { (void)(__VA_ARGS__); },                     \
                                          ::ctorch::ErrorKind::KIND, MESSAGE))
