// Binary elementwise kernels on CUDA: the functors of kernels/binary_functors.h (the CPU's own)
// run by the grid-stride kernel of loops.cuh. where() and any_zero() live here too.
#include "ctorch/cuda.h"
#include "ctorch/dispatch.h"
#include "kernels/binary_functors.h"
#include "kernels/cuda/kernels.h"
#include "kernels/cuda/loops.cuh"

namespace ctorch::kernels::cuda {

namespace {

// An input read from device memory, or a value when the op passed a one-element CPU tensor.
template <typename D>
struct Input {
  const D* data;
  D value;
  __device__ __forceinline__ D operator[](int64_t offset) const { return data ? data[offset] : value; }
};

template <typename T>
Input<device_t<T>> input_of(const Tensor& t) {
  if (t.is_cuda()) return {static_cast<const device_t<T>*>(t.data_ptr()), device_t<T>()};
  return {nullptr, host_value<T>(t)};
}

// run(f) / compare(f) of binary_functor: the loop over out, x, y for one functor.
template <typename T, typename Out>
struct BinaryLauncher {
  const Tensor& out;
  const Tensor& x;
  const Tensor& y;
  template <typename F>
  bool operator()(F f) const {
    using D = device_t<T>;
    using O = device_t<Out>;
    const Geometry<3> g = make_geometry<3>(out.sizes(), {&out, x.is_cuda() ? &x : nullptr,
                                                         y.is_cuda() ? &y : nullptr});
    O* o = static_cast<O*>(out.data_ptr());
    if (x.is_cuda() && y.is_cuda()) {  // plain loads: a per-element "pointer or value?" cost ~20% of bandwidth
      map(g, o, static_cast<const D*>(x.data_ptr()), static_cast<const D*>(y.data_ptr()), f);
    } else {
      map(g, o, input_of<T>(x), input_of<T>(y), f);
    }
    return true;
  }
  // o = f(a, b), a and b device pointers or Inputs.
  template <typename O, typename A, typename B, typename F>
  static void map(const Geometry<3>& g, O* o, A a, B b, F f) {
    launch_map(g, o, [=] __device__(const int64_t* off) {
      return device_convert<O>(f(to_opmath(a[off[1]]), to_opmath(b[off[2]])));
    });
  }
};

template <typename T>
void where_typed(const Tensor& out, const Tensor& cond, const Tensor& a, const Tensor& b) {
  using D = device_t<T>;
  const Geometry<4> g = make_geometry<4>(out.sizes(), {&out, cond.is_cuda() ? &cond : nullptr,
                                                       a.is_cuda() ? &a : nullptr, b.is_cuda() ? &b : nullptr});
  D* o = static_cast<D*>(out.data_ptr());
  const Input<bool> c = input_of<bool>(cond);
  const Input<D> x = input_of<T>(a), y = input_of<T>(b);
  launch_map(g, o, [=] __device__(const int64_t* off) { return c[off[1]] ? x[off[2]] : y[off[3]]; });
}

template <typename T>
void flag_zeros(const Tensor& t, int* flag) {
  using D = device_t<T>;
  const Geometry<1> g = make_geometry<1>(t.sizes(), {&t});
  const D* p = static_cast<const D*>(t.data_ptr());
  launch_elementwise(g, [=] __device__(const int64_t* off) {
    if (to_opmath(p[off[0]]) == opmath_t<D>(0)) *flag = 1;
  });
}

}  // namespace

void binary(BinaryOp op, const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha) {
  ctorch::cuda::DeviceGuard guard(out.device());
  dispatch(a.dtype(), [&]<typename T>() {
    using A = opmath_t<device_t<T>>;
    const bool done = binary_functor<A>(op, alpha, BinaryLauncher<T, T>{out, a, b},
                                        BinaryLauncher<T, bool>{out, a, b});
    CTORCH_INTERNAL_ASSERT(done);
  });
}

void where(const Tensor& out, const Tensor& cond, const Tensor& a, const Tensor& b) {
  ctorch::cuda::DeviceGuard guard(out.device());
  dispatch(out.dtype(), [&]<typename T>() { where_typed<T>(out, cond, a, b); });
}

bool any_zero(const Tensor& t) {
  ctorch::cuda::DeviceGuard guard(t.device());
  int* flag = nullptr;
  CTORCH_CUDA_CHECK(cudaMalloc(&flag, sizeof(int)));
  CTORCH_CUDA_CHECK(cudaMemset(flag, 0, sizeof(int)));
  dispatch(t.dtype(), [&]<typename T>() { flag_zeros<T>(t, flag); });
  int found = 0;
  const cudaError_t status = cudaMemcpy(&found, flag, sizeof(int), cudaMemcpyDeviceToHost);
  cudaFree(flag);
  CTORCH_CUDA_CHECK(status);
  return found != 0;
}

}  // namespace ctorch::kernels::cuda
