// Tests for dtypes: sizes and predicates (R1.1), promotion (R3.1), can_cast (R9.1),
// result_type categories (R4), the default dtype (R1.2), names and printing, float16/bfloat16
// rounding, and element conversions (R8.1-R8.5).
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

namespace {

const std::vector<ScalarType> kAll = {kBool,    kUInt8,    kInt8,    kInt16,  kInt32,
                                      kInt64,   kFloat16,  kBFloat16, kFloat32, kFloat64};

// Restores the default dtype even when a test fails halfway.
struct DefaultDtypeGuard {
  ScalarType saved = get_default_dtype();
  ~DefaultDtypeGuard() { set_default_dtype(saved); }
};

}  // namespace

// ---- R1.1 ------------------------------------------------------------------------------------

TEST(Dtype, Count) { EXPECT_EQ(kNumDtypes, 10); }

TEST(Dtype, ElementSizes) {
  const std::vector<size_t> expected = {1, 1, 1, 2, 4, 8, 2, 2, 4, 8};
  for (size_t i = 0; i < kAll.size(); ++i) EXPECT_EQ(element_size(kAll[i]), expected[i]) << kAll[i];
  // Matches the C++ element type of each dtype.
  EXPECT_EQ(element_size(dtype_of_v<double>), sizeof(double));
  EXPECT_EQ(element_size(dtype_of_v<Half>), sizeof(Half));
}

TEST(Dtype, Predicates) {
  //                          b      u8     i8    i16   i32   i64   f16   bf16  f32   f64
  const std::vector<bool> fl = {false, false, false, false, false, false, true, true, true, true};
  const std::vector<bool> sg = {false, false, true, true, true, true, true, true, true, true};
  const std::vector<bool> in = {false, true, true, true, true, true, false, false, false, false};
  for (size_t i = 0; i < kAll.size(); ++i) {
    SCOPED_TRACE(dtype_name(kAll[i]));
    EXPECT_EQ(is_floating_point(kAll[i]), fl[i]);
    EXPECT_EQ(is_signed(kAll[i]), sg[i]);
    EXPECT_EQ(is_integral(kAll[i], /*include_bool=*/false), in[i]);
    EXPECT_EQ(is_integral(kAll[i], /*include_bool=*/true), in[i] || kAll[i] == kBool);
  }
}

TEST(Dtype, Aliases) {
  EXPECT_EQ(kFloat, kFloat32);
  EXPECT_EQ(kDouble, kFloat64);
  EXPECT_EQ(kHalf, kFloat16);
  EXPECT_EQ(kLong, kInt64);
  EXPECT_EQ(kInt, kInt32);
  EXPECT_EQ(kShort, kInt16);
  EXPECT_EQ(kChar, kInt8);
  EXPECT_EQ(kByte, kUInt8);
  EXPECT_EQ(dtype_of_v<int64_t>, kInt64);
  EXPECT_EQ(dtype_of_v<bool>, kBool);
  EXPECT_EQ(dtype_of_v<BFloat16>, kBFloat16);
}

// ---- names and printing (R1.1, R17.1, R13.8) ---------------------------------------------------

TEST(Dtype, Names) {
  const std::vector<std::string> py = {"bool",    "uint8",   "int8",     "int16",   "int32",
                                       "int64",   "float16", "bfloat16", "float32", "float64"};
  const std::vector<std::string> legacy = {"Bool", "Byte", "Char",     "Short", "Int",
                                           "Long", "Half", "BFloat16", "Float", "Double"};
  for (size_t i = 0; i < kAll.size(); ++i) {
    EXPECT_EQ(dtype_name(kAll[i]), py[i]);
    EXPECT_EQ(legacy_name(kAll[i]), legacy[i]);
    EXPECT_EQ(to_string(kAll[i]), "torch." + py[i]);
    std::ostringstream out;
    out << kAll[i];
    EXPECT_EQ(out.str(), "torch." + py[i]);
    EXPECT_EQ(dtype_from_name(py[i]), kAll[i]);
  }
}

