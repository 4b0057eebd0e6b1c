// Tests for materializing and converting: contiguous, clone, copy_ (broadcasting, every dtype
// pair, overlap with itself), to(dtype)/type()/to(device), fill_/zero_ on views and their range
// checks (R2.5, R8, R9.3), and that failed calls leave their inputs unchanged.
#include <cmath>
#include <limits>
#include <vector>

#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

namespace {

Tensor iota(int64_t n, ScalarType t = kFloat32) { return arange(n, t); }
}  // namespace

// ---- contiguous / clone ------------------------------------------------------------------------

TEST(Contiguous, ReturnsSelfWhenContiguous) {
  Tensor t = zeros({2, 3});
  EXPECT_TRUE(t.contiguous().is_same(t));
  Tensor row = t.select(0, 1);  // contiguous view with an offset
  EXPECT_TRUE(row.contiguous().is_same(row));
  Tensor odd = zeros({1, 3}).t();  // size-1 dims may have any stride (R13.2)
  EXPECT_TRUE(odd.contiguous().is_same(odd));
}

TEST(Contiguous, CopiesWhenNot) {
  Tensor t = iota(6).view({2, 3});
  Tensor tr = t.t();
  Tensor c = tr.contiguous();
  EXPECT_FALSE(c.is_same(tr));
  EXPECT_FALSE(c.storage() == t.storage());
  EXPECT_TRUE(c.is_contiguous());
  EXPECT_EQ(shape(c), (I64{3, 2}));
  EXPECT_EQ(strides(c), (I64{2, 1}));
  EXPECT_EQ(c.storage_offset(), 0);
  EXPECT_EQ(values<float>(c), (F32{0, 3, 1, 4, 2, 5}));
  // The data really is row-major in memory.
  const float* p = c.data_ptr<float>();
  EXPECT_EQ(std::vector<float>(p, p + 6), (F32{0, 3, 1, 4, 2, 5}));

  Tensor e = iota(3).expand({2, 3}).contiguous();
  EXPECT_EQ(strides(e), (I64{3, 1}));
  EXPECT_EQ(values<float>(e), (F32{0, 1, 2, 0, 1, 2}));
}

TEST(Clone, AlwaysCopies) {
  Tensor t = tensor({{1, 2}, {3, 4}}, kInt16);
  Tensor c = t.clone();
  EXPECT_FALSE(c.storage() == t.storage());
  EXPECT_EQ(c.dtype(), kInt16);
  EXPECT_EQ(values<int16_t>(c), (std::vector<int16_t>{1, 2, 3, 4}));
  c.fill_(0);
  EXPECT_EQ(values<int16_t>(t), (std::vector<int16_t>{1, 2, 3, 4}));  // independent

  Tensor v = t.t().clone();
  EXPECT_TRUE(v.is_contiguous());
  EXPECT_EQ(values<int16_t>(v), (std::vector<int16_t>{1, 3, 2, 4}));
  Tensor s = clone(tensor(2.5));
  EXPECT_EQ(s.dim(), 0);
  EXPECT_EQ(s.item<double>(), 2.5);
  EXPECT_EQ(zeros({0, 3}).clone().numel(), 0);
}

// ---- copy_ -------------------------------------------------------------------------------------

TEST(Copy, SameShapeAndReturnsSelf) {
  Tensor dst = zeros({2, 3});
  Tensor src = iota(6).view({2, 3});
  Tensor& r = dst.copy_(src);
  EXPECT_EQ(&r, &dst);
  EXPECT_EQ(values<float>(dst), (F32{0, 1, 2, 3, 4, 5}));
  EXPECT_FALSE(dst.storage() == src.storage());
}

TEST(Copy, Broadcasts) {
  Tensor dst = zeros({2, 3}, kInt64);
  dst.copy_(tensor({1, 2, 3}));
  EXPECT_EQ(values<int64_t>(dst), (I64{1, 2, 3, 1, 2, 3}));
  dst.copy_(tensor({{7}, {8}}));
  EXPECT_EQ(values<int64_t>(dst), (I64{7, 7, 7, 8, 8, 8}));
  dst.copy_(tensor(4));
  EXPECT_EQ(values<int64_t>(dst), I64(6, 4));
}

