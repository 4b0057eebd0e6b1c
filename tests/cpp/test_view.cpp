// Tests for views (semantics.md R13, R14.4): sizes, strides, storage_offset and is_contiguous of
// every view op, storage sharing (writes through a view reach the base), view vs reshape, and
// the exact error texts for bad dims, incompatible strides, bad expands and narrows.
#include <vector>

#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

namespace {

// float32 [2, 3, 4] holding 0..23 (contiguous).
Tensor iota234() {
  std::vector<float> v(24);
  for (int i = 0; i < 24; ++i) v[i] = static_cast<float>(i);
  return tensor(v).view({2, 3, 4});
}

// Expected values of t read through (sizes, strides, offset) applied to 0..N-1 row-major data:
// element value == its storage index, so the values are the storage indices of the view.
I64 storage_indices(IntArrayRef sizes, IntArrayRef st, int64_t offset) {
  I64 out;
  I64 idx(sizes.size(), 0);
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  for (int64_t k = 0; k < n; ++k) {
    int64_t off = offset;
    for (size_t d = 0; d < sizes.size(); ++d) off += idx[d] * st[d];
    out.push_back(off);
    for (size_t d = sizes.size(); d-- > 0;) {
      if (++idx[d] < sizes[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

I64 as_i64(const std::vector<float>& v) { return I64(v.begin(), v.end()); }

// The view's values must be exactly the base cells its metadata points at (iota base).
void expect_reads_storage(const Tensor& view) {
  EXPECT_EQ(as_i64(values<float>(view)),
            storage_indices(view.sizes(), view.strides(), view.storage_offset()));
}

}  // namespace

// ---- R13.1 / R13.2 / R13.11 metadata -----------------------------------------------------------

TEST(Metadata, ContiguousStrides) {
  EXPECT_EQ(strides(zeros({2, 3, 4})), (I64{12, 4, 1}));
  EXPECT_EQ(strides(zeros({2, 0, 3})), (I64{3, 3, 1}));
  EXPECT_EQ(strides(zeros({0})), I64{1});
  EXPECT_EQ(strides(zeros({})), I64{});
  EXPECT_EQ(contiguous_strides({2, 3, 4}), (I64{12, 4, 1}));
  EXPECT_EQ(contiguous_strides({2, 0, 3}), (I64{3, 3, 1}));
  EXPECT_EQ(contiguous_strides({}), I64{});
}

TEST(Metadata, Basics) {
  Tensor t = zeros({2, 3, 4}, kInt16);
  EXPECT_EQ(t.dim(), 3);
  EXPECT_EQ(t.ndim(), 3);
  EXPECT_EQ(t.numel(), 24);
  EXPECT_EQ(t.element_size(), 2u);
  EXPECT_EQ(t.nbytes(), 48u);
  EXPECT_EQ(t.size(0), 2);
  EXPECT_EQ(t.size(-1), 4);
  EXPECT_EQ(t.size(-3), 2);
  EXPECT_EQ(t.stride(1), 4);
  EXPECT_EQ(t.stride(-1), 1);
  EXPECT_EQ(t.storage_offset(), 0);
  EXPECT_EQ(t.sizes(), t.shape());
  EXPECT_EQ(t.sizes().numel(), 24);
  EXPECT_EQ(zeros({}).numel(), 1);
  EXPECT_EQ(zeros({3, 0}).numel(), 0);
}

TEST(Metadata, DimOutOfRangeIsIndexError) {
  Tensor t = zeros({2, 3, 4});
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-3, 2], but got 3)",
                      t.size(3));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-3, 2], but got -4)",
                      t.stride(-4));
  Tensor m = zeros({2, 3});
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                      m.transpose(0, 2));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                      m.squeeze(2));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got -3)",
                      m.select(-3, 0));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                      m.narrow(2, 0, 1));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                      m.permute({0, 2}));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-2, 1], but got 5)",
                      m.unbind(5));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
                      tensor(3.0).squeeze(1));
}

TEST(Metadata, R1311Examples) {
  Tensor t = zeros({2, 3, 4});
  Tensor tr = t.transpose(0, 1);
  EXPECT_EQ(shape(tr), (I64{3, 2, 4}));
  EXPECT_EQ(strides(tr), (I64{4, 12, 1}));
  EXPECT_FALSE(tr.is_contiguous());

  Tensor ex = t.expand({3, 2, 3, 4});
  EXPECT_EQ(strides(ex), (I64{0, 12, 4, 1}));
  EXPECT_EQ(ex.numel(), 72);
  EXPECT_FALSE(ex.is_contiguous());

  Tensor se = t.select(1, 1);
  EXPECT_EQ(se.storage_offset(), 4);
  EXPECT_EQ(strides(se), (I64{12, 1}));
  EXPECT_EQ(shape(se), (I64{2, 4}));
  EXPECT_FALSE(se.is_contiguous());

  Tensor na = t.narrow(2, 1, 2);
  EXPECT_EQ(na.storage_offset(), 1);
  EXPECT_EQ(shape(na), (I64{2, 3, 2}));
  EXPECT_EQ(strides(na), (I64{12, 4, 1}));
}

