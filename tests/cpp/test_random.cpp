// Random numbers: seeding, state, the fork guard, errors, memory order, threads, the FMA
// discipline of random.md, and the opt-in Philox4x32-10 generator.
//
// Expected values come from the spec (random.md §14, computed with PyTorch 1.13), the Random123
// known-answer vectors, or an independent recomputation from the raw engine words.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <thread>

#include "test_util.h"

namespace {

using namespace ctorch;
using ctorch_test::values;

// The next n raw 32-bit engine words R(): int32 random_ over the whole int32 range yields
// R() - 2^31 (random.md §6.1).
std::vector<uint32_t> raw_words(int64_t n, Generator* g = nullptr) {
  Tensor t = empty({n}, kInt32);
  t.random_(-2147483648LL, std::optional<int64_t>(2147483648LL), g);
  std::vector<uint32_t> out;
  for (int32_t v : values<int32_t>(t)) out.push_back(static_cast<uint32_t>(v) + 0x80000000u);
  return out;
}

double as_double(const Tensor& t, int64_t i) { return ctorch_test::doubles(t)[static_cast<size_t>(i)]; }

TEST(RandomSeed, EngineMatchesSpecWorkedExample) {
  manual_seed(42);
  EXPECT_EQ(raw_words(8), (std::vector<uint32_t>{1608637542u, 3421126067u, 4083286876u, 787846414u,
                                                 3143890026u, 3348747335u, 2571218620u, 2563451924u}));
  manual_seed(0);
  EXPECT_EQ(raw_words(2), (std::vector<uint32_t>{2357136044u, 2546248239u}));
  manual_seed(1);
  EXPECT_EQ(raw_words(2), (std::vector<uint32_t>{1791095845u, 4282876139u}));
}

TEST(RandomSeed, TutorialRand) {
  manual_seed(42);
  EXPECT_EQ(values<float>(rand({1, 5})),
            (std::vector<float>{0.8822692632675171f, 0.9150039553642273f, 0.38286375999450684f,
                                0.9593056440353394f, 0.3904482126235962f}));
  EXPECT_EQ(values<float>(rand({1, 5})),
            (std::vector<float>{0.600895345211029f, 0.2565724849700928f, 0.7936413288116455f,
                                0.9407714605331421f, 0.13318592309951782f}));
  manual_seed(42);
  EXPECT_EQ(values<double>(rand({2}, kFloat64)), (std::vector<double>{0.05815448596142969, 0.06291016742457756}));
}

TEST(RandomSeed, InitialSeedKeepsAllSixtyFourBits) {
  manual_seed(static_cast<uint64_t>(-1));
  EXPECT_EQ(initial_seed(), 18446744073709551615ULL);
  manual_seed((1ULL << 32) + 5);
  EXPECT_EQ(initial_seed(), 4294967301ULL);
  const auto a = values<float>(rand({8}));
  manual_seed(5);
  EXPECT_EQ(values<float>(rand({8})), a);  // only the low 32 bits enter the engine
  EXPECT_EQ(Generator().initial_seed(), 67280421310721ULL);
  const uint64_t s = seed();
  EXPECT_EQ(initial_seed(), s);
}

TEST(RandomNormal, SpecWorkedValues) {
  manual_seed(42);
  Tensor z = randn({1}, kFloat64);  // serial path; the pair's sine is cached
  EXPECT_EQ(as_double(z, 0), 0.33669035438385886);
  const Tensor state = get_rng_state();
  int32_t left, flag;
  uint64_t next;
  std::memcpy(&left, state.data_ptr<uint8_t>() + 8, 4);
  std::memcpy(&next, state.data_ptr<uint8_t>() + 16, 8);
  std::memcpy(&flag, state.data_ptr<uint8_t>() + 5040, 4);
  EXPECT_EQ(left, 621);
  EXPECT_EQ(next, 4u);
  EXPECT_EQ(flag, 1);
  manual_seed(42);
  EXPECT_EQ(values<float>(randn({2})), (std::vector<float>{0.33669036626815796f, 0.12880940735340118f}));

  manual_seed(42);  // fill path (§5.4): Cephes polynomials, not libm
  const auto v16 = values<float>(randn({16}));
  EXPECT_EQ(v16[0], 1.9269152879714966f);
  EXPECT_EQ(v16[1], 1.4872840642929077f);
  EXPECT_EQ(v16[2], 0.9007171988487244f);
  EXPECT_EQ(v16[3], -2.1055209636688232f);
  EXPECT_EQ(v16[8], -0.7521352767944336f);
  manual_seed(42);
  const auto v17 = values<float>(randn({17}));
  EXPECT_EQ(v17[0], 1.9269152879714966f);
  EXPECT_EQ(v17[1], -0.1595974713563919f);
  EXPECT_EQ(v17[2], -0.4973975419998169f);
}

TEST(RandomOther, SpecWorkedValues) {
  manual_seed(42);
  EXPECT_EQ(values<int64_t>(randint(0, 10, {8})), (std::vector<int64_t>{2, 7, 6, 4, 6, 5, 0, 4}));
  manual_seed(42);
  EXPECT_EQ(values<int64_t>(randperm(5)), (std::vector<int64_t>{2, 4, 3, 0, 1}));
  manual_seed(42);
  Tensor e = empty({3});
  e.exponential_();
  const auto ev = values<float>(e);
  EXPECT_EQ(ev[0], 0.05991401523351669f);
  EXPECT_EQ(ev[1], 0.06497612595558167f);
  EXPECT_EQ(ev[2], 0.13191677629947662f);
}

// random.md §4.2: the uniform scaling is one fused multiply-add. Recompute it from the raw words
// both ways; the library must give the fused result, and the data must contain a value where the
// two differ (so this test can fail).
TEST(RandomFma, UniformUsesOneFusedMultiplyAdd) {
  manual_seed(1);
  const std::vector<uint32_t> words = raw_words(2000);
  manual_seed(1);
  Tensor u = empty({2000});
  u.uniform_(0.3, 1.7);
  const auto got = values<float>(u);
  const float f = 0.3f, d = 1.7f - 0.3f;
  int differ = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const float x = static_cast<float>(words[i] & 0xFFFFFFu) * 0x1p-24f;
    const float fused = std::fma(x, d, f);
    volatile float product = x * d;  // rounded on its own: no contraction here
    const float separate = product + f;
    differ += fused != separate;
    ASSERT_EQ(got[i], fused) << "element " << i;
  }
  EXPECT_GT(differ, 0);
}

