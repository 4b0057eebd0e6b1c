#include "ops/device_copy.h"

#include "core/cuda_device.h"
#include "core/make.h"
#include "kernels/device_switch.h"

namespace ctorch {

namespace {
// `t` as a contiguous tensor of its own dtype on its own device.
Tensor contiguous_here(const Tensor& t) {
  if (t.is_contiguous()) return t;
  Tensor out = make_contiguous(t.sizes(), t.dtype(), t.device());
  kernels::copy(out, t);
  return out;
}
}  // namespace

void copy_across_devices(const Tensor& dst, const Tensor& src) {
  if (dst.numel() == 0) return;
  const Tensor from = contiguous_here(src);
  if (dst.is_contiguous() && dst.dtype() == src.dtype()) {
    cuda::detail::copy_bytes(dst.data_ptr(), dst.device(), from.data_ptr(), from.device(), dst.nbytes());
    return;
  }
  Tensor staged = make_contiguous(dst.sizes(), src.dtype(), dst.device());
  cuda::detail::copy_bytes(staged.data_ptr(), staged.device(), from.data_ptr(), from.device(), staged.nbytes());
  kernels::copy(dst, staged);
}

Device common_device(std::initializer_list<const Tensor*> tensors) {
  const Tensor* first = nullptr;  // the first tensor that fixes the device
  bool cpu_scalar_seen = false;
  for (const Tensor* t : tensors) {
    if (!t || !t->defined()) continue;
    if (t->is_cpu() && t->dim() == 0) {
      cpu_scalar_seen = true;
      continue;
    }
    if (!first) {
      first = t;
      continue;
    }
    CTORCH_CHECK(t->device() == first->device(), Runtime,
                 "Expected all tensors to be on the same device, but found at least two devices, ",
                 first->device().str(), " and ", t->device().str(), "!");
  }
  if (first) return first->device();
  (void)cpu_scalar_seen;
  return Device(kCPU);
}

Tensor moved_to(const Tensor& t, Device device) {
  if (!t.defined()) return t;
  if (t.device() == device && t.is_contiguous()) return t;
  Tensor out = make_contiguous(t.sizes(), t.dtype(), device);
  if (t.device() == out.device()) {
    kernels::copy(out, t);
  } else {
    copy_across_devices(out, t);
  }
  return out;
}

}  // namespace ctorch
