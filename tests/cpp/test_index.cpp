// Tests for Python-style indexing (R13.5, R13.6): Tensor::index / operator[] with integers,
// Slice, None and Ellipsis, the IndexError/ValueError texts, index_put_ with a Scalar and a
// Tensor, and item() (R15.1 with the 2.x message of §19).
#include <vector>

#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

namespace {
Tensor m23() { return arange(6).view({2, 3}); }  // [[0, 1, 2], [3, 4, 5]]
Tensor iota234() { return arange(24).view({2, 3, 4}); }
}  // namespace

// ---- integers ------------------------------------------------------------------------------

TEST(Index, IntegersSelect) {
  Tensor t = m23();
  Tensor r = t[1];
  EXPECT_EQ(shape(r), I64{3});
  EXPECT_EQ(r.storage_offset(), 3);
  EXPECT_TRUE(r.storage() == t.storage());
  EXPECT_EQ(values<int64_t>(r), (I64{3, 4, 5}));
  EXPECT_EQ(values<int64_t>(t[-1]), (I64{3, 4, 5}));
  EXPECT_EQ(values<int64_t>(t[-2]), (I64{0, 1, 2}));

  Tensor e = t[{0, 2}];
  EXPECT_EQ(e.dim(), 0);
  EXPECT_EQ(e.storage_offset(), 2);
  EXPECT_EQ(e.item<int64_t>(), 2);
  EXPECT_EQ((t[{-1, -1}].item<int64_t>()), 5);
  EXPECT_EQ(t[1][2].item<int64_t>(), 5);
  EXPECT_EQ(t.index({1, 0}).item<int64_t>(), 3);
  EXPECT_EQ(t.index(std::vector<TensorIndex>{TensorIndex(1), TensorIndex(1)}).item<int64_t>(), 4);
}

TEST(Index, IntegerErrors) {
  Tensor t = m23();
  EXPECT_CTORCH_ERROR(Index, "index 3 is out of bounds for dimension 0 with size 3", arange(3)[3]);
  EXPECT_CTORCH_ERROR(Index, "index 2 is out of bounds for dimension 0 with size 2", t[2]);
  EXPECT_CTORCH_ERROR(Index, "index -3 is out of bounds for dimension 0 with size 2", t[-3]);
  EXPECT_CTORCH_ERROR(Index, "index 3 is out of bounds for dimension 1 with size 3", t[{0, 3}]);
  EXPECT_CTORCH_ERROR(Index, "index -4 is out of bounds for dimension 1 with size 3", t[{1, -4}]);
  EXPECT_CTORCH_ERROR(Index, "too many indices for tensor of dimension 2", t[{0, 0, 0}]);
  EXPECT_CTORCH_ERROR(Index, "too many indices for tensor of dimension 2", t[{0, Slice(), Slice()}]);
  EXPECT_CTORCH_ERROR(Index, "index 0 is out of bounds for dimension 0 with size 0", zeros({0, 2})[0]);
}

TEST(Index, ZeroDimErrors) {
  Tensor s = tensor(5);
  EXPECT_CTORCH_ERROR(Index,
                      "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                      "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number",
                      s[0]);
  EXPECT_CTORCH_ERROR(Index, "index 1 is out of bounds for dimension 0 with size 0", s[1]);
}

// ---- slices ------------------------------------------------------------------------------------

