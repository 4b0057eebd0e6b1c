// The Tensor methods of the samplers: each calls the free function of random.h.
#include "ctorch/random.h"

namespace ctorch {

Tensor& Tensor::uniform_(double from, double to, Generator* g) { return ctorch::uniform_(*this, from, to, g); }
Tensor& Tensor::normal_(double mean, double std, Generator* g) { return ctorch::normal_(*this, mean, std, g); }
Tensor& Tensor::random_(Generator* g) { return ctorch::random_(*this, g); }
Tensor& Tensor::random_(int64_t to, Generator* g) { return ctorch::random_(*this, to, g); }
Tensor& Tensor::random_(int64_t from, std::optional<int64_t> to, Generator* g) {
  return ctorch::random_(*this, from, to, g);
}
Tensor& Tensor::bernoulli_(double p, Generator* g) { return ctorch::bernoulli_(*this, p, g); }
Tensor& Tensor::bernoulli_(const Tensor& p, Generator* g) { return ctorch::bernoulli_(*this, p, g); }
Tensor Tensor::bernoulli(Generator* g) const { return ctorch::bernoulli(*this, g); }
Tensor& Tensor::exponential_(double lambd, Generator* g) { return ctorch::exponential_(*this, lambd, g); }
Tensor& Tensor::geometric_(double p, Generator* g) { return ctorch::geometric_(*this, p, g); }
Tensor& Tensor::log_normal_(double mean, double std, Generator* g) {
  return ctorch::log_normal_(*this, mean, std, g);
}
Tensor& Tensor::cauchy_(double median, double sigma, Generator* g) {
  return ctorch::cauchy_(*this, median, sigma, g);
}
Tensor Tensor::multinomial(int64_t num_samples, bool replacement, Generator* g) const {
  return ctorch::multinomial(*this, num_samples, replacement, g);
}

}  // namespace ctorch
