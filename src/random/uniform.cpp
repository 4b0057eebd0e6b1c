// rand, rand_like, uniform_ (random.md §4).
#include <cmath>
#include <limits>

#include "core/make.h"
#include "ctorch/dispatch.h"
#include "ctorch/random.h"
#include "kernels/cuda/kernels.h"
#include "random/sample_util.h"
#include "random/simd.h"

namespace ctorch {

namespace {

using random::kChunk;

// x * d + f with one rounding (§4.2), over a chunk of words. The AVX2+FMA copy lets the compiler
// use vector FMAs; the default copy calls fmaf/fma, which give the same bits.
template <typename F>
[[gnu::always_inline]] inline void scale_words(const uint32_t* w, F* out, int64_t n, F d, F f) {
  if constexpr (std::is_same_v<F, float>) {
    for (int64_t i = 0; i < n; ++i) out[i] = std::fma(random::u24(w[i]), d, f);
  } else {
    for (int64_t i = 0; i < n; ++i)
      out[i] = std::fma(random::u53((uint64_t{w[2 * i]} << 32) | w[2 * i + 1]), d, f);
  }
}
// The fraction alone: rand(), and any range where d == 1 and f == 0 (fma(x, 1, 0) == x).
template <typename F>
[[gnu::always_inline]] inline void unit_words(const uint32_t* w, F* out, int64_t n) {
  if constexpr (std::is_same_v<F, float>) {
    for (int64_t i = 0; i < n; ++i) out[i] = random::u24(w[i]);
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = random::u53((uint64_t{w[2 * i]} << 32) | w[2 * i + 1]);
  }
}

template <typename F>
void scale_default(const uint32_t* w, F* out, int64_t n, F d, F f) { scale_words(w, out, n, d, f); }
template <typename F>
void unit_default(const uint32_t* w, F* out, int64_t n) { unit_words(w, out, n); }
#if CTORCH_RANDOM_X86
template <typename F>
[[gnu::target("avx2,fma")]] void scale_avx2(const uint32_t* w, F* out, int64_t n, F d, F f) {
  scale_words(w, out, n, d, f);
}
template <typename F>
[[gnu::target("avx2,fma")]] void unit_avx2(const uint32_t* w, F* out, int64_t n) { unit_words(w, out, n); }
#endif

// PyTorch 2.x (cpu/DistributionTemplates.h, uniform_kernel): a value that rounds to `to` becomes
// `from`, so that the range stays [from, to). fma(x, d, f) reaches `to` when x is close to 1, e.g.
// float32 uniform_(1, 2) with x = 1 - 2^-24 (1.13 returned 2). A separate pass, so that both
// loops stay vector loops; rand() (d == 1, f == 0) gives x < 1 and needs none.
template <typename F>
void replace_to_by_from(F* out, int64_t n, F t, F f) {
  for (int64_t i = 0; i < n; ++i) out[i] = out[i] == t ? f : out[i];
}

// float32 / float64: chunks of words, then the vector transform. `pytorch_2` applies the rule
// above; Philox's uniform (docs/random.md) is the fma alone, the bits its device kernel computes.
template <typename F>
void uniform_wide(detail::GeneratorImpl& g, F* out, int64_t n, F f, F t, bool pytorch_2) {
  constexpr int64_t kWords = std::is_same_v<F, float> ? 1 : 2;
  const F d = t - f;
  const bool unit = d == F(1) && f == F(0);
  alignas(64) uint32_t words[kChunk];
  for (int64_t done = 0; done < n;) {
    const int64_t m = std::min(n - done, kChunk / kWords);
    g.fill(words, m * kWords);
#if CTORCH_RANDOM_X86
    if (random::has_avx2_fma()) {
      unit ? unit_avx2(words, out + done, m) : scale_avx2(words, out + done, m, d, f);
    } else {
      unit ? unit_default(words, out + done, m) : scale_default(words, out + done, m, d, f);
    }
#else
    unit ? unit_default(words, out + done, m) : scale_default(words, out + done, m, d, f);
#endif
    if (pytorch_2 && !unit) replace_to_by_from(out + done, m, t, f);
    done += m;
  }
}

// float16 / bfloat16, PyTorch 2.x (cpu/DistributionTemplates.h, uniform_kernel with
// opmath_t = float): the float32 sampler above (24-bit fraction; from and to rounded from double
// straight to float, not through T), each value rounded to T, and a value equal to T(to) replaced
// by T(from) (the comparison is in T, so also a float below `to` that rounds up to it).
template <typename T>
void uniform_reduced(detail::GeneratorImpl& g, T* out, int64_t n, double from, double to) {
  const float to_t = convert<T>(to);
  const T from_t = convert<T>(from);
  alignas(64) float values[kChunk];
  for (int64_t done = 0; done < n;) {
    const int64_t m = std::min(n - done, kChunk);
    uniform_wide<float>(g, values, m, static_cast<float>(from), static_cast<float>(to), false);
    for (int64_t i = 0; i < m; ++i) {
      const T v(values[i]);
      out[done + i] = static_cast<float>(v) == to_t ? from_t : v;
    }
    done += m;
  }
}

// float16 / bfloat16 on a Philox generator (docs/random.md): the fraction has 11 / 8 bits;
// arithmetic in float, rounded at the end (PyTorch 1.13's rule, kept as Philox's definition).
template <typename T>
void uniform_narrow(detail::GeneratorImpl& g, T* out, int64_t n, T f, T d) {
  constexpr uint32_t mask = std::is_same_v<T, Half> ? 0x7FFu : 0xFFu;
  constexpr float scale = std::is_same_v<T, Half> ? 0x1p-11f : 0x1p-8f;
  const float ff = f, fd = d;
  for (int64_t i = 0; i < n; ++i) {
    const float x = static_cast<float>(g.random() & mask) * scale;
    out[i] = T(std::fma(x, fd, ff));
  }
}

// The CPU sampler for one dtype and engine, writing n values in draw order.
template <typename T>
void uniform_values(detail::GeneratorImpl& g, T* out, int64_t n, double from, double to) {
  const bool philox = g.engine == RngEngine::Philox4x32_10;
  if constexpr (std::is_floating_point_v<T>) {
    uniform_wide<T>(g, out, n, convert<T>(from), convert<T>(to), !philox);
  } else if (philox) {
    const T f = convert<T>(from), t = convert<T>(to);
    uniform_narrow<T>(g, out, n, f, T(static_cast<float>(t) - static_cast<float>(f)));
  } else {
    uniform_reduced<T>(g, out, n, from, to);
  }
}

template <typename T>
void check_uniform_bounds(double from, double to, ScalarType dtype) {
  using Limits = std::numeric_limits<std::conditional_t<std::is_same_v<T, Half>, float, T>>;
  double lowest, max;
  if constexpr (std::is_same_v<T, Half>) {
    lowest = -65504.0, max = 65504.0;
  } else if constexpr (std::is_same_v<T, BFloat16>) {
    lowest = -0x1.fep127, max = 0x1.fep127;
  } else {
    lowest = static_cast<double>(Limits::lowest()), max = static_cast<double>(Limits::max());
  }
  const auto name = type_meta_name(dtype);
  CTORCH_CHECK(from >= lowest && from <= max, Runtime, "from is out of bounds for ", name);
  CTORCH_CHECK(to >= lowest && to <= max, Runtime, "to is out of bounds for ", name);
  CTORCH_CHECK(from <= to, Runtime, "uniform_ expects to return a [from, to) range, but found from=",
               from, " > to=", to);
  CTORCH_CHECK(to - from <= max, Runtime, "uniform_ expects to-from <= std::numeric_limits<",
               cpp_type_name(dtype), ">::max(), but found to=", to, " and from=", from,
               " which result in to-from to exceed the limit");
}

// A cuda tensor draws on the device when the generator is Philox (a counter-based stream: any
// element is computable on its own) and the tensor is a contiguous float32/float64 one.
bool philox_on_device(const Tensor& self, Generator* generator) {
  return detail::resolve(generator).impl().engine == RngEngine::Philox4x32_10 && self.is_contiguous() &&
         (self.dtype() == kFloat32 || self.dtype() == kFloat64);
}

}  // namespace

Tensor& uniform_(Tensor& self, double from, double to, Generator* generator) {
  const ScalarType dtype = self.dtype();
  if (self.is_cuda() && !philox_on_device(self, generator)) {
    return random::sample_on_host(self, [&](Tensor& h) { uniform_(h, from, to, generator); });
  }
  CTORCH_CHECK(is_floating_point(dtype), NotImplemented, "\"check_uniform_bounds\" not implemented for '",
               legacy_name(dtype), "'");
  dispatch(dtype, [&]<typename T>() {
    if constexpr (std::is_floating_point_v<T> || is_reduced_float_v<T>) {
      check_uniform_bounds<T>(from, to, dtype);
      if (self.numel() == 0) return;
      detail::GeneratorImpl& g = detail::resolve(generator).impl();
      std::lock_guard<std::mutex> lock(g.mutex);
      if constexpr (std::is_floating_point_v<T>) {
        if (self.is_cuda()) {  // the Philox stream computed on the device: the same bits
          const T f = convert<T>(from), t = convert<T>(to);
          const uint64_t words = static_cast<uint64_t>(self.numel()) * (sizeof(T) == 8 ? 2 : 1);
          kernels::cuda::uniform_philox(self, g.philox.seed, g.philox.offset, f, t - f);
          g.philox.set_offset(g.philox.offset + words);
          return;
        }
      }
      random::fill_in_memory_order<T>(self, [&](T* out, int64_t n) { uniform_values<T>(g, out, n, from, to); });
    }
  });
  return self;
}

Tensor rand(IntArrayRef size, const TensorOptions& options, Generator* generator) {
  const ScalarType dtype = options.dtype_or_default();
  CTORCH_CHECK(is_floating_point(dtype), NotImplemented, "\"check_uniform_bounds\" not implemented for '",
               legacy_name(dtype), "'");
  Tensor out = make_contiguous(size, dtype, options.device_or_cpu());
  uniform_(out, 0, 1, generator);
  apply_requires_grad_option(out, options);
  return out;
}

Tensor rand(IntArrayRef size, Generator* generator, const TensorOptions& options) {
  return rand(size, options, generator);
}

Tensor rand_like(const Tensor& like, const TensorOptions& options, Generator* generator) {
  Tensor out = empty_like(like, options);
  uniform_(out, 0, 1, generator);
  return out;
}

}  // namespace ctorch
