// The mt19937 engine with PyTorch's counters (random.md §1): seeding keeps the 64-bit seed and
// feeds its low 32 bits to the engine; `left`/`next` count as PyTorch's do, so the state bytes
// of §11 match.
#pragma once

#include <cstdint>

namespace ctorch::random {

struct MT19937 {
  static constexpr int kN = 624;

  uint32_t mt[kN];
  int32_t left = 1;
  uint32_t next = 0;
  uint64_t seed = 0;

  void reseed(uint64_t s);

  // One tempered 32-bit draw, R() of the spec.
  uint32_t operator()() {
    if (--left == 0) regenerate();
    return temper(mt[next++]);
  }

  // n consecutive draws into out: the same words and counters as n calls of operator().
  void fill(uint32_t* out, int64_t n);

  static uint32_t temper(uint32_t y) {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9D2C5680u;
    y ^= (y << 15) & 0xEFC60000u;
    y ^= y >> 18;
    return y;
  }

 private:
  // Recomputes all 624 words in place and resets left = 624, next = 0 (§1.4).
  void regenerate();
};

}  // namespace ctorch::random
