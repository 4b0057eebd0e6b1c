// ctorch/size.h: shapes. `Size` is what `sizes()`/`shape()` return (prints `torch.Size([2, 3])`);
// `IntArrayRef` is how functions take a list of integers without copying:
//
//   ctorch::zeros({2, 3});   t.view({-1, 4});   t.permute(std::vector<int64_t>{1, 0});
#pragma once

#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <vector>

#include "ctorch/dim_vector.h"

namespace ctorch {

// A non-owning view of int64 values; valid while what it refers to is (the whole call, for a
// braced list written at the call site).
class IntArrayRef {
 public:
  constexpr IntArrayRef() = default;
  // The braced list lives until the end of the full expression, the whole call.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winit-list-lifetime"
  constexpr IntArrayRef(std::initializer_list<int64_t> list)  // NOLINT: implicit
      : data_(list.begin()), size_(list.size()) {}
#pragma GCC diagnostic pop
  IntArrayRef(const std::vector<int64_t>& v) : data_(v.data()), size_(v.size()) {}  // NOLINT
  IntArrayRef(const DimVector& v) : data_(v.data()), size_(v.size()) {}            // NOLINT
  constexpr IntArrayRef(const int64_t& one) : data_(&one), size_(1) {}            // NOLINT
  constexpr IntArrayRef(const int64_t* data, size_t size) : data_(data), size_(size) {}

  constexpr const int64_t* begin() const { return data_; }
  constexpr const int64_t* end() const { return data_ + size_; }
  constexpr const int64_t* data() const { return data_; }
  constexpr size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const int64_t& operator[](size_t i) const { return data_[i]; }
  std::vector<int64_t> vec() const { return {begin(), end()}; }
  bool operator==(IntArrayRef other) const;

 private:
  const int64_t* data_ = nullptr;
  size_t size_ = 0;
};

class Size : public DimVector {
 public:
  using DimVector::DimVector;
  Size() = default;
  Size(const DimVector& v) : DimVector(v) {}                        // NOLINT
  Size(DimVector&& v) : DimVector(std::move(v)) {}                  // NOLINT
  Size(IntArrayRef r) : DimVector(r.begin(), r.end()) {}           // NOLINT
  int64_t numel() const;
  std::string repr() const;  // "torch.Size([2, 3])"
};

std::ostream& operator<<(std::ostream& out, const Size& s);
std::ostream& operator<<(std::ostream& out, IntArrayRef s);  // "[2, 3]", as in PyTorch's messages
std::string tuple_str(IntArrayRef s);  // Python's str(tuple(s)): "()", "(4,)", "(2, 3)"

}  // namespace ctorch
