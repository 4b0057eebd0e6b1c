// Gradients of reductions, scans, softmax and norms (autograd.md A3.5, A3.6, A4.5-A4.8).
#include <cmath>
#include <limits>

#include "autograd/diff.h"
#include "core/wrap_dim.h"
#include "ctorch/activation.h"
#include "ctorch/elementwise.h"
#include "ctorch/factory.h"
#include "ctorch/indexing_ops.h"
#include "ctorch/ops.h"

namespace ctorch::autograd::diff {

namespace {

// The reduced dims, wrapped (all dims when `all` or when the list is empty).
std::vector<int64_t> reduced_dims(const Tensor& self, IntArrayRef dim, bool all) {
  std::vector<int64_t> dims;
  if (all || dim.empty()) {
    for (int64_t d = 0; d < self.dim(); ++d) dims.push_back(d);
  } else {
    for (int64_t d : dim) dims.push_back(wrap_dim(d, std::max<int64_t>(self.dim(), 1)));
  }
  return dims;
}

int64_t reduced_count(IntArrayRef sizes, const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= sizes.empty() ? 1 : sizes[static_cast<size_t>(d)];
  return n;
}

// g (a reduction's gradient) with the reduced dims restored as size 1.
Tensor restore(const Tensor& g, const std::vector<int64_t>& dims, int64_t ndim, bool keepdim) {
  return unsqueeze_dims(g, dims, ndim, keepdim);
}

// PyTorch's prod_safe_zeros_backward: exclusive products from both sides, exact with zeros.
Tensor prod_safe_zeros_backward(const Tensor& grad, const Tensor& input, int64_t dim) {
  const int64_t n = input.size(dim);
  if (n == 1) return grad;
  Size ones_size = input.sizes();
  ones_size[static_cast<size_t>(dim)] = 1;
  const Tensor one = ones(ones_size, options_of(input));
  const Tensor exclusive_normal = ctorch::cat({one, input.narrow(dim, 0, n - 1)}, dim).cumprod(dim);
  const Tensor narrow_reverse = input.narrow(dim, 1, n - 1).flip({dim});
  const Tensor exclusive_reverse = ctorch::cat({one, narrow_reverse}, dim).cumprod(dim).flip({dim});
  return grad * (exclusive_normal * exclusive_reverse);
}

}  // namespace

Tensor sum(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype, bool all) {
  Tensor out = no_grad([&] { return all ? ctorch::sum(self, dtype) : ctorch::sum(self, dim, keepdim, dtype); });
  const auto dims = reduced_dims(self, dim, all);
  const Size sizes = self.sizes();
  record(all ? "SumBackward0" : "SumBackward1", {&self}, {&out}, {}, [dims, sizes, keepdim](Ctx& c) {
    return grads{restore(c.grad(), dims, static_cast<int64_t>(sizes.size()), keepdim).expand(sizes)};
  });
  return out;
}

Tensor mean(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype, bool all) {
  Tensor out = no_grad([&] { return all ? ctorch::mean(self, dtype) : ctorch::mean(self, dim, keepdim, dtype); });
  const auto dims = reduced_dims(self, dim, all);
  const Size sizes = self.sizes();
  const int64_t n = reduced_count(sizes, dims);
  record(all ? "MeanBackward0" : "MeanBackward1", {&self}, {&out}, {}, [dims, sizes, keepdim, n](Ctx& c) {
    return grads{restore(c.grad(), dims, static_cast<int64_t>(sizes.size()), keepdim).expand(sizes) / n};
  });
  return out;
}

Tensor prod(const Tensor& self, std::optional<int64_t> dim, bool keepdim, std::optional<ScalarType> dtype) {
  Tensor out = no_grad([&] { return dim ? ctorch::prod(self, *dim, keepdim, dtype) : ctorch::prod(self, dtype); });
  const int64_t d = dim ? wrap_dim(*dim, std::max<int64_t>(self.dim(), 1)) : -1;
  record(dim ? "ProdBackward1" : "ProdBackward0", {&self}, {&out}, {save(self), save_output()},
         [d, keepdim](Ctx& c) {
           const Tensor x = c.saved(0), result = c.saved(1);
           if (x.dim() == 0) return grads{c.grad()};
           if (d < 0) {  // over everything (A4.6): one zero, several zeros, none
             const int64_t zeros_n = (x == 0).sum().item<int64_t>();
             if (zeros_n == 0) return grads{c.grad() * (result / x)};
             if (zeros_n > 1) return grads{zeros_like(x, TensorOptions(c.grad().dtype()))};
             return grads{prod_safe_zeros_backward(c.grad(), x.flatten(), 0).view(x.sizes())};
           }
           const Tensor g = keepdim ? c.grad() : c.grad().unsqueeze(d);
           const Tensor r = keepdim ? result : result.unsqueeze(d);
           if ((x == 0).sum().item<int64_t>() == 0) return grads{g * (r / x)};
           return grads{prod_safe_zeros_backward(g, x, d)};
         });
  return out;
}

Tensor var_std(const Tensor& self, IntArrayRef dim, double correction, bool keepdim, bool take_sqrt) {
  Tensor out = no_grad([&] {
    return take_sqrt ? ctorch::std(self, dim, Correction{correction}, keepdim)
                     : ctorch::var(self, dim, Correction{correction}, keepdim);
  });
  const auto dims = reduced_dims(self, dim, false);
  const int64_t ndim = self.dim();
  const double n = static_cast<double>(reduced_count(self.sizes(), dims));
  record(take_sqrt ? "StdBackward0" : "VarBackward0", {&self}, {&out},
         {save(self), take_sqrt ? save_output() : nothing()}, [=](Ctx& c) {
           Tensor g = c.grad();
           if (take_sqrt) {  // std: the var formula on g / (2 std), 0 where std == 0 (A3.5)
             const Tensor result = c.saved(1);
             g = (g / (result * 2)).masked_fill(result == 0, 0);
           }
           const Tensor x = c.saved(0);
           // 2.x: 2 / max(0, N - correction), so N <= correction gives inf (NaN where x == mean).
           const double scale = 2.0 / std::max(0.0, n - correction);
           return grads{scale * restore(g, dims, ndim, keepdim) * (x - x.mean(dims, true))};
         });
  return out;
}

Tensor max_min_all(const Tensor& self, bool is_max) {
  Tensor out = no_grad([&] { return is_max ? ctorch::max(self) : ctorch::min(self); });
  record(is_max ? "MaxBackward1" : "MinBackward1", {&self}, {&out}, {save(self), save_output()}, [](Ctx& c) {
    const Tensor x = c.saved(0), value = c.saved(1);
    // Ties share g evenly; a NaN result is shared among the NaNs (A3.6). Zeros elsewhere are +0
    // whatever g's sign (PyTorch fills, evenly_distribute_backward).
    const Tensor mask = std::isnan(value.item<double>()) ? x.isnan() : x == value;
    return grads{zeros_like(x).masked_fill(mask, c.grad() / mask.sum())};
  });
  return out;
}

ValuesIndices max_min_dim(const Tensor& self, int64_t dim, bool keepdim, bool is_max) {
  ValuesIndices out = no_grad([&] { return is_max ? ctorch::max(self, dim, keepdim) : ctorch::min(self, dim, keepdim); });
  const int64_t d = wrap_dim(dim, std::max<int64_t>(self.dim(), 1));
  const Size sizes = self.sizes();
  const Tensor indices = out.indices;
  record(is_max ? "MaxBackward0" : "MinBackward0", {&self}, {&out.values, nullptr}, {},
         [=](Ctx& c) {
           if (sizes.empty()) return grads{c.grad()};
           const Tensor g = keepdim ? c.grad() : c.grad().unsqueeze(d);
           const Tensor idx = keepdim ? indices : indices.unsqueeze(d);
           return grads{zeros(sizes, options_of(c.grad())).scatter(d, idx, g)};
         });
  return out;
}

Tensor amax_amin(const Tensor& self, IntArrayRef dim, bool keepdim, bool is_max) {
  Tensor out = no_grad([&] { return is_max ? ctorch::amax(self, dim, keepdim) : ctorch::amin(self, dim, keepdim); });
  const auto dims = reduced_dims(self, dim, false);
  const int64_t ndim = self.dim();
  record(is_max ? "AmaxBackward0" : "AminBackward0", {&self}, {&out}, {save(self), save_output()}, [=](Ctx& c) {
    const Tensor x = c.saved(0), value = restore(c.saved(1), dims, ndim, keepdim);
    // PyTorch 2.x's scale_grad_by_count: a NaN result matches nothing, so its count is 0 and every
    // gradient of that slice is NaN.
    const Tensor mask = x == value;
    const Tensor count = mask.sum(dims, true);
    return grads{(restore(c.grad(), dims, ndim, keepdim) / count) * mask};
  });
  return out;
}

Tensor cumsum(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  Tensor out = no_grad([&] { return ctorch::cumsum(self, dim, dtype); });
  const int64_t d = wrap_dim(dim, std::max<int64_t>(self.dim(), 1));
  record("CumsumBackward0", {&self}, {&out}, {}, [d](Ctx& c) {
    const Tensor& g = c.grad();
    if (g.dim() == 0) return grads{g};
    return grads{g.flip({d}).cumsum(d).flip({d})};
  });
  return out;
}

// dx_i = sum_{j >= i} g_j prod_{k <= j, k != i} x_k, exact with zeros (A3.5): before the first
// zero of a slice it is revcumsum(g * out) / x; at the first zero, the product of what precedes it
// times revcumsum(g * cumprod of what follows); after it, 0.
Tensor cumprod(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  Tensor out = no_grad([&] { return ctorch::cumprod(self, dim, dtype); });
  const int64_t d = wrap_dim(dim, std::max<int64_t>(self.dim(), 1));
  record("CumprodBackward0", {&self}, {&out}, {save(self), save_output()}, [d](Ctx& c) {
    const Tensor& g = c.grad();
    const Tensor x = c.saved(0), y = c.saved(1);
    if (x.dim() == 0 || x.numel() == 0) return grads{g};
    auto revcumsum = [d](const Tensor& t) { return t.flip({d}).cumsum(d).flip({d}); };
    const Tensor is_zero = x == 0;
    const Tensor zeros_so_far = is_zero.to(kInt64).cumsum(d);
    const Tensor before = zeros_so_far == 0;
    const Tensor first_zero = is_zero & (zeros_so_far == 1);
    const Tensor safe_x = ctorch::where(before, x, 1.0);
    // Outputs from the first zero on depend on x_i through that zero only: they add exactly 0
    // (not 0 * inf), so they are left out of the sum, as PyTorch does.
    Tensor result = ctorch::where(before, revcumsum(ctorch::where(before, g * y, 0.0)) / safe_x, 0.0);
    if (is_zero.any().item<bool>()) {
      const int64_t n = x.size(d);
      Size ones_size = x.sizes();
      ones_size[static_cast<size_t>(d)] = 1;
      const Tensor exclusive = ctorch::cat({ones(ones_size, options_of(x)), y.narrow(d, 0, n - 1)}, d);
      const Tensor after = ctorch::where(zeros_so_far >= 1, x, 1.0).masked_fill(first_zero, 1.0);
      // Outputs from a second zero on add exactly 0 here too.
      const Tensor at_zero = exclusive * revcumsum(ctorch::where(zeros_so_far == 1, g * after.cumprod(d), 0.0));
      result = result + ctorch::where(first_zero, at_zero, 0.0);
    }
    return grads{result};
  });
  return out;
}

Tensor softmax(const Tensor& self, int64_t dim, bool log) {
  Tensor out = no_grad([&] { return log ? ctorch::log_softmax(self, dim) : ctorch::softmax(self, dim); });
  const int64_t d = wrap_dim(dim, std::max<int64_t>(self.dim(), 1));
  record(log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", {&self}, {&out}, {save_output()}, [d, log](Ctx& c) {
    const Tensor& g = c.grad();
    const Tensor y = c.saved(0);
    const IntArrayRef dims = y.dim() == 0 ? IntArrayRef() : IntArrayRef(d);
    if (log) return grads{g - y.exp() * g.sum(dims, true)};
    return grads{y * (g - (g * y).sum(dims, true))};
  });
  return out;
}

