// The cuda device in a build without CUDA (CMake -DCTORCH_CUDA=OFF or no toolkit): every function
// of ctorch/cuda.h, core/cuda_device.h and kernels/cuda/kernels.h exists, so that callers need no
// #ifdef; nothing reports a GPU, and whatever needs one raises "ctorch was built without CUDA".
// No cuda tensor can be made in this build, so the kernels below are never reached by an op.
#include "core/cuda_device.h"
#include "ctorch/cuda.h"
#include "ctorch/error.h"
#include "kernels/cuda/kernels.h"

namespace ctorch {

namespace {
[[noreturn]] void built_without_cuda(const Device& device) {
  CTORCH_FAIL(Runtime, "Cannot use device '", device.str(), "': ctorch was built without CUDA");
}
[[noreturn]] void built_without_cuda() { built_without_cuda(Device(kCUDA)); }
}  // namespace

namespace cuda {
bool is_built() { return false; }
bool is_available() { return false; }
int device_count() { return 0; }
void synchronize() { built_without_cuda(); }
int current_device() { built_without_cuda(); }
void set_device(int index) { built_without_cuda(Device(kCUDA, index < 0 ? -1 : index)); }
DeviceGuard::DeviceGuard(Device device) { built_without_cuda(device); }
DeviceGuard::~DeviceGuard() = default;
size_t memory_allocated(int) { return 0; }
size_t max_memory_allocated(int) { return 0; }
size_t memory_reserved(int) { return 0; }
void reset_peak_memory_stats(int) {}
void empty_cache() {}

namespace detail {
Device resolve(Device device) { built_without_cuda(device); }
void* allocate(size_t, int index) { built_without_cuda(Device(kCUDA, index)); }
void release(void*, int) {}
void copy_bytes(void*, Device, const void*, Device, size_t) { built_without_cuda(); }
}  // namespace detail
}  // namespace cuda

namespace kernels::cuda {
void copy(const Tensor&, const Tensor&) { built_without_cuda(); }
void fill(const Tensor&, const Scalar&) { built_without_cuda(); }
void binary(BinaryOp, const Tensor&, const Tensor&, const Tensor&, const Scalar&) { built_without_cuda(); }
void unary(UnaryOp, const Tensor&, const Tensor&) { built_without_cuda(); }
void where(const Tensor&, const Tensor&, const Tensor&, const Tensor&) { built_without_cuda(); }
bool any_zero(const Tensor&) { built_without_cuda(); }
void reduce(ReduceKind, const Tensor&, const Tensor&, int64_t) { built_without_cuda(); }
void reduce_with_index(ReduceKind, const Tensor&, const Tensor&, const Tensor&, int64_t) { built_without_cuda(); }
void gemm_batched(const Tensor&, const Tensor&, const Tensor&, const Scalar&, const Scalar&) { built_without_cuda(); }
void uniform_philox(const Tensor&, uint64_t, uint64_t, double, double) { built_without_cuda(); }
}  // namespace kernels::cuda

}  // namespace ctorch
