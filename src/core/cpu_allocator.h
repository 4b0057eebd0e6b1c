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

#include <cstddef>

namespace ctorch::cpu_allocator {

struct Block {
  void* data;
  size_t size;  // the block's real size, at least what was asked; give it back to release()
};

Block allocate(size_t nbytes);
void release(Block block);
size_t block_size(size_t nbytes);  // what allocate(nbytes) hands out

// A standard allocator over the same caches, for the small objects every op creates (the
// shared_ptr blocks of TensorImpl and Storage): `std::allocate_shared<T>(ObjectAllocator<T>(), ...)`.
template <typename T>
struct ObjectAllocator {
  using value_type = T;
  ObjectAllocator() = default;
  template <typename U>
  ObjectAllocator(const ObjectAllocator<U>&) {}  // NOLINT: rebinding
  T* allocate(size_t n) { return static_cast<T*>(cpu_allocator::allocate(n * sizeof(T)).data); }
  void deallocate(T* p, size_t n) { release({p, block_size(n * sizeof(T))}); }
  template <typename U>
  bool operator==(const ObjectAllocator<U>&) const { return true; }
};

}  // namespace ctorch::cpu_allocator
