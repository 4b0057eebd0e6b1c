// The CUDA elementwise machinery: device element types, conversions, the geometry of N strided
// operands, and one grid-stride kernel that every elementwise op runs with its own body.
//
//   Geometry<3> g = make_geometry<3>(out.sizes(), {&out, &a, &b});
//   launch_map(g, o, [=] __device__(const int64_t* off) { return f(a[off[1]], b[off[2]]); });
//
// launch_map stores each value at o[off[0]]; launch_elementwise runs a body that does its own
// reading and writing. Shapes and strides travel by value in the kernel's arguments, indices are
// 64-bit. Dims are merged where every operand is contiguous across them, so a contiguous op is one
// flat dim and takes the fast path (no index arithmetic, several elements in flight per thread).
#pragma once

#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <type_traits>

#include "core/cuda/cuda_check.h"
#include "ctorch/half.h"
#include "ctorch/tensor.h"

namespace ctorch::kernels::cuda {

// ---- element types ----------------------------------------------------------------------------
// ctorch's 16-bit float types are host types; on the device the same bits are CUDA's.
template <typename T>
struct DeviceTypeOf {
  using type = T;
};
template <>
struct DeviceTypeOf<Half> {
  using type = __half;
};
template <>
struct DeviceTypeOf<BFloat16> {
  using type = __nv_bfloat16;
};
template <typename T>
using device_t = typename DeviceTypeOf<T>::type;

template <typename D>
inline constexpr bool is_reduced_v = std::is_same_v<D, __half> || std::is_same_v<D, __nv_bfloat16>;

// The type arithmetic runs in: float for the 16-bit floats (rounded once on the way out).
template <typename D>
using opmath_t = std::conditional_t<is_reduced_v<D>, float, D>;

template <typename D>
__device__ __forceinline__ opmath_t<D> to_opmath(D v) {
  if constexpr (std::is_same_v<D, __half>) {
    return __half2float(v);
  } else if constexpr (std::is_same_v<D, __nv_bfloat16>) {
    return __bfloat162float(v);
  } else {
    return v;
  }
}

// One element converted as ctorch::convert (convert.h) does on the host: float -> integer
// truncates, out-of-range values give x86's integer indefinite, double -> 16-bit goes via float.
template <typename To, typename From>
__device__ __forceinline__ To device_convert(From x) {
  if constexpr (std::is_same_v<To, From>) {
    return x;
  } else if constexpr (is_reduced_v<From>) {
    return device_convert<To>(to_opmath(x));
  } else if constexpr (std::is_same_v<To, bool>) {
    return x != From(0);
  } else if constexpr (std::is_same_v<To, __half>) {
    return __float2half_rn(static_cast<float>(x));
  } else if constexpr (std::is_same_v<To, __nv_bfloat16>) {
    return __float2bfloat16_rn(static_cast<float>(x));
  } else if constexpr (std::is_floating_point_v<To>) {
    return static_cast<To>(x);
  } else if constexpr (std::is_floating_point_v<From>) {
    const double d = static_cast<double>(x);
    if constexpr (std::is_same_v<To, int64_t> || std::is_same_v<To, uint8_t>) {
      const int64_t v = (d >= -9223372036854775808.0 && d < 9223372036854775808.0)
                            ? static_cast<int64_t>(d)
                            : std::numeric_limits<int64_t>::min();
      return static_cast<To>(v);
    } else {
      const int32_t v = (d > -2147483649.0 && d < 2147483648.0) ? static_cast<int32_t>(d)
                                                                : std::numeric_limits<int32_t>::min();
      return static_cast<To>(v);
    }
  } else {
    return static_cast<To>(x);
  }
}

// ---- geometry ---------------------------------------------------------------------------------
inline constexpr int kMaxDims = 16;

template <int N>
struct Geometry {
  int64_t numel = 0;
  int dims = 0;
  bool contiguous = false;        // one flat dim, every operand with stride 1
  int64_t sizes[kMaxDims] = {};   // innermost first
  int64_t strides[N][kMaxDims] = {};  // in elements

  __device__ __forceinline__ void offsets(int64_t linear, int64_t* off) const {
    if (contiguous) {
#pragma unroll
      for (int k = 0; k < N; ++k) off[k] = linear;
      return;
    }
#pragma unroll
    for (int k = 0; k < N; ++k) off[k] = 0;
    for (int d = 0; d < dims; ++d) {
      const int64_t i = linear % sizes[d];
      linear /= sizes[d];
#pragma unroll
      for (int k = 0; k < N; ++k) off[k] += i * strides[k][d];
    }
  }
};

// The geometry of `operands` (null: a value passed separately, stride 0) over `shape`. Raises for
// more than kMaxDims dims that cannot be merged.
template <int N>
Geometry<N> make_geometry(IntArrayRef shape, std::array<const int64_t*, N> operand_strides) {
  Geometry<N> g;
  g.numel = 1;
  for (int64_t s : shape) g.numel *= s;
  // Innermost first, size-1 dims dropped, neighbours merged where all operands are contiguous.
  int dims = 0;
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    const int64_t size = shape[static_cast<size_t>(d)];
    if (size == 1) continue;
    int64_t st[N];
    for (int k = 0; k < N; ++k) {
      const int64_t* s = operand_strides[static_cast<size_t>(k)];
      st[k] = s ? s[d] : 0;
    }
    bool merge = dims > 0;
    for (int k = 0; k < N && merge; ++k) merge = st[k] == g.strides[k][dims - 1] * g.sizes[dims - 1];
    if (merge) {
      g.sizes[dims - 1] *= size;
      continue;
    }
    CTORCH_CHECK(dims < kMaxDims, Runtime, "CUDA kernels take at most ", kMaxDims,
                 " dims that cannot be merged, got shape ", shape);
    g.sizes[dims] = size;
    for (int k = 0; k < N; ++k) g.strides[k][dims] = st[k];
    ++dims;
  }
  g.dims = dims;
  g.contiguous = dims <= 1;
  for (int k = 0; k < N && dims == 1; ++k) {
    g.contiguous = g.contiguous && (g.strides[k][0] == 1 || !operand_strides[static_cast<size_t>(k)]);
  }
  return g;
}

