// The cuda device's runtime: availability, the current device, synchronization, device guard,
// and turning CUDA errors into ctorch::Error.
#include <string>

#include "core/cuda/cuda_check.h"
#include "core/cuda_device.h"
#include "ctorch/cuda.h"

namespace ctorch {

namespace cuda::detail {

void throw_cuda_error(cudaError_t status, const char* call) {
  cudaGetLastError();  // clear a non-sticky error so that later calls do not see it again
  CTORCH_FAIL(Runtime, "CUDA error: ", cudaGetErrorString(status), " (", cudaGetErrorName(status),
              " from ", call, ")");
}

namespace {
// cudaGetDeviceCount fails without a driver or without a GPU: both mean "no devices", and the
// reason is kept for the error of whoever asks for a cuda tensor anyway.
struct Devices {
  int count = 0;
  std::string why_none;
};
const Devices& devices() {
  static const Devices d = [] {
    Devices out;
    const cudaError_t status = cudaGetDeviceCount(&out.count);
    if (status != cudaSuccess) {
      out.count = 0;
      out.why_none = cudaGetErrorString(status);
      cudaGetLastError();
    } else if (out.count == 0) {
      out.why_none = "no CUDA-capable device is detected";
    }
    return out;
  }();
  return d;
}
}  // namespace

Device resolve(Device device) {
  const Devices& d = devices();
  CTORCH_CHECK(d.count > 0, Runtime, "Cannot use device '", device.str(),
               "': no CUDA GPUs are available (", d.why_none, ")");
  const int index = device.has_index() ? device.index() : current_device();
  CTORCH_CHECK(index < d.count, Runtime, "CUDA error: invalid device ordinal: device ", device.str(),
               " requested but this machine has ", d.count, " CUDA device", d.count == 1 ? "" : "s");
  return Device(kCUDA, index);
}

}  // namespace cuda::detail

namespace cuda {

bool is_built() { return true; }
bool is_available() { return device_count() > 0; }
int device_count() { return detail::devices().count; }

int current_device() {
  detail::resolve(Device(kCUDA, 0));  // the clear error when there is no GPU
  int index = 0;
  CTORCH_CUDA_CHECK(cudaGetDevice(&index));
  return index;
}

void set_device(int index) {
  CTORCH_CHECK(index >= 0, Runtime, "Device index must be non-negative, got ", index);
  detail::resolve(Device(kCUDA, index));
  CTORCH_CUDA_CHECK(cudaSetDevice(index));
}

void synchronize() {
  if (!is_available()) detail::resolve(Device(kCUDA));  // raises the reason
  CTORCH_CUDA_CHECK(cudaDeviceSynchronize());
}

DeviceGuard::DeviceGuard(Device device) {
  CTORCH_CHECK(device.is_cuda(), Runtime, "DeviceGuard expects a cuda device, got ", device.str());
  const Device resolved = detail::resolve(device);
  previous_ = current_device();
  if (resolved.index() != previous_) CTORCH_CUDA_CHECK(cudaSetDevice(resolved.index()));
}

DeviceGuard::~DeviceGuard() {
  if (previous_ >= 0) cudaSetDevice(previous_);  // a destructor must not throw
}

}  // namespace cuda
}  // namespace ctorch
