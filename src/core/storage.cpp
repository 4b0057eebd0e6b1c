#include "ctorch/storage.h"

#include "core/cpu_allocator.h"
#include "ctorch/error.h"

namespace ctorch {

namespace {
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
  Storage s;
  if (nbytes == 0) {
    s.impl_ = std::allocate_shared<Impl>(cpu_allocator::ObjectAllocator<Impl>(), nullptr, 0, device, nullptr);
    return s;
  }
  const cpu_allocator::Block block = cpu_allocator::allocate(nbytes);
  s.impl_ = std::allocate_shared<Impl>(
      cpu_allocator::ObjectAllocator<Impl>(), block.data, nbytes, device,
      [size = block.size](void* p) { cpu_allocator::release({p, size}); });
  return s;
}

Storage Storage::wrap(void* data, size_t nbytes, Device device, Deleter deleter) {
  check_device_available(device);
  Storage s;
  s.impl_ = std::make_shared<Impl>(data, nbytes, device, std::move(deleter));
  return s;
}

}  // namespace ctorch
