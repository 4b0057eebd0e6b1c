// Byte copies between host and device memory. cudaMemcpy on the default stream: a device-to-host
// copy waits for the kernels that write its source (so item(), printing and .cpu() see finished
// results), and a host-to-device copy from pageable memory returns once the source was read.
#include "core/cuda/cuda_check.h"
#include "core/cuda_device.h"
#include "ctorch/cuda.h"

namespace ctorch::cuda::detail {

void copy_bytes(void* dst, Device dst_device, const void* src, Device src_device, size_t nbytes) {
  if (nbytes == 0) return;
  const Device on = dst_device.is_cuda() ? dst_device : src_device;
  DeviceGuard guard(on);
  if (dst_device.is_cuda() && src_device.is_cuda() && dst_device != src_device) {
    CTORCH_CUDA_CHECK(cudaMemcpyPeer(dst, dst_device.index(), src, src_device.index(), nbytes));
    return;
  }
  CTORCH_CUDA_CHECK(cudaMemcpy(dst, src, nbytes, cudaMemcpyDefault));
}

}  // namespace ctorch::cuda::detail