TEST(Metadata, IsContiguousRules) {
  // R13.2: size-1 dims may have any stride; numel 0 is always contiguous.
  Tensor a = zeros({1, 3}).t();
  EXPECT_EQ(shape(a), (I64{3, 1}));
  EXPECT_EQ(strides(a), (I64{1, 3}));
  EXPECT_TRUE(a.is_contiguous());

  Tensor b = zeros({4}).slice(0, std::nullopt, std::nullopt, 4);
  EXPECT_EQ(shape(b), I64{1});
  EXPECT_EQ(strides(b), I64{4});
  EXPECT_TRUE(b.is_contiguous());

  Tensor c = zeros({3, 1}).slice(0, std::nullopt, std::nullopt, 2);
  EXPECT_EQ(shape(c), (I64{2, 1}));
  EXPECT_EQ(strides(c), (I64{2, 1}));
  EXPECT_FALSE(c.is_contiguous());

  Tensor d = zeros({2, 3}).t().slice(0, 0, 0);
  EXPECT_EQ(d.numel(), 0);
  EXPECT_TRUE(d.is_contiguous());

  EXPECT_TRUE(zeros({}).is_contiguous());
  EXPECT_TRUE(zeros({2, 3}).slice(1, 0, 2).select(1, 0).is_contiguous() == false);
}

// ---- R13.3 storage sharing -------------------------------------------------------------------

TEST(Views, ShareStorageAndWritesAreVisible) {
  Tensor base = zeros({2, 3});
  Tensor v = base.t();
  EXPECT_TRUE(v.storage() == base.storage());
  EXPECT_FALSE(v.is_same(base));
  EXPECT_EQ(v.data_ptr(), base.data_ptr());

  v.select(0, 2).fill_(5);  // column 2 of base
  EXPECT_EQ(values<float>(base), (F32{0, 0, 5, 0, 0, 5}));

  Tensor row = base.select(0, 1);
  EXPECT_EQ(static_cast<char*>(row.data_ptr()) - static_cast<char*>(base.data_ptr()),
            3 * static_cast<std::ptrdiff_t>(sizeof(float)));
  row.fill_(1);
  EXPECT_EQ(values<float>(base), (F32{0, 0, 5, 1, 1, 1}));
  EXPECT_EQ(values<float>(v), (F32{0, 1, 0, 1, 5, 1}));

  Tensor flat = base.view({6});
  flat.narrow(0, 0, 2).fill_(9);
  EXPECT_EQ(values<float>(base), (F32{9, 9, 5, 1, 1, 1}));

  // Every view op below keeps the storage.
  Tensor t = iota234();
  for (const Tensor& view :
       {t.view({6, 4}), t.reshape({4, 6}), t.transpose(0, 2), t.permute({2, 0, 1}),
        t.unsqueeze(1), t.squeeze(), t.flatten(), t.unflatten(2, {2, 2}), t.select(0, 1),
        t.slice(1, 1), t.narrow(2, 1, 2), t.expand({5, 2, 3, 4}), t.diagonal(0, 1, 2),
        t.movedim(0, 2), t[1], t.broadcast_to({2, 2, 3, 4})}) {
    EXPECT_TRUE(view.storage() == t.storage());
    expect_reads_storage(view);
  }
}

// ---- R13.4 transpose / t / permute / movedim -----------------------------------------------

TEST(Views, TransposeAndT) {
  Tensor t = iota234();
  Tensor a = t.transpose(-1, 0);
  EXPECT_EQ(shape(a), (I64{4, 3, 2}));
  EXPECT_EQ(strides(a), (I64{1, 4, 12}));
  expect_reads_storage(a);
  EXPECT_EQ(strides(t.transpose(1, 1)), (I64{12, 4, 1}));

  Tensor m = zeros({2, 3});
  EXPECT_EQ(shape(m.t()), (I64{3, 2}));
  EXPECT_EQ(strides(m.t()), (I64{1, 3}));
  EXPECT_EQ(shape(zeros({3}).t()), I64{3});   // 1-D: no-op
  EXPECT_EQ(shape(zeros({}).t()), I64{});     // 0-D: no-op
  EXPECT_EQ(shape(transpose(m, 0, 1)), (I64{3, 2}));
  EXPECT_CTORCH_ERROR(Runtime, "t() expects a tensor with <= 2 dimensions, but self is 3D", t.t());
}

