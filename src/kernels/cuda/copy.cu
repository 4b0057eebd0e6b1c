// Copy with dtype conversion and fill, on one cuda device (copies between devices are byte copies
// of contiguous buffers, ops/copy.cpp).
#include "ctorch/cuda.h"
#include "ctorch/dispatch.h"
#include "kernels/cuda/kernels.h"
#include "kernels/cuda/loops.cuh"

namespace ctorch::kernels::cuda {

namespace {

// Same-dtype copies move bytes of the element's size: four kernels serve all ten dtypes.
template <size_t Size>
struct Bytes {
  alignas(Size) unsigned char b[Size];
};

template <typename To, typename From>
void convert_copy(const Tensor& dst, const Tensor& src) {
  const Geometry<2> g = make_geometry<2>(dst.sizes(), {&dst, &src});
  To* o = static_cast<To*>(dst.data_ptr());
  const From* in = static_cast<const From*>(src.data_ptr());
  launch_map(g, o, [=] __device__(const int64_t* off) { return device_convert<To>(in[off[1]]); });
}

template <typename T>
void fill_typed(const Tensor& dst, const Scalar& value) {
  using D = device_t<T>;
  const T host = value.to<T>();
  D v;
  std::memcpy(static_cast<void*>(&v), &host, sizeof(T));
  const Geometry<1> g = make_geometry<1>(dst.sizes(), {&dst});
  D* o = static_cast<D*>(dst.data_ptr());
  launch_elementwise(g, [=] __device__(const int64_t* off) { o[off[0]] = v; });
}

}  // namespace

void copy(const Tensor& dst, const Tensor& src) {
  if (dst.numel() == 0) return;
  ctorch::cuda::DeviceGuard guard(dst.device());
  if (dst.dtype() == src.dtype() && dst.is_contiguous() && src.is_contiguous() && dst.sizes() == src.sizes()) {
    CTORCH_CUDA_CHECK(cudaMemcpyAsync(dst.data_ptr(), src.data_ptr(), dst.nbytes(), cudaMemcpyDeviceToDevice, 0));
    return;
  }
  if (dst.dtype() == src.dtype()) {
    switch (dst.element_size()) {
      case 1: return convert_copy<Bytes<1>, Bytes<1>>(dst, src);
      case 2: return convert_copy<Bytes<2>, Bytes<2>>(dst, src);
      case 4: return convert_copy<Bytes<4>, Bytes<4>>(dst, src);
      default: return convert_copy<Bytes<8>, Bytes<8>>(dst, src);
    }
  }
  dispatch(dst.dtype(), [&]<typename To>() {
    dispatch(src.dtype(), [&]<typename From>() { convert_copy<device_t<To>, device_t<From>>(dst, src); });
  });
}

void fill(const Tensor& dst, const Scalar& value) {
  if (dst.numel() == 0) return;
  ctorch::cuda::DeviceGuard guard(dst.device());
  dispatch(dst.dtype(), [&]<typename T>() { fill_typed<T>(dst, value); });
}

}  // namespace ctorch::kernels::cuda
