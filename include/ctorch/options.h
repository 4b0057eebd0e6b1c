// ctorch/options.h: the optional dtype / device / requires_grad of a creation call.
//
//   ctorch::zeros({2}, ctorch::kFloat64);
//   ctorch::ones({2}, ctorch::TensorOptions().dtype(ctorch::kInt32).device("cpu"));
//   ctorch::tensor({1., 2.}, ctorch::requires_grad());
#pragma once

#include <optional>

#include "ctorch/device.h"
#include "ctorch/dtype.h"

namespace ctorch {

class TensorOptions {
 public:
  TensorOptions() = default;
  TensorOptions(ScalarType t) : dtype_(t) {}   // NOLINT: implicit, so kFloat64 is an option
  TensorOptions(Device d) : device_(d) {}      // NOLINT
  TensorOptions(DeviceType d) : device_(d) {}  // NOLINT

  TensorOptions dtype(std::optional<ScalarType> t) const { auto o = *this; o.dtype_ = t; return o; }
  TensorOptions device(std::optional<Device> d) const { auto o = *this; o.device_ = d; return o; }
  TensorOptions requires_grad(bool r) const { auto o = *this; o.requires_grad_ = r; return o; }

  const std::optional<ScalarType>& dtype() const { return dtype_; }
  const std::optional<Device>& device() const { return device_; }
  bool requires_grad() const { return requires_grad_; }

  ScalarType dtype_or_default() const { return dtype_ ? *dtype_ : get_default_dtype(); }
  Device device_or_cpu() const { return device_ ? *device_ : Device(kCPU); }

 private:
  std::optional<ScalarType> dtype_;
  std::optional<Device> device_;
  bool requires_grad_ = false;
};

inline TensorOptions dtype(ScalarType t) { return TensorOptions(t); }
inline TensorOptions device(Device d) { return TensorOptions(d); }
inline TensorOptions requires_grad(bool r = true) { return TensorOptions().requires_grad(r); }

}  // namespace ctorch
