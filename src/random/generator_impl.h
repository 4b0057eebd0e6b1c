// What a Generator holds: its engine, its lock and the cached normal values (random.md §5.2,
// §11). Sampling code locks `mutex` and then draws through random()/random64()/fill().
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>

#include "ctorch/generator.h"
#include "random/mt19937.h"
#include "random/philox.h"

namespace ctorch::detail {

struct GeneratorImpl {
  RngEngine engine = RngEngine::MT19937;
  mutable std::mutex mutex;
  random::MT19937 mt;
  random::Philox4x32 philox;
  std::optional<double> next_double_normal;  // the serial normal's second value (§5.2)
  std::optional<float> next_float_normal;    // part of the state bytes; no operation sets it

  void reseed(uint64_t s) {
    if (engine == RngEngine::MT19937) {
      mt.reseed(s);
    } else {
      philox.reseed(s);
    }
    next_double_normal.reset();
    next_float_normal.reset();
  }
  uint64_t seed() const { return engine == RngEngine::MT19937 ? mt.seed : philox.seed; }

  // R() and R64() of the spec: R64's first draw is the high half.
  uint32_t random() { return engine == RngEngine::MT19937 ? mt() : philox(); }
  uint64_t random64() {
    const uint64_t hi = random();
    return (hi << 32) | random();
  }
  void fill(uint32_t* out, int64_t n) {
    if (engine == RngEngine::MT19937) {
      mt.fill(out, n);
    } else {
      philox.fill(out, n);
    }
  }
};

// The generator a sampling call uses: the given one, else the default one.
inline Generator& resolve(Generator* g) { return g ? *g : default_generator(); }

}  // namespace ctorch::detail