TEST(Dtype, CppTypeNames) {
  // R2.5 / R17.1: the spellings used in checked-conversion messages.
  EXPECT_EQ(cpp_type_name(kUInt8), "uint8_t");
  EXPECT_EQ(cpp_type_name(kInt8), "int8_t");
  EXPECT_EQ(cpp_type_name(kInt16), "int16_t");
  EXPECT_EQ(cpp_type_name(kInt32), "int");
  EXPECT_EQ(cpp_type_name(kInt64), "int64_t");
  EXPECT_EQ(cpp_type_name(kFloat32), "float");
  EXPECT_EQ(cpp_type_name(kFloat64), "double");
  EXPECT_EQ(cpp_type_name(kFloat16), "at::Half");
  EXPECT_EQ(cpp_type_name(kBFloat16), "at::BFloat16");
  EXPECT_EQ(cpp_type_name(kBool), "bool");
}

TEST(Dtype, TensorTypeNames) {
  // R13.8
  EXPECT_EQ(tensor_type_name(kUInt8), "torch.ByteTensor");
  EXPECT_EQ(tensor_type_name(kInt8), "torch.CharTensor");
  EXPECT_EQ(tensor_type_name(kInt16), "torch.ShortTensor");
  EXPECT_EQ(tensor_type_name(kInt32), "torch.IntTensor");
  EXPECT_EQ(tensor_type_name(kInt64), "torch.LongTensor");
  EXPECT_EQ(tensor_type_name(kFloat16), "torch.HalfTensor");
  EXPECT_EQ(tensor_type_name(kFloat32), "torch.FloatTensor");
  EXPECT_EQ(tensor_type_name(kFloat64), "torch.DoubleTensor");
  EXPECT_EQ(tensor_type_name(kBool), "CPUBoolType");
  EXPECT_EQ(tensor_type_name(kBFloat16), "CPUBFloat16Type");
}

TEST(Dtype, NameAliasesAndUnknown) {
  // torch.float, torch.double, torch.half, torch.long, torch.int, torch.short
  EXPECT_EQ(dtype_from_name("float"), kFloat32);
  EXPECT_EQ(dtype_from_name("double"), kFloat64);
  EXPECT_EQ(dtype_from_name("half"), kFloat16);
  EXPECT_EQ(dtype_from_name("long"), kInt64);
  EXPECT_EQ(dtype_from_name("int"), kInt32);
  EXPECT_EQ(dtype_from_name("short"), kInt16);
  EXPECT_EQ(dtype_from_name("float128"), std::nullopt);
  EXPECT_EQ(dtype_from_name(""), std::nullopt);
}

// ---- R3.1 promotion table ------------------------------------------------------------------

TEST(Dtype, PromoteTypesFullTable) {
  for (size_t i = 0; i < 10; ++i) {
    for (size_t j = 0; j < 10; ++j) {
      EXPECT_EQ(promote_types(kSpecDtypes[i], kSpecDtypes[j]), spec_promotion(i, j))
          << kSpecDtypes[i] << " with " << kSpecDtypes[j];
    }
  }
}

TEST(Dtype, PromoteTypesCommonMistakes) {
  EXPECT_EQ(promote_types(kUInt8, kInt8), kInt16);
  EXPECT_EQ(promote_types(kInt64, kFloat16), kFloat16);
  EXPECT_EQ(promote_types(kFloat16, kBFloat16), kFloat32);
  EXPECT_EQ(promote_types(kBool, kBool), kBool);
}

// ---- R9.1 can_cast -------------------------------------------------------------------------

