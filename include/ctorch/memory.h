// ctorch/memory.h: the CPU allocator's cache of freed blocks.
//
// Freed tensor memory is kept for reuse (small blocks per thread, large blocks up to 1 GiB in
// all), so that a fresh output costs neither malloc's slow path nor page faults. Like
// torch.cuda.empty_cache() for the GPU:
//
//   ctorch::cpu::cached_bytes();   // large blocks held for reuse
//   ctorch::cpu::empty_cache();    // return them (and this thread's small ones) to the system
#pragma once

#include <cstddef>

namespace ctorch::cpu {

size_t cached_bytes();
void empty_cache();
bool caching_enabled();  // false in sanitizer builds, which free everything at once

}  // namespace ctorch::cpu
