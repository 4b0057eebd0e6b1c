// Random numbers: seeding, state, the fork guard, errors, memory order, threads, the FMA
// discipline of random.md, and the opt-in Philox4x32-10 generator.
//
// Expected values come from the spec (random.md §14, computed with PyTorch 1.13, and still what
// PyTorch 2.15 gives), from PyTorch 2.15 itself where 2.x changed a rule (docs/random.md), the
// Random123 known-answer vectors, or an independent recomputation from the raw engine words.
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

// The next n (even) raw 32-bit engine words R(): int64 random_(-2^63, None) stores each
// R64() = R() << 32 | R() whole (random.md §6.4). (PyTorch 2.x's int32 random_ over the whole
// int32 range, which 1.13 made a raw R(), now keeps only the low word of an R64.)
std::vector<uint32_t> raw_words(int64_t n, Generator* g = nullptr) {
  EXPECT_EQ(n % 2, 0);
  Tensor t = empty({n / 2}, kInt64);
  t.random_(std::numeric_limits<int64_t>::min(), std::nullopt, g);
  std::vector<uint32_t> out;
  for (int64_t v : values<int64_t>(t)) {
    out.push_back(static_cast<uint32_t>(static_cast<uint64_t>(v) >> 32));
    out.push_back(static_cast<uint32_t>(v));
  }
  return out;
}

// The inverse of the mt19937 tempering (random.md §1): the state word that R() turns into y.
uint32_t untemper(uint32_t y) {
  y ^= y >> 18;
  y ^= (y << 15) & 0xEFC60000u;
  uint32_t t = y;
  for (int k = 0; k < 5; ++k) t = y ^ ((t << 7) & 0x9D2C5680u);
  y = t;
  for (int k = 0; k < 3; ++k) t = y ^ (t >> 11);
  return t;
}