TEST(Dtype, CanCastFollowsRule) {
  for (ScalarType from : kAll) {
    for (ScalarType to : kAll) {
      const bool from_float = is_floating_point(from);
      const bool to_integral = is_integral(to, /*include_bool=*/true);
      const bool expected = !((from_float && to_integral) || (from != kBool && to == kBool));
      EXPECT_EQ(can_cast(from, to), expected) << from << " -> " << to;
    }
  }
}

TEST(Dtype, CanCastExamples) {
  EXPECT_TRUE(can_cast(kInt64, kInt32));     // narrowing within a kind is allowed
  EXPECT_TRUE(can_cast(kFloat64, kFloat16));
  EXPECT_TRUE(can_cast(kInt64, kFloat16));
  EXPECT_TRUE(can_cast(kBool, kUInt8));
  EXPECT_FALSE(can_cast(kFloat32, kInt64));
  EXPECT_FALSE(can_cast(kFloat16, kBool));
  EXPECT_FALSE(can_cast(kUInt8, kBool));
  EXPECT_TRUE(can_cast(kBool, kBool));
}

// ---- R4 result_type ------------------------------------------------------------------------

namespace {
Tensor T(ScalarType t) { return zeros({2}, t); }                 // dimensioned
Tensor Z(ScalarType t) { return tensor(1, TensorOptions(t)); }  // zero-dim
}  // namespace

TEST(ResultType, R43Examples) {
  EXPECT_EQ(result_type({T(kInt64), 2.5}), kFloat32);
  EXPECT_EQ(result_type({T(kUInt8), Z(kInt64)}), kUInt8);
  EXPECT_EQ(result_type({T(kInt32), T(kInt64)}), kInt64);
  EXPECT_EQ(result_type({T(kFloat16), Z(kFloat64)}), kFloat16);
  EXPECT_EQ(result_type({T(kInt32), Z(kFloat64)}), kFloat64);
  EXPECT_EQ(result_type({T(kInt64), Z(kFloat16)}), kFloat16);
  EXPECT_EQ(result_type({T(kBool), true}), kBool);
  EXPECT_EQ(result_type({T(kBool), 1}), kInt64);
  EXPECT_EQ(result_type({T(kBool), Z(kUInt8)}), kUInt8);
  EXPECT_EQ(result_type({T(kInt8), Z(kUInt8)}), kInt8);
  EXPECT_EQ(result_type({Z(kUInt8), Z(kInt8)}), kInt16);
  EXPECT_EQ(result_type({Z(kInt32), 2.5}), kFloat32);
  EXPECT_EQ(result_type({Z(kBFloat16), Z(kFloat16)}), kFloat32);
  EXPECT_EQ(result_type({zeros({1}, kInt32), Z(kInt64)}), kInt32);  // shape [1] is dimensioned
  EXPECT_EQ(result_type({zeros({0}, kInt32), Z(kInt64)}), kInt32);  // shape [0] is dimensioned
  EXPECT_EQ(result_type({2, 2.5}), kFloat32);
}

TEST(ResultType, TwoArgumentForm) {
  Tensor a = T(kInt32);
  EXPECT_EQ(result_type(a, 2.5), kFloat32);
  EXPECT_EQ(result_type(a, Scalar(int64_t{1} << 40)), kInt32);  // int scalar never widens ints
  EXPECT_EQ(result_type(Scalar(true), Scalar(false)), kBool);
  EXPECT_EQ(result_type(Scalar(3), Scalar(true)), kInt64);
}

TEST(ResultType, ScalarFloatFollowsDefaultDtype) {
  DefaultDtypeGuard guard;
  set_default_dtype(kFloat64);
  EXPECT_EQ(result_type({T(kInt64), 2.5}), kFloat64);
  EXPECT_EQ(result_type({T(kFloat32), 2.5}), kFloat32);  // same kind: dimensioned wins
}

