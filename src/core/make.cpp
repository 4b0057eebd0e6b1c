#include "core/make.h"

#include <cmath>
#include <limits>

#include "ctorch/dispatch.h"

namespace ctorch {

namespace {
[[noreturn, gnu::cold]] void bad_sizes(IntArrayRef sizes) {
  for (int64_t s : sizes)
    CTORCH_CHECK(s >= 0, Runtime, "Trying to create tensor with negative dimension ", s, ": ", sizes);
  CTORCH_FAIL(Runtime, "Storage size calculation overflowed with sizes=", sizes);
}
}  // namespace

Tensor make_contiguous(IntArrayRef sizes, ScalarType dtype, Device device) {
  int64_t nbytes = static_cast<int64_t>(element_size(dtype));
  bool bad = false;
  for (int64_t s : sizes) bad |= (s < 0) | __builtin_mul_overflow(nbytes, s, &nbytes);
  if (bad) [[unlikely]] bad_sizes(sizes);
  if (device.is_cpu()) {  // Note [Tiny tensor cache]
    if (TensorImpl* kept = detail::TinyTensors::take(sizes, dtype, static_cast<size_t>(nbytes))) {
      return Tensor(detail::IntrusivePtr<TensorImpl>::adopt(kept));
    }
  }
  return Tensor(TensorImpl::make(Storage::allocate(static_cast<size_t>(nbytes), device), sizes, dtype));
}

Tensor make_view(const Tensor& base, Size sizes, DimVector strides, int64_t offset) {
  // No autograd state: a view op that records gives the view its history (autograd/function.h).
  return Tensor(TensorImpl::make(base.storage(), offset, std::move(sizes), std::move(strides), base.dtype()));
}

void apply_requires_grad_option(Tensor& t, const TensorOptions& options) {
  if (!options.requires_grad()) return;
  CTORCH_CHECK(t.is_floating_point(), Runtime,
               "Only Tensors of floating point and complex dtype can require gradients");
  t.impl()->requires_grad = true;
}

bool scalar_fits(const Scalar& value, ScalarType dtype, bool check_floats) {
  if (value.is_boolean()) return true;
  return dispatch(dtype, [&]<typename T>() -> bool {
    if constexpr (std::is_same_v<T, bool>) {
      return true;
    } else if constexpr (!std::is_integral_v<T>) {  // the four float dtypes
      if (!check_floats || !value.is_floating_point()) return true;
      const double v = value.to<double>();
      if (std::isinf(v) || std::isnan(v)) return true;
      double max = 0;
      if constexpr (std::is_same_v<T, Half>) {
        max = 65504.0;
      } else if constexpr (std::is_same_v<T, BFloat16>) {
        max = 3.3895313892515355e38;
      } else {
        max = static_cast<double>(std::numeric_limits<T>::max());
      }
      return std::abs(v) <= max;
    } else if (value.is_floating_point()) {  // truncation must land in range; NaN never does
      const double v = value.to<double>();
      const double lo = static_cast<double>(std::numeric_limits<T>::lowest());
      const double hi = static_cast<double>(std::numeric_limits<T>::max());
      return v >= lo && (sizeof(T) == 8 ? v < hi : v <= hi);  // 2^63 is not an int64
    } else {
      const int64_t v = value.to<int64_t>();
      const int64_t hi = static_cast<int64_t>(std::numeric_limits<T>::max());
      // Unsigned targets accept negatives down to -max, which wrap (c10's overflows()).
      const int64_t lo = std::is_unsigned_v<T> ? -hi : static_cast<int64_t>(std::numeric_limits<T>::lowest());
      return v >= lo && v <= hi;
    }
  });
}

}  // namespace ctorch