// random.md §5.7: normal(mean_tensor, std_tensor) rounds `* std` and `+ mean` separately; a
// contracted (fused) version changes some values.
TEST(RandomFma, NormalTensorsRoundTwice) {
  const int64_t n = 4000;
  Tensor mean = full({n}, 0.7, kFloat32), std = full({n}, 1.3, kFloat32);
  manual_seed(5);
  const auto z = values<float>(randn({n}));
  manual_seed(5);
  const auto got = values<float>(normal(mean, std));
  int differ = 0;
  for (int64_t i = 0; i < n; ++i) {
    volatile float product = z[i] * 1.3f;
    const float separate = product + 0.7f;
    differ += std::fma(z[i], 1.3f, 0.7f) != separate;
    ASSERT_EQ(got[i], separate) << "element " << i;
  }
  EXPECT_GT(differ, 0);
}

TEST(RandomState, SaveRestoreRoundTrip) {
  manual_seed(42);
  Tensor first = get_rng_state();
  ASSERT_EQ(first.numel(), 5056);
  ASSERT_EQ(first.dtype(), kUInt8);
  const uint8_t head[24] = {0x2a, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(std::memcmp(first.data_ptr<uint8_t>(), head, 24), 0);

  randn({3}, kFloat64);  // leaves a cached normal in the state
  Tensor saved = get_rng_state();
  const auto a = values<double>(randn({5}, kFloat64));
  const auto b = values<float>(rand({700}));  // crosses a regeneration of the 624 words
  set_rng_state(saved);
  EXPECT_EQ(values<double>(randn({5}, kFloat64)), a);
  EXPECT_EQ(values<float>(rand({700})), b);

  Generator g(3);
  g.set_state(saved);
  EXPECT_EQ(values<double>(randn({5}, kFloat64, &g)), a);
}

TEST(RandomState, ForkRngRestoresTheDefaultGenerator) {
  manual_seed(7);
  const auto expected = values<float>(rand({4}));
  manual_seed(7);
  {
    ForkRng guard;
    rand({100});
    manual_seed(123);
    randn({3}, kFloat64);
  }
  EXPECT_EQ(values<float>(rand({4})), expected);
}

TEST(RandomState, GeneratorsAreIndependentStreams) {
  Generator a(42), b(42);
  manual_seed(42);
  const auto d = values<float>(rand({5}));
  EXPECT_EQ(values<float>(rand({5}, &a)), d);
  rand({5}, &a);
  EXPECT_EQ(values<float>(rand({5}, &b)), d);
}

// Every failing call leaves the generator (and its target tensor) as it was.
TEST(RandomErrors, PyTorchMessagesAndNoDraws) {
  manual_seed(9);
  const Tensor before = get_rng_state();
  Tensor t = zeros({3});
  EXPECT_CTORCH_ERROR(Runtime, "random_ expects 'from' to be less than 'to', but got from=5 >= to=5",
                      randint(5, 5, {3}));
  // Two integers are (from, to), even when `to` is a literal 0 (not a null generator).
  Tensor ints = zeros({3}, kInt64);
  EXPECT_CTORCH_ERROR(Runtime, "random_ expects 'from' to be less than 'to', but got from=5 >= to=0",
                      ints.random_(5, 0));
  EXPECT_EQ(values<int64_t>(ints), (std::vector<int64_t>{0, 0, 0}));
  EXPECT_CTORCH_ERROR(Runtime, "n must be non-negative, got-1", randperm(-1));
  EXPECT_CTORCH_ERROR(Runtime, "n cannot be greater than 2049 for Half type.", randperm(2050, kFloat16));
  EXPECT_CTORCH_ERROR(Runtime, "bernoulli_ expects p to be in [0, 1], but got p=1.5", t.bernoulli_(1.5));
  EXPECT_CTORCH_ERROR(Runtime, "bernoulli_ expects p to be in [0, 1], but got p=-0.1", t.bernoulli_(-0.1));
  EXPECT_CTORCH_ERROR(Runtime, "uniform_ expects to return a [from, to) range, but found from=2 > to=1",
                      t.uniform_(2, 1));
  EXPECT_CTORCH_ERROR(Runtime, "normal expects std >= 0.0, but found std -1", t.normal_(0, -1));
  EXPECT_CTORCH_ERROR(Runtime, "geometric_ expects p to be in (0, 1), but got p=1", t.geometric_(1));
  EXPECT_CTORCH_ERROR(Runtime, "log_normal_ expects std > 0.0, but found std=0", t.log_normal_(1, 0));
  EXPECT_CTORCH_ERROR(Runtime, "\"check_uniform_bounds\" not implemented for 'Long'", rand({2}, kInt64));
  EXPECT_CTORCH_ERROR(Runtime, "\"normal_kernel_cpu\" not implemented for 'Long'", randn({2}, kInt64));
  EXPECT_CTORCH_ERROR(Runtime, "from is out of bounds for unsigned char", randint(-1, 5, {2}, kUInt8));
  EXPECT_CTORCH_ERROR(Runtime, "to - 1 is out of bounds for signed char", randint(0, 200, {2}, kInt8));
  const Tensor probs = tensor({0.2, 0.8});
  EXPECT_CTORCH_ERROR(Runtime, "cannot sample n_sample > prob_dist.size(-1) samples without replacement",
                      multinomial(probs, 3));
  EXPECT_CTORCH_ERROR(Runtime, "cannot sample n_sample <= 0 samples", multinomial(probs, 0));
  EXPECT_CTORCH_ERROR(Runtime, "prob_dist must be 1 or 2 dim", multinomial(zeros({1, 1, 2}), 1));
  EXPECT_CTORCH_ERROR(Runtime, "multinomial only supports floating-point dtypes for input, got: Long",
                      multinomial(tensor({1, 2}), 1));
  EXPECT_CTORCH_ERROR(Runtime, "probability tensor contains either `inf`, `nan` or element < 0",
                      multinomial(tensor({-0.2, 0.8}), 1));
  EXPECT_CTORCH_ERROR(Runtime, "invalid multinomial distribution (sum of probabilities <= 0)",
                      multinomial(zeros({2}), 1));
  EXPECT_CTORCH_ERROR(Runtime, "Expected a CPUGeneratorImplState of size 5056 but found the input RNG state size to be 3",
                      set_rng_state(zeros({3}, kUInt8)));
  EXPECT_CTORCH_ERROR(Type, "expected a torch.ByteTensor, but got CPUFloatType", set_rng_state(zeros({5056})));
  Tensor bad = before.clone();
  bad.data_ptr<uint8_t>()[8] = 0;  // left = 0
  EXPECT_CTORCH_ERROR(Runtime, "Invalid mt19937 state", set_rng_state(bad));
  EXPECT_TRUE(equal(get_rng_state(), before));
  EXPECT_TRUE(equal(t, zeros({3})));
}

// random.md §3.2: a non-contiguous output receives its draws in memory order.
TEST(RandomLayout, NonContiguousOutputsFollowMemoryOrder) {
  manual_seed(3);
  const auto flat = values<float>(rand({20}));
  manual_seed(3);
  Tensor t = empty({5, 4}).t();  // 4x5 view of a 5x4 buffer
  t.uniform_();
  for (int64_t i = 0; i < 4; ++i)
    for (int64_t j = 0; j < 5; ++j) EXPECT_EQ(t[i][j].item<float>(), flat[static_cast<size_t>(j * 4 + i)]);

  manual_seed(3);
  Tensor s = empty({6, 10}).slice(1, 0, std::nullopt, 2);  // strided: logical row-major order
  s.uniform_();
  manual_seed(3);
  EXPECT_EQ(values<float>(s), values<float>(rand({6, 5})));

  // normal_ on a non-contiguous output takes the serial path (§5.1) even when it is large: the
  // same doubles as 200 one-element float64 calls (whose cache carries across calls).
  manual_seed(11);
  std::vector<float> serial;
  for (int k = 0; k < 200; ++k) serial.push_back(static_cast<float>(randn({1}, kFloat64).item<double>()));
  manual_seed(11);
  Tensor n = empty({10, 20}).t();
  n.normal_();
  EXPECT_EQ(values<float>(n.t()), serial);  // n.t() reads the buffer in memory order
}

TEST(RandomLayout, EmptyTensorsDrawNothing) {
  manual_seed(42);
  randn({0});
  rand({0, 3});
  randperm(1);
  EXPECT_EQ(values<float>(rand({1})), std::vector<float>{0.8822692632675171f});
}

// Several threads drawing from the default generator: each call is one unbroken run of the
// stream, so the multiset of all draws equals one serial run of the same number of draws.
TEST(RandomThreads, DefaultGeneratorIsThreadSafe) {
  constexpr int kThreads = 4, kCalls = 200, kPerCall = 50;
  manual_seed(2024);
  const std::vector<uint32_t> serial = raw_words(int64_t{kThreads} * kCalls * kPerCall);
  manual_seed(2024);
  std::vector<std::vector<uint32_t>> drawn(kThreads);
  std::vector<std::thread> threads;
  for (int k = 0; k < kThreads; ++k) {
    threads.emplace_back([&, k] {
      for (int c = 0; c < kCalls; ++c) {
        const auto w = raw_words(kPerCall);
        drawn[k].insert(drawn[k].end(), w.begin(), w.end());
      }
    });
  }
  for (auto& t : threads) t.join();
  std::vector<uint32_t> all;
  for (const auto& d : drawn) all.insert(all.end(), d.begin(), d.end());
  std::vector<uint32_t> expected = serial;
  std::sort(all.begin(), all.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(all, expected);
  // and each call's 50 words are a contiguous run of the serial stream
  const auto first = std::search(serial.begin(), serial.end(), drawn[0].begin(), drawn[0].begin() + kPerCall);
  EXPECT_NE(first, serial.end());
}

TEST(RandomDtypes, EveryDtypeSamples) {
  manual_seed(1);
  for (ScalarType d : {kFloat16, kBFloat16, kFloat32, kFloat64}) {
    for (double v : ctorch_test::doubles(rand({100}, d))) {
      EXPECT_GE(v, 0.0);
      EXPECT_LT(v, 1.0);
    }
    EXPECT_EQ(randn({40}, d).dtype(), d);
  }
  for (ScalarType d : {kUInt8, kInt8, kInt16, kInt32, kInt64, kFloat16, kBFloat16, kFloat32, kFloat64}) {
    for (double v : ctorch_test::doubles(randint(3, 9, {50}, d))) {
      EXPECT_GE(v, 3.0);
      EXPECT_LT(v, 9.0);
    }
  }
  Tensor b = empty({30}, kBool);
  b.random_();
  EXPECT_EQ(b.dtype(), kBool);
  EXPECT_EQ(ctorch::sum(randperm(12, kFloat32)).item<double>(), 66.0);
}

// ---- Philox4x32-10 (beyond PyTorch; docs/random.md) -----------------------------------------

// Random123's kat_vectors, "philox4x32 10" lines: the first three words of the stream are the
// output of counter 0 under the key (seed low, seed high), so a seed of 0 gives the first vector.
TEST(RandomPhilox, KnownAnswerCounterZeroKeyZero) {
  Generator g(0, RngEngine::Philox4x32_10);
  EXPECT_EQ(raw_words(4, &g), (std::vector<uint32_t>{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}));
}

// All three Random123 vectors on the bijection itself (the stream above uses counters
// (block low, block high, 0, 0) only), and the stream's second block is counter 1.
TEST(RandomPhilox, KnownAnswerBijection) {
  using C = std::array<uint32_t, 4>;
  EXPECT_EQ(philox4x32_10({0, 0, 0, 0}, {0, 0}), (C{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}));
  EXPECT_EQ(philox4x32_10({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}, {0xffffffffu, 0xffffffffu}),
            (C{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}));
  EXPECT_EQ(philox4x32_10({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}, {0xa4093822u, 0x299f31d0u}),
            (C{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}));
  Generator g((uint64_t{0x299f31d0u} << 32) | 0xa4093822u, RngEngine::Philox4x32_10);
  const auto w = raw_words(8, &g);
  const C block1 = philox4x32_10({1, 0, 0, 0}, {0xa4093822u, 0x299f31d0u});
  EXPECT_EQ((C{w[4], w[5], w[6], w[7]}), block1);
}

// Statistical sanity with fixed seeds (deterministic, so they cannot flake): the mean, the
// variance and a chi-square over 16 buckets, each within wide bounds of its expectation.
TEST(RandomPhilox, UniformStatistics) {
  Generator g(12345, RngEngine::Philox4x32_10);
  const int64_t n = 200000;
  const auto u = ctorch_test::doubles(rand({n}, kFloat64, &g));
  double sum = 0, sq = 0;
  std::vector<int64_t> buckets(16, 0);
  for (double v : u) {
    ASSERT_GE(v, 0.0);
    ASSERT_LT(v, 1.0);
    sum += v;
    sq += v * v;
    ++buckets[static_cast<size_t>(v * 16)];
  }
  const double mean = sum / n, var = sq / n - mean * mean;
  EXPECT_NEAR(mean, 0.5, 0.005);       // sd of the mean: 0.00065
  EXPECT_NEAR(var, 1.0 / 12, 0.002);
  double chi2 = 0;
  for (int64_t c : buckets) chi2 += std::pow(c - n / 16.0, 2) / (n / 16.0);
  EXPECT_LT(chi2, 37.7);  // the 0.001 quantile of chi-square with 15 degrees of freedom
}

TEST(RandomPhilox, NormalStatistics) {
  for (ScalarType d : {kFloat32, kFloat64}) {
    Generator g(777, RngEngine::Philox4x32_10);
    const int64_t n = 200001;  // odd: the last pair's second value is dropped
    const auto z = ctorch_test::doubles(randn({n}, d, &g));
    double sum = 0, sq = 0;
    int64_t below = 0;
    for (double v : z) {
      sum += v;
      sq += v * v;
      below += v < 0;
    }
    const double mean = sum / n, var = sq / n - mean * mean;
    EXPECT_NEAR(mean, 0.0, 0.012);  // sd of the mean: 0.0022
    EXPECT_NEAR(var, 1.0, 0.015);
    EXPECT_NEAR(static_cast<double>(below) / n, 0.5, 0.005);
  }
}

// Element i depends only on (seed, offset, i): a tensor drawn in two halves equals one drawn whole,
// for normals too (even-sized halves keep the pairs).
TEST(RandomPhilox, CounterBasedStreamSplits) {
  Generator a(99, RngEngine::Philox4x32_10), b(99, RngEngine::Philox4x32_10);
  const auto whole = values<float>(randn({64}, kFloat32, &a));
  auto first = values<float>(randn({32}, kFloat32, &b));
  const auto second = values<float>(randn({32}, kFloat32, &b));
  first.insert(first.end(), second.begin(), second.end());
  EXPECT_EQ(first, whole);
  EXPECT_EQ(a.get_state().numel(), 24);
  a.set_state(b.get_state());
  EXPECT_EQ(values<float>(rand({3}, &a)), values<float>(rand({3}, &b)));
}

}  // namespace
