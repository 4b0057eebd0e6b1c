// ctorch/dtype.h: the ten dtypes, their properties and PyTorch's promotion rules.
//
//   ctorch::promote_types(ctorch::kUInt8, ctorch::kInt8)   // kInt16 (semantics.md R3.1)
//   std::cout << ctorch::kFloat32;                         // torch.float32
//
// CTORCH_FORALL_DTYPES is the one list of dtypes: the enum, the names, the element sizes, the
// C++ type mapping and the dispatch switch (dispatch.h) are all generated from it, so adding a
// dtype touches this list and the promotion table in dtype.cpp.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "ctorch/half.h"

namespace ctorch {

// _(C++ type, enum name, python name, legacy name, C++ spelling in checked-conversion messages,
//   caffe2::TypeMeta name in dtype-mismatch messages)
#define CTORCH_FORALL_DTYPES(_)                                                     \
  _(bool, Bool, bool, Bool, bool, "bool")                                           \
  _(uint8_t, UInt8, uint8, Byte, uint8_t, "unsigned char")                          \
  _(int8_t, Int8, int8, Char, int8_t, "signed char")                                \
  _(int16_t, Int16, int16, Short, int16_t, "short int")                             \
  _(int32_t, Int32, int32, Int, int, "int")                                         \
  _(int64_t, Int64, int64, Long, int64_t, "long int")                               \
  _(::ctorch::Half, Float16, float16, Half, at::Half, "c10::Half")                  \
  _(::ctorch::BFloat16, BFloat16, bfloat16, BFloat16, at::BFloat16, "c10::BFloat16") \
  _(float, Float32, float32, Float, float, "float")                                 \
  _(double, Float64, float64, Double, double, "double")

enum class ScalarType : int8_t {
#define CTORCH_ENUM_ENTRY(cpp, name, ...) name,
  CTORCH_FORALL_DTYPES(CTORCH_ENUM_ENTRY)
#undef CTORCH_ENUM_ENTRY
};
using Dtype = ScalarType;

#define CTORCH_COUNT_DTYPE(...) +1
inline constexpr int kNumDtypes = 0 CTORCH_FORALL_DTYPES(CTORCH_COUNT_DTYPE);
#undef CTORCH_COUNT_DTYPE

// PyTorch's spellings, aliases included (torch.float == torch.float32, ...).
inline constexpr ScalarType kBool = ScalarType::Bool;
inline constexpr ScalarType kUInt8 = ScalarType::UInt8, kByte = kUInt8;
inline constexpr ScalarType kInt8 = ScalarType::Int8, kChar = kInt8;
inline constexpr ScalarType kInt16 = ScalarType::Int16, kShort = kInt16;
inline constexpr ScalarType kInt32 = ScalarType::Int32, kInt = kInt32;
inline constexpr ScalarType kInt64 = ScalarType::Int64, kLong = kInt64;
inline constexpr ScalarType kFloat16 = ScalarType::Float16, kHalf = kFloat16;
inline constexpr ScalarType kBFloat16 = ScalarType::BFloat16;
inline constexpr ScalarType kFloat32 = ScalarType::Float32, kFloat = kFloat32;
inline constexpr ScalarType kFloat64 = ScalarType::Float64, kDouble = kFloat64;

// The C++ element type of each dtype, and back.
template <typename T>
struct dtype_of;
#define CTORCH_DTYPE_OF(cpp, name, ...) \
  template <>                           \
  struct dtype_of<cpp> {                \
    static constexpr ScalarType value = ScalarType::name; \
  };
CTORCH_FORALL_DTYPES(CTORCH_DTYPE_OF)
#undef CTORCH_DTYPE_OF
template <typename T>
inline constexpr ScalarType dtype_of_v = dtype_of<T>::value;

// Bytes per element (inline: every op asks).
namespace detail {
inline constexpr size_t kElementSizes[] = {
#define CTORCH_SIZE_ENTRY(cpp, ...) sizeof(cpp),
    CTORCH_FORALL_DTYPES(CTORCH_SIZE_ENTRY)
#undef CTORCH_SIZE_ENTRY
};
}  // namespace detail
inline constexpr size_t element_size(ScalarType t) { return detail::kElementSizes[static_cast<size_t>(t)]; }
// float16, bfloat16, float32, float64 (inline: asked on every op's path)
inline constexpr bool is_floating_point(ScalarType t) {
  return t == ScalarType::Float16 || t == ScalarType::BFloat16 || t == ScalarType::Float32 ||
         t == ScalarType::Float64;
}
inline constexpr bool is_integral(ScalarType t, bool include_bool) {
  return t == ScalarType::Bool ? include_bool : !is_floating_point(t);
}
bool is_signed(ScalarType t);
std::string_view dtype_name(ScalarType t);    // "float32"
std::string_view legacy_name(ScalarType t);   // "Float" (used inside error messages)
std::string_view cpp_type_name(ScalarType t); // "float", "int64_t", "at::Half"
std::string_view type_meta_name(ScalarType t); // "float", "long int", "c10::Half"
std::string_view tensor_type_name(ScalarType t);  // "torch.FloatTensor" / "CPUBoolType" (R13.8)
std::optional<ScalarType> dtype_from_name(std::string_view name);  // "float32", "float", "long", ...

// "torch.float32"
std::string to_string(ScalarType t);
std::ostream& operator<<(std::ostream& out, ScalarType t);

// semantics.md R3.1: the symmetric promotion lattice.
ScalarType promote_types(ScalarType a, ScalarType b);
// semantics.md R9.1: may a result of dtype `from` be written into a tensor of dtype `to`?
bool can_cast(ScalarType from, ScalarType to);

// The default floating dtype (R1.2); only floating dtypes are accepted.
void set_default_dtype(ScalarType t);
ScalarType get_default_dtype();

}  // namespace ctorch
