// Creation functions (semantics.md R1.2, R2). Reproduces the behaviour of PyTorch's
// aten/src/ATen/native/TensorFactories.cpp and RangeFactories.cpp.
#include "ctorch/factory.h"

#include <cmath>

#include "core/make.h"
#include "ctorch/dispatch.h"
#include "kernels/device_switch.h"

namespace ctorch {

namespace {

Tensor make_with_options(IntArrayRef size, ScalarType dtype, const TensorOptions& options) {
  Tensor t = make_contiguous(size, dtype, options.device_or_cpu());
  apply_requires_grad_option(t, options);
  return t;
}

// full(): int64 for ints, bool for bools, the default float dtype for floats (R1.2).
ScalarType infer_dtype(const Scalar& value) { return value.dtype(); }

void check_fill_value(const Scalar& value, ScalarType dtype) {
  CTORCH_CHECK(scalar_fits(value, dtype, /*check_floats=*/true), Runtime,
               "value cannot be converted to type ", cpp_type_name(dtype), " without overflow");
}

// Note [Host fallback] for factories that write their values from the host: on another device
// they are made on the CPU and moved, then take the requires_grad option.
bool on_device(const TensorOptions& options) { return options.device() && !options.device()->is_cpu(); }
TensorOptions host_options(const TensorOptions& options) {
  return options.device(Device(kCPU)).requires_grad(false);
}
Tensor moved(const Tensor& host, const TensorOptions& options) {
  Tensor t = host.to(*options.device());
  apply_requires_grad_option(t, options);
  return t;
}

TensorOptions like_options(const Tensor& like, const TensorOptions& options) {
  return options.dtype(options.dtype() ? options.dtype() : like.dtype())
      .device(options.device() ? options.device() : like.device());
}

}  // namespace

Tensor empty(IntArrayRef size, const TensorOptions& options) {
  return make_with_options(size, options.dtype_or_default(), options);
}

Tensor zeros(IntArrayRef size, const TensorOptions& options) {
  return full(size, 0, options.dtype(options.dtype_or_default()));
}

Tensor ones(IntArrayRef size, const TensorOptions& options) {
  return full(size, 1, options.dtype(options.dtype_or_default()));
}

Tensor full(IntArrayRef size, const Scalar& value, const TensorOptions& options) {
  const ScalarType dtype = options.dtype() ? *options.dtype() : infer_dtype(value);
  check_fill_value(value, dtype);
  Tensor t = make_with_options(size, dtype, options);
  kernels::fill(t, value);
  return t;
}

Tensor arange(const Scalar& end, const TensorOptions& options) { return arange(0, end, 1, options); }

Tensor arange(const Scalar& start, const Scalar& end, const TensorOptions& options) {
  return arange(start, end, 1, options);
}

Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
              const TensorOptions& options) {
  if (on_device(options)) return moved(arange(start, end, step, host_options(options)), options);
  const bool any_float =
      start.is_floating_point() || end.is_floating_point() || step.is_floating_point();
  const ScalarType dtype =
      options.dtype() ? *options.dtype() : (any_float ? get_default_dtype() : kInt64);
  CTORCH_CHECK(dtype != kBool, NotImplemented, "\"arange_cpu\" not implemented for 'Bool'");
  return dispatch(dtype, [&]<typename T>() -> Tensor {
    // PyTorch computes in the CPU accumulation type: int64 for integers, float for the 16-bit
    // floats, double for float and double.
    using Acc = std::conditional_t<std::is_integral_v<T>, int64_t,
                                   std::conditional_t<is_reduced_float_v<T>, float, double>>;
    const Acc xstart = start.to<Acc>(), xstep = step.to<Acc>();
    // PyTorch 2.x (native/RangeUtils.h) checks the numbers as given, in double, and sizes the
    // result from them: arange(0, 10, 0.3, dtype=int64) has 34 elements, all 0 (the step cast).
    const double dstart = start.to<double>(), dend = end.to<double>(), dstep = step.to<double>();
    CTORCH_CHECK(std::isfinite(dstep), Runtime, "step must be finite but got ", dstep);
    CTORCH_CHECK(dstep > 0 || dstep < 0, Runtime, "step must be nonzero");
    CTORCH_CHECK(std::isfinite(dstart) && std::isfinite(dend), Runtime, "unsupported range: ", dstart,
                 " -> ", dend);
    CTORCH_CHECK((dstep > 0 && dend >= dstart) || (dstep < 0 && dend <= dstart), Runtime,
                 "upper bound and lower bound inconsistent with step sign");
    double size_d;
    const bool integers = start.is_integral() && end.is_integral() && step.is_integral();
    if (std::is_same_v<T, int64_t> && integers) {  // exact in integers (double would round)
      const int64_t xend = end.to<int64_t>(), istep = step.to<int64_t>(), istart = start.to<int64_t>();
      const int64_t sign = (istep > 0) - (istep < 0);
      size_d = static_cast<double>((static_cast<__int128>(xend) - istart + istep - sign) / istep);
    } else {
      size_d = std::ceil((dend - dstart) / dstep);
    }
    CTORCH_CHECK(size_d >= 0 && size_d <= 9.2e18, Runtime, "invalid size, possible overflow?");
    const int64_t n = static_cast<int64_t>(size_d);
    Tensor t = make_with_options({n}, dtype, options);
    T* out = static_cast<T*>(t.data_ptr());
    for (int64_t i = 0; i < n; ++i) out[i] = convert<T>(static_cast<Acc>(xstart + xstep * static_cast<Acc>(i)));
    return t;
  });
}

Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps, const TensorOptions& options) {
  if (on_device(options)) return moved(linspace(start, end, steps, host_options(options)), options);
  CTORCH_CHECK(steps >= 0, Runtime, "number of steps must be non-negative");
  const ScalarType dtype = options.dtype_or_default();
  Tensor t = make_with_options({steps}, dtype, options);
  if (steps == 0) return t;
  dispatch(dtype, [&]<typename T>() {
    // Integers step in double; floats in their own type. The second half counts back from
    // `end` so that both ends are exact (PyTorch's LinspaceKernel).
    using Step = std::conditional_t<std::is_integral_v<T>, double,
                                    std::conditional_t<is_reduced_float_v<T>, float, T>>;
    T* out = static_cast<T*>(t.data_ptr());
    const Step a = start.to<Step>(), b = end.to<Step>();
    if (steps == 1) {
      out[0] = convert<T>(a);
      return;
    }
    const Step step = (b - a) / static_cast<Step>(steps - 1);
    const int64_t halfway = steps / 2;
    for (int64_t i = 0; i < steps; ++i) {
      const Step v = i < halfway ? a + step * static_cast<Step>(i)
                                 : b - step * static_cast<Step>(steps - i - 1);
      out[i] = convert<T>(v);
    }
  });
  return t;
}

