// ctorch/operand.h: one argument of an elementwise op: a tensor or a plain number. Numbers are
// PyTorch's "wrapped scalars": they take part in type promotion with a lower priority than
// tensors (semantics.md R4).
//
//   ctorch::add(t, 2);   ctorch::result_type(t, 2.5);   t.mul_(u);
#pragma once

#include <type_traits>

#include "ctorch/scalar.h"

namespace ctorch {

class Tensor;

// Refers to the tensor it was made from (which must outlive the call), or holds the number.
class Operand {
 public:
  Operand(const Tensor& t) : tensor_(&t) {}  // NOLINT: implicit
  Operand(const Scalar& s) : scalar_(s) {}   // NOLINT
  template <typename T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
  Operand(T v) : scalar_(v) {}  // NOLINT
  const Tensor* tensor() const { return tensor_; }
  const Scalar& scalar() const { return scalar_; }

 private:
  const Tensor* tensor_ = nullptr;
  Scalar scalar_;
};

}  // namespace ctorch