Tensor logsumexp(const Tensor& self, IntArrayRef dim, bool keepdim) {
  Tensor out = no_grad([&] { return ctorch::logsumexp(self, dim, keepdim); });
  const auto dims = reduced_dims(self, dim, false);
  const int64_t ndim = self.dim();
  record("LogsumexpBackward0", {&self}, {&out}, {save(self), save_output()}, [=](Ctx& c) {
    return grads{restore(c.grad(), dims, ndim, keepdim) * (c.saved(0) - restore(c.saved(1), dims, ndim, keepdim)).exp()};
  });
  return out;
}

// 2.x routes every vector norm to linalg_vector_norm (A2.4 and §7); formulas of A3.6.
Tensor norm(const Tensor& self, double p, IntArrayRef dim, bool keepdim) {
  Tensor out = no_grad([&] { return ctorch::norm(self, p, dim, keepdim); });
  const auto dims = reduced_dims(self, dim, false);
  const int64_t ndim = self.dim();
  record("LinalgVectorNormBackward0", {&self}, {&out}, {save(self), save_output()}, [=](Ctx& c) -> grads {
    if (p == 0) return {Tensor()};  // no gradient at all (A4.7)
    const Tensor x = c.saved(0);
    const Tensor g = restore(c.grad(), dims, ndim, keepdim);
    const Tensor n = restore(c.saved(1), dims, ndim, keepdim);
    if (p == 1) return {x.sign() * g};
    if (p == 2) return {x * (g / n).masked_fill(n == 0, 0)};
    if (std::isinf(p)) {
      // amax of |x|, NaN included: a NaN element counts as a maximum (and its sign is 0).
      const Tensor mask = (x.abs() == n) | x.isnan();
      return {x.sign() * ((g / mask.sum(dims, true)) * mask)};
    }
    if (p < 1) {
      const Tensor scaled = x.sign() * x.abs().pow(p - 1).masked_fill(x == 0, 0);
      return {scaled * g * n.pow(1 - p)};
    }
    const Tensor scaled = p < 2 ? x.sign() * x.abs().pow(p - 1) : x * x.abs().pow(p - 2);
    return {scaled * (g / n.pow(p - 1)).masked_fill(n == 0, 0)};
  });
  return out;
}

ValuesIndices sort_like(const Tensor& self, int64_t dim, const char* name,
                        const std::function<ValuesIndices()>& compute) {
  ValuesIndices out = no_grad(compute);
  const int64_t d = wrap_dim(dim, std::max<int64_t>(self.dim(), 1));
  const Size sizes = self.sizes();
  const Tensor indices = out.indices;
  record(name, {&self}, {&out.values, nullptr}, {}, [=](Ctx& c) {
    if (sizes.empty()) return grads{c.grad()};
    return grads{zeros(sizes, options_of(c.grad())).scatter(d, indices, c.grad())};
  });
  return out;
}

}  // namespace ctorch::autograd::diff
