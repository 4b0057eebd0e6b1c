// Unary elementwise kernels on CUDA: the functors of kernels/unary_functors.h (the CPU's own, with
// CUDA's libdevice math where the CPU uses SLEEF) run by the grid-stride kernel of loops.cuh.
#include "ctorch/cuda.h"
#include "ctorch/dispatch.h"
#include "kernels/cuda/kernels.h"
#include "kernels/cuda/loops.cuh"
#include "kernels/unary_functors.h"

namespace ctorch::kernels::cuda {

namespace {

template <typename T, typename Out>
struct UnaryLauncher {
  const Tensor& out;
  const Tensor& x;
  template <typename F>
  bool operator()(F f) const {
    using D = device_t<T>;
    using O = device_t<Out>;
    const Geometry<2> g = make_geometry<2>(out.sizes(), {&out, &x});
    O* o = static_cast<O*>(out.data_ptr());
    const D* a = static_cast<const D*>(x.data_ptr());
    launch_map(g, o, [=] __device__(const int64_t* off) { return device_convert<O>(f(to_opmath(a[off[1]]))); });
    return true;
  }
};

}  // namespace

void unary(UnaryOp op, const Tensor& out, const Tensor& a) {
  ctorch::cuda::DeviceGuard guard(out.device());
  dispatch(a.dtype(), [&]<typename T>() {
    using A = opmath_t<device_t<T>>;
    const bool done = unary_functor<A>(op, UnaryLauncher<T, T>{out, a}, UnaryLauncher<T, bool>{out, a});
    CTORCH_INTERNAL_ASSERT(done);
  });
}

}  // namespace ctorch::kernels::cuda
