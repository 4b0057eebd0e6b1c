// Tests for the C++ functions the Python module is built on: tensor_from_leaves (a nested list
// gathered flat, R2), Tensor::is_nonzero (bool(t), R15.1) and index_put_ with a std::vector of
// indices (Python's t[...] = v built at run time).
#include <vector>

#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

TEST(BindingSupport, TensorFromLeavesInfersAsTensor) {
  Tensor f = tensor_from_leaves({2, 2}, {Scalar(1), Scalar(2.5), Scalar(true), Scalar(4)});
  EXPECT_EQ(f.dtype(), kFloat32);
  EXPECT_EQ(shape(f), (I64{2, 2}));
  EXPECT_EQ(values<float>(f), (F32{1.f, 2.5f, 1.f, 4.f}));
  EXPECT_EQ(tensor_from_leaves({2}, {Scalar(true), Scalar(2)}).dtype(), kInt64);
  EXPECT_EQ(tensor_from_leaves({1}, {Scalar(true)}).dtype(), kBool);
  EXPECT_EQ(tensor_from_leaves({0}, {}).dtype(), kFloat32);
  EXPECT_EQ(tensor_from_leaves({}, {Scalar(7)}).dim(), 0);
  EXPECT_EQ(values<int64_t>(tensor_from_leaves({2}, {Scalar(1.7), Scalar(-1.7)}, kInt64)), (I64{1, -1}));
  EXPECT_CTORCH_ERROR(Runtime, "value cannot be converted to type uint8 without overflow",
                      tensor_from_leaves({1}, {Scalar(256)}, kUInt8));
  EXPECT_CTORCH_ERROR(Runtime, "tensor_from_leaves: shape [3] holds 3 elements but 2 leaves were given",
                      tensor_from_leaves({3}, {Scalar(1), Scalar(2)}));
}

TEST(BindingSupport, IsNonzero) {
  EXPECT_TRUE(tensor({2.5}).is_nonzero());
  EXPECT_FALSE(tensor(0).is_nonzero());
  EXPECT_TRUE(tensor({{true}}).is_nonzero());
  EXPECT_CTORCH_ERROR(Runtime, "Boolean value of Tensor with more than one value is ambiguous",
                      tensor({1, 2}).is_nonzero());
  EXPECT_CTORCH_ERROR(Runtime, "Boolean value of Tensor with no values is ambiguous",
                      zeros({0}).is_nonzero());
}

TEST(BindingSupport, IndexPutWithAVectorOfIndices) {
  Tensor t = zeros({2, 3});
  std::vector<TensorIndex> row{TensorIndex(1)};
  t.index_put_(row, Scalar(5));
  std::vector<TensorIndex> column{TensorIndex(Slice()), TensorIndex(0)};
  t.index_put_(column, tensor({{7, 8}}));  // leading 1s dropped, int64 converted to float
  EXPECT_EQ(values<float>(t), (F32{7.f, 0.f, 0.f, 8.f, 5.f, 5.f}));
  std::vector<TensorIndex> mask{TensorIndex(t > 6)};
  t.index_put_(mask, Scalar(-1));
  EXPECT_EQ(values<float>(t), (F32{-1.f, 0.f, 0.f, -1.f, 5.f, 5.f}));
}
