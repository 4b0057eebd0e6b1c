// sort, argsort, topk, unique (sorting.h): every dim incl. negative, non-contiguous and expanded
// inputs, ties (stable=True keeps their order; the default order is PyTorch's, as is topk's), NaN
// (the largest value), -0.0, empty and zero-dim tensors, float16, bool, and every error message.
// Expectations are hand values, references computed here with std::stable_sort (lines of at most
// 16 elements, which std::sort orders stably too), or PyTorch 2.15 output (ties).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "test_util.h"

using namespace ctorch_test;

namespace {


// [3, nan, 1, -0, 0, -inf, nan, inf, 1]
Tensor mixed(ctorch::ScalarType dt = ctorch::kFloat32) {
  return ctorch::tensor({3.0, kNaN, 1.0, -0.0, 0.0, -kInf, kNaN, kInf, 1.0}, dt);
}

// A 3 x 4 x 5 int64 tensor with many ties (values 0..6).
Tensor ties345() {
  std::vector<int64_t> v(60);
  for (int64_t i = 0; i < 60; ++i) v[i] = (i * 37 + 11) % 7;
  return ctorch::tensor(v).reshape({3, 4, 5});
}

// Reference: stable sort of every line of `t` along `dim` (reads through doubles()).
void ref_sort(const Tensor& t, int64_t dim, bool descending, std::vector<double>* values,
              std::vector<int64_t>* indices) {
  const auto flat = doubles(t);
  const auto& sz = t.sizes();
  const int64_t nd = t.dim();
  const int64_t d = dim < 0 ? dim + nd : dim;
  int64_t inner = 1;
  for (int64_t k = d + 1; k < nd; ++k) inner *= sz[k];
  const int64_t n = sz[d];
  const int64_t outer = t.numel() / (n * inner);
  values->assign(flat.size(), 0);
  indices->assign(flat.size(), 0);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      std::vector<int64_t> order(n);
      std::iota(order.begin(), order.end(), 0);
      auto at = [&](int64_t j) { return flat[(o * n + j) * inner + i]; };
      std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        const double x = at(a), y = at(b);
        if (descending) return (std::isnan(x) && !std::isnan(y)) || x > y;
        return (!std::isnan(x) && std::isnan(y)) || x < y;
      });
      for (int64_t j = 0; j < n; ++j) {
        (*values)[(o * n + j) * inner + i] = at(order[j]);
        (*indices)[(o * n + j) * inner + i] = order[j];
      }
    }
  }
}

}  // namespace

// ---- sort ------------------------------------------------------------------------------------

TEST(Sort, NaNIsLargestAndTiesKeepOrder) {
  auto [v, i] = ctorch::sort(mixed());
  EXPECT_TRUE(same_values(doubles(v), {-kInf, -0.0, 0.0, 1, 1, 3, kInf, kNaN, kNaN}));
  EXPECT_EQ(values<int64_t>(i), (I64{5, 3, 4, 2, 8, 0, 7, 1, 6}));  // PyTorch's output
  auto [vd, id] = ctorch::sort(mixed(), -1, /*descending=*/true);
  EXPECT_TRUE(same_values(doubles(vd), {kNaN, kNaN, kInf, 3, 1, 1, -0.0, 0.0, -kInf}));
  EXPECT_EQ(values<int64_t>(id), (I64{1, 6, 7, 0, 2, 8, 3, 4, 5}));
  auto [vs, is] = ctorch::sort(mixed(), 0, true, /*stable=*/true);
  EXPECT_EQ(values<int64_t>(is), values<int64_t>(id));
  EXPECT_EQ(v.dtype(), ctorch::kFloat32);
  EXPECT_EQ(i.dtype(), ctorch::kInt64);
}