TEST(Index, Slices) {
  Tensor t = m23();
  Tensor col = t[{Slice(), 1}];
  EXPECT_EQ(shape(col), I64{2});
  EXPECT_EQ(strides(col), I64{3});
  EXPECT_EQ(col.storage_offset(), 1);
  EXPECT_EQ(values<int64_t>(col), (I64{1, 4}));

  EXPECT_EQ(values<int64_t>(t[{Slice(), Slice(-2)}]), (I64{1, 2, 4, 5}));      // [:, -2:]
  EXPECT_EQ(values<int64_t>(t[{Slice(), Slice(-10, 10, 2)}]), (I64{0, 2, 3, 5}));  // clamped
  EXPECT_EQ(values<int64_t>(t[{Slice(1)}]), (I64{3, 4, 5}));                   // [1:]
  EXPECT_EQ(values<int64_t>(t[{Slice(None, 1)}]), (I64{0, 1, 2}));             // [:1]
  EXPECT_EQ(values<int64_t>(t[{Slice(None, -1)}]), (I64{0, 1, 2}));            // [:-1]
  EXPECT_EQ(values<int64_t>(t[{Slice(None, None, 2), Slice(None, None, 2)}]), (I64{0, 2}));

  Tensor v = arange(6);
  EXPECT_EQ(values<int64_t>(v[{Slice(1, -1, 2)}]), (I64{1, 3}));
  EXPECT_EQ(values<int64_t>(v[{Slice(-100, 2)}]), (I64{0, 1}));
  EXPECT_EQ(values<int64_t>(v[{Slice(4, 100)}]), (I64{4, 5}));
  Tensor stepped = v[{Slice(None, None, 4)}];
  EXPECT_EQ(strides(stepped), I64{4});
  EXPECT_EQ(values<int64_t>(stepped), (I64{0, 4}));

  Tensor past = v[{Slice(10)}];  // empty; offset clamped to the end
  EXPECT_EQ(shape(past), I64{0});
  EXPECT_EQ(past.storage_offset(), 6);
  Tensor backwards = v[{Slice(4, 2)}];  // end < start -> empty
  EXPECT_EQ(shape(backwards), I64{0});
  EXPECT_EQ(backwards.storage_offset(), 4);

  Tensor u = iota234()[{Slice(), Slice(5, 10)}];  // R13.6 example
  EXPECT_EQ(shape(u), (I64{2, 0, 4}));
  EXPECT_EQ(u.storage_offset(), 12);
}

TEST(Index, SliceStepErrorsAreValueErrors) {
  Tensor t = m23();
  EXPECT_CTORCH_ERROR(Value, "slice step cannot be zero", t[{Slice(None, None, 0)}]);
  EXPECT_CTORCH_ERROR(Value, "step must be greater than zero", t[{Slice(None, None, -1)}]);
  EXPECT_CTORCH_ERROR(Value, "step must be greater than zero", t[{Slice(), Slice(2, 0, -2)}]);
}

// ---- None and Ellipsis -----------------------------------------------------------------------

TEST(Index, NoneInsertsDims) {
  Tensor t = m23();
  Tensor a = t[{None}];
  EXPECT_EQ(shape(a), (I64{1, 2, 3}));
  EXPECT_EQ(strides(a), (I64{6, 3, 1}));
  EXPECT_TRUE(a.storage() == t.storage());
  Tensor b = t[{Slice(), None}];
  EXPECT_EQ(shape(b), (I64{2, 1, 3}));
  EXPECT_EQ(strides(b), (I64{3, 3, 1}));
  Tensor c = t[{Ellipsis, None}];
  EXPECT_EQ(shape(c), (I64{2, 3, 1}));
  EXPECT_EQ(strides(c), (I64{3, 1, 1}));
  EXPECT_EQ(shape(t[{None, 0, None, 2}]), (I64{1, 1}));
  EXPECT_EQ((t[{None, 0, None, 2}].item<int64_t>()), 2);
  EXPECT_EQ(shape(tensor(5)[{None}]), I64{1});
  EXPECT_EQ(shape(tensor(5)[{Ellipsis, None}]), I64{1});
}

