// python/src/random.cpp: ctorch.Generator, the default generator (manual_seed, seed,
// get_rng_state, ...), the sampling factories (rand, randn, randint, randperm, normal, bernoulli,
// multinomial, *_like) and the in-place samplers (t.uniform_(), t.normal_(), t.random_(), ...).
// Every draw is the C++ library's: PyTorch's CPU stream bit for bit.
#include "common.h"

namespace ctorch::python {

namespace {

// PyTorch takes seeds in [-2^63, 2^64); negatives wrap modulo 2^64 (random.md §1).
uint64_t to_seed(nb::handle h) {
  if (!PyLong_Check(h.ptr())) raise(PyExc_TypeError, "seed must be an int");
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(h.ptr(), &overflow);
  if (overflow == 0) return static_cast<uint64_t>(v);
  const unsigned long long u = PyLong_AsUnsignedLongLong(h.ptr());
  if (u == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
    PyErr_Clear();
    raise(PyExc_RuntimeError, "Overflow when unpacking long");
  }
  return u;
}

Generator* generator_of(nb::handle h) {
  if (h.is_none()) return nullptr;
  if (!nb::isinstance<Generator>(h)) raise(PyExc_TypeError, "generator must be a ctorch.Generator");
  return nb::inst_ptr<Generator>(h);
}

nb::object default_generator_object() { return nb::cast(&default_generator(), nb::rv_policy::reference); }

// randint(high, size) / randint(low, high, size), also by keyword.
Tensor randint(const nb::args& args, const nb::kwargs& kwargs) {
  std::vector<nb::handle> positional(args.begin(), args.end());
  nb::handle low, high, size;
  nb::kwargs rest;
  for (auto [key, value] : kwargs) {
    const std::string name = nb::cast<std::string>(key);
    if (name == "low") low = value;
    else if (name == "high") high = value;
    else if (name == "size") size = value;
    else rest[key] = value;
  }
  // Positional arguments fill what the keywords left, in the order low, high, size; one number
  // alone before the size is the high bound.
  if (!size.is_valid()) {
    if (positional.empty()) raise(PyExc_TypeError, "randint() missing required argument 'size'");
    size = positional.back();
    positional.pop_back();
  }
  if (positional.size() == 2) {
    low = positional[0];
    high = positional[1];
  } else if (positional.size() == 1) {
    (high.is_valid() ? low : high) = positional[0];
  } else if (!positional.empty()) {
    raise(PyExc_TypeError, "randint() takes at most 3 positional arguments");
  }
  if (!high.is_valid()) raise(PyExc_TypeError, "randint() missing required argument 'high'");
  Generator* generator = nullptr;
  const TensorOptions options = parse_options("randint", rest, &generator);
  const int64_t lo = low.is_valid() ? to_int64(low, "low") : 0;
  return ctorch::randint(lo, to_int64(high, "high"), int_list(size, "size"), options, generator);
}

nb::object normal(nb::handle mean, nb::handle std, nb::handle size, nb::handle generator, const nb::kwargs& k) {
  Generator* g = generator_of(generator);
  const bool mean_t = nb::isinstance<Tensor>(mean), std_t = nb::isinstance<Tensor>(std);
  if (mean_t && std_t) return nb::cast(ctorch::normal(*nb::inst_ptr<Tensor>(mean), *nb::inst_ptr<Tensor>(std), g));
  if (mean_t) return nb::cast(ctorch::normal(*nb::inst_ptr<Tensor>(mean), nb::cast<double>(std), g));
  if (std_t) return nb::cast(ctorch::normal(nb::cast<double>(mean), *nb::inst_ptr<Tensor>(std), g));
  if (size.is_none()) raise(PyExc_TypeError, "normal(): with float mean and std, a size is required");
  return nb::cast(ctorch::normal(nb::cast<double>(mean), nb::cast<double>(std), int_list(size, "size"),
                                 parse_options("normal", k), g));
}

// t.random_(), t.random_(to), t.random_(from, to); to=None: up to the dtype's maximum.
nb::object random_(Self self, const nb::args& args, const nb::kwargs& kwargs) {
  nb::handle from, to, generator = nb::none();
  bool to_given = false;
  for (auto [key, value] : kwargs) {
    const std::string name = nb::cast<std::string>(key);
    if (name == "from") {
      from = value;
    } else if (name == "to") {
      to = value;
      to_given = true;
    } else if (name == "generator") {
      generator = value;
    } else {
      raise(PyExc_TypeError, "random_() got an unexpected keyword argument '" + name + "'");
    }
  }
  if (args.size() > 2) raise(PyExc_TypeError, "random_() takes at most 2 positional arguments");
  if (args.size() == 2) {
    from = args[0];
    to = args[1];
    to_given = true;
  } else if (args.size() == 1) {
    if (to_given) {
      from = args[0];
    } else {  // random_(to)
      to = args[0];
    }
  }
  Generator* g = generator_of(generator);
  Tensor& t = *self.p;
  if (!from.is_valid() && !to.is_valid()) {
    t.random_(g);
  } else if (!from.is_valid() && !to_given) {
    t.random_(to_int64(to, "to"), g);
  } else {
    std::optional<int64_t> upper;
    if (to.is_valid() && !to.is_none()) upper = to_int64(to, "to");
    t.random_(from.is_valid() ? to_int64(from, "from") : 0, upper, g);
  }
  return nb::borrow(self.h);
}

void bind_generator(nb::module_& m) {
  nb::class_<Generator>(m, "Generator")
      .def("__init__", [](Generator* g, nb::handle device) {
        if (!device.is_none() && !to_device(device).is_cpu())
          raise(PyExc_RuntimeError, "ctorch.Generator: only the CPU generator exists in this build");
        new (g) Generator();
      }, nb::arg("device") = "cpu")
      .def("manual_seed", [](nb::handle self, nb::handle seed) {
        nb::inst_ptr<Generator>(self)->manual_seed(to_seed(seed));
        return nb::borrow(self);
      }, nb::arg("seed"))
      .def("seed", [](Generator& g) { return g.seed(); })
      .def("initial_seed", [](const Generator& g) { return g.initial_seed(); })
      .def("get_state", [](const Generator& g) { return g.get_state(); })
      .def("set_state", [](nb::handle self, const Tensor& state) {
        nb::inst_ptr<Generator>(self)->set_state(state);
        return nb::borrow(self);
      }, nb::arg("new_state"))
      .def_prop_ro("device", [](const Generator&) { return Device(kCPU); });

  m.attr("default_generator") = default_generator_object();
  m.def("manual_seed", [](nb::handle seed) {
    manual_seed(to_seed(seed));
    return default_generator_object();
  }, nb::arg("seed"));
  m.def("seed", [] { return seed(); });
  m.def("initial_seed", [] { return initial_seed(); });
  m.def("get_rng_state", [] { return get_rng_state(); });
  m.def("set_rng_state", [](const Tensor& state) { set_rng_state(state); }, nb::arg("new_state"));
}

void bind_factories(nb::module_& m) {
  m.def("rand", [](const nb::args& a, const nb::kwargs& k) {
    auto f = parse_factory("rand", a, k, true, true);
    return rand(f.size, f.options, f.generator);
  });
  m.def("randn", [](const nb::args& a, const nb::kwargs& k) {
    auto f = parse_factory("randn", a, k, true, true);
    return randn(f.size, f.options, f.generator);
  });
  m.def("randint", &randint);
  m.def("randperm", [](int64_t n, const nb::kwargs& k) {
    Generator* g = nullptr;
    const TensorOptions o = parse_options("randperm", k, &g);
    return randperm(n, o, g);
  }, nb::arg("n"), nb::arg("kwargs"));
  m.def("rand_like", [](const Tensor& t, const nb::kwargs& k) {
    Generator* g = nullptr;
    const TensorOptions o = parse_options("rand_like", k, &g);
    return rand_like(t, o, g);
  }, nb::arg("input"), nb::arg("kwargs"));
  m.def("randn_like", [](const Tensor& t, const nb::kwargs& k) {
    Generator* g = nullptr;
    const TensorOptions o = parse_options("randn_like", k, &g);
    return randn_like(t, o, g);
  }, nb::arg("input"), nb::arg("kwargs"));
  m.def("randint_like", [](const Tensor& t, int64_t low_or_high, std::optional<int64_t> high, const nb::kwargs& k) {
    Generator* g = nullptr;
    const TensorOptions o = parse_options("randint_like", k, &g);
    if (high) return randint_like(t, low_or_high, *high, o, g);
    return randint_like(t, low_or_high, o, g);
  }, nb::arg("input"), nb::arg("low"), nb::arg("high") = nb::none(), nb::arg("kwargs"));
  m.def("normal", &normal, nb::arg("mean"), nb::arg("std"), nb::arg("size") = nb::none(),
        nb::arg("generator") = nb::none(), nb::arg("kwargs"));
  m.def("bernoulli", [](const Tensor& t, std::optional<double> p, nb::handle generator) {
    if (p) return bernoulli(t, *p, generator_of(generator));
    return bernoulli(t, generator_of(generator));
  }, nb::arg("input"), nb::arg("p") = nb::none(), nb::kw_only(), nb::arg("generator") = nb::none());
  m.def("multinomial", [](const Tensor& t, int64_t n, bool replacement, nb::handle generator) {
    return multinomial(t, n, replacement, generator_of(generator));
  }, nb::arg("input"), nb::arg("num_samples"), nb::arg("replacement") = false, nb::kw_only(),
     nb::arg("generator") = nb::none());
}

void bind_samplers(TensorClass& cls) {
  cls.def("uniform_", [](Self self, double from, double to, nb::handle g) {
    self.p->uniform_(from, to, generator_of(g));
    return nb::borrow(self.h);
  }, nb::arg("from") = 0.0, nb::arg("to") = 1.0, nb::kw_only(), nb::arg("generator") = nb::none());
  cls.def("normal_", [](Self self, double mean, double std, nb::handle g) {
    self.p->normal_(mean, std, generator_of(g));
    return nb::borrow(self.h);
  }, nb::arg("mean") = 0.0, nb::arg("std") = 1.0, nb::kw_only(), nb::arg("generator") = nb::none());
  cls.def("random_", &random_);
  cls.def("bernoulli_", [](Self self, nb::handle p, nb::handle g) {
    if (nb::isinstance<Tensor>(p)) {
      self.p->bernoulli_(*nb::inst_ptr<Tensor>(p), generator_of(g));
    } else {
      self.p->bernoulli_(nb::cast<double>(p), generator_of(g));
    }
    return nb::borrow(self.h);
  }, nb::arg("p") = 0.5, nb::kw_only(), nb::arg("generator") = nb::none());
  cls.def("exponential_", [](Self self, double lambd, nb::handle g) {
    self.p->exponential_(lambd, generator_of(g));
    return nb::borrow(self.h);
  }, nb::arg("lambd") = 1.0, nb::kw_only(), nb::arg("generator") = nb::none());
  cls.def("geometric_", [](Self self, double p, nb::handle g) {
    self.p->geometric_(p, generator_of(g));
    return nb::borrow(self.h);
  }, nb::arg("p"), nb::kw_only(), nb::arg("generator") = nb::none());
  cls.def("log_normal_", [](Self self, double mean, double std, nb::handle g) {
    self.p->log_normal_(mean, std, generator_of(g));
    return nb::borrow(self.h);
  }, nb::arg("mean") = 1.0, nb::arg("std") = 2.0, nb::kw_only(), nb::arg("generator") = nb::none());
  cls.def("cauchy_", [](Self self, double median, double sigma, nb::handle g) {
    self.p->cauchy_(median, sigma, generator_of(g));
    return nb::borrow(self.h);
  }, nb::arg("median") = 0.0, nb::arg("sigma") = 1.0, nb::kw_only(), nb::arg("generator") = nb::none());
  cls.def("bernoulli", [](const Tensor& t, std::optional<double> p, nb::handle g) {
    if (p) return bernoulli(t, *p, generator_of(g));
    return t.bernoulli(generator_of(g));
  }, nb::arg("p") = nb::none(), nb::kw_only(), nb::arg("generator") = nb::none());
  cls.def("multinomial", [](const Tensor& t, int64_t n, bool replacement, nb::handle g) {
    return t.multinomial(n, replacement, generator_of(g));
  }, nb::arg("num_samples"), nb::arg("replacement") = false, nb::kw_only(), nb::arg("generator") = nb::none());
}

}  // namespace

void bind_random(nb::module_& m, TensorClass& cls) {
  bind_generator(m);
  bind_factories(m);
  bind_samplers(cls);
}

}  // namespace ctorch::python
