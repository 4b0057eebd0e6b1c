#include "autograd/strided.h"

#include <algorithm>

#include "core/make.h"
#include "ctorch/autograd.h"
#include "ctorch/factory.h"

namespace ctorch::autograd {

Geometry Geometry::of(const Tensor& t) { return {t.sizes(), t.impl()->strides, t.storage_offset()}; }

int64_t Geometry::extent() const {
  int64_t last = offset;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (sizes[d] == 0) return offset;
    last += (sizes[d] - 1) * strides[d];
  }
  return last + 1;
}

Tensor layout_buffer(const Geometry& base, const Geometry& view, const TensorOptions& options, bool zero) {
  const int64_t n = std::max(base.extent(), view.extent());
  Tensor flat = zero ? zeros({n}, options) : empty({n}, options);
  return make_view(flat, base.sizes, base.strides, base.offset);
}

Tensor as_strided(const Tensor& buffer, const Geometry& g) { return make_view(buffer, g.sizes, g.strides, g.offset); }

Tensor strided_scatter_zeros(const Tensor& grad, const Geometry& base, const Geometry& view) {
  NoGradGuard guard;  // a plain copy into a fresh buffer (not differentiable twice)
  Tensor result = layout_buffer(base, view, TensorOptions(grad.dtype()).device(grad.device()), true);
  as_strided(result, view).copy_(grad);
  return result;
}

}  // namespace ctorch::autograd
