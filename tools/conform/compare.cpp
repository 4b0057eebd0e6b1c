// tools/conform/compare.cpp: field-by-field comparison of results with expectations.
#include "compare.h"

#include <cmath>

namespace conform {

namespace {

constexpr size_t kMaxListed = 16;  // longer value lists are described by their first mismatch

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string describe_json_values(const json& values) {
  std::vector<std::string> parts;
  for (const json& v : values) parts.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return "[" + join(parts) + "]";
}

double as_double(const Element& e) {
  switch (e.kind) {
    case Element::Kind::Bool:
      return e.b ? 1 : 0;
    case Element::Kind::Int:
      return static_cast<double>(e.i);
    case Element::Kind::Float:
      break;
  }
  return e.d;
}

bool floats_match(double got, double want, const Tolerance& tol) {
  if (std::isnan(want) || std::isnan(got)) return std::isnan(want) && std::isnan(got);
  if (tol.exact || std::isinf(want) || std::isinf(got)) {
    return got == want && std::signbit(got) == std::signbit(want);
  }
  return std::fabs(got - want) <= tol.atol + tol.rtol * std::fabs(want);
}

void compare_elements(const std::vector<Element>& got, const json& want, const Tolerance& tol,
                      Mismatch& out, const std::string& label) {
  if (!want.is_array()) throw BadVector("\"values\" is not a list");
  if (got.size() != want.size()) {
    out.add(label + "values=" + describe_json_values(want), label + "values=" +
            describe_elements(got));
    return;
  }
  size_t first = got.size(), count = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    if (!element_matches(got[i], want[i], tol)) {
      if (count++ == 0) first = i;
    }
  }
  if (count == 0) return;
  if (got.size() <= kMaxListed) {
    out.add(label + "values=" + describe_json_values(want),
            label + "values=" + describe_elements(got));
  } else {
    const std::string at = label + "values[" + std::to_string(first) + "]=";
    const json& w = want[first];
    out.add(at + (w.is_string() ? w.get<std::string>() : w.dump()),
            at + format_element(got[first]) + " (" + std::to_string(count) + " of " +
                std::to_string(got.size()) + " values differ)");
  }
}

}  // namespace

Tolerance Tolerance::from_vector(const json& vector) {
  Tolerance tol;
  if (vector.contains("tolerance")) {
    const json& t = vector.at("tolerance");
    tol.exact = false;
    tol.rtol = t.value("rtol", 0.0);
    tol.atol = t.value("atol", 0.0);
  }
  return tol;
}

Verdict Mismatch::verdict() const {
  if (empty()) return Verdict::pass();
  return Verdict::fail(join(expected), join(got));
}

bool element_matches(const Element& got, const json& want_json, const Tolerance& tol) {
  const Element want = json_element(want_json);
  if (got.kind == Element::Kind::Float || want.kind == Element::Kind::Float) {
    return floats_match(as_double(got), as_double(want), tol);
  }
  if (got.kind == Element::Kind::Bool && want.kind == Element::Kind::Bool) return got.b == want.b;
  // Integers (and bools written as 0/1) compare exactly as int64.
  const int64_t g = got.kind == Element::Kind::Bool ? got.b : got.i;
  const int64_t w = want.kind == Element::Kind::Bool ? want.b : want.i;
  return g == w;
}

void compare_tensor(const ctorch::Tensor& t, const json& expect, const Tolerance& tol,
                    Mismatch& out, const std::string& label) {
  if (!expect.contains("dtype") || !expect.contains("shape")) {
    throw BadVector("tensor expectation without dtype/shape");
  }
  const std::string dtype = dtype_str(t.dtype());
  if (dtype != expect.at("dtype").get<std::string>()) {
    out.add(label + "dtype=" + expect.at("dtype").get<std::string>(), label + "dtype=" + dtype);
  }
  const std::vector<int64_t> shape = t.sizes();
  if (shape != json_ints(expect.at("shape"))) {
    out.add(label + "shape=" + describe_json_values(expect.at("shape")),
            label + "shape=" + describe_ints(shape));
  }
  if (!out.empty()) return;  // values are meaningless with another dtype or shape
  if (expect.contains("values")) compare_elements(read_elements(t), expect.at("values"), tol, out, label);
  if (expect.contains("stride")) {
    const std::vector<int64_t> stride = t.strides().vec();
    if (stride != json_ints(expect.at("stride"))) {
      out.add(label + "stride=" + describe_json_values(expect.at("stride")),
              label + "stride=" + describe_ints(stride));
    }
  }
  if (expect.contains("storage_offset")) {
    const int64_t want = expect.at("storage_offset").get<int64_t>();
    if (t.storage_offset() != want) {
      out.add(label + "storage_offset=" + std::to_string(want),
              label + "storage_offset=" + std::to_string(t.storage_offset()));
    }
  }
  if (expect.contains("is_contiguous")) {
    const bool want = expect.at("is_contiguous").get<bool>();
    if (t.is_contiguous() != want) {
      out.add(label + "is_contiguous=" + (want ? "true" : "false"),
              label + "is_contiguous=" + (want ? "false" : "true"));
    }
  }
}

void compare_value(const ctorch::Scalar& s, const json& expect, const Tolerance& tol,
                   Mismatch& out) {
  const std::string want_type = expect.value("value_type", "");
  const json& want = expect.at("value");
  Element got;
  if (s.is_boolean()) {
    got = Element::of_bool(s.to<bool>());
  } else if (s.is_integral()) {
    got = Element::of_int(s.to<int64_t>());
  } else {
    got = Element::of_float(s.to<double>());
  }
  const std::string got_type = s.type_name();
  if (got_type != want_type || !element_matches(got, want, tol)) {
    out.add((want.is_string() ? want.get<std::string>() : want.dump()) + " (" + want_type + ")",
            format_element(got) + " (" + got_type + ")");
  }
}

std::string describe_ints(const std::vector<int64_t>& v) {
  std::vector<std::string> parts;
  for (int64_t x : v) parts.push_back(std::to_string(x));
  return "[" + join(parts) + "]";
}

std::string describe_elements(const std::vector<Element>& v) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < v.size() && i < kMaxListed; ++i) parts.push_back(format_element(v[i]));
  if (v.size() > kMaxListed) parts.push_back("... (" + std::to_string(v.size()) + " values)");
  return "[" + join(parts) + "]";
}

std::string describe_tensor(const ctorch::Tensor& t) {
  return "tensor dtype=" + dtype_str(t.dtype()) + " shape=" + describe_ints(t.sizes()) +
         " values=" + describe_elements(read_elements(t)) + " stride=" +
         describe_ints(t.strides().vec()) + " storage_offset=" +
         std::to_string(t.storage_offset());
}

}  // namespace conform
