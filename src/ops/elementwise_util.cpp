#include "ops/elementwise_util.h"

#include "core/make.h"
#include "kernels/cpu/kernels.h"

namespace ctorch {

Size operand_shape(const Operand& x) { return x.tensor() ? x.tensor()->sizes() : Size{}; }

Tensor to_compute(const Operand& x, ScalarType compute, IntArrayRef shape) {
  if (x.tensor()) {
    const Tensor& t = *x.tensor();
    return (t.dtype() == compute ? t : t.to(compute)).expand(shape);
  }
  Tensor t = make_contiguous({}, compute, Device(kCPU));
  kernels::cpu::fill(t, x.scalar());
  return t.expand(shape);
}

void check_destination(Tensor& dest, ScalarType result, IntArrayRef shape, bool in_place) {
  CTORCH_CHECK(can_cast(result, dest.dtype()), Runtime, "result type ", legacy_name(result),
               " can't be cast to the desired output type ", legacy_name(dest.dtype()));
  if (IntArrayRef(dest.sizes()) == shape) return;
  CTORCH_CHECK(!in_place, Runtime, "output with shape ", IntArrayRef(dest.sizes()),
               " doesn't match the broadcast shape ", shape);
  dest.resize_(shape);  // out= takes the result's shape, as PyTorch's resize_output
}

namespace {
bool same_elements(const Tensor& a, const Tensor& b) {
  return a.data_ptr() == b.data_ptr() && a.strides() == b.strides() && a.element_size() == b.element_size();
}
}  // namespace

void write_result(Tensor& dest, ScalarType result, std::initializer_list<Tensor> inputs,
                  const std::function<void(const Tensor&)>& compute) {
  bool direct = dest.dtype() == result;
  for (const Tensor& in : inputs)
    if (in.storage() == dest.storage() && !same_elements(in, dest)) direct = false;
  for (int64_t d = 0; d < dest.dim(); ++d)
    if (dest.sizes()[d] > 1 && dest.strides()[d] == 0) direct = false;
  if (direct) {
    compute(dest);
    dest.storage().bump_version();  // Note [Version counter]; the copy_ below bumps it otherwise
    return;
  }
  Tensor tmp = make_contiguous(dest.sizes(), result, dest.device());
  compute(tmp);
  dest.copy_(tmp);
}

}  // namespace ctorch
