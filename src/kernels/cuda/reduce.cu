// Reductions on CUDA (kernels/cpu/reduce.h's contract: kept dims first, contiguous output). One
// block reduces one output over a slice of its reduced elements; a large reduction with few
// outputs is split over many blocks, whose partial results a second pass combines. Results are
// accumulated in float for the 16-bit floats and float32, double, int64 for integers and bool
// (bool for all/any), into a temporary that the copy kernel converts to the output's dtype.
#include <atomic>
#include <cmath>

#include "ctorch/cuda.h"
#include "ctorch/dispatch.h"
#include "core/make.h"
#include "kernels/cuda/kernels.h"
#include "kernels/cuda/loops.cuh"

namespace ctorch::kernels::cuda {

namespace {

constexpr int kReduceThreads = 256;
constexpr int kAccs = 8;

template <typename D>
using acc_t = std::conditional_t<std::is_floating_point_v<opmath_t<D>>, opmath_t<D>, int64_t>;

// The combining rule of each kind, on the accumulator type.
template <ReduceKind K, typename Acc>
struct Combine {
  __device__ static Acc identity() {
    if constexpr (K == ReduceKind::Sum || K == ReduceKind::Any) return Acc(0);
    if constexpr (K == ReduceKind::Prod || K == ReduceKind::All) return Acc(1);
    if constexpr (K == ReduceKind::Max) {
      if constexpr (std::is_floating_point_v<Acc>) return -std::numeric_limits<Acc>::infinity();
      else return std::numeric_limits<Acc>::lowest();
    }
    if constexpr (K == ReduceKind::Min) {
      if constexpr (std::is_floating_point_v<Acc>) return std::numeric_limits<Acc>::infinity();
      else return std::numeric_limits<Acc>::max();
    }
  }
  __device__ static Acc apply(Acc a, Acc b) {
    if constexpr (K == ReduceKind::Sum) return a + b;
    if constexpr (K == ReduceKind::Prod) return a * b;
    if constexpr (K == ReduceKind::All) return Acc(a != Acc(0) && b != Acc(0));
    if constexpr (K == ReduceKind::Any) return Acc(a != Acc(0) || b != Acc(0));
    if constexpr (K == ReduceKind::Max || K == ReduceKind::Min) {
      if constexpr (std::is_floating_point_v<Acc>) {
        if (a != a) return a;  // NaN propagates
        if (b != b) return b;
      }
      if constexpr (K == ReduceKind::Max) return a < b ? b : a;
      else return b < a ? b : a;
    }
  }
};

// Element offsets of output o (kept dims) and of reduced element r, by coalesced geometries.
struct ReduceGeometry {
  Geometry<1> kept;
  Geometry<1> reduced;
};

// partial[o * splits + s] = the reduction of split s of output o's reduced elements.
template <ReduceKind K, typename D, typename Acc>
__global__ void __launch_bounds__(kReduceThreads)
reduce_kernel(const D* in, ReduceGeometry g, int64_t outputs, int splits, Acc* partial) {
  __shared__ Acc shared[kReduceThreads];
  using C = Combine<K, Acc>;
  const int64_t n = g.reduced.numel;
  const int64_t chunk = (n + splits - 1) / splits;
  for (int64_t job = blockIdx.x; job < outputs * splits; job += gridDim.x) {
    const int64_t o = job / splits;
    const int64_t s = job % splits;
    int64_t base = 0;
    g.kept.offsets(o, &base);
    const int64_t begin = s * chunk;
    const int64_t end = min(n, begin + chunk);
    // kAccs independent accumulators over contiguous elements keep kAccs loads in flight per
    // thread (four reached ~75% of an H200's copy bandwidth on a large sum).
    Acc acc[kAccs];
#pragma unroll
    for (int j = 0; j < kAccs; ++j) acc[j] = C::identity();
    int64_t r = begin + threadIdx.x;
    if (g.reduced.contiguous) {
      for (; r + (kAccs - 1) * kReduceThreads < end; r += kAccs * kReduceThreads) {
#pragma unroll
        for (int j = 0; j < kAccs; ++j) acc[j] = C::apply(acc[j], static_cast<Acc>(to_opmath(in[base + r + j * kReduceThreads])));
      }
    }
    for (; r < end; r += kReduceThreads) {
      int64_t off = 0;
      g.reduced.offsets(r, &off);
      acc[0] = C::apply(acc[0], static_cast<Acc>(to_opmath(in[base + off])));
    }
#pragma unroll
    for (int width = kAccs / 2; width > 0; width /= 2) {
#pragma unroll
      for (int j = 0; j < width; ++j) acc[j] = C::apply(acc[j], acc[j + width]);
    }
    shared[threadIdx.x] = acc[0];
    __syncthreads();
    for (int width = kReduceThreads / 2; width > 0; width /= 2) {
      if (threadIdx.x < width) shared[threadIdx.x] = C::apply(shared[threadIdx.x], shared[threadIdx.x + width]);
      __syncthreads();
    }
    if (threadIdx.x == 0) partial[job] = shared[0];
    __syncthreads();
  }
}

// result[o] = the combination of the splits of output o.
template <ReduceKind K, typename Acc>
__global__ void finish_kernel(const Acc* partial, int64_t outputs, int splits, Acc* result) {
  using C = Combine<K, Acc>;
  for (int64_t o = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; o < outputs;
       o += static_cast<int64_t>(blockDim.x) * gridDim.x) {
    Acc acc = C::identity();
    for (int s = 0; s < splits; ++s) acc = C::apply(acc, partial[o * splits + s]);
    result[o] = acc;
  }
}

ReduceGeometry reduce_geometry(const Tensor& in, int64_t n_kept) {
  const IntArrayRef sizes = in.sizes();
  const int64_t* strides = in.strides().data();
  const auto k = static_cast<size_t>(n_kept);
  return {make_geometry<1>(IntArrayRef(sizes.data(), k), {strides}),
          make_geometry<1>(IntArrayRef(sizes.data() + k, sizes.size() - k), {strides + k})};
}

// The current device's multiprocessor count, asked once per device.
int sm_count() {
  constexpr int kMaxDevices = 64;
  static std::atomic<int> counts[kMaxDevices] = {};
  int device = 0;
  CTORCH_CUDA_CHECK(cudaGetDevice(&device));
  if (device < kMaxDevices && counts[device].load(std::memory_order_relaxed) > 0) return counts[device];
  int count = 0;
  CTORCH_CUDA_CHECK(cudaDeviceGetAttribute(&count, cudaDevAttrMultiProcessorCount, device));
  if (device < kMaxDevices) counts[device] = count;
  return count;
}

template <ReduceKind K, typename T>
void reduce_typed(const Tensor& out, const Tensor& in, int64_t n_kept) {
  using D = device_t<T>;
  using Acc = std::conditional_t<K == ReduceKind::All || K == ReduceKind::Any, bool,
                                 std::conditional_t<K == ReduceKind::Max || K == ReduceKind::Min, opmath_t<D>, acc_t<D>>>;
  constexpr ScalarType acc_dtype = std::is_same_v<Acc, bool> ? kBool
                                   : std::is_same_v<Acc, float> ? kFloat32
                                   : std::is_same_v<Acc, double> ? kFloat64
                                   : std::is_same_v<Acc, int64_t> ? kInt64
                                   : std::is_same_v<Acc, int32_t> ? kInt32
                                   : std::is_same_v<Acc, int16_t> ? kInt16
                                   : std::is_same_v<Acc, int8_t> ? kInt8 : kUInt8;
  const ReduceGeometry g = reduce_geometry(in, n_kept);
  const int64_t outputs = out.numel();
  if (outputs == 0) return;
  // Enough blocks to fill the GPU: split each output's elements when there are few outputs.
  const int64_t want_blocks = int64_t{8} * sm_count();
  const int64_t per_split = int64_t{kReduceThreads} * 16;
  int splits = 1;
  if (outputs < want_blocks && g.reduced.numel > per_split) {
    splits = static_cast<int>(std::min<int64_t>((want_blocks + outputs - 1) / outputs,
                                                (g.reduced.numel + per_split - 1) / per_split));
  }
  Tensor result = make_contiguous(out.sizes(), acc_dtype, out.device());
  Tensor partial = splits == 1 ? result : make_contiguous({outputs * splits}, acc_dtype, out.device());
  const int64_t jobs = outputs * splits;
  const auto blocks = static_cast<unsigned>(std::min<int64_t>(jobs, 1 << 20));
  reduce_kernel<K, D, Acc><<<blocks, kReduceThreads>>>(static_cast<const D*>(in.data_ptr()), g,
                                                      outputs, splits, static_cast<Acc*>(partial.data_ptr()));
  CTORCH_CUDA_CHECK_LAUNCH();
  if (splits > 1) {
    const auto finish_blocks = static_cast<unsigned>(std::min<int64_t>((outputs + 255) / 256, 1 << 16));
    finish_kernel<K, Acc><<<finish_blocks, 256>>>(static_cast<const Acc*>(partial.data_ptr()), outputs, splits,
                                                 static_cast<Acc*>(result.data_ptr()));
    CTORCH_CUDA_CHECK_LAUNCH();
  }
  copy(out, result);
}

template <typename T>
void reduce_dispatch(ReduceKind kind, const Tensor& out, const Tensor& in, int64_t n_kept) {
  switch (kind) {
    case ReduceKind::Sum: return reduce_typed<ReduceKind::Sum, T>(out, in, n_kept);
    case ReduceKind::Prod: return reduce_typed<ReduceKind::Prod, T>(out, in, n_kept);
    case ReduceKind::Max: return reduce_typed<ReduceKind::Max, T>(out, in, n_kept);
    case ReduceKind::Min: return reduce_typed<ReduceKind::Min, T>(out, in, n_kept);
    case ReduceKind::All: return reduce_typed<ReduceKind::All, T>(out, in, n_kept);
    case ReduceKind::Any: return reduce_typed<ReduceKind::Any, T>(out, in, n_kept);
  }
}

// ---- max/min with the index of the first extreme ------------------------------------------------
template <bool IsMax, typename D>
__global__ void __launch_bounds__(kReduceThreads)
index_kernel(const D* in, ReduceGeometry g, int64_t outputs, D* values, int64_t* indices) {
  using A = opmath_t<D>;
  __shared__ A best[kReduceThreads];
  __shared__ int64_t where[kReduceThreads];
  // Is (a, i) a better pick than (b, j)? NaN wins, then the extreme, then the smaller index.
  auto better = [](A a, int64_t i, A b, int64_t j) {
    if constexpr (std::is_floating_point_v<A>) {
      if (a != a || b != b) return (a != a) && (b == b || i < j);
    }
    if (a == b) return i < j;
    return IsMax ? b < a : a < b;
  };
  const int64_t n = g.reduced.numel;
  for (int64_t o = blockIdx.x; o < outputs; o += gridDim.x) {
    int64_t base = 0;
    g.kept.offsets(o, &base);
    A b = A(0);
    int64_t w = -1;
    for (int64_t r = threadIdx.x; r < n; r += blockDim.x) {
      int64_t off = 0;
      g.reduced.offsets(r, &off);
      const A v = to_opmath(in[base + off]);
      if (w < 0 || better(v, r, b, w)) {
        b = v;
        w = r;
      }
    }
    best[threadIdx.x] = b;
    where[threadIdx.x] = w;
    __syncthreads();
    for (int width = kReduceThreads / 2; width > 0; width /= 2) {
      if (threadIdx.x < width) {
        const int64_t j = where[threadIdx.x + width];
        if (j >= 0 && (where[threadIdx.x] < 0 || better(best[threadIdx.x + width], j, best[threadIdx.x], where[threadIdx.x]))) {
          best[threadIdx.x] = best[threadIdx.x + width];
          where[threadIdx.x] = j;
        }
      }
      __syncthreads();
    }
    if (threadIdx.x == 0) {
      if (values) {
        int64_t off = 0;
        g.reduced.offsets(where[0], &off);
        values[o] = in[base + off];  // the element itself, bits unchanged
      }
      indices[o] = where[0];
    }
    __syncthreads();
  }
}

template <typename T>
void index_typed(ReduceKind kind, const Tensor& values, const Tensor& indices, const Tensor& in, int64_t n_kept) {
  using D = device_t<T>;
  const ReduceGeometry g = reduce_geometry(in, n_kept);
  const int64_t outputs = indices.numel();
  if (outputs == 0) return;
  const auto blocks = static_cast<unsigned>(std::min<int64_t>(outputs, 1 << 20));
  const D* data = static_cast<const D*>(in.data_ptr());
  D* v = values.defined() ? static_cast<D*>(values.data_ptr()) : nullptr;
  auto* idx = static_cast<int64_t*>(indices.data_ptr());
  if (kind == ReduceKind::Max) {
    index_kernel<true, D><<<blocks, kReduceThreads>>>(data, g, outputs, v, idx);
  } else {
    index_kernel<false, D><<<blocks, kReduceThreads>>>(data, g, outputs, v, idx);
  }
  CTORCH_CUDA_CHECK_LAUNCH();
}

}  // namespace

void reduce(ReduceKind kind, const Tensor& out, const Tensor& in, int64_t n_kept) {
  ctorch::cuda::DeviceGuard guard(out.device());
  dispatch(in.dtype(), [&]<typename T>() { reduce_dispatch<T>(kind, out, in, n_kept); });
}

void reduce_with_index(ReduceKind kind, const Tensor& values, const Tensor& indices, const Tensor& in,
                       int64_t n_kept) {
  ctorch::cuda::DeviceGuard guard(indices.device());
  dispatch(in.dtype(), [&]<typename T>() { index_typed<T>(kind, values, indices, in, n_kept); });
}

}  // namespace ctorch::kernels::cuda
