#include "ops/host_fallback.h"

#include "ops/device_copy.h"

namespace ctorch {

Tensor HostRoundTrip::in(const Tensor& t) {
  if (!t.defined() || t.is_cpu()) return t;
  return moved_to(t, Device(kCPU));
}

Tensor HostRoundTrip::out(const Tensor& t) {
  if (!t.defined() || t.is_cpu()) return t;
  Tensor host = moved_to(t, Device(kCPU));
  outputs_.emplace_back(t, host);
  return host;
}

void HostRoundTrip::finish() {
  for (const auto& [device_tensor, host] : outputs_) copy_across_devices(device_tensor, host);
  outputs_.clear();
}

}  // namespace ctorch
