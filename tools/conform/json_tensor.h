// tools/conform/json_tensor.h: turning the vectors' JSON into ctorch values (dtypes, elements,
// scalars, nested lists, tensors with exact contents) and reading a tensor's elements back.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <ctorch/ctorch.h>

#include "conform.h"

namespace conform {

// "float32" -> kFloat32. Complex names throw Unsupported (ctorch has the ten real dtypes only);
// anything else throws BadVector.
ctorch::ScalarType parse_dtype(const json& name);
// kFloat32 -> "float32", spelled by the runner (not by the library under test).
std::string dtype_str(ctorch::ScalarType dtype);

// One element as JSON writes it: a bool, an integer or a float (see json_element).
struct Element {
  enum class Kind { Bool, Int, Float };
  Kind kind = Kind::Int;
  bool b = false;
  int64_t i = 0;
  double d = 0;

  static Element of_bool(bool v) { return {Kind::Bool, v, 0, 0}; }
  static Element of_int(int64_t v) { return {Kind::Int, false, v, 0}; }
  static Element of_float(double v) { return {Kind::Float, false, 0, v}; }
};

// JSON number/bool, or the strings "nan", "inf", "-inf", "-0.0". An integer beyond int64 or a
// complex [re, im] pair throws Unsupported.
Element json_element(const json& value);
// Python-like text of an element: True, 7, 7.0, 0.1, nan, -inf, -0.0.
std::string format_element(const Element& e);

// {"scalar": 2.5, "scalar_kind": "float"} -> Scalar.
ctorch::Scalar json_scalar(const json& spec);
// The data of {"list": ...}: nested arrays of numbers; a leaf is a float iff JSON wrote a float.
ctorch::NestedList json_nested_list(const json& data);
// A JSON array of integers.
std::vector<int64_t> json_ints(const json& array);

// A fresh contiguous tensor (storage offset 0) holding `values` (row-major) cast to `dtype`.
ctorch::Tensor make_tensor(ctorch::ScalarType dtype, const std::vector<int64_t>& shape,
                           const std::vector<Element>& values);
// {"dtype", "shape", "values"} -> tensor (zero-dim when the shape is []).
ctorch::Tensor json_tensor(const json& spec);
// A fresh contiguous tensor of `shape` with every element `fill`, then `overrides` (flat index,
// value) applied: printing.md R15's large tensors.
ctorch::Tensor make_filled_tensor(ctorch::ScalarType dtype, const std::vector<int64_t>& shape,
                                  const Element& fill,
                                  const std::vector<std::pair<int64_t, Element>>& overrides);

// The elements of `t` in logical row-major order, read through its sizes, strides and data_ptr
// (so a view is read exactly where it points). Bool -> Bool, integers -> Int, floats -> Float.
std::vector<Element> read_elements(const ctorch::Tensor& t);

}  // namespace conform
