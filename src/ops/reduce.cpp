// Reductions and scans (semantics.md §10): dims, result dtypes and shapes, checks with PyTorch's
// messages, allocation. The arithmetic is kernels/cpu/reduce.cpp. PyTorch's behaviour comes from
// aten/src/ATen/native/ReduceOps.cpp, ReduceOpsUtils.h (dim lists, zero-size checks),
// TensorCompare.cpp (max/min with dim) and ReduceAllOps.cpp (max/min of everything).
#include "ctorch/reduce.h"

#include "autograd/diff.h"
#include "core/make.h"
#include "core/wrap_dim.h"
#include "kernels/device_switch.h"
#include "ops/host_fallback.h"

namespace ctorch {

namespace {

using kernels::cpu::ReduceKind;

// Which dims a dim list reduces: an empty list means all; negatives wrap; repeats are an error.
std::vector<bool> dim_mask(const Tensor& t, IntArrayRef dims) {
  const int64_t ndim = t.dim();
  std::vector<bool> mask(static_cast<size_t>(ndim), dims.empty());
  std::vector<bool> seen(static_cast<size_t>(std::max<int64_t>(ndim, 1)), false);
  for (int64_t d : dims) {
    const int64_t w = wrap_dim(d, ndim);
    CTORCH_CHECK(!seen[w], Runtime, "dim ", w, " appears multiple times in the list of dims");
    seen[w] = true;
    if (ndim > 0) mask[w] = true;
  }
  return mask;
}

std::vector<bool> one_dim(const Tensor& t, int64_t dim) { return dim_mask(t, IntArrayRef(dim)); }

// The input seen as (kept dims..., reduced dims...) and the output shapes.
struct Plan {
  Tensor input;
  int64_t n_kept = 0;
  Size out_shape;   // kept dims only
  Size keep_shape;  // reduced dims as size 1
  int64_t reduced_numel = 1;

