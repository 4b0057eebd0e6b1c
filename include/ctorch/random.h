// ctorch/random.h: sampling, bit for bit as PyTorch's CPU generator (../shared/spec/random.md).
//
//   ctorch::manual_seed(42);
//   ctorch::rand({1, 5});                    // tensor([[0.8823, 0.9150, 0.3829, 0.9593, 0.3904]])
//   ctorch::randn({3}, ctorch::kFloat64);    // options as for the other factories
//   ctorch::randint(0, 10, {8});             // int64 unless a dtype is given
//   ctorch::Generator g(7);  ctorch::rand({2}, &g);   // a private stream
//   ctorch::empty({4}).uniform_(-1, 1);      // the in-place samplers are Tensor methods too
//
// Every function takes an optional Generator* (nullptr: the default generator) and holds its
// lock for the whole call. Outputs are filled in memory order (random.md §3), so a transposed
// view gets the same draws as its contiguous base. Checks run before any draw: a call that
// fails leaves the generator and the tensor unchanged.
#pragma once

#include <cstdint>
#include <optional>

#include "ctorch/generator.h"
#include "ctorch/tensor.h"

namespace ctorch {

// ---- factories -------------------------------------------------------------------------------
Tensor rand(IntArrayRef size, const TensorOptions& options = {}, Generator* generator = nullptr);
Tensor rand(IntArrayRef size, Generator* generator, const TensorOptions& options = {});
Tensor randn(IntArrayRef size, const TensorOptions& options = {}, Generator* generator = nullptr);
Tensor randn(IntArrayRef size, Generator* generator, const TensorOptions& options = {});
// Integers in [low, high) (randint(high, size): low = 0); int64 unless a dtype is given.
Tensor randint(int64_t low, int64_t high, IntArrayRef size, const TensorOptions& options = {},
               Generator* generator = nullptr);
Tensor randint(int64_t high, IntArrayRef size, const TensorOptions& options = {},
               Generator* generator = nullptr);
// A random permutation of 0..n-1, int64 unless a dtype is given.
Tensor randperm(int64_t n, const TensorOptions& options = {}, Generator* generator = nullptr);
Tensor rand_like(const Tensor& like, const TensorOptions& options = {}, Generator* generator = nullptr);
Tensor randn_like(const Tensor& like, const TensorOptions& options = {}, Generator* generator = nullptr);
Tensor randint_like(const Tensor& like, int64_t low, int64_t high, const TensorOptions& options = {},
                    Generator* generator = nullptr);
Tensor randint_like(const Tensor& like, int64_t high, const TensorOptions& options = {},
                    Generator* generator = nullptr);

// ---- normal (random.md §5.7) -------------------------------------------------------------------
Tensor normal(double mean, double std, IntArrayRef size, const TensorOptions& options = {},
              Generator* generator = nullptr);
Tensor normal(const Tensor& mean, const Tensor& std, Generator* generator = nullptr);
Tensor normal(const Tensor& mean, double std = 1, Generator* generator = nullptr);
Tensor normal(double mean, const Tensor& std, Generator* generator = nullptr);

// ---- in-place samplers (also Tensor methods) -------------------------------------------------
Tensor& uniform_(Tensor& self, double from = 0, double to = 1, Generator* generator = nullptr);
Tensor& normal_(Tensor& self, double mean = 0, double std = 1, Generator* generator = nullptr);
// random_(): the dtype's whole non-negative range (§6.2); random_(to): [0, to);
// random_(from, to): [from, to); random_(from, std::nullopt): [from, dtype max] (§6.4).
Tensor& random_(Tensor& self, Generator* generator = nullptr);
Tensor& random_(Tensor& self, int64_t to, Generator* generator = nullptr);
Tensor& random_(Tensor& self, int64_t from, std::optional<int64_t> to, Generator* generator = nullptr);
Tensor& bernoulli_(Tensor& self, double p = 0.5, Generator* generator = nullptr);
Tensor& bernoulli_(Tensor& self, const Tensor& p, Generator* generator = nullptr);
Tensor& exponential_(Tensor& self, double lambd = 1, Generator* generator = nullptr);
Tensor& geometric_(Tensor& self, double p, Generator* generator = nullptr);
Tensor& log_normal_(Tensor& self, double mean = 1, double std = 2, Generator* generator = nullptr);
Tensor& cauchy_(Tensor& self, double median = 0, double sigma = 1, Generator* generator = nullptr);

// ---- bernoulli and multinomial -------------------------------------------------------------------
// Each element is 1 with probability p[i] (p's dtype, shape and values); with p scalar, the shape
// and dtype of `self`.
Tensor bernoulli(const Tensor& p, Generator* generator = nullptr);
Tensor bernoulli(const Tensor& self, double p, Generator* generator = nullptr);
// Indices (int64) drawn from each row of the 1-D or 2-D weights `probs`.
Tensor multinomial(const Tensor& probs, int64_t num_samples, bool replacement = false,
                   Generator* generator = nullptr);

}  // namespace ctorch