TEST(Copy, IntoNonContiguousDestinationAndFromNonContiguousSource) {
  Tensor base = zeros({2, 3});
  base.t().copy_(iota(6).view({3, 2}));  // base^T = [[0,1],[2,3],[4,5]]
  EXPECT_EQ(values<float>(base), (F32{0, 2, 4, 1, 3, 5}));

  Tensor dst = zeros({3, 2});
  dst.copy_(iota(6).view({2, 3}).t());
  EXPECT_EQ(values<float>(dst), (F32{0, 3, 1, 4, 2, 5}));

  Tensor strided = zeros({6});
  strided.slice(0, 1, std::nullopt, 2).copy_(tensor({1.f, 2.f, 3.f}));
  EXPECT_EQ(values<float>(strided), (F32{0, 1, 0, 2, 0, 3}));
}

TEST(Copy, ShapeMismatchErrorsLeaveDestinationUnchanged) {
  Tensor a = full({2, 2}, 1.0);
  EXPECT_CTORCH_ERROR(Runtime,
                      "The size of tensor a (2) must match the size of tensor b (3) at non-singleton "
                      "dimension 1",
                      a.copy_(zeros({3})));
  EXPECT_EQ(values<float>(a), F32(4, 1.0f));
  Tensor b = full({3}, 1.0);
  EXPECT_CTORCH_ERROR(Runtime, "output with shape [3] doesn't match the broadcast shape [2, 3]",
                      b.copy_(zeros({2, 3})));
  EXPECT_EQ(values<float>(b), F32(3, 1.0f));
}

TEST(Copy, FloatToInteger) {
  Tensor src = tensor({2.7, -2.7, 300.5, -0.5}, kFloat64);
  Tensor i32 = zeros({4}, kInt32);
  i32.copy_(src);
  EXPECT_EQ(values<int32_t>(i32), (std::vector<int32_t>{2, -2, 300, 0}));  // truncation
  Tensor u8 = zeros({4}, kUInt8);
  u8.copy_(src);  // R8.5 on x86: low 8 bits of the int64 conversion
  EXPECT_EQ(values<uint8_t>(u8), (std::vector<uint8_t>{2, 254, 44, 0}));
  Tensor i16 = zeros({2}, kInt16);
  i16.copy_(tensor({70000.0, 1e10}, kFloat64));
  EXPECT_EQ(values<int16_t>(i16), (std::vector<int16_t>{4464, 0}));
  Tensor i64 = zeros({3}, kInt64);
  i64.copy_(tensor({std::nan(""), kInf, 1e19}, kFloat64));
  EXPECT_EQ(values<int64_t>(i64), I64(3, std::numeric_limits<int64_t>::min()));
}

TEST(Copy, IntegerNarrowingKeepsLowBits) {
  Tensor src = tensor({256, -1, 300, -129});
  Tensor u8 = zeros({4}, kUInt8);
  u8.copy_(src);
  EXPECT_EQ(values<uint8_t>(u8), (std::vector<uint8_t>{0, 255, 44, 127}));
  Tensor i8 = zeros({4}, kInt8);
  i8.copy_(tensor({128, 255, -129, 300}));
  EXPECT_EQ(values<int8_t>(i8), (std::vector<int8_t>{-128, -1, 127, 44}));
  Tensor i32 = zeros({1}, kInt32);
  i32.copy_(tensor({(int64_t{1} << 40) + 5}));
  EXPECT_EQ(values<int32_t>(i32), std::vector<int32_t>{5});
}

TEST(Copy, ToAndFromBool) {
  Tensor b = zeros({4}, kBool);
  b.copy_(tensor({std::nan(""), -0.0, 0.5, 0.0}, kFloat64));
  EXPECT_EQ(values<bool>(b), (std::vector<bool>{true, false, true, false}));
  b.copy_(tensor({256, 0, -1, 2}));
  EXPECT_EQ(values<bool>(b), (std::vector<bool>{true, false, true, true}));
  Tensor f = zeros({2});
  f.copy_(tensor({true, false}));
  EXPECT_EQ(values<float>(f), (F32{1, 0}));
}