TEST(Views, Permute) {
  Tensor t = iota234();
  Tensor p = t.permute({2, 0, 1});
  EXPECT_EQ(shape(p), (I64{4, 2, 3}));
  EXPECT_EQ(strides(p), (I64{1, 12, 4}));
  expect_reads_storage(p);
  EXPECT_EQ(strides(t.permute({-1, 0, 1})), (I64{1, 12, 4}));
  EXPECT_EQ(strides(permute(t, {0, 1, 2})), (I64{12, 4, 1}));
  EXPECT_CTORCH_ERROR(
      Runtime,
      "permute(sparse_coo): number of dimensions in the tensor input does not match the length "
      "of the desired ordering of dimensions i.e. input.dim() = 3 is not equal to len(dims) = 2",
      t.permute({0, 1}));
  EXPECT_CTORCH_ERROR(Runtime, "permute(): duplicate dims are not allowed.", t.permute({0, 0, 1}));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-3, 2], but got 3)",
                      t.permute({0, 1, 3}));
}

TEST(Views, Movedim) {
  Tensor t = iota234();
  Tensor a = t.movedim(0, 2);
  EXPECT_EQ(shape(a), (I64{3, 4, 2}));
  EXPECT_EQ(strides(a), (I64{4, 1, 12}));
  Tensor b = t.movedim({0, 1}, {2, 0});
  EXPECT_EQ(shape(b), (I64{3, 4, 2}));
  EXPECT_EQ(strides(b), (I64{4, 1, 12}));
  Tensor c = t.movedim(-1, 0);
  EXPECT_EQ(shape(c), (I64{4, 2, 3}));
  EXPECT_EQ(strides(c), (I64{1, 12, 4}));
  expect_reads_storage(c);
  EXPECT_EQ(strides(t.movedim(1, 1)), (I64{12, 4, 1}));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-3, 2], but got 3)",
                      t.movedim(3, 0));
  // A zero-dim tensor: dims 0 and -1 are its one place (this read past an empty vector once).
  const Tensor z = ctorch::tensor(2.5);
  EXPECT_EQ(doubles(z.movedim(0, 0)), D{2.5});
  EXPECT_EQ(z.movedim(-1, 0).dim(), 0);
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
                      z.movedim(1, 0));
}

// ---- R13.5 select ------------------------------------------------------------------------------

TEST(Views, Select) {
  Tensor t = iota234();
  Tensor a = t.select(1, -1);  // negative index wraps
  EXPECT_EQ(a.storage_offset(), 8);
  EXPECT_EQ(shape(a), (I64{2, 4}));
  expect_reads_storage(a);
  Tensor b = t.select(0, 1).select(0, 2).select(0, 3);
  EXPECT_EQ(b.dim(), 0);
  EXPECT_EQ(b.storage_offset(), 23);
  EXPECT_EQ(b.item<float>(), 23.0f);
  EXPECT_EQ(values<float>(select(t, 2, 0)), (F32{0, 4, 8, 12, 16, 20}));

  EXPECT_CTORCH_ERROR(Index, "select(): index 3 out of range for tensor of size [2, 3, 4] at dimension 1",
                      t.select(1, 3));
  EXPECT_CTORCH_ERROR(Index, "select(): index -4 out of range for tensor of size [2, 3, 4] at dimension 1",
                      t.select(1, -4));
  EXPECT_CTORCH_ERROR(Index, "select() cannot be applied to a 0-dim tensor.", tensor(1).select(0, 0));
}

// ---- R13.6 slice / narrow ------------------------------------------------------------------

