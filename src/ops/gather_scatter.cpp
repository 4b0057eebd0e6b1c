// index_select, gather, scatter, scatter_add, masked_select, nonzero and take: PyTorch's checks
// and shapes (aten/src/ATen/native/TensorAdvancedIndexing.cpp, ScatterGatherChecks.h), the
// element moves through ops/advanced_index and kernels::cpu::index / nonzero.
#include "autograd/diff.h"
#include "core/make.h"
#include "core/wrap_dim.h"
#include "ctorch/factory.h"
#include "ctorch/indexing_ops.h"
#include "kernels/cpu/index.h"
#include "ops/advanced_index.h"
#include "ops/broadcast.h"

namespace ctorch {

namespace {

// Every value of an int64 or int32 tensor, in row-major order.
std::vector<int64_t> index_values(const Tensor& index) {
  const Tensor t = index.to(Device(kCPU), kInt64).contiguous();
  const int64_t* p = t.data_ptr<int64_t>();
  return {p, p + t.numel()};
}

int64_t nonempty_dim(const Tensor& t) { return t.dim() == 0 ? 1 : t.dim(); }
int64_t nonempty_size(const Tensor& t, int64_t d) { return t.dim() == 0 ? 1 : t.sizes()[d]; }

// gather's and scatter's indices: for each dim of self, `index` at `dim` and "this position"
// elsewhere, all broadcasting to index's shape. 0-dim operands are seen as [1].
OptionalIndices per_dim_indices(int64_t ndim, int64_t dim, const Tensor& index) {
  OptionalIndices out;
  for (int64_t d = 0; d < ndim; ++d)
    out.push_back(d == dim ? index : arange_along(index.sizes()[d], d, ndim));
  return out;
}
Tensor as_1d_if_scalar(const Tensor& t) { return t.dim() == 0 ? t.view({1}) : t; }

// ScatterGatherChecks.h: scatter_gather_dtype_check and scatter_shape_check.
void check_scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor* src) {
  if (index.numel() != 0)
    CTORCH_CHECK(index.dtype() == kInt64, Runtime, "scatter(): Expected dtype int64 for index");
  if (src)
    CTORCH_CHECK(self.dtype() == src->dtype(), Runtime, "scatter(): Expected self.dtype to be equal to src.dtype");
  if (index.numel() == 0) return;
  CTORCH_CHECK(nonempty_dim(self) == nonempty_dim(index), Runtime,
               "Index tensor must have the same number of dimensions as self tensor");
  if (src)
    CTORCH_CHECK(nonempty_dim(*src) == nonempty_dim(index), Runtime,
                 "Index tensor must have the same number of dimensions as src tensor");
  bool wrong = false;
  for (int64_t d = 0; d < nonempty_dim(self); ++d) {
    if (d == dim) continue;
    wrong |= nonempty_size(index, d) > nonempty_size(self, d);
  }
  if (!wrong && src)
    for (int64_t d = 0; d < nonempty_dim(self); ++d) wrong |= nonempty_size(index, d) > nonempty_size(*src, d);
  if (src) {
    CTORCH_CHECK(!wrong, Runtime, "Expected index ", IntArrayRef(index.sizes()), " to be no larger than self ",
                 IntArrayRef(self.sizes()), " apart from dimension ", dim,
                 " and to be no larger size than src ", IntArrayRef(src->sizes()));
  } else {
    CTORCH_CHECK(!wrong, Runtime, "Expected index ", IntArrayRef(index.sizes()), " to be no larger than self ",
                 IntArrayRef(self.sizes()), " apart from dimension ", dim);
  }
}

// gather's and scatter's bounds: [0, size), RuntimeError.
void check_gather_bounds(const Tensor& self, int64_t dim, const Tensor& index) {
  const int64_t size = nonempty_size(self, dim);
  for (int64_t v : index_values(index))
    CTORCH_CHECK(v >= 0 && v < size, Runtime, "index ", v, " is out of bounds for dimension ", dim,
                 " with size ", size);
}

// Checks done; writes src (already self's dtype, at least index's shape) into self.
void scatter_into(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src, bool accumulate) {
  if (index.numel() == 0) return;
  const Tensor s = as_1d_if_scalar(self), i = as_1d_if_scalar(index);
  Tensor v = as_1d_if_scalar(src);
  for (int64_t d = 0; d < v.dim(); ++d) v = v.narrow(d, 0, i.sizes()[d]);
  advanced_index_put(s, per_dim_indices(s.dim(), dim, i), v, accumulate);
}

Tensor& scatter_impl(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src, bool accumulate) {
  dim = wrap_dim(dim, self.dim());
  check_scatter(self, dim, index, &src);
  check_gather_bounds(self, dim, index);
  scatter_into(self, dim, index, src, accumulate);
  return self;
}

}  // namespace

Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index) {
  if (autograd::should_record(self)) return autograd::diff::index_select(self, dim, index);
  dim = wrap_dim(dim, self.dim());
  const int64_t numel = index.numel();
  CTORCH_CHECK(index.dim() <= 1, Index, "index_select(): Index is supposed to be a vector");
  CTORCH_CHECK(!(self.dim() == 0 && numel != 1), Runtime,
               "index_select(): Index to scalar can have only 1 value, got ", numel, " value(s)");
  CTORCH_CHECK(index.dtype() == kInt64 || index.dtype() == kInt32, Runtime,
               "index_select(): Expected dtype int32 or int64 for index");
  const int64_t size = nonempty_size(self, dim);
  CTORCH_CHECK(!(self.dim() > 1 && size == 0 && numel > 0), Runtime,
               "index_select(): self indexing axis dim should be positive");
  // PyTorch's CPU kernel for dim 1 of a tensor of two or more dims (index_select_out_cpu_dim1_),
  // and its check of an empty one, report a bad index in words of their own, as a RuntimeError.
  const bool dim1_kernel = self.dim() > 1 && (dim == 1 || self.numel() == 0);
  for (int64_t v : index_values(index)) {
    if (v >= 0 && v < size) continue;
    CTORCH_CHECK(!dim1_kernel, Runtime, "INDICES element is out of DATA bounds, id=", v, " axis_dim=", size);
    CTORCH_FAIL(Index, "index out of range in self");
  }
  const Tensor s = as_1d_if_scalar(self);
  OptionalIndices indices(static_cast<size_t>(dim + 1));
  indices[static_cast<size_t>(dim)] = index.to(kInt64).reshape({numel});
  Tensor out = advanced_index(s, indices);
  return self.dim() == 0 ? out.view(IntArrayRef{}) : out;
}

