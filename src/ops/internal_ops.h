// Ops the library uses internally that PyTorch has but does not expose as public API.
#pragma once

#include "ctorch/tensor.h"

namespace ctorch {

// A view of a fresh (contiguous) result under a new shape that, for autograd, is not a view:
// ATen's _unsafe_view, recorded as UnsafeViewBackward0 (matmul, reshape that copies).
Tensor unsafe_view(const Tensor& self, IntArrayRef shape);

}  // namespace ctorch
