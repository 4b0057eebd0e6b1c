// Autograd (autograd.md): gradients of every differentiable op against float64 finite differences
// (gradcheck), second derivatives of the arithmetic and unary ops (gradgradcheck), known values
// (the tutorial's X.sum(), a small MLP computed by hand), the engine's rules and every error.
#include <cmath>
#include <functional>
#include <random>

#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

namespace {

using Fn = std::function<Tensor(const std::vector<Tensor>&)>;

// Deterministic inputs in [lo, hi) (float64, contiguous, leaves that require grad).
Tensor input(IntArrayRef shape, uint32_t seed, double lo = -1.0, double hi = 1.0) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> dist(lo, hi);
  Tensor t = empty(shape, kFloat64);
  for (int64_t i = 0; i < t.numel(); ++i) t.data_ptr<double>()[i] = dist(gen);
  return t.requires_grad_();
}

// Sum of f(x) * w, the scalar whose gradient the checks compare.
double weighted(const Tensor& out, const Tensor& w) {
  return (out.to(kFloat64) * w).sum().item<double>();
}

// f's value with element j of input i moved by delta (grad mode off, other inputs unchanged).
double shifted(const Fn& f, const std::vector<Tensor>& xs, size_t i, int64_t j, double delta, const Tensor& w) {
  NoGradGuard guard;
  std::vector<Tensor> moved;
  for (size_t k = 0; k < xs.size(); ++k) {
    Tensor c = xs[k].detach().clone();
    if (k == i) c.data_ptr<double>()[j] += delta;
    moved.push_back(c);
  }
  return weighted(f(moved), w);
}

// gradcheck: the analytic gradient of sum(f(x) * w) against central differences, every element.
void gradcheck(const std::string& what, const Fn& f, const std::vector<Tensor>& xs, double atol = 1e-6,
               double rtol = 1e-4) {
  SCOPED_TRACE(what);
  const Tensor out = f(xs);
  ASSERT_TRUE(out.requires_grad()) << "no graph recorded";
  const Tensor w = input(out.sizes(), 99).detach();
  const auto analytic = autograd::grad({out}, xs, {w.to(out.dtype())}, std::nullopt, false, /*allow_unused=*/true);
  const double eps = 1e-6;
  for (size_t i = 0; i < xs.size(); ++i) {
    const std::vector<double> a = analytic[i].defined() ? doubles(analytic[i]) : std::vector<double>(xs[i].numel(), 0.0);
    ASSERT_EQ(static_cast<int64_t>(a.size()), xs[i].numel());
    for (int64_t j = 0; j < xs[i].numel(); ++j) {
      const double numeric = (shifted(f, xs, i, j, eps, w) - shifted(f, xs, i, j, -eps, w)) / (2 * eps);
      EXPECT_NEAR(a[j], numeric, atol + rtol * std::fabs(numeric)) << "input " << i << " element " << j;
    }
  }
}

// gradgradcheck: the gradient of sum(grad(sum(f(x) * w), x) * v), computed through create_graph,
// against central differences of the first-order gradient.
void gradgradcheck(const std::string& what, const Fn& f, const std::vector<Tensor>& xs) {
  SCOPED_TRACE(what);
  const Tensor w = input(f(xs).sizes(), 98).detach();
  auto first = [&](const std::vector<Tensor>& at, bool create) {
    return autograd::grad({f(at)}, at, {w}, std::nullopt, create, /*allow_unused=*/true);
  };
  std::vector<Tensor> vs;
  for (size_t i = 0; i < xs.size(); ++i) vs.push_back(input(xs[i].sizes(), 97 + static_cast<uint32_t>(i)).detach());
  const auto g1 = first(xs, true);
  Tensor s = zeros({}, kFloat64);
  for (size_t i = 0; i < xs.size(); ++i)
    if (g1[i].defined()) s = s + (g1[i] * vs[i]).sum();
  // A first derivative that does not depend on x (add, sub) has no graph: its derivative is 0.
  const auto analytic = s.requires_grad() ? autograd::grad({s}, xs, {}, std::nullopt, false, /*allow_unused=*/true)
                                          : std::vector<Tensor>(xs.size());
  const double eps = 1e-5;
  auto value_at = [&](size_t i, int64_t j, double delta) {
    std::vector<Tensor> moved;
    for (size_t k = 0; k < xs.size(); ++k) {
      Tensor c = xs[k].detach().clone();
      if (k == i) c.data_ptr<double>()[j] += delta;
      moved.push_back(c.requires_grad_());
    }
    const auto g = first(moved, false);
    double total = 0;
    for (size_t k = 0; k < xs.size(); ++k)
      if (g[k].defined()) total += (g[k] * vs[k]).sum().item<double>();
    return total;
  };
  for (size_t i = 0; i < xs.size(); ++i) {
    const std::vector<double> a = analytic[i].defined() ? doubles(analytic[i]) : std::vector<double>(xs[i].numel(), 0.0);
    for (int64_t j = 0; j < xs[i].numel(); ++j) {
      const double numeric = (value_at(i, j, eps) - value_at(i, j, -eps)) / (2 * eps);
      EXPECT_NEAR(a[j], numeric, 1e-5 + 1e-3 * std::fabs(numeric)) << "input " << i << " element " << j;
    }
  }
}

