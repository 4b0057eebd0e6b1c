// repr(t) / operator<<: PyTorch's tensor printing, byte for byte (printing.md).
//
// The behaviour reproduced is that of PyTorch 2.x's torch/_tensor_str.py (`_Formatter`,
// `get_summarized_data`, `_vector_str`, `_tensor_str_with_formatter`, `_str_intern`,
// `_add_suffixes`): a forced `sci_mode` is decided before the width is measured (R14.1), and
// `edgeitems == 0` prints `[...]` plus a `size=` suffix (R14.2).
//
// Only the elements that will be shown are read, straight from storage through the strides
// (never a copy of the tensor): printing a summarized 3x1024x1024 tensor touches 108 elements.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include "ctorch/convert.h"
#include "ctorch/dispatch.h"
#include "ctorch/print.h"
#include "print/format.h"

#include "ctorch/autograd.h"

namespace ctorch {

namespace {

constexpr int kIndent0 = 7;  // strlen("tensor(")

// printf-style "%.*f" / "%.*e": glibc rounds correctly (exact binary value, ties to even), as
// Python's format does (R6.1).
std::string c_format(const char* fmt, int precision, double v) {
  const int n = std::snprintf(nullptr, 0, fmt, precision, v);
  std::string s(static_cast<size_t>(n), '\0');
  std::snprintf(s.data(), s.size() + 1, fmt, precision, v);
  return s;
}

// The shown elements (R5): per dimension the indices kept, and whether an ellipsis sits after
// the first `edgeitems` of them.
struct Shown {
  std::vector<std::vector<int64_t>> index;
  std::vector<bool> elided;
};

Shown shown_indices(const Tensor& t, bool summarize, int64_t edgeitems) {
  Shown s;
  for (int64_t d = 0; d < t.dim(); ++d) {
    const int64_t n = t.size(d);
    std::vector<int64_t> idx;
    const bool elide = summarize && n > 2 * edgeitems;
    for (int64_t i = 0; i < n; ++i) {
      if (!elide || i < edgeitems || i >= n - edgeitems) idx.push_back(i);
    }
    s.index.push_back(std::move(idx));
    s.elided.push_back(elide);
  }
  return s;
}

// The shown elements' values, row-major over the shown indices. Floats (float16/bfloat16 widened
// exactly) as doubles, integers and bools as int64.
struct Values {
  bool floating = false;
  bool boolean = false;
  std::vector<double> f;
  std::vector<int64_t> i;
};

Values read_shown(const Tensor& t, const Shown& shown) {
  std::vector<int64_t> offsets{0};  // element offsets from data_ptr()
  for (size_t d = 0; d < shown.index.size(); ++d) {
    std::vector<int64_t> next;
    next.reserve(offsets.size() * shown.index[d].size());
    for (int64_t o : offsets) {
      for (int64_t i : shown.index[d]) next.push_back(o + i * t.stride(static_cast<int64_t>(d)));
    }
    offsets = std::move(next);
  }
  Values v;
  v.floating = t.is_floating_point();
  v.boolean = t.dtype() == kBool;
  dispatch(t.dtype(), [&]<typename T>() {
    const T* data = static_cast<const T*>(t.data_ptr());
    for (int64_t o : offsets) {
      if constexpr (std::is_floating_point_v<T> || is_reduced_float_v<T>) {
        v.f.push_back(convert<double>(data[o]));
      } else {
        v.i.push_back(static_cast<int64_t>(data[o]));
      }
    }
  });
  return v;
}

// One formatter per tensor (R4): a single column width W and, for floats, int_mode and sci.
struct Formatter {
  bool floating = false;
  bool boolean = false;
  bool int_mode = true;
  bool sci = false;
  int precision = 4;
  size_t width = 1;

  Formatter(const Values& v, const PrintOptions& opts)
      : floating(v.floating), boolean(v.boolean), precision(std::max(0, opts.precision)) {
    if (!floating) {
      for (int64_t x : v.i) width = std::max(width, text(x).size());
      return;
    }
    std::vector<double> s;  // finite and non-zero
    for (double x : v.f) {
      if (std::isfinite(x) && x != 0) s.push_back(x);
    }
    if (s.empty()) return;  // int_mode, fixed, W = 1; sci_mode is not applied
    double amax = 0, amin = INFINITY;
    for (double x : s) {
      int_mode = int_mode && x == std::ceil(x);
      amax = std::max(amax, std::fabs(x));
      amin = std::min(amin, std::fabs(x));
    }
    if (opts.sci_mode) {
      sci = *opts.sci_mode;  // 2.x: the forced notation is decided first (R14.1)
    } else {
      sci = amax / amin > 1000.0 || amax > 1.0e8 || (!int_mode && amin < 1.0e-4);
    }
    for (double x : s) width = std::max(width, text(x).size());
  }

  std::string text(int64_t x) const {
    if (boolean) return x ? "True" : "False";
    return std::to_string(x);
  }

  std::string text(double x) const {
    if (std::isnan(x)) return "nan";  // whatever the sign bit (R6.5)
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    if (sci) return c_format("%.*e", precision, x);
    if (int_mode) return c_format("%.*f", 0, x) + ".";
    return c_format("%.*f", precision, x);
  }

  std::string pad(std::string s) const {
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
  }
};

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (size_t k = 0; k < parts.size(); ++k) out += (k ? sep : "") + parts[k];
  return out;
}

// The nested-bracket body (R8, R9), consuming the formatted items in row-major order.
struct Layout {
  const Shown& shown;
  const std::vector<std::string>& items;
  int64_t edgeitems;
  int linewidth;
  size_t width;
  size_t next = 0;