TEST(Views, Slice) {
  Tensor t = iota234();
  Tensor a = t.slice(2, 1, std::nullopt, 2);
  EXPECT_EQ(shape(a), (I64{2, 3, 2}));
  EXPECT_EQ(strides(a), (I64{12, 4, 2}));
  EXPECT_EQ(a.storage_offset(), 1);
  expect_reads_storage(a);

  Tensor b = t.slice(1, -2);  // negative start adds the size
  EXPECT_EQ(shape(b), (I64{2, 2, 4}));
  EXPECT_EQ(b.storage_offset(), 4);

  Tensor c = t.slice(1, -10, 10);  // clamped to [0, 3]
  EXPECT_EQ(shape(c), (I64{2, 3, 4}));
  EXPECT_EQ(c.storage_offset(), 0);

  Tensor d = t.slice(1, 5, 10);  // empty, but the offset still moves (clamped start 3)
  EXPECT_EQ(shape(d), (I64{2, 0, 4}));
  EXPECT_EQ(d.storage_offset(), 12);

  Tensor e = t.slice(2, 3, 1);  // end < start -> empty
  EXPECT_EQ(shape(e), (I64{2, 3, 0}));
  EXPECT_EQ(e.storage_offset(), 3);

  Tensor f = t.slice(0, 0, 2, 3);  // ceil(2 / 3) = 1
  EXPECT_EQ(shape(f), (I64{1, 3, 4}));
  EXPECT_EQ(strides(f), (I64{36, 4, 1}));
}

TEST(Views, Narrow) {
  Tensor t = iota234();
  Tensor a = t.narrow(1, 1, 2);
  EXPECT_EQ(shape(a), (I64{2, 2, 4}));
  EXPECT_EQ(a.storage_offset(), 4);
  expect_reads_storage(a);

  Tensor v = arange(4);
  EXPECT_EQ(values<int64_t>(v.narrow(0, -3, 2)), (I64{1, 2}));  // start wraps
  EXPECT_EQ(v.narrow(0, -3, 2).storage_offset(), 1);
  EXPECT_EQ(shape(v.narrow(0, 4, 0)), I64{0});  // start == size is allowed
  EXPECT_EQ(values<int64_t>(narrow(v, 0, 0, 4)), (I64{0, 1, 2, 3}));
}

TEST(Views, NarrowErrors) {
  Tensor v = zeros({4});
  EXPECT_CTORCH_ERROR(Runtime, "start (3) + length (2) exceeds dimension size (4).", v.narrow(0, 3, 2));
  EXPECT_CTORCH_ERROR(Runtime, "start (1) + length (-1) exceeds dimension size (4).", v.narrow(0, 1, -1));
  EXPECT_CTORCH_ERROR(Runtime, "start (1) + length (4) exceeds dimension size (4).",
                      zeros({2, 4}).narrow(1, 1, 4));
  EXPECT_CTORCH_ERROR(Runtime, "narrow() cannot be applied to a 0-dim tensor.", tensor(1.0).narrow(0, 0, 1));
}

// ---- R13.7 squeeze / unsqueeze -----------------------------------------------------------------

TEST(Views, Squeeze) {
  Tensor t = zeros({2, 1, 4, 1});
  Tensor a = t.squeeze();
  EXPECT_EQ(shape(a), (I64{2, 4}));
  EXPECT_EQ(strides(a), (I64{4, 1}));
  Tensor b = t.squeeze(1);
  EXPECT_EQ(shape(b), (I64{2, 4, 1}));
  EXPECT_EQ(strides(b), (I64{4, 1, 1}));
  Tensor c = t.squeeze(0);  // size 2: no-op
  EXPECT_EQ(shape(c), (I64{2, 1, 4, 1}));
  EXPECT_EQ(strides(c), (I64{4, 4, 1, 1}));
  EXPECT_EQ(shape(t.squeeze(-1)), (I64{2, 1, 4}));
  EXPECT_EQ(shape(squeeze(zeros({1, 1}))), I64{});

  Tensor s = tensor(3.0);
  EXPECT_EQ(shape(s.squeeze(0)), I64{});
  EXPECT_EQ(shape(s.squeeze(-1)), I64{});
  EXPECT_EQ(shape(s.squeeze()), I64{});
}

TEST(Views, Unsqueeze) {
  Tensor m = zeros({2, 3});
  EXPECT_EQ(shape(m.unsqueeze(1)), (I64{2, 1, 3}));
  EXPECT_EQ(strides(m.unsqueeze(1)), (I64{3, 3, 1}));
  EXPECT_EQ(strides(m.unsqueeze(2)), (I64{3, 1, 1}));
  EXPECT_EQ(strides(m.unsqueeze(0)), (I64{6, 3, 1}));
  EXPECT_EQ(shape(m.unsqueeze(-1)), (I64{2, 3, 1}));
  EXPECT_EQ(shape(unsqueeze(m, -3)), (I64{1, 2, 3}));

  Tensor tr = m.t();  // [3, 2] strides [1, 3]
  EXPECT_EQ(strides(tr.unsqueeze(1)), (I64{1, 6, 3}));
  EXPECT_EQ(strides(tr.unsqueeze(2)), (I64{1, 3, 1}));
  EXPECT_EQ(strides(tr.unsqueeze(0)), (I64{3, 1, 3}));

  Tensor s = tensor(3.0);
  EXPECT_EQ(shape(s.unsqueeze(0)), I64{1});
  EXPECT_EQ(strides(s.unsqueeze(0)), I64{1});

  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-3, 2], but got 3)",
                      m.unsqueeze(3));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-3, 2], but got -4)",
                      m.unsqueeze(-4));
}