Tensor idx(std::vector<int64_t> v) { return tensor(v); }

}  // namespace

// ---- gradcheck over the op families -------------------------------------------------------------

TEST(AutogradGradcheck, ArithmeticWithBroadcast) {
  const Tensor a = input({2, 3}, 1), b = input({3}, 2), s = input({}, 3);
  const Tensor pos = input({2, 3}, 4, 0.5, 2.0), pos_b = input({3}, 5, 0.5, 2.0);
  gradcheck("add", [](auto& x) { return x[0] + x[1]; }, {a, b});
  gradcheck("add alpha", [](auto& x) { return add(x[0], x[1], 2.5); }, {a, b});
  gradcheck("sub zero-dim", [](auto& x) { return x[0] - x[1]; }, {a, s});
  gradcheck("rsub", [](auto& x) { return 2.0 - x[0]; }, {a});
  gradcheck("mul", [](auto& x) { return x[0] * x[1]; }, {a, b});
  gradcheck("mul self", [](auto& x) { return x[0] * x[0]; }, {a});
  gradcheck("div", [](auto& x) { return x[0] / x[1]; }, {a, pos_b});
  gradcheck("rdiv", [](auto& x) { return 3.0 / x[0]; }, {pos});
  gradcheck("pow scalar", [](auto& x) { return x[0].pow(3); }, {a});
  gradcheck("pow tensor", [](auto& x) { return x[0].pow(x[1]); }, {pos, b});
  gradcheck("pow number base", [](auto& x) { return pow(2.5, x[0]); }, {a});
  gradcheck("maximum", [](auto& x) { return maximum(x[0], x[1]); }, {a, b});
  gradcheck("minimum", [](auto& x) { return minimum(x[0], x[1]); }, {a, b});
  gradcheck("atan2", [](auto& x) { return atan2(x[0], x[1]); }, {a, pos_b});
  gradcheck("lerp", [](auto& x) { return lerp(x[0], x[1], x[2]); }, {a, input({2, 3}, 6), input({3}, 7)});
  gradcheck("non-contiguous", [](auto& x) { return x[0].t() * x[1]; }, {input({3, 2}, 8), b});
  gradcheck("where", [](auto& x) { return where(x[0] > 0, x[0], x[1]); }, {a, b});
  gradcheck("clamp", [](auto& x) { return x[0].clamp(-0.5, 0.5); }, {a});
  gradcheck("clamp tensors", [](auto& x) { return clamp(x[0], std::optional<Tensor>(x[1]), std::optional<Tensor>()); },
            {a, b});
  gradcheck("masked_fill", [](auto& x) { return x[0].masked_fill(x[0] > 0.2, 1.5); }, {a});
}

TEST(AutogradGradcheck, Unary) {
  const Tensor a = input({2, 3}, 11), pos = input({2, 3}, 12, 0.2, 2.0), unit = input({2, 3}, 13, -0.9, 0.9);
  const Tensor z = input({}, 14, 0.3, 0.8);
  gradcheck("abs", [](auto& x) { return x[0].abs(); }, {a});
  gradcheck("neg", [](auto& x) { return -x[0]; }, {a});
  gradcheck("sqrt", [](auto& x) { return x[0].sqrt(); }, {pos});
  gradcheck("rsqrt", [](auto& x) { return x[0].rsqrt(); }, {pos});
  gradcheck("exp", [](auto& x) { return x[0].exp(); }, {a});
  gradcheck("exp2", [](auto& x) { return x[0].exp2(); }, {a});
  gradcheck("expm1", [](auto& x) { return x[0].expm1(); }, {a});
  gradcheck("log", [](auto& x) { return x[0].log(); }, {pos});
  gradcheck("log2", [](auto& x) { return x[0].log2(); }, {pos});
  gradcheck("log10", [](auto& x) { return x[0].log10(); }, {pos});
  gradcheck("log1p", [](auto& x) { return x[0].log1p(); }, {pos});
  gradcheck("sin", [](auto& x) { return x[0].sin(); }, {a});
  gradcheck("cos", [](auto& x) { return x[0].cos(); }, {a});
  gradcheck("tan", [](auto& x) { return x[0].tan(); }, {a});
  gradcheck("asin", [](auto& x) { return x[0].asin(); }, {unit});
  gradcheck("acos", [](auto& x) { return x[0].acos(); }, {unit});
  gradcheck("atan", [](auto& x) { return x[0].atan(); }, {a});
  gradcheck("sinh", [](auto& x) { return x[0].sinh(); }, {a});
  gradcheck("cosh", [](auto& x) { return x[0].cosh(); }, {a});
  gradcheck("tanh", [](auto& x) { return x[0].tanh(); }, {a});
  gradcheck("sigmoid", [](auto& x) { return x[0].sigmoid(); }, {a});
  gradcheck("erf", [](auto& x) { return x[0].erf(); }, {a});
  gradcheck("reciprocal", [](auto& x) { return x[0].reciprocal(); }, {pos});
  gradcheck("relu", [](auto& x) { return x[0].relu(); }, {a});
  gradcheck("square", [](auto& x) { return x[0].square(); }, {a});
  gradcheck("frac", [](auto& x) { return x[0].frac(); }, {pos});
  gradcheck("zero-dim", [](auto& x) { return x[0].exp() * x[0].sin(); }, {z});
  gradcheck("non-contiguous", [](auto& x) { return x[0].t().tanh(); }, {a});
}

