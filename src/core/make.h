// Internal helpers to make tensors: fresh contiguous ones and views over an existing storage.
#pragma once

#include "ctorch/tensor.h"

namespace ctorch {

// A new contiguous tensor with uninitialized memory. Negative sizes are rejected.
Tensor make_contiguous(IntArrayRef sizes, ScalarType dtype, Device device);

// A view of `base`'s storage with the given geometry (Note [Views share storage]).
Tensor make_view(const Tensor& base, Size sizes, DimVector strides, int64_t offset);

// Applies the requires_grad creation option (factories' message, autograd.md A1.2).
void apply_requires_grad_option(Tensor& t, const TensorOptions& options);

// Does `value` fit `dtype` for a checked conversion? `check_floats` adds the float-range check
// that full()/fill_() make (c10's checked_convert) but tensor() does not (semantics.md R2.4/R2.5).
bool scalar_fits(const Scalar& value, ScalarType dtype, bool check_floats);

}  // namespace ctorch
