// normal_, randn, randn_like, normal (random.md §5) and log_normal_ (§9).
#include <cmath>

#include "core/make.h"
#include "ctorch/dispatch.h"
#include "ctorch/elementwise.h"
#include "ctorch/ops.h"
#include "ctorch/random.h"
#include "ctorch/reduce.h"
#include "random/normal_kernels.h"
#include "random/sample_util.h"

namespace ctorch {

namespace random {

// §5.2: one standard normal in double, from the cache or from a fresh pair (whose second value
// is cached). Follows PyTorch 2.x: log1p(-u2) (§12.1).
double serial_normal(detail::GeneratorImpl& g) {
  if (g.next_double_normal) {
    const double z = *g.next_double_normal;
    g.next_double_normal.reset();
    return z;
  }
  const double u1 = u53(g);
  const double u2 = u53(g);
  const double r = std::sqrt(-2.0 * std::log1p(-u2));
  const double theta = 6.283185307179586 * u1;
  g.next_double_normal = r * std::sin(theta);
  return r * std::cos(theta);
}

}  // namespace random

namespace {

using random::u24;
using random::u53;

template <typename T>
void serial_path(detail::GeneratorImpl& g, T* out, int64_t n, double mean, double std) {
  for (int64_t i = 0; i < n; ++i) out[i] = convert<T>(std::fma(random::serial_normal(g), std, mean));
}

// §5.3 step 1 and the redraw of step 3: n uniforms stored as T (float32 or float64).
template <typename T>
void draw_fractions(detail::GeneratorImpl& g, T* out, int64_t n) {
  if constexpr (std::is_same_v<T, float>) {
    alignas(64) uint32_t words[random::kChunk];
    for (int64_t done = 0; done < n;) {
      const int64_t m = std::min(n - done, random::kChunk);
      g.fill(words, m);
      for (int64_t i = 0; i < m; ++i) out[done + i] = u24(words[i]);
      done += m;
    }
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = u53(g);
  }
}

// §5.5: one 16-value float64 block.
void transform_block(double* d, double mean, double std) {
  for (int j = 0; j < 8; ++j) {
    const double u1 = 1.0 - d[j], u2 = d[j + 8];
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double theta = 6.283185307179586 * u2;
    d[j] = std::fma(radius * std::cos(theta), std, mean);
    d[j + 8] = std::fma(radius * std::sin(theta), std, mean);
  }
}

// §5.3: the fill path of a contiguous float32 or float64 output of n >= 16 values: all n
// fractions first, the blocks in place, then 16 fresh draws for the last block (n + 16 draws).
template <typename T>
void fill_path(detail::GeneratorImpl& g, T* data, int64_t n, double mean, double std) {
  draw_fractions(g, data, n);
  const int64_t whole = n - n % 16;
  if constexpr (std::is_same_v<T, float>) {
    const float m = static_cast<float>(mean), s = static_cast<float>(std);
    random::normal_blocks_float(data, whole, m, s);
    if (whole != n) {
      draw_fractions(g, data + n - 16, 16);
      random::normal_blocks_float(data + n - 16, 16, m, s);
    }
  } else {
    for (int64_t o = 0; o < whole; o += 16) transform_block(data + o, mean, std);
    if (whole != n) {
      draw_fractions(g, data + n - 16, 16);
      transform_block(data + n - 16, mean, std);
    }
  }
}

// The fill path of float16 / bfloat16, PyTorch 2.x (cpu/DistributionTemplates.h, normal_fill with
// opmath_t = float): each block is drawn and transformed in float32 exactly as §5.4 (mean and std
// rounded from double to float) and only then rounded to T; 1.13's half/bf16 arithmetic (§5.6) is
// gone. The blocks are drawn one after the other into a float buffer, not into the output first,
// so the redrawn last block takes the 16 words after the whole blocks: whole + 16 draws, where
// float32 takes n + 16 (randn(40) of float16 is not randn(40) of float32 rounded).
template <typename T>
void fill_path_reduced(detail::GeneratorImpl& g, T* data, int64_t n, double mean, double std) {
  const float m = static_cast<float>(mean), s = static_cast<float>(std);
  const int64_t whole = n - n % 16;
  static_assert(random::kChunk % 16 == 0, "a chunk holds whole blocks");
  alignas(64) float values[random::kChunk];
  for (int64_t done = 0; done < whole;) {
    const int64_t k = std::min(whole - done, random::kChunk);
    draw_fractions(g, values, k);
    random::normal_blocks_float(values, k, m, s);
    for (int64_t i = 0; i < k; ++i) data[done + i] = T(values[i]);
    done += k;
  }
  if (whole != n) {
    draw_fractions(g, values, 16);
    random::normal_blocks_float(values, 16, m, s);
    for (int64_t i = 0; i < 16; ++i) data[n - 16 + i] = T(values[i]);
  }
}

// The Philox normal (docs/random.md): element 2k and 2k+1 from one Box-Muller pair of the
// generator's next words; device-independent arithmetic only; no cache, no blocks.
template <typename T>
void philox_normal(detail::GeneratorImpl& g, T* out, int64_t n, double mean, double std) {
  for (int64_t i = 0; i < n; i += 2) {
    if constexpr (std::is_same_v<T, double>) {
      const double a = u53(g), b = u53(g);
      const double radius = std::sqrt(-2.0 * random::philox_log(1.0 - a));
      double sn, cs;
      random::philox_sincos(6.283185307179586 * b, &sn, &cs);
      out[i] = std::fma(radius * cs, std, mean);
      if (i + 1 < n) out[i + 1] = std::fma(radius * sn, std, mean);
    } else {
      const float a = u24(g.random()), b = u24(g.random());
      float z1, z2;
      random::box_muller_float(a, b, static_cast<float>(mean), static_cast<float>(std), &z1, &z2);
      out[i] = T(z1);
      if (i + 1 < n) out[i + 1] = T(z2);
    }
  }
}

void check_normal_std(double std) {
  CTORCH_CHECK(std >= 0.0, Runtime, "normal expects std >= 0.0, but found std ", std);
}

void check_floating(ScalarType dtype, const char* kernel) {
  CTORCH_CHECK(is_floating_point(dtype), NotImplemented, "\"", kernel, "\" not implemented for '",
               legacy_name(dtype), "'");
}

void check_tensor_std(const Tensor& std) {
  CTORCH_CHECK(std.numel() == 0 || ctorch::min(std).item<double>() >= 0.0, Runtime,
               "normal expects all elements of std >= 0.0");
}

}  // namespace

Tensor& normal_(Tensor& self, double mean, double std, Generator* generator) {
  if (self.is_cuda()) return random::sample_on_host(self, [&](Tensor& h) { normal_(h, mean, std, generator); });
  check_normal_std(std);
  check_floating(self.dtype(), "normal_kernel_cpu");
  const int64_t n = self.numel();
  if (n == 0) return self;
  detail::GeneratorImpl& g = detail::resolve(generator).impl();
  std::lock_guard<std::mutex> lock(g.mutex);
  dispatch(self.dtype(), [&]<typename T>() {
    if constexpr (std::is_floating_point_v<T> || is_reduced_float_v<T>) {
      if (g.engine == RngEngine::Philox4x32_10) {
        random::fill_in_memory_order<T>(self, [&](T* out, int64_t m) { philox_normal(g, out, m, mean, std); });
      } else if (n >= 16 && self.is_contiguous()) {
        if constexpr (std::is_floating_point_v<T>) {
          fill_path(g, self.data_ptr<T>(), n, mean, std);
        } else {
          fill_path_reduced(g, self.data_ptr<T>(), n, mean, std);
        }
      } else {
        random::fill_in_memory_order<T>(self, [&](T* out, int64_t m) { serial_path(g, out, m, mean, std); });
      }
    }
  });
  return self;
}

Tensor randn(IntArrayRef size, const TensorOptions& options, Generator* generator) {
  const ScalarType dtype = options.dtype_or_default();
  check_floating(dtype, "normal_kernel_cpu");
  Tensor out = make_contiguous(size, dtype, options.device_or_cpu());
  normal_(out, 0, 1, generator);
  apply_requires_grad_option(out, options);
  return out;
}

Tensor randn(IntArrayRef size, Generator* generator, const TensorOptions& options) {
  return randn(size, options, generator);
}

Tensor randn_like(const Tensor& like, const TensorOptions& options, Generator* generator) {
  Tensor out = empty_like(like, options);
  normal_(out, 0, 1, generator);
  return out;
}

Tensor normal(double mean, double std, IntArrayRef size, const TensorOptions& options,
              Generator* generator) {
  check_normal_std(std);
  const ScalarType dtype = options.dtype_or_default();
  check_floating(dtype, "normal_kernel_cpu");
  Tensor out = make_contiguous(size, dtype, options.device_or_cpu());
  normal_(out, mean, std, generator);
  return out;
}

// §5.7: standard normals into a fresh contiguous output, then `* std` and `+ mean`, each rounded.
Tensor normal(const Tensor& mean, const Tensor& std, Generator* generator) {
  check_tensor_std(std);
  Tensor out = empty(broadcast_shapes({mean.sizes(), std.sizes()}), TensorOptions(mean.dtype()).device(mean.device()));
  normal_(out, 0, 1, generator);
  out.mul_(std);
  out.add_(mean);
  return out;
}

Tensor normal(const Tensor& mean, double std, Generator* generator) {
  check_normal_std(std);
  Tensor out = empty(mean.sizes(), TensorOptions(mean.dtype()).device(mean.device()));
  normal_(out, 0, std, generator);
  out.add_(mean);
  return out;
}

Tensor normal(double mean, const Tensor& std, Generator* generator) {
  check_tensor_std(std);
  Tensor out = empty(std.sizes(), TensorOptions(std.dtype()).device(std.device()));
  normal_(out, 0, 1, generator);
  out.mul_(std);
  out.add_(mean);
  return out;
}

// §9: exp of a serial normal; uses and refills the shared cache whatever the size.
Tensor& log_normal_(Tensor& self, double mean, double std, Generator* generator) {
  CTORCH_CHECK(std > 0.0, Runtime, "log_normal_ expects std > 0.0, but found std=", std);
  check_floating(self.dtype(), "log_normal_cpu");
  if (self.numel() == 0) return self;
  detail::GeneratorImpl& g = detail::resolve(generator).impl();
  std::lock_guard<std::mutex> lock(g.mutex);
  dispatch(self.dtype(), [&]<typename T>() {
    random::fill_in_memory_order<T>(self, [&](T* out, int64_t n) {
      for (int64_t i = 0; i < n; ++i)
        out[i] = convert<T>(std::exp(std::fma(random::serial_normal(g), std, mean)));
    });
  });
  return self;
}

}  // namespace ctorch
