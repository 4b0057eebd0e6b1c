// ctorch/nested_list.h: the data argument of ctorch::tensor: a number or a nested braced list of
// numbers of any depth, checked for raggedness when the tensor is built.
//
//   ctorch::tensor(7.0);   ctorch::tensor({7, 7});   ctorch::tensor({{7, 8}, {8, 9}});
//   ctorch::tensor(std::vector<float>{1, 2, 3});
#pragma once

#include <initializer_list>
#include <vector>

#include "ctorch/scalar.h"

namespace ctorch {

class NestedList {
 public:
  NestedList() : is_scalar_(false) {}  // the empty list []
  template <typename T, std::enable_if_t<std::is_arithmetic_v<T> || is_reduced_float_v<T>, int> = 0>
  NestedList(T value) : is_scalar_(true), scalar_(value) {}  // NOLINT: implicit
  NestedList(Scalar value) : is_scalar_(true), scalar_(value) {}  // NOLINT
  NestedList(std::initializer_list<NestedList> items) : is_scalar_(false), items_(items) {}  // NOLINT
  template <typename T>
  NestedList(const std::vector<T>& items) : is_scalar_(false) {  // NOLINT
    items_.reserve(items.size());
    for (const auto& item : items) items_.emplace_back(item);
  }
  explicit NestedList(std::vector<NestedList> items) : is_scalar_(false), items_(std::move(items)) {}

  bool is_scalar() const { return is_scalar_; }
  const Scalar& scalar() const { return scalar_; }
  const std::vector<NestedList>& items() const { return items_; }

 private:
  bool is_scalar_;
  Scalar scalar_;
  std::vector<NestedList> items_;
};

}  // namespace ctorch