TEST(Copy, ToReducedFloats) {
  // float64 -> float16 rounds through float32 (R8.4): 1 + 2^-11 + 2^-40 becomes the float32
  // 1 + 2^-11, a float16 tie that rounds to even, 1.0 (a single rounding would give 1 + 2^-10).
  Tensor src = tensor({1.0 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40), 65520.0, 65519.0, 1e-8,
                       -std::ldexp(1.0, -24)},
                      kFloat64);
  Tensor h = zeros({5}, kFloat16);
  h.copy_(src);
  EXPECT_EQ(doubles(h), (D{1.0, kInf, 65504.0, 0.0, -std::ldexp(1.0, -24)}));
  EXPECT_EQ(half_bits(h)[4], 0x8001);

  Tensor bf = zeros({1}, kBFloat16);
  bf.copy_(tensor({1.0 + std::ldexp(1.0, -8) + std::ldexp(1.0, -40)}, kFloat64));
  EXPECT_EQ(doubles(bf), D{1.0});

  Tensor h2 = zeros({3}, kFloat16);
  h2.copy_(tensor({2049, 65519, 65520}));  // int -> float16 (R8.3)
  EXPECT_EQ(doubles(h2), (D{2048, 65504, kInf}));

  Tensor back = zeros({2}, kFloat64);
  back.copy_(tensor({0.1, 1.0 / 3}, kFloat16));  // exact widening of the float16 values
  EXPECT_EQ(values<double>(back), (D{0.0999755859375, 0.333251953125}));

  Tensor hb = zeros({1}, kBFloat16);
  hb.copy_(tensor({1.0 + std::ldexp(1.0, -10)}, kFloat16));  // float16 -> bfloat16
  EXPECT_EQ(doubles(hb), D{1.0});
}

TEST(Copy, IntegerToFloatRoundsToNearestEven) {
  Tensor f = zeros({2});
  f.copy_(tensor({(int64_t{1} << 24) + 1, (int64_t{1} << 24) + 3}));
  EXPECT_EQ(values<float>(f), (F32{16777216.0f, 16777220.0f}));
}

// Every dtype pair, on values every dtype holds exactly (0, 1, 2, 5): the value survives.
TEST(Copy, EveryDtypePair) {
  const std::vector<ScalarType> all = {kBool,    kUInt8,    kInt8,    kInt16,  kInt32,
                                       kInt64,   kFloat16,  kBFloat16, kFloat32, kFloat64};
  for (ScalarType from : all) {
    for (ScalarType to : all) {
      SCOPED_TRACE(::testing::Message() << from << " -> " << to);
      const bool small = from == kBool || to == kBool;
      Tensor src = small ? tensor({0, 1, 1, 0}, from) : tensor({0, 1, 2, 5}, from);
      Tensor dst = zeros({2, 2}, to).t();  // non-contiguous destination
      dst.copy_(src.view({2, 2}));
      D expected = small ? D{0, 1, 1, 0} : D{0, 1, 2, 5};
      EXPECT_EQ(dst.dtype(), to);
      EXPECT_EQ(doubles(dst), expected);
      Tensor converted = src.to(to);
      EXPECT_EQ(converted.dtype(), to);
      EXPECT_EQ(doubles(converted), expected);
    }
  }
}

