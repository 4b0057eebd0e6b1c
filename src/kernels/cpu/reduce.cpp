// CPU reductions and scans. Behaviour reproduced from PyTorch's CPU kernels:
// aten/src/ATen/native/cpu/SumKernel.cpp (cascade sums in the accumulate type),
// aten/src/ATen/native/cpu/ReduceOpsKernel.cpp (prod, std/var, cumsum/cumprod, all/any),
// aten/src/ATen/native/cpu/TensorCompareKernel.cpp (max/min with indices: NaN wins, first index).
//
// One engine serves every reduction: the reduced elements of each output are combined pairwise
// (a base case of eight independent accumulators, then halving), so float sums stay accurate.
// Two layouts:
//   rows    - each output reduces one strided run (e.g. sum(dim=1), or everything);
//   columns - the kept dim is the contiguous one (e.g. sum(dim=0)): whole rows are accumulated
//             into a vector of outputs, pairwise over the rows, instead of striding down columns.
// Runs longer than kBlock are cut into fixed blocks reduced in parallel and combined in order,
// so the result never depends on the thread count.
#include "kernels/cpu/reduce.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/parallel.h"
#include "ctorch/convert.h"
#include "ctorch/dispatch.h"
#include "kernels/cpu/isa.h"

namespace ctorch::kernels::cpu {

namespace {

constexpr int64_t kBase = 1024;            // pairwise base case (elements)
// Independent accumulators of the base case, folded in a fixed tree at the end: enough to hide
// the add latency at full vector width, and the same order (so the same bits) on every ISA.
constexpr int64_t kLanes = 32;
constexpr int64_t kBlock = kGrainSize;     // fixed block of a long run
constexpr int kSideBySide = 4;             // contiguous runs reduced at once (pairwise_runs)
constexpr int64_t kColBase = 64;           // column mode: rows combined in order
constexpr int64_t kColStreams = 8;         // column mode: rows read at once
constexpr int64_t kColWidth = 4096;        // column mode: outputs per task
constexpr int64_t kColTile = 32;           // column mode: outputs kept in registers

template <typename T>
using Contig = std::integral_constant<int64_t, static_cast<int64_t>(sizeof(T))>;

// ---- geometry ----------------------------------------------------------------------------------

using Dims = std::vector<std::pair<int64_t, int64_t>>;  // (size, byte stride), outermost first

Dims merge_dims(const Dims& dims) {
  Dims out;
  for (auto [size, stride] : dims) {
    if (size == 1) continue;
    if (!out.empty() && out.back().second == stride * size) {
      out.back() = {out.back().first * size, stride};
    } else {
      out.emplace_back(size, stride);
    }
  }
  return out;
}

// The input as (kept dims, merged) x (one reduced run of R elements, byte stride r_stride).
struct Geometry {
  Tensor holder;  // keeps a contiguous copy alive when one was needed
  const char* base = nullptr;
  int64_t es = 0;
  Dims outer;
  int64_t out_numel = 1;
  int64_t R = 1;
  int64_t r_stride = 0;

