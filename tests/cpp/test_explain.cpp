// explain(t): the storage picture of a tensor (format documented in src/print/explain.cpp).
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "ctorch/ctorch.h"

namespace {

using ctorch::explain;

TEST(Explain, Contiguous) {
  EXPECT_EQ(explain(ctorch::arange(6).view({2, 3})),
            "shape [2, 3], stride [3, 1], storage_offset 0, dtype torch.int64 (8 bytes each)\n"
            "storage: 6 elements (48 bytes); contiguous\n"
            "element [i0, i1] is at cell 0 + i0*3 + i1*1\n"
            "cell   0  1  2  3  4  5\n"
            "value  0  1  2  3  4  5\n"
            "order  0  1  2  3  4  5\n");
}

TEST(Explain, Transpose) {
  EXPECT_EQ(explain(ctorch::arange(6).view({2, 3}).t()),
            "shape [3, 2], stride [1, 3], storage_offset 0, dtype torch.int64 (8 bytes each)\n"
            "storage: 6 elements (48 bytes); not contiguous\n"
            "element [i0, i1] is at cell 0 + i0*1 + i1*3\n"
            "cell   0  1  2  3  4  5\n"
            "value  0  1  2  3  4  5\n"
            "order  0  2  4  1  3  5\n");
}

TEST(Explain, SteppedSlice) {
  const auto t = ctorch::arange(8).to(ctorch::kFloat32);
  EXPECT_EQ(explain(t.slice(0, 1, std::nullopt, 3)),
            "shape [3], stride [3], storage_offset 1, dtype torch.float32 (4 bytes each)\n"
            "storage: 8 elements (32 bytes); not contiguous\n"
            "element [i0] is at cell 1 + i0*3\n"
            "cell    0   1   2   3   4   5   6   7\n"
            "value  0.  1.  2.  3.  4.  5.  6.  7.\n"
            "order   -   0   -   -   1   -   -   2\n");
}

TEST(Explain, Expand) {
  EXPECT_EQ(explain(ctorch::tensor({10, 20}).expand({3, 2})),
            "shape [3, 2], stride [0, 1], storage_offset 0, dtype torch.int64 (8 bytes each)\n"
            "storage: 2 elements (16 bytes); not contiguous\n"
            "element [i0, i1] is at cell 0 + i0*0 + i1*1\n"
            "cell       0      1\n"
            "value     10     20\n"
            "order  0,2,4  1,3,5\n");
  // At most four positions per cell.
  EXPECT_EQ(explain(ctorch::tensor({true}).expand({6})),
            "shape [6], stride [0], storage_offset 0, dtype torch.bool (1 byte each)\n"
            "storage: 1 element (1 byte); not contiguous\n"
            "element [i0] is at cell 0 + i0*0\n"
            "cell             0\n"
            "value         True\n"
            "order  0,1,2,3,...\n");
}

TEST(Explain, ZeroDimAndLongStorage) {
  EXPECT_EQ(explain(ctorch::tensor(2.5)),
            "shape [], stride [], storage_offset 0, dtype torch.float32 (4 bytes each)\n"
            "storage: 1 element (4 bytes); contiguous\n"
            "the element is at cell 0\n"
            "cell        0\n"
            "value  2.5000\n"
            "order       0\n");
  const std::string text = explain(ctorch::arange(30)[5]);
  EXPECT_NE(text.find("shape [], stride [], storage_offset 5,"), std::string::npos);
  EXPECT_NE(text.find("order  -  -  -  -  -  0  -  -  -  -   -   -"), std::string::npos);
  EXPECT_NE(text.find("\n... 6 more cells\n"), std::string::npos);
}

}  // namespace
