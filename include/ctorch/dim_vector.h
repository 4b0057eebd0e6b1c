// ctorch/dim_vector.h: a list of int64 (sizes, strides) that keeps up to five values inline.
//
// Tensors of up to five dims, nearly all of them, then carry their shape and strides without a
// heap allocation, which is most of the fixed cost of an op on a tiny tensor. The interface is
// the part of std::vector's that shapes need.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <vector>

namespace ctorch {

class DimVector {
 public:
  using value_type = int64_t;
  using size_type = size_t;
  using difference_type = std::ptrdiff_t;
  using reference = int64_t&;
  using const_reference = const int64_t&;
  using pointer = int64_t*;
  using const_pointer = const int64_t*;
  using iterator = int64_t*;
  using const_iterator = const int64_t*;
  using reverse_iterator = std::reverse_iterator<iterator>;
  using const_reverse_iterator = std::reverse_iterator<const_iterator>;
  static constexpr size_t kInline = 5;

  DimVector() = default;
  explicit DimVector(size_t n, int64_t value = 0) { assign(n, value); }
  DimVector(std::initializer_list<int64_t> list) { assign(list.begin(), list.end()); }
  template <std::input_iterator It>
  DimVector(It first, It last) { assign(first, last); }
  DimVector(const std::vector<int64_t>& v) { assign(v.begin(), v.end()); }  // NOLINT: implicit
  DimVector(const DimVector& other) { assign(other.begin(), other.end()); }
  DimVector(DimVector&& other) noexcept { steal(other); }
  DimVector& operator=(const DimVector& other) {
    if (this != &other) assign(other.begin(), other.end());
    return *this;
  }
  DimVector& operator=(DimVector&& other) noexcept {
    if (this != &other) {
      release();
      steal(other);
    }
    return *this;
  }
  ~DimVector() { release(); }

  operator std::vector<int64_t>() const { return {begin(), end()}; }  // NOLINT: implicit
  std::vector<int64_t> vec() const { return {begin(), end()}; }

  int64_t* data() { return data_; }
  const int64_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return capacity_; }
  iterator begin() { return data_; }
  iterator end() { return data_ + size_; }
  const_iterator begin() const { return data_; }
  const_iterator end() const { return data_ + size_; }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }
  reverse_iterator rbegin() { return reverse_iterator(end()); }
  reverse_iterator rend() { return reverse_iterator(begin()); }
  const_reverse_iterator rbegin() const { return const_reverse_iterator(end()); }
  const_reverse_iterator rend() const { return const_reverse_iterator(begin()); }
  int64_t& operator[](size_t i) { return data_[i]; }
  const int64_t& operator[](size_t i) const { return data_[i]; }
  int64_t& front() { return data_[0]; }
  const int64_t& front() const { return data_[0]; }
  int64_t& back() { return data_[size_ - 1]; }
  const int64_t& back() const { return data_[size_ - 1]; }

  void reserve(size_t n) {
    if (n <= capacity_) return;
    auto* grown = new int64_t[n];
    std::copy(begin(), end(), grown);
    release();
    data_ = grown;
    capacity_ = n;
  }
  void clear() { size_ = 0; }
  void resize(size_t n, int64_t value = 0) {
    reserve(n);
    if (n > size_) std::fill(data_ + size_, data_ + n, value);
    size_ = n;
  }
  void assign(size_t n, int64_t value) {
    clear();
    resize(n, value);
  }
  template <std::input_iterator It>
  void assign(It first, It last) {
    clear();
    if constexpr (std::random_access_iterator<It>) {  // one capacity check, not one per value
      const auto n = static_cast<size_t>(last - first);
      reserve(n);
      for (size_t i = 0; i < n; ++i) data_[i] = static_cast<int64_t>(first[i]);
      size_ = n;
    } else {
      for (; first != last; ++first) push_back(static_cast<int64_t>(*first));
    }
  }
  void push_back(int64_t value) {
    if (size_ == capacity_) reserve(capacity_ * 2);
    data_[size_++] = value;
  }
  void emplace_back(int64_t value) { push_back(value); }
  void pop_back() { --size_; }
  iterator insert(const_iterator pos, int64_t value) { return insert(pos, &value, &value + 1); }
  iterator insert(const_iterator pos, std::initializer_list<int64_t> list) {
    return insert(pos, list.begin(), list.end());
  }
  iterator insert(const_iterator pos, size_t n, int64_t value) {
    const DimVector values(n, value);
    return insert(pos, values.begin(), values.end());
  }
  template <std::input_iterator It>
  iterator insert(const_iterator pos, It first, It last) {
    const DimVector values(first, last);  // a copy: `first` may point into this vector
    const size_t at = static_cast<size_t>(pos - begin()), n = values.size();
    if (size_ + n > capacity_) reserve(std::max(size_ + n, capacity_ * 2));
    std::move_backward(data_ + at, data_ + size_, data_ + size_ + n);
    std::copy(values.begin(), values.end(), data_ + at);
    size_ += n;
    return data_ + at;
  }
  iterator erase(const_iterator pos) { return erase(pos, pos + 1); }
  iterator erase(const_iterator first, const_iterator last) {
    auto* at = data_ + (first - data_);
    std::move(data_ + (last - data_), end(), at);
    size_ -= static_cast<size_t>(last - first);
    return at;
  }

  friend bool operator==(const DimVector& a, const DimVector& b) {
    if (a.size_ != b.size_) return false;
    for (size_t i = 0; i < a.size_; ++i)  // a plain loop: shapes are short, a memcmp call is not cheaper
      if (a.data_[i] != b.data_[i]) return false;
    return true;
  }

 private:
  void release() {
    if (data_ != inline_) delete[] data_;
    data_ = inline_;
    capacity_ = kInline;
  }
  void steal(DimVector& other) {
    if (other.data_ == other.inline_) {
      std::copy(other.begin(), other.end(), inline_);
      data_ = inline_;
    } else {
      data_ = other.data_;
      capacity_ = other.capacity_;
    }
    size_ = other.size_;
    other.data_ = other.inline_;
    other.capacity_ = kInline;
    other.size_ = 0;
  }

  int64_t* data_ = inline_;
  size_t size_ = 0;
  size_t capacity_ = kInline;
  int64_t inline_[kInline];
};

}  // namespace ctorch
