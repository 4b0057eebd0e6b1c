#include "ctorch/storage.h"

#include "core/cpu_allocator.h"
#include "core/cuda_device.h"
#include "ctorch/error.h"

namespace ctorch {

namespace {
// The device the storage gets: cpu, or cuda:N with N checked (a build without CUDA and a machine
// without a GPU raise here, core/cuda_device.h).
Device check_device_available(Device device) {
  if (device.is_cpu()) return device;
  if (device.is_cuda()) return cuda::detail::resolve(device);
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
  if (!device.is_cpu()) device = check_device_available(device);
  Storage s;
  if (device.is_cuda() && nbytes > 0) {  // device memory, never the inline bytes
    const int index = device.index();
    void* data = cuda::detail::allocate(nbytes, index);
    s.impl_ = std::allocate_shared<Impl>(cpu_allocator::ObjectAllocator<Impl>(), data, nbytes, device,
                                         [index](void* p) { cuda::detail::release(p, index); });
    return s;
  }
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
  device = check_device_available(device);
  Storage s;
  s.impl_ = std::make_shared<Impl>(data, nbytes, device, std::move(deleter));
  return s;
}

}  // namespace ctorch
