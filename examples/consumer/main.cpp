// Builds against an installed ctorch and checks one promise end to end.
#include <ctorch/ctorch.h>

#include <iostream>
#include <sstream>

int main() {
  auto t = ctorch::tensor({{7, 8}, {8, 9}});
  std::ostringstream text;
  text << t.t().contiguous();
  std::cout << text.str() << "\n";
  return text.str() == "tensor([[7, 8],\n        [8, 9]])" ? 0 : 1;
}
