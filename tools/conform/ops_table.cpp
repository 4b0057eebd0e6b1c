// tools/conform/ops_table.cpp: the table of supported ops (semantics.md §20 names and args),
// each computed through ctorch's public API only.
#include "ops_table.h"

#include "json_tensor.h"

namespace conform {

using ctorch::Scalar;
using ctorch::ScalarType;
using ctorch::Tensor;

// A bool arg, or `fallback` where the vector leaves it out.
static bool flag(const OpCall& c, const char* name, bool fallback) {
  return c.has(name) ? c.arg(name).get<bool>() : fallback;
}

// ---- OpCall accessors -------------------------------------------------------------------------

const Input& OpCall::input(size_t i) const {
  if (i >= inputs_.size()) throw BadVector("missing input " + std::to_string(i));
  return inputs_[i];
}

template <typename T>
static const T& input_as(const Input& in, size_t i, const char* what) {
  if (const T* value = std::get_if<T>(&in)) return *value;
  throw BadVector("input " + std::to_string(i) + " is not " + what);
}

const Tensor& OpCall::tensor(size_t i) const { return input_as<Tensor>(input(i), i, "a tensor"); }
const Scalar& OpCall::scalar(size_t i) const { return input_as<Scalar>(input(i), i, "a scalar"); }
ScalarType OpCall::dtype_input(size_t i) const {
  return input_as<ScalarType>(input(i), i, "a dtype name");
}
const ctorch::NestedList& OpCall::list(size_t i) const {
  return input_as<ctorch::NestedList>(input(i), i, "a list");
}

std::vector<Tensor> OpCall::tensors() const {
  std::vector<Tensor> out;
  for (size_t i = 0; i < inputs_.size(); ++i) out.push_back(tensor(i));
  return out;
}

bool OpCall::has(const char* name) const {
  return args_.is_object() && args_.contains(name) && !args_.at(name).is_null();
}

const json& OpCall::arg(const char* name) const {
  if (!has(name)) throw BadVector(std::string("missing arg \"") + name + "\"");
  return args_.at(name);
}

int64_t OpCall::int_arg(const char* name) const {
  const json& v = arg(name);
  if (!v.is_number_integer()) throw BadVector(std::string("arg \"") + name + "\" is not an integer");
  return v.get<int64_t>();
}

int64_t OpCall::int_arg(const char* name, int64_t fallback) const {
  return has(name) ? int_arg(name) : fallback;
}

std::optional<int64_t> OpCall::opt_int_arg(const char* name) const {
  if (!has(name)) return std::nullopt;
  return int_arg(name);
}

std::vector<int64_t> OpCall::ints_arg(const char* name) const { return json_ints(arg(name)); }

std::optional<ScalarType> OpCall::dtype_arg(const char* name) const {
  if (!has(name)) return std::nullopt;
  return parse_dtype(arg(name));
}

// ---- helpers ----------------------------------------------------------------------------------

namespace {

ctorch::TensorOptions options_with(std::optional<ScalarType> dtype) {
  return ctorch::TensorOptions().dtype(dtype);
}

// An int or a list of ints (movedim's source/destination).
std::vector<int64_t> int_or_ints(const OpCall& c, const char* name) {
  const json& v = c.arg(name);
  return v.is_array() ? json_ints(v) : std::vector<int64_t>{c.int_arg(name)};
}

// One Python index item: int, null (None), "..." (Ellipsis) or {"slice": [start, stop, step]}.
ctorch::TensorIndex index_item(const json& item) {
  if (item.is_number_integer()) return ctorch::TensorIndex(item.get<int64_t>());
  if (item.is_null()) return ctorch::TensorIndex(ctorch::None);
  if (item.is_string() && item.get<std::string>() == "...") {
    return ctorch::TensorIndex(ctorch::Ellipsis);
  }
  if (item.is_object() && item.contains("slice")) {
    const json& parts = item.at("slice");
    auto part = [&](size_t k) -> std::optional<int64_t> {
      if (k >= parts.size() || parts[k].is_null()) return std::nullopt;
      return parts[k].get<int64_t>();
    };
    return ctorch::TensorIndex(ctorch::Slice(part(0), part(1), part(2)));
  }
  if (item.is_object() && item.contains("values")) return ctorch::TensorIndex(json_tensor(item));
  throw Unsupported("index item " + item.dump());
}

Outcome op_dtype_info(const OpCall& c) {
  const ScalarType dtype = *c.dtype_arg("dtype");
  return json{{"element_size", ctorch::element_size(dtype)},
              {"is_floating_point", ctorch::is_floating_point(dtype)},
              {"is_signed", ctorch::is_signed(dtype)},
              {"is_complex", false}};  // ctorch's ten dtypes are all real
}

Outcome op_result_type(const OpCall& c) {
  std::vector<ctorch::Operand> operands;
  for (size_t i = 0; i < c.input_count(); ++i) {
    const Input& in = c.input(i);
    if (const auto* t = std::get_if<Tensor>(&in)) {
      operands.emplace_back(*t);
    } else {
      operands.emplace_back(c.scalar(i));
    }
  }
  // ctorch::result_type takes an initializer_list of operands: spell out the usual counts.
  switch (operands.size()) {
    case 1: return ctorch::result_type({operands[0]});
    case 2: return ctorch::result_type({operands[0], operands[1]});
    case 3: return ctorch::result_type({operands[0], operands[1], operands[2]});
    case 4: return ctorch::result_type({operands[0], operands[1], operands[2], operands[3]});
    default: throw Unsupported("result_type of " + std::to_string(operands.size()) + " operands");
  }
}

Outcome op_arange(const OpCall& c) {
  const auto options = options_with(c.dtype_arg("dtype"));
  switch (c.input_count()) {
    case 1: return ctorch::arange(c.scalar(0), options);
    case 2: return ctorch::arange(c.scalar(0), c.scalar(1), options);
    case 3: return ctorch::arange(c.scalar(0), c.scalar(1), c.scalar(2), options);
    default: throw BadVector("arange takes 1 to 3 scalar inputs");
  }
}

Outcome op_squeeze(const OpCall& c) {
  if (!c.has("dim")) return c.tensor(0).squeeze();
  if (c.arg("dim").is_array()) throw Unsupported("squeeze with a tuple of dims");
  return c.tensor(0).squeeze(c.int_arg("dim"));
}

Outcome op_index(const OpCall& c) {
  const json& items = c.arg("index");
  std::vector<ctorch::TensorIndex> indices;
  if (items.is_array()) {
    for (const json& item : items) indices.push_back(index_item(item));
  } else {
    indices.push_back(index_item(items));
  }
  return c.tensor(0).index(indices);
}

Outcome op_split(const OpCall& c) {
  const json& sections = c.arg("split_size_or_sections");
  const int64_t dim = c.int_arg("dim", 0);
  if (sections.is_array()) return c.tensor(0).split(json_ints(sections), dim);
  return c.tensor(0).split(c.int_arg("split_size_or_sections"), dim);
}

Outcome op_metadata(const OpCall& c) {
  const Tensor& t = c.tensor(0);
  return json{{"shape", std::vector<int64_t>(t.sizes())},
              {"stride", t.strides().vec()},
              {"storage_offset", t.storage_offset()},
              {"is_contiguous", t.is_contiguous()},
              {"numel", t.numel()},
              {"dim", t.dim()},
              {"element_size", t.element_size()}};
}

Outcome op_broadcast_shapes(const OpCall& c) {
  std::vector<ctorch::Size> shapes;
  for (const json& shape : c.arg("shapes")) shapes.emplace_back(json_ints(shape));
  return ctorch::broadcast_shapes(shapes);
}

}  // namespace

// ---- the table --------------------------------------------------------------------------------

const std::map<std::string, OpFn, std::less<>>& op_table() {
  static const std::map<std::string, OpFn, std::less<>> table = [] {
    std::map<std::string, OpFn, std::less<>> t = {
      // dtypes and promotion (R1, R3, R4)
      {"dtype_info", op_dtype_info},
      {"promote_types",
       [](const OpCall& c) -> Outcome {
         return ctorch::promote_types(c.dtype_input(0), c.dtype_input(1));
       }},
      {"result_type", op_result_type},
      // creation (R1.2, R2)
      {"tensor",
       [](const OpCall& c) -> Outcome {
         return ctorch::tensor(c.list(0), options_with(c.dtype_arg("dtype")));
       }},
      {"full",
       [](const OpCall& c) -> Outcome {
         return ctorch::full(c.ints_arg("shape"), c.scalar(0), options_with(c.dtype_arg("dtype")));
       }},
      {"arange", op_arange},
      // conversion (R8)
      {"to", [](const OpCall& c) -> Outcome { return c.tensor(0).to(*c.dtype_arg("dtype")); }},
      // views and shapes (R13)
      {"view", [](const OpCall& c) -> Outcome { return c.tensor(0).view(c.ints_arg("shape")); }},
      {"reshape",
       [](const OpCall& c) -> Outcome { return c.tensor(0).reshape(c.ints_arg("shape")); }},
      {"transpose",
       [](const OpCall& c) -> Outcome {
         return c.tensor(0).transpose(c.int_arg("dim0"), c.int_arg("dim1"));
       }},
      {"t", [](const OpCall& c) -> Outcome { return c.tensor(0).t(); }},
      {"permute",
       [](const OpCall& c) -> Outcome { return c.tensor(0).permute(c.ints_arg("dims")); }},
      {"movedim",
       [](const OpCall& c) -> Outcome {
         return c.tensor(0).movedim(int_or_ints(c, "source"), int_or_ints(c, "destination"));
       }},
      {"squeeze", op_squeeze},
      {"unsqueeze",
       [](const OpCall& c) -> Outcome { return c.tensor(0).unsqueeze(c.int_arg("dim")); }},
      {"expand", [](const OpCall& c) -> Outcome { return c.tensor(0).expand(c.ints_arg("shape")); }},
      {"broadcast_to",
       [](const OpCall& c) -> Outcome { return c.tensor(0).broadcast_to(c.ints_arg("shape")); }},
      {"expand_as", [](const OpCall& c) -> Outcome { return c.tensor(0).expand_as(c.tensor(1)); }},
      {"flatten",
       [](const OpCall& c) -> Outcome {
         return c.tensor(0).flatten(c.int_arg("start_dim", 0), c.int_arg("end_dim", -1));
       }},
      {"narrow",
       [](const OpCall& c) -> Outcome {
         return c.tensor(0).narrow(c.int_arg("dim"), c.int_arg("start"), c.int_arg("length"));
       }},
      {"select",
       [](const OpCall& c) -> Outcome {
         return c.tensor(0).select(c.int_arg("dim"), c.int_arg("index"));
       }},
      {"slice",
       [](const OpCall& c) -> Outcome {
         return c.tensor(0).slice(c.int_arg("dim", 0), c.opt_int_arg("start"),
                                  c.opt_int_arg("end"), c.int_arg("step", 1));
       }},
      {"contiguous", [](const OpCall& c) -> Outcome { return c.tensor(0).contiguous(); }},
      {"index", op_index},
      // joins and splits (R14)
      {"cat", [](const OpCall& c) -> Outcome { return ctorch::cat(c.tensors(), c.int_arg("dim", 0)); }},
      {"stack",
       [](const OpCall& c) -> Outcome { return ctorch::stack(c.tensors(), c.int_arg("dim", 0)); }},
      {"vstack", [](const OpCall& c) -> Outcome { return ctorch::vstack(c.tensors()); }},
      {"hstack", [](const OpCall& c) -> Outcome { return ctorch::hstack(c.tensors()); }},
      {"split", op_split},
      {"chunk",
       [](const OpCall& c) -> Outcome {
         return c.tensor(0).chunk(c.int_arg("chunks"), c.int_arg("dim", 0));
       }},
      {"unbind", [](const OpCall& c) -> Outcome { return c.tensor(0).unbind(c.int_arg("dim", 0)); }},
      // scalars and metadata (R13.11, R15)
      {"item", [](const OpCall& c) -> Outcome { return c.tensor(0).item(); }},
      {"metadata", op_metadata},
      {"size",
       [](const OpCall& c) -> Outcome { return Scalar(c.tensor(0).size(c.int_arg("dim"))); }},
      {"stride",
       [](const OpCall& c) -> Outcome { return Scalar(c.tensor(0).stride(c.int_arg("dim"))); }},
      // matrix products (R11)
      {"mm", [](const OpCall& c) -> Outcome { return ctorch::mm(c.tensor(0), c.tensor(1)); }},
      {"bmm", [](const OpCall& c) -> Outcome { return ctorch::bmm(c.tensor(0), c.tensor(1)); }},
      {"matmul", [](const OpCall& c) -> Outcome { return ctorch::matmul(c.tensor(0), c.tensor(1)); }},
      {"mv", [](const OpCall& c) -> Outcome { return ctorch::mv(c.tensor(0), c.tensor(1)); }},
      {"dot", [](const OpCall& c) -> Outcome { return ctorch::dot(c.tensor(0), c.tensor(1)); }},
      {"outer", [](const OpCall& c) -> Outcome { return ctorch::outer(c.tensor(0), c.tensor(1)); }},
      {"addmm",
       [](const OpCall& c) -> Outcome {
         const auto number = [&](const char* name) {
           if (!c.has(name)) return Scalar(1);
           const json& v = c.arg(name);
           return v.is_number_integer() ? Scalar(v.get<int64_t>()) : Scalar(v.get<double>());
         };
         return ctorch::addmm(c.tensor(0), c.tensor(1), c.tensor(2), number("beta"), number("alpha"));
       }},
      // broadcasting (R12)
      {"broadcast_shapes", op_broadcast_shapes},
      // reductions (R10): "dim" is absent (all dims), an int or a list; "keepdim" a bool
#define CTORCH_KEEPDIM (c.has("keepdim") && c.arg("keepdim").get<bool>())
#define CTORCH_REDUCE_DIMS_OP(name, ...)                                                     \
  {#name, [](const OpCall& c) -> Outcome {                                                  \
     if (!c.has("dim")) return ctorch::name(c.tensor(0) __VA_OPT__(, ) __VA_ARGS__);         \
     return ctorch::name(c.tensor(0), int_or_ints(c, "dim"), CTORCH_KEEPDIM __VA_OPT__(, ) __VA_ARGS__); \
   }}
      CTORCH_REDUCE_DIMS_OP(sum, c.dtype_arg("dtype")),
      CTORCH_REDUCE_DIMS_OP(mean, c.dtype_arg("dtype")),
      CTORCH_REDUCE_DIMS_OP(amax),
      CTORCH_REDUCE_DIMS_OP(amin),
      CTORCH_REDUCE_DIMS_OP(all),
      CTORCH_REDUCE_DIMS_OP(any),
#undef CTORCH_REDUCE_DIMS_OP
      {"prod",
       [](const OpCall& c) -> Outcome {
         if (!c.has("dim")) return ctorch::prod(c.tensor(0), c.dtype_arg("dtype"));
         return ctorch::prod(c.tensor(0), c.int_arg("dim"), CTORCH_KEEPDIM, c.dtype_arg("dtype"));
       }},
#define CTORCH_VAR_OP(name)                                                                    \
  {#name, [](const OpCall& c) -> Outcome {                                                    \
     const std::vector<int64_t> dims = c.has("dim") ? int_or_ints(c, "dim") : std::vector<int64_t>{}; \
     if (c.has("correction")) {                                                               \
       return ctorch::name(c.tensor(0), dims, ctorch::Correction{c.arg("correction").get<double>()}, \
                           CTORCH_KEEPDIM);                                                   \
     }                                                                                        \
     const bool unbiased = !c.has("unbiased") || c.arg("unbiased").get<bool>();               \
     return ctorch::name(c.tensor(0), dims, unbiased, CTORCH_KEEPDIM);                        \
   }}
      CTORCH_VAR_OP(std),
      CTORCH_VAR_OP(var),
#undef CTORCH_VAR_OP
#define CTORCH_EXTREME_OP(name)                                                                \
  {#name, [](const OpCall& c) -> Outcome {                                                    \
     if (!c.has("dim")) return ctorch::name(c.tensor(0));                                     \
     auto [values, indices] = ctorch::name(c.tensor(0), c.int_arg("dim"), CTORCH_KEEPDIM);    \
     return std::vector<Tensor>{values, indices};                                             \
   }}
      CTORCH_EXTREME_OP(max),
      CTORCH_EXTREME_OP(min),
#undef CTORCH_EXTREME_OP
      {"argmax",
       [](const OpCall& c) -> Outcome {
         return ctorch::argmax(c.tensor(0), c.opt_int_arg("dim"), CTORCH_KEEPDIM);
       }},
      {"argmin",
       [](const OpCall& c) -> Outcome {
         return ctorch::argmin(c.tensor(0), c.opt_int_arg("dim"), CTORCH_KEEPDIM);
       }},
      {"cumsum",
       [](const OpCall& c) -> Outcome {
         return ctorch::cumsum(c.tensor(0), c.int_arg("dim"), c.dtype_arg("dtype"));
       }},
      {"cumprod",
       [](const OpCall& c) -> Outcome {
         return ctorch::cumprod(c.tensor(0), c.int_arg("dim"), c.dtype_arg("dtype"));
       }},
#undef CTORCH_KEEPDIM
      // sorting (PyTorch's defaults: last dim, ascending, stable=False, largest, sorted)
      {"sort",
       [](const OpCall& c) -> Outcome {
         auto [values, indices] = ctorch::sort(c.tensor(0), c.int_arg("dim", -1), flag(c, "descending", false),
                                               flag(c, "stable", false));
         return std::vector<Tensor>{values, indices};
       }},
      {"argsort",
       [](const OpCall& c) -> Outcome {
         return ctorch::argsort(c.tensor(0), c.int_arg("dim", -1), flag(c, "descending", false),
                                flag(c, "stable", false));
       }},
      {"topk",
       [](const OpCall& c) -> Outcome {
         auto [values, indices] = ctorch::topk(c.tensor(0), c.int_arg("k"), c.int_arg("dim", -1),
                                               flag(c, "largest", true), flag(c, "sorted", true));
         return std::vector<Tensor>{values, indices};
       }},
      {"nonzero",
       [](const OpCall& c) -> Outcome {
         if (flag(c, "as_tuple", false)) return ctorch::nonzero_numpy(c.tensor(0));
         return ctorch::nonzero(c.tensor(0));
       }},
  };
    add_elementwise_ops(t);  // elementwise_table.cpp
    add_autograd_ops(t);     // autograd_table.cpp
    return t;
  }();
  return table;
}

}  // namespace conform