TEST(ResultType, TensorList) {
  EXPECT_EQ(result_type(std::vector<Tensor>{T(kInt32), T(kFloat16)}), kFloat16);
  EXPECT_EQ(result_type(std::vector<Tensor>{T(kUInt8), Z(kInt64)}), kUInt8);
  EXPECT_EQ(result_type(std::vector<Tensor>{T(kBool), T(kUInt8)}), kUInt8);
}

TEST(Scalar, DtypeOfPythonNumbers) {
  EXPECT_EQ(Scalar(true).dtype(), kBool);
  EXPECT_EQ(Scalar(7).dtype(), kInt64);
  EXPECT_EQ(Scalar(2.5).dtype(), kFloat32);
  EXPECT_EQ(Scalar(2.5f).type_name(), std::string("float"));
  EXPECT_EQ(Scalar(int8_t{3}).type_name(), std::string("int"));
  EXPECT_EQ(Scalar(false).type_name(), std::string("bool"));
}

// ---- R1.2 default dtype ----------------------------------------------------------------------

TEST(DefaultDtype, IsFloat32AndCanChange) {
  DefaultDtypeGuard guard;
  EXPECT_EQ(get_default_dtype(), kFloat32);
  set_default_dtype(kFloat64);
  EXPECT_EQ(get_default_dtype(), kFloat64);
  EXPECT_EQ(zeros({2}).dtype(), kFloat64);
  EXPECT_EQ(tensor({1.5, 2.0}).dtype(), kFloat64);
  EXPECT_EQ(arange(0.0, 1.0, 0.5).dtype(), kFloat64);
  EXPECT_EQ(full({1}, 2.5).dtype(), kFloat64);
  EXPECT_EQ(Scalar(2.5).dtype(), kFloat64);
  set_default_dtype(kFloat32);
  EXPECT_EQ(get_default_dtype(), kFloat32);
  EXPECT_EQ(zeros({2}).dtype(), kFloat32);
}

TEST(DefaultDtype, RejectsNonFloat) {
  DefaultDtypeGuard guard;
  for (ScalarType t : {kInt64, kBool, kUInt8, kInt32}) {
    EXPECT_CTORCH_ERROR(Type, "only floating-point types are supported as the default type",
                        set_default_dtype(t));
    EXPECT_EQ(get_default_dtype(), kFloat32);  // unchanged by the failed call
  }
}

// ---- float16 / bfloat16 ----------------------------------------------------------------------

namespace {
uint16_t hbits(float f) { return Half(f).bits; }
uint16_t bbits(float f) { return BFloat16(f).bits; }
float from_hbits(uint16_t b) { return static_cast<float>(Half(b, detail::FromBits{})); }
}  // namespace

TEST(Half, ExactValues) {
  EXPECT_EQ(hbits(0.0f), 0x0000);
  EXPECT_EQ(hbits(-0.0f), 0x8000);
  EXPECT_EQ(hbits(1.0f), 0x3c00);
  EXPECT_EQ(hbits(-2.0f), 0xc000);
  EXPECT_EQ(hbits(65504.0f), 0x7bff);  // max finite
  EXPECT_EQ(hbits(std::ldexp(1.0f, -14)), 0x0400);  // min normal
  EXPECT_EQ(from_hbits(0x3555), 0.333251953125f);
  EXPECT_EQ(static_cast<float>(Half(1.5f)), 1.5f);
}

TEST(Half, RoundsToNearestEven) {
  const float ulp = std::ldexp(1.0f, -10);  // spacing of halves in [1, 2)
  EXPECT_EQ(static_cast<float>(Half(1.0f + ulp / 2)), 1.0f);            // tie -> even (down)
  EXPECT_EQ(static_cast<float>(Half(1.0f + 3 * ulp / 2)), 1.0f + 2 * ulp);  // tie -> even (up)
  EXPECT_EQ(static_cast<float>(Half(1.0f + ulp / 2 + ulp / 16)), 1.0f + ulp);  // above tie
  EXPECT_EQ(static_cast<float>(Half(1.0f + ulp / 2 - ulp / 16)), 1.0f);        // below tie
  EXPECT_EQ(static_cast<float>(Half(-1.0f - 3 * ulp / 2)), -1.0f - 2 * ulp);
}