TEST(AutogradGradcheck, Reductions) {
  const Tensor a = input({3, 4}, 21), pos = input({3, 4}, 22, 0.5, 1.5);
  gradcheck("sum", [](auto& x) { return x[0].sum(); }, {a});
  gradcheck("sum dim", [](auto& x) { return x[0].sum({1}); }, {a});
  gradcheck("sum keepdim", [](auto& x) { return x[0].sum({0}, true); }, {a});
  gradcheck("mean", [](auto& x) { return x[0].mean(); }, {a});
  gradcheck("mean dims", [](auto& x) { return x[0].mean({0, 1}); }, {a});
  gradcheck("prod", [](auto& x) { return x[0].prod(); }, {pos});
  gradcheck("prod dim", [](auto& x) { return prod(x[0], 1); }, {a});
  gradcheck("var", [](auto& x) { return x[0].var(); }, {a});
  gradcheck("std dim", [](auto& x) { return x[0].std({1}, true, true); }, {a});
  gradcheck("max", [](auto& x) { return x[0].max(); }, {a});
  gradcheck("min dim", [](auto& x) { return x[0].min(1).values; }, {a});
  gradcheck("amax", [](auto& x) { return x[0].amax({0}); }, {a});
  gradcheck("norm", [](auto& x) { return x[0].norm(); }, {a});
  gradcheck("norm 1 dim", [](auto& x) { return x[0].norm(1, {1}); }, {a});
  gradcheck("norm 3", [](auto& x) { return x[0].norm(3, {0}, true); }, {a});
  gradcheck("norm 1.5", [](auto& x) { return x[0].norm(1.5); }, {a});
  gradcheck("logsumexp", [](auto& x) { return x[0].logsumexp({1}); }, {a});
  gradcheck("cumsum", [](auto& x) { return x[0].cumsum(1); }, {a});
  gradcheck("cumprod", [](auto& x) { return x[0].cumprod(0); }, {a});
  gradcheck("softmax", [](auto& x) { return x[0].softmax(1); }, {a});
  gradcheck("log_softmax", [](auto& x) { return x[0].log_softmax(0); }, {a});
  gradcheck("non-contiguous sum", [](auto& x) { return x[0].t().sum({0}); }, {a});
  gradcheck("zero-dim", [](auto& x) { return x[0].sum(); }, {input({}, 23)});
}

// Outputs from a zero on add exactly 0 to the gradient of what precedes it, even where a later
// infinity makes the IEEE product NaN (PyTorch 2.15: [0.5, 0, 0, 0, 0, 0, 0]).
TEST(AutogradGradcheck, CumprodZerosBeforeInfinity) {
  const double inf = std::numeric_limits<double>::infinity();
  Tensor x = tensor({-0.0, 0.0, -2.5, -3.0, 0.0, 2.0, inf}, kFloat64).requires_grad_();
  const auto g = autograd::grad({x.cumprod(0)}, {x}, {tensor({0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0}, kFloat64)});
  EXPECT_EQ(doubles(g[0]), (std::vector<double>{0.5, 0, 0, 0, 0, 0, 0}));
}

TEST(AutogradGradcheck, CumprodWithZeros) {
  Tensor x = tensor({2.0, 0.0, 3.0, 0.0, 5.0}, kFloat64).requires_grad_();
  auto [g] = std::array<Tensor, 1>{autograd::grad({x.cumprod(0).sum()}, {x})[0]};
  // d/dx_i of sum_j prod_{k<=j} x_k, by hand: x0: 1 + x1 + ... = 1; x1: x0 + x0*x2 = 2 + 6 = 8;
  // x2: 0; x3: x0*x1*x2 = 0 (x1 = 0); x4: 0.
  EXPECT_EQ(doubles(g), (D{1.0, 8.0, 0.0, 0.0, 0.0}));
}