Tensor eye(int64_t n, const TensorOptions& options) { return eye(n, n, options); }

Tensor eye(int64_t n, int64_t m, const TensorOptions& options) {
  CTORCH_CHECK(n >= 0, Runtime, "n must be greater or equal to 0, got ", n);
  CTORCH_CHECK(m >= 0, Runtime, "m must be greater or equal to 0, got ", m);
  Tensor t = zeros({n, m}, options);
  t.diagonal().fill_(1);
  return t;
}

Tensor empty_like(const Tensor& like, const TensorOptions& options) {
  return empty(like.sizes(), like_options(like, options));
}
Tensor zeros_like(const Tensor& like, const TensorOptions& options) {
  return zeros(like.sizes(), like_options(like, options));
}
Tensor ones_like(const Tensor& like, const TensorOptions& options) {
  return ones(like.sizes(), like_options(like, options));
}
Tensor full_like(const Tensor& like, const Scalar& value, const TensorOptions& options) {
  return full(like.sizes(), value, like_options(like, options));
}

Tensor from_blob(void* data, IntArrayRef sizes, const TensorOptions& options) {
  return from_blob(data, sizes, contiguous_strides(sizes), nullptr, options);
}
Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides, const TensorOptions& options) {
  return from_blob(data, sizes, strides, nullptr, options);
}
Tensor from_blob(void* data, IntArrayRef sizes, Storage::Deleter deleter,
                 const TensorOptions& options) {
  return from_blob(data, sizes, contiguous_strides(sizes), std::move(deleter), options);
}
Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides, Storage::Deleter deleter,
                 const TensorOptions& options) {
  CTORCH_CHECK(sizes.size() == strides.size(), Runtime, "from_blob: got ", sizes.size(),
               " sizes but ", strides.size(), " strides");
  const ScalarType dtype = options.dtype_or_default();
  // The storage spans from element 0 to the farthest element the strides reach.
  int64_t extent = 1;
  for (size_t i = 0; i < sizes.size(); ++i) {
    CTORCH_CHECK(sizes[i] >= 0, Runtime, "Trying to create tensor with negative dimension ",
                 sizes[i], ": ", sizes);
    CTORCH_CHECK(strides[i] >= 0, Runtime, "from_blob: negative strides are not supported, got ",
                 strides);
    if (sizes[i] == 0) extent = 0;
    if (extent) extent += (sizes[i] - 1) * strides[i];
  }
  Storage storage = Storage::wrap(data, static_cast<size_t>(extent) * element_size(dtype),
                                  options.device_or_cpu(), std::move(deleter));
  Tensor t(TensorImpl::make(std::move(storage), 0, Size(sizes), DimVector(strides.begin(), strides.end()), dtype));
  apply_requires_grad_option(t, options);
  return t;
}

}  // namespace ctorch