// ---- R13.8 expand / broadcast_to ---------------------------------------------------------------

TEST(Views, Expand) {
  Tensor t = tensor({{1.0f}, {2.0f}});  // [2, 1]
  Tensor a = t.expand({2, 5});
  EXPECT_EQ(shape(a), (I64{2, 5}));
  EXPECT_EQ(strides(a), (I64{1, 0}));
  EXPECT_FALSE(a.is_contiguous());
  EXPECT_EQ(values<float>(a), (F32{1, 1, 1, 1, 1, 2, 2, 2, 2, 2}));
  EXPECT_TRUE(a.storage() == t.storage());

  Tensor b = t.expand({3, -1, 5});
  EXPECT_EQ(shape(b), (I64{3, 2, 5}));
  EXPECT_EQ(strides(b), (I64{0, 1, 0}));

  Tensor c = zeros({1, 3}).expand({1, 3});  // staying 1 keeps the stride
  EXPECT_EQ(strides(c), (I64{3, 1}));
  EXPECT_TRUE(c.is_contiguous());

  Tensor d = zeros({3}).expand({2, 3});
  EXPECT_EQ(strides(d), (I64{0, 1}));
  EXPECT_FALSE(d.is_contiguous());

  Tensor e = tensor(7).expand({2, 2});
  EXPECT_EQ(strides(e), (I64{0, 0}));
  EXPECT_EQ(values<int64_t>(e), (I64{7, 7, 7, 7}));

  Tensor f = zeros({3}).expand_as(zeros({4, 3}));
  EXPECT_EQ(shape(f), (I64{4, 3}));
  EXPECT_EQ(strides(f), (I64{0, 1}));

  Tensor g = zeros({3}).broadcast_to({2, 3});
  EXPECT_EQ(shape(g), (I64{2, 3}));
  EXPECT_EQ(strides(g), (I64{0, 1}));
  EXPECT_EQ(shape(broadcast_to(zeros({1}), {4})), I64{4});
}

