// The elementwise ops of the op table (semantics.md R5-R7, R9): binary ops (a scalar first input
// is the reflected Python operator), unary ops, clamp, where, their in-place forms (name_, the
// result is self) and out= (args.out_dtype).
#include "ops_table.h"

namespace conform {

namespace {

using ctorch::Operand;
using ctorch::Tensor;

Operand operand(const OpCall& c, size_t i) {
  if (const auto* t = std::get_if<Tensor>(&c.input(i))) return Operand(*t);
  return Operand(c.scalar(i));
}

ctorch::Size operand_shape(const OpCall& c, size_t i) {
  if (const auto* t = std::get_if<Tensor>(&c.input(i))) return t->sizes();
  return {};
}

using Binary = Tensor (*)(const Operand&, const Operand&);
using BinaryOut = Tensor& (*)(Tensor&, const Operand&, const Operand&);

// Functional, out= (an empty-shaped out of args.out_dtype) or in place on input 0.
OpFn binary(Binary f, BinaryOut f_out, bool in_place) {
  return [=](const OpCall& c) -> Outcome {
    const Operand a = operand(c, 0), b = operand(c, 1);
    if (in_place) {
      Tensor self = c.tensor(0);
      return f_out(self, self, b);
    }
    if (auto dtype = c.dtype_arg("out_dtype")) {
      Tensor out = ctorch::empty(ctorch::broadcast_shapes({operand_shape(c, 0), operand_shape(c, 1)}), *dtype);
      return f_out(out, a, b);
    }
    return f(a, b);
  };
}

std::optional<std::string_view> rounding_mode(const OpCall& c) {
  if (!c.has("rounding_mode")) return std::nullopt;
  return c.arg("rounding_mode").get_ref<const std::string&>();
}

ctorch::Scalar alpha(const OpCall& c) {
  if (!c.has("alpha")) return 1;
  const json& a = c.arg("alpha");
  if (a.is_boolean()) return a.get<bool>();
  if (a.is_number_integer()) return a.get<int64_t>();
  return a.get<double>();
}

OpFn alpha_op(bool subtract, bool in_place) {
  return [=](const OpCall& c) -> Outcome {
    const Operand a = operand(c, 0), b = operand(c, 1);
    const auto al = alpha(c);
    auto fn_out = subtract ? &ctorch::sub_out : &ctorch::add_out;
    if (in_place) {
      Tensor self = c.tensor(0);
      return fn_out(self, self, b, al);
    }
    if (auto dtype = c.dtype_arg("out_dtype")) {
      Tensor out = ctorch::empty(ctorch::broadcast_shapes({operand_shape(c, 0), operand_shape(c, 1)}), *dtype);
      return fn_out(out, a, b, al);
    }
    return subtract ? ctorch::sub(a, b, al) : ctorch::add(a, b, al);
  };
}

OpFn div_op(bool in_place) {
  return [=](const OpCall& c) -> Outcome {
    const Operand a = operand(c, 0), b = operand(c, 1);
    if (in_place) {
      Tensor self = c.tensor(0);
      return ctorch::div_out(self, self, b, rounding_mode(c));
    }
    if (auto dtype = c.dtype_arg("out_dtype")) {
      Tensor out = ctorch::empty(ctorch::broadcast_shapes({operand_shape(c, 0), operand_shape(c, 1)}), *dtype);
      return ctorch::div_out(out, a, b, rounding_mode(c));
    }
    // A number first is Python's reflected operator: `7 / t`.
    if (!a.tensor() && !c.has("rounding_mode")) return a.scalar() / c.tensor(1);
    return ctorch::div(a, b, rounding_mode(c));
  };
}

std::optional<ctorch::Scalar> bound(const OpCall& c, const char* name) {
  if (!c.has(name)) return std::nullopt;
  const json& v = c.arg(name);
  if (v.is_number_integer()) return ctorch::Scalar(v.get<int64_t>());
  return ctorch::Scalar(v.get<double>());
}

double tolerance(const OpCall& c, const char* name, double fallback) {
  return c.has(name) ? c.arg(name).get<double>() : fallback;
}

}  // namespace

void add_elementwise_ops(std::map<std::string, OpFn, std::less<>>& table) {
  table["add"] = alpha_op(false, false);
  table["add_"] = alpha_op(false, true);
  table["sub"] = alpha_op(true, false);
  table["sub_"] = alpha_op(true, true);
  table["div"] = div_op(false);
  table["div_"] = div_op(true);
#define CTORCH_BINARY_ENTRY(name)                                                   \
  table[#name] = binary(&ctorch::name, &ctorch::name##_out, false);                \
  table[#name "_"] = binary(&ctorch::name, &ctorch::name##_out, true);
  CTORCH_FORALL_BINARY_OPS(CTORCH_BINARY_ENTRY)
#undef CTORCH_BINARY_ENTRY
#define CTORCH_UNARY_ENTRY(name)                                                                   \
  table[#name] = [](const OpCall& c) -> Outcome { return ctorch::name(c.tensor(0)); };            \
  table[#name "_"] = [](const OpCall& c) -> Outcome {                                              \
    Tensor self = c.tensor(0);                                                                     \
    return self.name##_();                                                                         \
  };
  CTORCH_FORALL_UNARY_OPS(CTORCH_UNARY_ENTRY)
#undef CTORCH_UNARY_ENTRY
#define CTORCH_TEST_ENTRY(name) \
  table[#name] = [](const OpCall& c) -> Outcome { return ctorch::name(c.tensor(0)); };
  CTORCH_FORALL_UNARY_TESTS(CTORCH_TEST_ENTRY)
#undef CTORCH_TEST_ENTRY
  table["clamp"] = [](const OpCall& c) -> Outcome {
    return ctorch::clamp(c.tensor(0), bound(c, "min"), bound(c, "max"));
  };
  table["equal"] = [](const OpCall& c) -> Outcome {
    return ctorch::Scalar(ctorch::equal(c.tensor(0), c.tensor(1)));
  };
  table["isclose"] = [](const OpCall& c) -> Outcome {
    return ctorch::isclose(c.tensor(0), c.tensor(1), tolerance(c, "rtol", 1e-05), tolerance(c, "atol", 1e-08),
                           c.has("equal_nan") && c.arg("equal_nan").get<bool>());
  };
  table["allclose"] = [](const OpCall& c) -> Outcome {
    return ctorch::Scalar(ctorch::allclose(c.tensor(0), c.tensor(1), tolerance(c, "rtol", 1e-05),
                                           tolerance(c, "atol", 1e-08),
                                           c.has("equal_nan") && c.arg("equal_nan").get<bool>()));
  };
  table["where"] = [](const OpCall& c) -> Outcome {
    return ctorch::where(c.tensor(0), operand(c, 1), operand(c, 2));
  };
}

}  // namespace conform