  std::string block(size_t d, int indent) {
    const size_t ndim = shown.index.size();
    std::vector<std::string> parts;
    for (size_t k = 0; k < shown.index[d].size(); ++k) {
      if (shown.elided[d] && static_cast<int64_t>(k) == edgeitems) {
        parts.push_back(d + 1 == ndim ? " ..." : "...");
      }
      parts.push_back(d + 1 == ndim ? items[next++] : block(d + 1, indent + 1));
    }
    if (d + 1 < ndim) {  // N-D: children separated by N - 2 blank lines
      const std::string sep = "," + std::string(ndim - d - 1, '\n') + std::string(indent + 1, ' ');
      return "[" + join(parts, sep) + "]";
    }
    const int64_t per_line =
        std::max<int64_t>(1, (linewidth - indent) / static_cast<int64_t>(width + 2));
    std::vector<std::string> lines;
    for (size_t k = 0; k < parts.size(); ++k) {
      if (k % static_cast<size_t>(per_line) == 0) {
        lines.push_back(parts[k]);
      } else {
        lines.back() += ", " + parts[k];
      }
    }
    return "[" + join(lines, ",\n" + std::string(indent + 1, ' ')) + "]";
  }
};

// Printing reads the elements on the host: a tensor on another device is copied first (which
// waits for the kernels that write it).
Tensor on_host(const Tensor& t) { return t.is_cpu() ? t : t.detach().cpu(); }

std::string body(const Tensor& device_tensor, const PrintOptions& opts) {
  if (device_tensor.numel() == 0) return "[]";
  const Tensor t = on_host(device_tensor);
  const bool summarize = static_cast<double>(t.numel()) > opts.threshold;
  const int64_t edgeitems = std::max(0, opts.edgeitems);
  if (summarize && edgeitems == 0 && t.dim() > 0) return "[...]";  // R14.2 (2.x)
  const Shown shown = shown_indices(t, summarize, edgeitems);
  const Values values = read_shown(t, shown);
  const Formatter fmt(values, opts);
  std::vector<std::string> items;
  if (values.floating) {
    for (double x : values.f) items.push_back(fmt.pad(fmt.text(x)));
  } else {
    for (int64_t x : values.i) items.push_back(fmt.pad(fmt.text(x)));
  }
  if (t.dim() == 0) return items[0];
  Layout layout{shown, items, edgeitems, opts.linewidth, fmt.width};
  return layout.block(0, kIndent0);
}

// The name shown as grad_fn=<Name>: the node's class name, so the hand-written nodes lose their
// "torch::autograd::" (autograd.md A2.2: grad_fn=<CopySlices>).
std::optional<std::string> grad_fn_name(const Tensor& t) {
  const auto fn = t.grad_fn();
  if (!fn) return std::nullopt;
  std::string name = fn->name();
  constexpr std::string_view prefix = "torch::autograd::";
  if (name.rfind(prefix, 0) == 0) name.erase(0, prefix.size());
  return name;
}

// R3 (and R14.2): the suffixes in PyTorch's order.
std::vector<std::string> suffixes(const Tensor& t, const PrintOptions& opts) {
  std::vector<std::string> out;
  if (t.device().type() != kCPU) out.push_back("device='" + t.device().str() + "'");
  const ScalarType dflt = get_default_dtype();
  if (t.numel() == 0) {
    if (t.dim() != 1) out.push_back("size=" + tuple_str(t.sizes()));
    if (t.dtype() != dflt) out.push_back("dtype=" + to_string(t.dtype()));
  } else {
    if (opts.edgeitems == 0) out.push_back("size=" + tuple_str(t.sizes()));
    if (t.dtype() != dflt && t.dtype() != kInt64 && t.dtype() != kBool) {
      out.push_back("dtype=" + to_string(t.dtype()));
    }
  }
  if (auto name = grad_fn_name(t)) {
    out.push_back("grad_fn=<" + *name + ">");
  } else if (t.requires_grad()) {
    out.push_back("requires_grad=True");
  }
  return out;
}

}  // namespace

std::string repr(const Tensor& t) {
  if (!t.defined()) return "[ Tensor (undefined) ]";
  const PrintOptions opts = get_printoptions();
  std::string s = "tensor(" + body(t, opts);
  // R11: place each suffix on the current line if it fits, else on a new line at indent 7. The
  // counter starts 2 above the last line's length, a quirk of PyTorch's _add_suffixes.
  const size_t newline = s.rfind('\n');
  int64_t used = static_cast<int64_t>(newline == std::string::npos ? s.size() : s.size() - newline - 1) + 2;
  for (const std::string& x : suffixes(t, opts)) {
    const auto k = static_cast<int64_t>(x.size());
    if (used + k + 2 > opts.linewidth) {
      s += ",\n" + std::string(kIndent0, ' ') + x;
      used = kIndent0 + k;
    } else {
      s += ", " + x;
      used += k + 2;
    }
  }
  return s + ")";
}

std::ostream& operator<<(std::ostream& out, const Tensor& t) { return out << repr(t); }

std::vector<std::string> print_detail::format_elements(const Tensor& t) {
  if (t.numel() == 0) return {};
  const Tensor h = on_host(t);
  const Values values = read_shown(h, shown_indices(h, /*summarize=*/false, 0));
  const Formatter fmt(values, get_printoptions());
  std::vector<std::string> out;
  if (values.floating) {
    for (double x : values.f) out.push_back(fmt.text(x));
  } else {
    for (int64_t x : values.i) out.push_back(fmt.text(x));
  }
  return out;
}

}  // namespace ctorch
