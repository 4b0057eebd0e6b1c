// CTORCH_CUDA_CHECK(call): a failed CUDA runtime call becomes a ctorch::Error with CUDA's own
// message ("CUDA error: out of memory"), as PyTorch's C10_CUDA_CHECK; never an abort.
//
//   CTORCH_CUDA_CHECK(cudaMemcpy(dst, src, n, cudaMemcpyDefault));
#pragma once

#include <cuda_runtime_api.h>

#include "ctorch/error.h"

namespace ctorch::cuda::detail {

[[noreturn]] void throw_cuda_error(cudaError_t status, const char* call);

}  // namespace ctorch::cuda::detail

#define CTORCH_CUDA_CHECK(call)                                          \
  do {                                                                   \
    const cudaError_t ctorch_cuda_status_ = (call);                      \
    if (ctorch_cuda_status_ != cudaSuccess) {                            \
      ::ctorch::cuda::detail::throw_cuda_error(ctorch_cuda_status_, #call); \
    }                                                                    \
  } while (false)

// After a kernel launch: a bad configuration is reported at once, not at the next host read.
#define CTORCH_CUDA_CHECK_LAUNCH() CTORCH_CUDA_CHECK(cudaGetLastError())
