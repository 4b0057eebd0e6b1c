// Tensor methods for the reductions and scans: each forwards to its free function (reduce.h).
#include "ctorch/reduce.h"

namespace ctorch {

using Dtype_ = std::optional<ScalarType>;

Tensor Tensor::sum(Dtype_ dtype) const { return ctorch::sum(*this, dtype); }
Tensor Tensor::sum(IntArrayRef dim, bool keepdim, Dtype_ dtype) const { return ctorch::sum(*this, dim, keepdim, dtype); }
Tensor Tensor::prod(Dtype_ dtype) const { return ctorch::prod(*this, dtype); }
Tensor Tensor::mean(Dtype_ dtype) const { return ctorch::mean(*this, dtype); }
Tensor Tensor::mean(IntArrayRef dim, bool keepdim, Dtype_ dtype) const { return ctorch::mean(*this, dim, keepdim, dtype); }
Tensor Tensor::var(IntArrayRef dim, bool unbiased, bool keepdim) const { return ctorch::var(*this, dim, unbiased, keepdim); }
Tensor Tensor::std(IntArrayRef dim, bool unbiased, bool keepdim) const { return ctorch::std(*this, dim, unbiased, keepdim); }
Tensor Tensor::max() const { return ctorch::max(*this); }
ValuesIndices Tensor::max(int64_t dim, bool keepdim) const { return ctorch::max(*this, dim, keepdim); }
Tensor Tensor::min() const { return ctorch::min(*this); }
ValuesIndices Tensor::min(int64_t dim, bool keepdim) const { return ctorch::min(*this, dim, keepdim); }
Tensor Tensor::argmax(std::optional<int64_t> dim, bool keepdim) const { return ctorch::argmax(*this, dim, keepdim); }
Tensor Tensor::argmin(std::optional<int64_t> dim, bool keepdim) const { return ctorch::argmin(*this, dim, keepdim); }
Tensor Tensor::amax(IntArrayRef dim, bool keepdim) const { return ctorch::amax(*this, dim, keepdim); }
Tensor Tensor::amin(IntArrayRef dim, bool keepdim) const { return ctorch::amin(*this, dim, keepdim); }
Tensor Tensor::all() const { return ctorch::all(*this); }
Tensor Tensor::any() const { return ctorch::any(*this); }
Tensor Tensor::cumsum(int64_t dim, Dtype_ dtype) const { return ctorch::cumsum(*this, dim, dtype); }
Tensor Tensor::cumprod(int64_t dim, Dtype_ dtype) const { return ctorch::cumprod(*this, dim, dtype); }

}  // namespace ctorch
