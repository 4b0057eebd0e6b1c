// ctorch/generator.h: random number generators and the default generator (random.md §1, §2, §11).
//
//   ctorch::manual_seed(42);                        // the default generator, as torch.manual_seed
//   ctorch::Generator g(7);                         // a private mt19937 stream
//   auto x = ctorch::rand({2, 3}, &g);
//   ctorch::Tensor s = ctorch::get_rng_state();     // 5056 uint8 bytes, PyTorch's layout
//   { ctorch::ForkRng guard; ctorch::randn({5}); }  // the default generator is as before
//
//   ctorch::Generator p(7, ctorch::RngEngine::Philox4x32_10);   // opt-in, beyond PyTorch:
//                                                  // a counter-based stream (docs/random.md)
//
// A Generator owns one engine and a mutex. Every sampling function locks it for the whole call,
// so several threads may share a generator (the default one included): each call's draws are one
// unbroken run of the stream. Generators are neither copied nor moved; copy the state instead
// (`b.set_state(a.get_state())`).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "ctorch/tensor.h"

namespace ctorch {

namespace detail {
struct GeneratorImpl;  // src/random/generator_impl.h
}

enum class RngEngine {
  MT19937,        // PyTorch's CPU generator, bit for bit (the default)
  Philox4x32_10,  // counter-based, device-independent definition (docs/random.md)
};

class Generator {
 public:
  // The seed a new PyTorch `torch.Generator()` starts from.
  static constexpr uint64_t kDefaultSeed = 67280421310721ULL;

  explicit Generator(uint64_t seed = kDefaultSeed, RngEngine engine = RngEngine::MT19937);
  ~Generator();
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  RngEngine engine() const;

  // Re-seeds (a negative int64 seed is taken modulo 2^64, as PyTorch) and clears the cached
  // normal values. Returns *this, like torch.Generator.manual_seed.
  Generator& manual_seed(uint64_t seed);
  // Seeds with a non-deterministic 64-bit value and returns it.
  uint64_t seed();
  // The 64-bit seed last set (manual_seed(2**32 + 5) returns 4294967301 here).
  uint64_t initial_seed() const;

  // The whole state as a uint8 tensor: mt19937 uses random.md §11's 5056 bytes (so a state saved
  // by PyTorch loads here and back); Philox uses the 24 bytes docs/random.md describes.
  Tensor get_state() const;
  // Loads a state from get_state (or PyTorch's get_rng_state); checks size and contents first.
  void set_state(const Tensor& state);

  // The lock every sampling function holds while it draws.
  std::mutex& mutex() const;
  detail::GeneratorImpl& impl() const { return *impl_; }

 private:
  std::unique_ptr<detail::GeneratorImpl> impl_;
};

// The process-wide default generator (mt19937, seeded from /dev/urandom at start-up).
Generator& default_generator();

// torch.manual_seed / torch.seed / torch.initial_seed / torch.get_rng_state / set_rng_state,
// all on the default generator.
void manual_seed(uint64_t seed);
uint64_t seed();
uint64_t initial_seed();
Tensor get_rng_state();
void set_rng_state(const Tensor& state);

// The Philox4x32-10 bijection (Salmon et al., SC'11) that defines the Philox engine's stream:
// 10 rounds over a 128-bit counter under a 64-bit key (docs/random.md). Exposed so the definition
// can be checked against Random123's known-answer vectors and reproduced elsewhere.
std::array<uint32_t, 4> philox4x32_10(std::array<uint32_t, 4> counter, std::array<uint32_t, 2> key);

// torch.random.fork_rng for the CPU: saves the generator's state (the default one unless given)
// and restores it when the scope ends, whatever was drawn or re-seeded inside.
class ForkRng {
 public:
  explicit ForkRng(Generator* generator = nullptr);
  ~ForkRng();
  ForkRng(const ForkRng&) = delete;
  ForkRng& operator=(const ForkRng&) = delete;

 private:
  Generator& generator_;
  Tensor saved_;
};

}  // namespace ctorch