TEST(Copy, OverlappingSelfTranspose) {
  // a.copy_(a.t()) on a square matrix. PyTorch 1.13 refuses ("unsupported operation: some
  // elements of the input tensor and the written-to tensor refer to a single memory location.
  // Please clone() the tensor before performing the operation.") and leaves `a` alone; a library
  // that handles the overlap must produce the transpose of the original. A half-updated mixture
  // is wrong either way.
  Tensor a = iota(9).view({3, 3});
  const F32 original = {0, 1, 2, 3, 4, 5, 6, 7, 8};
  const F32 transposed = {0, 3, 6, 1, 4, 7, 2, 5, 8};
  ctorch_test::CaughtError r = ctorch_test::catch_error([&] { a.copy_(a.t()); });
  EXPECT_FALSE(r.other) << r.what;
  if (r.thrown) {
    EXPECT_EQ(r.kind, ErrorKind::Runtime);
    EXPECT_EQ(r.what,
              "unsupported operation: some elements of the input tensor and the written-to tensor "
              "refer to a single memory location. Please clone() the tensor before performing the "
              "operation.");
    EXPECT_EQ(values<float>(a), original);
  } else {
    EXPECT_EQ(values<float>(a), transposed);
  }
}

TEST(Copy, SelfCopyIsANoOp) {
  Tensor a = iota(4);
  a.copy_(a);
  EXPECT_EQ(values<float>(a), (F32{0, 1, 2, 3}));
}

// ---- to / type ---------------------------------------------------------------------------------

TEST(To, ReturnsSelfWhenNothingChanges) {
  Tensor t = zeros({3});
  EXPECT_TRUE(t.to(kFloat32).is_same(t));
  EXPECT_TRUE(t.type(kFloat32).is_same(t));
  EXPECT_TRUE(t.to(Device("cpu")).is_same(t));
  EXPECT_TRUE(t.to(Device(kCPU), kFloat32).is_same(t));
  EXPECT_TRUE(t.to(TensorOptions(kFloat32)).is_same(t));
  EXPECT_TRUE(t.cpu().is_same(t));
}

TEST(To, CopyTrueAlwaysCopies) {
  Tensor t = tensor({1.5f, 2.5f});
  Tensor c = t.to(kFloat32, /*copy=*/true);
  EXPECT_FALSE(c.is_same(t));
  EXPECT_FALSE(c.storage() == t.storage());
  EXPECT_EQ(values<float>(c), (F32{1.5f, 2.5f}));
  c.fill_(0);
  EXPECT_EQ(values<float>(t), (F32{1.5f, 2.5f}));
  EXPECT_FALSE(t.to(Device("cpu"), true).storage() == t.storage());
}

TEST(To, ConvertsDtype) {
  Tensor t = tensor({1.7, -1.7, 255.0, 256.0}, kFloat64);
  Tensor i = t.to(kInt32);
  EXPECT_EQ(i.dtype(), kInt32);
  EXPECT_FALSE(i.storage() == t.storage());
  EXPECT_EQ(values<int32_t>(i), (std::vector<int32_t>{1, -1, 255, 256}));
  EXPECT_EQ(values<int64_t>(t.type(kInt64)), (I64{1, -1, 255, 256}));
  EXPECT_EQ(values<uint8_t>(t.to(kUInt8)), (std::vector<uint8_t>{1, 255, 255, 0}));
  Tensor f = t.to(Device(kCPU), kFloat32);
  EXPECT_EQ(f.dtype(), kFloat32);
  EXPECT_EQ(values<float>(f), (F32{1.7f, -1.7f, 255.0f, 256.0f}));
  EXPECT_EQ(values<double>(t), (D{1.7, -1.7, 255.0, 256.0}));  // input unchanged

  Tensor nc = tensor({{1, 2}, {3, 4}}).t().to(kFloat64);  // non-contiguous input
  EXPECT_EQ(shape(nc), (I64{2, 2}));
  EXPECT_EQ(values<double>(nc), (D{1, 3, 2, 4}));
}

