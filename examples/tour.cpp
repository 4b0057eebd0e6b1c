// The tutorial's tour of tensors, cell by cell, in C++.
//
// Each block is one notebook cell of the PyTorch tutorial this project starts from
// ("In [67]" ...); the Python is in the comment above the C++ that does the same, and the output
// is what the tutorial shows. Cells that need capabilities ctorch does not have yet (NumPy) join
// the tour when those land.
#include <ctorch/ctorch.h>

#include <iostream>
#include <vector>

using namespace ctorch;

namespace {
void cell(int number) { std::cout << "In [" << number << "]:\n"; }
}  // namespace

int main() {
  // ---- Creating tensors: scalars, vectors, matrices, tensors -------------------------------
  cell(67);  // scalar = torch.tensor(7.0); scalar
  Tensor scalar = tensor(7.0);
  std::cout << scalar << "\n\n";

  cell(68);  // print(f'Escalar: {scalar.item()}. Type: {type(scalar.item())}')
  std::cout << "Escalar: " << scalar.item() << ". Type: <class '" << scalar.item().type_name()
            << "'>\n\n";

  cell(69);  // vector = torch.tensor([7, 7]); vector
  Tensor vector = tensor({7, 7});
  std::cout << vector << "\n\n";
  cell(70);
  std::cout << "Number of dimensions: " << vector.ndim() << "\n\n";
  cell(71);
  std::cout << "Shape: " << vector.shape() << "\n\n";

  cell(72);  // MATRIX = torch.tensor([[7, 8], [8, 9]])
  Tensor MATRIX = tensor({{7, 8}, {8, 9}});
  std::cout << MATRIX << "\n\n";
  cell(73);
  std::cout << "Number of dimensions: " << MATRIX.ndim() << "\n\n";
  cell(74);
  std::cout << "Shape: " << MATRIX.shape() << "\n\n";

  cell(75);  // TENSOR = torch.tensor([[[1, 2, 3], [4, 5, 6], [7, 8, 9]]])
  Tensor TENSOR = tensor({{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}});
  std::cout << TENSOR << "\n\n";
  cell(76);
  std::cout << "Number of dimensions: " << TENSOR.ndim() << "\n\n";
  cell(77);
  std::cout << "Shape: " << TENSOR.shape() << "\n\n";

  cell(78);  // TENSOR = torch.stack([MATRIX_1, MATRIX_2])
  Tensor MATRIX_1 = tensor({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
  Tensor MATRIX_2 = tensor({{10, 11, 12}, {13, 14, 15}, {16, 17, 18}});
  TENSOR = stack({MATRIX_1, MATRIX_2});
  std::cout << TENSOR << "\n\n";
  cell(79);
  std::cout << "Number of dimensions: " << TENSOR.ndim() << "\n\n";
  cell(80);
  std::cout << "Shape: " << TENSOR.shape() << "\n\n";

  // ---- Tensors in memory: size, stride, offset, storage -----------------------------------
  // The tutorial draws these as pictures; ctorch::explain draws them for any tensor.
  std::cout << "Tensors in memory: MATRIX_1\n" << explain(MATRIX_1) << "\n";
  std::cout << "MATRIX_1.t(): the same storage, read in another order\n"
            << explain(MATRIX_1.t()) << "\n";
  std::cout << "MATRIX_1[1]: a row starts at storage offset 3\n" << explain(MATRIX_1[1]) << "\n";

  // ---- Random tensors ----------------------------------------------------------------------
  // The tutorial recorded these unseeded cells with the default generator where an earlier
  // torch.manual_seed(42) and one torch.rand(size=(1, 5)) had left it (its values continue that
  // stream), so the tour starts from that state.
  manual_seed(42);
  rand({1, 5});
  cell(81);  // random_tensor = torch.rand(size=(2, 3))
  Tensor random_tensor = rand({2, 3});
  std::cout << random_tensor << "\n\n";
  cell(82);
  std::cout << "Dimensions: " << random_tensor.ndim() << "\nTamaños: " << random_tensor.shape() << "\n\n";
  cell(83);  // random_tensor = torch.rand(size=(10, 2, 3))
  random_tensor = rand({10, 2, 3});
  std::cout << random_tensor << "\n\n";
  cell(84);
  std::cout << "Dimensions: " << random_tensor.ndim() << "\nTamaños: " << random_tensor.shape() << "\n\n";
  cell(85);  // random_image_tensor = torch.rand(size=(3, 1024, 1024)): printed summarized
  Tensor random_image_tensor = rand({3, 1024, 1024});
  std::cout << random_image_tensor << "\n\n";
  cell(86);
  std::cout << "Dimensiones: " << random_image_tensor.ndim() << "\nShape: " << random_image_tensor.shape()
            << "\n\n";

  cell(87);  // torch.manual_seed(42), then two draws: different tensors
  manual_seed(42);
  Tensor random_tensor_1 = rand({1, 5});
  Tensor random_tensor_2 = rand({1, 5});
  std::cout << "Random tensor 1: " << random_tensor_1 << "\nRandom tensor 2: " << random_tensor_2
            << "\nAre the tensors equal? " << (equal(random_tensor_1, random_tensor_2) ? "True" : "False")
            << "\n\n";
  cell(88);  // the seed set again before each draw: equal tensors
  manual_seed(42);
  random_tensor_1 = rand({1, 5});
  manual_seed(42);
  random_tensor_2 = rand({1, 5});
  std::cout << "Random tensor 1: " << random_tensor_1 << "\nRandom tensor 2: " << random_tensor_2
            << "\nAre the tensors equal? " << (equal(random_tensor_1, random_tensor_2) ? "True" : "False")
            << "\n\n";

  // ---- Tensor-like objects ----------------------------------------------------------------
  cell(89);  // range_tensor = torch.arange(start=0, end=1000, step=36)
  Tensor range_tensor = arange(0, 1000, 36);
  std::cout << range_tensor << "\n\n";
  cell(90);
  std::cout << "Dimension: " << range_tensor.ndim() << "\nShape: " << range_tensor.shape()
            << "\nDtype: " << range_tensor.dtype() << "\n\n";

  cell(91);  // zeros = torch.zeros_like(input=range_tensor)
  Tensor zeros = zeros_like(range_tensor);
  std::cout << zeros << "\n\n";
  cell(92);
  std::cout << "Dimension: " << zeros.ndim() << "\nShape: " << zeros.shape()
            << "\nDtype: " << zeros.dtype() << "\n\n";

  // ---- Attributes: dtype and device -------------------------------------------------------
  cell(93);  // TENSOR_0 = torch.tensor([3., 2., 1.], dtype=torch.float64)
  Tensor TENSOR_0 = tensor({3., 2., 1.}, kFloat64);
  std::cout << TENSOR_0 << "\n\n";
  cell(94);
  std::cout << TENSOR_0.dtype() << "\n\n";

  cell(95);  // TENSOR_1 = TENSOR_0.to(dtype=torch.float16)
  Tensor TENSOR_1 = TENSOR_0.to(kFloat16);
  std::cout << TENSOR_1 << "\n\n";

  cell(96);  // TENSOR_0 * TENSOR_1: float64 * float16 promotes to float64
  std::cout << TENSOR_0 * TENSOR_1 << "\n\n";

  cell(97);  // TENSOR.device
  std::cout << TENSOR.device() << "\n\n";

  cell(98);  // TENSOR_2 = torch.rand(size=(3, 1024, 1024), device='cpu'), after cell 88's state
  Tensor TENSOR_2 = rand({3, 1024, 1024}, Device("cpu"));
  std::cout << "Tensor: " << TENSOR_2 << "\nDevice: " << TENSOR_2.device().str() << "\n\n";

  cell(99);  // TENSOR_2 = TENSOR_2.to(device='mps'), guarded: this machine may have no mps
  Device mps_or_cpu = mps::is_available() ? Device("mps") : Device("cpu");
  TENSOR_2 = TENSOR_2.to(mps_or_cpu);
  std::cout << "Device: " << TENSOR_2.device().str() << "\n\n";

  // ---- Gradients ---------------------------------------------------------------------------
  cell(100);  // X = torch.tensor([3., 2., 1.], requires_grad=True, device='mps'); y = X.sum()
              // y.backward(); print(f'Gradients after automatic differentiation: {TENSOR_0.grad}')
  Tensor X = tensor({3., 2., 1.}, TensorOptions().device(mps_or_cpu).requires_grad(true));
  Tensor y = X.sum();
  y.backward();
  // The tutorial prints TENSOR_0.grad, not X.grad: TENSOR_0 (cell 93) never took part in a
  // backward, so it has no gradient (None). The gradient of y = X.sum() is in X.grad: all ones.
  const Tensor tensor_0_grad = TENSOR_0.grad();
  std::cout << "Gradients after automatic differentiation: "
            << (tensor_0_grad.defined() ? repr(tensor_0_grad) : "None") << "\n";
  std::cout << "X.grad: " << X.grad() << "\n\n";

  // ---- From other memory: NumPy's array in the tutorial, a C++ buffer here ----------------
  cell(102);  // tensor = torch.from_numpy(np.arange(1., 10.).reshape((3, 3)))
  std::vector<double> array = {1., 2., 3., 4., 5., 6., 7., 8., 9.};
  Tensor t = from_blob(array.data(), {3, 3}, kFloat64);
  std::cout << "Tensor de PyTorch: \n" << t << "\n\n";
  cell(103);
  std::cout << "Tensor's datatype: " << t.dtype() << "\n\n";
  cell(104);  // tensor = tensor.type(torch.float32)
  t = t.type(kFloat32);
  std::cout << "Tensor's datatype: " << t.dtype() << "\n";
  return 0;
}
