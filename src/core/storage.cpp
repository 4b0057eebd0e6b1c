#include "ctorch/storage.h"

#include <new>

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
    (*deleter)(data);
  } else if (pooled_bytes) {
    cpu_allocator::release({data, pooled_bytes});
  }
}

Storage::Impl* Storage::Impl::create(void* d, size_t n, Device dev) {
  return new (cpu_allocator::allocate(sizeof(Impl)).data) Impl(d, n, dev);  // the constructor cannot throw
}

void Storage::Impl::destroy(Impl* impl) noexcept {
  impl->~Impl();
  cpu_allocator::release({impl, cpu_allocator::block_size(sizeof(Impl))});
}

Storage Storage::allocate(size_t nbytes, Device device) {
  if (!device.is_cpu()) device = check_device_available(device);
  Storage s;
  if (device.is_cuda() && nbytes > 0) {  // device memory, never the inline bytes
    const int index = device.index();
    void* data = cuda::detail::allocate(nbytes, index);
    try {
      s.impl_ = detail::IntrusivePtr<Impl>::adopt(Impl::create(data, nbytes, device));
      s.impl_->deleter = std::make_unique<Deleter>([index](void* p) { cuda::detail::release(p, index); });
    } catch (...) {
      if (!s.impl_) cuda::detail::release(data, index);  // else the Impl's destructor releases it
      throw;
    }
    return s;
  }
  s.impl_ = detail::IntrusivePtr<Impl>::adopt(Impl::create(nullptr, nbytes, device));
  if (nbytes == 0) return s;  // no data: data() is null
  if (nbytes <= Impl::kInlineBytes) {
    s.impl_->data = s.impl_->inline_data;
    return s;
  }
  const cpu_allocator::Block block = cpu_allocator::allocate(nbytes);  // may throw: s frees the Impl
  s.impl_->data = block.data;
  s.impl_->pooled_bytes = block.size;
  return s;
}

Storage Storage::wrap(void* data, size_t nbytes, Device device, Deleter deleter) {
  device = check_device_available(device);
  auto owned = deleter ? std::make_unique<Deleter>(std::move(deleter)) : nullptr;
  Storage s;
  s.impl_ = detail::IntrusivePtr<Impl>::adopt(Impl::create(data, nbytes, device));
  s.impl_->deleter = std::move(owned);
  return s;
}

}  // namespace ctorch