// Devices this process does not have: mps always; cuda:N past the GPUs present (all of cuda
// when there is none). On a machine with one GPU, cuda:0 works and is tested in test_cuda_*.cpp.
TEST(To, OtherDevicesRaiseAndLeaveTensorUnchanged) {
  Tensor t = tensor({1.0f, 2.0f});
  const Device missing_cuda(kCUDA, cuda::device_count());
  EXPECT_TRUE(ctorch_test::expect_error_containing([&] { (void)t.to(missing_cuda); }, "cuda"));
  EXPECT_TRUE(ctorch_test::expect_error_containing([&] { (void)t.to(Device("cuda:7")); }, "cuda"));
  EXPECT_TRUE(ctorch_test::expect_error_containing([&] { (void)t.to(Device("mps")); }, "mps"));
  EXPECT_TRUE(ctorch_test::expect_error_containing([&] { (void)t.to("mps"); }, "mps"));
  EXPECT_TRUE(ctorch_test::expect_error_containing([&] { (void)t.to(missing_cuda, kFloat64); },
                                                   "cuda"));
  EXPECT_TRUE(ctorch_test::expect_error_containing(
      [&] { (void)t.to(TensorOptions().device(Device("mps"))); }, "mps"));
  EXPECT_TRUE(t.is_cpu());
  EXPECT_FALSE(t.is_cuda());
  EXPECT_EQ(t.dtype(), kFloat32);
  EXPECT_EQ(values<float>(t), (F32{1.0f, 2.0f}));
  EXPECT_TRUE(ctorch_test::expect_error_containing(
      [&] { (void)zeros({2}, TensorOptions(missing_cuda)); }, "cuda"));
}

// ---- fill_ / zero_ -----------------------------------------------------------------------------

TEST(FillInPlace, OnNonContiguousViews) {
  Tensor base = zeros({3, 4});
  Tensor& r = base.t().select(0, 1).fill_(7);  // column 1
  (void)r;
  EXPECT_EQ(values<float>(base), (F32{0, 7, 0, 0, 0, 7, 0, 0, 0, 7, 0, 0}));
  base.slice(1, std::nullopt, std::nullopt, 2).fill_(-1);  // columns 0 and 2
  EXPECT_EQ(values<float>(base), (F32{-1, 7, -1, 0, -1, 7, -1, 0, -1, 7, -1, 0}));
  base.diagonal().zero_();
  EXPECT_EQ(values<float>(base), (F32{0, 7, -1, 0, -1, 0, -1, 0, -1, 7, 0, 0}));
  Tensor& z = base.zero_();
  EXPECT_EQ(&z, &base);
  EXPECT_EQ(values<float>(base), F32(12, 0.0f));
}

TEST(FillInPlace, ReturnsSelf) {
  Tensor t = zeros({2});
  Tensor& r = t.fill_(3);
  EXPECT_EQ(&r, &t);
  EXPECT_EQ(values<float>(t), (F32{3, 3}));
}

TEST(FillInPlace, ConvertsTheValue) {
  Tensor i = zeros({2}, kInt32);
  i.fill_(2.7);
  EXPECT_EQ(values<int32_t>(i), (std::vector<int32_t>{2, 2}));  // truncation (R2.5)
  i.fill_(-2.7);
  EXPECT_EQ(values<int32_t>(i), (std::vector<int32_t>{-2, -2}));
  Tensor u = zeros({2}, kUInt8);
  u.fill_(-1);  // uint8 accepts [-255, 255] and wraps
  EXPECT_EQ(values<uint8_t>(u), (std::vector<uint8_t>{255, 255}));
  Tensor b = zeros({2}, kBool);
  b.fill_(5);
  EXPECT_EQ(values<bool>(b), (std::vector<bool>{true, true}));
  Tensor h = zeros({1}, kFloat16);
  h.fill_(1.0 + std::ldexp(1.0, -11));  // tie: rounds to even
  EXPECT_EQ(doubles(h), D{1.0});
  Tensor d = zeros({1}, kFloat64);
  d.fill_(0.1);
  EXPECT_EQ(values<double>(d), D{0.1});
  Tensor f = zeros({1});
  f.fill_(true);
  EXPECT_EQ(values<float>(f), F32{1});
}