TEST(Half, OverflowToInfinity) {
  EXPECT_EQ(static_cast<float>(Half(65519.0f)), 65504.0f);
  EXPECT_EQ(static_cast<float>(Half(65519.996f)), 65504.0f);
  EXPECT_EQ(hbits(65520.0f), 0x7c00);  // the tie between 65504 and 2^16 rounds to inf
  EXPECT_EQ(hbits(-65520.0f), 0xfc00);
  EXPECT_EQ(hbits(1e10f), 0x7c00);
  EXPECT_EQ(hbits(std::numeric_limits<float>::infinity()), 0x7c00);
  EXPECT_TRUE(std::isinf(static_cast<float>(Half(70000.0f))));
}

TEST(Half, Subnormals) {
  const float tiny = std::ldexp(1.0f, -24);  // smallest subnormal half
  EXPECT_EQ(hbits(tiny), 0x0001);
  EXPECT_EQ(from_hbits(0x0001), tiny);
  EXPECT_EQ(from_hbits(0x03ff), 1023 * tiny);  // largest subnormal
  EXPECT_EQ(hbits(1023 * tiny), 0x03ff);
  EXPECT_EQ(hbits(tiny / 2), 0x0000);          // tie -> even (zero)
  EXPECT_EQ(hbits(3 * tiny / 2), 0x0002);      // tie -> even (2)
  EXPECT_EQ(hbits(5 * tiny / 2), 0x0002);      // tie -> even (2)
  EXPECT_EQ(hbits(tiny / 2 + tiny / 8), 0x0001);
  EXPECT_EQ(hbits(-tiny), 0x8001);
  EXPECT_EQ(hbits(std::ldexp(1.0f, -30)), 0x0000);
  EXPECT_EQ(hbits(-std::ldexp(1.0f, -30)), 0x8000);  // underflow keeps the sign
}

TEST(Half, NaN) {
  Half h(std::numeric_limits<float>::quiet_NaN());
  EXPECT_EQ(h.bits & 0x7c00, 0x7c00);
  EXPECT_NE(h.bits & 0x03ff, 0);
  EXPECT_TRUE(std::isnan(static_cast<float>(h)));
  EXPECT_TRUE(std::isnan(from_hbits(0x7e00)));
  EXPECT_TRUE(std::isinf(from_hbits(0x7c00)));
}

TEST(Half, RoundTripAllFinite) {
  for (uint32_t b = 0; b < 0x10000; ++b) {
    const uint16_t bits = static_cast<uint16_t>(b);
    if ((bits & 0x7c00) == 0x7c00) continue;  // inf/NaN
    ASSERT_EQ(hbits(from_hbits(bits)), bits);
  }
}

TEST(BFloat16, RoundingAndSpecials) {
  const float ulp = std::ldexp(1.0f, -7);
  EXPECT_EQ(bbits(1.0f), 0x3f80);
  EXPECT_EQ(static_cast<float>(BFloat16(1.0f + ulp / 2)), 1.0f);              // tie -> even
  EXPECT_EQ(static_cast<float>(BFloat16(1.0f + 3 * ulp / 2)), 1.0f + 2 * ulp);  // tie -> even
  EXPECT_EQ(static_cast<float>(BFloat16(1.0f + ulp / 2 + ulp / 64)), 1.0f + ulp);
  EXPECT_EQ(bbits(std::numeric_limits<float>::max()), 0x7f80);  // rounds up to inf
  EXPECT_EQ(bbits(-std::numeric_limits<float>::infinity()), 0xff80);
  EXPECT_TRUE(std::isnan(static_cast<float>(BFloat16(std::numeric_limits<float>::quiet_NaN()))));
  EXPECT_EQ(bbits(std::numeric_limits<float>::denorm_min()), 0x0000);
  EXPECT_EQ(static_cast<float>(BFloat16(3.0e38f)), static_cast<float>(3.00405527047391e+38));  // torch 1.13
}

