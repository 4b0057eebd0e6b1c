// flip, roll, repeat and tile: PyTorch's checks and shapes (aten/src/ATen/native/TensorTransformations.cpp,
// TensorShape.cpp); each result is an advanced-index gather with one index per dim.
#include <algorithm>

#include "autograd/diff.h"
#include "core/make.h"
#include "core/wrap_dim.h"
#include "ctorch/elementwise.h"
#include "ctorch/factory.h"
#include "ctorch/indexing_ops.h"
#include "ops/advanced_index.h"

namespace ctorch {

namespace {

// self gathered with idx[d] (int64, in range, shaped [1, .., n, .., 1]) along every dim.
Tensor gather_all_dims(const Tensor& self, const OptionalIndices& idx) {
  if (self.dim() == 0) return self.clone();
  return advanced_index(self, idx);
}

}  // namespace

Tensor flip(const Tensor& self, IntArrayRef dims) {
  if (autograd::should_record(self)) return autograd::diff::flip(self, dims);
  const int64_t nd = self.dim();
  std::vector<bool> flipped(static_cast<size_t>(std::max<int64_t>(nd, 1)), false);
  for (int64_t d : dims) {
    const int64_t w = wrap_dim(d, nd);
    CTORCH_CHECK(!flipped[w], Runtime, "dim ", w, " appears multiple times in the list of dims");
    flipped[w] = true;
  }
  if (nd == 0 || self.numel() == 0) return self.clone();
  OptionalIndices idx;
  for (int64_t d = 0; d < nd; ++d) {
    const int64_t n = self.sizes()[d];
    Tensor i = arange_along(n, d, nd);
    if (flipped[d]) i = (n - 1) - i;
    idx.push_back(i);
  }
  return gather_all_dims(self, idx);
}

Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims) {
  if (autograd::should_record(self)) return autograd::diff::roll(self, shifts, dims);
  CTORCH_CHECK(!shifts.empty(), Runtime, "`shifts` required");
  if (dims.empty() && shifts.size() == 1) {
    const int64_t d0 = 0;
    return roll(self.flatten(), shifts, IntArrayRef(&d0, 1)).view(self.sizes());
  }
  CTORCH_CHECK(shifts.size() == dims.size(), Runtime, "shifts and dimensions must align. shifts: ",
               shifts.size(), ", dims:", dims.size());
  // A zero-dim tensor has no dim to roll along (PyTorch wraps without the zero-dim allowance).
  CTORCH_CHECK(self.dim() > 0, Index, "Dimension specified as ", dims[0], " but tensor has no dimensions");
  if (self.numel() == 0) return self.clone();
  const int64_t nd = self.dim();
  std::vector<int64_t> shift(static_cast<size_t>(std::max<int64_t>(nd, 1)), 0);
  for (size_t k = 0; k < dims.size(); ++k) shift[wrap_dim(dims[k], nd)] += shifts[k];
  if (nd == 0) return self.clone();
  OptionalIndices idx;
  for (int64_t d = 0; d < nd; ++d) {
    const int64_t n = self.sizes()[d];
    const int64_t s = ((shift[d] % n) + n) % n;
    // result[i] = self[(i - s) mod n]
    idx.push_back(arange_along(n, d, nd).add(n - s).remainder(n));
  }
  return gather_all_dims(self, idx);
}

Tensor repeat(const Tensor& self, IntArrayRef sizes) {
  if (autograd::should_record(self)) return autograd::diff::repeat(self, sizes);
  const int64_t nd = static_cast<int64_t>(sizes.size());
  CTORCH_CHECK(nd >= self.dim(), Runtime,
               "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
  std::vector<int64_t> padded(static_cast<size_t>(nd - self.dim()), 1);
  for (int64_t s : self.sizes()) padded.push_back(s);
  Size target;
  for (int64_t d = 0; d < nd; ++d) target.push_back(padded[d] * sizes[d]);
  Tensor out = make_contiguous(target, self.dtype(), self.device());  // negative sizes: its message
  if (out.numel() == 0 || nd == 0) {
    if (nd == 0) out.copy_(self);
    return out;
  }
  const Tensor x = self.reshape(padded);
  OptionalIndices idx;
  for (int64_t d = 0; d < nd; ++d) idx.push_back(arange_along(target[d], d, nd).remainder(padded[d]));
  return gather_all_dims(x, idx);
}

Tensor tile(const Tensor& self, IntArrayRef sizes) {
  std::vector<int64_t> reps(sizes.begin(), sizes.end());
  if (static_cast<int64_t>(reps.size()) < self.dim())
    reps.insert(reps.begin(), static_cast<size_t>(self.dim()) - reps.size(), 1);
  return repeat(self, reps);
}

Tensor Tensor::flip(IntArrayRef dims) const { return ctorch::flip(*this, dims); }
Tensor Tensor::roll(IntArrayRef shifts, IntArrayRef dims) const { return ctorch::roll(*this, shifts, dims); }
Tensor Tensor::repeat(IntArrayRef sizes) const { return ctorch::repeat(*this, sizes); }
Tensor Tensor::tile(IntArrayRef sizes) const { return ctorch::tile(*this, sizes); }

}  // namespace ctorch
