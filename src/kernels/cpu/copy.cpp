// Elementwise copy with dtype conversion, for every pair of dtypes.
#include <cstring>

#include "ctorch/convert.h"
#include "ctorch/dispatch.h"
#include "kernels/cpu/kernels.h"
#include "kernels/cpu/transpose.h"
#include "kernels/strided_loop.h"

namespace ctorch::kernels::cpu {

namespace {

template <typename To, typename From>
void convert_run(char* const* p, const int64_t* s, int64_t n) {
  if (s[0] == sizeof(To) && s[1] == sizeof(From)) {
    To* out = reinterpret_cast<To*>(p[0]);
    const From* in = reinterpret_cast<const From*>(p[1]);
    if constexpr (std::is_same_v<To, From>) {
      std::memcpy(out, in, static_cast<size_t>(n) * sizeof(To));
    } else {
      for (int64_t i = 0; i < n; ++i) out[i] = convert<To>(in[i]);
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    From value;
    std::memcpy(&value, p[1] + i * s[1], sizeof(From));
    *reinterpret_cast<To*>(p[0] + i * s[0]) = convert<To>(value);
  }
}

// A same-dtype copy that is one 2-D transpose (the output walks its rows contiguously while the
// input is contiguous down the columns) goes to the register-transposing kernel.
bool try_transpose(size_t element_size, IntArrayRef shape, const StridedOperand (&ops)[2]) {
  const LoopDims<2> d = prepare_loop_dims(shape, ops);
  if (d.sizes.size() != 2) return false;
  const auto e = static_cast<int64_t>(element_size);
  const auto& row = d.strides[0];  // {output, input} byte strides along output rows
  const auto& col = d.strides[1];
  if (col[0] != e || row[1] != e || row[0] < d.sizes[1] * e || col[1] < d.sizes[0] * e) return false;
  return transpose_copy(ops[0].data, ops[1].data, d.sizes[0], d.sizes[1], row[0], col[1], element_size);
}

}  // namespace

void copy(const Tensor& dst, const Tensor& src) {
  if (dst.numel() == 0) return;
  if (dst.dtype() == src.dtype() && dst.is_contiguous() && src.is_contiguous() &&
      dst.sizes() == src.sizes()) {
    char* to = static_cast<char*>(dst.data_ptr());
    const char* from = static_cast<const char*>(src.data_ptr());
    const auto grain = kGrainSize * static_cast<int64_t>(dst.element_size());
    parallel_for(0, static_cast<int64_t>(dst.nbytes()), grain,
                 [&](int64_t lo, int64_t hi) { std::memcpy(to + lo, from + lo, static_cast<size_t>(hi - lo)); });
    return;
  }
  const auto dst_strides = byte_strides(dst), src_strides = byte_strides(src);
  const StridedOperand ops[2] = {{static_cast<char*>(dst.data_ptr()), dst_strides.data()},
                                 {static_cast<char*>(src.data_ptr()), src_strides.data()}};
  if (dst.dtype() == src.dtype() && try_transpose(dst.element_size(), dst.sizes(), ops)) return;
  dispatch(dst.dtype(), [&]<typename To>() {
    dispatch(src.dtype(), [&]<typename From>() {
      for_each_strided<2>(dst.sizes(), ops, convert_run<To, From>);
    });
  });
}

void fill(const Tensor& dst, const Scalar& value) {
  if (dst.numel() == 0) return;
  const auto strides = byte_strides(dst);
  const StridedOperand ops[1] = {{static_cast<char*>(dst.data_ptr()), strides.data()}};
  dispatch(dst.dtype(), [&]<typename T>() {
    const T v = value.to<T>();
    for_each_strided<1>(dst.sizes(), ops, [v](char* const* p, const int64_t* s, int64_t n) {
      if (s[0] == sizeof(T)) {
        T* out = reinterpret_cast<T*>(p[0]);
        for (int64_t i = 0; i < n; ++i) out[i] = v;
      } else {
        for (int64_t i = 0; i < n; ++i) *reinterpret_cast<T*>(p[0] + i * s[0]) = v;
      }
    });
  });
}

}  // namespace ctorch::kernels::cpu
