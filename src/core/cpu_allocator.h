// The CPU allocator behind Storage::allocate: a cache of freed blocks, so that an op's fresh
// output reuses memory that is already mapped (no page faults, no trip through malloc's slow path).
//
// - Small blocks (up to 64 KiB) are rounded up to a power of two and cached per thread, without
//   locking: the per-op path of a tiny tensor takes its buffer from a free list.
// - Large blocks are rounded to 64 KiB (2 MiB, and offered transparent huge pages, from 2 MiB up)
//   and cached in one list under a mutex, up to a total of kLargeCacheBytes; a request reuses a
//   cached block at most 1/8 larger than itself.
// Built with sanitizers, nothing is cached, so every free reaches AddressSanitizer.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>

namespace ctorch::cpu_allocator {

struct Block {
  void* data;
  size_t size;  // the block's real size, at least what was asked; give it back to release()
};

// Sanitizer builds (CTORCH_NO_CPU_CACHE) cache nothing, here or in the caches built on this one.
#if defined(CTORCH_NO_CPU_CACHE)
inline constexpr bool kCaching = false;
#else
inline constexpr bool kCaching = true;
#endif

Block allocate(size_t nbytes);
void release(Block block);
// What allocate(nbytes) hands out: small sizes round up to a power of two (at least a cache
// line), large ones to a granule.
inline constexpr size_t kAlignment = 64;  // a cache line; also what AVX-512 loads like
inline constexpr size_t kSmallMax = size_t{64} << 10;
size_t large_block_size(size_t nbytes);
inline size_t block_size(size_t nbytes) {
  return nbytes <= kSmallMax ? std::bit_ceil(std::max(nbytes, kAlignment)) : large_block_size(nbytes);
}

}  // namespace ctorch::cpu_allocator
