// Tensor::resize_: new sizes with contiguous strides, on the same storage when it is big enough.
#include <cstring>

#include "core/cuda_device.h"
#include "core/make.h"
#include "ctorch/tensor.h"

namespace ctorch {

Tensor& Tensor::resize_(IntArrayRef sizes) {
  if (IntArrayRef(this->sizes()) == sizes && is_contiguous()) return *this;
  // Validates the sizes and computes the bytes needed, without touching *this on failure.
  Tensor fresh = make_contiguous(sizes, dtype(), device());
  TensorImpl& me = self();
  const size_t needed = (static_cast<size_t>(me.storage_offset) + static_cast<size_t>(fresh.numel())) * element_size();
  if (needed > me.storage.nbytes()) {  // grow: the old bytes come along, as in PyTorch
    const size_t kept = me.storage.nbytes() - static_cast<size_t>(me.storage_offset) * element_size();
    if (kept && is_cpu()) std::memcpy(fresh.data_ptr(), data_ptr(), std::min(kept, fresh.nbytes()));
    if (kept && !is_cpu()) {
      cuda::detail::copy_bytes(fresh.data_ptr(), device(), data_ptr(), device(), std::min(kept, fresh.nbytes()));
    }
    me.storage = fresh.storage();
    me.storage_offset = 0;
  }
  me.sizes = fresh.sizes();
  me.strides = fresh.impl()->strides;
  me.numel = fresh.numel();
  return *this;
}

}  // namespace ctorch
