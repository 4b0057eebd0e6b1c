// IntrusivePtr / WeakIntrusivePtr (intrusive_ptr.h), the reference counts of TensorImpl and of a
// storage's buffer: the object goes exactly once, when the last strong reference goes and no weak
// one remains; a weak reference outliving the strong ones keeps only the memory (its resources
// are released then) and locks to null; counts stay right under copies from several threads.
#include <ctorch/intrusive_ptr.h>
#include <ctorch/tensor.h>

#include <thread>
#include <vector>

#include "test_util.h"

namespace {

using ctorch::detail::IntrusivePtr;
using ctorch::detail::WeakIntrusivePtr;

struct Probe : ctorch::detail::RefCounted {
  static inline int destroyed = 0;
  static inline int released = 0;
  int value = 0;
  static void destroy(Probe* p) noexcept {
    ++destroyed;
    delete p;
  }
  void release_resources() noexcept { ++released; }
};

IntrusivePtr<Probe> make_probe(int value) {
  auto* p = new Probe;
  p->value = value;
  return IntrusivePtr<Probe>::adopt(p);
}

void reset_counters() { Probe::destroyed = Probe::released = 0; }

}  // namespace

TEST(IntrusivePtr, TheLastStrongReferenceDestroysOnce) {
  reset_counters();
  {
    IntrusivePtr<Probe> a = make_probe(7);
    EXPECT_EQ(a.use_count(), 1);
    IntrusivePtr<Probe> b = a;
    EXPECT_EQ(a.use_count(), 2);
    EXPECT_TRUE(a == b);
    IntrusivePtr<Probe> c = std::move(b);
    EXPECT_FALSE(b);
    EXPECT_EQ(c->value, 7);
    EXPECT_EQ(a.use_count(), 2);
    a.reset();
    EXPECT_EQ(Probe::destroyed, 0);
    EXPECT_EQ(c.use_count(), 1);
    c = c;  // self-assignment keeps it
    EXPECT_EQ(c->value, 7);
  }
  EXPECT_EQ(Probe::destroyed, 1);
  EXPECT_EQ(Probe::released, 0);  // no weak reference: nothing released separately
}

TEST(IntrusivePtr, WeakReferenceLocksWhileAliveAndKeepsOnlyTheMemoryAfter) {
  reset_counters();
  WeakIntrusivePtr<Probe> weak;
  {
    IntrusivePtr<Probe> strong = make_probe(3);
    weak = WeakIntrusivePtr<Probe>(strong);
    IntrusivePtr<Probe> again = weak.lock();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->value, 3);
    EXPECT_EQ(strong.use_count(), 2);
  }
  // The strong references are gone; the weak one keeps the memory, not the resources.
  EXPECT_EQ(Probe::released, 1);
  EXPECT_EQ(Probe::destroyed, 0);
  EXPECT_FALSE(weak.lock());
  weak = WeakIntrusivePtr<Probe>();
  EXPECT_EQ(Probe::destroyed, 1);
}

TEST(IntrusivePtr, WeakReferenceGoneFirst) {
  reset_counters();
  IntrusivePtr<Probe> strong = make_probe(1);
  { WeakIntrusivePtr<Probe> weak(strong); }
  EXPECT_EQ(Probe::destroyed, 0);
  strong.reset();
  EXPECT_EQ(Probe::destroyed, 1);
  EXPECT_EQ(Probe::released, 0);
}

TEST(IntrusivePtr, CopiesAndDropsFromSeveralThreads) {
  reset_counters();
  IntrusivePtr<Probe> shared = make_probe(5);
  WeakIntrusivePtr<Probe> weak(shared);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&shared, &weak] {
      for (int i = 0; i < 20000; ++i) {
        IntrusivePtr<Probe> copy = shared;         // strong copies of a reference nobody drops meanwhile
        IntrusivePtr<Probe> locked = weak.lock();  // and strong references made from the weak one
        if (copy->value != 5 || !locked) std::abort();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(shared.use_count(), 1);
  EXPECT_EQ(Probe::destroyed, 0);
  shared.reset();
  EXPECT_EQ(Probe::destroyed, 0);  // the weak reference holds the memory
  EXPECT_EQ(Probe::released, 1);
  weak = WeakIntrusivePtr<Probe>();
  EXPECT_EQ(Probe::destroyed, 1);
}

// A tensor's handle, its views and a weak reference (what retain_grad and a leaf's gradient
// accumulator keep) through the real TensorImpl and Storage.
TEST(IntrusivePtr, TensorsShareImplsAndStorages) {
  using namespace ctorch;
  Tensor a = ones({3});
  EXPECT_EQ(a.shared_impl().use_count(), 1);
  EXPECT_EQ(a.storage().use_count(), 1);
  {
    Tensor b = a;  // the same TensorImpl
    EXPECT_EQ(a.shared_impl().use_count(), 2);
    Tensor v = a.view({1, 3});  // a new TensorImpl, the same storage
    EXPECT_EQ(a.shared_impl().use_count(), 2);
    EXPECT_EQ(a.storage().use_count(), 2);
  }
  EXPECT_EQ(a.shared_impl().use_count(), 1);
  EXPECT_EQ(a.storage().use_count(), 1);
  WeakIntrusivePtr<TensorImpl> weak(a.shared_impl());
  Tensor view = a.view({3, 1});
  a = Tensor();
  EXPECT_FALSE(weak.lock());  // the TensorImpl is gone ...
  EXPECT_EQ(view.storage().use_count(), 1);  // ... and with it its reference to the storage
  EXPECT_EQ(view.sum().item<float>(), 3.0f);
}
