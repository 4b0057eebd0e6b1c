// ctorch/indexing.h: Python-style indices for Tensor::index and operator[].
//
//   t[1]                              // t[1]
//   t[{Slice(0, 2), 1}]               // t[0:2, 1]
//   t[{Ellipsis, None, Slice(None, None, 2)}]   // t[..., None, ::2]
//
// Integers select (dropping a dim), slices narrow with a step, None inserts a dim of size 1 and
// Ellipsis stands for as many full slices as needed. All of them give views.
#pragma once

#include <cstdint>
#include <optional>
#include <variant>

namespace ctorch {

struct NoneType {
  constexpr operator std::optional<int64_t>() const { return std::nullopt; }  // NOLINT
};
struct EllipsisType {};
inline constexpr NoneType None{};
inline constexpr EllipsisType Ellipsis{};

// start:stop:step; a missing part is None, as in Python.
struct Slice {
  std::optional<int64_t> start, stop, step;
  Slice(std::optional<int64_t> start_ = std::nullopt, std::optional<int64_t> stop_ = std::nullopt,
        std::optional<int64_t> step_ = std::nullopt)
      : start(start_), stop(stop_), step(step_) {}
};

class TensorIndex {
 public:
  TensorIndex(int64_t i) : value_(i) {}   // NOLINT: implicit, so {1, Slice()} reads like Python
  TensorIndex(int i) : value_(int64_t{i}) {}  // NOLINT
  TensorIndex(Slice s) : value_(s) {}     // NOLINT
  TensorIndex(NoneType n) : value_(n) {}  // NOLINT
  TensorIndex(EllipsisType e) : value_(e) {}  // NOLINT

  const std::variant<int64_t, Slice, NoneType, EllipsisType>& value() const { return value_; }

 private:
  std::variant<int64_t, Slice, NoneType, EllipsisType> value_;
};

}  // namespace ctorch
