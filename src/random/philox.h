// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11) as a
// stream of 32-bit words: word w of the stream for seed s is output word (w mod 4) of the block
// with counter (w/4 low 32 bits, w/4 high 32 bits, 0, 0) and key (s low 32 bits, s high 32
// bits). docs/random.md has the whole definition.
#pragma once

#include <array>
#include <cstdint>

namespace ctorch::random {

using PhiloxCounter = std::array<uint32_t, 4>;
using PhiloxKey = std::array<uint32_t, 2>;

// The Philox4x32-10 bijection of one 128-bit counter under a 64-bit key.
PhiloxCounter philox4x32_10(PhiloxCounter counter, PhiloxKey key);

struct Philox4x32 {
  uint64_t seed = 0;
  uint64_t offset = 0;  // 32-bit words consumed since seeding

  void reseed(uint64_t s) {
    seed = s;
    offset = 0;
    cached_block_ = ~uint64_t{0};
  }
  uint32_t operator()() {
    const uint64_t b = offset >> 2;
    if (b != cached_block_) load(b);
    return block_[offset++ & 3];
  }
  void fill(uint32_t* out, int64_t n);
  void set_offset(uint64_t words) {
    offset = words;
    cached_block_ = ~uint64_t{0};
  }

 private:
  void load(uint64_t b);
  uint64_t cached_block_ = ~uint64_t{0};
  PhiloxCounter block_{};
};

}  // namespace ctorch::random
