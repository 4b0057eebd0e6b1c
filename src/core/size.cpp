#include "ctorch/size.h"

#include <algorithm>
#include <ostream>
#include <sstream>

namespace ctorch {

bool IntArrayRef::operator==(IntArrayRef other) const {
  return std::equal(begin(), end(), other.begin(), other.end());
}

int64_t Size::numel() const {
  int64_t n = 1;
  for (int64_t s : *this) n *= s;
  return n;
}

std::ostream& operator<<(std::ostream& out, IntArrayRef s) {
  out << '[';
  for (size_t i = 0; i < s.size(); ++i) out << (i ? ", " : "") << s[i];
  return out << ']';
}

std::string tuple_str(IntArrayRef s) {
  std::string out = "(";
  for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + (s.size() == 1 ? ",)" : ")");
}

std::string Size::repr() const {
  std::ostringstream out;
  out << "torch.Size(" << IntArrayRef(*this) << ")";
  return out.str();
}

std::ostream& operator<<(std::ostream& out, const Size& s) { return out << s.repr(); }

}  // namespace ctorch