TEST(AutogradGradcheck, MatrixProducts) {
  gradcheck("mm", [](auto& x) { return mm(x[0], x[1]); }, {input({2, 3}, 31), input({3, 4}, 32)});
  gradcheck("mm transposed", [](auto& x) { return mm(x[0].t(), x[1]); }, {input({3, 2}, 33), input({3, 4}, 34)});
  gradcheck("bmm", [](auto& x) { return bmm(x[0], x[1]); }, {input({2, 2, 3}, 35), input({2, 3, 2}, 36)});
  gradcheck("mv", [](auto& x) { return mv(x[0], x[1]); }, {input({2, 3}, 37), input({3}, 38)});
  gradcheck("dot", [](auto& x) { return dot(x[0], x[1]); }, {input({3}, 39), input({3}, 40)});
  gradcheck("outer", [](auto& x) { return outer(x[0], x[1]); }, {input({3}, 41), input({2}, 42)});
  gradcheck("addmm", [](auto& x) { return addmm(x[0], x[1], x[2], 0.5, 2.0); },
            {input({4}, 43), input({2, 3}, 44), input({3, 4}, 45)});
  gradcheck("matmul 1x2", [](auto& x) { return matmul(x[0], x[1]); }, {input({3}, 46), input({3, 2}, 47)});
  gradcheck("matmul 3x2", [](auto& x) { return matmul(x[0], x[1]); }, {input({2, 2, 3}, 48), input({3, 2}, 49)});
  gradcheck("matmul 2x3", [](auto& x) { return matmul(x[0], x[1]); }, {input({2, 3}, 50), input({2, 3, 2}, 51)});
  gradcheck("matmul broadcast", [](auto& x) { return matmul(x[0], x[1]); }, {input({2, 1, 2, 3}, 52), input({3, 3, 2}, 53)});
}

TEST(AutogradGradcheck, ViewsAndIndexing) {
  const Tensor a = input({3, 4}, 61);
  gradcheck("view", [](auto& x) { return x[0].view({4, 3}) * x[0].view({4, 3}); }, {a});
  gradcheck("reshape copy", [](auto& x) { return x[0].t().reshape({12}).exp(); }, {a});
  gradcheck("transpose", [](auto& x) { return x[0].transpose(0, 1).cumsum(0); }, {a});
  gradcheck("permute", [](auto& x) { return x[0].permute({2, 0, 1}).cumsum(0); }, {input({2, 3, 2}, 62)});
  gradcheck("slice step", [](auto& x) { return x[0].slice(1, 1, 4, 2).exp(); }, {a});
  gradcheck("index slices", [](auto& x) { return x[0].index({Slice(1, None), Slice(None, None, 3)}); }, {a});
  gradcheck("narrow", [](auto& x) { return x[0].narrow(0, 1, 2).sin(); }, {a});
  gradcheck("select", [](auto& x) { return x[0].select(1, 2) * x[0][0].sum(); }, {a});
  gradcheck("expand", [](auto& x) { return x[0].expand({3, 2, 4}).cumsum(1); }, {input({2, 1}, 63).view({2, 1}).squeeze(1).unsqueeze(1).detach().requires_grad_()});
  gradcheck("squeeze unsqueeze", [](auto& x) { return x[0].squeeze().unsqueeze(0).exp(); }, {input({1, 3, 1}, 64)});
  gradcheck("flatten", [](auto& x) { return x[0].flatten().cumsum(0); }, {input({2, 3, 2}, 65)});
  gradcheck("index_select", [](auto& x) { return x[0].index_select(1, idx({3, 0, 3})); }, {a});
  gradcheck("gather", [](auto& x) { return x[0].gather(0, tensor({{2, 0, 1, 2}, {0, 0, 0, 1}})); }, {a});
  gradcheck("scatter", [](auto& x) { return x[0].scatter(1, tensor({{1}, {0}, {3}}), x[1]); }, {a, input({3, 1}, 66)});
  gradcheck("scatter_add", [](auto& x) { return x[0].scatter_add(0, tensor({{1, 1, 0, 2}}), x[1]); }, {a, input({1, 4}, 67)});
  gradcheck("index tensor", [](auto& x) { return x[0].index({idx({2, 0, 2})}); }, {a});
  gradcheck("index mask", [](auto& x) { return x[0].index({x[0] > 0}); }, {a});
  gradcheck("masked_select", [](auto& x) { return x[0].masked_select(x[0] < 0); }, {a});
  gradcheck("cat", [](auto& x) { return cat({x[0], x[1].t()}, 0); }, {a, input({4, 2}, 68)});
  gradcheck("stack", [](auto& x) { return stack({x[0], x[1]}, 1); }, {a, input({3, 4}, 69)});
  gradcheck("split", [](auto& x) { return x[0].split(3, 1)[1] * 2; }, {a});
  gradcheck("split sizes", [](auto& x) {
    auto parts = x[0].split(std::vector<int64_t>{1, 2}, 0);
    return parts[0] * parts[1].sum(0);
  }, {a});
  gradcheck("chunk", [](auto& x) { return x[0].chunk(2, 1)[0].exp(); }, {a});
  gradcheck("unbind", [](auto& x) { return x[0].unbind(1)[2] * x[0].unbind(1)[0]; }, {a});
  gradcheck("flip", [](auto& x) { return x[0].flip({0, 1}).cumsum(1); }, {a});
  gradcheck("roll", [](auto& x) { return x[0].roll({1, -1}, {0, 1}).cumsum(1); }, {a});
  gradcheck("repeat", [](auto& x) { return x[0].repeat({2, 1, 3}); }, {input({2, 2}, 70)});
  gradcheck("diagonal", [](auto& x) { return x[0].diagonal(1); }, {a});
}

