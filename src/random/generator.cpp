// Generators: construction, seeding, the default generator and the fork guard.
#include <cstdio>
#include <random>

#include "random/generator_impl.h"

namespace ctorch {

namespace {

// 8 bytes of /dev/urandom (random.md §2.3); std::random_device where that file is missing.
uint64_t nondeterministic_seed() {
  uint64_t s = 0;
  if (FILE* f = std::fopen("/dev/urandom", "rb")) {
    const size_t got = std::fread(&s, sizeof s, 1, f);
    std::fclose(f);
    if (got == 1) return s;
  }
  std::random_device device;
  return (uint64_t{device()} << 32) | device();
}

}  // namespace

Generator::Generator(uint64_t seed, RngEngine engine)
    : impl_(std::make_unique<detail::GeneratorImpl>()) {
  impl_->engine = engine;
  impl_->reseed(seed);
}

Generator::~Generator() = default;

RngEngine Generator::engine() const { return impl_->engine; }

std::mutex& Generator::mutex() const { return impl_->mutex; }

Generator& Generator::manual_seed(uint64_t seed) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->reseed(seed);
  return *this;
}

uint64_t Generator::seed() {
  const uint64_t s = nondeterministic_seed();
  manual_seed(s);
  return s;
}

uint64_t Generator::initial_seed() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->seed();
}

Generator& default_generator() {
  static Generator* generator = new Generator(nondeterministic_seed());  // never destroyed:
  return *generator;  // threads may still draw while static objects are torn down
}

void manual_seed(uint64_t seed) { default_generator().manual_seed(seed); }
uint64_t seed() { return default_generator().seed(); }
uint64_t initial_seed() { return default_generator().initial_seed(); }
Tensor get_rng_state() { return default_generator().get_state(); }
void set_rng_state(const Tensor& state) { default_generator().set_state(state); }

ForkRng::ForkRng(Generator* generator)
    : generator_(detail::resolve(generator)), saved_(generator_.get_state()) {}

ForkRng::~ForkRng() { generator_.set_state(saved_); }

}  // namespace ctorch
