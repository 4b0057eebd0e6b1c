// Dtype properties and promotion. Reproduces c10/core/ScalarType.h (promoteTypes, canCast).
#include "ctorch/dtype.h"

#include <array>
#include <atomic>
#include <ostream>

#include "ctorch/error.h"

namespace ctorch {
namespace {

struct DtypeInfo {
  std::string_view name, legacy, cpp, type_meta;
};

constexpr std::array<DtypeInfo, kNumDtypes> kInfo = {{
#define CTORCH_INFO_ENTRY(cpp_type, enum_name, py, legacy_, cpp_name, meta) \
  {#py, #legacy_, #cpp_name, meta},
    CTORCH_FORALL_DTYPES(CTORCH_INFO_ENTRY)
#undef CTORCH_INFO_ENTRY
}};

const DtypeInfo& info(ScalarType t) { return kInfo[static_cast<size_t>(t)]; }

std::atomic<ScalarType> default_dtype{ScalarType::Float32};

}  // namespace

bool is_signed(ScalarType t) { return t != kBool && t != kUInt8; }

std::string_view dtype_name(ScalarType t) { return info(t).name; }
std::string_view legacy_name(ScalarType t) { return info(t).legacy; }
std::string_view cpp_type_name(ScalarType t) { return info(t).cpp; }
std::string_view type_meta_name(ScalarType t) { return info(t).type_meta; }

std::string_view tensor_type_name(ScalarType t) {
  // PyTorch's legacy tensor type names; the types without one print their backend type name.
  if (t == kBool) return "CPUBoolType";
  if (t == kBFloat16) return "CPUBFloat16Type";
  static const std::array<std::string, kNumDtypes> names = [] {
    std::array<std::string, kNumDtypes> out;
    for (int i = 0; i < kNumDtypes; ++i)
      out[i] = "torch." + std::string(kInfo[i].legacy) + "Tensor";
    return out;
  }();
  return names[static_cast<size_t>(t)];
}

std::optional<ScalarType> dtype_from_name(std::string_view name) {
  if (name.starts_with("torch.")) name.remove_prefix(6);
  for (int i = 0; i < kNumDtypes; ++i)
    if (kInfo[i].name == name) return static_cast<ScalarType>(i);
  struct Alias {
    std::string_view name;
    ScalarType type;
  };
  static constexpr Alias aliases[] = {{"float", kFloat32}, {"double", kFloat64},
                                      {"half", kFloat16},  {"long", kInt64},
                                      {"int", kInt32},     {"short", kInt16}};
  for (const auto& alias : aliases)
    if (alias.name == name) return alias.type;
  return std::nullopt;
}

std::string to_string(ScalarType t) { return "torch." + std::string(dtype_name(t)); }

std::ostream& operator<<(std::ostream& out, ScalarType t) { return out << to_string(t); }

ScalarType promote_types(ScalarType a, ScalarType b) {
  // semantics.md R3.1, in the enum's order: b, u8, i8, i16, i32, i64, f16, bf16, f32, f64.
  constexpr auto b1 = kBool, u1 = kUInt8, i1 = kInt8, i2 = kInt16, i4 = kInt32, i8 = kInt64,
                 f2 = kFloat16, bf = kBFloat16, f4 = kFloat32, f8 = kFloat64;
  static constexpr ScalarType table[kNumDtypes][kNumDtypes] = {
      /* b  */ {b1, u1, i1, i2, i4, i8, f2, bf, f4, f8},
      /* u8 */ {u1, u1, i2, i2, i4, i8, f2, bf, f4, f8},
      /* i8 */ {i1, i2, i1, i2, i4, i8, f2, bf, f4, f8},
      /* i16*/ {i2, i2, i2, i2, i4, i8, f2, bf, f4, f8},
      /* i32*/ {i4, i4, i4, i4, i4, i8, f2, bf, f4, f8},
      /* i64*/ {i8, i8, i8, i8, i8, i8, f2, bf, f4, f8},
      /* f16*/ {f2, f2, f2, f2, f2, f2, f2, f4, f4, f8},
      /* bf16*/ {bf, bf, bf, bf, bf, bf, f4, bf, f4, f8},
      /* f32*/ {f4, f4, f4, f4, f4, f4, f4, f4, f4, f8},
      /* f64*/ {f8, f8, f8, f8, f8, f8, f8, f8, f8, f8},
  };
  static_assert(kNumDtypes == 10, "extend the promotion table with the new dtype");
  return table[static_cast<size_t>(a)][static_cast<size_t>(b)];
}

bool can_cast(ScalarType from, ScalarType to) {
  if (is_floating_point(from) && is_integral(to, /*include_bool=*/true)) return false;
  if (from != kBool && to == kBool) return false;
  return true;
}

void set_default_dtype(ScalarType t) {
  CTORCH_CHECK(is_floating_point(t), Type, "only floating-point types are supported as the default type");
  default_dtype.store(t);
}

ScalarType get_default_dtype() { return default_dtype.load(); }

}  // namespace ctorch
