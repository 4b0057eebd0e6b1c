// Matrix products on CUDA through cuBLAS: float32 and float64 in their own precision (no TF32, as
// PyTorch's default), float16 and bfloat16 with float accumulation (cublasGemmEx's compute type).
// Row-major operands are handed to the column-major library as their transposes:
// C = A @ B is computed as C^T = B^T @ A^T, with no copy when a and b have a unit stride.
#include <mutex>
#include <vector>

#include "core/cuda/cuda_check.h"
#include "core/make.h"
#include "ctorch/cuda.h"
#include "kernels/cuda/cublas_api.h"
#include "kernels/cuda/kernels.h"

namespace ctorch::kernels::cuda {

namespace {

void check_cublas(cublasStatus_t status, const char* call) {
  CTORCH_CHECK(status == CUBLAS_STATUS_SUCCESS, Runtime, "CUDA error: ", cublas().status_string(status),
               " when calling `", call, "`");
}
#define CTORCH_CUBLAS_CHECK(call) check_cublas((call), #call)

// One handle per device, made on first use and kept (destroying it at exit races the driver).
cublasHandle_t handle_for(int device) {
  static std::mutex mutex;
  static std::vector<cublasHandle_t>* handles = new std::vector<cublasHandle_t>;
  std::lock_guard lock(mutex);
  if (static_cast<size_t>(device) >= handles->size()) handles->resize(static_cast<size_t>(device) + 1, nullptr);
  cublasHandle_t& h = (*handles)[static_cast<size_t>(device)];
  if (!h) {
    CTORCH_CUBLAS_CHECK(cublas().create(&h));
    // The default math mode, as PyTorch's: float32 stays float32 (TF32 is a separate opt-in),
    // float16/bfloat16 use tensor cores with float accumulation.
    CTORCH_CUBLAS_CHECK(cublas().set_math_mode(h, CUBLAS_DEFAULT_MATH));
  }
  return h;
}

// How a row-major [rows, cols] matrix (strides in elements) looks to a column-major library.
struct ColumnMajor {
  cublasOperation_t op;  // N: memory holds the transpose (row-major); T: memory holds the matrix
  int64_t ld;
};
std::optional<ColumnMajor> as_column_major(int64_t rows, int64_t cols, int64_t row_stride, int64_t col_stride) {
  if (col_stride == 1 || cols == 1) {
    const int64_t ld = std::max<int64_t>({row_stride, cols, 1});
    if (rows == 1 || row_stride >= cols) return ColumnMajor{CUBLAS_OP_N, rows == 1 ? std::max<int64_t>(cols, 1) : ld};
  }
  if (row_stride == 1 || rows == 1) {
    const int64_t ld = std::max<int64_t>({col_stride, rows, 1});
    if (cols == 1 || col_stride >= rows) return ColumnMajor{CUBLAS_OP_T, cols == 1 ? std::max<int64_t>(rows, 1) : ld};
  }
  return std::nullopt;
}

// `t` [B, R, C] as cuBLAS can read it: itself, or a contiguous copy.
Tensor readable(const Tensor& t) {
  if (as_column_major(t.size(1), t.size(2), t.stride(1), t.stride(2))) return t;
  Tensor out = make_contiguous(t.sizes(), t.dtype(), t.device());
  copy(out, t);
  return out;
}

cudaDataType data_type(ScalarType t) {
  switch (t) {
    case ScalarType::Float32: return CUDA_R_32F;
    case ScalarType::Float64: return CUDA_R_64F;
    case ScalarType::Float16: return CUDA_R_16F;
    case ScalarType::BFloat16: return CUDA_R_16BF;
    default: CTORCH_FAIL(Runtime, "cuBLAS matmul does not take ", dtype_name(t));
  }
}

}  // namespace

void gemm_batched(const Tensor& out, const Tensor& a_in, const Tensor& b_in, const Scalar& alpha,
                  const Scalar& beta) {
  ctorch::cuda::DeviceGuard guard(out.device());
  const Tensor a = readable(a_in), b = readable(b_in);
  const int64_t batch = out.size(0), m = out.size(1), n = out.size(2), k = a.size(2);
  const ColumnMajor ca = *as_column_major(m, k, a.stride(1), a.stride(2));
  const ColumnMajor cb = *as_column_major(k, n, b.stride(1), b.stride(2));
  CTORCH_CHECK(m <= INT32_MAX && n <= INT32_MAX && k <= INT32_MAX && batch <= INT32_MAX, Runtime,
               "cuBLAS matmul: dimensions must fit in 32 bits");
  const cublasHandle_t h = handle_for(out.device().index());
  CTORCH_CUBLAS_CHECK(cublas().set_stream(h, nullptr));
  const cudaDataType type = data_type(out.dtype());
  const bool wide = out.dtype() == kFloat64;
  const double alpha_d = alpha.to<double>(), beta_d = beta.to<double>();
  const float alpha_f = static_cast<float>(alpha_d), beta_f = static_cast<float>(beta_d);
  const void* pa = wide ? static_cast<const void*>(&alpha_d) : &alpha_f;
  const void* pb = wide ? static_cast<const void*>(&beta_d) : &beta_f;
  // C^T [n, m] = op(B) [n, k] @ op(A) [k, m]; row-major C is column-major C^T with ld = n.
  CTORCH_CUBLAS_CHECK(cublas().gemm_strided_batched_ex(
      h, cb.op, ca.op, static_cast<int>(n), static_cast<int>(m), static_cast<int>(k), pa, b.data_ptr(), type,
      static_cast<int>(cb.ld), b.stride(0), a.data_ptr(), type, static_cast<int>(ca.ld), a.stride(0), pb,
      out.data_ptr(), type, static_cast<int>(n), m * n, static_cast<int>(batch),
      wide ? CUBLAS_COMPUTE_64F : CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
}

}  // namespace ctorch::kernels::cuda
