# The tutorial's code cells (tests/conformance/seed/), run against ctorch by changing one line:
# `import ctorch as torch`. Each cell starts with a `# %% In [N]` marker (the "percent" format
# editors read as notebook cells); tests/python/test_tutorial.py runs the cells as a notebook does
# (the value of a cell's last expression is displayed) and compares each cell's output with the
# tutorial's. The two `mps` lines are guarded with the tutorial's own torch.device(...) idiom, so
# the tutorial runs on a machine without Apple's GPU.
#
#   PYTHONPATH=build/python python3 examples/tutorial.py
#       prints what print() prints (a notebook also shows the displayed values; the test shows
#       both).

# %% In [66]
import ctorch as torch
import numpy as np
print(f'PyTorch version: {torch.__version__}')
print(f'Is MPS available? {torch.backends.mps.is_available()}')
print(f'Does MPS exists? {torch.backends.mps.is_built()}')

# %% In [67]
# Create a scalar
scalar = torch.tensor(7.0)
scalar

# %% In [68]
# Get a tensor back as an integer or float
print(f'Escalar: {scalar.item()}. Type: {type(scalar.item())}')

# %% In [69]
# Create a vector
vector = torch.tensor([7, 7])
vector

# %% In [70]
# Dimensions
print(f'Number of dimensions: {vector.ndim}')

# %% In [71]
print(f'Shape: {vector.shape}')

# %% In [72]
MATRIX = torch.tensor([[7, 8], [8, 9]])
MATRIX

# %% In [73]
print(f'Number of dimensions: {MATRIX.ndim}')

# %% In [74]
print(f'Shape: {MATRIX.shape}')

# %% In [75]
# Create a tensor
TENSOR = torch.tensor([[[1, 2, 3],
                        [4, 5, 6],
                        [7, 8, 9]]])
TENSOR

# %% In [76]
print(f'Number of dimensions: {TENSOR.ndim}')

# %% In [77]
print(f'Shape: {TENSOR.shape}')

# %% In [78]
MATRIX_1 = torch.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
MATRIX_2 = torch.tensor([[10, 11, 12], [13, 14, 15], [16, 17, 18]])

# The torch.tensor() class expects Python native data types, so in order to create a tensor from two tensors
TENSOR = torch.stack([MATRIX_1, MATRIX_2])
TENSOR

# %% In [79]
print(f'Number of dimensions: {TENSOR.ndim}')

# %% In [80]
print(f'Shape: {TENSOR.shape}')

# %% In [81]
# Tensor de dos dimensiones de tamaño (3, 4)
random_tensor = torch.rand(size=(2, 3))
random_tensor

# %% In [82]
print(f'Dimensions: {random_tensor.ndim}')
print(f'Tamaños: {random_tensor.shape}')

# %% In [83]
random_tensor = torch.rand(size=(10, 2, 3))
random_tensor

# %% In [84]
print(f'Dimensions: {random_tensor.ndim}')
print(f'Tamaños: {random_tensor.shape}')

# %% In [85]
random_image_tensor = torch.rand(size=(3, 1024, 1024))
random_image_tensor

# %% In [86]
print(f'Dimensiones: {random_image_tensor.ndim}')
print(f'Shape: {random_image_tensor.shape}')

# %% In [87]
torch.manual_seed(42)
random_tensor_1 = torch.rand(size=(1, 5))
random_tensor_2 = torch.rand(size=(1, 5))

print(f'Random tensor 1: {random_tensor_1}')
print(f'Random tensor 2: {random_tensor_2}')

# We can compare two tensors using the function torch.equal() or the operator ==
print(f'Are the tensors equal? {torch.equal(random_tensor_1, random_tensor_2)}')

# %% In [88]
torch.manual_seed(42) # Definimos la semilla para el primer tensor
random_tensor_1 = torch.rand(size=(1, 5))
torch.manual_seed(42) # Definimos la semilla para el segundo tensor
random_tensor_2 = torch.rand(size=(1, 5))

print(f'Random tensor 1: {random_tensor_1}')
print(f'Random tensor 2: {random_tensor_2}')

# We can compare two tensors using the function torch.equal() or the operator ==
print(f'Are the tensors equal? {torch.equal(random_tensor_1, random_tensor_2)}')

# %% In [89]
range_tensor = torch.arange(start=0, end=1000, step=36)
range_tensor

# %% In [90]
print(f'Dimension: {range_tensor.ndim}')
print(f'Shape: {range_tensor.shape}')
print(f'Dtype: {range_tensor.dtype}')

# %% In [91]
zeros = torch.zeros_like(input=range_tensor)
zeros

# %% In [92]
print(f'Dimension: {zeros.ndim}')
print(f'Shape: {zeros.shape}')
print(f'Dtype: {zeros.dtype}')

# %% In [93]
TENSOR_0 = torch.tensor([3., 2., 1.], dtype=torch.float64)
TENSOR_0

# %% In [94]
TENSOR_0.dtype

# %% In [95]
# Change tensor's datatype
TENSOR_1 = TENSOR_0.to(dtype=torch.float16) # or use torch.Tensor.to()
TENSOR_1

# %% In [96]
TENSOR_0 * TENSOR_1

# %% In [97]
TENSOR.device

# %% In [98]
# Define a torch.device
torch_device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')

# Create a new tensor with specified device
TENSOR_2 = torch.rand(size=(3, 1024, 1024), device='cpu')
print(f'Tensor: {TENSOR_2}')
print(f'Device: {TENSOR_2.device}')

# %% In [99]
# Guarded: 'mps' only where Apple's GPU is (the tutorial's machine had one)
mps_device = torch.device('mps' if torch.backends.mps.is_available() else 'cpu')
TENSOR_2 = TENSOR_2.to(device=mps_device)
print(f'Device: {TENSOR_2.device}')

# %% In [100]
# Creates a tensor and operates on it
X = torch.tensor([3., 2., 1.], requires_grad=True, device=mps_device)

# Sum all elements of the tensor and compute the gradients
y = X.sum()
y.backward()
print(f'Gradients after automatic differentiation: {TENSOR_0.grad}')

# %% In [101]
array = np.arange(1., 10.).reshape((3, 3))
print(f'Array de NumPy: \n{array}')

# %% In [102]
tensor = torch.from_numpy(array)
print(f'Tensor de PyTorch: \n{tensor}')

# %% In [103]
print(f"Array's datatype: {array.dtype}")
print(f"Tensor's datatype: {tensor.dtype}")

# %% In [104]
tensor = tensor.type(torch.float32)
print(f"Tensor's datatype: {tensor.dtype}")
