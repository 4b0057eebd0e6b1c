// CTORCH_HOST_DEVICE marks functions and lambdas that run on both the CPU and a CUDA GPU: the
// functors of kernels/*_functors.h are compiled by the host compiler for the CPU loops and by
// nvcc for the CUDA loops (lambdas then need nvcc's --extended-lambda, which CMake sets).
//
//   run([] CTORCH_HOST_DEVICE(float a, float b) { return a + b; });
#pragma once

#if defined(__CUDACC__)
#define CTORCH_HOST_DEVICE __host__ __device__
#else
#define CTORCH_HOST_DEVICE
#endif
