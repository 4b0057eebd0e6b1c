// The binary elementwise functors, shared by the CPU loops (kernels/cpu/binary.cpp) and the CUDA
// loops (kernels/cuda/binary.cu): one definition of each op's arithmetic on every device. Integer
// division by zero never reaches them (the op checks first); INT_MIN / -1 wraps.
//
//   binary_functor<float>(BinaryOp::Add, alpha, run, compare);   // calls run(add functor)
#pragma once

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "ctorch/scalar.h"
#include "kernels/cpu/elementwise_ops.h"
#include "kernels/host_device.h"

namespace ctorch::kernels {

using cpu::BinaryOp;

namespace functors {

template <typename A>
constexpr bool is_float = std::is_floating_point_v<A>;
template <typename A>
constexpr bool is_int = std::is_integral_v<A> && !std::is_same_v<A, bool>;

// Two's complement negation without signed overflow.
template <typename A>
CTORCH_HOST_DEVICE A wrapping_neg(A a) {
  return static_cast<A>(-static_cast<std::make_unsigned_t<A>>(a));
}

// Integer + - * wrap in the result type (R7.1). Computed in unsigned arithmetic (at least
// `unsigned`, so small types do not promote to int), which wraps without undefined behaviour.
template <typename A>
struct Arith {
  CTORCH_HOST_DEVICE static A add(A a, A b) { return static_cast<A>(a + b); }
  CTORCH_HOST_DEVICE static A sub(A a, A b) { return static_cast<A>(a - b); }
  CTORCH_HOST_DEVICE static A mul(A a, A b) { return static_cast<A>(a * b); }
};
template <typename A>
  requires(std::is_integral_v<A> && !std::is_same_v<A, bool>)
struct Arith<A> {
  using U = std::common_type_t<std::make_unsigned_t<A>, unsigned>;
  CTORCH_HOST_DEVICE static A add(A a, A b) { return static_cast<A>(static_cast<U>(a) + static_cast<U>(b)); }
  CTORCH_HOST_DEVICE static A sub(A a, A b) { return static_cast<A>(static_cast<U>(a) - static_cast<U>(b)); }
  CTORCH_HOST_DEVICE static A mul(A a, A b) { return static_cast<A>(static_cast<U>(a) * static_cast<U>(b)); }
};

// Floor division as c10's div_floor_floating: exact for large quotients, sign of zero kept.
template <typename A>
CTORCH_HOST_DEVICE A floor_divide_float(A a, A b) {
  if (b == 0) return a / b;
  const A mod = std::fmod(a, b);
  A div = (a - mod) / b;
  if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
  if (div == 0) return std::copysign(A(0), a / b);
  A floored = std::floor(div);
  if (div - floored > A(0.5)) floored += 1;
  return floored;
}

template <typename A>
CTORCH_HOST_DEVICE A int_pow(A base, A exp) {
  if (exp < 0) {  // only with a tensor exponent (the op rejects negative int scalars)
    if (base == 1) return 1;
    if (base == -1) return (exp % 2 == 0) ? 1 : -1;
    return 0;
  }
  using U = std::make_unsigned_t<A>;
  U result = 1, b = static_cast<U>(base);
  for (auto e = static_cast<U>(exp); e; e >>= 1) {
    if (e & 1) result *= b;
    b *= b;
  }
  return static_cast<A>(result);
}

}  // namespace functors

// The functor of `op` on values of the compute type A, handed to run(f) (a result of type A) or to
// compare(f) (a bool result), which run the loop and return true. False when the op does not take
// A: the op function let a dtype through that it should have rejected.
template <typename A, typename Run, typename Compare>
bool binary_functor(BinaryOp op, const Scalar& alpha, Run&& run, Compare&& compare) {
  switch (op) {
    case BinaryOp::Add: {
      const A al = alpha.to<A>();
      if (al == A(1)) return run([] CTORCH_HOST_DEVICE(A a, A b) { return functors::Arith<A>::add(a, b); });
      return run([al] CTORCH_HOST_DEVICE(A a, A b) { return functors::Arith<A>::add(a, functors::Arith<A>::mul(al, b)); });
    }
    case BinaryOp::Sub: {
      const A al = alpha.to<A>();
      if (al == A(1)) return run([] CTORCH_HOST_DEVICE(A a, A b) { return functors::Arith<A>::sub(a, b); });
      return run([al] CTORCH_HOST_DEVICE(A a, A b) { return functors::Arith<A>::sub(a, functors::Arith<A>::mul(al, b)); });
    }
    case BinaryOp::Mul:
      return run([] CTORCH_HOST_DEVICE(A a, A b) { return functors::Arith<A>::mul(a, b); });
    case BinaryOp::Div:
      return run([] CTORCH_HOST_DEVICE(A a, A b) { return static_cast<A>(a / b); });
    case BinaryOp::DivTrunc:
      if constexpr (functors::is_float<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) { return std::trunc(a / b); });
      if constexpr (functors::is_int<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) { return b == -1 ? functors::wrapping_neg(a) : static_cast<A>(a / b); });
      break;
    case BinaryOp::DivFloor:
      if constexpr (functors::is_float<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) { return functors::floor_divide_float(a, b); });
      if constexpr (functors::is_int<A>) {
        return run([] CTORCH_HOST_DEVICE(A a, A b) -> A {
          if (b == -1) return functors::wrapping_neg(a);
          const A q = static_cast<A>(a / b);
          return (a % b != 0 && ((a < 0) != (b < 0))) ? static_cast<A>(q - 1) : q;
        });
      }
      break;
    case BinaryOp::Remainder:
      if constexpr (functors::is_float<A>) {
        return run([] CTORCH_HOST_DEVICE(A a, A b) {
          A r = std::fmod(a, b);
          if (r != 0 && ((r < 0) != (b < 0))) r += b;
          return r;
        });
      }
      if constexpr (functors::is_int<A>) {
        return run([] CTORCH_HOST_DEVICE(A a, A b) -> A {
          if (b == -1) return 0;
          A r = static_cast<A>(a % b);
          if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<A>(r + b);
          return r;
        });
      }
      break;
    case BinaryOp::Fmod:
      if constexpr (functors::is_float<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) { return std::fmod(a, b); });
      if constexpr (functors::is_int<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) -> A { return b == -1 ? 0 : static_cast<A>(a % b); });
      break;
    case BinaryOp::Pow:
      if constexpr (functors::is_float<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) { return std::pow(a, b); });
      if constexpr (functors::is_int<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) { return functors::int_pow(a, b); });
      break;
    case BinaryOp::Maximum:
      if constexpr (functors::is_float<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) { return std::isnan(a) ? a : std::isnan(b) ? b : std::max(a, b); });
      return run([] CTORCH_HOST_DEVICE(A a, A b) { return std::max(a, b); });
    case BinaryOp::Minimum:
      if constexpr (functors::is_float<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) { return std::isnan(a) ? a : std::isnan(b) ? b : std::min(a, b); });
      return run([] CTORCH_HOST_DEVICE(A a, A b) { return std::min(a, b); });
    case BinaryOp::Atan2:
      if constexpr (functors::is_float<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) { return std::atan2(a, b); });
      break;
    case BinaryOp::Eq:
      return compare([] CTORCH_HOST_DEVICE(A a, A b) { return a == b; });
    case BinaryOp::Ne:
      return compare([] CTORCH_HOST_DEVICE(A a, A b) { return a != b; });
    case BinaryOp::Lt:
      return compare([] CTORCH_HOST_DEVICE(A a, A b) { return a < b; });
    case BinaryOp::Le:
      return compare([] CTORCH_HOST_DEVICE(A a, A b) { return a <= b; });
    case BinaryOp::Gt:
      return compare([] CTORCH_HOST_DEVICE(A a, A b) { return a > b; });
    case BinaryOp::Ge:
      return compare([] CTORCH_HOST_DEVICE(A a, A b) { return a >= b; });
    case BinaryOp::LogicalAnd:
      return compare([] CTORCH_HOST_DEVICE(A a, A b) { return a != A(0) && b != A(0); });
    case BinaryOp::LogicalOr:
      return compare([] CTORCH_HOST_DEVICE(A a, A b) { return a != A(0) || b != A(0); });
    case BinaryOp::LogicalXor:
      return compare([] CTORCH_HOST_DEVICE(A a, A b) { return (a != A(0)) != (b != A(0)); });
    case BinaryOp::BitwiseAnd:
      if constexpr (std::is_integral_v<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) { return static_cast<A>(a & b); });
      break;
    case BinaryOp::BitwiseOr:
      if constexpr (std::is_integral_v<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) { return static_cast<A>(a | b); });
      break;
    case BinaryOp::BitwiseXor:
      if constexpr (std::is_integral_v<A>) return run([] CTORCH_HOST_DEVICE(A a, A b) { return static_cast<A>(a ^ b); });
      break;
    case BinaryOp::LeftShift:  // 2.x: shifting by the width or more, or by a negative count, gives 0
      if constexpr (functors::is_int<A>) {
        return run([] CTORCH_HOST_DEVICE(A a, A b) -> A {
          constexpr A bits = static_cast<A>(sizeof(A) * 8);
          if (b < 0 || b >= bits) return 0;
          return static_cast<A>(static_cast<std::make_unsigned_t<A>>(a) << b);
        });
      }
      break;
    case BinaryOp::RightShift:  // ... and sign fill for >>
      if constexpr (functors::is_int<A>) {
        return run([] CTORCH_HOST_DEVICE(A a, A b) -> A {
          constexpr A bits = static_cast<A>(sizeof(A) * 8);
          if (b < 0 || b >= bits) return a < 0 ? A(-1) : A(0);
          return static_cast<A>(a >> b);
        });
      }
      break;
  }
  return false;
}


}  // namespace ctorch::kernels