TEST(Sort, EveryDimAndNonContiguous) {
  const Tensor base = ties345();
  const std::vector<Tensor> inputs = {base, base.to(ctorch::kFloat64).transpose(0, 2),
                                      base.permute({1, 2, 0}),
                                      base.slice(2, 0, 5, 2).to(ctorch::kInt16)};
  for (const Tensor& t : inputs) {
    for (int64_t dim = -t.dim(); dim < t.dim(); ++dim) {
      for (bool desc : {false, true}) {
        SCOPED_TRACE(::testing::Message() << "dim " << dim << " desc " << desc);
        std::vector<double> rv;
        std::vector<int64_t> ri;
        ref_sort(t, dim, desc, &rv, &ri);
        auto [v, i] = ctorch::sort(t, dim, desc);
        EXPECT_EQ(shape(v), shape(t));
        EXPECT_EQ(v.dtype(), t.dtype());
        EXPECT_EQ(doubles(v), rv);
        EXPECT_EQ(values<int64_t>(i), ri);
        EXPECT_EQ(values<int64_t>(ctorch::argsort(t, dim, desc)), ri);
        EXPECT_EQ(values<int64_t>(t.argsort(dim, desc)), ri);
        EXPECT_EQ(doubles(t.sort(dim, desc).values), rv);
      }
    }
  }
}

TEST(Sort, LongLinesStayStableWhenAsked) {
  std::vector<int64_t> v(5000);
  for (int64_t i = 0; i < 5000; ++i) v[i] = (i * 7919) % 13;
  const Tensor t = ctorch::tensor(v);
  for (bool desc : {false, true}) {
    std::vector<double> rv;
    std::vector<int64_t> ri;
    ref_sort(t, 0, desc, &rv, &ri);
    auto [sv, si] = ctorch::sort(t, 0, desc, /*stable=*/true);
    EXPECT_EQ(doubles(sv), rv);
    EXPECT_EQ(values<int64_t>(si), ri);
    EXPECT_EQ(doubles(ctorch::sort(t, 0, desc).values), rv);  // the values never depend on it
  }
}

// sum(indices[i] * i): one number that tells two orders of a long line apart.
int64_t weighted(const Tensor& indices) {
  const std::vector<int64_t> idx = values<int64_t>(indices);
  int64_t sum = 0;
  for (size_t i = 0; i < idx.size(); ++i) sum += idx[i] * static_cast<int64_t>(i % idx.size());
  return sum;
}

// stable=False (the default): equal elements in the order PyTorch 2.15's CPU sort leaves them in
// (Note [Sort order of equal elements]); every expectation is PyTorch's output.
TEST(Sort, DefaultOrderOfTiesIsPyTorchs) {
  std::vector<int64_t> alternating;
  for (int i = 0; i < 18; ++i) alternating.push_back(i % 2);
  EXPECT_EQ(values<int64_t>(ctorch::sort(ctorch::tensor(alternating)).indices),
            (I64{2, 16, 4, 6, 14, 8, 0, 10, 12, 9, 17, 15, 13, 11, 7, 5, 3, 1}));
  std::vector<double> thirds;
  for (int i = 0; i < 21; ++i) thirds.push_back(i % 3 == 0 ? 0.0 : i % 3 == 1 ? 1.0 : 0.5);
  EXPECT_EQ(values<int64_t>(ctorch::argsort(ctorch::tensor(thirds), -1, /*descending=*/true)),
            (I64{1, 19, 16, 13, 10, 7, 4, 5, 8, 11, 14, 2, 17, 20, 6, 9, 12, 3, 15, 18, 0}));
  std::vector<int64_t> rows;
  for (int r = 0; r < 2; ++r)
    for (int i = 0; i < 20; ++i) rows.push_back(1 - i % 2);
  const I64 row_order{1, 19, 17, 15, 13, 11, 9, 7, 5, 3, 8, 6, 10, 12, 4, 14, 16, 2, 18, 0};
  const Tensor by_row = ctorch::sort(ctorch::tensor(rows, ctorch::kInt16).reshape({2, 20}), 1).indices;
  EXPECT_EQ(values<int64_t>(by_row[0]), row_order);
  EXPECT_EQ(values<int64_t>(by_row[1]), row_order);
  // Long lines: a 1-D integer tensor of >= 32768 elements sorted ascending is stable (PyTorch's
  // radix sort); descending, 2-D or floating, it is std::sort's order.
  std::vector<int64_t> v(40000);
  for (int64_t i = 0; i < 40000; ++i) v[i] = (i * 7919) % 13;
  const Tensor t = ctorch::tensor(v);
  EXPECT_EQ(values<int64_t>(ctorch::sort(t).indices), values<int64_t>(ctorch::sort(t, 0, false, true).indices));
  EXPECT_EQ(weighted(ctorch::sort(t, 0, /*descending=*/true).indices), 15983791929401);
  EXPECT_EQ(weighted(ctorch::sort(t.reshape({2, 20000}), 1).indices), 7993663878617);
  EXPECT_EQ(weighted(ctorch::sort(t.slice(0, 0, 5000)).indices), 31219822076);
  EXPECT_EQ(weighted(ctorch::sort(t.to(ctorch::kFloat32)).indices), 15984015491757);
}

