// The recording versions of the differentiable ops. An op calls its version here when
// autograd::should_record(inputs) is true (one line at the top of the op); the version computes
// the op itself with grad mode off (so its internal steps record nothing) and records one node
// whose formula sits in src/autograd/formulas/<family>.cpp, written with public ops.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "autograd/function.h"
#include "ctorch/autograd.h"
#include "ctorch/reduce.h"
#include "kernels/cpu/elementwise_ops.h"
#include "ops/advanced_index.h"

namespace ctorch::autograd::diff {

template <typename F>
auto no_grad(F&& f) {
  NoGradGuard guard;
  return f();
}

// ---- elementwise (formulas/elementwise.cpp) ---------------------------------------------------------
// out: the op's result, computed by the caller with grad mode off. floor_divide: `//`, which has
// no derivative (A4.3).
Tensor binary(kernels::cpu::BinaryOp op, const Operand& a, const Operand& b, const Scalar& alpha,
              bool floor_divide, Tensor out);
Tensor unary(kernels::cpu::UnaryOp op, const Tensor& a, Tensor out);
Tensor where(const Tensor& condition, const Operand& a, const Operand& b);
Tensor clamp(const Tensor& a, const std::optional<Scalar>& min, const std::optional<Scalar>& max);
Tensor clamp(const Tensor& a, const std::optional<Tensor>& min, const std::optional<Tensor>& max);
Tensor clamp_min(const Tensor& a, const Scalar& min);
Tensor clamp_max(const Tensor& a, const Scalar& max);
Tensor clamp_min(const Tensor& a, const Tensor& min);
Tensor clamp_max(const Tensor& a, const Tensor& max);
Tensor masked_fill(const Tensor& a, const Tensor& mask, const Scalar& value);
Tensor masked_fill(const Tensor& a, const Tensor& mask, const Tensor& value);
Tensor round(const Tensor& a, int64_t decimals);
Tensor lerp(const Tensor& start, const Tensor& end, const Scalar& weight);
Tensor lerp(const Tensor& start, const Tensor& end, const Tensor& weight);
Tensor nan_to_num(const Tensor& a, std::optional<double> nan, std::optional<double> posinf,
                  std::optional<double> neginf);

// ---- reductions (formulas/reduce.cpp); dims empty with all=true: every dim ----------------------------
Tensor sum(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype, bool all);
Tensor mean(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype, bool all);
Tensor prod(const Tensor& self, std::optional<int64_t> dim, bool keepdim, std::optional<ScalarType> dtype);
Tensor var_std(const Tensor& self, IntArrayRef dim, double correction, bool keepdim, bool take_sqrt);
Tensor max_min_all(const Tensor& self, bool is_max);
ValuesIndices max_min_dim(const Tensor& self, int64_t dim, bool keepdim, bool is_max);
Tensor amax_amin(const Tensor& self, IntArrayRef dim, bool keepdim, bool is_max);
Tensor cumsum(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype);
Tensor cumprod(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype);
Tensor softmax(const Tensor& self, int64_t dim, bool log);
Tensor logsumexp(const Tensor& self, IntArrayRef dim, bool keepdim);
Tensor norm(const Tensor& self, double p, IntArrayRef dim, bool keepdim);
ValuesIndices sort_like(const Tensor& self, int64_t dim, const char* name,
                        const std::function<ValuesIndices()>& compute);

// ---- matrix products (formulas/linalg.cpp) -----------------------------------------------------------
Tensor mm(const Tensor& a, const Tensor& b);
Tensor bmm(const Tensor& a, const Tensor& b);
Tensor mv(const Tensor& a, const Tensor& v);
Tensor dot(const Tensor& a, const Tensor& b);
Tensor addmm(const Tensor& input, const Tensor& m1, const Tensor& m2, const Scalar& beta, const Scalar& alpha);

// ---- copies, joins, indexing (formulas/shape.cpp) -------------------------------------------------
Tensor clone(const Tensor& self);
Tensor to(const Tensor& self, Device device, ScalarType dtype);
Tensor& copy_(Tensor& self, const Tensor& src);
Tensor& fill_(Tensor& self, const Scalar& value, bool zero);
Tensor cat(const std::vector<Tensor>& tensors, int64_t dim);
Tensor stack(const std::vector<Tensor>& tensors, int64_t dim);
Tensor index(const Tensor& self, const OptionalIndices& indices);
void index_put_(Tensor& self, const OptionalIndices& indices, const Tensor& value, bool accumulate);
Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index);
Tensor gather(const Tensor& self, int64_t dim, const Tensor& index);
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor* src,
               const Scalar& value, bool add);
Tensor masked_select(const Tensor& self, const Tensor& mask);
Tensor take(const Tensor& self, const Tensor& index);
Tensor flip(const Tensor& self, IntArrayRef dims);
Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims);
Tensor repeat(const Tensor& self, IntArrayRef repeats);

// The gradient of a slice [start, end) with `step` along `dim` of a tensor of `sizes`: g in the
// sliced places, zeros elsewhere (built with cat, so it is differentiable again).
Tensor slice_backward(const Tensor& g, IntArrayRef sizes, int64_t dim, int64_t start, int64_t end, int64_t step);
// One node for the outputs of split/unbind/chunk (views of self, each a multi-output view).
void record_multi_view(const std::vector<Tensor>& outputs, const Tensor& self, const char* name,
                       std::function<Tensor(const std::vector<Tensor>& grads)> backward);

}  // namespace ctorch::autograd::diff
