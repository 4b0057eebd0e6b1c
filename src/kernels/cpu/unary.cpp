// Unary elementwise kernels: one functor per op, run by unary_loop. Float-valued functions see
// floating inputs only (the op converts integers to the default float dtype first).
#include <algorithm>
#include <cmath>

#include "ctorch/dispatch.h"
#include "kernels/cpu/elementwise_loop.h"
#include "kernels/cpu/elementwise_ops.h"
#include "kernels/cpu/vector_math.h"

namespace ctorch::kernels::cpu {

namespace {

// The unsigned twin of an integer type (integer wrap without signed overflow); others unchanged.
template <typename A>
struct Wrapping {
  using type = A;
};
template <typename A>
  requires(std::is_integral_v<A> && !std::is_same_v<A, bool>)
struct Wrapping<A> {
  using type = std::make_unsigned_t<A>;
};

// Runs a SLEEF vector function: directly on contiguous data, else through stack buffers.
template <typename T>
void vector_unary(UnaryOp op, const Tensor& out, const Tensor& x) {
  if (out.is_contiguous() && x.is_contiguous()) {
    vector_math_avx(op, static_cast<T*>(out.data_ptr()), static_cast<const T*>(x.data_ptr()), x.numel());
    return;
  }
  const auto so = byte_strides(out), sx = byte_strides(x);
  const StridedOperand ops[2] = {{static_cast<char*>(out.data_ptr()), so.data()},
                                 {static_cast<char*>(x.data_ptr()), sx.data()}};
  for_each_strided<2>(out.sizes(), ops, [op](char* const* p, const int64_t* s, int64_t n) {
    constexpr int64_t kBuffer = 256;
    alignas(32) T in[kBuffer], result[kBuffer];
    for (int64_t start = 0; start < n; start += kBuffer) {
      const int64_t m = std::min(kBuffer, n - start);
      for (int64_t i = 0; i < m; ++i) in[i] = load<T>(p[1] + (start + i) * s[1]);
      vector_math_avx(op, result, in, m);
      for (int64_t i = 0; i < m; ++i) std::memcpy(p[0] + (start + i) * s[0], &result[i], sizeof(T));
    }
  });
}

template <typename T>
void unary_typed(UnaryOp op, const Tensor& out, const Tensor& x) {
  using A = opmath_t<T>;
  constexpr bool floating = std::is_floating_point_v<A>;
  constexpr bool boolean = std::is_same_v<A, bool>;
  auto run = [&](auto f) { unary_loop<T, T>(out, x, f); };
  auto test = [&](auto f) { unary_loop<T, bool>(out, x, f); };
  using Wide = typename Wrapping<A>::type;  // abs(int8 -128) stays -128, without overflow
  switch (op) {
    case UnaryOp::Abs:
      if constexpr (floating) return run([](A a) { return std::fabs(a); });
      if constexpr (!boolean) return run([](A a) { return a < 0 ? static_cast<A>(-static_cast<Wide>(a)) : a; });
      break;
    case UnaryOp::Neg:
      if constexpr (floating) return run([](A a) { return -a; });
      if constexpr (!boolean) return run([](A a) { return static_cast<A>(-static_cast<Wide>(a)); });
      break;
    case UnaryOp::Sign:
      if constexpr (boolean) return run([](A a) { return a; });
      if constexpr (floating) return run([](A a) { return static_cast<A>((A(0) < a) - (a < A(0))); });
      return run([](A a) { return static_cast<A>((A(0) < a) - (a < A(0))); });
    case UnaryOp::Floor:
      if constexpr (floating) return run([](A a) { return std::floor(a); });
      return run([](A a) { return a; });
    case UnaryOp::Ceil:
      if constexpr (floating) return run([](A a) { return std::ceil(a); });
      return run([](A a) { return a; });
    case UnaryOp::Round:  // half to even
      if constexpr (floating) return run([](A a) { return std::nearbyint(a); });
      return run([](A a) { return a; });
    case UnaryOp::Trunc:
      if constexpr (floating) return run([](A a) { return std::trunc(a); });
      return run([](A a) { return a; });
    case UnaryOp::Frac:
      if constexpr (floating) return run([](A a) { return a - std::trunc(a); });
      break;
    case UnaryOp::Relu:
      // PyTorch's clamp_min(x, 0), max(x, 0): NaN and -0.0 stay as they are.
      if constexpr (!boolean) return run([](A a) { return a < A(0) ? A(0) : a; });
      break;
    case UnaryOp::IsNan:
      return test([](A a) { if constexpr (floating) return std::isnan(a); else return (void)a, false; });
    case UnaryOp::IsInf:
      return test([](A a) { if constexpr (floating) return std::isinf(a); else return (void)a, false; });
    case UnaryOp::IsFinite:
      return test([](A a) { if constexpr (floating) return std::isfinite(a); else return (void)a, true; });
    case UnaryOp::LogicalNot:
      return test([](A a) { return a == A(0); });
    case UnaryOp::BitwiseNot:
      if constexpr (boolean) return run([](A a) { return !a; });
      if constexpr (!boolean && !floating) return run([](A a) { return static_cast<A>(~a); });
      break;
    default:
      break;
  }
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    if (has_vector_math(op)) return vector_unary<T>(op, out, x);
  }
  if constexpr (floating) {
    switch (op) {
      case UnaryOp::Reciprocal: return run([](A a) { return A(1) / a; });
      case UnaryOp::Sqrt: return run([](A a) { return std::sqrt(a); });
      case UnaryOp::Rsqrt: return run([](A a) { return A(1) / std::sqrt(a); });
      case UnaryOp::Exp: return run([](A a) { return std::exp(a); });
      case UnaryOp::Exp2: return run([](A a) { return std::exp2(a); });
      case UnaryOp::Expm1: return run([](A a) { return std::expm1(a); });
      case UnaryOp::Log: return run([](A a) { return std::log(a); });
      case UnaryOp::Log2: return run([](A a) { return std::log2(a); });
      case UnaryOp::Log10: return run([](A a) { return std::log10(a); });
      case UnaryOp::Log1p: return run([](A a) { return std::log1p(a); });
      case UnaryOp::Sin: return run([](A a) { return std::sin(a); });
      case UnaryOp::Cos: return run([](A a) { return std::cos(a); });
      case UnaryOp::Tan: return run([](A a) { return std::tan(a); });
      case UnaryOp::Asin: return run([](A a) { return std::asin(a); });
      case UnaryOp::Acos: return run([](A a) { return std::acos(a); });
      case UnaryOp::Atan: return run([](A a) { return std::atan(a); });
      case UnaryOp::Sinh: return run([](A a) { return std::sinh(a); });
      case UnaryOp::Cosh: return run([](A a) { return std::cosh(a); });
      case UnaryOp::Tanh: return run([](A a) { return std::tanh(a); });
      case UnaryOp::Sigmoid: return run([](A a) { return A(1) / (A(1) + std::exp(-a)); });
      case UnaryOp::Erf: return run([](A a) { return std::erf(a); });
      default: break;
    }
  }
  CTORCH_INTERNAL_ASSERT(false);  // the op function let through a dtype this op does not take
}

}  // namespace

void unary(UnaryOp op, const Tensor& out, const Tensor& a) {
  dispatch(a.dtype(), [&]<typename T>() { unary_typed<T>(op, out, a); });
}

}  // namespace ctorch::kernels::cpu