template <int N>
Geometry<N> make_geometry(IntArrayRef shape, std::array<const Tensor*, N> operands) {
  std::array<const int64_t*, N> strides{};
  for (int k = 0; k < N; ++k) {
    const Tensor* t = operands[static_cast<size_t>(k)];
    strides[static_cast<size_t>(k)] = t ? t->strides().data() : nullptr;
  }
  return make_geometry<N>(shape, strides);
}

// The device pointer of a cuda operand, or null for a one-element CPU operand (passed by value).
template <typename T>
T* device_data(const Tensor& t) {
  return t.is_cuda() ? static_cast<T*>(t.data_ptr()) : nullptr;
}

// The value of a one-element CPU operand, converted to the device type D.
template <typename T>
device_t<T> host_value(const Tensor& t) {
  device_t<T> out;
  static_assert(sizeof(out) == sizeof(T));
  const T v = *static_cast<const T*>(t.data_ptr());
  std::memcpy(static_cast<void*>(&out), &v, sizeof(T));
  return out;
}

// ---- the kernel -------------------------------------------------------------------------------
inline constexpr int kThreads = 256;
inline constexpr int kPerThread = 4;

template <int N, typename Body>
__global__ void __launch_bounds__(kThreads) elementwise_kernel(Geometry<N> g, Body body) {
  const int64_t block_span = static_cast<int64_t>(kThreads) * kPerThread;
  const int64_t grid_span = block_span * gridDim.x;
  int64_t off[N];
  if (g.contiguous) {
    // Four elements per thread, each warp reading consecutive addresses: coalesced, and four
    // loads in flight before the first store.
    for (int64_t base = blockIdx.x * block_span + threadIdx.x; base < g.numel; base += grid_span) {
#pragma unroll
      for (int j = 0; j < kPerThread; ++j) {
        const int64_t i = base + static_cast<int64_t>(j) * kThreads;
        if (i < g.numel) {
#pragma unroll
          for (int k = 0; k < N; ++k) off[k] = i;
          body(off);
        }
      }
    }
    return;
  }
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < g.numel; i += stride) {
    g.offsets(i, off);
    body(off);
  }
}

// out[off[0]] = value(off). On the contiguous path each thread computes all of its kMapPerThread
// values before it stores any: with no store in between, the compiler issues every load up front,
// so the memory system has kMapPerThread x (inputs) requests per thread in flight. (A body that
// stores as it goes gets one, since a store may alias the next load; large adds and exps then
// reached only ~65% of the copy bandwidth of an H200; four values per thread measured best there,
// above eight and sixteen.)
inline constexpr int kMapPerThread = 4;

template <int N, int PerThread, typename O, typename Value>
__global__ void __launch_bounds__(kThreads) map_kernel(Geometry<N> g, O* out, Value value) {
  int64_t off[N];
  if (g.contiguous) {
    const int64_t block_span = static_cast<int64_t>(kThreads) * PerThread;
    const int64_t grid_span = block_span * gridDim.x;
    for (int64_t base = blockIdx.x * block_span + threadIdx.x; base < g.numel; base += grid_span) {
      O v[PerThread];
#pragma unroll
      for (int j = 0; j < PerThread; ++j) {
        const int64_t i = base + static_cast<int64_t>(j) * kThreads;
        if (i < g.numel) {
#pragma unroll
          for (int k = 0; k < N; ++k) off[k] = i;
          v[j] = value(off);
        }
      }
#pragma unroll
      for (int j = 0; j < PerThread; ++j) {
        const int64_t i = base + static_cast<int64_t>(j) * kThreads;
        if (i < g.numel) out[i] = v[j];
      }
    }
    return;
  }
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < g.numel; i += stride) {
    g.offsets(i, off);
    out[off[0]] = value(off);
  }
}

// Blocks for n elements at `per_thread` each (a grid-stride loop covers the rest past 2^20).
inline unsigned grid_for(int64_t n, int per_thread) {
  const int64_t per_block = static_cast<int64_t>(kThreads) * per_thread;
  return static_cast<unsigned>(std::min<int64_t>((n + per_block - 1) / per_block, int64_t{1} << 20));
}

template <int N, typename O, typename Value>
void launch_map(const Geometry<N>& g, O* out, Value value) {
  if (g.numel == 0) return;
  map_kernel<N, kMapPerThread><<<grid_for(g.numel, g.contiguous ? kMapPerThread : 1), kThreads>>>(g, out, value);
  CTORCH_CUDA_CHECK_LAUNCH();
}

template <int N, typename Body>
void launch_elementwise(const Geometry<N>& g, Body body) {
  if (g.numel == 0) return;
  elementwise_kernel<N><<<grid_for(g.numel, kPerThread), kThreads>>>(g, body);
  CTORCH_CUDA_CHECK_LAUNCH();
}

}  // namespace ctorch::kernels::cuda
