// The unary elementwise functors, shared by the CPU loops (kernels/cpu/unary.cpp) and the CUDA
// loops (kernels/cuda/unary.cu). Float-valued functions see floating inputs only (the op converts
// integers to the default float dtype first). The CPU runs SLEEF's vector forms of the
// transcendental ones for float32/float64 instead (kernels/cpu/vector_math.h).
//
//   unary_functor<float>(UnaryOp::Exp, run, test);   // calls run(exp functor)
#pragma once

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "kernels/cpu/elementwise_ops.h"
#include "kernels/host_device.h"

namespace ctorch::kernels {

using cpu::UnaryOp;

namespace functors {

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

}  // namespace functors

// The functor of `op` on values of the compute type A, handed to run(f) (a result of type A) or to
// test(f) (a bool result), which run the loop and return true. False when the op does not take A.
template <typename A, typename Run, typename Test>
bool unary_functor(UnaryOp op, Run&& run, Test&& test) {
  constexpr bool floating = std::is_floating_point_v<A>;
  constexpr bool boolean = std::is_same_v<A, bool>;
  using Wide = typename functors::Wrapping<A>::type;  // abs(int8 -128) stays -128, without overflow
  switch (op) {
    case UnaryOp::Abs:
      if constexpr (floating) return run([] CTORCH_HOST_DEVICE(A a) { return std::fabs(a); });
      if constexpr (!boolean) return run([] CTORCH_HOST_DEVICE(A a) { return a < 0 ? static_cast<A>(-static_cast<Wide>(a)) : a; });
      break;
    case UnaryOp::Neg:
      if constexpr (floating) return run([] CTORCH_HOST_DEVICE(A a) { return -a; });
      if constexpr (!boolean) return run([] CTORCH_HOST_DEVICE(A a) { return static_cast<A>(-static_cast<Wide>(a)); });
      break;
    case UnaryOp::Sign:
      if constexpr (boolean) return run([] CTORCH_HOST_DEVICE(A a) { return a; });
      if constexpr (floating) return run([] CTORCH_HOST_DEVICE(A a) { return static_cast<A>((A(0) < a) - (a < A(0))); });
      return run([] CTORCH_HOST_DEVICE(A a) { return static_cast<A>((A(0) < a) - (a < A(0))); });
    case UnaryOp::Floor:
      if constexpr (floating) return run([] CTORCH_HOST_DEVICE(A a) { return std::floor(a); });
      return run([] CTORCH_HOST_DEVICE(A a) { return a; });
    case UnaryOp::Ceil:
      if constexpr (floating) return run([] CTORCH_HOST_DEVICE(A a) { return std::ceil(a); });
      return run([] CTORCH_HOST_DEVICE(A a) { return a; });
    case UnaryOp::Round:  // half to even
      if constexpr (floating) return run([] CTORCH_HOST_DEVICE(A a) { return std::nearbyint(a); });
      return run([] CTORCH_HOST_DEVICE(A a) { return a; });
    case UnaryOp::Trunc:
      if constexpr (floating) return run([] CTORCH_HOST_DEVICE(A a) { return std::trunc(a); });
      return run([] CTORCH_HOST_DEVICE(A a) { return a; });
    case UnaryOp::Frac:
      if constexpr (floating) return run([] CTORCH_HOST_DEVICE(A a) { return a - std::trunc(a); });
      break;
    case UnaryOp::Relu:
      // PyTorch's clamp_min(x, 0), max(x, 0): NaN and -0.0 stay as they are.
      if constexpr (!boolean) return run([] CTORCH_HOST_DEVICE(A a) { return a < A(0) ? A(0) : a; });
      break;
    case UnaryOp::IsNan:
      return test([] CTORCH_HOST_DEVICE(A a) { if constexpr (floating) return std::isnan(a); else return (void)a, false; });
    case UnaryOp::IsInf:
      return test([] CTORCH_HOST_DEVICE(A a) { if constexpr (floating) return std::isinf(a); else return (void)a, false; });
    case UnaryOp::IsFinite:
      return test([] CTORCH_HOST_DEVICE(A a) { if constexpr (floating) return std::isfinite(a); else return (void)a, true; });
    case UnaryOp::LogicalNot:
      return test([] CTORCH_HOST_DEVICE(A a) { return a == A(0); });
    case UnaryOp::BitwiseNot:
      if constexpr (boolean) return run([] CTORCH_HOST_DEVICE(A a) { return !a; });
      if constexpr (!boolean && !floating) return run([] CTORCH_HOST_DEVICE(A a) { return static_cast<A>(~a); });
      break;
    default:
      break;
  }
  if constexpr (floating) {
    switch (op) {
      case UnaryOp::Reciprocal: return run([] CTORCH_HOST_DEVICE(A a) { return A(1) / a; });
      case UnaryOp::Sqrt: return run([] CTORCH_HOST_DEVICE(A a) { return std::sqrt(a); });
      case UnaryOp::Rsqrt: return run([] CTORCH_HOST_DEVICE(A a) { return A(1) / std::sqrt(a); });
      case UnaryOp::Exp: return run([] CTORCH_HOST_DEVICE(A a) { return std::exp(a); });
      case UnaryOp::Exp2: return run([] CTORCH_HOST_DEVICE(A a) { return std::exp2(a); });
      case UnaryOp::Expm1: return run([] CTORCH_HOST_DEVICE(A a) { return std::expm1(a); });
      case UnaryOp::Log: return run([] CTORCH_HOST_DEVICE(A a) { return std::log(a); });
      case UnaryOp::Log2: return run([] CTORCH_HOST_DEVICE(A a) { return std::log2(a); });
      case UnaryOp::Log10: return run([] CTORCH_HOST_DEVICE(A a) { return std::log10(a); });
      case UnaryOp::Log1p: return run([] CTORCH_HOST_DEVICE(A a) { return std::log1p(a); });
      case UnaryOp::Sin: return run([] CTORCH_HOST_DEVICE(A a) { return std::sin(a); });
      case UnaryOp::Cos: return run([] CTORCH_HOST_DEVICE(A a) { return std::cos(a); });
      case UnaryOp::Tan: return run([] CTORCH_HOST_DEVICE(A a) { return std::tan(a); });
      case UnaryOp::Asin: return run([] CTORCH_HOST_DEVICE(A a) { return std::asin(a); });
      case UnaryOp::Acos: return run([] CTORCH_HOST_DEVICE(A a) { return std::acos(a); });
      case UnaryOp::Atan: return run([] CTORCH_HOST_DEVICE(A a) { return std::atan(a); });
      case UnaryOp::Sinh: return run([] CTORCH_HOST_DEVICE(A a) { return std::sinh(a); });
      case UnaryOp::Cosh: return run([] CTORCH_HOST_DEVICE(A a) { return std::cosh(a); });
      case UnaryOp::Tanh: return run([] CTORCH_HOST_DEVICE(A a) { return std::tanh(a); });
      case UnaryOp::Sigmoid: return run([] CTORCH_HOST_DEVICE(A a) { return A(1) / (A(1) + std::exp(-a)); });
      case UnaryOp::Erf: return run([] CTORCH_HOST_DEVICE(A a) { return std::erf(a); });
      default: break;
    }
  }
  return false;
}


}  // namespace ctorch::kernels
