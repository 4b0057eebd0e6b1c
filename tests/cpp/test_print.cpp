// Tensor printing (printing.md): repr() must be byte-identical to PyTorch 2.x.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "ctorch/ctorch.h"

namespace {

using ctorch::PrintOptionsUpdate;
using ctorch::repr;
using ctorch::Tensor;

// Applies `update` for the scope, then restores the default options and default dtype, even
// when an expectation throws.
struct OptionsScope {
  explicit OptionsScope(const PrintOptionsUpdate& update = {}) { ctorch::set_printoptions(update); }
  ~OptionsScope() {
    ctorch::set_printoptions({.profile = "default"});
    ctorch::set_default_dtype(ctorch::kFloat32);
  }
  OptionsScope(const OptionsScope&) = delete;
  OptionsScope& operator=(const OptionsScope&) = delete;
};

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

Tensor f32(const std::vector<double>& v) { return ctorch::tensor(v, ctorch::kFloat32); }
Tensor f64(const std::vector<double>& v) { return ctorch::tensor(v, ctorch::kFloat64); }

TEST(Print, WorkedExamplesR4) {
  OptionsScope scope;
  EXPECT_EQ(repr(ctorch::tensor(7.0)), "tensor(7.)");
  EXPECT_EQ(repr(f32({1, 2, 3})), "tensor([1., 2., 3.])");
  EXPECT_EQ(repr(f32({-5, 10, 100})), "tensor([ -5.,  10., 100.])");
  EXPECT_EQ(repr(f32({1, 1000})), "tensor([   1., 1000.])");
  EXPECT_EQ(repr(f32({1, 1001})), "tensor([1.0000e+00, 1.0010e+03])");
  EXPECT_EQ(repr(f32({1e8, 1e6})), "tensor([100000000.,   1000000.])");
  EXPECT_EQ(repr(f32({2e8})), "tensor([2.0000e+08])");
  EXPECT_EQ(repr(f32({0.5, 499.5})), "tensor([  0.5000, 499.5000])");
  EXPECT_EQ(repr(f32({0.5, 500.5})), "tensor([5.0000e-01, 5.0050e+02])");
  EXPECT_EQ(repr(f32({0.0001})), "tensor([1.0000e-04])");
  EXPECT_EQ(repr(f64({0.0001})), "tensor([0.0001], dtype=torch.float64)");
  EXPECT_EQ(repr(f32({0.001, 1.0})), "tensor([0.0010, 1.0000])");
  EXPECT_EQ(repr(f64({0.001, 1.5})), "tensor([1.0000e-03, 1.5000e+00], dtype=torch.float64)");
  EXPECT_EQ(repr(f32({kNan, 1.5})), "tensor([   nan, 1.5000])");
  EXPECT_EQ(repr(f32({1, kInf})), "tensor([1., inf])");
  EXPECT_EQ(repr(f32({kInf, -kInf})), "tensor([inf, -inf])");
  EXPECT_EQ(repr(f32({kNan, 0})), "tensor([nan, 0.])");
  EXPECT_EQ(repr(f32({-0.0, 1})), "tensor([-0., 1.])");
  EXPECT_EQ(repr(f32({-0.0, 1.5})), "tensor([-0.0000, 1.5000])");
  EXPECT_EQ(repr(f32({1, kNan, 3})), "tensor([1., nan, 3.])");
  EXPECT_EQ(repr(f32({kNan, 1e-6, -kInf, 3})),
            "tensor([       nan, 1.0000e-06,       -inf, 3.0000e+00])");
  EXPECT_EQ(repr(f64({1e100, 1})),
            "tensor([1.0000e+100,  1.0000e+00], dtype=torch.float64)");
  EXPECT_EQ(repr(f32({kNan, kInf, -kInf, 0, 1.25, -0.0}).view({3, 2})),
            "tensor([[   nan,    inf],\n"
            "        [  -inf, 0.0000],\n"
            "        [1.2500, -0.0000]])");
}

TEST(Print, NumberTextR6) {
  OptionsScope scope;
  EXPECT_EQ(repr(f32({-1234.5678})), "tensor([-1234.5677])");
  EXPECT_EQ(repr(f32({99999.99})), "tensor([99999.9922])");
  EXPECT_EQ(repr(f32({1e-5})), "tensor([1.0000e-05])");
  EXPECT_EQ(repr(f32({1e28})), "tensor([1.0000e+28])");
  EXPECT_EQ(repr(f32({1.4e-45})), "tensor([1.4013e-45])");  // float32 denormal
  EXPECT_EQ(repr(f32({99999999})), "tensor([100000000.])");  // stored as 1e8
  EXPECT_EQ(repr(f32({12345678})), "tensor([12345678.])");
  // A NaN with its sign bit set still prints "nan".
  EXPECT_EQ(repr(f32({std::copysign(kNan, -1.0), 1.5})), "tensor([   nan, 1.5000])");
  EXPECT_EQ(repr(f32({-0.0, 1.5, 3.0})), "tensor([-0.0000, 1.5000, 3.0000])");
  {
    OptionsScope p2({.precision = 2});
    EXPECT_EQ(repr(f64({0.125, 0.375, 2.675})), "tensor([0.12, 0.38, 2.67], dtype=torch.float64)");
  }
  {
    OptionsScope p0({.precision = 0});
    EXPECT_EQ(repr(f32({0.5, 1.5, 2.5, 2.25})), "tensor([0, 2, 2, 2])");
    EXPECT_EQ(repr(f32({-0.0287, 1.5})), "tensor([-0,  2])");
    EXPECT_EQ(repr(f32({1e-5, 2})), "tensor([1e-05, 2e+00])");
  }
  {
    OptionsScope p1({.precision = 1});
    EXPECT_EQ(repr(f32({1, 2, 300})), "tensor([  1.,   2., 300.])");
  }
  {
    OptionsScope fixed({.sci_mode = false});
    EXPECT_EQ(repr(f32({-3e-6, 1.5})), "tensor([-0.0000,  1.5000])");
  }
}

TEST(Print, ZeroDimR7) {
  OptionsScope scope;
  EXPECT_EQ(repr(ctorch::tensor(3.14159265)), "tensor(3.1416)");
  EXPECT_EQ(repr(ctorch::tensor(-0.0)), "tensor(-0.)");
  EXPECT_EQ(repr(ctorch::tensor(kNan)), "tensor(nan)");
  EXPECT_EQ(repr(ctorch::tensor(1e-5)), "tensor(1.0000e-05)");
  EXPECT_EQ(repr(ctorch::tensor(1e8)), "tensor(100000000.)");
  EXPECT_EQ(repr(ctorch::tensor(true)), "tensor(True)");
  EXPECT_EQ(repr(ctorch::tensor(-128, ctorch::kInt8)), "tensor(-128, dtype=torch.int8)");
  EXPECT_EQ(repr(ctorch::tensor(std::numeric_limits<int64_t>::max())),
            "tensor(9223372036854775807)");
  EXPECT_EQ(repr(ctorch::tensor(1.5, ctorch::kFloat64)), "tensor(1.5000, dtype=torch.float64)");
  EXPECT_EQ(repr(ctorch::tensor(3.140625, ctorch::kBFloat16)),
            "tensor(3.1406, dtype=torch.bfloat16)");
  EXPECT_EQ(repr(ctorch::tensor(1e30, ctorch::kBFloat16)),
            "tensor(1.0003e+30, dtype=torch.bfloat16)");
}

TEST(Print, RowWrappingR8) {
  OptionsScope scope;
  EXPECT_EQ(repr(ctorch::arange(0, 1000, 36)),
            "tensor([  0,  36,  72, 108, 144, 180, 216, 252, 288, 324, 360, 396, 432, 468,\n"
            "        504, 540, 576, 612, 648, 684, 720, 756, 792, 828, 864, 900, 936, 972])");
  // W = 12, 5 per line; the " ..." counts as an item.
  std::vector<float> data(2000, 0.5f);
  const float shown[6] = {-96230.1172f, 77409.3203f, -45476.2773f,
                          -109894.9609f, -43455.7852f, 23727.0176f};
  for (int k = 0; k < 3; ++k) data[k] = shown[k], data[1997 + k] = shown[3 + k];
  EXPECT_EQ(repr(ctorch::from_blob(data.data(), {2000}, ctorch::kFloat32)),
            "tensor([ -96230.1172,   77409.3203,  -45476.2773,  ..., -109894.9609,\n"
            "         -43455.7852,   23727.0176])");
  // 12 values of width 7 at other linewidths.
  const Tensor t = f32(std::vector<double>(12, -1.5));
  {
    OptionsScope lw({.linewidth = 40});
    EXPECT_EQ(repr(t),
              "tensor([-1.5000, -1.5000, -1.5000,\n"
              "        -1.5000, -1.5000, -1.5000,\n"
              "        -1.5000, -1.5000, -1.5000,\n"
              "        -1.5000, -1.5000, -1.5000])");
  }
  {
    OptionsScope lw({.linewidth = 10});
    std::string expect = "tensor([-1.5000";
    for (int k = 1; k < 12; ++k) expect += ",\n        -1.5000";
    EXPECT_EQ(repr(t), expect + "])");
  }
  {
    OptionsScope lw({.linewidth = 120});
    std::string expect = "tensor([-1.5000";
    for (int k = 1; k < 12; ++k) expect += ", -1.5000";
    EXPECT_EQ(repr(t), expect + "])");
  }
}

TEST(Print, NdLayoutR9) {
  OptionsScope scope;
  EXPECT_EQ(repr(ctorch::arange(12).view({3, 4})),
            "tensor([[ 0,  1,  2,  3],\n"
            "        [ 4,  5,  6,  7],\n"
            "        [ 8,  9, 10, 11]])");
  EXPECT_EQ(repr(ctorch::arange(12).to(ctorch::kFloat32).view({2, 3, 2})),
            "tensor([[[ 0.,  1.],\n"
            "         [ 2.,  3.],\n"
            "         [ 4.,  5.]],\n"
            "\n"
            "        [[ 6.,  7.],\n"
            "         [ 8.,  9.],\n"
            "         [10., 11.]]])");
  EXPECT_EQ(repr(ctorch::arange(12, ctorch::kFloat64).view({2, 2, 1, 3})),
            "tensor([[[[ 0.,  1.,  2.]],\n"
            "\n"
            "         [[ 3.,  4.,  5.]]],\n"
            "\n"
            "\n"
            "        [[[ 6.,  7.,  8.]],\n"
            "\n"
            "         [[ 9., 10., 11.]]]], dtype=torch.float64)");
  // Rows of a 2-D tensor wrap with a 9-space continuation.
  const Tensor m = f32({-0.1321, -1.0092, -0.3373, -1.2577, -0.9526, 0.5148, -0.7362, 0.2991,
                        -0.0116, 0.7118, -0.7307, -0.1319, -1.1294, -1.6615, -2.9769, 0.1829,
                        0.0246, -0.1300})
                       .view({2, 9});
  EXPECT_EQ(repr(m),
            "tensor([[-0.1321, -1.0092, -0.3373, -1.2577, -0.9526,  0.5148, -0.7362,  0.2991,\n"
            "         -0.0116],\n"
            "        [ 0.7118, -0.7307, -0.1319, -1.1294, -1.6615, -2.9769,  0.1829,  0.0246,\n"
            "         -0.1300]])");
  // Views print through their strides.
  EXPECT_EQ(repr(ctorch::arange(6).view({2, 3}).t()),
            "tensor([[0, 3],\n"
            "        [1, 4],\n"
            "        [2, 5]])");
  EXPECT_EQ(repr(ctorch::arange(10).slice(0, 1, std::nullopt, 3)), "tensor([1, 4, 7])");
  EXPECT_EQ(repr(ctorch::tensor({1, 2}).expand({2, 2})),
            "tensor([[1, 2],\n"
            "        [1, 2]])");
}

TEST(Print, SummarizedLayout) {
  OptionsScope scope;
  // dim 0 of size 3 <= 6 is shown in full; the other dims are summarized. Zeros: W = 1, "0.".
  const Tensor big = ctorch::zeros({3, 1024, 1024});
  const std::string row = "[0., 0., 0.,  ..., 0., 0., 0.]";
  std::string block = "[" + row;
  for (int k = 0; k < 2; ++k) block += ",\n         " + row;
  block += ",\n         ...";
  for (int k = 0; k < 3; ++k) block += ",\n         " + row;
  block += "]";
  EXPECT_EQ(repr(big), "tensor([" + block + ",\n\n        " + block + ",\n\n        " + block + "])");

  // Every dim summarized (edgeitems 1): the "..." block sits between blank lines.
  OptionsScope opts({.threshold = 10, .edgeitems = 1});
  EXPECT_EQ(repr(ctorch::arange(64).view({4, 4, 4})),
            "tensor([[[ 0,  ...,  3],\n"
            "         ...,\n"
            "         [12,  ..., 15]],\n"
            "\n"
            "        ...,\n"
            "\n"
            "        [[48,  ..., 51],\n"
            "         ...,\n"
            "         [60,  ..., 63]]])");
}

TEST(Print, SummarizationR5) {
  OptionsScope scope;
  // 1000 elements print in full, 1001 are summarized.
  EXPECT_EQ(repr(ctorch::arange(1000)).find("..."), std::string::npos);
  EXPECT_EQ(repr(ctorch::arange(1001)), "tensor([   0,    1,    2,  ...,  998,  999, 1000])");
  // Hidden values never influence the formatter.
  std::vector<float> data(1006, 0.5f);
  for (int k = 0; k < 3; ++k) data[k] = static_cast<float>(k), data[1003 + k] = static_cast<float>(k);
  EXPECT_EQ(repr(ctorch::from_blob(data.data(), {1006}, ctorch::kFloat32)),
            "tensor([0., 1., 2.,  ..., 0., 1., 2.])");
  for (size_t k = 3; k < 1003; ++k) data[k] = 1e9f;
  EXPECT_EQ(repr(ctorch::from_blob(data.data(), {1006}, ctorch::kFloat32)),
            "tensor([0., 1., 2.,  ..., 0., 1., 2.])");
  {
    OptionsScope t0({.threshold = 0});  // every dim <= 2 * edgeitems: printed in full
    EXPECT_EQ(repr(f32({1, 2, 3})), "tensor([1., 2., 3.])");
  }
  {
    OptionsScope t5({.threshold = 5});
    EXPECT_EQ(repr(ctorch::arange(10)), "tensor([0, 1, 2,  ..., 7, 8, 9])");
  }
  {
    OptionsScope full({.profile = "full"});
    EXPECT_EQ(repr(ctorch::arange(1001)).find("..."), std::string::npos);
  }
}

TEST(Print, EmptyR10) {
  OptionsScope scope;
  EXPECT_EQ(repr(ctorch::zeros({0})), "tensor([])");
  EXPECT_EQ(repr(ctorch::zeros({0}, ctorch::kInt64)), "tensor([], dtype=torch.int64)");
  EXPECT_EQ(repr(ctorch::zeros({0}, ctorch::kBool)), "tensor([], dtype=torch.bool)");
  EXPECT_EQ(repr(ctorch::zeros({0, 3})), "tensor([], size=(0, 3))");
  EXPECT_EQ(repr(ctorch::zeros({3, 0}, ctorch::kInt64)), "tensor([], size=(3, 0), dtype=torch.int64)");
  EXPECT_EQ(repr(ctorch::zeros({2, 0, 4})), "tensor([], size=(2, 0, 4))");
  EXPECT_EQ(repr(ctorch::zeros({0, 3}, ctorch::kFloat16)),
            "tensor([], size=(0, 3), dtype=torch.float16)");
  EXPECT_EQ(repr(ctorch::zeros({0, 3}).requires_grad_()), "tensor([], size=(0, 3), requires_grad=True)");
}

TEST(Print, SuffixPlacementR11) {
  OptionsScope scope;
  EXPECT_EQ(repr(ctorch::arange(10, 20, ctorch::kFloat64)),
            "tensor([10., 11., 12., 13., 14., 15., 16., 17., 18., 19.], dtype=torch.float64)");
  EXPECT_EQ(repr(ctorch::arange(10, 21, ctorch::kFloat64)),
            "tensor([10., 11., 12., 13., 14., 15., 16., 17., 18., 19., 20.],\n"
            "       dtype=torch.float64)");
  Tensor g = f64({0.7615, 1.0074, -0.7634, -0.0737, -0.9966, -0.0234, -0.4130, 0.7356, 0.9866});
  g.requires_grad_();
  EXPECT_EQ(repr(g),
            "tensor([ 0.7615,  1.0074, -0.7634, -0.0737, -0.9966, -0.0234, -0.4130,  0.7356,\n"
            "         0.9866], dtype=torch.float64, requires_grad=True)");
  EXPECT_EQ(repr(f64({0.3174, 0.0673, 1.5791, -0.0368, -0.1394, -1.4506, 1.7163, -0.5192})),
            "tensor([ 0.3174,  0.0673,  1.5791, -0.0368, -0.1394, -1.4506,  1.7163, -0.5192],\n"
            "       dtype=torch.float64)");
  EXPECT_EQ(repr(f64({0.6183, 0.6430, 0.1890, -0.1297, 0.4094, 0.4779, 2.1952, -0.4196, 1.4568,
                      1.1209, -0.4339, -1.7712, -0.9790, -1.5954, 1.7067, -1.5849})
                     .view({2, 8})),
            "tensor([[ 0.6183,  0.6430,  0.1890, -0.1297,  0.4094,  0.4779,  2.1952, -0.4196],\n"
            "        [ 1.4568,  1.1209, -0.4339, -1.7712, -0.9790, -1.5954,  1.7067, -1.5849]],\n"
            "       dtype=torch.float64)");
  EXPECT_EQ(repr(f64({3, 2, 1})), "tensor([3., 2., 1.], dtype=torch.float64)");
  EXPECT_EQ(repr(f32({1, 2, 3}).to(ctorch::kFloat16)), "tensor([1., 2., 3.], dtype=torch.float16)");
  EXPECT_EQ(repr(ctorch::zeros({3}).requires_grad_()), "tensor([0., 0., 0.], requires_grad=True)");
  // operator<< writes the same text.
  std::ostringstream out;
  out << f64({3, 2, 1});
  EXPECT_EQ(out.str(), "tensor([3., 2., 1.], dtype=torch.float64)");
}

TEST(Print, DefaultDtypeFloat64) {
  OptionsScope scope;  // restores float32 as the default dtype
  ctorch::set_default_dtype(ctorch::kFloat64);
  EXPECT_EQ(repr(f64({1, 2})), "tensor([1., 2.])");
  EXPECT_EQ(repr(f32({1, 2})), "tensor([1., 2.], dtype=torch.float32)");
  EXPECT_EQ(repr(ctorch::zeros({0}, ctorch::kFloat32)), "tensor([], dtype=torch.float32)");
  EXPECT_EQ(repr(ctorch::zeros({0}, ctorch::kFloat64)), "tensor([])");
}

TEST(Print, IntegersAndBoolsR12) {
  OptionsScope scope;
  EXPECT_EQ(repr(ctorch::tensor({1, -2})), "tensor([ 1, -2])");
  EXPECT_EQ(repr(ctorch::tensor({true, false, true})), "tensor([ True, False,  True])");
  EXPECT_EQ(repr(ctorch::tensor({std::numeric_limits<int64_t>::max(),
                                 std::numeric_limits<int64_t>::min(), int64_t{0}})),
            "tensor([ 9223372036854775807, -9223372036854775808,                    0])");
  EXPECT_EQ(repr(ctorch::tensor({4, -30, -93, 106, -95, -75, 126}, ctorch::kInt8)),
            "tensor([  4, -30, -93, 106, -95, -75, 126], dtype=torch.int8)");
  EXPECT_EQ(repr(ctorch::tensor({105, 211, 208, 171, 92, 107, 5}, ctorch::kUInt8)),
            "tensor([105, 211, 208, 171,  92, 107,   5], dtype=torch.uint8)");
  EXPECT_EQ(repr(ctorch::tensor({1, 2}, ctorch::kInt16)), "tensor([1, 2], dtype=torch.int16)");
  EXPECT_EQ(repr(ctorch::tensor({1, 2}, ctorch::kInt32)), "tensor([1, 2], dtype=torch.int32)");
  std::vector<uint8_t> flags(1200, 0);  // bool storage: one byte, 0 or 1
  flags[1198] = flags[1199] = 1;
  EXPECT_EQ(repr(ctorch::from_blob(flags.data(), {1200}, ctorch::kBool)),
            "tensor([False, False, False,  ..., False,  True,  True])");
}

TEST(Print, SetPrintOptions) {
  OptionsScope scope;
  const ctorch::PrintOptions d = ctorch::get_printoptions();
  EXPECT_EQ(d.precision, 4);
  EXPECT_EQ(d.threshold, 1000);
  EXPECT_EQ(d.edgeitems, 3);
  EXPECT_EQ(d.linewidth, 80);
  EXPECT_FALSE(d.sci_mode.has_value());

  ctorch::set_printoptions({.profile = "short"});
  auto o = ctorch::get_printoptions();
  EXPECT_EQ(o.precision, 2);
  EXPECT_EQ(o.edgeitems, 2);
  EXPECT_EQ(repr(f32({1.125, 2.5})), "tensor([1.12, 2.50])");
  EXPECT_EQ(repr(ctorch::arange(1001)), "tensor([   0,    1,  ...,  999, 1000])");

  // The profile applies first, then the given fields.
  ctorch::set_printoptions({.precision = 6, .profile = "full"});
  o = ctorch::get_printoptions();
  EXPECT_EQ(o.precision, 6);
  EXPECT_EQ(o.threshold, std::numeric_limits<double>::infinity());
  EXPECT_EQ(o.edgeitems, 3);

  // Fields not given keep their value; sci_mode is always assigned.
  ctorch::set_printoptions({.sci_mode = true});
  o = ctorch::get_printoptions();
  EXPECT_EQ(o.precision, 6);
  EXPECT_EQ(o.sci_mode, std::optional<bool>(true));
  ctorch::set_printoptions({.precision = 3});
  o = ctorch::get_printoptions();
  EXPECT_EQ(o.precision, 3);
  EXPECT_FALSE(o.sci_mode.has_value());

  ctorch::set_printoptions({.profile = "default"});
  o = ctorch::get_printoptions();
  EXPECT_EQ(o.precision, 4);
  EXPECT_EQ(o.threshold, 1000);
}

TEST(Print, ForcedSciMode2x) {
  OptionsScope scope;
  {
    OptionsScope sci({.sci_mode = true});
    // 2.x: the width is measured in the forced notation (R14.1).
    EXPECT_EQ(repr(f32({1.5, -2.5})), "tensor([ 1.5000e+00, -2.5000e+00])");
    EXPECT_EQ(repr(f32({1, 2, 300})), "tensor([1.0000e+00, 2.0000e+00, 3.0000e+02])");
    EXPECT_EQ(repr(ctorch::zeros({3})), "tensor([0., 0., 0.])");  // S empty: no override
    EXPECT_EQ(repr(ctorch::tensor({1, 2})), "tensor([1, 2])");   // integers ignore it
  }
  {
    OptionsScope fixed({.sci_mode = false});
    EXPECT_EQ(repr(f32({1e-5, 1})), "tensor([0.0000, 1.0000])");
    EXPECT_EQ(repr(ctorch::tensor(1e-5)), "tensor(0.0000)");
    EXPECT_EQ(repr(f32({1, 1e10})), "tensor([          1., 10000000000.])");
  }
}

TEST(Print, EdgeItemsZero2x) {
  OptionsScope scope({.threshold = 5, .edgeitems = 0});
  EXPECT_EQ(repr(ctorch::arange(10)), "tensor([...], size=(10,))");
  EXPECT_EQ(repr(ctorch::arange(12).view({3, 4})), "tensor([...], size=(3, 4))");
  EXPECT_EQ(repr(ctorch::tensor({1, 2})), "tensor([1, 2], size=(2,))");
  EXPECT_EQ(repr(ctorch::tensor(7.0)), "tensor(7., size=())");
  EXPECT_EQ(repr(ctorch::arange(10, ctorch::kFloat64)),
            "tensor([...], size=(10,), dtype=torch.float64)");
  EXPECT_EQ(repr(ctorch::zeros({0, 2})), "tensor([], size=(0, 2))");  // empty: one size suffix
}

}  // namespace
