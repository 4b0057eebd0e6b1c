// cuBLAS, loaded on the first CUDA matrix product rather than with the library: libcublas and
// libcublasLt are some 600 MB and take ~90 ms to map, which every program (and every
// `import ctorch`) would pay at start-up even when it never multiplies matrices on a GPU.
//
//   const CublasApi& api = cublas();   // a ctorch::Error when the library cannot be loaded
//   api.create(&handle);
#pragma once

#include <cublas_v2.h>

namespace ctorch::kernels::cuda {

struct CublasApi {
  decltype(&cublasCreate_v2) create;
  decltype(&cublasSetMathMode) set_math_mode;
  decltype(&cublasSetStream_v2) set_stream;
  decltype(&cublasGetStatusString) status_string;
  // The C entry point (C++ also sees an overload taking a cudaDataType compute type).
  cublasStatus_t (*gemm_strided_batched_ex)(cublasHandle_t, cublasOperation_t, cublasOperation_t, int, int, int,
                                            const void*, const void*, cudaDataType, int, long long, const void*,
                                            cudaDataType, int, long long, const void*, void*, cudaDataType, int,
                                            long long, int, cublasComputeType_t, cublasGemmAlgo_t);
};

const CublasApi& cublas();

}  // namespace ctorch::kernels::cuda
