// CPU kernels: arithmetic only. They never check, promote, broadcast or allocate; the op
// functions in src/ops do that before calling them (Note: ops decide, kernels compute).
#pragma once

#include "ctorch/scalar.h"
#include "ctorch/tensor.h"

namespace ctorch::kernels::cpu {

// dst[i] = convert<dst dtype>(src[i]); same shape (src already expanded), no overlap.
void copy(const Tensor& dst, const Tensor& src);

// dst[i] = value converted to dst's dtype.
void fill(const Tensor& dst, const Scalar& value);

}  // namespace ctorch::kernels::cpu
