// Uniform numbers from the Philox4x32-10 stream of docs/random.md, computed on the GPU: element i
// of a float32 output takes word offset + i, of a float64 output words offset + 2i (high) and
// offset + 2i + 1; the fractions are exact integer conversions and the result one IEEE fused
// multiply-add, so the bits are those the CPU draws for the same seed.
#include "ctorch/cuda.h"
#include "kernels/cuda/kernels.h"
#include "kernels/cuda/loops.cuh"

namespace ctorch::kernels::cuda {

namespace {

// Word w of the stream for `seed` (random/philox.cpp is the host's twin).
__device__ __forceinline__ uint32_t philox_word(uint64_t seed, uint64_t w) {
  const uint64_t b = w >> 2;
  uint32_t c0 = static_cast<uint32_t>(b), c1 = static_cast<uint32_t>(b >> 32), c2 = 0, c3 = 0;
  uint32_t k0 = static_cast<uint32_t>(seed), k1 = static_cast<uint32_t>(seed >> 32);
#pragma unroll
  for (int r = 0; r < 10; ++r) {
    if (r > 0) {
      k0 += 0x9E3779B9u;
      k1 += 0xBB67AE85u;
    }
    const uint32_t hi0 = __umulhi(0xD2511F53u, c0), lo0 = 0xD2511F53u * c0;
    const uint32_t hi1 = __umulhi(0xCD9E8D57u, c2), lo1 = 0xCD9E8D57u * c2;
    const uint32_t n0 = hi1 ^ c1 ^ k0, n1 = lo1, n2 = hi0 ^ c3 ^ k1, n3 = lo0;
    c0 = n0;
    c1 = n1;
    c2 = n2;
    c3 = n3;
  }
  switch (w & 3) {
    case 0: return c0;
    case 1: return c1;
    case 2: return c2;
    default: return c3;
  }
}

__global__ void uniform_float_kernel(float* out, int64_t n, uint64_t seed, uint64_t offset, float from, float span) {
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<int64_t>(blockDim.x) * gridDim.x) {
    const uint32_t w = philox_word(seed, offset + static_cast<uint64_t>(i));
    const float x = static_cast<float>(w & 0xFFFFFFu) * 0x1p-24f;
    out[i] = __fmaf_rn(x, span, from);
  }
}

__global__ void uniform_double_kernel(double* out, int64_t n, uint64_t seed, uint64_t offset, double from, double span) {
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<int64_t>(blockDim.x) * gridDim.x) {
    const uint64_t w = offset + 2 * static_cast<uint64_t>(i);
    const uint64_t r = (uint64_t{philox_word(seed, w)} << 32) | philox_word(seed, w + 1);
    const double x = static_cast<double>(r & ((uint64_t{1} << 53) - 1)) * 0x1p-53;
    out[i] = __fma_rn(x, span, from);
  }
}

}  // namespace

void uniform_philox(const Tensor& out, uint64_t seed, uint64_t offset, double from, double span) {
  ctorch::cuda::DeviceGuard guard(out.device());
  const int64_t n = out.numel();
  if (n == 0) return;
  const auto blocks = static_cast<unsigned>(std::min<int64_t>((n + 255) / 256, int64_t{1} << 16));
  if (out.dtype() == kFloat32) {
    uniform_float_kernel<<<blocks, 256>>>(static_cast<float*>(out.data_ptr()), n, seed, offset,
                                          static_cast<float>(from), static_cast<float>(span));
  } else {
    CTORCH_INTERNAL_ASSERT(out.dtype() == kFloat64);
    uniform_double_kernel<<<blocks, 256>>>(static_cast<double*>(out.data_ptr()), n, seed, offset, from, span);
  }
  CTORCH_CUDA_CHECK_LAUNCH();
}

}  // namespace ctorch::kernels::cuda
