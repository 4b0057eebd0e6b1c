// tools/conform/json_tensor.cpp: JSON -> ctorch values, and tensor elements -> runner values.
#include "json_tensor.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string_view>
#include <type_traits>

namespace conform {

using ctorch::ScalarType;

namespace {

struct DtypeName {
  std::string_view name;
  ScalarType dtype;
};

// The runner's own spelling of the ten dtypes, so that parsing a vector does not depend on the
// library's name functions (which printing vectors test).
constexpr DtypeName kDtypeNames[] = {
    {"bool", ScalarType::Bool},       {"uint8", ScalarType::UInt8},
    {"int8", ScalarType::Int8},       {"int16", ScalarType::Int16},
    {"int32", ScalarType::Int32},     {"int64", ScalarType::Int64},
    {"float16", ScalarType::Float16}, {"bfloat16", ScalarType::BFloat16},
    {"float32", ScalarType::Float32}, {"float64", ScalarType::Float64},
};

// Calls fn(offset) for each element of a tensor of `sizes`/`strides`, in row-major order;
// offsets count elements from data_ptr().
template <typename Fn>
void for_each_offset(const ctorch::Tensor& t, Fn&& fn) {
  const int64_t numel = t.numel();
  if (numel == 0) return;
  const std::vector<int64_t> sizes = t.sizes();
  const std::vector<int64_t> strides = t.strides().vec();
  std::vector<int64_t> index(sizes.size(), 0);
  int64_t offset = 0;
  for (int64_t n = 0; n < numel; ++n) {
    fn(offset);
    for (size_t d = sizes.size(); d-- > 0;) {  // odometer step, last dim fastest
      offset += strides[d];
      if (++index[d] < sizes[d]) break;
      offset -= strides[d] * index[d];
      index[d] = 0;
    }
  }
}

template <typename T>
T element_as(const Element& e) {
  switch (e.kind) {
    case Element::Kind::Bool:
      return ctorch::convert<T>(e.b);
    case Element::Kind::Int:
      return ctorch::convert<T>(e.i);
    case Element::Kind::Float:
      return ctorch::convert<T>(e.d);
  }
  return T{};
}

template <typename T>
Element element_of(T x) {
  if constexpr (std::is_same_v<T, bool>) {
    return Element::of_bool(x);
  } else if constexpr (std::is_integral_v<T>) {
    return Element::of_int(static_cast<int64_t>(x));
  } else if constexpr (ctorch::is_reduced_float_v<T>) {
    return Element::of_float(static_cast<double>(static_cast<float>(x)));  // exact widening
  } else {
    return Element::of_float(static_cast<double>(x));
  }
}

std::vector<int64_t> json_shape(const json& spec) {
  if (!spec.contains("shape")) throw BadVector("tensor without \"shape\"");
  return json_ints(spec.at("shape"));
}

}  // namespace

ScalarType parse_dtype(const json& name) {
  if (!name.is_string()) throw BadVector("dtype is not a string: " + name.dump());
  const std::string s = name.get<std::string>();
  for (const auto& entry : kDtypeNames) {
    if (entry.name == s) return entry.dtype;
  }
  if (s.rfind("complex", 0) == 0) throw Unsupported("complex dtype " + s);
  throw BadVector("unknown dtype " + s);
}

std::string dtype_str(ScalarType dtype) {
  for (const auto& entry : kDtypeNames) {
    if (entry.dtype == dtype) return std::string(entry.name);
  }
  return "<dtype " + std::to_string(static_cast<int>(dtype)) + ">";
}

Element json_element(const json& value) {
  if (value.is_boolean()) return Element::of_bool(value.get<bool>());
  if (value.is_number_integer() && !value.is_number_unsigned()) {
    return Element::of_int(value.get<int64_t>());
  }
  if (value.is_number_unsigned()) {
    const uint64_t u = value.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      throw Unsupported("integer " + value.dump() + " is outside int64 (no C++ Scalar holds it)");
    }
    return Element::of_int(static_cast<int64_t>(u));
  }
  if (value.is_number_float()) return Element::of_float(value.get<double>());
  if (value.is_string()) {
    const std::string s = value.get<std::string>();
    constexpr double kInf = std::numeric_limits<double>::infinity();
    if (s == "nan") return Element::of_float(std::numeric_limits<double>::quiet_NaN());
    if (s == "inf") return Element::of_float(kInf);
    if (s == "-inf") return Element::of_float(-kInf);
    if (s == "-0.0") return Element::of_float(-0.0);
  }
  if (value.is_array()) throw Unsupported("complex value " + value.dump());
  throw BadVector("not an element value: " + value.dump());
}

