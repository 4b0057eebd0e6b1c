// aten::index and aten::index_put_ for CPU: the checks, shapes and placement of the advanced dims
// decided here (aten/src/ATen/native/TensorAdvancedIndexing.cpp, IndexingUtils.h), the element
// moves done by kernels::cpu::index_gather / index_put.
#include "ops/advanced_index.h"

#include <sstream>

#include "core/make.h"
#include "ctorch/factory.h"
#include "ctorch/ops.h"
#include "kernels/cpu/index.h"
#include "ops/device_copy.h"

namespace ctorch {

namespace {

struct Plan {
  Size shape;                        // the indexing result
  kernels::cpu::IndexGeometry geometry;
};

// Validates and lays out an indexing of `self`; index values are checked only when the result
// has elements (as PyTorch's kernel checks them while it runs).
Plan plan_index(const Tensor& self, const OptionalIndices& indices) {
  CTORCH_INTERNAL_ASSERT(static_cast<int64_t>(indices.size()) <= self.dim());
  std::vector<int64_t> dims;  // the indexed dims
  std::vector<Tensor> idx;
  for (size_t d = 0; d < indices.size(); ++d) {
    if (!indices[d]) continue;
    CTORCH_INTERNAL_ASSERT(indices[d]->dtype() == kInt64);
    dims.push_back(static_cast<int64_t>(d));
    idx.push_back(*indices[d]);
  }
  CTORCH_INTERNAL_ASSERT(!dims.empty());
  // Broadcast the index tensors together.
  Size b;
  {
    bool ok = true;
    for (const auto& t : idx) {
      const auto& s = t.sizes();
      Size r(std::max(b.size(), s.size()), 1);
      for (size_t i = 0; i < r.size(); ++i) {
        const int64_t x = i + b.size() >= r.size() ? b[i + b.size() - r.size()] : 1;
        const int64_t y = i + s.size() >= r.size() ? s[i + s.size() - r.size()] : 1;
        if (x != y && x != 1 && y != 1) ok = false;
        r[i] = x == 1 ? y : x;
      }
      b = r;
    }
    if (!ok) {
      std::ostringstream shapes;
      for (size_t j = 0; j < idx.size(); ++j) shapes << (j ? ", " : "") << IntArrayRef(idx[j].sizes());
      CTORCH_FAIL(Index, "shape mismatch: indexing tensors could not be broadcast together with shapes ",
                  shapes.str());
    }
  }
  bool adjacent = true;
  for (size_t j = 1; j < dims.size(); ++j) adjacent &= dims[j] == dims[j - 1] + 1;

  // Result layout: [before] + b + [after] when adjacent, else b + [every other dim].
  Plan p;
  std::vector<int64_t> b_pos;  // where b's dims go in the result
  auto add_plain = [&](int64_t d) {
    p.shape.push_back(self.sizes()[d]);
    p.geometry.strides.push_back(self.stride(d));
  };
  auto add_b = [&] {
    for (int64_t s : b) {
      b_pos.push_back(static_cast<int64_t>(p.shape.size()));
      p.shape.push_back(s);
      p.geometry.strides.push_back(0);
    }
  };
  auto indexed = [&](int64_t d) { return d < static_cast<int64_t>(indices.size()) && indices[d]; };
  if (adjacent) {
    for (int64_t d = 0; d < dims.front(); ++d) add_plain(d);
    add_b();
    for (int64_t d = dims.back() + 1; d < self.dim(); ++d) add_plain(d);
  } else {
    add_b();
    for (int64_t d = 0; d < self.dim(); ++d)
      if (!indexed(d)) add_plain(d);
  }
  const bool check_values = p.shape.numel() > 0;
  for (size_t j = 0; j < idx.size(); ++j) {
    const int64_t size = self.sizes()[dims[j]];
    // A wrapped, contiguous copy (the caller's index tensor stays as it is).
    Tensor w = idx[j].clone();
    if (check_values) {
      int64_t* v = w.data_ptr<int64_t>();
      for (int64_t i = 0; i < w.numel(); ++i) {
        CTORCH_CHECK(v[i] >= -size && v[i] < size, Index, "index ", v[i],
                     " is out of bounds for dimension ", j, " with size ", size);
        if (v[i] < 0) v[i] += size;
      }
    }
    Tensor e = w.expand(b);
    std::vector<int64_t> st(p.shape.size(), 0);
    for (size_t k = 0; k < b.size(); ++k) st[b_pos[k]] = e.stride(static_cast<int64_t>(k));
    p.geometry.indices.push_back(make_view(e, p.shape, st, e.storage_offset()));
    p.geometry.index_strides.push_back(self.stride(dims[j]));
  }
  return p;
}

// Note [Host fallback] for indexing: the index values are checked on the host, so a cuda self
// is indexed through host copies. Indices may be on the CPU or on self's device (as PyTorch).
bool on_host_first(const Tensor& self, const OptionalIndices& indices) {
  for (const auto& idx : indices) {
    if (!idx) continue;
    CTORCH_CHECK(idx->is_cpu() || idx->device() == self.device(), Runtime,
                 "indices should be either on cpu or on the same device as the indexed tensor (",
                 self.device().str(), ")");
  }
  return self.is_cuda();
}
OptionalIndices host_indices(const OptionalIndices& indices) {
  OptionalIndices out;
  for (const auto& idx : indices) out.push_back(idx ? std::optional<Tensor>(moved_to(*idx, Device(kCPU))) : std::nullopt);
  return out;
}

}  // namespace

Tensor advanced_index(const Tensor& self, const OptionalIndices& indices) {
  if (on_host_first(self, indices)) {
    return moved_to(advanced_index(moved_to(self, Device(kCPU)), host_indices(indices)), self.device());
  }
  Plan p = plan_index(self, indices);
  Tensor out = make_contiguous(p.shape, self.dtype(), self.device());
  if (out.numel() > 0) kernels::cpu::index_gather(out, self, p.geometry);
  return out;
}

void advanced_index_put(const Tensor& self, const OptionalIndices& indices, const Tensor& value,
                        bool accumulate) {
  CTORCH_INTERNAL_ASSERT(value.dtype() == self.dtype());
  if (on_host_first(self, indices)) {
    const Tensor host = moved_to(self, Device(kCPU));
    advanced_index_put(host, host_indices(indices), moved_to(value, Device(kCPU)), accumulate);
    copy_across_devices(self, host);
    return;
  }
  Plan p = plan_index(self, indices);
  // value broadcasts to the result shape.
  const auto& vs = value.sizes();
  bool ok = vs.size() <= p.shape.size();
  for (size_t i = 0; ok && i < vs.size(); ++i) {
    const int64_t want = p.shape[p.shape.size() - vs.size() + i];
    ok = vs[i] == want || vs[i] == 1;
  }
  CTORCH_CHECK(ok, Runtime, "shape mismatch: value tensor of shape ", IntArrayRef(vs),
               " cannot be broadcast to indexing result of shape ", IntArrayRef(p.shape));
  if (p.shape.numel() == 0) return;
  // A value that reads self's memory is copied first, so that writes cannot feed later reads.
  Tensor v = value.storage().data() == self.storage().data() ? value.clone() : value;
  Tensor ve = v.expand(p.shape);
  kernels::cpu::index_put(self, ve, p.geometry, accumulate);
}

Tensor arange_along(int64_t n, int64_t dim, int64_t ndim) {
  std::vector<int64_t> shape(static_cast<size_t>(ndim), 1);
  shape[static_cast<size_t>(dim)] = n;
  return arange(n).view(shape);
}

}  // namespace ctorch
