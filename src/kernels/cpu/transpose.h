// Transposing copy: out[r][c] = in[c][r] for 4- and 8-byte elements, the hot case of
// `t.t().contiguous()`. Uses AVX register transposes when the CPU has AVX (checked once at run
// time; the library itself is built for baseline x86-64), else a tiled scalar loop. Setting the
// environment variable CTORCH_CPU_CAPABILITY=default forces the scalar loop.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ctorch::kernels::cpu {

// `out` has rows of `cols` elements, `out_row_stride` bytes apart, each row contiguous; `in` has
// its elements for one output row contiguous and `in_col_stride` bytes between output columns.
// Returns false (and does nothing) for element sizes other than 4 and 8.
bool transpose_copy(char* out, const char* in, int64_t rows, int64_t cols, int64_t out_row_stride,
                    int64_t in_col_stride, size_t element_size);

}  // namespace ctorch::kernels::cpu
