// Gradients of copies, joins and indexing (autograd.md A3.8): the gradient goes back to where
// each element came from; repeated sources accumulate.
#include "autograd/diff.h"
#include "core/wrap_dim.h"
#include "ctorch/elementwise.h"
#include "ctorch/factory.h"
#include "ctorch/indexing_ops.h"
#include "ctorch/ops.h"

namespace ctorch::autograd::diff {

namespace {

Size with_size(IntArrayRef sizes, int64_t dim, int64_t n) {
  Size s(sizes);
  s[static_cast<size_t>(dim)] = n;
  return s;
}

// The index of index_select as a gather/scatter index for a tensor of `sizes`.
Tensor spread_index(const Tensor& index, IntArrayRef sizes, int64_t dim) {
  std::vector<int64_t> shape(sizes.size(), 1);
  shape[static_cast<size_t>(dim)] = index.numel();
  return index.reshape(shape).to(kInt64).expand(sizes).contiguous();
}

}  // namespace

Tensor slice_backward(const Tensor& g, IntArrayRef sizes, int64_t dim, int64_t start, int64_t end, int64_t step) {
  const int64_t n = g.size(dim), size = sizes[static_cast<size_t>(dim)];
  if (n == 0) return zeros(sizes, options_of(g));
  Tensor spread = g;
  if (step > 1) {  // g's rows with step - 1 zero rows after each, the last ones cut off
    const Tensor gap = zeros(with_size(g.unsqueeze(dim + 1).sizes(), dim + 1, step - 1), options_of(g));
    spread = ctorch::cat({g.unsqueeze(dim + 1), gap}, dim + 1).flatten(dim, dim + 1).narrow(dim, 0, (n - 1) * step + 1);
  }
  const int64_t after = size - start - spread.size(dim);
  (void)end;
  std::vector<Tensor> parts;
  if (start > 0) parts.push_back(zeros(with_size(sizes, dim, start), options_of(g)));
  parts.push_back(spread);
  if (after > 0) parts.push_back(zeros(with_size(sizes, dim, after), options_of(g)));
  return parts.size() == 1 ? spread : ctorch::cat(parts, dim);
}

void record_multi_view(const std::vector<Tensor>& outputs, const Tensor& self, const char* name,
                       std::function<Tensor(const std::vector<Tensor>& grads)> backward) {
  std::vector<const Tensor*> outs;
  for (const Tensor& o : outputs) outs.push_back(&o);
  record(name, {&self}, outs, {}, [f = std::move(backward), n = outputs.size()](Ctx& c) {
    std::vector<Tensor> gs;
    for (size_t i = 0; i < n; ++i) gs.push_back(c.grad(i));  // zeros for outputs not used (A3.8)
    return grads{f(gs)};
  });
  for (size_t i = 0; i < outputs.size(); ++i) mark_view(outputs[i], self, static_cast<int>(i), name);
}

// ---- copies ---------------------------------------------------------------------------------------

Tensor clone(const Tensor& self) {
  Tensor out = no_grad([&] { return self.clone(); });
  record("CloneBackward0", {&self}, {&out}, {}, [](Ctx& c) { return grads{c.grad()}; });
  return out;
}

Tensor to(const Tensor& self, Device device, ScalarType dtype) {
  Tensor out = no_grad([&] { return self.to(device, dtype, /*copy=*/true); });
  // The gradient goes back to self's device (the engine converts its dtype).
  record("ToCopyBackward0", {&self}, {&out}, {}, [from = self.device()](Ctx& c) {
    return grads{c.grad().device() == from ? c.grad() : c.grad().to(from)};
  });
  return out;
}

Tensor& copy_(Tensor& self, const Tensor& src) {
  return apply_inplace(self, [&](const Tensor& before) {
    Tensor out = no_grad([&] {
      Tensor r = empty(before.sizes(), options_of(before));
      return r.copy_(src);
    });
    record("torch::autograd::CopyBackwards", {&before, &src}, {&out}, {}, [](Ctx& c) {
      return grads{c.needs(0) ? zeros_like(c.grad()) : Tensor(), c.needs(1) ? c.grad() : Tensor()};
    });
    return out;
  });
}

Tensor& fill_(Tensor& self, const Scalar& value, bool zero) {
  return apply_inplace(self, [&](const Tensor& before) {
    Tensor out = no_grad([&] {
      Tensor r = empty(before.sizes(), options_of(before));
      return r.fill_(value);
    });
    record(zero ? "ZeroBackward0" : "FillBackward2", {&before}, {&out}, {},
           [](Ctx& c) { return grads{zeros_like(c.grad())}; });
    return out;
  });
}

// ---- joins ----------------------------------------------------------------------------------------

Tensor cat(const std::vector<Tensor>& tensors, int64_t dim) {
  Tensor out = no_grad([&] { return ctorch::cat(tensors, dim); });
  std::vector<const Tensor*> inputs;
  std::vector<int64_t> lengths;  // along dim; -1: a legacy empty input that took no part
  for (const Tensor& t : tensors) {
    inputs.push_back(&t);
    lengths.push_back(t.dim() == 1 && t.size(0) == 0 ? -1 : 0);
  }
  const Tensor* ref = nullptr;
  for (size_t i = 0; i < tensors.size(); ++i)
    if (lengths[i] == 0 && !ref) ref = &tensors[i];
  if (!ref) return out;
  const int64_t d = wrap_dim(dim, ref->dim());
  for (size_t i = 0; i < tensors.size(); ++i)
    if (lengths[i] == 0) lengths[i] = tensors[i].size(d);
  record("CatBackward0", inputs, {&out}, {}, [d, lengths](Ctx& c) {
    grads r(lengths.size());
    int64_t offset = 0;
    for (size_t i = 0; i < lengths.size(); ++i) {
      if (lengths[i] < 0) continue;
      if (c.needs(i)) r[i] = c.grad().narrow(d, offset, lengths[i]);
      offset += lengths[i];
    }
    return r;
  });
  return out;
}

Tensor stack(const std::vector<Tensor>& tensors, int64_t dim) {
  Tensor out = no_grad([&] { return ctorch::stack(tensors, dim); });
  std::vector<const Tensor*> inputs;
  for (const Tensor& t : tensors) inputs.push_back(&t);
  const int64_t d = wrap_dim(dim, tensors.at(0).dim() + 1);
  record("StackBackward0", inputs, {&out}, {}, [d, n = tensors.size()](Ctx& c) {
    grads r(n);
    for (size_t i = 0; i < n; ++i)
      if (c.needs(i)) r[i] = c.grad().select(d, static_cast<int64_t>(i));
    return r;
  });
  return out;
}

// ---- indexing -------------------------------------------------------------------------------------

Tensor index(const Tensor& self, const OptionalIndices& indices) {
  Tensor out = no_grad([&] { return advanced_index(self, indices); });
  const Size sizes = self.sizes();
  record("IndexBackward0", {&self}, {&out}, {}, [sizes, indices](Ctx& c) {
    NoGradGuard guard;  // a scatter-add into zeros (first order only)
    Tensor r = zeros(sizes, options_of(c.grad()));
    advanced_index_put(r, indices, c.grad(), /*accumulate=*/true);
    return grads{r};
  });
  return out;
}

void index_put_(Tensor& self, const OptionalIndices& indices, const Tensor& value, bool accumulate) {
  apply_inplace(self, [&](const Tensor& before) {
    Tensor out = no_grad([&] {
      Tensor r = before.clone();
      advanced_index_put(r, indices, value, accumulate);
      return r;
    });
    record("IndexPutBackward0", {&before, &value}, {&out}, {}, [indices, accumulate](Ctx& c) {
      NoGradGuard guard;
      const Tensor& g = c.grad();
      Tensor gself, gvalue;
      if (c.needs(0)) {
        gself = g.clone();
        if (!accumulate) advanced_index_put(gself, indices, zeros({}, options_of(g)), false);
      }
      if (c.needs(1)) gvalue = advanced_index(g, indices);
      return grads{gself, gvalue};
    });
    return out;
  });
}

Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index) {
  Tensor out = no_grad([&] { return ctorch::index_select(self, dim, index); });
  const Size sizes = self.sizes();
  const int64_t d = wrap_dim(dim, std::max<int64_t>(self.dim(), 1));
  record("IndexSelectBackward0", {&self}, {&out}, {}, [sizes, d, index](Ctx& c) {
    const Tensor& g = c.grad();
    if (sizes.empty()) return grads{g.reshape(sizes)};
    return grads{zeros(sizes, options_of(g)).scatter_add(d, spread_index(index, g.sizes(), d), g)};
  });
  return out;
}

