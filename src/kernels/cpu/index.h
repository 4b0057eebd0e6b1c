// CPU kernels for indexed element moves (advanced indexing, gather/scatter, nonzero). They never
// check: the op functions in src/ops have validated, wrapped and broadcast everything before.
#pragma once

#include <cstdint>
#include <vector>

#include "ctorch/tensor.h"

namespace ctorch::kernels::cpu {

// Where element e (a multi-index into `shape`) of an indexing result lives in the indexed tensor:
//   data + sum_d e[d] * strides[d] + sum_j indices[j][e] * index_strides[j]     (in elements)
// `indices` are int64 tensors already viewed at `shape` (zero strides where they broadcast),
// every value in range and non-negative.
struct IndexGeometry {
  std::vector<int64_t> strides;        // one per result dim
  std::vector<Tensor> indices;
  std::vector<int64_t> index_strides;  // one per index tensor
};

// out[e] = src[where(e)]; out has `shape` and src's dtype.
void index_gather(const Tensor& out, const Tensor& src, const IndexGeometry& g);
// dst[where(e)] = value[e] (or += with accumulate); value has dst's dtype, viewed at the shape.
// Elements are visited in row-major order, so the last of duplicate indices wins.
void index_put(const Tensor& dst, const Tensor& value, const IndexGeometry& g, bool accumulate);

// Number of nonzero (true, NaN included) elements, and their multi-indices into out [n, ndim].
int64_t count_nonzero(const Tensor& t);
void nonzero(const Tensor& out, const Tensor& t);

}  // namespace ctorch::kernels::cpu