// ---- R8 element conversions --------------------------------------------------------------------

TEST(Convert, R81FloatToIntegerTruncatesAndToBool) {
  EXPECT_EQ(convert<int64_t>(2.7), 2);
  EXPECT_EQ(convert<int64_t>(-2.7), -2);
  EXPECT_EQ(convert<int32_t>(2.999f), 2);
  EXPECT_EQ(convert<int8_t>(-0.9), 0);
  EXPECT_TRUE(convert<bool>(std::nan("")));
  EXPECT_FALSE(convert<bool>(-0.0));
  EXPECT_TRUE(convert<bool>(0.5));
  EXPECT_TRUE(convert<bool>(Half(0.5f)));
  EXPECT_EQ(convert<double>(true), 1.0);
  EXPECT_EQ(convert<int64_t>(false), 0);
}

TEST(Convert, R82IntegerNarrowingKeepsLowBits) {
  const std::vector<int64_t> in = {256, -1, 300, -129};
  const std::vector<int> u8 = {0, 255, 44, 127};
  for (size_t i = 0; i < in.size(); ++i) EXPECT_EQ(convert<uint8_t>(in[i]), u8[i]) << in[i];
  const std::vector<int64_t> in2 = {128, 255, -129, 300};
  const std::vector<int> i8 = {-128, -1, 127, 44};
  for (size_t i = 0; i < in2.size(); ++i) EXPECT_EQ(convert<int8_t>(in2[i]), i8[i]) << in2[i];
  EXPECT_EQ(convert<int16_t>(int64_t{70000}), 4464);
  EXPECT_EQ(convert<int32_t>(int64_t{1} << 40 | 5), 5);
  EXPECT_TRUE(convert<bool>(int64_t{256}));
  EXPECT_FALSE(convert<bool>(uint8_t{0}));
}

TEST(Convert, R83IntegerToFloatRoundsToNearestEven) {
  EXPECT_EQ(convert<float>(int64_t{(1 << 24) + 1}), 16777216.0f);
  EXPECT_EQ(convert<float>(int64_t{(1 << 24) + 3}), 16777220.0f);
  EXPECT_EQ(static_cast<float>(convert<Half>(int64_t{2049})), 2048.0f);
  EXPECT_EQ(static_cast<float>(convert<Half>(int64_t{2051})), 2052.0f);
  EXPECT_EQ(static_cast<float>(convert<Half>(int64_t{65519})), 65504.0f);
  EXPECT_TRUE(std::isinf(static_cast<float>(convert<Half>(int64_t{65520}))));
  EXPECT_EQ(static_cast<float>(convert<BFloat16>(int64_t{257})), 256.0f);
}

TEST(Convert, R84FloatNarrowingAndDoubleRounding) {
  EXPECT_EQ(convert<float>(0.1), 0.1f);
  EXPECT_TRUE(std::isinf(convert<float>(1e300)));
  EXPECT_EQ(convert<float>(1e-50), 0.0f);
  EXPECT_TRUE(std::signbit(convert<float>(-1e-50)));
  // float64 -> float16 goes through float32: 1 + 2^-11 + 2^-40 first rounds to 1 + 2^-11 (a
  // float16 tie), which then rounds to even (1.0). Direct rounding would give 1 + 2^-10.
  const double x = 1.0 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40);
  EXPECT_EQ(static_cast<float>(convert<Half>(x)), 1.0f);
  const double y = 1.0 + std::ldexp(1.0, -8) + std::ldexp(1.0, -40);
  EXPECT_EQ(static_cast<float>(convert<BFloat16>(y)), 1.0f);
  EXPECT_TRUE(std::isinf(static_cast<float>(convert<Half>(65520.0))));
  EXPECT_EQ(static_cast<float>(convert<Half>(65519.0)), 65504.0f);
  EXPECT_EQ(static_cast<float>(convert<Half>(std::ldexp(1.0, -24))), std::ldexp(1.0f, -24));
  EXPECT_EQ(static_cast<double>(convert<float>(Half(0.1f))), 0.0999755859375);
}