TEST(Autograd, DtypeConversionGradient) {
  // Finite differences cannot see through float32 rounding: the gradient is checked exactly.
  Tensor x = tensor({0.1, -2.5, 3.0}, kFloat64).requires_grad_();
  Tensor y = x.to(kFloat32);
  EXPECT_EQ(y.grad_fn()->name(), "ToCopyBackward0");
  (y * tensor({1.0f, 2.0f, -4.0f})).sum().backward();
  EXPECT_EQ(x.grad().dtype(), kFloat64);
  EXPECT_EQ(doubles(x.grad()), (D{1.0, 2.0, -4.0}));
  Tensor h = tensor({1.5, 2.0}, kFloat64).requires_grad_();
  (h.to(kFloat16) * 3).sum().backward();
  EXPECT_EQ(doubles(h.grad()), (D{3.0, 3.0}));
}

TEST(AutogradGradcheck, InPlace) {
  gradcheck("mul_ on a clone", [](auto& x) {
    Tensor b = x[0].clone();
    b.mul_(x[1]);
    return b;
  }, {input({3}, 81), input({3}, 82)});
  gradcheck("exp_ after sin", [](auto& x) {
    Tensor b = x[0].sin();
    b.exp_();
    return b;
  }, {input({2, 2}, 83)});
  gradcheck("in-place on a view", [](auto& x) {
    Tensor b = x[0].clone();
    b.select(0, 1).mul_(x[1]);
    return b;
  }, {input({2, 3}, 84), input({3}, 85)});
  gradcheck("setitem", [](auto& x) {
    Tensor b = x[0] * 1;
    b.index_put_({1}, x[1]);
    return b * b;
  }, {input({2, 3}, 86), input({3}, 87)});
}

// ---- second derivatives ---------------------------------------------------------------------------

TEST(AutogradGradgradcheck, ArithmeticAndUnary) {
  const Tensor a = input({2, 3}, 91), b = input({3}, 92, 0.5, 1.5), pos = input({2, 3}, 93, 0.5, 1.5);
  gradgradcheck("add", [](auto& x) { return x[0] + x[1] * 2; }, {a, b});
  gradgradcheck("sub", [](auto& x) { return x[0] - x[1]; }, {a, b});
  gradgradcheck("mul", [](auto& x) { return x[0] * x[1]; }, {a, b});
  gradgradcheck("div", [](auto& x) { return x[0] / x[1]; }, {a, b});
  gradgradcheck("pow", [](auto& x) { return x[0].pow(3); }, {a});
  gradgradcheck("pow tensor", [](auto& x) { return x[0].pow(x[1]); }, {pos, b});
  for (auto [name, f] : std::vector<std::pair<const char*, Tensor (*)(const Tensor&)>>{
           {"exp", [](const Tensor& t) { return t.exp(); }},   {"log", [](const Tensor& t) { return t.log(); }},
           {"sin", [](const Tensor& t) { return t.sin(); }},   {"cos", [](const Tensor& t) { return t.cos(); }},
           {"tanh", [](const Tensor& t) { return t.tanh(); }}, {"sigmoid", [](const Tensor& t) { return t.sigmoid(); }},
           {"sqrt", [](const Tensor& t) { return t.sqrt(); }}, {"rsqrt", [](const Tensor& t) { return t.rsqrt(); }},
           {"reciprocal", [](const Tensor& t) { return t.reciprocal(); }},
           {"tan", [](const Tensor& t) { return t.tan(); }},   {"atan", [](const Tensor& t) { return t.atan(); }},
           {"asin", [](const Tensor& t) { return (t * 0.5).asin(); }},
           {"erf", [](const Tensor& t) { return t.erf(); }},   {"expm1", [](const Tensor& t) { return t.expm1(); }},
           {"log1p", [](const Tensor& t) { return t.log1p(); }}, {"sinh", [](const Tensor& t) { return t.sinh(); }},
           {"abs", [](const Tensor& t) { return t.abs() * t; }}, {"square", [](const Tensor& t) { return t.square(); }},
       }) {
    gradgradcheck(name, [f = f](auto& x) { return f(x[0]); }, {pos});
  }
}

