// tools/conform/compare.h: comparing what the library produced with a vector's expectation.
//
// Each comparison returns a Mismatch listing the differing fields ("stride=[1, 3]" expected,
// "stride=[3, 1]" got), or nothing when everything matches.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <ctorch/ctorch.h>

#include "conform.h"
#include "json_tensor.h"

namespace conform {

// Exact unless the vector carries "tolerance": {"rtol", "atol"}.
struct Tolerance {
  bool exact = true;
  double rtol = 0, atol = 0;
  static Tolerance from_vector(const json& vector);
};

struct Mismatch {
  std::vector<std::string> expected, got;  // one entry per differing field
  void add(std::string e, std::string g) {
    expected.push_back(std::move(e));
    got.push_back(std::move(g));
  }
  bool empty() const { return expected.empty(); }
  Verdict verdict() const;  // Fail with the fields joined, or Pass when empty
};

// Is `got` the expected element `want` (JSON) for a tensor of `dtype`? Exact float comparison
// means the same value and the same sign of zero; NaN matches NaN.
bool element_matches(const Element& got, const json& want, const Tolerance& tol);

// A tensor against {"dtype", "shape", "values", ["stride", "storage_offset", "is_contiguous"]};
// `label` prefixes the field names (for "outputs[1].").
void compare_tensor(const ctorch::Tensor& t, const json& expect, const Tolerance& tol,
                    Mismatch& out, const std::string& label = "");
// A Python value (Scalar) against {"value", "value_type"}.
void compare_value(const ctorch::Scalar& s, const json& expect, const Tolerance& tol,
                   Mismatch& out);

// Short descriptions for failure lines.
std::string describe_tensor(const ctorch::Tensor& t);
std::string describe_ints(const std::vector<int64_t>& v);
std::string describe_elements(const std::vector<Element>& v);

}  // namespace conform
