// explain(t): how a tensor's metadata maps its logical elements onto its storage.
//
// Format (stable; tests/cpp/test_explain.cpp pins it):
//
//   shape [3, 2], stride [1, 3], storage_offset 0, dtype torch.int64 (8 bytes each)
//   storage: 6 elements (48 bytes); not contiguous
//   element [i0, i1] is at cell 0 + i0*1 + i1*3
//   cell   0  1  2  3  4  5
//   value  0  1  2  3  4  5
//   order  0  2  4  1  3  5
//
// Line 1: the metadata. Line 2: the storage size and whether the tensor is contiguous. Line 3:
// the address rule (for a 0-dim tensor: "the element is at cell <offset>"). Then one column per
// storage cell, right-justified, the rows labelled `cell` (its index in the storage), `value`
// (its content, written with the repr number rules over the cells shown) and `order` (the
// row-major position(s) of the tensor element(s) stored there, comma-separated when several map
// to the same cell as with expand, at most 4 then ",...", and "-" when none). Only the first 24
// cells are drawn; a last line "... N more cells" counts the rest.
#include <algorithm>
#include <string>
#include <vector>

#include "ctorch/print.h"
#include "print/format.h"

namespace ctorch {

namespace {

constexpr int64_t kMaxCells = 24;
constexpr size_t kMaxPositions = 4;

std::string count(int64_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string list(IntArrayRef v) { return detail::str_cat(v); }  // "[3, 2]"

// The first `ncells` storage cells, written with repr()'s number rules over just those cells.
std::vector<std::string> cell_values(const Tensor& t, int64_t ncells) {
  if (ncells == 0) return {};
  const Tensor cells(TensorImpl::make(t.storage(), 0, Size{ncells}, DimVector{1}, t.dtype()));
  return print_detail::format_elements(cells);
}

}  // namespace

std::string explain(const Tensor& t) {
  const int64_t esize = static_cast<int64_t>(t.element_size());
  const int64_t storage_elems = static_cast<int64_t>(t.storage().nbytes()) / esize;
  std::string s = "shape " + list(t.sizes()) + ", stride " + list(t.strides()) +
                  ", storage_offset " + std::to_string(t.storage_offset()) + ", dtype " +
                  to_string(t.dtype()) + " (" + count(esize, "byte") + " each)\n";
  s += "storage: " + count(storage_elems, "element") + " (" +
       count(static_cast<int64_t>(t.storage().nbytes()), "byte") + "); " +
       (t.is_contiguous() ? "contiguous\n" : "not contiguous\n");
  if (t.dim() == 0) {
    s += "the element is at cell " + std::to_string(t.storage_offset()) + "\n";
  } else {
    std::string index, rule = std::to_string(t.storage_offset());
    for (int64_t d = 0; d < t.dim(); ++d) {
      index += (d ? ", i" : "i") + std::to_string(d);
      rule += " + i" + std::to_string(d) + "*" + std::to_string(t.stride(d));
    }
    s += "element [" + index + "] is at cell " + rule + "\n";
  }

  // Which logical (row-major) elements land in each drawn cell.
  const int64_t ncells = std::min(storage_elems, kMaxCells);
  std::vector<std::vector<int64_t>> positions(static_cast<size_t>(ncells));
  std::vector<int64_t> idx(static_cast<size_t>(t.dim()), 0);
  for (int64_t k = 0; k < t.numel(); ++k) {
    int64_t cell = t.storage_offset();
    for (int64_t d = 0; d < t.dim(); ++d) cell += idx[static_cast<size_t>(d)] * t.stride(d);
    if (cell >= 0 && cell < ncells) positions[static_cast<size_t>(cell)].push_back(k);
    for (int64_t d = t.dim() - 1; d >= 0; --d) {  // odometer step
      if (++idx[static_cast<size_t>(d)] < t.size(d)) break;
      idx[static_cast<size_t>(d)] = 0;
    }
  }

  std::vector<std::string> header, values = cell_values(t, ncells), order;
  for (int64_t c = 0; c < ncells; ++c) {
    header.push_back(std::to_string(c));
    const auto& p = positions[static_cast<size_t>(c)];
    std::string o = p.empty() ? "-" : "";
    for (size_t k = 0; k < p.size() && k < kMaxPositions; ++k) {
      o += (k ? "," : "") + std::to_string(p[k]);
    }
    if (p.size() > kMaxPositions) o += ",...";
    order.push_back(o);
  }
  const std::vector<std::pair<std::string, const std::vector<std::string>*>> rows = {
      {"cell ", &header}, {"value", &values}, {"order", &order}};
  for (const auto& [label, cells] : rows) {
    std::string line = label;
    for (int64_t c = 0; c < ncells; ++c) {
      const size_t w = std::max({header[static_cast<size_t>(c)].size(),
                                 values[static_cast<size_t>(c)].size(),
                                 order[static_cast<size_t>(c)].size()});
      const std::string& x = (*cells)[static_cast<size_t>(c)];
      line += "  " + std::string(w - x.size(), ' ') + x;
    }
    s += line + "\n";
  }
  if (storage_elems > ncells) {
    s += "... " + count(storage_elems - ncells, "more cell") + "\n";
  }
  return s;
}

}  // namespace ctorch
