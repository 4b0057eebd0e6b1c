// Materializing ops: contiguous, clone, copy_, fill_, zero_, to. Checks live here; the
// arithmetic is kernels::copy / fill on the tensor's device, or ops/device_copy across devices.
#include <algorithm>

#include "autograd/diff.h"
#include "core/make.h"
#include "ctorch/ops.h"
#include "kernels/device_switch.h"
#include "ops/device_copy.h"
#include "ops/broadcast.h"

namespace ctorch {

namespace {

// True when two elements of `t` share one memory location (a stride-0 dim of size > 1).
bool has_internal_overlap(const Tensor& t) {
  for (int64_t d = 0; d < t.dim(); ++d)
    if (t.sizes()[d] > 1 && t.strides()[d] == 0) return true;
  return false;
}

// Do the storage byte ranges spanned by a and b intersect?
bool may_overlap(const Tensor& a, const Tensor& b) {
  if (!(a.storage() == b.storage()) || a.numel() == 0 || b.numel() == 0) return false;
  auto span = [](const Tensor& t) {
    int64_t lo = t.storage_offset(), hi = t.storage_offset();
    for (int64_t d = 0; d < t.dim(); ++d) {
      const int64_t reach = (t.sizes()[d] - 1) * t.strides()[d];
      (reach < 0 ? lo : hi) += reach;
    }
    return std::pair{lo, hi};
  };
  const auto [alo, ahi] = span(a);
  const auto [blo, bhi] = span(b);
  return alo <= bhi && blo <= ahi;
}

}  // namespace

Tensor Tensor::contiguous() const { return is_contiguous() ? *this : clone(); }

Tensor Tensor::clone() const {
  if (autograd::should_record(*this)) return autograd::diff::clone(*this);
  Tensor out = make_contiguous(sizes(), dtype(), device());
  kernels::copy(out, *this);
  return out;
}

Tensor& Tensor::copy_(const Tensor& src) {
  if (autograd::should_record_inplace(*this, src)) return autograd::diff::copy_(*this, src);
  // src broadcasts to self, never the reverse (R9.3); the messages are the broadcast ones.
  const Size shape = broadcast_pair(sizes(), src.sizes());
  CTORCH_CHECK(shape == sizes(), Runtime, "output with shape ", IntArrayRef(sizes()),
               " doesn't match the broadcast shape ", IntArrayRef(shape));
  CTORCH_CHECK(!has_internal_overlap(*this), Runtime,
               "unsupported operation: more than one element of the written-to tensor refers to a "
               "single memory location. Please clone() the tensor before performing the operation.");
  if (device() != src.device()) {  // copy_ is the one op that crosses devices (PyTorch's too)
    copy_across_devices(*this, src.expand(sizes()));
    storage().bump_version();
    return *this;
  }
  // Reading what we are writing would see half-updated values: go through a copy then.
  const Tensor source = may_overlap(*this, src) ? src.clone() : src;
  kernels::copy(*this, source.expand(sizes()));
  storage().bump_version();  // Note [Version counter]
  return *this;
}

Tensor& Tensor::fill_(const Scalar& value) {
  if (autograd::should_record_inplace(*this)) return autograd::diff::fill_(*this, value, false);
  CTORCH_CHECK(scalar_fits(value, dtype(), /*check_floats=*/true), Runtime,
               "value cannot be converted to type ", cpp_type_name(dtype()), " without overflow");
  kernels::fill(*this, value);
  storage().bump_version();
  return *this;
}

Tensor& Tensor::zero_() {
  if (autograd::should_record_inplace(*this)) return autograd::diff::fill_(*this, 0, true);
  return fill_(0);
}

Tensor Tensor::to(ScalarType dtype, bool copy) const { return to(device(), dtype, copy); }

Tensor Tensor::to(Device device, bool copy) const { return to(device, dtype(), copy); }

Tensor Tensor::to(Device target, ScalarType dtype, bool copy) const {
  const bool same_device =
      target.type() == device().type() && (!target.has_index() || target.index() == std::max(device().index(), 0));
  if (!copy && same_device && dtype == this->dtype()) return *this;
  if (autograd::should_record(*this)) return autograd::diff::to(*this, target, dtype);
  Tensor out = make_contiguous(sizes(), dtype, target);  // fails clearly for absent devices
  if (out.device() == device()) {
    kernels::copy(out, *this);
  } else {
    copy_across_devices(out, *this);
  }
  return out;
}

Tensor Tensor::to(const TensorOptions& options, bool copy) const {
  return to(options.device() ? *options.device() : device(), options.dtype().value_or(dtype()), copy);
}

}  // namespace ctorch