  // Byte offset of kept position o over the first `ndims` outer dims.
  int64_t offset(int64_t o, size_t ndims) const {
    int64_t off = 0;
    for (size_t d = ndims; d-- > 0;) {
      off += (o % outer[d].first) * outer[d].second;
      o /= outer[d].first;
    }
    return off;
  }
};

// `reorder`: the reduced dims may be walked in memory order (the reduction ignores positions).
Geometry make_geometry(const Tensor& in, int64_t n_kept, bool reorder) {
  Geometry g;
  g.es = static_cast<int64_t>(in.element_size());
  Dims kept, red;
  for (int64_t d = 0; d < in.dim(); ++d) {
    auto& dst = d < n_kept ? kept : red;
    dst.emplace_back(in.sizes()[d], in.strides()[d] * g.es);
    if (d < n_kept) g.out_numel *= in.sizes()[d];
    else g.R *= in.sizes()[d];
  }
  g.base = static_cast<const char*>(in.data_ptr());
  if (g.R == 0 || g.out_numel == 0) return g;  // nothing to walk
  if (reorder) {
    std::stable_sort(red.begin(), red.end(), [](const auto& a, const auto& b) {
      return std::llabs(a.second) > std::llabs(b.second);
    });
  }
  red = merge_dims(red);
  if (red.size() > 1) {  // not one run: copy to row-major (kept dims first, reduced ones last)
    const Tensor copy = in.contiguous();
    Geometry flat = make_geometry(copy, n_kept, false);
    flat.holder = copy;
    return flat;
  }
  g.outer = merge_dims(kept);
  g.r_stride = red.empty() ? 0 : red[0].second;
  return g;
}

// ---- the pairwise engine -------------------------------------------------------------------------

// One leaf of the pairwise tree for each of M runs of n <= kBase elements (p[m], same stride):
// kLanes accumulators per run, folded in a fixed tree. The runs are walked side by side, which
// only changes the order of the loads: each result is that of its run alone.
template <int M, typename A, typename S, typename Load, typename Combine>
CTORCH_INLINE_LOOP inline void leaf(const char* const* p, S stride, int64_t n, const int64_t* i0, const Load& load,
                                    const Combine& combine, A* result) {
  if (n < kLanes) {
    for (int m = 0; m < M; ++m) {
      A acc = load(p[m], i0[m]);
      for (int64_t i = 1; i < n; ++i) acc = combine(acc, load(p[m] + i * stride, i0[m] + i));
      result[m] = acc;
    }
    return;
  }
  A acc[M][kLanes];  // element i of run m goes to acc[m][i % kLanes]
  for (int m = 0; m < M; ++m)
    for (int64_t k = 0; k < kLanes; ++k) acc[m][k] = load(p[m] + k * stride, i0[m] + k);
  int64_t i = kLanes;
  for (; i + kLanes <= n; i += kLanes) {
    for (int m = 0; m < M; ++m) {
      const char* q = p[m] + i * stride;
      for (int64_t k = 0; k < kLanes; ++k) acc[m][k] = combine(acc[m][k], load(q + k * stride, i0[m] + i + k));
    }
  }
  for (int m = 0; m < M; ++m) {
    for (int64_t j = i, k = 0; j < n; ++j, ++k) acc[m][k] = combine(acc[m][k], load(p[m] + j * stride, i0[m] + j));
    for (int64_t width = kLanes / 2; width >= 1; width /= 2)
      for (int64_t k = 0; k < width; ++k) acc[m][k] = combine(acc[m][k], acc[m][k + width]);
    result[m] = acc[m][0];
  }
}

// The leaves of the halving tree over [first, first + n): (first element, length), in order.
inline void split_leaves(int64_t first, int64_t n, std::pair<int64_t, int64_t>*& out) {
  if (n <= kBase) {
    *out++ = {first, n};
    return;
  }
  const int64_t h = n / 2;
  split_leaves(first, h, out);
  split_leaves(first + h, n - h, out);
}

// Combines the leaf values of the halving tree over n elements, consumed in order (`step` apart).
template <typename A, typename Combine>
A fold_leaves(int64_t n, const A*& next, int step, const Combine& combine) {
  if (n <= kBase) {
    const A value = *next;
    next += step;
    return value;
  }
  const int64_t h = n / 2;
  const A left = fold_leaves(h, next, step, combine);
  return combine(left, fold_leaves(n - h, next, step, combine));
}

// result[m] = the pairwise reduction of load(p[m] + i*stride, i0[m] + i), i in [0, n), for M runs
// of one length 1 <= n <= kBlock: halving down to leaves of at most kBase elements, all reduced in
// one vectorized call (the ISA is chosen once per block, not per leaf), then combined in the
// tree's order.
template <int M, typename A, typename S, typename Load, typename Combine>
void pairwise_block(const char* const* p, S stride, int64_t n, const int64_t* i0, const Load& load,
                    const Combine& combine, A* result) {
  constexpr int kMaxLeaves = 2 * kBlock / kBase;  // halving leaves are longer than kBase / 2
  std::pair<int64_t, int64_t> bounds[kMaxLeaves];
  auto* end = bounds;
  split_leaves(0, n, end);
  A values[kMaxLeaves * M];
  const int64_t count = end - bounds;
  vector_loop<A>([&]() CTORCH_INLINE_LOOP {
    for (int64_t j = 0; j < count; ++j) {
      const auto [first, len] = bounds[j];
      const char* q[M];
      int64_t q0[M];
      for (int m = 0; m < M; ++m) q[m] = p[m] + first * stride, q0[m] = i0[m] + first;
      leaf<M, A>(q, stride, len, q0, load, combine, values + j * M);
    }
  }, n);
  for (int m = 0; m < M; ++m) {
    const A* next = values + m;
    result[m] = fold_leaves<A>(n, next, M, combine);
  }
}

// Combines load(p + i*stride, i0 + i) for i in [0, n), n >= 1, pairwise (pairwise_block below kBlock).
template <typename A, typename S, typename Load, typename Combine>
A pairwise(const char* p, S stride, int64_t n, int64_t i0, const Load& load, const Combine& combine) {
  if (n > kBlock) {
    const int64_t h = n / 2;
    const A left = pairwise<A>(p, stride, h, i0, load, combine);
    return combine(left, pairwise<A>(p + h * stride, stride, n - h, i0 + h, load, combine));
  }
  A result;
  pairwise_block<1, A>(&p, stride, n, &i0, load, combine, &result);
  return result;
}

// out[i] for the runs i in [lo, hi) of n elements each, run i starting at start(i) with element
// index i * index_step: kSideBySide runs at a time when they fit one block. Reading several
// streams at once keeps more of the memory system busy (about a quarter faster than one stream on
// the machines measured); each result has the bits of pairwise() on its run alone.
template <typename A, typename S, typename Start, typename Load, typename Combine>
void pairwise_runs(int64_t lo, int64_t hi, const Start& start, S stride, int64_t n, int64_t index_step,
                   const Load& load, const Combine& combine, A* out) {
  int64_t i = lo;
  // Only the float dtypes, whose loops are built for each ISA: the others would double their
  // compile time for little use.
  if constexpr (kMultiIsa<A>) {
    if (n <= kBlock) {
      for (; i + kSideBySide <= hi; i += kSideBySide) {
        const char* p[kSideBySide];
        int64_t i0[kSideBySide];
        for (int m = 0; m < kSideBySide; ++m) p[m] = start(i + m), i0[m] = (i + m) * index_step;
        pairwise_block<kSideBySide, A>(p, stride, n, i0, load, combine, out + i);
      }
    }
  }
  for (; i < hi; ++i) out[i] = pairwise<A>(start(i), stride, n, i * index_step, load, combine);
}

// One run of n >= 1 elements: fixed blocks of kBlock in parallel, then combined pairwise in order.
template <typename A, typename S, typename Load, typename Combine>
A reduce_run(const char* p, S stride, int64_t n, const Load& load, const Combine& combine) {
  if (n <= kBlock) return pairwise<A>(p, stride, n, 0, load, combine);
  const int64_t blocks = (n + kBlock - 1) / kBlock, full = n / kBlock;
  std::unique_ptr<A[]> part(new A[static_cast<size_t>(blocks)]);
  auto block_start = [&](int64_t b) { return p + b * kBlock * stride; };
  parallel_for(0, blocks, 1, [&](int64_t lo, int64_t hi) {
    pairwise_runs<A>(lo, std::min(hi, full), block_start, stride, kBlock, kBlock, load, combine, part.get());
    if (hi > full) part[full] = pairwise<A>(block_start(full), stride, n - full * kBlock, full * kBlock, load, combine);
  });
  auto load_part = [](const char* q, int64_t) { return *reinterpret_cast<const A*>(q); };
  return pairwise<A>(reinterpret_cast<const char*>(part.get()), Contig<A>{}, blocks, 0, load_part,
                     combine);
}

// Rows of `n` reduced elements starting at p + r0*rs, `w` outputs side by side (stride es):
// out[j] = combine over the rows of load(row + j*es, row index).
template <typename T, typename A, typename Load, typename Combine>
void column_pairwise(const char* p, int64_t rs, int64_t r0, int64_t n, int64_t w, A* out,
                     A* scratch, const Load& load, const Combine& combine) {
  constexpr int64_t es = sizeof(T);
  if (n <= kColBase) {
    // Each output combines its n rows in order, kColStreams rows per pass over the outputs: a
    // tile of kColTile outputs stays in registers while those rows stream past, so out[] is
    // written once per pass rather than once per row, and the memory system sees a few streams.
    vector_loop<A>([&]() CTORCH_INLINE_LOOP {
      for (int64_t r1 = 0; r1 < n; r1 += kColStreams) {
        const int64_t r2 = std::min(n, r1 + kColStreams);
        const char* first = p + (r0 + r1) * rs;
        int64_t j0 = 0;
        for (; j0 + kColTile <= w; j0 += kColTile) {
          A acc[kColTile];
          for (int64_t k = 0; k < kColTile; ++k)
            acc[k] = r1 == 0 ? load(first + (j0 + k) * es, r0) : combine(out[j0 + k], load(first + (j0 + k) * es, r0 + r1));
          for (int64_t r = r1 + 1; r < r2; ++r) {
            const char* row = p + (r0 + r) * rs + j0 * es;
            for (int64_t k = 0; k < kColTile; ++k) acc[k] = combine(acc[k], load(row + k * es, r0 + r));
          }
          for (int64_t k = 0; k < kColTile; ++k) out[j0 + k] = acc[k];
        }
        for (int64_t j = j0; j < w; ++j)
          out[j] = r1 == 0 ? load(first + j * es, r0) : combine(out[j], load(first + j * es, r0 + r1));
        for (int64_t r = r1 + 1; r < r2; ++r) {
          const char* row = p + (r0 + r) * rs;
          for (int64_t j = j0; j < w; ++j) out[j] = combine(out[j], load(row + j * es, r0 + r));
        }
      }
    });
    return;
  }
  const int64_t h = n / 2;
  column_pairwise<T>(p, rs, r0, h, w, out, scratch + w, load, combine);
  column_pairwise<T>(p, rs, r0 + h, n - h, w, scratch, scratch + w, load, combine);
  for (int64_t j = 0; j < w; ++j) out[j] = combine(out[j], scratch[j]);
}

// The leaves of the first `levels` levels of column_pairwise's tree over rows [r0, r0 + n).
inline void split_rows(int64_t r0, int64_t n, int levels, std::vector<std::pair<int64_t, int64_t>>& parts) {
  if (levels == 0) {
    parts.emplace_back(r0, n);
    return;
  }
  const int64_t h = n / 2;
  split_rows(r0, h, levels - 1, parts);
  split_rows(r0 + h, n - h, levels - 1, parts);
}

// out[i] = the reduction of the run of output lo + i, for the outputs [lo, hi) of a geometry in
// the rows layout (one run per output).
template <typename T, typename A, typename Load, typename Combine>
void reduce_rows(const Geometry& g, int64_t lo, int64_t hi, const Load& load, const Combine& combine, A* out) {
  auto start = [&](int64_t i) { return g.base + g.offset(lo + i, g.outer.size()); };
  if (g.r_stride == g.es && g.R <= kBlock) {
    return pairwise_runs<A>(0, hi - lo, start, Contig<T>{}, g.R, 0, load, combine, out);
  }
  for (int64_t i = 0; i < hi - lo; ++i) {
    out[i] = g.r_stride == g.es ? reduce_run<A>(start(i), Contig<T>{}, g.R, load, combine)
                                : reduce_run<A>(start(i), g.r_stride, g.R, load, combine);
  }
}

// The kept dim is the contiguous one and the reduced run is not: accumulate whole rows.
bool column_mode(const Geometry& g) {
  return !g.outer.empty() && g.outer.back().second == g.es && g.r_stride != g.es && g.R > 1;
}

// out[o] for every kept position o; g.R >= 1. T is the element type read by `load`.
template <typename T, typename A, typename Load, typename Combine>
void reduce_all_outputs(const Geometry& g, A* out, const Load& load, const Combine& combine) {
  if (!column_mode(g)) {
    const int64_t grain = std::max<int64_t>(1, kGrainSize / g.R);
    parallel_for(0, g.out_numel, grain, [&](int64_t lo, int64_t hi) {
      reduce_rows<T, A>(g, lo, hi, load, combine, out + lo);
    });
    return;
  }
  const int64_t K = g.outer.back().first;
  const int64_t col_blocks = (K + kColWidth - 1) / kColWidth;
  // The top levels of the pairwise tree over the rows are independent subtrees: they run as
  // separate tasks (parallelism for a few long columns, as in sum(dim=0) of a square matrix) and
  // are combined in tree order afterwards, so the bits are those of one sequential tree.
  std::vector<std::pair<int64_t, int64_t>> parts;  // (first row, rows), in tree order
  const int split_levels = g.R >= 4 * (kColBase + 1) ? 2 : g.R >= 2 * (kColBase + 1) ? 1 : 0;
  split_rows(0, g.R, split_levels, parts);
  const auto n_parts = static_cast<int64_t>(parts.size());
  std::unique_ptr<A[]> partial(n_parts > 1 ? new A[static_cast<size_t>(n_parts * g.out_numel)] : nullptr);
  int64_t levels = 1;
  for (int64_t m = parts.back().second; m > kColBase; m -= m / 2) ++levels;  // the last part is the longest
  const int64_t tasks = (g.out_numel / K) * col_blocks * n_parts;
  const int64_t grain = std::max<int64_t>(1, kGrainSize / (parts.back().second * std::min(K, kColWidth)));
  parallel_for(0, tasks, grain, [&](int64_t lo, int64_t hi) {
    std::unique_ptr<A[]> scratch(new A[static_cast<size_t>(levels * kColWidth)]);
    for (int64_t t = lo; t < hi; ++t) {
      const int64_t part = t % n_parts, block = t / n_parts;
      const int64_t hi_pos = block / col_blocks, j0 = (block % col_blocks) * kColWidth;
      const char* p = g.base + g.offset(hi_pos, g.outer.size() - 1) + j0 * g.es;
      A* dst = (n_parts > 1 ? partial.get() + part * g.out_numel : out) + hi_pos * K + j0;
      column_pairwise<T>(p, g.r_stride, parts[part].first, parts[part].second, std::min(kColWidth, K - j0),
                         dst, scratch.get(), load, combine);
    }
  });
  if (n_parts == 1) return;
  parallel_for(0, g.out_numel, kGrainSize, [&](int64_t lo, int64_t hi) {
    for (int64_t o = lo; o < hi; ++o) {
      for (int64_t step = 1; step < n_parts; step *= 2)
        for (int64_t k = 0; k + step < n_parts; k += 2 * step)
          partial[k * g.out_numel + o] = combine(partial[k * g.out_numel + o], partial[(k + step) * g.out_numel + o]);
      out[o] = partial[o];
    }
  });
}

// Writes acc[o] converted to out's dtype.
template <typename A>
void write_out(const Tensor& out, const A* acc) {
  dispatch(out.dtype(), [&]<typename O>() {
    O* dst = out.data_ptr<O>();
    for (int64_t o = 0; o < out.numel(); ++o) dst[o] = convert<O>(acc[o]);
  });
}

// ---- element helpers ---------------------------------------------------------------------------

// What T compares and computes as: float for float16/bfloat16, T otherwise.
template <typename T>
using compute_t = std::conditional_t<is_reduced_float_v<T>, float, T>;

template <typename T>
compute_t<T> value_of(const char* p) {
  return static_cast<compute_t<T>>(*reinterpret_cast<const T*>(p));
}

template <typename V>
bool is_nan(V v) {
  if constexpr (std::is_floating_point_v<V>) return v != v;  // (vectorizes, unlike std::isnan)
  else return false;
}

// PyTorch's CPU accumulate type of a sum/prod: float for float16/bfloat16/float32, double,
// int64 for integral and bool.
template <typename T>
using sum_acc_t = std::conditional_t<std::is_floating_point_v<compute_t<T>>, compute_t<T>, int64_t>;

template <typename A>
A wrap_add(A a, A b) {
  if constexpr (std::is_integral_v<A>) return static_cast<A>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
  else return a + b;
}
template <typename A>
A wrap_mul(A a, A b) {
  if constexpr (std::is_integral_v<A>) return static_cast<A>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
  else return a * b;
}

// The first i in [0, n) whose value matches; one must. Contiguous runs are tested kLanes at a
// time (a vectorizable loop) before the exact position is looked for.
template <typename T, typename Match>
int64_t find_first(const char* p, int64_t stride, int64_t n, const Match& match) {
  int64_t i = 0;
  if (stride == static_cast<int64_t>(sizeof(T))) {
    const T* x = reinterpret_cast<const T*>(p);
    vector_loop<T>([&]() CTORCH_INLINE_LOOP {
      int64_t j = 0;
      for (; j + kLanes <= n; j += kLanes) {
        int hits = 0;  // a count, not a bool: an integer sum vectorizes, an "or" of bools does not
        for (int64_t k = 0; k < kLanes; ++k) hits += match(static_cast<compute_t<T>>(x[j + k])) ? 1 : 0;
        if (hits) break;
      }
      i = j;
    });
  }
  while (!match(value_of<T>(p + i * stride))) ++i;
  return i;
}

template <typename V>
struct ValueIndex {
  V value;
  int64_t index;
};

}  // namespace

void reduce(ReduceKind kind, const Tensor& out, const Tensor& in, int64_t n_kept) {
  const Geometry g = make_geometry(in, n_kept, /*reorder=*/true);
  if (g.out_numel == 0) return;
  dispatch(in.dtype(), [&]<typename T>() {
    using V = compute_t<T>;
    auto run = [&]<typename A>(A identity, auto load, auto combine) {
      std::unique_ptr<A[]> acc(new A[static_cast<size_t>(g.out_numel)]);
      if (g.R == 0) {
        std::fill(acc.get(), acc.get() + g.out_numel, identity);
      } else {
        reduce_all_outputs<T, A>(g, acc.get(), load, combine);
        // A sum starts from +0 in PyTorch, so one of only -0.0s is +0.0 (the engine starts from
        // the first element instead, which keeps every other bit).
        if constexpr (std::is_floating_point_v<A>) {
          if (kind == ReduceKind::Sum)
            for (int64_t o = 0; o < g.out_numel; ++o) acc[o] += A(0);
        }
      }
      write_out(out, acc.get());
    };
    using S = sum_acc_t<T>;
    auto load_acc = [](const char* p, int64_t) { return static_cast<S>(value_of<T>(p)); };
    auto load_value = [](const char* p, int64_t) { return value_of<T>(p); };
    auto load_bool = [](const char* p, int64_t) { return value_of<T>(p) != V(0); };
    switch (kind) {
      case ReduceKind::Sum:
        return run(S(0), load_acc, [](S a, S b) { return wrap_add(a, b); });
      case ReduceKind::Prod:
        return run(S(1), load_acc, [](S a, S b) { return wrap_mul(a, b); });
      case ReduceKind::Max:
        return run(V(0), load_value, [](V a, V b) { return (is_nan(a) || a > b) ? a : b; });
      case ReduceKind::Min:
        return run(V(0), load_value, [](V a, V b) { return (is_nan(a) || a < b) ? a : b; });
      case ReduceKind::All:
        return run(true, load_bool, [](bool a, bool b) { return a && b; });
      case ReduceKind::Any:
        return run(false, load_bool, [](bool a, bool b) { return a || b; });
    }
  });
}

void reduce_with_index(ReduceKind kind, const Tensor& values, const Tensor& indices,
                       const Tensor& in, int64_t n_kept) {
  const Geometry g = make_geometry(in, n_kept, /*reorder=*/false);
  if (g.out_numel == 0) return;
  const bool is_max = kind == ReduceKind::Max;
  dispatch(in.dtype(), [&]<typename T>() {
    using V = compute_t<T>;
    using A = ValueIndex<V>;
    auto load = [](const char* p, int64_t i) { return A{value_of<T>(p), i}; };
    // Commutative and associative: NaN beats numbers, the extreme beats the rest, and among
    // equals the smaller index wins, so any combining order gives the first occurrence.
    auto combine = [is_max](const A& a, const A& b) {
      const bool an = is_nan(a.value), bn = is_nan(b.value);
      if (an || bn) return (an && bn) ? (a.index < b.index ? a : b) : (an ? a : b);
      if (is_max ? b.value > a.value : b.value < a.value) return b;
      if (is_max ? a.value > b.value : a.value < b.value) return a;
      return a.index < b.index ? a : b;
    };
    std::unique_ptr<A[]> acc(new A[static_cast<size_t>(g.out_numel)]);
    if (column_mode(g)) {
      reduce_all_outputs<T, A>(g, acc.get(), load, combine);
    } else {
      // One run per output: find the extreme value (NaN wins), then its first position.
      auto load_value = [](const char* p, int64_t) { return value_of<T>(p); };
      auto pick_max = [](V a, V b) { return (is_nan(a) || a > b) ? a : b; };
      auto pick_min = [](V a, V b) { return (is_nan(a) || a < b) ? a : b; };
      const int64_t grain = std::max<int64_t>(1, kGrainSize / g.R);
      parallel_for(0, g.out_numel, grain, [&](int64_t lo, int64_t hi) {
        std::unique_ptr<V[]> best(new V[static_cast<size_t>(hi - lo)]);
        if (is_max) reduce_rows<T, V>(g, lo, hi, load_value, pick_max, best.get());
        else reduce_rows<T, V>(g, lo, hi, load_value, pick_min, best.get());
        for (int64_t o = lo; o < hi; ++o) {
          const V b = best[o - lo];
          const char* p = g.base + g.offset(o, g.outer.size());
          const int64_t i = is_nan(b) ? find_first<T>(p, g.r_stride, g.R, [](V v) { return is_nan(v); })
                                      : find_first<T>(p, g.r_stride, g.R, [b](V v) { return v == b; });
          acc[o] = A{b, i};
        }
      });
    }
    int64_t* idx = indices.data_ptr<int64_t>();
    for (int64_t o = 0; o < g.out_numel; ++o) idx[o] = acc[o].index;
    if (values.defined()) {
      T* v = values.data_ptr<T>();
      for (int64_t o = 0; o < g.out_numel; ++o) v[o] = static_cast<T>(acc[o].value);
    }
  });
}

void variance(const Tensor& out, const Tensor& in, int64_t n_kept, double correction,
              bool take_sqrt) {
  const Geometry g = make_geometry(in, n_kept, /*reorder=*/true);
  if (g.out_numel == 0) return;
  std::unique_ptr<double[]> acc(new double[static_cast<size_t>(g.out_numel)]);
  dispatch(in.dtype(), [&]<typename T>() {
    auto add = [](double a, double b) { return a + b; };
    auto load = [](const char* p, int64_t) { return static_cast<double>(value_of<T>(p)); };
    const double divisor = std::max(0.0, static_cast<double>(g.R) - correction);
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(g.R, 1));
    parallel_for(0, g.out_numel, grain, [&](int64_t lo, int64_t hi) {
      for (int64_t o = lo; o < hi; ++o) {
        if (g.R == 0) {
          acc[o] = std::nan("");
          continue;
        }
        const char* p = g.base + g.offset(o, g.outer.size());
        const double mean = reduce_run<double>(p, g.r_stride, g.R, load, add) / static_cast<double>(g.R);
        auto load_sq = [mean](const char* q, int64_t) {
          const double d = static_cast<double>(value_of<T>(q)) - mean;
          return d * d;
        };
        const double var = reduce_run<double>(p, g.r_stride, g.R, load_sq, add) / divisor;
        acc[o] = take_sqrt ? std::sqrt(var) : var;
      }
    });
  });
  write_out(out, acc.get());
}

