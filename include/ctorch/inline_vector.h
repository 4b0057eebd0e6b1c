// ctorch/inline_vector.h: a vector whose first N elements live inside the object itself, so a
// short one costs no allocation. Autograd's nodes keep their edges and outputs in these: nearly
// every node has one or two inputs and one output, and a node is made for every recorded op.
// Neither copyable nor movable (nodes never move); the part of std::vector's interface they use.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace ctorch::detail {

template <typename T, size_t N>
class InlineVector {
 public:
  InlineVector() = default;
  InlineVector(const InlineVector&) = delete;
  InlineVector& operator=(const InlineVector&) = delete;
  ~InlineVector() {
    std::destroy(begin(), end());
    if (data_ != inline_data()) std::allocator<T>().deallocate(data_, capacity_);
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }

  void reserve(size_t n) {
    if (n > capacity_) reallocate(n, nullptr);
  }
  // Safe when an argument refers to an element of this vector: the new element is built first.
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    auto make = [&](T* slot) {
      if constexpr (sizeof...(Args) == 0) make_default(slot);
      else std::construct_at(slot, std::forward<Args>(args)...);
    };
    if (size_ == capacity_) {
      reallocate(2 * capacity_, make);
    } else {
      make(data_ + size_);
    }
    return data_[size_++];
  }
  void push_back(const T& value) { emplace_back(value); }
  void resize(size_t n) {
    reserve(n);
    for (; size_ < n; ++size_) make_default(data_ + size_);
    while (size_ > n) std::destroy_at(data_ + --size_);
  }

 private:
  T* inline_data() { return std::launder(reinterpret_cast<T*>(inline_)); }
  // A class runs its own default constructor only (T() would zero the whole object first, a
  // cost on every recorded op); anything else is value-initialized, as std::vector does.
  static void make_default(T* slot) {
    if constexpr (std::is_class_v<T> && !std::is_trivially_default_constructible_v<T>) {
      ::new (static_cast<void*>(slot)) T;
    } else {
      std::construct_at(slot);
    }
  }
  // Moves the elements to a heap buffer of `capacity`; `make_next` (if any) builds element
  // size_ there before the old ones move.
  template <typename MakeNext>
  void reallocate(size_t capacity, const MakeNext& make_next) {
    T* fresh = std::allocator<T>().allocate(capacity);
    if constexpr (!std::is_same_v<MakeNext, std::nullptr_t>) {
      try {
        make_next(fresh + size_);
      } catch (...) {
        std::allocator<T>().deallocate(fresh, capacity);
        throw;
      }
    }
    std::uninitialized_move(begin(), end(), fresh);
    std::destroy(begin(), end());
    if (data_ != inline_data()) std::allocator<T>().deallocate(data_, capacity_);
    data_ = fresh;
    capacity_ = capacity;
  }

  alignas(T) unsigned char inline_[N * sizeof(T)];
  T* data_ = inline_data();
  size_t size_ = 0;
  size_t capacity_ = N;
};

}  // namespace ctorch::detail
