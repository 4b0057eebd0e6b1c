// The caching device allocator. cudaMalloc and cudaFree are slow (cudaFree also synchronizes the
// device), so freed blocks are kept in free lists by size class and handed out again. Sizes are
// rounded to a class: multiples of 512 bytes up to 1 MiB, multiples of 2 MiB above. All work runs
// on each device's default stream, so a block freed by the host can be reused at once: the next
// kernel that writes it is queued after every kernel that read it.
#include <algorithm>
#include <map>
#include <mutex>
#include <vector>

#include "core/cuda/cuda_check.h"
#include "core/cuda_device.h"
#include "ctorch/cuda.h"

namespace ctorch::cuda {

namespace {

constexpr size_t kSmallLimit = size_t{1} << 20;
constexpr size_t kSmallRound = 512;
constexpr size_t kLargeRound = size_t{2} << 20;

size_t size_class(size_t nbytes) {
  const size_t step = nbytes <= kSmallLimit ? kSmallRound : kLargeRound;
  return (nbytes + step - 1) / step * step;
}

struct DeviceCache {
  std::map<size_t, std::vector<void*>> free_blocks;  // by size class
  std::map<void*, size_t> live;                      // block -> its size class
  size_t allocated = 0, peak = 0, cached = 0;
};

class Allocator {
 public:
  void* allocate(size_t nbytes, int device) {
    const size_t size = size_class(nbytes);
    std::lock_guard lock(mutex_);
    DeviceCache& cache = cache_of(device);
    void* block = nullptr;
    auto it = cache.free_blocks.find(size);
    if (it != cache.free_blocks.end() && !it->second.empty()) {
      block = it->second.back();
      it->second.pop_back();
      cache.cached -= size;
    } else {
      block = fresh(size, device, cache);
    }
    cache.live.emplace(block, size);
    cache.allocated += size;
    cache.peak = std::max(cache.peak, cache.allocated);
    return block;
  }

  void release(void* block, int device) {
    std::lock_guard lock(mutex_);
    DeviceCache& cache = cache_of(device);
    auto it = cache.live.find(block);
    if (it == cache.live.end()) return;  // not ours: a bug elsewhere, but never free twice
    cache.allocated -= it->second;
    cache.cached += it->second;
    cache.free_blocks[it->second].push_back(block);
    cache.live.erase(it);
  }

  void empty_cache() {
    std::lock_guard lock(mutex_);
    for (size_t d = 0; d < caches_.size(); ++d) free_cached(static_cast<int>(d), caches_[d]);
  }

  DeviceCache stats(int device) {
    std::lock_guard lock(mutex_);
    const DeviceCache& c = cache_of(device);
    DeviceCache out;
    out.allocated = c.allocated;
    out.peak = c.peak;
    out.cached = c.cached;
    return out;
  }

  void reset_peak(int device) {
    std::lock_guard lock(mutex_);
    DeviceCache& c = cache_of(device);
    c.peak = c.allocated;
  }

 private:
  DeviceCache& cache_of(int device) {
    if (static_cast<size_t>(device) >= caches_.size()) caches_.resize(static_cast<size_t>(device) + 1);
    return caches_[static_cast<size_t>(device)];
  }

  // A new block; when the device is full, the cached blocks go back first and it tries again.
  void* fresh(size_t size, int device, DeviceCache& cache) {
    int previous = 0;
    CTORCH_CUDA_CHECK(cudaGetDevice(&previous));
    if (previous != device) CTORCH_CUDA_CHECK(cudaSetDevice(device));
    void* block = nullptr;
    cudaError_t status = cudaMalloc(&block, size);
    if (status == cudaErrorMemoryAllocation) {
      cudaGetLastError();
      free_cached(device, cache);
      status = cudaMalloc(&block, size);
    }
    if (previous != device) cudaSetDevice(previous);
    if (status == cudaErrorMemoryAllocation) {
      cudaGetLastError();
      CTORCH_FAIL(Runtime, "CUDA out of memory. Tried to allocate ", size, " bytes on cuda:", device,
                  " (", cache.allocated, " bytes already allocated by ctorch)");
    }
    CTORCH_CUDA_CHECK(status);
    return block;
  }

  void free_cached(int device, DeviceCache& cache) {
    if (cache.cached == 0) return;
    int previous = 0;
    cudaGetDevice(&previous);
    cudaSetDevice(device);
    for (auto& [size, blocks] : cache.free_blocks) {
      for (void* b : blocks) cudaFree(b);
      blocks.clear();
    }
    cache.cached = 0;
    cudaSetDevice(previous);
  }

  std::mutex mutex_;
  std::vector<DeviceCache> caches_;
};

// Never destroyed: at exit the CUDA runtime may be gone before static destructors run.
Allocator& allocator() {
  static Allocator* a = new Allocator;
  return *a;
}

int device_or_current(int device) { return device >= 0 ? device : current_device(); }

}  // namespace

namespace detail {
void* allocate(size_t nbytes, int device) { return allocator().allocate(nbytes, device); }
void release(void* data, int device) { allocator().release(data, device); }
}  // namespace detail

size_t memory_allocated(int device) {
  if (!is_available()) return 0;
  return allocator().stats(device_or_current(device)).allocated;
}
size_t max_memory_allocated(int device) {
  if (!is_available()) return 0;
  return allocator().stats(device_or_current(device)).peak;
}
size_t memory_reserved(int device) {
  if (!is_available()) return 0;
  const DeviceCache s = allocator().stats(device_or_current(device));
  return s.allocated + s.cached;
}
void reset_peak_memory_stats(int device) {
  if (is_available()) allocator().reset_peak(device_or_current(device));
}
void empty_cache() {
  if (is_available()) allocator().empty_cache();
}

}  // namespace ctorch::cuda
