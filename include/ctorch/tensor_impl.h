// ctorch/tensor_impl.h: what a Tensor handle points to.
//
// A TensorImpl is (storage, storage_offset, sizes, strides, dtype): strides and the offset are
// counted in elements, never bytes. See Note [Views share storage] in storage.h. Tensors refer
// to it by intrusive reference counts (intrusive_ptr.h); `TensorImpl::make(...)` creates one.
#pragma once

#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "ctorch/dtype.h"
#include "ctorch/intrusive_ptr.h"
#include "ctorch/size.h"
#include "ctorch/storage.h"

namespace ctorch {

namespace autograd {
struct AutogradMeta;  // src/autograd/meta.h: grad, hooks, view base, a leaf's accumulator
class Node;           // autograd.h
}  // namespace autograd

namespace detail {
// A TensorImpl's memory, from the CPU allocator's per-thread object cache.
void* allocate_tensor_impl();
void release_tensor_impl(void* memory) noexcept;
}  // namespace detail

struct TensorImpl : detail::RefCounted {
  Storage storage;
  int64_t storage_offset = 0;
  Size sizes;
  DimVector strides;
  ScalarType dtype = ScalarType::Float32;
  // True for a leaf that requires grad and for every tensor with a grad_fn (autograd.md A1.1):
  // the one flag an op reads to decide whether to record (nothing else when it is false).
  bool requires_grad = false;
  uint32_t output_nr = 0;  // which output of grad_fn this tensor is
  // The node that made this tensor (null for leaves and outside autograd). Kept here rather than
  // in `autograd` so that an op's output, the one tensor every recorded op makes, needs no
  // second record.
  std::shared_ptr<autograd::Node> grad_fn;
  // grad, hooks, view base, a leaf's accumulator: null until the tensor needs one of them.
  std::shared_ptr<autograd::AutogradMeta> autograd;
  int64_t numel = 0;  // product of sizes, kept in step by the constructor

  TensorImpl(Storage s, int64_t offset, Size sz, DimVector st, ScalarType t);
  // Contiguous over all of `s`, from offset 0: strides and numel computed here in one pass.
  TensorImpl(Storage s, IntArrayRef sz, ScalarType t);

  // A new TensorImpl (any constructor's arguments), held by its first reference.
  template <typename... Args>
  static detail::IntrusivePtr<TensorImpl> make(Args&&... args) {
    void* memory = detail::allocate_tensor_impl();
    try {
      return detail::IntrusivePtr<TensorImpl>::adopt(new (memory) TensorImpl(std::forward<Args>(args)...));
    } catch (...) {
      detail::release_tensor_impl(memory);
      throw;
    }
  }
  static void destroy(TensorImpl* impl) noexcept;  // for IntrusivePtr: ~TensorImpl, memory back
  void release_resources() noexcept;              // the last Tensor went, a weak reference remains
};

// Contiguous (row-major) strides for `sizes` (semantics.md R13.1).
DimVector contiguous_strides(IntArrayRef sizes);

}  // namespace ctorch
