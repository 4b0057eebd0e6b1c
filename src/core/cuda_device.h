// What the core (storage, copies, printing) needs from the cuda device, in plain C++: implemented
// by src/core/cuda/*.cpp in a CUDA build and by src/core/cuda_stub.cpp otherwise, so that no file
// outside src/core/cuda and src/kernels/cuda includes a CUDA header.
#pragma once

#include <cstddef>

#include "ctorch/device.h"

namespace ctorch::cuda::detail {

// The device a tensor on `device` lives on: "cuda" becomes "cuda:<current>". Raises the errors of
// a build without CUDA, a machine without a GPU, and an index out of range.
Device resolve(Device device);

// Device memory from the caching allocator (cuda/allocator.cpp); nbytes > 0.
void* allocate(size_t nbytes, int device);
void release(void* data, int device);

// Copies nbytes between host and device memory or within devices. Returns when the destination
// holds the bytes if it is host memory (a host read must see them); device writes are queued in
// order with the kernels of that device.
void copy_bytes(void* dst, Device dst_device, const void* src, Device src_device, size_t nbytes);

}  // namespace ctorch::cuda::detail
