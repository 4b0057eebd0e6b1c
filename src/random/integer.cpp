// random_, randint, randint_like (random.md §6) and randperm (§7).
#include <cmath>
#include <limits>

#include "core/make.h"
#include "ctorch/dispatch.h"
#include "ctorch/random.h"
#include "random/sample_util.h"

namespace ctorch {

namespace {

template <typename T>
constexpr bool is_float_v = std::is_floating_point_v<T> || is_reduced_float_v<T>;

template <typename T>
constexpr int digits() {
  if constexpr (std::is_same_v<T, Half>) return 11;
  if constexpr (std::is_same_v<T, BFloat16>) return 8;
  if constexpr (std::is_floating_point_v<T>) return std::numeric_limits<T>::digits;
  return 0;
}

int floor_log2(int64_t v) {
  int n = 0;
  while (v >>= 1) ++n;
  return n;
}

// §6.3: move the bounds inward when the dtype rounds them outward.
template <typename T>
int64_t update_from(int64_t from) {
  const int64_t rounded = convert<int64_t>(convert<T>(from + 1));
  if (rounded < from) {
    from = rounded + (int64_t{1} << (floor_log2(std::llabs(from + 1)) - digits<T>() + 1));
  }
  return from;
}
template <typename T>
int64_t update_to(int64_t to) {
  const int64_t rounded = convert<int64_t>(convert<T>(to - 1));
  if (rounded >= to) {
    to = rounded - (int64_t{1} << (floor_log2(std::llabs(to - 1)) - digits<T>() + 1));
  }
  return to;
}

template <typename T>
void check_in_range(int64_t from, int64_t to_inc, ScalarType dtype) {
  const auto name = type_meta_name(dtype);
  if constexpr (is_float_v<T>) {
    double max;
    if constexpr (std::is_same_v<T, Half>) {
      max = 65504.0;
    } else if constexpr (std::is_same_v<T, BFloat16>) {
      max = 0x1.fep127;
    } else {
      max = static_cast<double>(std::numeric_limits<T>::max());
    }
    const auto f = static_cast<double>(from), t = static_cast<double>(to_inc);
    CTORCH_CHECK(f >= -max && f <= max, Runtime, "from is out of bounds for ", name);
    CTORCH_CHECK(t >= -max && t <= max, Runtime, "to - 1 is out of bounds for ", name);
  } else {
    const auto lo = static_cast<int64_t>(std::numeric_limits<T>::lowest());
    const auto hi = static_cast<int64_t>(std::numeric_limits<T>::max());
    CTORCH_CHECK(from >= lo && from <= hi, Runtime, "from is out of bounds for ", name);
    CTORCH_CHECK(to_inc >= lo && to_inc <= hi, Runtime, "to - 1 is out of bounds for ", name);
  }
}

// §6.1 as PyTorch 2.x draws (core/DistributionsHelper.h, uniform_int_from_to_distribution): a
// 64-bit draw whenever range >= 2^28, for every dtype, so that the modulo bias of one 32-bit
// word stays under about 5%. 1.13 drew 64 bits only for range >= 2^32 and only for int64, float64,
// float32 and bfloat16 (an int32 random_ over the whole int32 range now gives the low word of R64).
inline bool draws_64_bits(uint64_t range) { return range >= (uint64_t{1} << 28); }

// §6.1: (v mod range) + base, v one or two words as above.
template <typename T>
void random_from_range(Tensor& self, Generator* generator, uint64_t range, int64_t base) {
  detail::GeneratorImpl& g = detail::resolve(generator).impl();
  std::lock_guard<std::mutex> lock(g.mutex);
  random::fill_in_memory_order<T>(self, [&](T* out, int64_t n) {
    if (draws_64_bits(range)) {
      for (int64_t i = 0; i < n; ++i) {
        const uint64_t v = g.random64();
        out[i] = convert<T>(static_cast<int64_t>(v % range + static_cast<uint64_t>(base)));
      }
      return;
    }
    // One 32-bit word per element: draw in chunks and take the remainder by multiplication
    // (Lemire, "Faster remainder by direct computation", 2019: exact for 32-bit operands).
    const uint64_t magic = ~uint64_t{0} / range + 1;
    alignas(64) uint32_t words[random::kChunk];
    for (int64_t done = 0; done < n;) {
      const int64_t m = std::min(n - done, random::kChunk);
      g.fill(words, m);
      for (int64_t i = 0; i < m; ++i) {
        const uint64_t low = magic * words[i];
        const auto r = static_cast<uint64_t>((static_cast<unsigned __int128>(low) * range) >> 64);
        out[done + i] = convert<T>(static_cast<int64_t>(r + static_cast<uint64_t>(base)));
      }
      done += m;
    }
  });
}

}  // namespace

Tensor& random_(Tensor& self, int64_t from, std::optional<int64_t> to, Generator* generator) {
  if (self.is_cuda()) return random::sample_on_host(self, [&](Tensor& h) { random_(h, from, to, generator); });
  const ScalarType dtype = self.dtype();
  dispatch(dtype, [&]<typename T>() {
    if (to) {
      int64_t hi = *to;
      CTORCH_CHECK(from < hi, Runtime, "random_ expects 'from' to be less than 'to', but got from=",
                   from, " >= to=", hi);
      if constexpr (is_float_v<T>) {
        from = update_from<T>(from);
        hi = update_to<T>(hi);
        CTORCH_CHECK(from < hi, Runtime,
                     "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, "
                     "but got from=", from, " >= to=", hi);
      }
      check_in_range<T>(from, hi - 1, dtype);
      if (self.numel() == 0) return;
      random_from_range<T>(self, generator, static_cast<uint64_t>(hi) - static_cast<uint64_t>(from), from);
    } else if (from != std::numeric_limits<int64_t>::min()) {
      int64_t to_inc;
      if constexpr (is_float_v<T>) {
        to_inc = digits<T>() >= 63 ? std::numeric_limits<int64_t>::max() : int64_t{1} << digits<T>();
        from = update_from<T>(from);
        CTORCH_CHECK(from < to_inc, Runtime,
                     "random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' "
                     "casted to dtype, but got from=", from, " > to_inc=", to_inc);
      } else {
        to_inc = static_cast<int64_t>(std::numeric_limits<T>::max());
      }
      check_in_range<T>(from, to_inc, dtype);
      if (self.numel() == 0) return;
      random_from_range<T>(self, generator,
                           static_cast<uint64_t>(to_inc) - static_cast<uint64_t>(from) + 1, from);
    } else {
      // [-2^63, 2^63): a whole 64-bit draw read as int64 (§6.4).
      constexpr bool ok = std::is_same_v<T, int64_t> || std::is_same_v<T, double> ||
                          std::is_same_v<T, float> || std::is_same_v<T, BFloat16>;
      CTORCH_CHECK(ok, Runtime, "random_from_to_kernel_cpu handles only int64, double, float and bfloat16");
      if (self.numel() == 0) return;
      detail::GeneratorImpl& g = detail::resolve(generator).impl();
      std::lock_guard<std::mutex> lock(g.mutex);
      random::fill_in_memory_order<T>(self, [&](T* out, int64_t n) {
        for (int64_t i = 0; i < n; ++i) out[i] = convert<T>(static_cast<int64_t>(g.random64()));
      });
    }
  });
  return self;
}

Tensor& random_(Tensor& self, int64_t to, Generator* generator) {
  return random_(self, 0, std::optional<int64_t>(to), generator);
}

// §6.2: the dtype's non-negative integers (floats: those it holds exactly, and one more).
Tensor& random_(Tensor& self, Generator* generator) {
  if (self.is_cuda()) return random::sample_on_host(self, [&](Tensor& h) { random_(h, generator); });
  if (self.numel() == 0) return self;
  detail::GeneratorImpl& g = detail::resolve(generator).impl();
  std::lock_guard<std::mutex> lock(g.mutex);
  dispatch(self.dtype(), [&]<typename T>() {
    random::fill_in_memory_order<T>(self, [&](T* out, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        if constexpr (std::is_same_v<T, bool>) {
          out[i] = (g.random() & 1u) != 0;
        } else if constexpr (std::is_same_v<T, int64_t> || std::is_same_v<T, double>) {
          const uint64_t m = std::is_same_v<T, double> ? (uint64_t{1} << 53) + 1 : uint64_t{1} << 63;
          out[i] = convert<T>(static_cast<int64_t>(g.random64() % m));
        } else if constexpr (is_float_v<T>) {
          out[i] = convert<T>(static_cast<int64_t>(g.random() % ((uint64_t{1} << digits<T>()) + 1)));
        } else {
          const uint64_t m = static_cast<uint64_t>(std::numeric_limits<T>::max()) + 1;
          out[i] = convert<T>(static_cast<int64_t>(g.random() % m));
        }
      }
    });
  });
  return self;
}

