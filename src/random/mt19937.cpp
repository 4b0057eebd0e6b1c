#include "random/mt19937.h"

#include <algorithm>

#include "random/simd.h"

namespace ctorch::random {

namespace {

constexpr int kN = MT19937::kN, kM = 397;

inline uint32_t twist_word(uint32_t cur, uint32_t nxt, uint32_t far) {
  const uint32_t y = (cur & 0x80000000u) | (nxt & 0x7FFFFFFFu);
  return far ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908B0DFu);
}

// §1.4 in place, split into the three ranges where the word 397 ahead is an old word, a word this
// pass already rewrote, and the wrap at the end. Each loop reads only words at least 227 apart
// from the ones it writes, so the compiler may run them as vector loops.
[[gnu::always_inline]] inline void regenerate_words(uint32_t* __restrict mt) {
  for (int i = 0; i < kN - kM; ++i) mt[i] = twist_word(mt[i], mt[i + 1], mt[i + kM]);
  for (int i = kN - kM; i < kN - 1; ++i) mt[i] = twist_word(mt[i], mt[i + 1], mt[i + kM - kN]);
  mt[kN - 1] = twist_word(mt[kN - 1], mt[0], mt[kM - 1]);
}

[[gnu::always_inline]] inline void temper_words(const uint32_t* __restrict in,
                                                uint32_t* __restrict out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = MT19937::temper(in[i]);
}

void regenerate_default(uint32_t* mt) { regenerate_words(mt); }
void temper_default(const uint32_t* in, uint32_t* out, int64_t n) { temper_words(in, out, n); }

#if CTORCH_RANDOM_X86
[[gnu::target("avx2")]] void regenerate_avx2(uint32_t* mt) { regenerate_words(mt); }
[[gnu::target("avx2")]] void temper_avx2(const uint32_t* in, uint32_t* out, int64_t n) {
  temper_words(in, out, n);
}
#endif

}  // namespace

void MT19937::reseed(uint64_t s) {
  seed = s;
  mt[0] = static_cast<uint32_t>(s & 0xFFFFFFFFu);
  for (uint32_t i = 1; i < kN; ++i) mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i;
  left = 1;
  next = 0;
}

void MT19937::regenerate() {
#if CTORCH_RANDOM_X86
  if (has_avx2_fma()) {
    regenerate_avx2(mt);
  } else {
    regenerate_default(mt);
  }
#else
  regenerate_default(mt);
#endif
  left = kN;
  next = 0;
}

void MT19937::fill(uint32_t* out, int64_t n) {
  while (n > 0) {
    // operator() regenerates when it brings `left` to 0; after that it has read word 0, so the
    // counters satisfy left + next == 625 and the words [next, 624) are ready to be read.
    if (left == 1) {
      regenerate();
      left = kN + 1;
    }
    const int64_t take = std::min<int64_t>(n, left - 1);
#if CTORCH_RANDOM_X86
    if (has_avx2_fma()) {
      temper_avx2(mt + next, out, take);
    } else {
      temper_default(mt + next, out, take);
    }
#else
    temper_default(mt + next, out, take);
#endif
    next += static_cast<uint32_t>(take);
    left -= static_cast<int32_t>(take);
    out += take;
    n -= take;
  }
}

}  // namespace ctorch::random