// Makes the default generator's next draws R() exactly `words` (at most 623): a state with
// left = 624 and next = 0 reads mt[0], mt[1], ... before it regenerates (random.md §11). The same
// state bytes loaded into PyTorch 2.15 (torch.Generator.set_state) gave the expected values below.
void set_next_words(const std::vector<uint32_t>& words) {
  ASSERT_LE(words.size(), 623u);
  manual_seed(0);
  Tensor state = get_rng_state().clone();
  uint8_t* b = state.data_ptr<uint8_t>();
  const int32_t left = 624;
  const uint64_t next = 0;
  std::memcpy(b + 8, &left, 4);
  std::memcpy(b + 16, &next, 8);
  for (size_t i = 0; i < words.size(); ++i) {
    const uint64_t w = untemper(words[i]);
    std::memcpy(b + 24 + 8 * i, &w, 8);
  }
  set_rng_state(state);
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
  const float f = 0.3f, t = 1.7f, d = t - f;
  int differ = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const float x = static_cast<float>(words[i] & 0xFFFFFFu) * 0x1p-24f;
    const float fused = std::fma(x, d, f);
    volatile float product = x * d;  // rounded on its own: no contraction here
    const float separate = product + f;
    differ += fused != separate;
    ASSERT_EQ(got[i], fused == t ? f : fused) << "element " << i;  // PyTorch 2.x: `to` gives `from`
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

// ---- PyTorch 2.x rules (docs/random.md, "PyTorch 2.x"); expected values from PyTorch 2.15 ----

TEST(Random2x, CraftedStateGivesChosenWords) {
  const std::vector<uint32_t> words = {0x00FFFFFFu, 0xABCDEF01u, 0u, 0xFFFFFFFFu};
  set_next_words(words);
  EXPECT_EQ(raw_words(4), words);
}

// cpu/DistributionTemplates.h, uniform_kernel: a value that rounds to `to` becomes `from`.
TEST(Random2x, UniformValueRoundingToTheUpperBoundBecomesFrom) {
  // float32: x = 1 - 2^-24 (low 24 bits all ones), 1 + x rounds to 2.
  set_next_words({0x00FFFFFFu, 0xABFFFFFFu, 0x00FFFFFEu});
  Tensor a = empty({3});
  a.uniform_(1, 2);
  EXPECT_EQ(values<float>(a), (std::vector<float>{1.0f, 1.0f, 0x1.fffffep+0f}));
  set_next_words({0x00FFFFFFu});
  EXPECT_EQ(values<float>(rand({1})), std::vector<float>{0x1.fffffep-1f});  // below 1: kept
  // float64: R64 with its low 53 bits all ones.
  set_next_words({0x001FFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0x001FFFFFu, 0xFFFFFFFEu});
  Tensor b = empty({3}, kFloat64);
  b.uniform_(1, 2);
  EXPECT_EQ(values<double>(b), (std::vector<double>{1.0, 1.0, 0x1.fffffffffffffp+0}));
  // float16 / bfloat16 round the float32 value: from 1 - 2^-12 (half) and 1 - 2^-9 (bfloat16)
  // up, rand gives 1, hence 0; below, the largest value under 1.
  set_next_words({0x00FFFFFFu, 0x00FFF000u, 0x00FFEFFFu});
  EXPECT_EQ(ctorch_test::doubles(rand({3}, kFloat16)), (std::vector<double>{0.0, 0.0, 0.99951171875}));
  set_next_words({0x00FFFFFFu, 0x00FF8000u, 0x00FF7FFFu});
  EXPECT_EQ(ctorch_test::doubles(rand({3}, kBFloat16)), (std::vector<double>{0.0, 0.0, 0.99609375}));
  // `to` = 3.3 is not a half: float values that round to half(3.3) = 3.30078125 give -2.5.
  set_next_words({0x00FFFFFFu, 0x00FFFF00u, 0x00FF0000u});
  Tensor h = empty({3}, kFloat16);
  h.uniform_(-2.5, 3.3);
  EXPECT_EQ(ctorch_test::doubles(h), (std::vector<double>{-2.5, -2.5, 3.27734375}));
  set_next_words({0x00FFFFFFu, 0x00FFFF00u, 0x00FF0000u});
  Tensor bf = empty({3}, kBFloat16);
  bf.uniform_(-2.5, 3.3);
  EXPECT_EQ(ctorch_test::doubles(bf), (std::vector<double>{-2.5, -2.5, 3.28125}));
}

// float16 / bfloat16 draw 24-bit fractions: rand is float32's rand rounded (but for the rule above).
TEST(Random2x, ReducedFloatUniformIsFloat32Rounded) {
  manual_seed(42);
  const auto f = values<float>(rand({33}));
  manual_seed(42);
  const auto h = ctorch_test::doubles(rand({33}, kFloat16));
  manual_seed(42);
  const auto b = ctorch_test::doubles(rand({33}, kBFloat16));
  for (size_t i = 0; i < f.size(); ++i) {
    EXPECT_EQ(h[i], static_cast<float>(Half(f[i]))) << i;
    EXPECT_EQ(b[i], static_cast<float>(BFloat16(f[i]))) << i;
  }
  EXPECT_EQ(h[0], 0x1.c3cp-1);  // conformance vector rand_f16_n33
  EXPECT_EQ(b[0], 0x1.c4p-1);   // rand_bf16_n33
}

// cpu/DistributionTemplates.h, normal_fill: float16/bfloat16 blocks are drawn and transformed in
// float32 (§5.4) and rounded at the end; the redrawn last block takes the 16 words after the
// whole blocks (float32 redraws after all n).
TEST(Random2x, ReducedFloatNormalUsesFloat32Blocks) {
  manual_seed(42);
  const Tensor h = randn({40}, kFloat16);
  const auto hv = ctorch_test::doubles(h);
  EXPECT_EQ(hv[0], 1.9267578125);
  EXPECT_EQ(hv[23], 1.6806640625);
  EXPECT_EQ(hv[24], -1.384765625);
  EXPECT_EQ(hv[39], -0.48779296875);
  EXPECT_EQ(rand({1}).item<float>(), 0.7539175152778625f);  // 32 + 16 words were drawn
  manual_seed(42);
  const Tensor whole = randn({32}), tail = randn({16});
  EXPECT_TRUE(equal(h, cat({whole.slice(0, 0, 24), tail}).to(kFloat16)));

  manual_seed(7);
  Tensor b = empty({33}, kBFloat16);
  b.normal_(0.5, 2.0);  // mean and std rounded to float, not to bfloat16
  const auto bv = ctorch_test::doubles(b);
  EXPECT_EQ(bv[0], -1.140625);
  EXPECT_EQ(bv[16], -2.671875);
  EXPECT_EQ(bv[17], 0.33203125);
  EXPECT_EQ(bv[32], 1.0234375);
  manual_seed(7);
  Tensor w = empty({32}), t = empty({16});
  w.normal_(0.5, 2.0);
  t.normal_(0.5, 2.0);
  EXPECT_TRUE(equal(b, cat({w.slice(0, 0, 17), t}).to(kBFloat16)));

  manual_seed(3);  // a multiple of 16 draws the same words as float32
  const Tensor h64 = randn({64}, kFloat16);
  manual_seed(3);
  EXPECT_TRUE(equal(h64, randn({64}).to(kFloat16)));
}

// core/DistributionsHelper.h, uniform_int_from_to_distribution: R64 for every range >= 2^28.
TEST(Random2x, IntegerRangesFromTwoToThe28DrawSixtyFourBits) {
  manual_seed(1);
  EXPECT_EQ(values<int64_t>(randint(0, 1 << 28, {4})),
            (std::vector<int64_t>{256344299, 247206984, 13419401, 264314501}));
  manual_seed(1);
  EXPECT_EQ(values<int32_t>(randint(0, 1 << 28, {4}, kInt32)),
            (std::vector<int32_t>{256344299, 247206984, 13419401, 264314501}));
  manual_seed(1);
  EXPECT_EQ(values<int64_t>(randint(0, (1 << 28) - 1, {4})),
            (std::vector<int64_t>{180483115, 256344314, 140980119, 247206998}));
  // The whole int32 range: the low word of each R64, minus 2^31 (conformance vector
  // random_int32_full_range_gives_raw32).
  manual_seed(42);
  const std::vector<uint32_t> words = raw_words(8);
  manual_seed(42);
  Tensor t = empty({4}, kInt32);
  t.random_(-2147483648LL, std::optional<int64_t>(2147483648LL));
  EXPECT_EQ(values<int32_t>(t), (std::vector<int32_t>{1273642419, -1359637234, 1201263687, 415968276}));
  for (size_t i = 0; i < 4; ++i)
    EXPECT_EQ(static_cast<uint32_t>(values<int32_t>(t)[i]) + 0x80000000u, words[2 * i + 1]);
  manual_seed(42);
  Tensor u = empty({4}, kInt32);
  u.random_(0, std::nullopt);  // range 2^31
  EXPECT_EQ(values<int32_t>(u), (std::vector<int32_t>{1273642419, 787846414, 1201263687, 415968276}));
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
  EXPECT_CTORCH_ERROR(NotImplemented, "\"check_uniform_bounds\" not implemented for 'Long'", rand({2}, kInt64));
  EXPECT_CTORCH_ERROR(NotImplemented, "\"normal_kernel_cpu\" not implemented for 'Long'", randn({2}, kInt64));
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

// Philox's uniform is docs/random.md's definition, not PyTorch 2.x's: float16 takes an 11-bit
// fraction, and no value is replaced (the device kernel computes the same bits).
TEST(RandomPhilox, UniformKeepsItsDefinition) {
  Generator a(5, RngEngine::Philox4x32_10), b(5, RngEngine::Philox4x32_10);
  const auto w = raw_words(6, &a);
  const auto h = ctorch_test::doubles(rand({6}, kFloat16, &b));
  for (size_t i = 0; i < w.size(); ++i)
    EXPECT_EQ(h[i], static_cast<float>(Half(static_cast<float>(w[i] & 0x7FFu) * 0x1p-11f))) << i;
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
