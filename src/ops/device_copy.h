// Moving elements between devices, below autograd: what .to(device), copy_ across devices and the
// host fallback of the ops without a CUDA kernel (ops/host_fallback.h) are made of.
#pragma once

#include <initializer_list>

#include "ctorch/tensor.h"

namespace ctorch {

// dst = src, element by element: same shape, any dtypes and layouts, dst and src on different
// devices. The source is made contiguous on its own device first, so one byte copy crosses; a
// dtype change or a strided destination is then done on the destination's device.
void copy_across_devices(const Tensor& dst, const Tensor& src);

// The device an op over `tensors` runs on, or PyTorch's error "Expected all tensors to be on the
// same device, but found at least two devices, cuda:0 and cpu!". Null entries and undefined
// tensors are skipped; a 0-dim CPU tensor may join a cuda op (passed by value, as in PyTorch).
Device common_device(std::initializer_list<const Tensor*> tensors);

// A contiguous copy of `t` on `device` (t itself when it is already there and contiguous);
// undefined stays undefined.
Tensor moved_to(const Tensor& t, Device device);

}  // namespace ctorch
