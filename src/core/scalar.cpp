#include "ctorch/scalar.h"

#include <charconv>
#include <cmath>
#include <ostream>

namespace ctorch {

ScalarType Scalar::dtype() const {
  switch (kind_) {
    case Kind::Bool:
      return kBool;
    case Kind::Int:
      return kInt64;
    case Kind::Float:
      return get_default_dtype();
  }
  return kInt64;
}

const char* Scalar::type_name() const {
  switch (kind_) {
    case Kind::Bool:
      return "bool";
    case Kind::Int:
      return "int";
    case Kind::Float:
      return "float";
  }
  return "int";
}

namespace {
// Python's float repr: the shortest digits that round-trip, in positional notation when the
// decimal exponent is in [-5, 16), else scientific ("1e+16", "1.5e-07").
std::string python_float_repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, end);  // e.g. "-1.2345e+02"
  const auto e_pos = sci.find('e');
  const int exponent = std::stoi(sci.substr(e_pos + 1));
  std::string mantissa = sci.substr(0, e_pos);
  const bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa)
    if (c != '.') digits += c;
  std::string out;
  if (exponent >= -5 && exponent < 16) {
    if (exponent < 0) {
      out = "0." + std::string(-exponent - 1, '0') + digits;
    } else if (static_cast<int>(digits.size()) <= exponent + 1) {
      out = digits + std::string(exponent + 1 - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp_buf[16];
    std::snprintf(exp_buf, sizeof exp_buf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += exp_buf;
  }
  return negative ? "-" + out : out;
}
}  // namespace

std::string Scalar::repr() const {
  switch (kind_) {
    case Kind::Bool:
      return i_ ? "True" : "False";
    case Kind::Int:
      return std::to_string(i_);
    case Kind::Float:
      return python_float_repr(d_);
  }
  return {};
}

bool Scalar::operator==(const Scalar& other) const {
  if (kind_ != other.kind_) return false;
  return kind_ == Kind::Float ? d_ == other.d_ : i_ == other.i_;
}

std::ostream& operator<<(std::ostream& out, const Scalar& s) { return out << s.repr(); }

}  // namespace ctorch