Tensor gather(const Tensor& self, int64_t dim, const Tensor& index) {
  if (autograd::should_record(self)) return autograd::diff::gather(self, dim, index);
  dim = wrap_dim(dim, self.dim());
  if (index.numel() == 0) return empty(index.sizes(), TensorOptions().dtype(self.dtype()));
  CTORCH_CHECK(index.dtype() == kInt64, Runtime, "gather(): Expected dtype int64 for index");
  CTORCH_CHECK(nonempty_dim(self) == nonempty_dim(index), Runtime,
               "Index tensor must have the same number of dimensions as input tensor");
  for (int64_t d = 0; d < nonempty_dim(self); ++d) {
    if (d == dim) continue;
    CTORCH_CHECK(nonempty_size(index, d) <= nonempty_size(self, d), Runtime, "Size does not match at dimension ",
                 d, " expected index ", IntArrayRef(index.sizes()), " to be no larger than self ",
                 IntArrayRef(self.sizes()), " apart from dimension ", dim);
  }
  check_gather_bounds(self, dim, index);
  const Tensor s = as_1d_if_scalar(self), i = as_1d_if_scalar(index);
  Tensor out = advanced_index(s, per_dim_indices(s.dim(), dim, i));
  return out.view(index.sizes());
}

Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  if (autograd::should_record(self, src)) return autograd::diff::scatter(self, dim, index, &src, 0, false);
  Tensor out = self.clone();
  return scatter_(out, dim, index, src);
}
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  if (autograd::should_record(self)) return autograd::diff::scatter(self, dim, index, nullptr, value, false);
  Tensor out = self.clone();
  return scatter_(out, dim, index, value);
}
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  if (autograd::should_record(self, src)) {
    return autograd::apply_inplace(self, [&](const Tensor& before) { return scatter(before, dim, index, src); });
  }
  self.storage().bump_version();  // Note [Version counter]
  return scatter_impl(self, dim, index, src, false);
}
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  if (autograd::should_record(self)) {
    return autograd::apply_inplace(self, [&](const Tensor& before) { return scatter(before, dim, index, value); });
  }
  self.storage().bump_version();  // Note [Version counter]
  dim = wrap_dim(dim, self.dim());
  check_scatter(self, dim, index, nullptr);
  check_gather_bounds(self, dim, index);
  const Tensor v = full({}, value, TensorOptions().dtype(self.dtype()));
  scatter_into(self, dim, index, v.expand(as_1d_if_scalar(index).sizes()), false);
  return self;
}
Tensor scatter_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  if (autograd::should_record(self, src)) return autograd::diff::scatter(self, dim, index, &src, 0, true);
  Tensor out = self.clone();
  return scatter_add_(out, dim, index, src);
}
Tensor& scatter_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  if (autograd::should_record(self, src)) {
    return autograd::apply_inplace(self, [&](const Tensor& before) { return scatter_add(before, dim, index, src); });
  }
  self.storage().bump_version();  // Note [Version counter]
  return scatter_impl(self, dim, index, src, true);
}

