#include "core/cpu_allocator.h"

#include <array>
#include <bit>
#include <cstdlib>
#include <iterator>
#include <map>
#include <mutex>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "core/fast_tls.h"
#include "ctorch/error.h"
#include "ctorch/memory.h"

namespace ctorch::cpu_allocator {

namespace {

constexpr size_t kLargeGranule = size_t{64} << 10;
constexpr size_t kHugePage = size_t{2} << 20;
constexpr size_t kLargeCacheBytes = size_t{1} << 30;
// Free blocks kept per size class and thread: many for small sizes (a graph of tiny tensors and
// nodes lives and dies together), fewer as they grow: 1024 up to 256 B, then about 256 KiB of
// blocks per class, at least 32.
constexpr size_t kSmallBlocksMax = 1024;
constexpr size_t blocks_per_class(int size_class) {  // class 0 is 64 B
  return size_class < 2 ? kSmallBlocksMax : std::max<size_t>(32, kSmallBlocksMax >> (size_class - 2));
}

// Large buffers are aligned to 2 MiB and offered transparent huge pages: touching a fresh
// 64 MiB buffer then costs 32 page faults instead of 16384, and strided reads miss the TLB less.
void* system_allocate(size_t size) {
  const size_t alignment = size >= kHugePage ? kHugePage : kAlignment;
  void* data = std::aligned_alloc(alignment, size);
  CTORCH_CHECK(data != nullptr, Runtime, "DefaultCPUAllocator: can't allocate memory: you tried to allocate ",
               size, " bytes.");
#ifdef MADV_HUGEPAGE
  if (alignment == kHugePage) madvise(data, size, MADV_HUGEPAGE);
#endif
  return data;
}

size_t round_up(size_t n, size_t granule) { return (n + granule - 1) / granule * granule; }

}  // namespace

size_t large_block_size(size_t nbytes) {
  return round_up(nbytes, nbytes >= kHugePage ? kHugePage : kLargeGranule);
}

namespace {

// Free lists of one thread, one per power of two from 64 B to 64 KiB. A block freed by another
// thread than the one that took it simply joins the freeing thread's lists.
struct SmallCache {
  static constexpr int kClasses = std::countr_zero(kSmallMax) - std::countr_zero(kAlignment) + 1;
  // A fixed stack of free blocks per size class: a push or pop is an index and a store.
  std::array<std::array<void*, kSmallBlocksMax>, kClasses> blocks{};
  std::array<size_t, kClasses> counts{};

  ~SmallCache() { clear(); }
  static int class_of(size_t size) { return std::countr_zero(size) - std::countr_zero(kAlignment); }
  void clear() {
    for (int c = 0; c < kClasses; ++c) {
      for (size_t i = 0; i < counts[c]; ++i) std::free(blocks[c][i]);
      counts[c] = 0;
    }
  }
};

CTORCH_FAST_TLS SmallCache* tls_cache = nullptr;
CTORCH_FAST_TLS bool tls_cache_gone = false;

struct SmallCacheOwner {
  ~SmallCacheOwner() {
    tls_cache_gone = true;
    delete std::exchange(tls_cache, nullptr);
  }
};

[[gnu::noinline]] SmallCache* new_thread_cache() {
  if (tls_cache_gone) return nullptr;
  thread_local SmallCacheOwner owner;  // frees the cache at thread exit
  tls_cache = new SmallCache;
  return tls_cache;
}

inline SmallCache* this_thread_cache() {
  if (tls_cache) [[likely]] return tls_cache;
  return new_thread_cache();
}

struct LargeCache {
  std::mutex mutex;
  std::multimap<size_t, void*> blocks;  // by size
  size_t bytes = 0;
};
LargeCache& large_cache() {
  static auto* cache = new LargeCache;  // never destroyed: blocks may be freed during exit
  return *cache;
}

}  // namespace

namespace {

// What allocate() does when the thread's free list of that size is empty (its cache is made by
// the first release) or the block is large.
[[gnu::noinline]] Block allocate_slow(size_t nbytes) {
  const size_t size = block_size(nbytes);
  if (kCaching && size > kSmallMax) {
    LargeCache& cache = large_cache();
    std::lock_guard lock(cache.mutex);
    auto it = cache.blocks.lower_bound(size);
    if (it != cache.blocks.end() && it->first <= size + size / 8) {
      const Block block{it->second, it->first};
      cache.bytes -= it->first;
      cache.blocks.erase(it);
      return block;
    }
  }
  return {system_allocate(size), size};
}

// What release() does when the thread has no cache yet, its free list of that size is full, or the
// block is large.
[[gnu::noinline]] void release_slow(Block block) {
  if (kCaching && block.size <= kSmallMax) {
    if (SmallCache* cache = this_thread_cache()) {
      const int c = SmallCache::class_of(block.size);
      if (cache->counts[c] < blocks_per_class(c)) {
        cache->blocks[c][cache->counts[c]++] = block.data;
        return;
      }
    }
  } else if (kCaching && block.size <= kLargeCacheBytes) {
    LargeCache& cache = large_cache();
    std::lock_guard lock(cache.mutex);
    // Make room by dropping the largest blocks first: they are the rarest to be asked for again.
    while (cache.bytes + block.size > kLargeCacheBytes && !cache.blocks.empty()) {
      auto last = std::prev(cache.blocks.end());
      cache.bytes -= last->first;
      std::free(last->second);
      cache.blocks.erase(last);
    }
    cache.blocks.emplace(block.size, block.data);
    cache.bytes += block.size;
    return;
  }
  std::free(block.data);
}

}  // namespace

// The per-op path: a pop from, or a push onto, this thread's free list (no call, no lock).
Block allocate(size_t nbytes) {
  if (kCaching && nbytes <= kSmallMax) {
    if (SmallCache* cache = tls_cache) [[likely]] {
      const size_t size = block_size(nbytes);
      const int c = SmallCache::class_of(size);
      if (cache->counts[c] > 0) [[likely]] return {cache->blocks[c][--cache->counts[c]], size};
    }
  }
  return allocate_slow(nbytes);
}

void release(Block block) {
  if (!block.data) return;
  if (kCaching && block.size <= kSmallMax) {
    if (SmallCache* cache = tls_cache) [[likely]] {
      const int c = SmallCache::class_of(block.size);
      if (cache->counts[c] < blocks_per_class(c)) [[likely]] {
        cache->blocks[c][cache->counts[c]++] = block.data;
        return;
      }
    }
  }
  release_slow(block);
}

}  // namespace ctorch::cpu_allocator

namespace ctorch::cpu {

size_t cached_bytes() {
  auto& cache = cpu_allocator::large_cache();
  std::lock_guard lock(cache.mutex);
  return cache.bytes;
}

bool caching_enabled() { return cpu_allocator::kCaching; }

void empty_cache() {
  if (auto* cache = cpu_allocator::this_thread_cache()) cache->clear();
  auto& cache = cpu_allocator::large_cache();
  std::lock_guard lock(cache.mutex);
  for (auto& [size, data] : cache.blocks) std::free(data);
  cache.blocks.clear();
  cache.bytes = 0;
}

}  // namespace ctorch::cpu