Tensor randint(int64_t low, int64_t high, IntArrayRef size, const TensorOptions& options,
               Generator* generator) {
  const ScalarType dtype = options.dtype() ? *options.dtype() : kInt64;
  Tensor out = make_contiguous(size, dtype, options.device_or_cpu());
  random_(out, low, std::optional<int64_t>(high), generator);
  apply_requires_grad_option(out, options);
  return out;
}

Tensor randint(int64_t high, IntArrayRef size, const TensorOptions& options, Generator* generator) {
  return randint(0, high, size, options, generator);
}

Tensor randint_like(const Tensor& like, int64_t low, int64_t high, const TensorOptions& options,
                    Generator* generator) {
  Tensor out = empty_like(like, options);
  random_(out, low, std::optional<int64_t>(high), generator);
  return out;
}

Tensor randint_like(const Tensor& like, int64_t high, const TensorOptions& options,
                    Generator* generator) {
  return randint_like(like, 0, high, options, generator);
}

Tensor randperm(int64_t n, const TensorOptions& options, Generator* generator) {
  CTORCH_CHECK(n >= 0, Runtime, "n must be non-negative, got", n);
  if (!options.device_or_cpu().is_cpu()) {  // Note [Host fallback] for sampling
    return randperm(n, options.device(Device(kCPU)), generator).to(options.device_or_cpu());
  }
  const ScalarType dtype = options.dtype() ? *options.dtype() : kInt64;
  CTORCH_CHECK(dtype != kBool, NotImplemented, "\"randperm\" not implemented for 'Bool'");
  CTORCH_CHECK(dtype != kFloat16 || n <= 2049, Runtime, "n cannot be greater than 2049 for Half type.");
  CTORCH_CHECK(dtype != kFloat32 || n <= (int64_t{1} << 24) + 1, Runtime,
               "n cannot be greater than 2^24+1 for Float type.");
  CTORCH_CHECK(dtype != kFloat64 || n <= (int64_t{1} << 53) + 1, Runtime,
               "n cannot be greater than 2^53+1 for Double type.");
  Tensor out = make_contiguous({n}, dtype, options.device_or_cpu());
  std::vector<int64_t> r(static_cast<size_t>(n));
  {
    detail::GeneratorImpl& g = detail::resolve(generator).impl();
    std::lock_guard<std::mutex> lock(g.mutex);
    if (n < 214748364) {  // (2^32 - 1) / 20: PyTorch's Fisher-Yates below, inside-out above
      for (int64_t i = 0; i < n; ++i) r[i] = i;
      for (int64_t i = 0; i + 1 < n; ++i) {
        const int64_t z = static_cast<int64_t>(g.random() % static_cast<uint64_t>(n - i));
        std::swap(r[i], r[i + z]);
      }
    } else {
      for (int64_t i = 0; i < n; ++i) {
        const auto z = static_cast<int64_t>(g.random64() % static_cast<uint64_t>(i + 1));
        r[i] = r[z];
        r[z] = i;
      }
    }
  }
  dispatch(dtype, [&]<typename T>() {
    T* data = out.data_ptr<T>();
    for (int64_t i = 0; i < n; ++i) data[i] = convert<T>(r[i]);
  });
  apply_requires_grad_option(out, options);
  return out;
}

}  // namespace ctorch