void divide_(const Tensor& t, int64_t divisor) {
  dispatch(t.dtype(), [&]<typename T>() {
    using V = compute_t<T>;
    const V d = static_cast<V>(convert<T>(divisor));
    T* data = t.data_ptr<T>();
    for (int64_t i = 0; i < t.numel(); ++i) data[i] = static_cast<T>(static_cast<V>(data[i]) / d);
  });
}

void cumulative(ReduceKind kind, const Tensor& out, const Tensor& in, int64_t dim) {
  if (out.numel() == 0) return;
  const int64_t length = in.dim() == 0 ? 1 : in.sizes()[dim];
  const int64_t in_step = in.dim() == 0 ? 0 : in.strides()[dim];
  const int64_t out_step = in.dim() == 0 ? 0 : out.strides()[dim];
  // The other dims, walked by index arithmetic: one line per position.
  Dims others;
  for (int64_t d = 0; d < in.dim(); ++d)
    if (d != dim) others.emplace_back(in.sizes()[d], d);
  const int64_t lines = out.numel() / length;
  dispatch(in.dtype(), [&]<typename T>() {
    // CPU at::acc_type: double for float32/float64, float for float16/bfloat16, int64 for integers.
    using A = std::conditional_t<std::is_floating_point_v<compute_t<T>>,
                                 std::conditional_t<is_reduced_float_v<T>, float, double>, int64_t>;
    const T* src = in.data_ptr<T>();
    T* dst = out.data_ptr<T>();
    const int64_t grain = std::max<int64_t>(1, kGrainSize / length);
    parallel_for(0, lines, grain, [&](int64_t lo, int64_t hi) {
      for (int64_t q = lo; q < hi; ++q) {
        int64_t in_off = 0, out_off = 0;
        for (size_t k = others.size(), rest = static_cast<size_t>(q); k-- > 0;) {
          const auto [size, d] = others[k];
          const int64_t i = static_cast<int64_t>(rest) % size;
          rest /= static_cast<size_t>(size);
          in_off += i * in.strides()[d];
          out_off += i * out.strides()[d];
        }
        A acc = kind == ReduceKind::Sum ? A(0) : A(1);
        for (int64_t i = 0; i < length; ++i) {
          const A x = static_cast<A>(static_cast<compute_t<T>>(src[in_off + i * in_step]));
          acc = kind == ReduceKind::Sum ? wrap_add(acc, x) : wrap_mul(acc, x);
          dst[out_off + i * out_step] = convert<T>(acc);
        }
      }
    });
  });
}

}  // namespace ctorch::kernels::cpu
