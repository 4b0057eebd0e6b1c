#include "core/tiny_tensors.h"

#include <array>
#include <new>
#include <utility>

#include "core/cpu_allocator.h"
#include "core/make.h"
#include "core/fast_tls.h"

namespace ctorch::detail {

namespace {

// Kept tensors stay constructed, with their storage record and the counts of a new object (only
// tensors destroyed from their one reference are kept), so taking one is a few stores.
struct ThreadTinyTensors {
  std::array<TensorImpl*, TinyTensors::kKept> kept;
  int count = 0;
  ~ThreadTinyTensors() {
    while (count > 0) {
      TensorImpl* impl = kept[static_cast<size_t>(--count)];
      impl->~TensorImpl();
      release_tensor_impl(impl);
    }
  }
};

CTORCH_FAST_TLS ThreadTinyTensors* tls_tiny = nullptr;
CTORCH_FAST_TLS bool tls_tiny_gone = false;

struct ThreadTinyTensorsOwner {
  ~ThreadTinyTensorsOwner() {
    tls_tiny_gone = true;
    delete std::exchange(tls_tiny, nullptr);
  }
};

[[gnu::noinline]] ThreadTinyTensors* new_thread_tiny() {
  if (tls_tiny_gone) return nullptr;
  thread_local ThreadTinyTensorsOwner owner;  // frees what is kept at thread exit
  tls_tiny = new (std::nothrow) ThreadTinyTensors;  // keep() is noexcept: no cache rather than a throw
  return tls_tiny;
}

}  // namespace

TensorImpl* TinyTensors::take(IntArrayRef sizes, ScalarType dtype, size_t nbytes) {
  ThreadTinyTensors* tiny = tls_tiny;
  if (!cpu_allocator::kCaching || !tiny || tiny->count == 0 || nbytes > Storage::Impl::kInlineBytes ||
      sizes.size() > DimVector::kInline) {  // the last: sizes and strides stay inline
    return nullptr;
  }
  TensorImpl* impl = tiny->kept[static_cast<size_t>(--tiny->count)];
  Storage::Impl& record = *impl->storage.impl_;
  record.data = nbytes > 0 ? record.inline_data : nullptr;
  record.nbytes = nbytes;
  record.version.store(0, std::memory_order_relaxed);
  // What TensorImpl(storage, sizes, dtype) sets; keep() reset the autograd fields. Sizes and
  // strides stay inline (a kept tensor's are, and sizes fit).
  impl->storage_offset = 0;
  impl->dtype = dtype;
  set_contiguous_geometry(*impl, sizes);
  return impl;
}

bool TinyTensors::keep(TensorImpl* impl) noexcept {
  if constexpr (!cpu_allocator::kCaching) return false;
  const Storage::Impl* record = impl->storage.impl_.get();
  // use_count() == 1: destroyed from its one reference, so its counts are a new object's.
  if (impl->use_count() != 1 || !record || record->use_count() != 1 || record->pooled_bytes != 0 ||
      record->deleter || !record->device.is_cpu() || impl->sizes.capacity() != DimVector::kInline ||
      impl->strides.capacity() != DimVector::kInline) {
    return false;
  }
  ThreadTinyTensors* tiny = tls_tiny ? tls_tiny : new_thread_tiny();
  if (!tiny || tiny->count == kKept) return false;
  impl->requires_grad = false;
  impl->output_nr = 0;
  if (impl->grad_fn || impl->autograd) [[unlikely]] {
    // Autograd state goes now; that may drop other tensors, which may be kept first.
    auto grad_fn = std::move(impl->grad_fn);
    auto autograd = std::move(impl->autograd);
    grad_fn.reset();
    autograd.reset();
    if (tiny->count == kKept) return false;
  }
  tiny->kept[static_cast<size_t>(tiny->count++)] = impl;
  return true;
}

}  // namespace ctorch::detail