Tensor masked_select(const Tensor& self, const Tensor& mask) {
  if (autograd::should_record(self)) return autograd::diff::masked_select(self, mask);
  CTORCH_CHECK(mask.dtype() == kBool, Runtime, "masked_select: expected BoolTensor for mask");
  const Size shape = broadcast_pair(mask.sizes(), self.sizes());
  const Tensor s = self.expand(shape), m = mask.expand(shape);
  if (shape.empty()) return m.item<bool>() ? s.reshape({1}).clone() : empty({0}, TensorOptions().dtype(self.dtype()));
  const Tensor nz = nonzero(m);
  OptionalIndices indices;
  for (int64_t j = 0; j < s.dim(); ++j) indices.push_back(nz.select(1, j));
  return advanced_index(s, indices);
}

Tensor nonzero(const Tensor& self) {
  if (self.is_cuda()) return nonzero(self.cpu()).to(self.device());  // Note [Host fallback]
  const int64_t n = kernels::cpu::count_nonzero(self);
  // Column-major, strides (1, n), as PyTorch 2.x's CPU nonzero gives it: each column (what
  // nonzero(as_tuple=True) hands out) is contiguous.
  const Tensor column_major = make_contiguous({n * self.dim()}, kInt64, self.device());
  Tensor out = make_view(column_major, {n, self.dim()}, {1, n}, 0);
  if (n > 0 && self.dim() > 0) kernels::cpu::nonzero(out, self);
  return out;
}

std::vector<Tensor> nonzero_numpy(const Tensor& self) {
  // As PyTorch (TensorAdvancedIndexing.cpp, nonzero_numpy): a zero-dim tensor is read as 1-D.
  return nonzero(self.dim() == 0 ? self.unsqueeze(0) : self).unbind(1);
}

Tensor take(const Tensor& self, const Tensor& index) {
  if (autograd::should_record(self)) return autograd::diff::take(self, index);
  CTORCH_CHECK(index.dtype() == kInt64, Runtime, "take(): Expected a long tensor for index, but got ",
               legacy_name(index.dtype()));
  const int64_t numel = self.numel();
  CTORCH_CHECK(!(numel == 0 && index.numel() != 0), Index, "take(): tried to take from an empty tensor");
  for (int64_t v : index_values(index))
    CTORCH_CHECK(v >= -numel && v < numel, Index, "out of range: tried to access index ", v,
                 " on a tensor of ", numel, " elements.");
  if (index.numel() == 0) return empty(index.sizes(), TensorOptions().dtype(self.dtype()));
  const Tensor flat = self.reshape({numel});
  return advanced_index(flat, {index}).view(index.sizes());
}

// ---- methods ------------------------------------------------------------------------------------
Tensor Tensor::index_select(int64_t dim, const Tensor& index) const { return ctorch::index_select(*this, dim, index); }
Tensor Tensor::gather(int64_t dim, const Tensor& index) const { return ctorch::gather(*this, dim, index); }
Tensor Tensor::scatter(int64_t dim, const Tensor& index, const Tensor& src) const {
  return ctorch::scatter(*this, dim, index, src);
}
Tensor Tensor::scatter(int64_t dim, const Tensor& index, const Scalar& value) const {
  return ctorch::scatter(*this, dim, index, value);
}
Tensor& Tensor::scatter_(int64_t dim, const Tensor& index, const Tensor& src) {
  return ctorch::scatter_(*this, dim, index, src);
}
Tensor& Tensor::scatter_(int64_t dim, const Tensor& index, const Scalar& value) {
  return ctorch::scatter_(*this, dim, index, value);
}
Tensor Tensor::scatter_add(int64_t dim, const Tensor& index, const Tensor& src) const {
  return ctorch::scatter_add(*this, dim, index, src);
}
Tensor& Tensor::scatter_add_(int64_t dim, const Tensor& index, const Tensor& src) {
  return ctorch::scatter_add_(*this, dim, index, src);
}
Tensor Tensor::masked_select(const Tensor& mask) const { return ctorch::masked_select(*this, mask); }
Tensor Tensor::nonzero() const { return ctorch::nonzero(*this); }
Tensor Tensor::take(const Tensor& index) const { return ctorch::take(*this, index); }

}  // namespace ctorch
