// Note [Tiny tensor cache]: a CPU tensor of at most Storage's inline bytes (a scalar, a short
// vector) is two pooled objects, its TensorImpl and its storage record, which holds the data too.
// Making and dropping them was about half of the cost of a 1-element `a + b` (two allocations,
// two constructions, two destructions, two frees: ~450 of ~850 instructions). So when such a
// tensor goes from its one reference and nothing else refers to its storage, its thread keeps it
// whole, TensorImpl and storage record (up to kKept of them), and the next tiny CPU tensor the
// thread makes is that one with new sizes: a few stores, no allocation, no constructor. A kept
// tensor holds no autograd state, no other reference and no meaningful bytes (a new tensor's
// data is uninitialized anyway).
// Sanitizer builds keep nothing (cpu_allocator::kCaching), so AddressSanitizer sees every free.
#pragma once

#include "ctorch/tensor_impl.h"

namespace ctorch::detail {

struct TinyTensors {
  static constexpr int kKept = 64;
  // A new contiguous CPU tensor of `sizes` (`nbytes` of data) in a kept pair, or null when
  // nbytes is over the inline bytes, sizes has more dims than fit inline, or none is kept.
  static TensorImpl* take(IntArrayRef sizes, ScalarType dtype, size_t nbytes);
  // Keeps `impl` (unreachable: its last reference went) instead of destroying it, when it is a
  // tiny CPU tensor whose storage nothing else refers to; true when kept.
  static bool keep(TensorImpl* impl) noexcept;
};

}  // namespace ctorch::detail
