#include "kernels/cuda/cublas_api.h"

#include <dlfcn.h>

#include "ctorch/error.h"

namespace ctorch::kernels::cuda {

namespace {

// The soname first (found through the loader's paths and this library's run path), then the
// toolkit's copy that the build saw.
void* open_cublas() {
  for (const char* name : {CTORCH_CUBLAS_SONAME, CTORCH_CUBLAS_PATH}) {
    if (void* lib = dlopen(name, RTLD_NOW | RTLD_LOCAL)) return lib;
  }
  CTORCH_FAIL(Runtime, "CUDA error: cannot load cuBLAS (", CTORCH_CUBLAS_SONAME, "): ", dlerror());
}

template <typename F>
void bind(void* lib, F& f, const char* symbol) {
  f = reinterpret_cast<F>(dlsym(lib, symbol));
  CTORCH_CHECK(f != nullptr, Runtime, "CUDA error: cuBLAS lacks ", symbol);
}

CublasApi load() {
  void* lib = open_cublas();  // kept open for the life of the process
  CublasApi api{};
  bind(lib, api.create, "cublasCreate_v2");
  bind(lib, api.set_math_mode, "cublasSetMathMode");
  bind(lib, api.set_stream, "cublasSetStream_v2");
  bind(lib, api.status_string, "cublasGetStatusString");
  bind(lib, api.gemm_strided_batched_ex, "cublasGemmStridedBatchedEx");
  return api;
}

}  // namespace

const CublasApi& cublas() {
  static const CublasApi api = load();  // a failed load throws, and the next call tries again
  return api;
}

}  // namespace ctorch::kernels::cuda