Tensor gather(const Tensor& self, int64_t dim, const Tensor& index) {
  Tensor out = no_grad([&] { return ctorch::gather(self, dim, index); });
  const Size sizes = self.sizes();
  const int64_t d = wrap_dim(dim, std::max<int64_t>(self.dim(), 1));
  record("GatherBackward0", {&self}, {&out}, {}, [sizes, d, index](Ctx& c) {
    return grads{zeros(sizes, options_of(c.grad())).scatter_add(d, index, c.grad())};
  });
  return out;
}

Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor* src, const Scalar& value, bool add) {
  Tensor out = no_grad([&] {
    if (add) return ctorch::scatter_add(self, dim, index, *src);
    return src ? ctorch::scatter(self, dim, index, *src) : ctorch::scatter(self, dim, index, value);
  });
  const int64_t d = wrap_dim(dim, std::max<int64_t>(self.dim(), 1));
  const char* name = add ? "ScatterAddBackward0" : src ? "ScatterBackward0" : "ScatterBackward1";
  record(name, {&self, src}, {&out}, {}, [d, index, add](Ctx& c) {
    const Tensor& g = c.grad();
    Tensor gself, gsrc;
    if (c.needs(0)) gself = add ? g : g.scatter(d, index, 0);
    if (c.needs(1)) gsrc = g.gather(d, index);
    return grads{gself, gsrc};
  });
  return out;
}

