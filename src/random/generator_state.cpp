// Generator::get_state / set_state: random.md §11's 5056 bytes for mt19937 (PyTorch's
// CPUGeneratorImplState, little-endian) and a 24-byte layout of our own for Philox.
#include <cstring>

#include "ctorch/factory.h"
#include "random/generator_impl.h"

namespace ctorch {

namespace {

constexpr int64_t kMtStateBytes = 5056;
constexpr int64_t kPhiloxStateBytes = 24;
constexpr uint64_t kPhiloxTag = 0x3031584F4C494850ULL;  // "PHILOX10" in little-endian bytes

template <typename T>
void put(uint8_t* bytes, size_t at, T value) {
  std::memcpy(bytes + at, &value, sizeof value);
}
template <typename T>
T get(const uint8_t* bytes, size_t at) {
  T value;
  std::memcpy(&value, bytes + at, sizeof value);
  return value;
}

void write_mt_state(const detail::GeneratorImpl& g, uint8_t* b) {
  put<uint64_t>(b, 0, g.mt.seed);
  put<int32_t>(b, 8, g.mt.left);
  put<int32_t>(b, 12, 1);  // seeded
  put<uint64_t>(b, 16, g.mt.next);
  for (int i = 0; i < random::MT19937::kN; ++i) put<uint64_t>(b, 24 + 8 * i, g.mt.mt[i]);
  put<double>(b, 5024, g.next_double_normal.value_or(0.0));
  put<int32_t>(b, 5040, g.next_double_normal ? 1 : 0);
  put<float>(b, 5048, g.next_float_normal.value_or(0.0f));
  b[5052] = g.next_float_normal ? 1 : 0;
}

void read_mt_state(detail::GeneratorImpl& g, const uint8_t* b) {
  const auto left = get<int32_t>(b, 8);
  const auto seeded = get<int32_t>(b, 12);
  const auto next = get<uint64_t>(b, 16);
  CTORCH_CHECK(seeded != 0 && left > 0 && left <= random::MT19937::kN &&
                   next <= static_cast<uint64_t>(random::MT19937::kN),
               Runtime, "Invalid mt19937 state");
  g.mt.seed = get<uint64_t>(b, 0);
  g.mt.left = left;
  g.mt.next = static_cast<uint32_t>(next);
  for (int i = 0; i < random::MT19937::kN; ++i)
    g.mt.mt[i] = static_cast<uint32_t>(get<uint64_t>(b, 24 + 8 * i));
  g.next_double_normal.reset();
  if (get<int32_t>(b, 5040) != 0) g.next_double_normal = get<double>(b, 5024);
  g.next_float_normal.reset();
  if (b[5052] != 0) g.next_float_normal = get<float>(b, 5048);
}

}  // namespace

Tensor Generator::get_state() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const bool mt = impl_->engine == RngEngine::MT19937;
  Tensor state = zeros({mt ? kMtStateBytes : kPhiloxStateBytes}, kUInt8);
  auto* bytes = state.data_ptr<uint8_t>();
  if (mt) {
    write_mt_state(*impl_, bytes);
  } else {
    put<uint64_t>(bytes, 0, impl_->philox.seed);
    put<uint64_t>(bytes, 8, impl_->philox.offset);
    put<uint64_t>(bytes, 16, kPhiloxTag);
  }
  return state;
}

void Generator::set_state(const Tensor& state) {
  CTORCH_CHECK(state.dtype() == kUInt8 && state.is_cpu(), Type,
               "expected a torch.ByteTensor, but got CPU", legacy_name(state.dtype()), "Type");
  CTORCH_CHECK(state.is_contiguous(), Runtime, "RNG state must be contiguous");
  const uint8_t* bytes = state.data_ptr<uint8_t>();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->engine == RngEngine::MT19937) {
    CTORCH_CHECK(state.numel() == kMtStateBytes, Runtime,
                 "Expected a CPUGeneratorImplState of size ", kMtStateBytes,
                 " but found the input RNG state size to be ", state.numel());
    // Validate into a copy first, so that a rejected state leaves the generator as it was.
    detail::GeneratorImpl loaded;
    read_mt_state(loaded, bytes);
    impl_->mt = loaded.mt;
    impl_->next_double_normal = loaded.next_double_normal;
    impl_->next_float_normal = loaded.next_float_normal;
  } else {
    CTORCH_CHECK(state.numel() == kPhiloxStateBytes && get<uint64_t>(bytes, 16) == kPhiloxTag,
                 Runtime, "Invalid Philox4x32-10 state: expected the ", kPhiloxStateBytes,
                 " bytes of a Philox generator's get_state()");
    impl_->philox.reseed(get<uint64_t>(bytes, 0));
    impl_->philox.set_offset(get<uint64_t>(bytes, 8));
    impl_->next_double_normal.reset();
    impl_->next_float_normal.reset();
  }
}

}  // namespace ctorch
