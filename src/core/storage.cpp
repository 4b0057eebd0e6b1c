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
  if (deleter) {
    deleter(data);
  } else if (pooled_bytes) {
    cpu_allocator::release({data, pooled_bytes});
  }
}

Storage Storage::allocate(size_t nbytes, Device device) {
  if (!device.is_cpu()) check_device_available(device);
  Storage s;
  s.impl_ = std::allocate_shared<Impl>(cpu_allocator::ObjectAllocator<Impl>(), nullptr, nbytes, device, nullptr);
  Impl& impl = *s.impl_;
  if (nbytes == 0) return s;  // no data: data() is null
  if (nbytes <= Impl::kInlineBytes) {
    impl.data = impl.inline_data;
    return s;
  }
  const cpu_allocator::Block block = cpu_allocator::allocate(nbytes);
  impl.data = block.data;
  impl.pooled_bytes = block.size;
  return s;
}

Storage Storage::wrap(void* data, size_t nbytes, Device device, Deleter deleter) {
  check_device_available(device);
  Storage s;
  s.impl_ = std::make_shared<Impl>(data, nbytes, device, std::move(deleter));
  return s;
}

}  // namespace ctorch
