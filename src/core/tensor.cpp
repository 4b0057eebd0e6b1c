// Tensor metadata: the part of a tensor that is neither an op nor a kernel.
#include "ctorch/tensor.h"

#include "core/wrap_dim.h"
#include "ctorch/dispatch.h"

namespace ctorch {

TensorImpl::TensorImpl(Storage s, int64_t offset, Size sz, DimVector st, ScalarType t)
    : storage(std::move(s)), storage_offset(offset), sizes(std::move(sz)), strides(std::move(st)),
      dtype(t), numel(sizes.numel()) {}

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

bool Tensor::is_contiguous() const {
  // semantics.md R13.2: size-1 dims may have any stride; empty tensors are contiguous.
  if (numel() == 0) return true;
  int64_t expected = 1;
  for (int64_t i = dim() - 1; i >= 0; --i) {
    const int64_t size = self().sizes[i];
    if (size == 1) continue;
    if (self().strides[i] != expected) return false;
    expected *= size;
  }
  return true;
}

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