TEST(AutogradGradgradcheck, ThirdPowerFromTheSpec) {
  Tensor x = tensor({-0.5, 2.0, -3.0}, kFloat64).requires_grad_();
  const auto g1 = autograd::grad({x.pow(3).sum()}, {x}, {}, std::nullopt, /*create_graph=*/true);
  EXPECT_EQ(doubles(g1[0]), (D{0.75, 12.0, 27.0}));  // 3x^2
  EXPECT_TRUE(g1[0].requires_grad());
  const auto g2 = autograd::grad({g1[0].sum()}, {x});
  EXPECT_EQ(doubles(g2[0]), (D{-3.0, 12.0, -18.0}));  // 6x
}

// ---- known values -----------------------------------------------------------------------------------

TEST(Autograd, TutorialSumGradientIsOnes) {
  Tensor X = tensor({3., 2., 1.}, requires_grad());
  Tensor y = X.sum();
  EXPECT_EQ(repr(y), "tensor(6., grad_fn=<SumBackward0>)");
  y.backward();
  EXPECT_EQ(repr(X.grad()), "tensor([1., 1., 1.])");
  EXPECT_EQ(repr(X), "tensor([3., 2., 1.], requires_grad=True)");
}

TEST(Autograd, ReprShowsGradFn) {
  Tensor x = tensor({1., 2.}, requires_grad());
  EXPECT_EQ(repr(x * 2), "tensor([2., 4.], grad_fn=<MulBackward0>)");
  EXPECT_EQ(repr(x + x), "tensor([2., 4.], grad_fn=<AddBackward0>)");
  EXPECT_EQ(repr(x.to(kFloat64)), "tensor([1., 2.], dtype=torch.float64, grad_fn=<ToCopyBackward0>)");
  EXPECT_EQ(repr(mm(x.view({1, 2}), x.view({2, 1}))), "tensor([[5.]], grad_fn=<MmBackward0>)");
  EXPECT_EQ(repr(x.view({2, 1})), "tensor([[1.],\n        [2.]], grad_fn=<ViewBackward0>)");
  Tensor b = x.clone();
  b.index_put_({0}, 5.0);
  EXPECT_EQ(repr(b), "tensor([5., 2.], grad_fn=<CopySlices>)");
  EXPECT_EQ(repr(zeros({0, 3}, requires_grad())), "tensor([], size=(0, 3), requires_grad=True)");
}

// A 2-layer MLP with tanh and a squared loss, and its gradients written out by hand in float64.
TEST(Autograd, SmallMlpMatchesHandWrittenBackprop) {
  const int64_t B = 4, I = 3, H = 5, O = 2;
  Tensor x = input({B, I}, 201).detach(), target = input({B, O}, 202).detach();
  Tensor w1 = input({I, H}, 203), b1 = input({H}, 204), w2 = input({H, O}, 205), b2 = input({O}, 206);
  Tensor h = (matmul(x, w1) + b1).tanh();
  Tensor loss = ((addmm(b2, h, w2) - target).pow(2)).mean();
  loss.backward();

  auto at = [](const Tensor& t, int64_t i, int64_t j) { return t.data_ptr<double>()[i * t.size(1) + j]; };
  auto at1 = [](const Tensor& t, int64_t i) { return t.data_ptr<double>()[i]; };
  std::vector<double> hv(B * H), dh(B * H), dy(B * O);
  std::vector<double> gw1(I * H, 0), gb1(H, 0), gw2(H * O, 0), gb2(O, 0);
  for (int64_t n = 0; n < B; ++n) {
    for (int64_t k = 0; k < H; ++k) {
      double z = at1(b1, k);
      for (int64_t i = 0; i < I; ++i) z += at(x, n, i) * at(w1, i, k);
      hv[n * H + k] = std::tanh(z);
    }
    for (int64_t o = 0; o < O; ++o) {
      double y = at1(b2, o);
      for (int64_t k = 0; k < H; ++k) y += hv[n * H + k] * at(w2, k, o);
      dy[n * O + o] = 2.0 * (y - at(target, n, o)) / static_cast<double>(B * O);
    }
  }
  for (int64_t n = 0; n < B; ++n) {
    for (int64_t o = 0; o < O; ++o) {
      gb2[o] += dy[n * O + o];
      for (int64_t k = 0; k < H; ++k) gw2[k * O + o] += hv[n * H + k] * dy[n * O + o];
    }
    for (int64_t k = 0; k < H; ++k) {
      double d = 0;
      for (int64_t o = 0; o < O; ++o) d += dy[n * O + o] * at(w2, k, o);
      dh[n * H + k] = d * (1 - hv[n * H + k] * hv[n * H + k]);
      gb1[k] += dh[n * H + k];
      for (int64_t i = 0; i < I; ++i) gw1[i * H + k] += at(x, n, i) * dh[n * H + k];
    }
  }
  auto near = [](const std::vector<double>& got, const std::vector<double>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-12) << i;
  };
  near(doubles(w1.grad()), gw1);
  near(doubles(b1.grad()), gb1);
  near(doubles(w2.grad()), gw2);
  near(doubles(b2.grad()), gb2);
}