TEST(Sort, ExpandedInputGivesArange) {
  const Tensor t = ctorch::tensor({2.5}).expand({2, 4});
  auto [v, i] = ctorch::sort(t, 1, true);
  EXPECT_EQ(doubles(v), (D{2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5}));
  EXPECT_EQ(values<int64_t>(i), (I64{0, 1, 2, 3, 0, 1, 2, 3}));
}

TEST(Sort, BoolFloat16AndBFloat16) {
  auto [bv, bi] = ctorch::sort(ctorch::tensor({true, false, true}));
  EXPECT_EQ(values<bool>(bv), (std::vector<bool>{false, true, true}));
  EXPECT_EQ(values<int64_t>(bi), (I64{1, 0, 2}));
  for (auto dt : {ctorch::kFloat16, ctorch::kBFloat16}) {
    auto [v, i] = ctorch::sort(mixed(dt));
    EXPECT_EQ(v.dtype(), dt);
    EXPECT_TRUE(same_values(doubles(v), {-kInf, -0.0, 0.0, 1, 1, 3, kInf, kNaN, kNaN}));
    EXPECT_EQ(values<int64_t>(i), (I64{5, 3, 4, 2, 8, 0, 7, 1, 6}));
  }
}

TEST(Sort, ZeroDimAndEmpty) {
  const Tensor s = ctorch::tensor(5.0);
  for (int64_t dim : {0, -1}) {
    auto [v, i] = ctorch::sort(s, dim);
    EXPECT_EQ(v.dim(), 0);
    EXPECT_EQ(i.dim(), 0);
    EXPECT_EQ(doubles(v), D{5});
    EXPECT_EQ(values<int64_t>(i), I64{0});
  }
  const Tensor e = ctorch::empty({0, 3});
  auto [v, i] = ctorch::sort(e, 0);
  EXPECT_EQ(shape(v), (I64{0, 3}));
  EXPECT_EQ(shape(i), (I64{0, 3}));
  EXPECT_EQ(i.dtype(), ctorch::kInt64);
  EXPECT_EQ(shape(ctorch::argsort(e, 1)), (I64{0, 3}));
}

TEST(Sort, Errors) {
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
                      ctorch::sort(ctorch::tensor(5.0), 1));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-3, 2], but got -4)",
                      ctorch::argsort(ties345(), -4));
}

// ---- topk ------------------------------------------------------------------------------------

TEST(Topk, NaNFirstAndSmallest) {
  auto [v, i] = ctorch::topk(mixed(), 3);
  EXPECT_TRUE(same_values(doubles(v), {kNaN, kNaN, kInf}));
  EXPECT_EQ(values<int64_t>(i), (I64{1, 6, 7}));
  auto [sv, si] = ctorch::topk(mixed(), 3, -1, /*largest=*/false);
  EXPECT_TRUE(same_values(doubles(sv), {-kInf, -0.0, 0.0}));
  EXPECT_EQ(values<int64_t>(si), (I64{5, 3, 4}));
  auto [fv, fi] = ctorch::topk(mixed(ctorch::kFloat16), 2, 0, false);
  EXPECT_EQ(fv.dtype(), ctorch::kFloat16);
  EXPECT_TRUE(same_values(doubles(fv), {-kInf, -0.0}));
  EXPECT_EQ(values<int64_t>(fi), (I64{5, 3}));
}