Tensor masked_select(const Tensor& self, const Tensor& mask) {
  Tensor out = no_grad([&] { return ctorch::masked_select(self, mask); });
  const Size shape = broadcast_shapes({self.sizes(), mask.sizes()});
  record("MaskedSelectBackward0", {&self}, {&out}, {}, [shape, mask](Ctx& c) {
    NoGradGuard guard;
    Tensor r = zeros(shape, options_of(c.grad()));
    const Tensor nz = nonzero(mask.expand(shape));
    OptionalIndices at;
    for (int64_t j = 0; j < nz.size(1); ++j) at.emplace_back(nz.select(1, j));
    advanced_index_put(r, at, c.grad(), false);
    return grads{r};
  });
  return out;
}

Tensor take(const Tensor& self, const Tensor& index) {
  Tensor out = no_grad([&] { return ctorch::take(self, index); });
  const Size sizes = self.sizes();
  record("TakeBackward0", {&self}, {&out}, {}, [sizes, index](Ctx& c) {
    NoGradGuard guard;
    Tensor flat = zeros({sizes.numel()}, options_of(c.grad()));
    advanced_index_put(flat, OptionalIndices{index.flatten().to(kInt64)}, c.grad().flatten(), /*accumulate=*/true);
    return grads{flat.view(sizes)};
  });
  return out;
}

// ---- reordering ----------------------------------------------------------------------------------

Tensor flip(const Tensor& self, IntArrayRef dims) {
  Tensor out = no_grad([&] { return ctorch::flip(self, dims); });
  record("FlipBackward0", {&self}, {&out}, {}, [d = dims.vec()](Ctx& c) { return grads{c.grad().flip(d)}; });
  return out;
}

Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims) {
  Tensor out = no_grad([&] { return ctorch::roll(self, shifts, dims); });
  std::vector<int64_t> back;
  for (int64_t s : shifts) back.push_back(-s);
  record("RollBackward0", {&self}, {&out}, {}, [back, d = dims.vec()](Ctx& c) { return grads{c.grad().roll(back, d)}; });
  return out;
}

// Each element was copied repeats[d] times along d: sum the copies.
Tensor repeat(const Tensor& self, IntArrayRef repeats) {
  Tensor out = no_grad([&] { return ctorch::repeat(self, repeats); });
  const Size sizes = self.sizes();
  record("RepeatBackward0", {&self}, {&out}, {}, [sizes, r = repeats.vec()](Ctx& c) {
    const size_t lead = r.size() - sizes.size();
    std::vector<int64_t> split, sum_dims;
    for (size_t i = 0; i < r.size(); ++i) {
      sum_dims.push_back(static_cast<int64_t>(split.size()));
      split.push_back(r[i]);
      split.push_back(i < lead ? 1 : sizes[i - lead]);
    }
    return grads{c.grad().reshape(split).sum(sum_dims).reshape(sizes)};
  });
  return out;
}

}  // namespace ctorch::autograd::diff
