// ctorch/indexing.h: Python-style indices for Tensor::index and operator[].
//
//   t[1]                              // t[1]
//   t[{Slice(0, 2), 1}]               // t[0:2, 1]
//   t[{Ellipsis, None, Slice(None, None, 2)}]   // t[..., None, ::2]
//
// Integers select (dropping a dim), slices narrow with a step, None inserts a dim of size 1 and
// Ellipsis stands for as many full slices as needed. All of them give views.
//
// A Tensor is an advanced index (the result is a copy, as in PyTorch):
//   t[{idx}]            // int64/int32 index tensor: gathers along dim 0
//   t[{Slice(), idx}]   // ... along dim 1; several index tensors broadcast together
//   t[{mask}]           // bool (or uint8) mask: the elements where it is true, consuming mask.dim() dims
//   t.index_put_({mask}, 0);   t.index_put_({idx}, values, /*accumulate=*/true);
// The advanced dims go where the first index tensor stands when all index tensors are adjacent,
// else first (PyTorch's and NumPy's rule). A 0-dim integer tensor selects like an integer.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <variant>

namespace ctorch {

class Tensor;

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

// A tensor used as an index (held by a shared handle, so that this header needs no Tensor).
struct TensorIndexTensor {
  std::shared_ptr<const Tensor> tensor;
};

class TensorIndex {
 public:
  using Value = std::variant<int64_t, Slice, NoneType, EllipsisType, TensorIndexTensor>;

  TensorIndex(int64_t i) : value_(i) {}   // NOLINT: implicit, so {1, Slice()} reads like Python
  TensorIndex(int i) : value_(int64_t{i}) {}  // NOLINT
  TensorIndex(Slice s) : value_(s) {}     // NOLINT
  TensorIndex(NoneType n) : value_(n) {}  // NOLINT
  TensorIndex(EllipsisType e) : value_(e) {}  // NOLINT
  TensorIndex(const Tensor& t);               // NOLINT: t[{mask}], t[{Slice(), idx}]

  const Value& value() const { return value_; }
  bool is_tensor() const { return std::holds_alternative<TensorIndexTensor>(value_); }
  const Tensor& tensor() const { return *std::get<TensorIndexTensor>(value_).tensor; }

 private:
  Value value_;
};

}  // namespace ctorch
