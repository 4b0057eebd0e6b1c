// Binary elementwise kernels: one functor per op, run by binary_loop for the compute dtype.
// Integer division by zero never reaches here (the op checks first); INT_MIN / -1 wraps.
#include <cmath>
#include <limits>

#include "ctorch/dispatch.h"
#include "kernels/cpu/elementwise_loop.h"
#include "kernels/cpu/elementwise_ops.h"

namespace ctorch::kernels::cpu {

namespace {

template <typename A>
constexpr bool is_float = std::is_floating_point_v<A>;
template <typename A>
constexpr bool is_int = std::is_integral_v<A> && !std::is_same_v<A, bool>;

// Two's complement negation without signed overflow.
template <typename A>
A wrapping_neg(A a) {
  return static_cast<A>(-static_cast<std::make_unsigned_t<A>>(a));
}

// Integer + - * wrap in the result type (R7.1). Computed in unsigned arithmetic (at least
// `unsigned`, so small types do not promote to int), which wraps without undefined behaviour.
template <typename A>
struct Arith {
  static A add(A a, A b) { return static_cast<A>(a + b); }
  static A sub(A a, A b) { return static_cast<A>(a - b); }
  static A mul(A a, A b) { return static_cast<A>(a * b); }
};
template <typename A>
  requires(std::is_integral_v<A> && !std::is_same_v<A, bool>)
struct Arith<A> {
  using U = std::common_type_t<std::make_unsigned_t<A>, unsigned>;
  static A add(A a, A b) { return static_cast<A>(static_cast<U>(a) + static_cast<U>(b)); }
  static A sub(A a, A b) { return static_cast<A>(static_cast<U>(a) - static_cast<U>(b)); }
  static A mul(A a, A b) { return static_cast<A>(static_cast<U>(a) * static_cast<U>(b)); }
};

// Floor division as c10's div_floor_floating: exact for large quotients, sign of zero kept.
template <typename A>
A floor_divide_float(A a, A b) {
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
A int_pow(A base, A exp) {
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

template <typename T>
void binary_typed(BinaryOp op, const BinaryOperands& operands, const Scalar& alpha) {
  using A = opmath_t<T>;
  auto run = [&](auto f) { binary_loop<T, T>(operands, f); };
  auto compare = [&](auto f) { binary_loop<T, bool>(operands, f); };
  switch (op) {
    case BinaryOp::Add: {
      const A al = alpha.to<A>();
      if (al == A(1)) return run([](A a, A b) { return Arith<A>::add(a, b); });
      return run([al](A a, A b) { return Arith<A>::add(a, Arith<A>::mul(al, b)); });
    }
    case BinaryOp::Sub: {
      const A al = alpha.to<A>();
      if (al == A(1)) return run([](A a, A b) { return Arith<A>::sub(a, b); });
      return run([al](A a, A b) { return Arith<A>::sub(a, Arith<A>::mul(al, b)); });
    }
    case BinaryOp::Mul:
      return run([](A a, A b) { return Arith<A>::mul(a, b); });
    case BinaryOp::Div:
      return run([](A a, A b) { return static_cast<A>(a / b); });
    case BinaryOp::DivTrunc:
      if constexpr (is_float<A>) return run([](A a, A b) { return std::trunc(a / b); });
      if constexpr (is_int<A>) return run([](A a, A b) { return b == -1 ? wrapping_neg(a) : static_cast<A>(a / b); });
      break;
    case BinaryOp::DivFloor:
      if constexpr (is_float<A>) return run([](A a, A b) { return floor_divide_float(a, b); });
      if constexpr (is_int<A>) {
        return run([](A a, A b) -> A {
          if (b == -1) return wrapping_neg(a);
          const A q = static_cast<A>(a / b);
          return (a % b != 0 && ((a < 0) != (b < 0))) ? static_cast<A>(q - 1) : q;
        });
      }
      break;
    case BinaryOp::Remainder:
      if constexpr (is_float<A>) {
        return run([](A a, A b) {
          A r = std::fmod(a, b);
          if (r != 0 && ((r < 0) != (b < 0))) r += b;
          return r;
        });
      }
      if constexpr (is_int<A>) {
        return run([](A a, A b) -> A {
          if (b == -1) return 0;
          A r = static_cast<A>(a % b);
          if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<A>(r + b);
          return r;
        });
      }
      break;
    case BinaryOp::Fmod:
      if constexpr (is_float<A>) return run([](A a, A b) { return std::fmod(a, b); });
      if constexpr (is_int<A>) return run([](A a, A b) -> A { return b == -1 ? 0 : static_cast<A>(a % b); });
      break;
    case BinaryOp::Pow:
      if constexpr (is_float<A>) return run([](A a, A b) { return std::pow(a, b); });
      if constexpr (is_int<A>) return run([](A a, A b) { return int_pow(a, b); });
      break;
    case BinaryOp::Maximum:
      if constexpr (is_float<A>) return run([](A a, A b) { return std::isnan(a) ? a : std::isnan(b) ? b : std::max(a, b); });
      return run([](A a, A b) { return std::max(a, b); });
    case BinaryOp::Minimum:
      if constexpr (is_float<A>) return run([](A a, A b) { return std::isnan(a) ? a : std::isnan(b) ? b : std::min(a, b); });
      return run([](A a, A b) { return std::min(a, b); });
    case BinaryOp::Atan2:
      if constexpr (is_float<A>) return run([](A a, A b) { return std::atan2(a, b); });
      break;
    case BinaryOp::Eq:
      return compare([](A a, A b) { return a == b; });
    case BinaryOp::Ne:
      return compare([](A a, A b) { return a != b; });
    case BinaryOp::Lt:
      return compare([](A a, A b) { return a < b; });
    case BinaryOp::Le:
      return compare([](A a, A b) { return a <= b; });
    case BinaryOp::Gt:
      return compare([](A a, A b) { return a > b; });
    case BinaryOp::Ge:
      return compare([](A a, A b) { return a >= b; });
    case BinaryOp::LogicalAnd:
      return compare([](A a, A b) { return a != A(0) && b != A(0); });
    case BinaryOp::LogicalOr:
      return compare([](A a, A b) { return a != A(0) || b != A(0); });
    case BinaryOp::LogicalXor:
      return compare([](A a, A b) { return (a != A(0)) != (b != A(0)); });
    case BinaryOp::BitwiseAnd:
      if constexpr (std::is_integral_v<A>) return run([](A a, A b) { return static_cast<A>(a & b); });
      break;
    case BinaryOp::BitwiseOr:
      if constexpr (std::is_integral_v<A>) return run([](A a, A b) { return static_cast<A>(a | b); });
      break;
    case BinaryOp::BitwiseXor:
      if constexpr (std::is_integral_v<A>) return run([](A a, A b) { return static_cast<A>(a ^ b); });
      break;
    case BinaryOp::LeftShift:  // 2.x: shifting by the width or more, or by a negative count, gives 0
      if constexpr (is_int<A>) {
        return run([](A a, A b) -> A {
          constexpr A bits = static_cast<A>(sizeof(A) * 8);
          if (b < 0 || b >= bits) return 0;
          return static_cast<A>(static_cast<std::make_unsigned_t<A>>(a) << b);
        });
      }
      break;
    case BinaryOp::RightShift:  // ... and sign fill for >>
      if constexpr (is_int<A>) {
        return run([](A a, A b) -> A {
          constexpr A bits = static_cast<A>(sizeof(A) * 8);
          if (b < 0 || b >= bits) return a < 0 ? A(-1) : A(0);
          return static_cast<A>(a >> b);
        });
      }
      break;
  }
  CTORCH_INTERNAL_ASSERT(false);  // the op function let through a dtype this op does not take
}

}  // namespace

void binary(BinaryOp op, const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha) {
  const BinaryOperands operands{&out, &a, &b, nullptr};
  dispatch(a.dtype(), [&]<typename T>() { binary_typed<T>(op, operands, alpha); });
}

void binary(BinaryOp op, ScalarType compute, const FlatBinary& args, const Scalar& alpha) {
  const BinaryOperands operands{nullptr, nullptr, nullptr, &args};
  dispatch(compute, [&]<typename T>() { binary_typed<T>(op, operands, alpha); });
}

bool any_zero(const Tensor& t) {
  return dispatch(t.dtype(), [&]<typename T>() {
    bool found = false;
    const auto st = byte_strides(t);
    const StridedOperand ops[1] = {{static_cast<char*>(t.data_ptr()), st.data()}};
    for_each_strided<1>(t.sizes(), ops, [&](char* const* p, const int64_t* s, int64_t n) {
      for (int64_t i = 0; i < n; ++i) found |= load<T>(p[0] + i * s[0]) == T(0);
    }, std::numeric_limits<int64_t>::max());  // serial: `found` is shared
    return found;
  });
}

void where(const Tensor& out, const Tensor& cond, const Tensor& a, const Tensor& b) {
  dispatch(out.dtype(), [&]<typename T>() {
    const auto so = byte_strides(out), sc = byte_strides(cond), sa = byte_strides(a), sb = byte_strides(b);
    const StridedOperand ops[4] = {{static_cast<char*>(out.data_ptr()), so.data()},
                                   {static_cast<char*>(cond.data_ptr()), sc.data()},
                                   {static_cast<char*>(a.data_ptr()), sa.data()},
                                   {static_cast<char*>(b.data_ptr()), sb.data()}};
    for_each_strided<4>(out.sizes(), ops, [](char* const* p, const int64_t* s, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        const T v = load<bool>(p[1] + i * s[1]) ? load<T>(p[2] + i * s[2]) : load<T>(p[3] + i * s[3]);
        std::memcpy(p[0] + i * s[0], &v, sizeof(T));
      }
    });
  });
}

}  // namespace ctorch::kernels::cpu
