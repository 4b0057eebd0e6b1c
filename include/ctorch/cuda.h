// ctorch/cuda.h: the cuda device, as torch.cuda. Tensors live on a GPU when created with
// Device("cuda") / Device("cuda:1") or moved there with .to() / .cuda().
//
//   if (ctorch::cuda::is_available()) {
//     ctorch::Tensor x = ctorch::rand({1024}, ctorch::TensorOptions().device("cuda"));
//     ctorch::cuda::synchronize();                      // wait for queued kernels
//     size_t used = ctorch::cuda::memory_allocated();   // bytes held by live tensors
//   }
//
// A build without CUDA (CMake -DCTORCH_CUDA=OFF, or no toolkit) has the same functions:
// is_available() is false and the ones that need a GPU raise "ctorch was built without CUDA".
// Errors of the CUDA runtime become ctorch::Error carrying CUDA's message.
#pragma once

#include <cstddef>

#include "ctorch/device.h"

namespace ctorch::cuda {

bool is_built();      // compiled with CUDA support
// bool is_available();  and  int device_count();  are declared in device.h
void synchronize();   // waits for everything queued on the current device
int current_device();
void set_device(int index);  // index out of range raises "Invalid device ordinal"-style errors

// Makes `device` current for its lifetime and restores the previous one (torch.cuda.device).
class DeviceGuard {
 public:
  explicit DeviceGuard(Device device);
  ~DeviceGuard();
  DeviceGuard(const DeviceGuard&) = delete;
  DeviceGuard& operator=(const DeviceGuard&) = delete;

 private:
  int previous_ = -1;
};

// The caching allocator: freed device blocks are kept, by size class, for reuse.
size_t memory_allocated(int device = -1);      // bytes of live tensors (-1: the current device)
size_t max_memory_allocated(int device = -1);  // peak of memory_allocated since start / reset
size_t memory_reserved(int device = -1);       // live plus cached bytes
void reset_peak_memory_stats(int device = -1);
void empty_cache();  // returns cached, unused blocks to the driver

}  // namespace ctorch::cuda
