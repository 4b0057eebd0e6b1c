// Tensor metadata: the part of a tensor that is neither an op nor a kernel.
#include "ctorch/tensor.h"

#include "core/wrap_dim.h"
#include "ctorch/dispatch.h"

namespace ctorch {

TensorImpl::TensorImpl(Storage s, int64_t offset, Size sz, DimVector st, ScalarType t)
    : storage(std::move(s)), storage_offset(offset), sizes(std::move(sz)), strides(std::move(st)),
      dtype(t), numel(sizes.numel()) {}

TensorImpl::TensorImpl(Storage s, IntArrayRef sz, ScalarType t) : storage(std::move(s)), sizes(sz), dtype(t) {
  // Up to DimVector::kInline dims the strides are computed on the stack and copied once (no fill).
  const size_t n = sz.size();
  int64_t local[DimVector::kInline];
  if (n > DimVector::kInline) strides.resize(n);
  int64_t* st = n <= DimVector::kInline ? local : strides.data();
  int64_t running = 1, count = 1;
  for (size_t i = n; i-- > 0;) {
    st[i] = running;
    running *= std::max<int64_t>(sz[i], 1);
    count *= sz[i];
  }
  if (n <= DimVector::kInline) strides.assign(local, local + n);
  numel = count;
}

DimVector contiguous_strides(IntArrayRef sizes) {
  DimVector strides(sizes.size());
  int64_t running = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = running;
    running *= sizes[i] > 1 ? sizes[i] : 1;
  }
  return strides;
}

void Tensor::undefined_error() {
  CTORCH_FAIL(Runtime, "cannot use an undefined Tensor (it holds no data)");
}

int64_t Tensor::size(int64_t d) const { return self().sizes[wrap_dim(d, dim())]; }

int64_t Tensor::stride(int64_t d) const { return self().strides[wrap_dim(d, dim())]; }

Scalar Tensor::item() const {
  CTORCH_CHECK(numel() == 1, Runtime, "a Tensor with ", numel(),
               " elements cannot be converted to Scalar");
  if (!is_cpu()) return cpu().item();  // the copy waits for the kernels that write the value
  return dispatch(dtype(), [&]<typename T>() -> Scalar { return Scalar(*static_cast<T*>(data_ptr())); });
}

bool Tensor::is_nonzero() const {
  // ATen's is_nonzero (TensorProperties.cpp).
  CTORCH_CHECK(numel() != 0, Runtime, "Boolean value of Tensor with no values is ambiguous");
  CTORCH_CHECK(numel() == 1, Runtime, "Boolean value of Tensor with more than one value is ambiguous");
  return item().to<bool>();
}

}  // namespace ctorch
