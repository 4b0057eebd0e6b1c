// ctorch/scalar.h: a number that is not a tensor: what `item()` returns and what ops take for
// Python numbers. Like a Python number it is a bool, an int (int64) or a float (double).
//
//   ctorch::Scalar s = 2.5;   s.is_floating_point();   s.to<int32_t>() == 2;   std::cout << s;  // 2.5
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <type_traits>

#include "ctorch/convert.h"
#include "ctorch/dtype.h"

namespace ctorch {

class Scalar {
 public:
  enum class Kind : uint8_t { Bool, Int, Float };

  Scalar() : Scalar(int64_t{0}) {}
  Scalar(bool v) : kind_(Kind::Bool) { i_ = v; }  // NOLINT: implicit, like a Python number
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Scalar(T v) : kind_(Kind::Int) {  // NOLINT
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= 8) {
      i_ = static_cast<int64_t>(v);  // uint64 above INT64_MAX wraps, as a C cast would
    } else {
      i_ = v;
    }
  }
  template <typename T, std::enable_if_t<std::is_floating_point_v<T> || is_reduced_float_v<T>, int> = 0>
  Scalar(T v) : kind_(Kind::Float) {  // NOLINT
    d_ = static_cast<double>(static_cast<std::conditional_t<is_reduced_float_v<T>, float, T>>(v));
  }

  Kind kind() const { return kind_; }
  bool is_boolean() const { return kind_ == Kind::Bool; }
  bool is_integral() const { return kind_ == Kind::Int; }  // bool excluded, like PyTorch
  bool is_floating_point() const { return kind_ == Kind::Float; }

  // Plain C-style conversion (semantics.md R5.2: integers wrap, floats round).
  template <typename T>
  T to() const {
    switch (kind_) {
      case Kind::Bool:
        return convert<T>(i_ != 0);
      case Kind::Int:
        return convert<T>(i_);
      case Kind::Float:
        return convert<T>(d_);
    }
    return T{};
  }

  // The dtype a Python number of this kind has for promotion (R4.1): bool, int64, default float.
  ScalarType dtype() const;
  // The Python type name: "bool", "int" or "float".
  const char* type_name() const;
  // Python's repr: True, 7, 7.0, 0.10000000149011612, 1e+16, nan, inf.
  std::string repr() const;

  bool operator==(const Scalar& other) const;

 private:
  Kind kind_;
  union {
    int64_t i_;
    double d_;
  };
};

std::ostream& operator<<(std::ostream& out, const Scalar& s);

}  // namespace ctorch
