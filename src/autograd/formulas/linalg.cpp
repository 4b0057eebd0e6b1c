// Gradients of the matrix products (autograd.md A3.7). matmul and outer are composites of these
// and of views, so they need no formula of their own.
#include "autograd/diff.h"
#include "ctorch/elementwise.h"
#include "ctorch/linalg.h"

namespace ctorch::autograd::diff {

Tensor mm(const Tensor& a, const Tensor& b) {
  Tensor out = no_grad([&] { return ctorch::mm(a, b); });
  record("MmBackward0", {&a, &b}, {&out},
         {b.requires_grad() ? save(a) : nothing(), a.requires_grad() ? save(b) : nothing()}, [](Ctx& c) {
           const Tensor& g = c.grad();
           return grads{c.needs(0) ? ctorch::mm(g, c.saved(1).t()) : Tensor(), c.needs(1) ? ctorch::mm(c.saved(0).t(), g) : Tensor()};
         });
  return out;
}

Tensor bmm(const Tensor& a, const Tensor& b) {
  Tensor out = no_grad([&] { return ctorch::bmm(a, b); });
  record("BmmBackward0", {&a, &b}, {&out},
         {b.requires_grad() ? save(a) : nothing(), a.requires_grad() ? save(b) : nothing()}, [](Ctx& c) {
           const Tensor& g = c.grad();
           return grads{c.needs(0) ? ctorch::bmm(g, c.saved(1).transpose(1, 2)) : Tensor(),
                        c.needs(1) ? ctorch::bmm(c.saved(0).transpose(1, 2), g) : Tensor()};
         });
  return out;
}

Tensor mv(const Tensor& a, const Tensor& v) {
  Tensor out = no_grad([&] { return ctorch::mv(a, v); });
  record("MvBackward0", {&a, &v}, {&out},
         {v.requires_grad() ? save(a) : nothing(), a.requires_grad() ? save(v) : nothing()}, [](Ctx& c) {
           const Tensor& g = c.grad();
           return grads{c.needs(0) ? g.unsqueeze(1) * c.saved(1) : Tensor(),
                        c.needs(1) ? ctorch::mv(c.saved(0).t(), g) : Tensor()};
         });
  return out;
}

Tensor dot(const Tensor& a, const Tensor& b) {
  Tensor out = no_grad([&] { return ctorch::dot(a, b); });
  record("DotBackward0", {&a, &b}, {&out},
         {b.requires_grad() ? save(a) : nothing(), a.requires_grad() ? save(b) : nothing()}, [](Ctx& c) {
           const Tensor& g = c.grad();
           return grads{c.needs(0) ? g * c.saved(1) : Tensor(), c.needs(1) ? g * c.saved(0) : Tensor()};
         });
  return out;
}

Tensor addmm(const Tensor& input, const Tensor& m1, const Tensor& m2, const Scalar& beta, const Scalar& alpha) {
  Tensor out = no_grad([&] { return ctorch::addmm(input, m1, m2, beta, alpha); });
  record("AddmmBackward0", {&input, &m1, &m2}, {&out},
         {m2.requires_grad() ? save(m1) : nothing(), m1.requires_grad() ? save(m2) : nothing()},
         [beta, alpha](Ctx& c) {
           const Tensor& g = c.grad();
           const bool unit = alpha.to<double>() == 1.0;
           Tensor gi, g1, g2;
           if (c.needs(0)) gi = beta.to<double>() == 1.0 ? g : g * beta;
           if (c.needs(1)) g1 = unit ? ctorch::mm(g, c.saved(1).t()) : ctorch::mm(g, c.saved(1).t()) * alpha;
           if (c.needs(2)) g2 = unit ? ctorch::mm(c.saved(0).t(), g) : ctorch::mm(c.saved(0).t(), g) * alpha;
           return grads{gi, g1, g2};
         });
  return out;
}

}  // namespace ctorch::autograd::diff
