// Joining tensors: cat, stack, vstack, hstack (semantics.md R14.1-R14.3).
#include "autograd/diff.h"
#include "core/make.h"
#include "core/wrap_dim.h"
#include "ctorch/ops.h"
#include "kernels/device_switch.h"

namespace ctorch {

namespace {
// The legacy rule of R14.1: a 1-D tensor of size 0 takes no part in the shape checks.
bool skipped_by_cat(const Tensor& t) { return t.dim() == 1 && t.sizes()[0] == 0; }
}  // namespace

Tensor cat(const std::vector<Tensor>& tensors, int64_t dim) {
  if (autograd::should_record(tensors)) return autograd::diff::cat(tensors, dim);
  CTORCH_CHECK(!tensors.empty(), Value, "torch.cat(): expected a non-empty list of Tensors");
  const Tensor* reference = nullptr;
  for (size_t i = 0; i < tensors.size(); ++i) {
    CTORCH_CHECK(tensors[i].dim() > 0, Runtime, "zero-dimensional tensor (at position ", i,
                 ") cannot be concatenated");
    CTORCH_CHECK(tensors[i].device() == tensors[0].device(), Runtime,
                 "Expected all tensors to be on the same device, but found at least two devices, ",
                 tensors[0].device().str(), " and ", tensors[i].device().str(), "!");
    if (!reference && !skipped_by_cat(tensors[i])) reference = &tensors[i];
  }
  const ScalarType dtype = result_type(tensors);
  if (!reference) return make_contiguous({0}, dtype, tensors[0].device());

  dim = wrap_dim(dim, reference->dim());
  Size out_sizes = reference->sizes();
  out_sizes[dim] = 0;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    if (skipped_by_cat(t)) continue;
    CTORCH_CHECK(t.dim() == reference->dim(), Runtime,
                 "Tensors must have same number of dimensions: got ", reference->dim(), " and ", t.dim());
    for (int64_t d = 0; d < t.dim(); ++d) {
      CTORCH_CHECK(d == dim || t.sizes()[d] == reference->sizes()[d], Runtime,
                   "Sizes of tensors must match except in dimension ", dim, ". Expected size ",
                   reference->sizes()[d], " but got size ", t.sizes()[d], " for tensor number ", i,
                   " in the list.");
    }
    out_sizes[dim] += t.sizes()[dim];
  }

  Tensor out = make_contiguous(out_sizes, dtype, reference->device());
  int64_t offset = 0;
  for (const Tensor& t : tensors) {
    if (skipped_by_cat(t)) continue;
    kernels::copy(out.narrow(dim, offset, t.sizes()[dim]), t);  // one device, checked above
    offset += t.sizes()[dim];
  }
  return out;
}

Tensor stack(const std::vector<Tensor>& tensors, int64_t dim) {
  if (autograd::should_record(tensors)) return autograd::diff::stack(tensors, dim);
  CTORCH_CHECK(!tensors.empty(), Runtime, "stack expects a non-empty TensorList");
  dim = wrap_dim(dim, tensors[0].dim() + 1);
  for (size_t i = 1; i < tensors.size(); ++i) {
    CTORCH_CHECK(tensors[i].sizes() == tensors[0].sizes(), Runtime,
                 "stack expects each tensor to be equal size, but got ", IntArrayRef(tensors[0].sizes()),
                 " at entry 0 and ", IntArrayRef(tensors[i].sizes()), " at entry ", i);
  }
  std::vector<Tensor> expanded;
  expanded.reserve(tensors.size());
  for (const auto& t : tensors) expanded.push_back(t.unsqueeze(dim));
  return cat(expanded, dim);
}

Tensor vstack(const std::vector<Tensor>& tensors) {
  CTORCH_CHECK(!tensors.empty(), Runtime, "vstack expects a non-empty TensorList");
  std::vector<Tensor> at_least_2d;
  for (const auto& t : tensors) {
    at_least_2d.push_back(t.dim() == 0 ? t.reshape({1, 1}) : t.dim() == 1 ? t.unsqueeze(0) : t);
  }
  return cat(at_least_2d, 0);
}

Tensor hstack(const std::vector<Tensor>& tensors) {
  CTORCH_CHECK(!tensors.empty(), Runtime, "hstack expects a non-empty TensorList");
  std::vector<Tensor> at_least_1d;
  for (const auto& t : tensors) at_least_1d.push_back(t.dim() == 0 ? t.reshape({1}) : t);
  return cat(at_least_1d, at_least_1d[0].dim() == 1 ? 0 : 1);
}

}  // namespace ctorch
