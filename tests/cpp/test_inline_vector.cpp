// InlineVector (inline_vector.h), the small vector autograd's nodes keep their edges, outputs and
// saved tensors in: elements stay inline up to N, then move to the heap intact; every element is
// destroyed exactly once; an element passed back to emplace_back survives the growth it causes.
#include <ctorch/inline_vector.h>

#include <memory>
#include <string>

#include "test_util.h"

namespace {

// Counts live objects, so leaks and double destruction show.
struct Counted {
  static inline int live = 0;
  std::string text;
  explicit Counted(std::string t = "") : text(std::move(t)) { ++live; }
  Counted(const Counted& other) : text(other.text) { ++live; }
  Counted(Counted&& other) noexcept : text(std::move(other.text)) { ++live; }
  ~Counted() { --live; }
};

}  // namespace

TEST(InlineVector, GrowsPastItsInlineCapacityKeepingTheElements) {
  {
    ctorch::detail::InlineVector<Counted, 2> v;
    EXPECT_TRUE(v.empty());
    for (int i = 0; i < 9; ++i) v.emplace_back("element " + std::to_string(i));
    ASSERT_EQ(v.size(), 9u);
    for (int i = 0; i < 9; ++i) EXPECT_EQ(v[static_cast<size_t>(i)].text, "element " + std::to_string(i));
    EXPECT_EQ(Counted::live, 9);
    int seen = 0;
    for (const Counted& c : v) seen += c.text.empty() ? 0 : 1;
    EXPECT_EQ(seen, 9);
  }
  EXPECT_EQ(Counted::live, 0);
}

TEST(InlineVector, PushingAnOwnElementWhileGrowing) {
  ctorch::detail::InlineVector<Counted, 1> v;
  v.emplace_back("first, long enough to live on the heap rather than in the string itself");
  v.push_back(v[0]);  // grows: the copy is made before the old element moves
  v.push_back(v[1]);
  ASSERT_EQ(v.size(), 3u);
  for (const Counted& c : v) EXPECT_EQ(c.text, v[0].text);
}

TEST(InlineVector, ResizeAndReserve) {
  {
    ctorch::detail::InlineVector<Counted, 3> v;
    v.resize(2);
    EXPECT_EQ(v.size(), 2u);
    EXPECT_EQ(Counted::live, 2);
    v.reserve(10);  // moves to the heap; the elements stay
    v[1].text = "kept";
    v.resize(5);
    EXPECT_EQ(v[1].text, "kept");
    EXPECT_EQ(Counted::live, 5);
    v.resize(1);
    EXPECT_EQ(Counted::live, 1);
    struct WithDefaults {
      int x = 7;
      std::string s = "default";
    };
    ctorch::detail::InlineVector<WithDefaults, 1> d;
    d.resize(3);  // the class's own initializers, inline and on the heap
    d.emplace_back();
    for (const WithDefaults& w : d) EXPECT_TRUE(w.x == 7 && w.s == "default");
    auto ints = std::make_unique<ctorch::detail::InlineVector<int, 2>>();
    ints->resize(2);
    EXPECT_EQ((*ints)[0], 0);  // value-initialized
    EXPECT_EQ((*ints)[1], 0);
  }
  EXPECT_EQ(Counted::live, 0);
}
