// Binary elementwise kernels: the functors of kernels/binary_functors.h, run by binary_loop for
// the compute dtype.
#include <cmath>
#include <limits>

#include "ctorch/dispatch.h"
#include "kernels/cpu/elementwise_loop.h"
#include "kernels/cpu/elementwise_ops.h"
#include "kernels/binary_functors.h"

namespace ctorch::kernels::cpu {

namespace {

template <typename T>
void binary_typed(BinaryOp op, const BinaryOperands& operands, const Scalar& alpha) {
  auto run = [&](auto f) { binary_loop<T, T>(operands, f); return true; };
  auto compare = [&](auto f) { binary_loop<T, bool>(operands, f); return true; };
  const bool done = binary_functor<opmath_t<T>>(op, alpha, run, compare);
  CTORCH_INTERNAL_ASSERT(done);  // the op function let through a dtype this op does not take
}

}  // namespace

void binary(BinaryOp op, const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha) {
  const BinaryOperands operands{&out, &a, &b, nullptr};
  dispatch(a.dtype(), [&]<typename T>() { binary_typed<T>(op, operands, alpha); });
}

void binary(BinaryOp op, ScalarType compute, const FlatBinary& args, const Scalar& alpha) {
  const BinaryOperands operands{nullptr, nullptr, nullptr, &args};
  dispatch(compute, [&]<typename T>() { binary_typed<T>(op, operands, alpha); });
}

bool any_zero(const Tensor& t) {
  return dispatch(t.dtype(), [&]<typename T>() {
    bool found = false;
    const auto st = byte_strides(t);
    const StridedOperand ops[1] = {{static_cast<char*>(t.data_ptr()), st.data()}};
    for_each_strided<1>(t.sizes(), ops, [&](char* const* p, const int64_t* s, int64_t n) {
      for (int64_t i = 0; i < n; ++i) found |= load<T>(p[0] + i * s[0]) == T(0);
    }, std::numeric_limits<int64_t>::max());  // serial: `found` is shared
    return found;
  });
}

void where(const Tensor& out, const Tensor& cond, const Tensor& a, const Tensor& b) {
  dispatch(out.dtype(), [&]<typename T>() {
    const auto so = byte_strides(out), sc = byte_strides(cond), sa = byte_strides(a), sb = byte_strides(b);
    const StridedOperand ops[4] = {{static_cast<char*>(out.data_ptr()), so.data()},
                                   {static_cast<char*>(cond.data_ptr()), sc.data()},
                                   {static_cast<char*>(a.data_ptr()), sa.data()},
                                   {static_cast<char*>(b.data_ptr()), sb.data()}};
    for_each_strided<4>(out.sizes(), ops, [](char* const* p, const int64_t* s, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        const T v = load<bool>(p[1] + i * s[1]) ? load<T>(p[2] + i * s[2]) : load<T>(p[3] + i * s[3]);
        std::memcpy(p[0] + i * s[0], &v, sizeof(T));
      }
    });
  });
}

}  // namespace ctorch::kernels::cpu
