// Tensor metadata: the part of a tensor that is neither an op nor a kernel.
#include "ctorch/tensor.h"

#include <algorithm>

#include "core/cpu_allocator.h"
#include "core/make.h"
#include "core/tiny_tensors.h"
#include "core/wrap_dim.h"
#include "ctorch/dispatch.h"

namespace ctorch {

namespace detail {
void* allocate_tensor_impl() { return cpu_allocator::allocate(sizeof(TensorImpl)).data; }
void release_tensor_impl(void* memory) noexcept {
  cpu_allocator::release({memory, cpu_allocator::block_size(sizeof(TensorImpl))});
}
}  // namespace detail

void TensorImpl::destroy(TensorImpl* impl) noexcept {
  if (detail::TinyTensors::keep(impl)) return;
  impl->~TensorImpl();
  detail::release_tensor_impl(impl);
}

void TensorImpl::release_resources() noexcept {
  storage = Storage();
  grad_fn.reset();
  autograd.reset();
}

TensorImpl::TensorImpl(Storage s, int64_t offset, Size sz, DimVector st, ScalarType t)
    : storage(std::move(s)), storage_offset(offset), sizes(std::move(sz)), strides(std::move(st)),
      dtype(t), numel(sizes.numel()) {}

TensorImpl::TensorImpl(Storage s, IntArrayRef sz, ScalarType t) : storage(std::move(s)), dtype(t) {
  set_contiguous_geometry(*this, sz);
}

void set_contiguous_geometry(TensorImpl& impl, IntArrayRef sizes) {
  const size_t n = sizes.size();
  impl.sizes.resize(n);
  impl.strides.resize(n);
  int64_t running = 1, numel = 1;
  for (size_t i = n; i-- > 0;) {
    const int64_t size = sizes[i];
    impl.sizes[i] = size;
    impl.strides[i] = running;
    running *= std::max<int64_t>(size, 1);
    numel *= size;
  }
  impl.numel = numel;
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
