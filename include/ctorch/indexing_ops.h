// ctorch/indexing_ops.h: PyTorch's indexing op family as free functions (Tensor methods call
// these; advanced indexing with t[{idx}] / t[{mask}] is in indexing.h).
//
//   ctorch::index_select(t, 0, ctorch::tensor({2, 0}));     // rows 2 and 0
//   ctorch::gather(t, 1, idx);   ctorch::scatter_add(t, 0, idx, src);
//   ctorch::masked_select(t, t > 0);   ctorch::nonzero(t);   // int64 [n, ndim]
//   ctorch::flip(t, {0});   ctorch::roll(t, {1}, {0});   ctorch::repeat(t, {2, 1});
#pragma once

#include "ctorch/tensor.h"

namespace ctorch {

// ---- selection by index tensors ----------------------------------------------------------------
// index: int64 or int32, 0 or 1 dims, values in [0, size) (no wrapping, as in PyTorch).
Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index);
// out[i][j][k] = self[index[i][j][k]][j][k] (dim 0); index int64, same ndim, no larger than self
// apart from dim; the result has index's shape.
Tensor gather(const Tensor& self, int64_t dim, const Tensor& index);
// self[index[i][j][k]][j][k] = src[i][j][k] (dim 0): out of place (a copy of self) and in place.
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value);
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value);
// The same with += (duplicates add up).
Tensor scatter_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
Tensor& scatter_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
// The elements where mask (bool, broadcasting with self) is true, as a 1-D tensor.
Tensor masked_select(const Tensor& self, const Tensor& mask);
// The indices of the nonzero elements, in row-major order: int64 [n, ndim], stored column-major
// (strides (1, n)) as PyTorch stores it.
Tensor nonzero(const Tensor& self);
// The same as one 1-D tensor per dim, a zero-dim input counting as one dim (Python's
// torch.nonzero(t, as_tuple=True), PyTorch's nonzero_numpy).
std::vector<Tensor> nonzero_numpy(const Tensor& self);
// self as if flattened, at int64 `index` (negative counts from the end); index's shape.
Tensor take(const Tensor& self, const Tensor& index);

// ---- reordering and repetition (copies) ---------------------------------------------------------
Tensor flip(const Tensor& self, IntArrayRef dims);
// Without dims: the flattened tensor rolled, then the shape restored.
Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims = {});
// sizes.size() >= ndim; extra leading sizes add dims.
Tensor repeat(const Tensor& self, IntArrayRef sizes);
// repeat, with sizes padded by leading 1s to ndim.
Tensor tile(const Tensor& self, IntArrayRef sizes);

}  // namespace ctorch