// Tie orders are PyTorch 1.13's output (the same standard algorithms on the same queue).
TEST(Topk, TiesInPyTorchOrder) {
  auto [v, i] = ctorch::topk(ctorch::tensor({1, 2, 2, 3, 3}), 2);
  EXPECT_EQ(values<int64_t>(v), (I64{3, 3}));
  EXPECT_EQ(values<int64_t>(i), (I64{4, 3}));
  auto [uv, ui] = ctorch::topk(ctorch::tensor({1.0, 2.0, 2.0, 3.0, 3.0}), 3, -1, true, /*sorted=*/false);
  EXPECT_EQ(doubles(uv), (D{3, 3, 2}));
  EXPECT_EQ(values<int64_t>(ui), (I64{4, 3, 2}));

  std::vector<double> x(200), y(40);
  for (int i = 0; i < 200; ++i) x[i] = i % 7;
  for (int i = 0; i < 40; ++i) y[i] = i % 5;
  const Tensor tx = ctorch::tensor(x, ctorch::kFloat32), ty = ctorch::tensor(y, ctorch::kFloat32);
  // partial_sort (k * 64 <= n)
  EXPECT_EQ(values<int64_t>(ctorch::topk(tx, 3).indices), (I64{20, 13, 6}));
  EXPECT_EQ(values<int64_t>(ctorch::topk(tx, 3, 0, false).indices), (I64{14, 7, 0}));
  // nth_element, then a sort of the first k - 1
  EXPECT_EQ(values<int64_t>(ctorch::topk(tx, 20).indices),
            (I64{69, 104, 90, 20, 146, 83, 153, 27, 76, 181, 125, 34, 160, 62, 55, 41, 174, 167, 48, 6}));
  auto [yv, yi] = ctorch::topk(ty, 10);
  EXPECT_EQ(doubles(yv), (D{4, 4, 4, 4, 4, 4, 4, 4, 3, 3}));
  EXPECT_EQ(values<int64_t>(yi), (I64{29, 14, 34, 9, 19, 24, 39, 4, 28, 33}));
  auto [nv, ni] = ctorch::topk(ty, 10, 0, true, false);
  EXPECT_EQ(doubles(nv), (D{4, 4, 4, 4, 4, 4, 4, 3, 4, 3}));
  EXPECT_EQ(values<int64_t>(ni), (I64{29, 14, 34, 9, 19, 24, 39, 28, 4, 33}));
  EXPECT_EQ(values<int64_t>(ctorch::topk(ty, 10, 0, false).indices),
            (I64{0, 15, 20, 10, 25, 30, 5, 35, 16, 36}));
}

TEST(Topk, EveryDimAndNonContiguous) {
  // Distinct values, so topk is the head of a descending (ascending) sort.
  std::vector<double> v(60);
  for (int64_t i = 0; i < 60; ++i) v[i] = static_cast<double>((i * 37 + 11) % 61) - 30.5;
  const Tensor base = ctorch::tensor(v).reshape({3, 4, 5});
  for (const Tensor& t : {base, base.transpose(0, 2), base.slice(1, 0, 4, 2)}) {
    for (int64_t dim = -3; dim < 3; ++dim) {
      for (bool largest : {true, false}) {
        SCOPED_TRACE(::testing::Message() << "dim " << dim << " largest " << largest);
        const int64_t k = std::min<int64_t>(2, t.size(dim));
        auto [sv, si] = ctorch::sort(t, dim, largest);
        const Tensor want_v = sv.narrow(dim, 0, k), want_i = si.narrow(dim, 0, k);
        auto [tv, ti] = t.topk(k, dim, largest);
        EXPECT_EQ(shape(tv), shape(want_v));
        EXPECT_EQ(doubles(tv), doubles(want_v));
        EXPECT_EQ(values<int64_t>(ti), values<int64_t>(want_i));
      }
    }
  }
}

TEST(Topk, ZeroDimEmptyAndKZero) {
  const Tensor s = ctorch::tensor(5.0);
  for (int64_t k : {0, 1}) {  // PyTorch gives the element back even for k == 0
    auto [v, i] = ctorch::topk(s, k);
    EXPECT_EQ(v.dim(), 0);
    EXPECT_EQ(doubles(v), D{5});
    EXPECT_EQ(values<int64_t>(i), I64{0});
  }
  auto [kv, ki] = ctorch::topk(ctorch::tensor({1.0, 2.0}), 0);
  EXPECT_EQ(shape(kv), I64{0});
  EXPECT_EQ(shape(ki), I64{0});
  const Tensor e = ctorch::empty({0, 3});
  EXPECT_EQ(shape(ctorch::topk(e, 0, 0).values), (I64{0, 3}));
  EXPECT_EQ(shape(ctorch::topk(e, 2, 1).indices), (I64{0, 2}));
}

