// bernoulli (random.md §8), exponential_, geometric_ and cauchy_ (§9).
#include <cmath>

#include "ctorch/dispatch.h"
#include "ctorch/random.h"
#include "random/sample_util.h"

namespace ctorch {

namespace {

using random::u53;

void check_floating(ScalarType dtype, const char* kernel) {
  CTORCH_CHECK(is_floating_point(dtype), NotImplemented, "\"", kernel, "\" not implemented for '",
               legacy_name(dtype), "'");
}

// Fills `self` (any dtype) in memory order with value(g) per element, under the generator's lock.
template <typename Value>
void fill_each(Tensor& self, Generator* generator, Value&& value) {
  if (self.numel() == 0) return;
  detail::GeneratorImpl& g = detail::resolve(generator).impl();
  std::lock_guard<std::mutex> lock(g.mutex);
  dispatch(self.dtype(), [&]<typename T>() {
    random::fill_in_memory_order<T>(self, [&](T* out, int64_t n) {
      for (int64_t i = 0; i < n; ++i) out[i] = convert<T>(value(g));
    });
  });
}

}  // namespace

Tensor& bernoulli_(Tensor& self, double p, Generator* generator) {
  if (self.is_cuda()) return random::sample_on_host(self, [&](Tensor& h) { bernoulli_(h, p, generator); });
  CTORCH_CHECK(0 <= p && p <= 1, Runtime, "bernoulli_ expects p to be in [0, 1], but got p=", p);
  fill_each(self, generator, [p](detail::GeneratorImpl& g) { return u53(g) < p ? 1.0 : 0.0; });
  return self;
}

// §8.2: float64 p compares a 53-bit fraction, the other floating dtypes a 24-bit one.
Tensor& bernoulli_(Tensor& self, const Tensor& p, Generator* generator) {
  if (self.is_cuda()) return random::sample_on_host(self, [&](Tensor& h) { bernoulli_(h, p.cpu(), generator); });
  check_floating(p.dtype(), "bernoulli_tensor_cpu_p_");
  if (self.numel() == 0) return self;
  const Tensor probs = random::in_memory_order_of(p, self).to(kFloat64);  // float/half/bf16 exact
  const double* q = probs.data_ptr<double>();
  const bool wide = p.dtype() == kFloat64;
  detail::GeneratorImpl& g = detail::resolve(generator).impl();
  std::lock_guard<std::mutex> lock(g.mutex);
  dispatch(self.dtype(), [&]<typename T>() {
    random::fill_in_memory_order<T>(self, [&](T* out, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        const bool one = wide ? u53(g) < q[i]
                              : random::u24(g.random()) < static_cast<float>(q[i]);
        out[i] = convert<T>(one);
      }
    });
  });
  return self;
}

Tensor bernoulli(const Tensor& p, Generator* generator) {
  Tensor out = empty(p.sizes(), p.dtype());
  bernoulli_(out, p, generator);
  return out;
}

Tensor bernoulli(const Tensor& self, double p, Generator* generator) {
  Tensor out = empty(self.sizes(), self.dtype());
  bernoulli_(out, p, generator);
  return out;
}

// PyTorch 2.x: log1p(-u) (§12.1).
Tensor& exponential_(Tensor& self, double lambd, Generator* generator) {
  if (self.is_cuda()) return random::sample_on_host(self, [&](Tensor& h) { exponential_(h, lambd, generator); });
  CTORCH_CHECK(lambd >= 0.0, Runtime, "exponential_ expects lambda >= 0.0, but found lambda=", lambd);
  check_floating(self.dtype(), "exponential_cpu");
  fill_each(self, generator, [lambd](detail::GeneratorImpl& g) {
    return (-1.0 / lambd) * std::log1p(-u53(g));
  });
  return self;
}

Tensor& geometric_(Tensor& self, double p, Generator* generator) {
  if (self.is_cuda()) return random::sample_on_host(self, [&](Tensor& h) { geometric_(h, p, generator); });
  CTORCH_CHECK(0 < p && p < 1, Runtime, "geometric_ expects p to be in (0, 1), but got p=", p);
  CTORCH_CHECK(self.dtype() != kBool, NotImplemented, "\"geometric_cpu\" not implemented for 'Bool'");
  const double log_q = std::log1p(-p);
  fill_each(self, generator, [log_q](detail::GeneratorImpl& g) {
    return std::ceil(std::log(u53(g)) / log_q);
  });
  return self;
}

Tensor& cauchy_(Tensor& self, double median, double sigma, Generator* generator) {
  if (self.is_cuda()) return random::sample_on_host(self, [&](Tensor& h) { cauchy_(h, median, sigma, generator); });
  check_floating(self.dtype(), "cauchy_cpu");
  fill_each(self, generator, [median, sigma](detail::GeneratorImpl& g) {
    return std::fma(sigma, std::tan(3.141592653589793 * (u53(g) - 0.5)), median);
  });
  return self;
}

}  // namespace ctorch
