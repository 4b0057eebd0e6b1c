// ctorch/intrusive_ptr.h: reference counts kept inside the counted object.
//
// A Tensor points at a TensorImpl and a TensorImpl at its Storage's buffer record; both are
// counted here instead of by std::shared_ptr, so that making one costs one small allocation with
// no separate control block, and dropping one calls no virtual functions. (Tiny-tensor ops are
// mostly this bookkeeping.) WeakIntrusivePtr is the weak_ptr of this scheme, for the two places
// autograd refers to a tensor without keeping it alive.
//
// A counted type T derives from RefCounted, is created by `IntrusivePtr<T>::adopt(new-ish T)`,
// and provides `static void destroy(T*) noexcept` (run its destructor, give its memory back); it
// may provide `void release_resources() noexcept`, run when the last strong reference goes while
// weak ones remain (the memory stays until those go too).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace ctorch::detail {

template <typename T>
class IntrusivePtr;
template <typename T>
class WeakIntrusivePtr;

// The counts of a counted object, in one 64-bit word: strong references in the low half, weak
// ones in the high half, plus one weak for all the strong references together. So a single load
// tells whether a reference is the only one of either kind.
class RefCounted {
 public:
  RefCounted() = default;
  RefCounted(const RefCounted&) = delete;
  RefCounted& operator=(const RefCounted&) = delete;

  uint32_t use_count() const noexcept { return static_cast<uint32_t>(counts_.load(std::memory_order_relaxed)); }

 private:
  template <typename>
  friend class IntrusivePtr;
  template <typename>
  friend class WeakIntrusivePtr;
  static constexpr uint64_t kStrong = 1;
  static constexpr uint64_t kWeak = uint64_t{1} << 32;
  static constexpr uint64_t kStrongMask = kWeak - 1;
  mutable std::atomic<uint64_t> counts_{kStrong + kWeak};
};

template <typename T>
class IntrusivePtr {
 public:
  IntrusivePtr() noexcept = default;
  IntrusivePtr(std::nullptr_t) noexcept {}  // NOLINT: implicit, as shared_ptr
  // Takes the one reference a newly constructed object starts with.
  static IntrusivePtr adopt(T* fresh) noexcept {
    IntrusivePtr p;
    p.p_ = fresh;
    return p;
  }
  IntrusivePtr(const IntrusivePtr& other) noexcept : p_(other.p_) {
    if (p_) p_->counts_.fetch_add(RefCounted::kStrong, std::memory_order_relaxed);
  }
  IntrusivePtr(IntrusivePtr&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
  IntrusivePtr& operator=(const IntrusivePtr& other) noexcept {
    IntrusivePtr(other).swap(*this);
    return *this;
  }
  IntrusivePtr& operator=(IntrusivePtr&& other) noexcept {
    IntrusivePtr(std::move(other)).swap(*this);
    return *this;
  }
  ~IntrusivePtr() { reset(); }

  void reset() noexcept {
    if (T* p = std::exchange(p_, nullptr)) release(p);
  }
  void swap(IntrusivePtr& other) noexcept { std::swap(p_, other.p_); }
  T* get() const noexcept { return p_; }
  T& operator*() const noexcept { return *p_; }
  T* operator->() const noexcept { return p_; }
  explicit operator bool() const noexcept { return p_ != nullptr; }
  long use_count() const noexcept { return p_ ? static_cast<long>(p_->use_count()) : 0; }
  friend bool operator==(const IntrusivePtr& a, const IntrusivePtr& b) noexcept { return a.p_ == b.p_; }
  friend bool operator==(const IntrusivePtr& a, std::nullptr_t) noexcept { return a.p_ == nullptr; }

 private:
  friend class WeakIntrusivePtr<T>;

  static void release(T* p) noexcept {
    // The only reference of either kind: nobody else can reach the object or take a reference
    // to it, so it goes without an atomic write (libstdc++'s shared_ptr does the same).
    if (p->counts_.load(std::memory_order_acquire) == RefCounted::kStrong + RefCounted::kWeak) {
      T::destroy(p);
    } else {
      release_shared(p);
    }
  }
  static void release_shared(T* p) noexcept {
    const uint64_t before = p->counts_.fetch_sub(RefCounted::kStrong, std::memory_order_acq_rel);
    if ((before & RefCounted::kStrongMask) != 1) return;
    if (before != RefCounted::kStrong + RefCounted::kWeak) {  // weak references remain
      if constexpr (requires { p->release_resources(); }) p->release_resources();
    }
    WeakIntrusivePtr<T>::release(p);  // the weak reference the strong ones held together
  }

  T* p_ = nullptr;
};

template <typename T>
class WeakIntrusivePtr {
 public:
  WeakIntrusivePtr() noexcept = default;
  WeakIntrusivePtr(const IntrusivePtr<T>& strong) noexcept : p_(strong.p_) {  // NOLINT: implicit
    if (p_) p_->counts_.fetch_add(RefCounted::kWeak, std::memory_order_relaxed);
  }
  WeakIntrusivePtr(const WeakIntrusivePtr& other) noexcept : p_(other.p_) {
    if (p_) p_->counts_.fetch_add(RefCounted::kWeak, std::memory_order_relaxed);
  }
  WeakIntrusivePtr(WeakIntrusivePtr&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
  WeakIntrusivePtr& operator=(WeakIntrusivePtr other) noexcept {
    std::swap(p_, other.p_);
    return *this;
  }
  ~WeakIntrusivePtr() {
    if (p_) release(p_);
  }

  // A strong reference, or null once the last strong reference is gone.
  IntrusivePtr<T> lock() const noexcept {
    if (!p_) return {};
    uint64_t counts = p_->counts_.load(std::memory_order_relaxed);
    do {
      if ((counts & RefCounted::kStrongMask) == 0) return {};
    } while (!p_->counts_.compare_exchange_weak(counts, counts + RefCounted::kStrong, std::memory_order_acquire,
                                                std::memory_order_relaxed));
    return IntrusivePtr<T>::adopt(p_);
  }

 private:
  friend class IntrusivePtr<T>;

  static void release(T* p) noexcept {
    if (p->counts_.fetch_sub(RefCounted::kWeak, std::memory_order_acq_rel) == RefCounted::kWeak) T::destroy(p);
  }

  T* p_ = nullptr;
};

}  // namespace ctorch::detail
