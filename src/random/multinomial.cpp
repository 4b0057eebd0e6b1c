// multinomial (random.md §10), as PyTorch 2.x: without replacement, or with one sample, the
// exponential race (argmax / topk of probs / Exp(1)); with replacement, inverse-CDF sampling.
#include <cmath>

#include "ctorch/dispatch.h"
#include "ctorch/elementwise.h"
#include "ctorch/random.h"
#include "ctorch/reduce.h"
#include "ctorch/sorting.h"
#include "random/sample_util.h"

namespace ctorch {

namespace {

// §10.2 for one row of `n` weights; all of row 0's samples come before row 1's.
template <typename T>
void sample_row(detail::GeneratorImpl& g, const T* w, int64_t stride, int64_t n, int64_t k,
                int64_t* out, std::vector<T>& cdf) {
  T sum = T(0);
  for (int64_t j = 0; j < n; ++j) {
    const T v = w[j * stride];
    const double d = static_cast<double>(static_cast<std::conditional_t<is_reduced_float_v<T>, float, T>>(v));
    CTORCH_CHECK(d >= 0, Runtime, "invalid multinomial distribution (encountering probability entry < 0)");
    CTORCH_CHECK(std::isfinite(d), Runtime,
                 "invalid multinomial distribution (encountering probability entry = infinity or NaN)");
    sum = T(sum + v);
    cdf[j] = sum;
  }
  CTORCH_CHECK(sum > T(0), Runtime, "invalid multinomial distribution (sum of probabilities <= 0)");
  for (int64_t j = 0; j < n; ++j) cdf[j] = T(cdf[j] / sum);
  cdf[n - 1] = T(1);
  for (int64_t s = 0; s < k; ++s) {
    const double u = random::u53(g);
    int64_t lo = 0, hi = n;
    while (hi > lo) {
      const int64_t mid = lo + (hi - lo) / 2;
      if (static_cast<double>(cdf[mid]) < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    out[s] = lo;
  }
}

}  // namespace

Tensor multinomial(const Tensor& probs, int64_t num_samples, bool replacement, Generator* generator) {
  CTORCH_CHECK(probs.dim() > 0 && probs.dim() <= 2, Runtime, "prob_dist must be 1 or 2 dim");
  if (probs.is_cuda()) {  // Note [Host fallback] for sampling
    return multinomial(probs.detach().cpu(), num_samples, replacement, generator).to(probs.device());
  }
  CTORCH_CHECK(probs.is_floating_point(), Runtime,
               "multinomial only supports floating-point dtypes for input, got: ", legacy_name(probs.dtype()));
  CTORCH_CHECK(num_samples > 0, Runtime, "cannot sample n_sample <= 0 samples");
  const int64_t n = probs.size(-1);
  CTORCH_CHECK(replacement || num_samples <= n, Runtime,
               "cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  CTORCH_CHECK(n <= (int64_t{1} << 24), Runtime, "number of categories cannot exceed 2^24");
  const int64_t rows = probs.dim() == 1 ? 1 : probs.size(0);
  Tensor result = probs.dim() == 1 ? empty({num_samples}, kInt64) : empty({rows, num_samples}, kInt64);
  if (result.numel() == 0) return result;

  if (!replacement || num_samples == 1) {
    const bool valid = ctorch::max(probs).item<double>() < INFINITY && ctorch::min(probs).item<double>() >= 0;
    CTORCH_CHECK(valid, Runtime, "probability tensor contains either `inf`, `nan` or element < 0");
    const Tensor sums = probs.dim() == 1 ? sum(probs) : sum(probs, {1});
    CTORCH_CHECK(!ctorch::any(sums == 0).item<bool>(), Runtime,
                 "invalid multinomial distribution (sum of probabilities <= 0)");
    Tensor q = empty(probs.sizes(), probs.dtype());
    exponential_(q, 1, generator);
    const Tensor w = probs / q;
    if (num_samples == 1) return argmax(w, -1, true);
    return topk(w, num_samples).indices;
  }

  const Tensor p = probs.dim() == 1 ? probs.unsqueeze(0) : probs;
  detail::GeneratorImpl& g = detail::resolve(generator).impl();
  std::lock_guard<std::mutex> lock(g.mutex);
  int64_t* out = result.data_ptr<int64_t>();
  dispatch(p.dtype(), [&]<typename T>() {
    if constexpr (std::is_floating_point_v<T> || is_reduced_float_v<T>) {
      std::vector<T> cdf(static_cast<size_t>(n));
      const T* base = p.data_ptr<T>();
      for (int64_t r = 0; r < rows; ++r)
        sample_row<T>(g, base + r * p.stride(0), p.stride(1), n, num_samples, out + r * num_samples, cdf);
    }
  });
  return result;
}

}  // namespace ctorch
