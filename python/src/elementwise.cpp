// python/src/elementwise.cpp: elementwise math as Tensor methods (t.mul(u), t.mul_(u)), module
// functions (ctorch.mul(t, 2)) and Python operators (t * 2, 2 * t, t *= 2), with Python numbers on
// either side; selection (where, clamp, masked_fill) and whole-tensor comparison (equal, allclose).
#include "common.h"

namespace ctorch::python {

namespace {

nb::object not_implemented() { return nb::borrow(Py_NotImplemented); }

// An operator's other side: NotImplemented (so Python tries the reflected form) when it is
// neither a Tensor nor a number.
#define CTORCH_OPERATOR(pyname, expr)                                       \
  cls.def(pyname, [](const Tensor& a, nb::handle other) -> nb::object {     \
    OperatorOperand b(other);                                               \
    if (!b.ok()) return not_implemented();                                  \
    return nb::cast(expr);                                                  \
  }, nb::arg("other").none())
#define CTORCH_REFLECTED(pyname, expr)                                      \
  cls.def(pyname, [](const Tensor& b, nb::handle other) -> nb::object {     \
    OperatorOperand a(other);                                               \
    if (!a.ok()) return not_implemented();                                  \
    return nb::cast(expr);                                                  \
  }, nb::arg("other").none())
#define CTORCH_INPLACE_OPERATOR(pyname, method)                             \
  cls.def(pyname, [](Self self, nb::handle other) -> nb::object {           \
    OperatorOperand b(other);                                               \
    if (!b.ok()) return not_implemented();                                  \
    self.p->method(*b);                                                     \
    return nb::borrow(self.h);                                              \
  }, nb::arg("other").none())

nb::object clamp(const Tensor& t, nb::handle min, nb::handle max) {
  const bool tensors = nb::isinstance<Tensor>(min) || nb::isinstance<Tensor>(max);
  if (tensors) {
    auto as_tensor = [](nb::handle h) -> std::optional<Tensor> {
      if (h.is_none()) return std::nullopt;
      if (!nb::isinstance<Tensor>(h)) raise(PyExc_TypeError, "clamp(): min and max must both be Tensors or both numbers");
      return *nb::inst_ptr<Tensor>(h);
    };
    return nb::cast(ctorch::clamp(t, as_tensor(min), as_tensor(max)));
  }
  auto as_scalar = [](nb::handle h) -> std::optional<Scalar> {
    if (h.is_none()) return std::nullopt;
    auto s = try_scalar(h);
    if (!s) raise(PyExc_TypeError, std::string("clamp(): argument must be a number, not ") + Py_TYPE(h.ptr())->tp_name);
    return s;
  };
  return nb::cast(ctorch::clamp(t, as_scalar(min), as_scalar(max)));
}

// The `other` of a binary op. PyTorch's Python signatures of maximum, minimum, atan2 and the
// logical ops take a Tensor only (the C++ API takes numbers too): a number there is PyTorch's
// TypeError. `position` is the argument's, as PyTorch counts it (1 for a method, 2 for a function).
Operand binary_other(nb::handle b, const char* name, int position) {
  static constexpr std::string_view tensor_only[] = {"maximum", "minimum", "atan2", "logical_and",
                                                     "logical_or", "logical_xor"};
  std::string_view op(name);
  if (op.ends_with('_')) op.remove_suffix(1);  // the in-place form: the same signature
  for (std::string_view strict : tensor_only) {
    if (op == strict && !nb::isinstance<Tensor>(b)) {
      raise(PyExc_TypeError, std::string(name) + "(): argument 'other' (position " + std::to_string(position) +
                                 ") must be Tensor, not " + Py_TYPE(b.ptr())->tp_name);
    }
  }
  return to_operand(b, name);
}

void bind_binary(nb::module_& m, TensorClass& cls) {
#define CTORCH_BIND_BINARY(name)                                                                     \
  cls.def(#name, [](const Tensor& a, nb::handle b) { return a.name(binary_other(b, #name, 1)); }, nb::arg("other")); \
  cls.def(#name "_", [](Self self, nb::handle b) {                                                   \
    self.p->name##_(binary_other(b, #name "_", 1));                                                  \
    return nb::borrow(self.h);                                                                       \
  }, nb::arg("other"));                                                                              \
  m.def(#name, [](nb::handle a, nb::handle b) {                                                      \
    return ctorch::name(to_operand(a, #name), binary_other(b, #name, 2));                            \
  }, nb::arg("input"), nb::arg("other"));
  CTORCH_FORALL_BINARY_OPS(CTORCH_BIND_BINARY)
#undef CTORCH_BIND_BINARY

  // add/sub take alpha, div a rounding mode.
  cls.def("add", [](const Tensor& a, nb::handle b, const Scalar& alpha) { return a.add(to_operand(b, "add"), alpha); },
          nb::arg("other"), nb::kw_only(), nb::arg("alpha") = 1);
  // t.add_(u) without alpha first: nanobind tries overloads in order, and one without keyword
  // arguments or defaults to convert is the cheapest call.
  cls.def("add_", [](Self self, nb::handle b) {
    self.p->add_(to_operand(b, "add_"));
    return nb::borrow(self.h);
  }, nb::arg("other"));
  cls.def("add_", [](Self self, nb::handle b, const Scalar& alpha) {
    self.p->add_(to_operand(b, "add_"), alpha);
    return nb::borrow(self.h);
  }, nb::arg("other"), nb::kw_only(), nb::arg("alpha") = 1);
  cls.def("sub", [](const Tensor& a, nb::handle b, const Scalar& alpha) { return a.sub(to_operand(b, "sub"), alpha); },
          nb::arg("other"), nb::kw_only(), nb::arg("alpha") = 1);
  cls.def("sub_", [](Self self, nb::handle b, const Scalar& alpha) {
    self.p->sub_(to_operand(b, "sub_"), alpha);
    return nb::borrow(self.h);
  }, nb::arg("other"), nb::kw_only(), nb::arg("alpha") = 1);
  cls.def("div", [](const Tensor& a, nb::handle b, std::optional<std::string> mode) {
    return a.div(to_operand(b, "div"), mode ? std::optional<std::string_view>(*mode) : std::nullopt);
  }, nb::arg("other"), nb::kw_only(), nb::arg("rounding_mode") = nb::none());
  cls.def("div_", [](Self self, nb::handle b, std::optional<std::string> mode) {
    self.p->div_(to_operand(b, "div_"), mode ? std::optional<std::string_view>(*mode) : std::nullopt);
    return nb::borrow(self.h);
  }, nb::arg("other"), nb::kw_only(), nb::arg("rounding_mode") = nb::none());

  auto add = [](nb::handle a, nb::handle b, const Scalar& alpha) {
    return ctorch::add(to_operand(a, "add"), to_operand(b, "add"), alpha);
  };
  auto sub = [](nb::handle a, nb::handle b, const Scalar& alpha) {
    return ctorch::sub(to_operand(a, "sub"), to_operand(b, "sub"), alpha);
  };
  auto div = [](nb::handle a, nb::handle b, std::optional<std::string> mode) {
    return ctorch::div(to_operand(a, "div"), to_operand(b, "div"),
                       mode ? std::optional<std::string_view>(*mode) : std::nullopt);
  };
  m.def("add", add, nb::arg("input"), nb::arg("other"), nb::kw_only(), nb::arg("alpha") = 1);
  m.def("sub", sub, nb::arg("input"), nb::arg("other"), nb::kw_only(), nb::arg("alpha") = 1);
  m.def("subtract", sub, nb::arg("input"), nb::arg("other"), nb::kw_only(), nb::arg("alpha") = 1);
  m.def("div", div, nb::arg("input"), nb::arg("other"), nb::kw_only(), nb::arg("rounding_mode") = nb::none());
  m.def("divide", div, nb::arg("input"), nb::arg("other"), nb::kw_only(), nb::arg("rounding_mode") = nb::none());
  m.def("true_divide", [](nb::handle a, nb::handle b) {
    return ctorch::div(to_operand(a, "true_divide"), to_operand(b, "true_divide"));
  }, nb::arg("input"), nb::arg("other"));
  // PyTorch's other names for the same ops.
  for (auto [alias, name] : {std::pair{"multiply", "mul"}, {"greater", "gt"}, {"greater_equal", "ge"},
                             {"less", "lt"}, {"less_equal", "le"}, {"not_equal", "ne"}, {"arctan2", "atan2"}}) {
    m.attr(alias) = m.attr(name);
    cls.attr(alias) = cls.attr(name);
  }
}

void bind_unary(nb::module_& m, TensorClass& cls) {
#define CTORCH_BIND_UNARY(name)                                          \
  def_both(cls, m, #name, [](const Tensor& t) { return t.name(); });     \
  cls.def(#name "_", [](Self self) {                                     \
    self.p->name##_();                                                   \
    return nb::borrow(self.h);                                           \
  });
  CTORCH_FORALL_UNARY_OPS(CTORCH_BIND_UNARY)
#undef CTORCH_BIND_UNARY
#define CTORCH_BIND_TEST(name) def_both(cls, m, #name, [](const Tensor& t) { return t.name(); });
  CTORCH_FORALL_UNARY_TESTS(CTORCH_BIND_TEST)
#undef CTORCH_BIND_TEST
  for (auto [alias, name] : {std::pair{"absolute", "abs"}, {"negative", "neg"}, {"arcsin", "asin"},
                             {"arccos", "acos"}, {"arctan", "atan"}, {"fix", "trunc"}}) {
    m.attr(alias) = m.attr(name);
    cls.attr(alias) = cls.attr(name);
  }
}

void bind_operators(TensorClass& cls) {
  CTORCH_OPERATOR("__add__", ctorch::add(a, *b));
  CTORCH_REFLECTED("__radd__", ctorch::add(*a, b));
  CTORCH_OPERATOR("__sub__", ctorch::sub(a, *b));
  CTORCH_REFLECTED("__rsub__", ctorch::sub(*a, b));
  CTORCH_OPERATOR("__mul__", ctorch::mul(a, *b));
  CTORCH_REFLECTED("__rmul__", ctorch::mul(b, *a));  // as PyTorch: the tensor first (matters for float16 * number)
  CTORCH_OPERATOR("__truediv__", ctorch::div(a, *b));
  CTORCH_REFLECTED("__rtruediv__", ctorch::div(*a, b));
  CTORCH_OPERATOR("__floordiv__", ctorch::floor_divide(a, *b));
  CTORCH_REFLECTED("__rfloordiv__", ctorch::floor_divide(*a, b));
  CTORCH_OPERATOR("__mod__", ctorch::remainder(a, *b));
  CTORCH_REFLECTED("__rmod__", ctorch::remainder(*a, b));
  CTORCH_OPERATOR("__pow__", ctorch::pow(a, *b));
  CTORCH_REFLECTED("__rpow__", ctorch::pow(*a, b));
  CTORCH_OPERATOR("__and__", ctorch::bitwise_and(a, *b));
  CTORCH_REFLECTED("__rand__", ctorch::bitwise_and(*a, b));
  CTORCH_OPERATOR("__or__", ctorch::bitwise_or(a, *b));
  CTORCH_REFLECTED("__ror__", ctorch::bitwise_or(*a, b));
  CTORCH_OPERATOR("__xor__", ctorch::bitwise_xor(a, *b));
  CTORCH_REFLECTED("__rxor__", ctorch::bitwise_xor(*a, b));
  CTORCH_OPERATOR("__lshift__", ctorch::bitwise_left_shift(a, *b));
  CTORCH_REFLECTED("__rlshift__", ctorch::bitwise_left_shift(*a, b));
  CTORCH_OPERATOR("__rshift__", ctorch::bitwise_right_shift(a, *b));
  CTORCH_REFLECTED("__rrshift__", ctorch::bitwise_right_shift(*a, b));
  CTORCH_OPERATOR("__eq__", ctorch::eq(a, *b));
  CTORCH_OPERATOR("__ne__", ctorch::ne(a, *b));
  CTORCH_OPERATOR("__lt__", ctorch::lt(a, *b));
  CTORCH_OPERATOR("__le__", ctorch::le(a, *b));
  CTORCH_OPERATOR("__gt__", ctorch::gt(a, *b));
  CTORCH_OPERATOR("__ge__", ctorch::ge(a, *b));
  CTORCH_INPLACE_OPERATOR("__iadd__", add_);
  CTORCH_INPLACE_OPERATOR("__isub__", sub_);
  CTORCH_INPLACE_OPERATOR("__imul__", mul_);
  CTORCH_INPLACE_OPERATOR("__itruediv__", div_);
  CTORCH_INPLACE_OPERATOR("__ifloordiv__", floor_divide_);
  CTORCH_INPLACE_OPERATOR("__imod__", remainder_);
  CTORCH_INPLACE_OPERATOR("__ipow__", pow_);
  CTORCH_INPLACE_OPERATOR("__iand__", bitwise_and_);
  CTORCH_INPLACE_OPERATOR("__ior__", bitwise_or_);
  CTORCH_INPLACE_OPERATOR("__ixor__", bitwise_xor_);
  CTORCH_INPLACE_OPERATOR("__ilshift__", bitwise_left_shift_);
  CTORCH_INPLACE_OPERATOR("__irshift__", bitwise_right_shift_);
  cls.def("__neg__", [](const Tensor& t) { return -t; });
  cls.def("__pos__", [](nb::handle self) { return nb::borrow(self); });
  cls.def("__abs__", [](const Tensor& t) { return t.abs(); });
  cls.def("__invert__", [](const Tensor& t) {
    // python_variable_methods.cpp's THPVariable_invert: a TypeError before the op is tried.
    if (!is_integral(t.dtype(), true))
      raise(PyExc_TypeError, "~ (operator.invert) is only implemented on integer and Boolean-type tensors");
    return ~t;
  });
}

void bind_selection(nb::module_& m, TensorClass& cls) {
  m.def("where", [](const Tensor& condition, nb::handle input, nb::handle other) {
    return ctorch::where(condition, to_operand(input, "where"), to_operand(other, "where"));
  }, nb::arg("condition"), nb::arg("input"), nb::arg("other"));
  cls.def("where", [](const Tensor& self, const Tensor& condition, nb::handle other) {
    return ctorch::where(condition, self, to_operand(other, "where"));
  }, nb::arg("condition"), nb::arg("other"));
  def_both(cls, m, "clamp", &clamp, nb::arg("min") = nb::none(), nb::arg("max") = nb::none());
  def_both(cls, m, "clip", &clamp, nb::arg("min") = nb::none(), nb::arg("max") = nb::none());
  auto clamp_ = [](Self self, std::optional<Scalar> min, std::optional<Scalar> max) {
    self.p->clamp_(min, max);
    return nb::borrow(self.h);
  };
  cls.def("clamp_", clamp_, nb::arg("min") = nb::none(), nb::arg("max") = nb::none());
  cls.def("clip_", clamp_, nb::arg("min") = nb::none(), nb::arg("max") = nb::none());
  def_both(cls, m, "clamp_min", [](const Tensor& t, const Scalar& min) { return clamp_min(t, min); }, nb::arg("min"));
  def_both(cls, m, "clamp_min", [](const Tensor& t, const Tensor& min) { return clamp_min(t, min); }, nb::arg("min"));
  def_both(cls, m, "clamp_max", [](const Tensor& t, const Scalar& max) { return clamp_max(t, max); }, nb::arg("max"));
  def_both(cls, m, "clamp_max", [](const Tensor& t, const Tensor& max) { return clamp_max(t, max); }, nb::arg("max"));
  def_both(cls, m, "masked_fill", [](const Tensor& t, const Tensor& mask, const Scalar& value) {
    return t.masked_fill(mask, value);
  }, nb::arg("mask"), nb::arg("value"));
  cls.def("masked_fill_", [](Self self, const Tensor& mask, const Scalar& value) {
    self.p->masked_fill_(mask, value);
    return nb::borrow(self.h);
  }, nb::arg("mask"), nb::arg("value"));

  def_both(cls, m, "equal", [](const Tensor& a, const Tensor& b) { return equal(a, b); }, nb::arg("other"));
  def_both(cls, m, "isclose", [](const Tensor& a, const Tensor& b, double rtol, double atol, bool equal_nan) {
    return isclose(a, b, rtol, atol, equal_nan);
  }, nb::arg("other"), nb::arg("rtol") = 1e-05, nb::arg("atol") = 1e-08, nb::arg("equal_nan") = false);
  def_both(cls, m, "allclose", [](const Tensor& a, const Tensor& b, double rtol, double atol, bool equal_nan) {
    return allclose(a, b, rtol, atol, equal_nan);
  }, nb::arg("other"), nb::arg("rtol") = 1e-05, nb::arg("atol") = 1e-08, nb::arg("equal_nan") = false);
}

}  // namespace

void bind_elementwise(nb::module_& m, TensorClass& cls) {
  bind_binary(m, cls);
  bind_unary(m, cls);
  bind_operators(cls);
  bind_selection(m, cls);
}

}  // namespace ctorch::python