TEST(Views, ExpandErrors) {
  EXPECT_CTORCH_ERROR(Runtime,
                      "expand(torch.FloatTensor{[2, 3]}, size=[3]): the number of sizes provided (1) "
                      "must be greater or equal to the number of dimensions in the tensor (2)",
                      zeros({2, 3}).expand({3}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "expand(torch.LongTensor{[2, 3]}, size=[3]): the number of sizes provided (1) "
                      "must be greater or equal to the number of dimensions in the tensor (2)",
                      zeros({2, 3}, kInt64).expand({3}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "expand(CPUBoolType{[2, 3]}, size=[3]): the number of sizes provided (1) "
                      "must be greater or equal to the number of dimensions in the tensor (2)",
                      zeros({2, 3}, kBool).expand({3}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "The expanded size of the tensor (3) must match the existing size (2) at "
                      "non-singleton dimension 1.  Target sizes: [3, 3].  Tensor sizes: [2]",
                      zeros({2}).expand({3, 3}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "The expanded size of the tensor (3) must match the existing size (2) at "
                      "non-singleton dimension 0.  Target sizes: [3, 3].  Tensor sizes: [2, 3]",
                      zeros({2, 3}).expand({3, 3}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing "
                      "dimension 0",
                      zeros({2, 3}).expand({-1, 2, 3}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "The expanded size of the tensor (3) must match the existing size (2) at "
                      "non-singleton dimension 1.  Target sizes: [3, 3].  Tensor sizes: [2]",
                      zeros({2}).broadcast_to({3, 3}));
}

// ---- R13.9 / R13.10 view, reshape, flatten, unflatten -----------------------------------------

TEST(Views, ViewStrideAlgorithm) {
  Tensor m = zeros({2, 3});
  EXPECT_EQ(strides(m.view({3, 1, 2})), (I64{2, 2, 1}));
  EXPECT_EQ(strides(m.view({6, 1})), (I64{1, 1}));
  EXPECT_EQ(shape(m.view({-1, 2})), (I64{3, 2}));
  EXPECT_EQ(shape(m.view({6})), I64{6});

  Tensor t = iota234();
  Tensor stepped = t.slice(2, std::nullopt, std::nullopt, 2);  // strides [12, 4, 2]
  ASSERT_EQ(strides(stepped), (I64{12, 4, 2}));
  Tensor flat = stepped.view({-1});
  EXPECT_EQ(shape(flat), I64{12});
  EXPECT_EQ(strides(flat), I64{2});
  expect_reads_storage(flat);

  Tensor cols = ones({4, 6}).slice(1, std::nullopt, 3);
  Tensor v = cols.view({2, 2, 3});
  EXPECT_EQ(strides(v), (I64{12, 6, 1}));

  // A view keeps the storage offset of its input.
  Tensor row = t.select(0, 1).view({12});
  EXPECT_EQ(row.storage_offset(), 12);
  EXPECT_EQ(strides(row), I64{1});
  expect_reads_storage(row);

  // Zero-dim and empty inputs.
  EXPECT_EQ(strides(tensor(5.0).view({1, 1})), (I64{1, 1}));
  EXPECT_EQ(shape(zeros({1}).view({})), I64{});
  EXPECT_EQ(strides(zeros({0, 3}).view({3, 0})), (I64{1, 1}));
  EXPECT_EQ(strides(zeros({0, 3}).view({0, 3})), (I64{3, 1}));
}

TEST(Views, ViewErrors) {
  Tensor t = iota234();
  EXPECT_CTORCH_ERROR(Runtime,
                      "view size is not compatible with input tensor's size and stride (at least one "
                      "dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
                      t.transpose(0, 1).view({-1}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "view size is not compatible with input tensor's size and stride (at least one "
                      "dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
                      zeros({2, 3}).t().view({6}));
  EXPECT_CTORCH_ERROR(Runtime, "shape '[5, 5]' is invalid for input of size 24", t.view({5, 5}));
  EXPECT_CTORCH_ERROR(Runtime, "only one dimension can be inferred", t.view({-1, -1}));
  EXPECT_CTORCH_ERROR(Runtime, "invalid shape dimension -2 at index 0 of shape [-2, 12]", t.view({-2, 12}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "cannot reshape tensor of 0 elements into shape [-1, 0] because the unspecified "
                      "dimension size -1 can be any value and is ambiguous",
                      zeros({0, 3}).view({-1, 0}));
  EXPECT_CTORCH_ERROR(Runtime, "shape '[5, 5]' is invalid for input of size 24", t.reshape({5, 5}));
  EXPECT_CTORCH_ERROR(Runtime, "only one dimension can be inferred", t.reshape({-1, -1}));
}

TEST(Views, ReshapeViewsWhenPossibleElseCopies) {
  Tensor t = iota234();
  Tensor a = t.reshape({4, -1});
  EXPECT_TRUE(a.storage() == t.storage());
  EXPECT_EQ(strides(a), (I64{6, 1}));

  Tensor cols = ones({4, 6}).slice(1, std::nullopt, 3);
  Tensor b = cols.reshape({2, 2, 3});  // view possible (R13.9 example)
  EXPECT_TRUE(b.storage() == cols.storage());
  EXPECT_EQ(strides(b), (I64{12, 6, 1}));

  Tensor tr = t.transpose(0, 1);  // view impossible: a contiguous copy in logical order
  Tensor c = tr.reshape({-1});
  EXPECT_FALSE(c.storage() == t.storage());
  EXPECT_TRUE(c.is_contiguous());
  EXPECT_EQ(shape(c), I64{24});
  EXPECT_EQ(values<float>(c), values<float>(tr));
  EXPECT_EQ(as_i64(values<float>(c)), storage_indices(tr.sizes(), tr.strides(), 0));

  Tensor d = cols.reshape({3, 4});  // copy
  EXPECT_FALSE(d.storage() == cols.storage());
  EXPECT_EQ(strides(d), (I64{4, 1}));
  EXPECT_EQ(shape(reshape(t, {24})), I64{24});
}

TEST(Views, Flatten) {
  Tensor t = iota234();
  EXPECT_EQ(shape(t.flatten()), I64{24});
  EXPECT_EQ(shape(t.flatten(1)), (I64{2, 12}));
  EXPECT_EQ(shape(t.flatten(0, 1)), (I64{6, 4}));
  EXPECT_EQ(shape(t.flatten(-2, -1)), (I64{2, 12}));
  EXPECT_TRUE(t.flatten().storage() == t.storage());
  EXPECT_EQ(shape(tensor(3.0).flatten()), I64{1});

  // start == end: the input unchanged, even when not contiguous.
  Tensor tr = zeros({2, 3}).t();
  Tensor same = tr.flatten(1, 1);
  EXPECT_EQ(shape(same), (I64{3, 2}));
  EXPECT_EQ(strides(same), (I64{1, 3}));
  EXPECT_TRUE(same.storage() == tr.storage());

  // Merging non-mergeable dims copies, in logical order.
  Tensor x = t.transpose(0, 1);
  Tensor f = flatten(x, 1);
  EXPECT_EQ(shape(f), (I64{3, 8}));
  EXPECT_EQ(values<float>(f), values<float>(x));

  EXPECT_CTORCH_ERROR(Runtime, "flatten() has invalid args: start_dim cannot come after end_dim",
                      t.flatten(2, 1));
}

TEST(Views, Unflatten) {
  Tensor m = zeros({4, 6});
  Tensor a = m.unflatten(1, {2, 3});
  EXPECT_EQ(shape(a), (I64{4, 2, 3}));
  EXPECT_EQ(strides(a), (I64{6, 3, 1}));
  EXPECT_TRUE(a.storage() == m.storage());
  EXPECT_EQ(shape(zeros({6}).unflatten(0, {-1, 2})), (I64{3, 2}));
  EXPECT_EQ(shape(m.unflatten(-1, {6, 1})), (I64{4, 6, 1}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "unflatten: Provided sizes [4, 2] don't multiply up to the size of dim 0 (6) in "
                      "the input tensor",
                      zeros({6}).unflatten(0, {4, 2}));
}

// ---- diagonal ----------------------------------------------------------------------------------

TEST(Views, Diagonal) {
  std::vector<float> v(12);
  for (int i = 0; i < 12; ++i) v[i] = static_cast<float>(i);
  Tensor m = tensor(v).view({3, 4});
  Tensor d = m.diagonal();
  EXPECT_EQ(shape(d), I64{3});
  EXPECT_EQ(strides(d), I64{5});
  EXPECT_EQ(values<float>(d), (F32{0, 5, 10}));

  Tensor up = m.diagonal(1);
  EXPECT_EQ(shape(up), I64{3});
  EXPECT_EQ(up.storage_offset(), 1);
  EXPECT_EQ(values<float>(up), (F32{1, 6, 11}));

  Tensor down = diagonal(m, -1);
  EXPECT_EQ(shape(down), I64{2});
  EXPECT_EQ(down.storage_offset(), 4);
  EXPECT_EQ(values<float>(down), (F32{4, 9}));

  EXPECT_EQ(shape(m.diagonal(5)), I64{0});

  Tensor mt = m.t();  // [4, 3] strides [1, 4]
  EXPECT_EQ(strides(mt.diagonal()), I64{5});
  EXPECT_EQ(values<float>(mt.diagonal(1)), (F32{4, 9}));

  Tensor t = iota234();
  Tensor b = t.diagonal(0, 1, 2);  // the diagonal dim goes last
  EXPECT_EQ(shape(b), (I64{2, 3}));
  EXPECT_EQ(strides(b), (I64{12, 5}));
  expect_reads_storage(b);

  d.fill_(-1);  // writes reach the matrix
  EXPECT_EQ(values<float>(m)[5], -1.0f);
  EXPECT_CTORCH_ERROR(Runtime, "diagonal dimensions cannot be identical 0, 0", m.diagonal(0, 0, 0));
}

// ---- R14.4 unbind / chunk / split ----------------------------------------------------------------

TEST(Views, Unbind) {
  Tensor m = tensor({{1, 2, 3}, {4, 5, 6}});
  std::vector<Tensor> rows = m.unbind();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(values<int64_t>(rows[1]), (I64{4, 5, 6}));
  std::vector<Tensor> cols = unbind(m, 1);
  ASSERT_EQ(cols.size(), 3u);
  for (int64_t i = 0; i < 3; ++i) {
    EXPECT_EQ(shape(cols[i]), I64{2});
    EXPECT_EQ(strides(cols[i]), I64{3});
    EXPECT_EQ(cols[i].storage_offset(), i);
    EXPECT_TRUE(cols[i].storage() == m.storage());
  }
  EXPECT_EQ(values<int64_t>(cols[2]), (I64{3, 6}));
  EXPECT_EQ(m.unbind(-1).size(), 3u);
}

TEST(Views, Chunk) {
  std::vector<Tensor> a = arange(6).chunk(4);  // ceil(6/4) = 2 -> 3 pieces
  ASSERT_EQ(a.size(), 3u);
  for (int64_t i = 0; i < 3; ++i) {
    EXPECT_EQ(shape(a[i]), I64{2});
    EXPECT_EQ(a[i].storage_offset(), 2 * i);
  }
  std::vector<Tensor> b = chunk(arange(5), 2);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(values<int64_t>(b[0]), (I64{0, 1, 2}));
  EXPECT_EQ(values<int64_t>(b[1]), (I64{3, 4}));

  std::vector<Tensor> c = zeros({2, 6}).chunk(3, 1);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(shape(c[2]), (I64{2, 2}));
  EXPECT_EQ(c[2].storage_offset(), 4);
  EXPECT_EQ(strides(c[2]), (I64{6, 1}));

  EXPECT_CTORCH_ERROR(Runtime, "chunk expects `chunks` to be greater than 0, got: 0", arange(5).chunk(0));
  EXPECT_CTORCH_ERROR(Runtime, "chunk expects at least a 1-dimensional tensor", tensor(1.0).chunk(2));
}

TEST(Views, Split) {
  std::vector<Tensor> a = arange(5).split(2);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(values<int64_t>(a[0]), (I64{0, 1}));
  EXPECT_EQ(values<int64_t>(a[1]), (I64{2, 3}));
  EXPECT_EQ(values<int64_t>(a[2]), I64{4});
  EXPECT_EQ(a[2].storage_offset(), 4);

  std::vector<Tensor> b = arange(5).split(std::vector<int64_t>{2, 3});
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(values<int64_t>(b[1]), (I64{2, 3, 4}));
  EXPECT_EQ(b[1].storage_offset(), 2);

  std::vector<Tensor> c = zeros({3, 4}).split_with_sizes({1, 3}, 1);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(shape(c[0]), (I64{3, 1}));
  EXPECT_EQ(shape(c[1]), (I64{3, 3}));
  EXPECT_EQ(c[1].storage_offset(), 1);
  EXPECT_EQ(strides(c[1]), (I64{4, 1}));

  std::vector<Tensor> d = zeros({0}).split(0);  // split size 0 is fine for a zero-size dim
  EXPECT_EQ(d.size(), 1u);

  EXPECT_CTORCH_ERROR(Runtime,
                      "split_with_sizes expects split_sizes to sum exactly to 5 (input tensor's size at "
                      "dimension 0), but got split_sizes=[2, 2]",
                      arange(5).split(std::vector<int64_t>{2, 2}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "split_with_sizes expects split_sizes to sum exactly to 5 (input tensor's size at "
                      "dimension 0), but got split_sizes=[2, 2]",
                      arange(5).split_with_sizes({2, 2}));
}

// Zero-dim tensors and the dims they accept, and the messages PyTorch 2.15 gives (checked against
// it): 0 and -1 wrap, anything else is out of range; unbind and unflatten then refuse the lack of
// dims; split_with_sizes names the dim as given.
TEST(Views, ZeroDimDimsAndTwoFifteenMessages) {
  const Tensor z = ctorch::tensor(1.5);
  EXPECT_EQ(shape(z.flatten(0, -1)), (I64{1}));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-1, 0], but got 1)", z.flatten(1));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-1, 0], but got 1)", z.unbind(1));
  EXPECT_CTORCH_ERROR(Index, "Dimension specified as 0 but tensor has no dimensions", z.unbind(-1));
  EXPECT_CTORCH_ERROR(Runtime, "unflatten got an unexpected error:\nDimension specified as 0 but tensor has no dimensions",
                      z.unflatten(0, {1, -1}));
  EXPECT_CTORCH_ERROR(Index, "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
                      z.unflatten(1, {1}));
  // unflatten infers -1 from the dim's own size (empty tensors too) and words its failures as PyTorch.
  EXPECT_EQ(shape(ctorch::zeros({5, 2, 0}).unflatten(1, {1, -1})), (I64{5, 1, 2, 0}));
  EXPECT_CTORCH_ERROR(Runtime, "unflatten got an unexpected error:\nonly one dimension can be inferred",
                      ctorch::zeros({6}).unflatten(0, {-1, -1}));
  EXPECT_CTORCH_ERROR(Runtime, "unflatten: Provided sizes [4, -1] don't multiply up to the size of dim 0 (6) in the input tensor",
                      ctorch::zeros({6}).unflatten(0, {4, -1}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "split_with_sizes expects split_sizes to sum exactly to 4 (input tensor's size at dimension -2), "
                      "but got split_sizes=[1, 1]",
                      ctorch::zeros({4, 3}).split_with_sizes({1, 1}, -2));
}