TEST(Autograd, GradientsAccumulateOverTwoBackwardCalls) {
  Tensor x = tensor({-1.75, 2.25, -1.0}, kFloat64).requires_grad_();
  Tensor s = (x * x).sum();
  s.backward({}, /*retain_graph=*/true);
  EXPECT_EQ(doubles(x.grad()), (D{-3.5, 4.5, -2.0}));
  s.backward();
  EXPECT_EQ(doubles(x.grad()), (D{-7.0, 9.0, -4.0}));
  x.set_grad(Tensor());
  (x * 3).sum().backward();
  EXPECT_EQ(doubles(x.grad()), (D{3.0, 3.0, 3.0}));
}

TEST(Autograd, Float32LeafGetsFloat32Grad) {
  Tensor x = tensor({0.5f, -1.75f}).requires_grad_();
  (x.to(kFloat64) * tensor({0.1, 0.2})).sum().backward();
  EXPECT_EQ(x.grad().dtype(), kFloat32);
  EXPECT_EQ(values<float>(x.grad()), (F32{0.1f, 0.2f}));
}

TEST(Autograd, GradModeAndGuards) {
  Tensor x = tensor({1., 2.}, requires_grad());
  {
    NoGradGuard guard;
    EXPECT_FALSE(GradMode::is_enabled());
    Tensor y = x * 2;
    EXPECT_FALSE(y.requires_grad());
    EXPECT_TRUE(y.is_leaf());
    {
      EnableGradGuard enable;
      EXPECT_TRUE((x * 2).requires_grad());
    }
    EXPECT_FALSE(GradMode::is_enabled());
  }
  EXPECT_TRUE(GradMode::is_enabled());
  EXPECT_FALSE((x > 1).requires_grad());            // bool results never require grad
  EXPECT_FALSE(x.argmax().requires_grad());
  EXPECT_FALSE(x.to(kInt64).requires_grad());
  EXPECT_TRUE(x.to(kFloat32).is_same(x));            // A1.4: the same tensor
  EXPECT_TRUE(x.flatten().is_same(x));
}

TEST(Autograd, RetainGradHooksDetach) {
  Tensor x = tensor({1.0, 2.0, -0.5}, kFloat64).requires_grad_();
  Tensor y = x * 2;
  y.retain_grad();
  std::vector<double> seen;
  y.register_hook([&](const Tensor& g) { seen = doubles(g); });
  x.register_hook([](const Tensor& g) { return g * 10; });
  (y * y).sum().backward();
  EXPECT_EQ(doubles(y.grad()), (D{4.0, 8.0, -2.0}));
  EXPECT_EQ(seen, (D{4.0, 8.0, -2.0}));
  EXPECT_EQ(doubles(x.grad()), (D{80.0, 160.0, -40.0}));

  Tensor d = x.detach();
  EXPECT_FALSE(d.requires_grad());
  d.mul_(2);  // shares storage and version with x
  EXPECT_EQ(x._version(), 1);
  EXPECT_EQ(doubles(x), (D{2.0, 4.0, -1.0}));
}

TEST(Autograd, FunctionalGradAndUnused) {
  Tensor x = tensor({1.5, 2.25}, kFloat64).requires_grad_();
  Tensor z = tensor({1.0}, kFloat64).requires_grad_();
  const auto g = autograd::grad({(x * 2).sum()}, {x, z}, {}, std::nullopt, false, /*allow_unused=*/true);
  EXPECT_EQ(doubles(g[0]), (D{2.0, 2.0}));
  EXPECT_FALSE(g[1].defined());
  EXPECT_FALSE(x.grad().defined());
}

TEST(Autograd, InPlaceOnViewRoutesThroughCopySlices) {
  Tensor x = tensor({{0.5, -3.0}, {-2.25, 1.75}}, kFloat64).requires_grad_();
  Tensor b = x.clone();
  Tensor v = b.select(0, 1);
  v.mul_(3);
  EXPECT_EQ(b.grad_fn()->name(), "torch::autograd::CopySlices");
  EXPECT_EQ(v.grad_fn()->name(), "AsStridedBackward0");
  b.sum().backward();
  EXPECT_EQ(doubles(x.grad()), (D{1.0, 1.0, 3.0, 3.0}));
}

// ---- errors -----------------------------------------------------------------------------------------

