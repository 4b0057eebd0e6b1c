// Gradients of the elementwise ops (autograd.md A3.2-A3.4, A4.1-A4.4), in the evaluation order
// PyTorch 2.x's derivatives.yaml uses, so that results agree to the last bit where they can.
#include <cmath>
#include <numbers>

#include "autograd/diff.h"
#include "ctorch/activation.h"
#include "ctorch/elementwise.h"
#include "ctorch/factory.h"

namespace ctorch::autograd::diff {

using kernels::cpu::BinaryOp;
using kernels::cpu::UnaryOp;

namespace {

bool is_one(const Scalar& s) { return s.to<double>() == 1.0; }

// A number operand of maximum/atan2/... as PyTorch sees it there: a 0-dim tensor.
Tensor as_tensor(const Operand& x, ScalarType dtype) {
  return x.tensor() ? *x.tensor() : full({}, x.scalar(), TensorOptions(dtype));
}

Scalar minus_one(const Scalar& c) {
  return c.is_floating_point() ? Scalar(c.to<double>() - 1.0) : Scalar(c.to<int64_t>() - 1);
}

// maximum(x, y) / minimum(x, y) recorded under `name` (also clamp with one tensor bound): ties
// split g in two; NaN on either side gives g to both (A3.4).
void record_extreme(const char* name, bool is_max, const Tensor* ta, const Tensor* tb, Tensor& out,
                    const Tensor& x, const Tensor& y) {
  record(name, {ta, tb}, {&out}, {save(x), save(y)}, [is_max](Ctx& c) {
    const Tensor& g = c.grad();
    const Tensor x = c.saved(0), y = c.saved(1);
    const Tensor shared = ctorch::where(x == y, g / 2, g);
    Tensor gx, gy;
    if (c.needs(0)) gx = shared.masked_fill(is_max ? x < y : x > y, 0);
    if (c.needs(1)) gy = shared.masked_fill(is_max ? x > y : x < y, 0);
    return grads{gx, gy};
  });
}

Tensor not_implemented(const Tensor& out, const Tensor* a, const Tensor* b, const char* op) {
  record("torch::autograd::NotImplemented", {a, b}, {&out}, {}, [op](Ctx&) -> grads {
    CTORCH_FAIL(Runtime, "derivative for ", op, " is not implemented");
  });
  return out;
}

}  // namespace

Tensor binary(BinaryOp op, const Operand& a, const Operand& b, const Scalar& alpha, bool floor_divide,
              Tensor out) {
  const Tensor* ta = a.tensor();
  const Tensor* tb = b.tensor();
  const bool a_rg = ta && ta->requires_grad(), b_rg = tb && tb->requires_grad();
  const std::optional<Scalar> sa = ta ? std::nullopt : std::optional<Scalar>(a.scalar());
  const std::optional<Scalar> sb = tb ? std::nullopt : std::optional<Scalar>(b.scalar());
  switch (op) {
    case BinaryOp::Add:
    case BinaryOp::Sub: {
      const bool sub = op == BinaryOp::Sub;
      const char* name = !sub ? "AddBackward0" : ta ? "SubBackward0" : "RsubBackward1";
      record(name, {ta, tb}, {&out}, {}, [alpha, sub](Ctx& c) {
        const Tensor& g = c.grad();
        Tensor gb;
        if (c.needs(1)) {
          gb = is_one(alpha) ? g : g * alpha;
          if (sub) gb = -gb;
        }
        return grads{c.needs(0) ? g : Tensor(), gb};
      });
      return out;
    }
    case BinaryOp::Mul:
      record("MulBackward0", {ta, tb}, {&out},
             {a_rg && tb ? save(*tb) : nothing(), b_rg && ta ? save(*ta) : nothing()},
             [sa, sb](Ctx& c) {
               const Tensor& g = c.grad();
               Tensor ga, gb;
               if (c.needs(0)) ga = sb ? g * *sb : g * c.saved(0);
               if (c.needs(1)) gb = sa ? g * *sa : g * c.saved(1);
               return grads{ga, gb};
             });
      return out;
    case BinaryOp::Div:
      record("DivBackward0", {ta, tb}, {&out},
             {(a_rg || b_rg) && tb ? save(*tb) : nothing(), b_rg && ta ? save(*ta) : nothing()},
             [sa, sb](Ctx& c) {
               const Tensor& g = c.grad();
               Tensor ga, gb;
               if (c.needs(0)) ga = sb ? g / *sb : g / c.saved(0);
               if (c.needs(1)) {
                 const Tensor y = c.saved(0);
                 const Tensor ratio = sa ? ctorch::div(*sa, y) : c.saved(1) / y;
                 gb = -g * (ratio / y);  // 2.x: -g * ((x / y) / y)
               }
               return grads{ga, gb};
             });
      return out;
    case BinaryOp::DivTrunc:
    case BinaryOp::DivFloor:
      if (floor_divide) return not_implemented(out, ta, tb, "aten::floor_divide");
      record("DivBackward2", {ta, tb}, {&out}, {}, [](Ctx& c) {
        grads r(2);
        for (size_t i = 0; i < 2; ++i)
          if (c.needs(i)) r[i] = zeros(c.input_shape(i), options_of(c.grad()));
        return r;
      });
      return out;
    case BinaryOp::Pow:
      if (ta && sb) {  // x ** c (A3.3)
        const Scalar c0 = *sb;
        record("PowBackward0", {ta, nullptr}, {&out}, {save(*ta)}, [c0](Ctx& c) {
          if (c0.to<double>() == 0.0) return grads{zeros_like(c.grad()), Tensor()};
          return grads{c.grad() * (c.saved(0).pow(minus_one(c0)) * c0), Tensor()};
        });
      } else if (ta && tb) {  // x ** y
        record("PowBackward1", {ta, tb}, {&out}, {save(*ta), save(*tb), save_output()}, [](Ctx& c) {
          const Tensor& g = c.grad();
          const Tensor x = c.saved(0), y = c.saved(1);
          Tensor gx, gy;
          if (c.needs(0)) gx = ctorch::where(y == 0.0, 0.0, g * (y * x.pow(y - 1)));
          if (c.needs(1)) gy = g * ctorch::where((x == 0.0) & (y >= 0), 0.0, c.saved(2) * x.log());
          return grads{gx, gy};
        });
      } else {  // c ** y: PowBackward2 in 2.x (A2.4)
        const double base = sa->to<double>();
        record("PowBackward2", {nullptr, tb}, {&out}, {save_output(), save(*tb)}, [base](Ctx& c) {
          const Tensor result_log = c.saved(0) * std::log(base);
          const Tensor masked = base == 0.0 ? ctorch::where(c.saved(1) >= 0, 0.0, result_log) : result_log;
          return grads{Tensor(), c.grad() * masked};
        });
      }
      return out;
    case BinaryOp::Maximum:
    case BinaryOp::Minimum: {
      const bool is_max = op == BinaryOp::Maximum;
      record_extreme(is_max ? "MaximumBackward0" : "MinimumBackward0", is_max, ta, tb, out,
                     as_tensor(a, out.dtype()), as_tensor(b, out.dtype()));
      return out;
    }
    case BinaryOp::Atan2: {
      const Tensor x = as_tensor(a, out.dtype()), y = as_tensor(b, out.dtype());
      record("Atan2Backward0", {ta, tb}, {&out}, {save(x), save(y)}, [](Ctx& c) {
        const Tensor& g = c.grad();
        const Tensor x = c.saved(0), y = c.saved(1);
        // At (0, 0) the reciprocal is infinite and PyTorch 2.x passes 0 (1.13 gave NaN).
        Tensor recip = (x * x + y * y).reciprocal();
        recip = recip.masked_fill(recip.isinf(), 0);
        return grads{c.needs(0) ? g * y * recip : Tensor(), c.needs(1) ? g * -x * recip : Tensor()};
      });
      return out;
    }
    case BinaryOp::Remainder:
    case BinaryOp::Fmod: {
      const bool rem = op == BinaryOp::Remainder;
      const char* name = rem ? (tb ? "RemainderBackward1" : "RemainderBackward0")
                             : (tb ? "FmodBackward1" : "FmodBackward0");
      const Tensor x = as_tensor(a, out.dtype());
      record(name, {ta, tb}, {&out}, {b_rg ? save(x) : nothing(), b_rg ? save(*tb) : nothing()},
             [rem](Ctx& c) {
               const Tensor& g = c.grad();
               Tensor gb;
               if (c.needs(1)) gb = -g * c.saved(0).div(c.saved(1), rem ? "floor" : "trunc");
               return grads{c.needs(0) ? g : Tensor(), gb};
             });
      return out;
    }
    default:
      return out;  // comparisons, logical and bitwise ops: no floating result, nothing to record
  }
}

Tensor unary(UnaryOp op, const Tensor& a, Tensor out) {
  // Formulas of the input x (saved) or of the output (saved as output 0).
  auto of_input = [&](const char* name, Tensor (*f)(const Tensor& g, const Tensor& x)) {
    record(name, {&a}, {&out}, {save(a)}, [f](Ctx& c) { return grads{f(c.grad(), c.saved(0))}; });
  };
  auto of_output = [&](const char* name, Tensor (*f)(const Tensor& g, const Tensor& out)) {
    record(name, {&a}, {&out}, {save_output()}, [f](Ctx& c) { return grads{f(c.grad(), c.saved(0))}; });
  };
  auto of_grad = [&](const char* name, Tensor (*f)(const Tensor& g)) {
    record(name, {&a}, {&out}, {}, [f](Ctx& c) { return grads{f(c.grad())}; });
  };
  auto zero = [](const Tensor& g) { return zeros_like(g); };
  switch (op) {
    case UnaryOp::Abs: of_input("AbsBackward0", [](const Tensor& g, const Tensor& x) { return g * x.sign(); }); break;
    case UnaryOp::Neg: of_grad("NegBackward0", [](const Tensor& g) { return -g; }); break;
    case UnaryOp::Sign: of_grad("SignBackward0", zero); break;
    case UnaryOp::Floor: of_grad("FloorBackward0", zero); break;
    case UnaryOp::Ceil: of_grad("CeilBackward0", zero); break;
    case UnaryOp::Round: of_grad("RoundBackward0", zero); break;
    case UnaryOp::Trunc: of_grad("TruncBackward0", zero); break;
    case UnaryOp::Frac: of_grad("FracBackward0", [](const Tensor& g) { return g; }); break;
    case UnaryOp::Reciprocal:
      of_output("ReciprocalBackward0", [](const Tensor& g, const Tensor& y) { return -g * (y * y); });
      break;
    case UnaryOp::Relu:
      of_output("ReluBackward0", [](const Tensor& g, const Tensor& y) { return ctorch::where(y <= 0, 0.0, g); });
      break;
    case UnaryOp::Sqrt: of_output("SqrtBackward0", [](const Tensor& g, const Tensor& y) { return g / (2 * y); }); break;
    case UnaryOp::Rsqrt:
      of_output("RsqrtBackward0", [](const Tensor& g, const Tensor& y) { return -0.5 * g * y.pow(3); });
      break;
    case UnaryOp::Exp: of_output("ExpBackward0", [](const Tensor& g, const Tensor& y) { return g * y; }); break;
    case UnaryOp::Exp2:
      of_output("Exp2Backward0", [](const Tensor& g, const Tensor& y) { return g * y * std::numbers::ln2; });
      break;
    case UnaryOp::Expm1:
      of_output("Expm1Backward0", [](const Tensor& g, const Tensor& y) { return g * (y + 1); });
      break;
    case UnaryOp::Log: of_input("LogBackward0", [](const Tensor& g, const Tensor& x) { return g / x; }); break;
    case UnaryOp::Log2:
      of_input("Log2Backward0", [](const Tensor& g, const Tensor& x) { return g / (x * std::numbers::ln2); });
      break;
    case UnaryOp::Log10:
      of_input("Log10Backward0", [](const Tensor& g, const Tensor& x) { return g / (x * std::numbers::ln10); });
      break;
    case UnaryOp::Log1p:
      of_input("Log1PBackward0", [](const Tensor& g, const Tensor& x) { return g / (x + 1); });
      break;
    case UnaryOp::Sin: of_input("SinBackward0", [](const Tensor& g, const Tensor& x) { return g * x.cos(); }); break;
    case UnaryOp::Cos: of_input("CosBackward0", [](const Tensor& g, const Tensor& x) { return g * -x.sin(); }); break;
    case UnaryOp::Tan:
      of_output("TanBackward0", [](const Tensor& g, const Tensor& y) { return g * (1 + y.pow(2)); });
      break;
    case UnaryOp::Asin:
      of_input("AsinBackward0", [](const Tensor& g, const Tensor& x) { return g * (-x * x + 1).rsqrt(); });
      break;
    case UnaryOp::Acos:
      of_input("AcosBackward0", [](const Tensor& g, const Tensor& x) { return g * -(-x * x + 1).rsqrt(); });
      break;
    case UnaryOp::Atan:
      of_input("AtanBackward0", [](const Tensor& g, const Tensor& x) { return g / (x * x + 1); });
      break;
    case UnaryOp::Sinh: of_input("SinhBackward0", [](const Tensor& g, const Tensor& x) { return g * x.cosh(); }); break;
    case UnaryOp::Cosh: of_input("CoshBackward0", [](const Tensor& g, const Tensor& x) { return g * x.sinh(); }); break;
    case UnaryOp::Tanh:
      of_output("TanhBackward0", [](const Tensor& g, const Tensor& y) { return g * (1 - y * y); });
      break;
    case UnaryOp::Sigmoid:
      of_output("SigmoidBackward0", [](const Tensor& g, const Tensor& y) { return g * (1 - y) * y; });
      break;
    case UnaryOp::Erf:
      of_input("ErfBackward0", [](const Tensor& g, const Tensor& x) {
        return 2.0 / std::sqrt(std::numbers::pi) * (-x.pow(2)).exp() * g;
      });
      break;
    default:
      break;  // tests and logical ops: bool results
  }
  return out;
}

// ---- selection ----------------------------------------------------------------------------------------

Tensor where(const Tensor& condition, const Operand& a, const Operand& b) {
  Tensor out = no_grad([&] { return ctorch::where(condition, a, b); });
  record("WhereBackward0", {nullptr, a.tensor(), b.tensor()}, {&out}, {}, [condition](Ctx& c) {
    const Tensor& g = c.grad();
    return grads{Tensor(), c.needs(1) ? ctorch::where(condition, g, 0.0) : Tensor(),
                 c.needs(2) ? ctorch::where(condition, 0.0, g) : Tensor()};
  });
  return out;
}

// Number bounds: g passes where lo < x < hi strictly; at a bound itself, and for NaN, nothing
// passes (PyTorch 2.x; 1.13 passed g at the bounds).
Tensor clamp(const Tensor& a, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  Tensor out = no_grad([&] { return ctorch::clamp(a, min, max); });
  record("ClampBackward1", {&a}, {&out}, {save(a)}, [min, max](Ctx& c) {
    const Tensor x = c.saved(0);
    Tensor mask;
    if (min) mask = x > *min;
    if (max) mask = mask.defined() ? mask & (x < *max) : x < *max;
    return grads{ctorch::where(mask, c.grad(), 0.0)};
  });
  return out;
}

// Tensor bounds. With one bound, clamp is maximum(x, lo) or minimum(x, hi) and so is its gradient
// (ties split g in two, NaN gives g to both). With both, PyTorch 2.x's rule, read off its results
// over every combination of ordered values, infinities and NaN: x gets g where neither x < lo nor
// x > hi (so a NaN x gets it), halved where x equals exactly one of two ordered bounds; lo gets g
// below it and half at a tie, hi the same above it, but only where lo <= hi; where lo > hi, hi
// takes all of g (the result is hi) and lo nothing; a NaN bound passes nothing to either bound.
Tensor clamp(const Tensor& a, const std::optional<Tensor>& min, const std::optional<Tensor>& max) {
  Tensor out = no_grad([&] { return ctorch::clamp(a, min, max); });
  if (min.has_value() != max.has_value()) {
    const Tensor& bound = min ? *min : *max;
    record_extreme("ClampBackward0", min.has_value(), &a, &bound, out, a, bound);
    return out;
  }
  const Tensor lo = min.value_or(Tensor()), hi = max.value_or(Tensor());
  record("ClampBackward0", {&a, &lo, &hi}, {&out}, {save(a), save(lo), save(hi)}, [](Ctx& c) {
    const Tensor& g = c.grad();
    const Tensor x = c.saved(0), lo = c.saved(1), hi = c.saved(2);
    const Tensor ordered = lo <= hi, below = x < lo, above = x > hi, at_lo = x == lo, at_hi = x == hi;
    const Tensor half = g / 2;
    Tensor gx, glo, ghi;
    if (c.needs(0)) {
      gx = ctorch::where(ordered & (at_lo != at_hi), half, g).masked_fill(below | above, 0);
    }
    if (c.needs(1)) {
      glo = ctorch::where(ordered & below, g, ctorch::where(ordered & at_lo & ~at_hi, half, 0.0));
    }
    if (c.needs(2)) {
      ghi = ctorch::where((lo > hi) | (ordered & above), g, ctorch::where(ordered & at_hi & ~at_lo, half, 0.0));
    }
    return grads{gx, glo, ghi};
  });
  return out;
}

Tensor clamp_min(const Tensor& a, const Scalar& min) {
  Tensor out = no_grad([&] { return ctorch::clamp_min(a, min); });
  record("ClampMinBackward0", {&a}, {&out}, {save(a)},
         [min](Ctx& c) { return grads{ctorch::where(c.saved(0) > min, c.grad(), 0.0)}; });
  return out;
}

Tensor clamp_max(const Tensor& a, const Scalar& max) {
  Tensor out = no_grad([&] { return ctorch::clamp_max(a, max); });
  record("ClampMaxBackward0", {&a}, {&out}, {save(a)},
         [max](Ctx& c) { return grads{ctorch::where(c.saved(0) < max, c.grad(), 0.0)}; });
  return out;
}

// Tensor bound: maximum(x, lo) / minimum(x, hi)'s gradient, ties split in two.
Tensor clamp_min(const Tensor& a, const Tensor& min) {
  Tensor out = no_grad([&] { return ctorch::clamp_min(a, min); });
  record_extreme("ClampMinBackward1", true, &a, &min, out, a, min);
  return out;
}

Tensor clamp_max(const Tensor& a, const Tensor& max) {
  Tensor out = no_grad([&] { return ctorch::clamp_max(a, max); });
  record_extreme("ClampMaxBackward1", false, &a, &max, out, a, max);
  return out;
}

Tensor masked_fill(const Tensor& a, const Tensor& mask, const Scalar& value) {
  Tensor out = no_grad([&] { return ctorch::masked_fill(a, mask, value); });
  record("MaskedFillBackward0", {&a}, {&out}, {}, [mask](Ctx& c) { return grads{c.grad().masked_fill(mask, 0)}; });
  return out;
}

Tensor masked_fill(const Tensor& a, const Tensor& mask, const Tensor& value) {
  Tensor out = no_grad([&] { return ctorch::masked_fill(a, mask, value); });
  record("MaskedFillBackward1", {&a, nullptr, &value}, {&out}, {}, [mask](Ctx& c) {
    const Tensor& g = c.grad();
    return grads{c.needs(0) ? g.masked_fill(mask, 0) : Tensor(), Tensor(),
                 c.needs(2) ? ctorch::where(mask, g, 0.0).sum() : Tensor()};
  });
  return out;
}

Tensor round(const Tensor& a, int64_t decimals) {
  Tensor out = no_grad([&] { return ctorch::round(a, decimals); });
  record("RoundBackward1", {&a}, {&out}, {}, [](Ctx& c) { return grads{zeros_like(c.grad())}; });
  return out;
}

Tensor lerp(const Tensor& start, const Tensor& end, const Scalar& weight) {
  Tensor out = no_grad([&] { return ctorch::lerp(start, end, weight); });
  record("LerpBackward0", {&start, &end}, {&out}, {}, [weight](Ctx& c) {
    const Tensor& g = c.grad();
    return grads{c.needs(0) ? g * (1 - weight.to<double>()) : Tensor(), c.needs(1) ? g * weight : Tensor()};
  });
  return out;
}

Tensor lerp(const Tensor& start, const Tensor& end, const Tensor& weight) {
  Tensor out = no_grad([&] { return ctorch::lerp(start, end, weight); });
  record("LerpBackward1", {&start, &end, &weight}, {&out}, {save(start), save(end), save(weight)}, [](Ctx& c) {
    const Tensor& g = c.grad();
    const Tensor w = c.saved(2);
    return grads{c.needs(0) ? g * (1 - w) : Tensor(), c.needs(1) ? g * w : Tensor(),
                 c.needs(2) ? g * (c.saved(1) - c.saved(0)) : Tensor()};
  });
  return out;
}

Tensor nan_to_num(const Tensor& a, std::optional<double> nan, std::optional<double> posinf,
                  std::optional<double> neginf) {
  Tensor out = no_grad([&] { return ctorch::nan_to_num(a, nan, posinf, neginf); });
  record("NanToNumBackward0", {&a}, {&out}, {save(a)},
         [](Ctx& c) { return grads{c.grad() * c.saved(0).isfinite()}; });  // -0.0 where g < 0
  return out;
}

}  // namespace ctorch::autograd::diff