TEST(Topk, Errors) {
  EXPECT_CTORCH_ERROR(Runtime, "selected index k out of range", ctorch::topk(mixed(), 10));
  EXPECT_CTORCH_ERROR(Runtime, "selected index k out of range", ctorch::topk(mixed(), -1));
  EXPECT_CTORCH_ERROR(Runtime, "selected index k out of range", ctorch::topk(ctorch::tensor(5.0), 2));
  EXPECT_CTORCH_ERROR(Runtime, "selected index k out of range", ctorch::topk(ctorch::empty({0, 3}), 1, 0));
  EXPECT_CTORCH_ERROR(NotImplemented, "topk does not support bool dtypes on CPU",
                      ctorch::topk(ctorch::tensor({true, false}), 1));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-1, 0], but got 2)",
                      ctorch::topk(ctorch::tensor({1.0, 2.0}), 1, 2));
}

// ---- unique ----------------------------------------------------------------------------------

TEST(Unique, SortedWithInverseAndCounts) {
  const Tensor t = ctorch::tensor({{3, 1}, {3, 2}});
  auto u = ctorch::unique(t, true, true, true);
  EXPECT_EQ(values<int64_t>(u.values), (I64{1, 2, 3}));
  EXPECT_EQ(shape(u.inverse_indices), (I64{2, 2}));
  EXPECT_EQ(values<int64_t>(u.inverse_indices), (I64{2, 0, 2, 1}));
  EXPECT_EQ(values<int64_t>(u.counts), (I64{1, 1, 2}));
  // Not asked for: empty int64 tensors.
  auto plain = ctorch::unique(t);
  EXPECT_EQ(values<int64_t>(plain.values), (I64{1, 2, 3}));
  EXPECT_EQ(shape(plain.inverse_indices), I64{0});
  EXPECT_EQ(shape(plain.counts), I64{0});
  EXPECT_EQ(plain.counts.dtype(), ctorch::kInt64);
  // Non-contiguous input: the inverse has the input's shape, in its logical order.
  auto ut = ctorch::unique(t.t(), true, true);
  EXPECT_EQ(values<int64_t>(ut.inverse_indices), (I64{2, 2, 0, 1}));
}

TEST(Unique, NaNsAreDistinctAndLastZerosMerge) {
  auto u = ctorch::unique(ctorch::tensor({3.0, kNaN, 1.0, kNaN, 3.0}), true, true, true);
  EXPECT_TRUE(same_values(doubles(u.values), {1, 3, kNaN, kNaN}));
  EXPECT_EQ(values<int64_t>(u.inverse_indices), (I64{1, 2, 0, 3, 1}));
  EXPECT_EQ(values<int64_t>(u.counts), (I64{1, 2, 1, 1}));
  auto z = ctorch::unique(ctorch::tensor({-0.0, 0.0}), true, true, true);
  EXPECT_TRUE(same_values(doubles(z.values), {-0.0}));  // the first of the equal run
  EXPECT_EQ(values<int64_t>(z.inverse_indices), (I64{0, 0}));
  EXPECT_EQ(values<int64_t>(z.counts), (I64{2}));
  auto h = ctorch::unique(ctorch::tensor({2.5, -1.0, 2.5}, ctorch::kFloat16), true, false, true);
  EXPECT_EQ(h.values.dtype(), ctorch::kFloat16);
  EXPECT_EQ(doubles(h.values), (D{-1, 2.5}));
  EXPECT_EQ(values<int64_t>(h.counts), (I64{1, 2}));
  auto b = ctorch::unique(ctorch::tensor({true, false, true}), true, true, true);
  EXPECT_EQ(values<bool>(b.values), (std::vector<bool>{false, true}));
  EXPECT_EQ(values<int64_t>(b.inverse_indices), (I64{1, 0, 1}));
  EXPECT_EQ(values<int64_t>(b.counts), (I64{1, 2}));
}

TEST(Unique, ZeroDimAndEmpty) {
  auto s = ctorch::unique(ctorch::tensor(4.0), true, true, true);
  EXPECT_EQ(shape(s.values), I64{1});
  EXPECT_EQ(doubles(s.values), D{4});
  EXPECT_EQ(s.inverse_indices.dim(), 0);
  EXPECT_EQ(values<int64_t>(s.inverse_indices), I64{0});
  EXPECT_EQ(values<int64_t>(s.counts), I64{1});
  auto e = ctorch::unique(ctorch::empty({0, 3}), true, true, true);
  EXPECT_EQ(shape(e.values), I64{0});
  EXPECT_EQ(shape(e.inverse_indices), (I64{0, 3}));
  EXPECT_EQ(shape(e.counts), I64{0});
}