std::string format_element(const Element& e) {
  switch (e.kind) {
    case Element::Kind::Bool:
      return e.b ? "True" : "False";
    case Element::Kind::Int:
      return std::to_string(e.i);
    case Element::Kind::Float:
      break;
  }
  const double d = e.d;
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  // The shortest text that reads back as the same double, as Python's repr prints it.
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string text = buf;
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

ctorch::Scalar json_scalar(const json& spec) {
  const std::string kind = spec.value("scalar_kind", "");
  const json& value = spec.at("scalar");
  if (kind == "complex") throw Unsupported("complex scalar");
  const Element e = json_element(value);
  if (kind == "bool") return ctorch::Scalar(element_as<bool>(e));
  if (kind == "int") {
    if (e.kind == Element::Kind::Float) throw BadVector("int scalar written as a float");
    return ctorch::Scalar(element_as<int64_t>(e));
  }
  if (kind == "float") return ctorch::Scalar(element_as<double>(e));
  throw BadVector("unknown scalar_kind \"" + kind + "\"");
}

ctorch::NestedList json_nested_list(const json& data) {
  if (data.is_array()) {
    std::vector<ctorch::NestedList> items;
    items.reserve(data.size());
    for (const json& item : data) items.push_back(json_nested_list(item));
    return ctorch::NestedList(std::move(items));
  }
  const Element e = json_element(data);
  switch (e.kind) {
    case Element::Kind::Bool:
      return ctorch::NestedList(ctorch::Scalar(e.b));
    case Element::Kind::Int:
      return ctorch::NestedList(ctorch::Scalar(e.i));
    case Element::Kind::Float:
      break;
  }
  return ctorch::NestedList(ctorch::Scalar(e.d));
}

std::vector<int64_t> json_ints(const json& array) {
  if (!array.is_array()) throw BadVector("expected a list of integers, got " + array.dump());
  std::vector<int64_t> out;
  out.reserve(array.size());
  for (const json& v : array) {
    if (!v.is_number_integer()) throw BadVector("expected an integer, got " + v.dump());
    out.push_back(v.get<int64_t>());
  }
  return out;
}

ctorch::Tensor make_tensor(ScalarType dtype, const std::vector<int64_t>& shape,
                           const std::vector<Element>& values) {
  ctorch::Tensor t = ctorch::empty(shape, dtype);
  if (static_cast<size_t>(t.numel()) != values.size()) {
    throw BadVector("shape holds " + std::to_string(t.numel()) + " elements but " +
                    std::to_string(values.size()) + " values are given");
  }
  ctorch::dispatch(dtype, [&]<typename T>() {
    T* data = static_cast<T*>(t.data_ptr());
    size_t n = 0;
    for_each_offset(t, [&](int64_t offset) { data[offset] = element_as<T>(values[n++]); });
  });
  return t;
}

ctorch::Tensor json_tensor(const json& spec) {
  const ScalarType dtype = parse_dtype(spec.at("dtype"));
  const json& values = spec.at("values");
  if (!values.is_array()) throw BadVector("\"values\" is not a list");
  std::vector<Element> elements;
  elements.reserve(values.size());
  for (const json& v : values) elements.push_back(json_element(v));
  return make_tensor(dtype, json_shape(spec), elements);
}

ctorch::Tensor make_filled_tensor(ScalarType dtype, const std::vector<int64_t>& shape,
                                  const Element& fill,
                                  const std::vector<std::pair<int64_t, Element>>& overrides) {
  ctorch::Tensor t = ctorch::empty(shape, dtype);
  ctorch::dispatch(dtype, [&]<typename T>() {
    T* data = static_cast<T*>(t.data_ptr());
    const T fill_value = element_as<T>(fill);
    std::vector<int64_t> offsets;  // flat index -> offset, needed for the overrides
    offsets.reserve(static_cast<size_t>(t.numel()));
    for_each_offset(t, [&](int64_t offset) {
      data[offset] = fill_value;
      offsets.push_back(offset);
    });
    for (const auto& [index, value] : overrides) {
      if (index < 0 || index >= t.numel()) throw BadVector("\"set\" index out of range");
      data[offsets[static_cast<size_t>(index)]] = element_as<T>(value);
    }
  });
  return t;
}

std::vector<Element> read_elements(const ctorch::Tensor& t) {
  std::vector<Element> out;
  out.reserve(static_cast<size_t>(t.numel()));
  ctorch::dispatch(t.dtype(), [&]<typename T>() {
    const T* data = static_cast<const T*>(t.data_ptr());
    for_each_offset(t, [&](int64_t offset) { out.push_back(element_of(data[offset])); });
  });
  return out;
}

}  // namespace conform
