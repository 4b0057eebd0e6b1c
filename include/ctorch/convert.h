// ctorch/convert.h: converting one element between dtypes, exactly as PyTorch on x86-64 does.
//
//   ctorch::convert<int8_t>(300.0)        // 44: low bits of the int32 conversion (R8.5)
//   ctorch::convert<ctorch::Half>(65520)  // inf
//
// Rules (semantics.md R8): float -> integer truncates toward zero; out-of-range floats follow
// x86's cvttsd2si (INT_MIN) as R8.5 describes, without undefined behaviour here; integer ->
// narrower integer keeps the low bits; -> bool is "nonzero"; float64 -> float16/bfloat16 goes
// through float32 (double rounding, R8.4).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "ctorch/half.h"

namespace ctorch {

template <typename T>
inline constexpr bool is_reduced_float_v =
    std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;

namespace detail {
// x86 cvttsd2si: truncation when the result fits, the "integer indefinite" INT_MIN otherwise.
inline int64_t truncate_to_int64(double x) {
  if (x >= -9223372036854775808.0 && x < 9223372036854775808.0) return static_cast<int64_t>(x);
  return std::numeric_limits<int64_t>::min();
}
inline int32_t truncate_to_int32(double x) {
  if (x > -2147483649.0 && x < 2147483648.0) return static_cast<int32_t>(x);
  return std::numeric_limits<int32_t>::min();
}
}  // namespace detail

template <typename To, typename From>
inline To convert(From x) {
  if constexpr (std::is_same_v<To, From>) {
    return x;
  } else if constexpr (is_reduced_float_v<From>) {
    return convert<To>(static_cast<float>(x));
  } else if constexpr (std::is_same_v<To, bool>) {
    return x != From(0);
  } else if constexpr (is_reduced_float_v<To>) {
    return To(static_cast<float>(x));  // double -> float -> half: PyTorch's double rounding
  } else if constexpr (std::is_floating_point_v<To>) {
    return static_cast<To>(x);
  } else if constexpr (std::is_floating_point_v<From>) {  // float -> integer (R8.1, R8.5)
    if constexpr (std::is_same_v<To, int64_t>) {
      return detail::truncate_to_int64(x);
    } else if constexpr (std::is_same_v<To, uint8_t>) {
      return static_cast<uint8_t>(detail::truncate_to_int64(x));
    } else {
      return static_cast<To>(detail::truncate_to_int32(x));
    }
  } else {  // integer -> integer: two's complement wrap (well defined since C++20)
    return static_cast<To>(x);
  }
}

}  // namespace ctorch
