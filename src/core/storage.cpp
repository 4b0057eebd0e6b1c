#include "ctorch/storage.h"

#include <cstdlib>
#include <new>

#include "ctorch/error.h"

namespace ctorch {

namespace {
constexpr size_t kAlignment = 64;  // a cache line; also what AVX-512 loads like

void check_device_available(Device device) {
  if (device.is_cpu()) return;
  CTORCH_CHECK(!device.is_cuda(), Runtime, "Cannot use device '", device.str(),
               "': ctorch was built without CUDA");
  CTORCH_FAIL(Runtime, "Cannot use device '", device.str(),
              "': ctorch has no MPS backend (MPS is Apple's Metal GPU API)");
}
}  // namespace

Storage::Impl::~Impl() {
  if (deleter) deleter(data);
}

Storage Storage::allocate(size_t nbytes, Device device) {
  check_device_available(device);
  const size_t rounded = (nbytes + kAlignment - 1) / kAlignment * kAlignment;
  void* data = rounded ? std::aligned_alloc(kAlignment, rounded) : nullptr;
  if (rounded && !data) throw std::bad_alloc();
  Storage s;
  s.impl_ = std::make_shared<Impl>(data, nbytes, device, [](void* p) { std::free(p); });
  return s;
}

Storage Storage::wrap(void* data, size_t nbytes, Device device, Deleter deleter) {
  check_device_available(device);
  Storage s;
  s.impl_ = std::make_shared<Impl>(data, nbytes, device, std::move(deleter));
  return s;
}

}  // namespace ctorch
