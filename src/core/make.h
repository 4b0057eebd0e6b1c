// Internal helpers to make tensors: fresh contiguous ones and views over an existing storage.
#pragma once

#include "core/tiny_tensors.h"
#include "ctorch/tensor.h"

namespace ctorch {

// A new contiguous tensor with uninitialized memory. Negative sizes are rejected.
Tensor make_contiguous(IntArrayRef sizes, ScalarType dtype, Device device);
// The same on the CPU with the sizes of `like`, an existing tensor, in a dtype whose elements are
// no larger than like's (the result of an op on it): the byte count is known to fit, so a kept
// tiny tensor (Note [Tiny tensor cache]) is taken without make_contiguous's checks. Inline: it
// is the per-op path of tiny tensors.
inline Tensor make_contiguous_like(const TensorImpl& like, ScalarType dtype) {
  const size_t nbytes = static_cast<size_t>(like.numel) * element_size(dtype);
  if (TensorImpl* kept = detail::TinyTensors::take(like.sizes, dtype, nbytes)) {
    return Tensor(detail::IntrusivePtr<TensorImpl>::adopt(kept));
  }
  return make_contiguous(like.sizes, dtype, Device(kCPU));
}

// Gives `impl` `sizes`, their contiguous strides and their element count (what a new contiguous
// tensor has; the storage, offset and dtype are the caller's).
void set_contiguous_geometry(TensorImpl& impl, IntArrayRef sizes);

// A view of `base`'s storage with the given geometry (Note [Views share storage]).
Tensor make_view(const Tensor& base, Size sizes, DimVector strides, int64_t offset);

// Applies the requires_grad creation option (factories' message, autograd.md A1.2).
void apply_requires_grad_option(Tensor& t, const TensorOptions& options);

// Does `value` fit `dtype` for a checked conversion? `check_floats` adds the float-range check
// that full()/fill_() make (c10's checked_convert) but tensor() does not (semantics.md R2.4/R2.5).
bool scalar_fits(const Scalar& value, ScalarType dtype, bool check_floats);

}  // namespace ctorch