TEST(Convert, R85OutOfRangeFloatToIntegerX86) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const int64_t i64min = std::numeric_limits<int64_t>::min();
  const int32_t i32min = std::numeric_limits<int32_t>::min();
  EXPECT_EQ(convert<uint8_t>(-2.7), 254);
  EXPECT_EQ(convert<uint8_t>(300.0), 44);
  EXPECT_EQ(convert<uint8_t>(-300.0), 212);
  EXPECT_EQ(convert<int64_t>(nan), i64min);
  EXPECT_EQ(convert<int64_t>(inf), i64min);
  EXPECT_EQ(convert<int64_t>(-inf), i64min);
  EXPECT_EQ(convert<int64_t>(1e19), i64min);
  EXPECT_EQ(convert<int32_t>(3e9), i32min);
  EXPECT_EQ(convert<int32_t>(nan), i32min);
  EXPECT_EQ(convert<int16_t>(70000.0), 4464);
  EXPECT_EQ(convert<int16_t>(1e10), 0);  // low bits of INT32_MIN
  EXPECT_EQ(convert<int8_t>(300.0), 44);
  EXPECT_EQ(convert<int8_t>(nan), 0);
  EXPECT_EQ(convert<uint8_t>(std::ldexp(1.0, 32) + 257), 1);
  EXPECT_EQ(convert<uint8_t>(nan), 0);  // low byte of INT64_MIN
  EXPECT_EQ(convert<int32_t>(2147483647.9), 2147483647);
  EXPECT_EQ(convert<int32_t>(-2147483648.9), i32min);
  EXPECT_EQ(convert<uint8_t>(300.0f), 44);
  EXPECT_EQ(convert<int64_t>(Half(std::numeric_limits<float>::infinity())), i64min);
}

TEST(Convert, ScalarToUsesPlainConversion) {
  EXPECT_EQ(Scalar(2.5).to<int32_t>(), 2);
  EXPECT_EQ(Scalar(1000).to<uint8_t>(), 232);  // wraps (R5.2)
  EXPECT_EQ(Scalar(-1).to<uint8_t>(), 255);
  EXPECT_EQ(Scalar(true).to<double>(), 1.0);
  EXPECT_EQ(Scalar(0.1).to<float>(), 0.1f);
}

// Conversions through tensors use the same rules (to(dtype) applies R8 elementwise).
TEST(Convert, TensorToDtypeAppliesR8) {
  Tensor f = tensor({2.7, -2.7, 300.0, -300.0}, kFloat64);
  EXPECT_EQ(ctorch_test::values<uint8_t>(f.to(kUInt8)), (std::vector<uint8_t>{2, 254, 44, 212}));
  EXPECT_EQ(ctorch_test::values<int64_t>(f.to(kInt64)), (std::vector<int64_t>{2, -2, 300, -300}));
  Tensor big = tensor({70000.0, 1e10}, kFloat64);
  EXPECT_EQ(ctorch_test::values<int16_t>(big.to(kInt16)), (std::vector<int16_t>{4464, 0}));
  Tensor i = tensor({256, -1, 300, -129});
  EXPECT_EQ(ctorch_test::values<uint8_t>(i.to(kUInt8)), (std::vector<uint8_t>{0, 255, 44, 127}));
  EXPECT_EQ(doubles(tensor({2049, 65519, 65520}).to(kFloat16)),
            (std::vector<double>{2048, 65504, std::numeric_limits<double>::infinity()}));
}
