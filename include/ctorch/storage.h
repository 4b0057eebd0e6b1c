// ctorch/storage.h: one contiguous buffer on one device, shared by every view of it.
//
// Note [Views share storage]: a view (`view`, `transpose`, slicing, `expand`, ...) is a new
// TensorImpl pointing at the same Storage; only sizes, strides and storage_offset differ. So
// `a.storage() == b.storage()` tells whether two tensors see the same memory.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "ctorch/device.h"
#include "ctorch/intrusive_ptr.h"

namespace ctorch {

namespace detail {
struct TinyTensors;  // src/core/tiny_tensors.h: keeps the storage records of tiny tensors for reuse
}  // namespace detail

class Storage {
 public:
  using Deleter = std::function<void(void*)>;

  Storage() = default;
  // A fresh, uninitialized buffer of `nbytes` (64-byte aligned) on `device`.
  static Storage allocate(size_t nbytes, Device device);
  // Wraps caller memory without copying; `deleter` (if any) runs when the last user is gone.
  static Storage wrap(void* data, size_t nbytes, Device device, Deleter deleter);

  void* data() const { return impl_ ? impl_->data : nullptr; }
  size_t nbytes() const { return impl_ ? impl_->nbytes : 0; }
  Device device() const { return impl_ ? impl_->device : Device(kCPU); }
  bool defined() const { return impl_ != nullptr; }
  long use_count() const { return impl_.use_count(); }

  bool operator==(const Storage& other) const { return impl_ == other.impl_; }

  // Note [Version counter]: every in-place write into the storage bumps it, so all views and
  // detach() results share it; autograd compares it with the version a saved tensor had
  // (autograd.md A5.5).
  uint32_t version() const { return impl_ ? impl_->version.load(std::memory_order_relaxed) : 0; }
  void bump_version() const {
    if (impl_) impl_->version.fetch_add(1, std::memory_order_relaxed);
  }

 private:
  friend struct detail::TinyTensors;
  // The buffer record every view of the storage shares (reference counted, intrusive_ptr.h).
  struct Impl : detail::RefCounted {
    // Up to this many bytes live inside the Impl itself: a tiny tensor's buffer is no allocation.
    static constexpr size_t kInlineBytes = 32;
    Impl(void* d, size_t n, Device dev) : data(d), nbytes(n), device(dev) {}
    ~Impl();
    static Impl* create(void* d, size_t n, Device dev);  // from the CPU allocator's object cache
    static void destroy(Impl* impl) noexcept;              // ~Impl, and the memory back there
    void* data;
    size_t nbytes;
    std::unique_ptr<Deleter> deleter;  // for wrapped memory (its own allocation: wrapping is rare)
    size_t pooled_bytes = 0;           // else a block of the CPU allocator's, of this size, or inline data
    std::atomic<uint32_t> version{0};
    Device device;
    alignas(64) unsigned char inline_data[kInlineBytes];  // a cache line, as pooled blocks
  };
  detail::IntrusivePtr<Impl> impl_;
};

}  // namespace ctorch
