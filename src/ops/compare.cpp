// Whole-tensor comparison: equal, isclose, allclose (semantics.md R16), as PyTorch's
// aten/src/ATen/native/TensorCompare.cpp defines them, written with the elementwise ops.
#include "ctorch/elementwise.h"
#include "kernels/device_switch.h"

namespace ctorch {

namespace {
// True when every element of the bool tensor `t` is true.
bool all_true(const Tensor& t) { return !kernels::any_zero(t); }
}  // namespace

bool equal(const Tensor& a, const Tensor& b) {
  if (a.sizes() != b.sizes()) return false;
  return all_true(eq(a, b));
}

Tensor isclose(const Tensor& a, const Tensor& b, double rtol, double atol, bool equal_nan) {
  CTORCH_CHECK(a.dtype() == b.dtype(), Runtime, legacy_name(a.dtype()), " did not match ",
               legacy_name(b.dtype()));
  CTORCH_CHECK(rtol >= 0, Runtime, "rtol must be greater than or equal to zero, but got ", rtol);
  CTORCH_CHECK(atol >= 0, Runtime, "atol must be greater than or equal to zero, but got ", atol);
  Tensor close = eq(a, b);
  if (equal_nan && a.is_floating_point()) close = logical_or(close, logical_and(isnan(a), isnan(b)));
  if (rtol == 0 && atol == 0) return close;
  // bool has no subtraction: measure its error in the default float dtype.
  const Tensor x = a.dtype() == kBool ? a.to(get_default_dtype()) : a;
  const Tensor y = b.dtype() == kBool ? b.to(get_default_dtype()) : b;
  const Tensor allowed = add(abs(mul(y, rtol)), atol);
  const Tensor actual = abs(sub(x, y));
  return logical_or(close, logical_and(isfinite(actual), le(actual, allowed)));
}

bool allclose(const Tensor& a, const Tensor& b, double rtol, double atol, bool equal_nan) {
  return all_true(isclose(a, b, rtol, atol, equal_nan));
}

}  // namespace ctorch