  Tensor make_out(ScalarType dtype) const { return make_contiguous(out_shape, dtype, input.device()); }
  Tensor shaped(const Tensor& out, bool keepdim) const { return keepdim ? out.view(keep_shape) : out; }
};

Plan plan(const Tensor& t, const std::vector<bool>& mask) {
  Plan p;
  std::vector<int64_t> order;
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (mask[d]) {
      p.keep_shape.push_back(1);
      p.reduced_numel *= t.sizes()[d];
    } else {
      order.push_back(d);
      p.out_shape.push_back(t.sizes()[d]);
      p.keep_shape.push_back(t.sizes()[d]);
    }
  }
  p.n_kept = static_cast<int64_t>(order.size());
  for (int64_t d = 0; d < t.dim(); ++d)
    if (mask[d]) order.push_back(d);
  p.input = t.dim() == 0 ? t : t.permute(order);
  return p;
}

// R10.1: integral inputs (bool too) give int64; an explicit dtype converts the input first.
ScalarType sum_dtype(const Tensor& self, std::optional<ScalarType> dtype) {
  if (dtype) return *dtype;
  return is_integral(self.dtype(), /*include_bool=*/true) ? kInt64 : self.dtype();
}

Tensor reduce(ReduceKind kind, const Tensor& self, const std::vector<bool>& mask, bool keepdim,
              ScalarType out_dtype) {
  const Plan p = plan(self, mask);
  Tensor out = p.make_out(out_dtype);
  kernels::reduce(kind, out, p.input, p.n_kept);
  return p.shaped(out, keepdim);
}

Tensor sum_like(ReduceKind kind, const Tensor& self, const std::vector<bool>& mask, bool keepdim,
                std::optional<ScalarType> dtype) {
  const Tensor in = dtype ? self.to(*dtype) : self;
  return reduce(kind, in, mask, keepdim, sum_dtype(self, dtype));
}

// R10.4: mean needs a floating input or dtype (checked before the dims, as PyTorch does).
void check_mean_dtype(const Tensor& self, std::optional<ScalarType> dtype) {
  if (dtype) {
    CTORCH_CHECK(is_floating_point(*dtype), NotImplemented,
                 "mean(): could not infer output dtype. Optional dtype must be either a floating "
                 "point or complex dtype. Got: ", legacy_name(*dtype));
  } else {
    CTORCH_CHECK(self.is_floating_point(), NotImplemented,
                 "mean(): could not infer output dtype. Input dtype must be either a floating "
                 "point or complex dtype. Got: ", legacy_name(self.dtype()));
  }
}

Tensor mean_impl(const Tensor& self, const std::vector<bool>& mask, bool keepdim,
                 std::optional<ScalarType> dtype) {
  Tensor out = sum_like(ReduceKind::Sum, self, mask, keepdim, dtype);
  const int64_t n = plan(self, mask).reduced_numel;
  // The sum rounded to the result dtype, then divided (PyTorch's order); on cuda the division
  // kernel with the count rounded to the dtype first, as the CPU's divide_ does.
  if (out.is_cuda()) {
    Tensor count = make_contiguous({}, out.dtype(), Device(kCPU));
    kernels::cpu::fill(count, n);
    kernels::binary(kernels::cpu::BinaryOp::Div, out, out, count, 1);
  } else {
    kernels::cpu::divide_(out, n);
  }
  return out;
}

// R10.7
Tensor var_impl(const Tensor& self, IntArrayRef dim, double correction, bool keepdim, bool take_sqrt) {
  CTORCH_CHECK(self.is_floating_point(), NotImplemented,
               "std and var only support floating point and complex dtypes");
  if (autograd::should_record(self)) return autograd::diff::var_std(self, dim, correction, keepdim, take_sqrt);
  const Plan p = plan(self, dim_mask(self, dim));
  Tensor out = p.make_out(self.dtype());
  HostRoundTrip host;  // Note [Host fallback]
  kernels::cpu::variance(host.out(out), host.in(p.input), p.n_kept, correction, take_sqrt);
  host.finish();
  return p.shaped(out, keepdim);
}

// R10.6: max()/min()/amax()/amin() of everything needs an element.
void check_nonempty_all(const Tensor& self, const char* name) {
  CTORCH_CHECK(self.numel() > 0, Runtime, name,
               "(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
               "reduction dim with the 'dim' argument.");
}

// R10.6: the reduced dim must not be empty (`shown` is the dim as the message prints it).
void check_dim_nonempty(const Tensor& self, int64_t wrapped, int64_t shown, const char* name) {
  CTORCH_CHECK(self.dim() == 0 || self.sizes()[wrapped] != 0, Index, name,
               "(): Expected reduction dim ", shown, " to have non-zero size.");
}

Tensor extreme_all(const Tensor& self, ReduceKind kind, const char* name) {
  check_nonempty_all(self, name);
  return reduce(kind, self, dim_mask(self, {}), false, self.dtype());
}

ValuesIndices extreme_dim(const Tensor& self, int64_t dim, bool keepdim, ReduceKind kind,
                          const char* name) {
  const int64_t wrapped = wrap_dim(dim, self.dim());
  check_dim_nonempty(self, wrapped, wrapped, name);
  const Plan p = plan(self, one_dim(self, dim));
  Tensor values = p.make_out(self.dtype());
  Tensor indices = p.make_out(kInt64);
  kernels::reduce_with_index(kind, values, indices, p.input, p.n_kept);
  return {p.shaped(values, keepdim), p.shaped(indices, keepdim)};
}

Tensor arg_extreme(const Tensor& self, std::optional<int64_t> dim, bool keepdim, ReduceKind kind,
                   const char* name) {
  CTORCH_CHECK(self.dtype() != kBool, NotImplemented, name, "(): does not support bool input");
  std::vector<bool> mask;
  if (dim) {
    const int64_t wrapped = wrap_dim(*dim, self.dim());
    check_dim_nonempty(self, wrapped, wrapped, name);
    mask = one_dim(self, *dim);
  } else {
    CTORCH_CHECK(self.numel() > 0, Index, name,
                 "(): Expected reduction dim to be specified for input.numel() == 0.");
    mask = dim_mask(self, {});  // the index into the row-major flattening
  }
  const Plan p = plan(self, mask);
  Tensor indices = p.make_out(kInt64);
  kernels::reduce_with_index(kind, Tensor(), indices, p.input, p.n_kept);
  return p.shaped(indices, keepdim);
}

Tensor amax_amin(const Tensor& self, IntArrayRef dim, bool keepdim, ReduceKind kind, const char* name) {
  if (self.numel() == 0) {
    if (dim.empty()) check_nonempty_all(self, name);
    for (int64_t d : dim) check_dim_nonempty(self, wrap_dim(d, self.dim()), d, name);
  }
  return reduce(kind, self, dim_mask(self, dim), keepdim, self.dtype());
}

// R10.8: bool, except uint8 stays uint8.
ScalarType all_any_dtype(const Tensor& self) { return self.dtype() == kUInt8 ? kUInt8 : kBool; }

Tensor cumulative(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype, ReduceKind kind,
                  const char* kernel_name) {
  const int64_t wrapped = wrap_dim(dim, self.dim());
  const ScalarType out_dtype = sum_dtype(self, dtype);
  // The kernel refuses bool, and PyTorch does not call it on an empty or zero-dim tensor.
  CTORCH_CHECK(out_dtype != kBool || self.numel() == 0 || self.dim() == 0, NotImplemented, "\"", kernel_name,
               "\" not implemented for 'Bool'");
  if (self.dim() == 0) return self.to(out_dtype).clone();  // PyTorch copies (-0.0 stays -0.0)
  const Tensor in = self.to(out_dtype);
  Tensor out = make_contiguous(self.sizes(), out_dtype, self.device());
  HostRoundTrip host;  // Note [Host fallback]
  kernels::cpu::cumulative(kind, host.out(out), host.in(in), wrapped);
  host.finish();
  return out;
}

}  // namespace

