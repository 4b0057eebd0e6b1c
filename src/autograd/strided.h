// Gradients through memory layouts: where a view sits in its base's storage, and the buffers
// CopySlices and AsStridedBackward0 build to place a view's gradient inside its base's.
#pragma once

#include "ctorch/tensor.h"

namespace ctorch::autograd {

struct Geometry {
  Size sizes;
  DimVector strides;
  int64_t offset = 0;
  static Geometry of(const Tensor& t);
  int64_t extent() const;  // elements of storage it reaches: offset + last element + 1
};

// A fresh contiguous buffer covering both geometries, seen through `g` (zero-filled when asked).
Tensor layout_buffer(const Geometry& base, const Geometry& view, const TensorOptions& options, bool zero);
// `t` seen through `g` (t must be a tensor over a buffer laid out like the original storage).
Tensor as_strided(const Tensor& buffer, const Geometry& g);
// Zeros laid out like `base`, holding `grad` in the place of `view` (AsStridedBackward0).
Tensor strided_scatter_zeros(const Tensor& grad, const Geometry& base, const Geometry& view);

}  // namespace ctorch::autograd