TEST(FillInPlace, RangeErrorsLeaveTensorUnchanged) {
  Tensor u = full({2}, 3, kUInt8);
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type uint8_t without overflow", u.fill_(256));
  EXPECT_EQ(values<uint8_t>(u), (std::vector<uint8_t>{3, 3}));
  Tensor c = zeros({2}, kInt8);
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int8_t without overflow", c.fill_(200));
  EXPECT_EQ(values<int8_t>(c), (std::vector<int8_t>{0, 0}));
  Tensor l = zeros({2}, kInt64);
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int64_t without overflow",
                      l.fill_(std::nan("")));
  Tensor i = zeros({2}, kInt32);
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int without overflow",
                      i.fill_(int64_t{1} << 31));
  Tensor s = zeros({2}, kInt16);
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type int16_t without overflow",
                      s.fill_(40000));
  EXPECT_EQ(values<int16_t>(s), (std::vector<int16_t>{0, 0}));
}

// ---- devices (device.h) --------------------------------------------------------------------------

TEST(Device, ParsesAndPrints) {
  Device c("cuda:1");
  EXPECT_EQ(c.type(), kCUDA);
  EXPECT_EQ(c.index(), 1);
  EXPECT_TRUE(c.has_index());
  EXPECT_EQ(c.str(), "cuda:1");
  EXPECT_EQ(c.repr(), "device(type='cuda', index=1)");
  Device cpu("cpu");
  EXPECT_TRUE(cpu.is_cpu());
  EXPECT_FALSE(cpu.has_index());
  EXPECT_EQ(cpu.str(), "cpu");
  EXPECT_EQ(cpu.repr(), "device(type='cpu')");
  EXPECT_EQ(Device("mps").type(), kMPS);
  EXPECT_EQ(Device("cuda"), Device(kCUDA));
  EXPECT_EQ(device_type_name(kCUDA), "cuda");
  EXPECT_EQ(zeros({1}).device(), Device(kCPU));
  EXPECT_EQ(cuda::is_available(), cuda::device_count() > 0);
  EXPECT_FALSE(mps::is_available());
}

// Transposing copies take a register-transposing path for 4- and 8-byte dtypes; check it against
// the definition out[i][j] = in[j][i] over sizes that do and do not fill whole 8x8 / 4x4 blocks,
// and a view with a row stride larger than its width.
TEST(Contiguous, TransposeOfEverySizeAndDtype) {
  const std::vector<std::pair<int64_t, int64_t>> sizes = {{1, 1}, {3, 5},   {8, 8},  {9, 17},
                                                          {16, 33}, {37, 53}, {64, 8}, {4, 100}};
  for (ScalarType dtype : {kFloat32, kInt32, kFloat64, kInt64, kInt16, kFloat16}) {
    for (auto [rows, cols] : sizes) {
      Tensor t = arange(rows * cols, dtype).view({rows, cols});
      Tensor u = t.t().contiguous();
      ASSERT_EQ(shape(u), (I64{cols, rows}));
      const auto got = doubles(u);
      for (int64_t i = 0; i < cols; ++i)
        for (int64_t j = 0; j < rows; ++j)
          ASSERT_EQ(got[i * rows + j], static_cast<double>(j * cols + i))
              << "dtype " << dtype << " size " << rows << "x" << cols << " at " << i << "," << j;
    }
  }
  // Large enough to be split into row strips across threads, with a ragged last strip.
  for (ScalarType dtype : {kFloat32, kInt32, kFloat64, kInt64}) {
    for (auto [rows, cols] : std::vector<std::pair<int64_t, int64_t>>{{300, 517}, {517, 300}}) {
      const auto got = doubles(arange(rows * cols, dtype).view({rows, cols}).t().contiguous());
      for (int64_t i = 0; i < cols; ++i)
        for (int64_t j = 0; j < rows; ++j)
          ASSERT_EQ(got[i * rows + j], static_cast<double>(j * cols + i)) << "dtype " << dtype;
    }
  }
  // A transposed slice: rows 20 wide inside a storage 30 wide.
  Tensor wide = arange(40 * 30, kFloat32).view({40, 30}).slice(1, 5, 25).t().contiguous();
  const auto got = doubles(wide);
  for (int64_t i = 0; i < 20; ++i)
    for (int64_t j = 0; j < 40; ++j) ASSERT_EQ(got[i * 40 + j], static_cast<double>(j * 30 + i + 5));
}
