// sort, argsort, topk, unique: checks with PyTorch's messages, shapes, allocation. The sorting
// itself is kernels/cpu/sort.cpp. PyTorch's behaviour comes from aten/src/ATen/native/Sorting.cpp,
// TensorCompare.cpp and Unique.cpp.
#include "ctorch/sorting.h"

#include "autograd/diff.h"
#include "core/make.h"
#include "core/wrap_dim.h"
#include "kernels/cpu/sort.h"
#include "ops/host_fallback.h"

namespace ctorch {

ValuesIndices sort(const Tensor& self, int64_t dim, bool descending, bool stable) {
  if (autograd::should_record(self)) {
    return autograd::diff::sort_like(self, dim, "SortBackward0", [&] { return sort(self, dim, descending, stable); });
  }
  const int64_t wrapped = wrap_dim(dim, self.dim());
  Tensor values = make_contiguous(self.sizes(), self.dtype(), self.device());
  Tensor indices = make_contiguous(self.sizes(), kInt64, self.device());
  HostRoundTrip host;  // Note [Host fallback]
  kernels::cpu::sort(host.out(values), host.out(indices), host.in(self), wrapped, descending, stable);
  host.finish();
  return {values, indices};
}

Tensor argsort(const Tensor& self, int64_t dim, bool descending, bool stable) {
  return sort(self, dim, descending, stable).indices;
}

ValuesIndices topk(const Tensor& self, int64_t k, int64_t dim, bool largest, bool sorted) {
  if (autograd::should_record(self)) {
    return autograd::diff::sort_like(self, dim, "TopkBackward0", [&] { return topk(self, k, dim, largest, sorted); });
  }
  const int64_t wrapped = wrap_dim(dim, self.dim());
  const int64_t length = self.dim() == 0 ? 1 : self.sizes()[wrapped];
  CTORCH_CHECK(k >= 0 && k <= length, Runtime, "selected index k out of range");
  CTORCH_CHECK(self.dtype() != kBool, NotImplemented, "topk does not support bool dtypes on CPU");
  if (self.dim() == 0) {  // PyTorch gives the element back, even for k == 0
    return {self.clone(), make_contiguous({}, kInt64, self.device()).fill_(0)};
  }
  Size shape = self.sizes();
  shape[wrapped] = k;
  Tensor values = make_contiguous(shape, self.dtype(), self.device());
  Tensor indices = make_contiguous(shape, kInt64, self.device());
  HostRoundTrip host;  // Note [Host fallback]
  kernels::cpu::topk(host.out(values), host.out(indices), host.in(self), wrapped, k, largest, sorted);
  host.finish();
  return {values, indices};
}

UniqueResult unique(const Tensor& self, bool sorted, bool return_inverse, bool return_counts) {
  if (self.is_cuda()) {  // Note [Host fallback], for the whole op (its sizes come from the data)
    HostRoundTrip host;
    UniqueResult r = unique(host.in(self), sorted, return_inverse, return_counts);
    return {r.values.to(self.device()), r.inverse_indices.to(self.device()), r.counts.to(self.device())};
  }
  const Tensor flat = self.reshape({self.numel()});
  Tensor sorted_values = make_contiguous(flat.sizes(), self.dtype(), self.device());
  Tensor perm = make_contiguous(flat.sizes(), kInt64, self.device());
  kernels::cpu::sort(sorted_values, perm, flat, 0, /*descending=*/false, /*stable=*/false);  // as PyTorch: its default sort
  const std::vector<int64_t> starts = kernels::cpu::run_starts(sorted_values);
  const int64_t groups = static_cast<int64_t>(starts.size());
  UniqueResult r;
  r.values = make_contiguous({groups}, self.dtype(), self.device());
  r.inverse_indices = make_contiguous(return_inverse ? self.sizes() : Size{0}, kInt64, self.device());
  r.counts = make_contiguous({return_counts ? groups : 0}, kInt64, self.device());
  kernels::cpu::unique_write(r.values, return_inverse ? r.inverse_indices : Tensor(),
                             return_counts ? r.counts : Tensor(), sorted_values, perm, starts);
  return r;
}

}  // namespace ctorch

namespace ctorch {

ValuesIndices Tensor::sort(int64_t dim, bool descending, bool stable) const {
  return ctorch::sort(*this, dim, descending, stable);
}
Tensor Tensor::argsort(int64_t dim, bool descending, bool stable) const {
  return ctorch::argsort(*this, dim, descending, stable);
}
ValuesIndices Tensor::topk(int64_t k, int64_t dim, bool largest, bool sorted) const {
  return ctorch::topk(*this, k, dim, largest, sorted);
}

}  // namespace ctorch