TEST(Index, Ellipsis) {
  Tensor t = m23();
  Tensor all = t[{Ellipsis}];
  EXPECT_EQ(shape(all), (I64{2, 3}));
  EXPECT_EQ(values<int64_t>(all), (I64{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(values<int64_t>(t[{Ellipsis, 1}]), (I64{1, 4}));
  EXPECT_EQ(shape(t[{Ellipsis, None, 0}]), (I64{2, 1}));
  EXPECT_EQ(values<int64_t>(t[{Ellipsis, None, 0}]), (I64{0, 3}));

  Tensor u = iota234();
  Tensor a = u[{0, Ellipsis, 1}];
  EXPECT_EQ(shape(a), I64{3});
  EXPECT_EQ(values<int64_t>(a), (I64{1, 5, 9}));
  Tensor b = u[{Ellipsis, Slice(1, 3)}];
  EXPECT_EQ(shape(b), (I64{2, 3, 2}));
  EXPECT_EQ(b.storage_offset(), 1);
  Tensor c = u[{1, Ellipsis}];
  EXPECT_EQ(shape(c), (I64{3, 4}));
  EXPECT_EQ(c.storage_offset(), 12);
  EXPECT_EQ(shape(tensor(5)[{Ellipsis}]), I64{});
}

TEST(Index, Combinations) {
  Tensor u = iota234();
  // u[1, ::2, None, -1]
  Tensor a = u[{1, Slice(None, None, 2), None, -1}];
  EXPECT_EQ(shape(a), (I64{2, 1}));
  EXPECT_EQ(values<int64_t>(a), (I64{15, 23}));
  // u[:, 1:, 1::2]
  Tensor b = u[{Slice(), Slice(1), Slice(1, None, 2)}];
  EXPECT_EQ(shape(b), (I64{2, 2, 2}));
  EXPECT_EQ(strides(b), (I64{12, 4, 2}));
  EXPECT_EQ(b.storage_offset(), 5);
  EXPECT_EQ(values<int64_t>(b), (I64{5, 7, 9, 11, 17, 19, 21, 23}));
  // indexing a non-contiguous view
  Tensor tr = u.transpose(0, 2);  // [4, 3, 2]
  EXPECT_EQ(values<int64_t>(tr[{3, Slice(), 1}]), (I64{15, 19, 23}));
}

// ---- index_put_ -------------------------------------------------------------------------------

TEST(IndexPut, Scalar) {
  Tensor t = zeros({2, 3}, kInt64);
  Tensor& r = t.index_put_({0}, 9);
  EXPECT_EQ(&r, &t);
  EXPECT_EQ(values<int64_t>(t), (I64{9, 9, 9, 0, 0, 0}));
  t.index_put_({Slice(), 1}, Scalar(-1));
  EXPECT_EQ(values<int64_t>(t), (I64{9, -1, 9, 0, -1, 0}));
  t.index_put_({1, 2}, 7);
  EXPECT_EQ(values<int64_t>(t), (I64{9, -1, 9, 0, -1, 7}));
  t.index_put_({1}, 2.7);  // float into int64 truncates
  EXPECT_EQ(values<int64_t>(t), (I64{9, -1, 9, 2, 2, 2}));
  t.index_put_({Ellipsis, 2}, 5);
  EXPECT_EQ(values<int64_t>(t), (I64{9, -1, 5, 2, 2, 5}));
  Tensor f = zeros({2, 3});
  f.index_put_({None, 0}, 5);
  EXPECT_EQ(values<float>(f), (F32{5, 5, 5, 0, 0, 0}));
}

TEST(IndexPut, ScalarRangeError) {
  Tensor t = zeros({2, 3}, kUInt8);
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type uint8_t without overflow",
                      t.index_put_({0}, 300));
  EXPECT_EQ(values<uint8_t>(t), std::vector<uint8_t>(6, 0));  // unchanged
}

TEST(IndexPut, Tensor) {
  Tensor t = zeros({2, 3}, kInt64);
  t.index_put_({Slice(), Slice(1)}, tensor({7, 8}));  // broadcast over rows
  EXPECT_EQ(values<int64_t>(t), (I64{0, 7, 8, 0, 7, 8}));
  t.index_put_({Slice(), Slice(1)}, tensor({7.9, 8.2}));  // converted: truncation
  EXPECT_EQ(values<int64_t>(t), (I64{0, 7, 8, 0, 7, 8}));
  t.index_put_({0, 1}, tensor(5));
  EXPECT_EQ(values<int64_t>(t), (I64{0, 5, 8, 0, 7, 8}));
  // The value may itself be a non-contiguous view.
  Tensor src = arange(4).view({2, 2}).t();  // [[0, 2], [1, 3]]
  t.index_put_({Slice(), Slice(None, 2)}, src);
  EXPECT_EQ(values<int64_t>(t), (I64{0, 2, 8, 1, 3, 8}));
}

TEST(IndexPut, ValueWithLeadingOnes) {
  // Python's t[1] = v drops leading size-1 dims of v first: a [1, 3] value fits a [3] target.
  Tensor t = zeros({2, 3}, kInt64);
  t.index_put_({1}, tensor({{1, 2, 3}}));
  EXPECT_EQ(values<int64_t>(t), (I64{0, 0, 0, 1, 2, 3}));
}

TEST(IndexPut, TensorShapeMismatch) {
  Tensor t = zeros({2, 3}, kInt64);
  EXPECT_CTORCH_ERROR(Runtime,
                      "The expanded size of the tensor (2) must match the existing size (3) at "
                      "non-singleton dimension 1.  Target sizes: [2, 2].  Tensor sizes: [3]",
                      t.index_put_({Slice(), Slice(1)}, tensor({7, 8, 9})));
  EXPECT_EQ(values<int64_t>(t), I64(6, 0));
}

// ---- item --------------------------------------------------------------------------------------

TEST(Item, OneElementOfAnyShape) {
  Scalar a = tensor({{2.5}}).item();
  EXPECT_TRUE(a.is_floating_point());
  EXPECT_EQ(a.to<double>(), 2.5);
  EXPECT_EQ(tensor({{2.5}}).item<int>(), 2);

  Scalar f = tensor(0.1).item();  // float32 0.1 widened to double
  EXPECT_EQ(f.to<double>(), static_cast<double>(0.1f));
  EXPECT_EQ(f.repr(), "0.10000000149011612");

  Scalar i = tensor(7).item();
  EXPECT_TRUE(i.is_integral());
  EXPECT_EQ(i.to<int64_t>(), 7);
  EXPECT_EQ(i.repr(), "7");

  Scalar b = tensor(true).item();
  EXPECT_TRUE(b.is_boolean());
  EXPECT_EQ(b.repr(), "True");
  EXPECT_TRUE(tensor(true).item<bool>());

  Scalar u = tensor({200}, kUInt8).item();
  EXPECT_TRUE(u.is_integral());
  EXPECT_EQ(u.to<int64_t>(), 200);

  Scalar h = tensor({1.5}, kFloat16).item();
  EXPECT_TRUE(h.is_floating_point());
  EXPECT_EQ(h.to<double>(), 1.5);

  EXPECT_EQ(tensor(2.0).item().repr(), "2.0");
  EXPECT_EQ(tensor({1, 2, 3})[{Slice(2)}].item<int64_t>(), 3);  // a view with offset
  EXPECT_EQ(tensor(-3.9, kFloat64).item<int64_t>(), -3);
}

TEST(Item, SeveralElementsIsAnError) {
  // semantics.md §19: ctorch follows 2.x here.
  EXPECT_CTORCH_ERROR(Runtime, "a Tensor with 2 elements cannot be converted to Scalar",
                      tensor({1, 2}).item());
  EXPECT_CTORCH_ERROR(Runtime, "a Tensor with 6 elements cannot be converted to Scalar",
                      zeros({2, 3}).item<float>());
  EXPECT_CTORCH_ERROR(Runtime, "a Tensor with 0 elements cannot be converted to Scalar",
                      zeros({0}).item());
}