Tensor sum(const Tensor& self, std::optional<ScalarType> dtype) {
  if (autograd::should_record(self)) return autograd::diff::sum(self, {}, false, dtype, true);
  return sum_like(ReduceKind::Sum, self, dim_mask(self, {}), false, dtype);
}
Tensor sum(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  if (autograd::should_record(self)) return autograd::diff::sum(self, dim, keepdim, dtype, false);
  return sum_like(ReduceKind::Sum, self, dim_mask(self, dim), keepdim, dtype);
}
Tensor prod(const Tensor& self, std::optional<ScalarType> dtype) {
  if (autograd::should_record(self)) return autograd::diff::prod(self, std::nullopt, false, dtype);
  return sum_like(ReduceKind::Prod, self, dim_mask(self, {}), false, dtype);
}
Tensor prod(const Tensor& self, int64_t dim, bool keepdim, std::optional<ScalarType> dtype) {
  if (autograd::should_record(self)) return autograd::diff::prod(self, dim, keepdim, dtype);
  return sum_like(ReduceKind::Prod, self, one_dim(self, dim), keepdim, dtype);
}
Tensor mean(const Tensor& self, std::optional<ScalarType> dtype) {
  if (autograd::should_record(self)) return autograd::diff::mean(self, {}, false, dtype, true);
  check_mean_dtype(self, dtype);
  return mean_impl(self, dim_mask(self, {}), false, dtype);
}
Tensor mean(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  if (autograd::should_record(self)) return autograd::diff::mean(self, dim, keepdim, dtype, false);
  check_mean_dtype(self, dtype);
  return mean_impl(self, dim_mask(self, dim), keepdim, dtype);
}

Tensor var(const Tensor& self) { return var_impl(self, {}, 1, false, false); }
Tensor var(const Tensor& self, IntArrayRef dim, bool unbiased, bool keepdim) {
  return var_impl(self, dim, unbiased ? 1 : 0, keepdim, false);
}
Tensor var(const Tensor& self, IntArrayRef dim, Correction correction, bool keepdim) {
  return var_impl(self, dim, correction.value, keepdim, false);
}
Tensor std(const Tensor& self) { return var_impl(self, {}, 1, false, true); }
Tensor std(const Tensor& self, IntArrayRef dim, bool unbiased, bool keepdim) {
  return var_impl(self, dim, unbiased ? 1 : 0, keepdim, true);
}
Tensor std(const Tensor& self, IntArrayRef dim, Correction correction, bool keepdim) {
  return var_impl(self, dim, correction.value, keepdim, true);
}

Tensor max(const Tensor& self) {
  if (autograd::should_record(self)) return autograd::diff::max_min_all(self, true);
  return extreme_all(self, ReduceKind::Max, "max"); }
Tensor min(const Tensor& self) {
  if (autograd::should_record(self)) return autograd::diff::max_min_all(self, false);
  return extreme_all(self, ReduceKind::Min, "min"); }
ValuesIndices max(const Tensor& self, int64_t dim, bool keepdim) {
  if (autograd::should_record(self)) return autograd::diff::max_min_dim(self, dim, keepdim, true);
  return extreme_dim(self, dim, keepdim, ReduceKind::Max, "max");
}
ValuesIndices min(const Tensor& self, int64_t dim, bool keepdim) {
  if (autograd::should_record(self)) return autograd::diff::max_min_dim(self, dim, keepdim, false);
  return extreme_dim(self, dim, keepdim, ReduceKind::Min, "min");
}
Tensor argmax(const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  return arg_extreme(self, dim, keepdim, ReduceKind::Max, "argmax");
}
Tensor argmin(const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  return arg_extreme(self, dim, keepdim, ReduceKind::Min, "argmin");
}
Tensor amax(const Tensor& self, IntArrayRef dim, bool keepdim) {
  if (autograd::should_record(self)) return autograd::diff::amax_amin(self, dim, keepdim, true);
  return amax_amin(self, dim, keepdim, ReduceKind::Max, "amax");
}
Tensor amin(const Tensor& self, IntArrayRef dim, bool keepdim) {
  if (autograd::should_record(self)) return autograd::diff::amax_amin(self, dim, keepdim, false);
  return amax_amin(self, dim, keepdim, ReduceKind::Min, "amin");
}

Tensor all(const Tensor& self) { return reduce(ReduceKind::All, self, dim_mask(self, {}), false, all_any_dtype(self)); }
Tensor all(const Tensor& self, IntArrayRef dim, bool keepdim) {
  return reduce(ReduceKind::All, self, dim_mask(self, dim), keepdim, all_any_dtype(self));
}
Tensor any(const Tensor& self) { return reduce(ReduceKind::Any, self, dim_mask(self, {}), false, all_any_dtype(self)); }
Tensor any(const Tensor& self, IntArrayRef dim, bool keepdim) {
  return reduce(ReduceKind::Any, self, dim_mask(self, dim), keepdim, all_any_dtype(self));
}

Tensor cumsum(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  if (autograd::should_record(self)) return autograd::diff::cumsum(self, dim, dtype);
  return cumulative(self, dim, dtype, ReduceKind::Sum, "cumsum_out_cpu");
}
Tensor cumprod(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  if (autograd::should_record(self)) return autograd::diff::cumprod(self, dim, dtype);
  return cumulative(self, dim, dtype, ReduceKind::Prod, "cumprod_out_cpu");
}

}  // namespace ctorch