TEST(AutogradErrors, Messages) {
  Tensor x = tensor({2.5, 2.0, -1.5}, kFloat64).requires_grad_();
  EXPECT_CTORCH_ERROR(Runtime, "grad can be implicitly created only for scalar outputs", (x * 2).backward());
  EXPECT_CTORCH_ERROR(Runtime,
                      "Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a shape "
                      "of torch.Size([3]).",
                      (x * 2).backward(tensor({1.0, 2.0}, kFloat64)));
  Tensor s = (x * x).sum();
  s.backward();
  EXPECT_CTORCH_ERROR(Runtime,
                      "Trying to backward through the graph a second time (or directly access saved tensors after "
                      "they have already been freed). Saved intermediate values of the graph are freed when you call "
                      ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
                      "graph a second time or if you need to access saved tensors after calling backward.",
                      s.backward());
  Tensor i = tensor({1, 2});
  EXPECT_CTORCH_ERROR(Runtime, "only Tensors of floating point dtype can require gradients", i.requires_grad_());
  EXPECT_CTORCH_ERROR(Runtime, "only Tensors of floating point and complex dtype can require gradients",
                      i.set_requires_grad(true));
  EXPECT_CTORCH_ERROR(Runtime, "Only Tensors of floating point and complex dtype can require gradients",
                      tensor({1, 2}, requires_grad()));
  EXPECT_CTORCH_ERROR(Runtime, "a leaf Variable that requires grad is being used in an in-place operation.",
                      x.add_(1));
  EXPECT_CTORCH_ERROR(Runtime, "a view of a leaf Variable that requires grad is being used in an in-place operation.",
                      x[0].mul_(2));
  Tensor y = x * 2;
  EXPECT_CTORCH_ERROR(Runtime,
                      "you can only change requires_grad flags of leaf variables. If you want to use a computed "
                      "variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
                      y.requires_grad_(false));
  EXPECT_CTORCH_ERROR(Runtime, "you can only change requires_grad flags of leaf variables.", y.set_requires_grad(true));
  EXPECT_CTORCH_ERROR(Runtime, "element 0 of tensors does not require grad and does not have a grad_fn",
                      x.detach().sum().backward());
  EXPECT_CTORCH_ERROR(Runtime, "can't retain_grad on Tensor that has requires_grad=False", x.detach().retain_grad());
  EXPECT_CTORCH_ERROR(Runtime, "cannot register a hook on a tensor that doesn't require gradient",
                      x.detach().register_hook([](const Tensor&) {}));
  EXPECT_CTORCH_ERROR(Runtime,
                      "The differentiated Tensor at index 1 appears to not have been used in the graph. Set "
                      "allow_unused=True if this is the desired behavior.",
                      autograd::grad({(x * 2).sum()}, {x, tensor({1.0}).requires_grad_()}));
  EXPECT_CTORCH_ERROR(Runtime, "'inputs' argument to backward() cannot be empty.",
                      (x * 2).sum().backward({}, std::nullopt, false, std::vector<Tensor>{}));
  EXPECT_CTORCH_ERROR(Runtime, "derivative for aten::floor_divide is not implemented",
                      floor_divide(x, 2).sum().backward());
}

TEST(AutogradErrors, SavedTensorModifiedInPlace) {
  Tensor x = tensor({2.75, -2.75, -3.0}, kFloat64).requires_grad_();
  Tensor b = (x * 1).exp();
  b.add_(1);
  EXPECT_EQ(b._version(), 1);
  EXPECT_CTORCH_ERROR(Runtime,
                      "one of the variables needed for gradient computation has been modified by an inplace "
                      "operation: [torch.DoubleTensor [3]], which is output 0 of ExpBackward0, is at version 1; "
                      "expected version 0 instead. Hint: enable anomaly detection to find the operation that failed "
                      "to compute its gradient, with torch.autograd.set_detect_anomaly(True).",
                      b.sum().backward());
  Tensor y = x.sin();
  {
    NoGradGuard guard;
    x.add_(1);
  }
  EXPECT_CTORCH_ERROR(Runtime,
                      "one of the variables needed for gradient computation has been modified by an inplace "
                      "operation: [torch.DoubleTensor [3]] is at version 1; expected version 0 instead. Hint: enable "
                      "anomaly detection to find the operation that failed to compute its gradient, with "
                      "torch.autograd.set_detect_anomaly(True).",
                      y.sum().backward());
}

TEST(AutogradErrors, MultiOutputViewInPlace) {
  Tensor x = tensor({{-0.5, -0.75}, {-0.5, 2.75}}, kFloat64).requires_grad_();
  Tensor u = x.clone().unbind(0)[0];
  EXPECT_CTORCH_ERROR(Runtime,
                      "Output 0 of UnbindBackward0 is a view and is being modified inplace. This view is the output "
                      "of a function that returns multiple views. Such functions do not allow the output views to be "
                      "modified inplace. You should replace the inplace operation by an out-of-place one.",
                      u.mul_(2));
}

TEST(AutogradErrors, NonLeafGradWarns) {
  Tensor x = tensor({1.0, 2.0}, kFloat64).requires_grad_();
  Tensor y = x * 2;
  y.sum().backward();
  std::string warning;
  auto previous = set_warning_handler([&](const std::string& w) { warning = w; });
  EXPECT_FALSE(y.grad().defined());
  set_warning_handler(previous);
  EXPECT_EQ(warning.rfind("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed.", 0), 0u);
}
