"""ctorch.backends: what the build has (only mps is asked by the tutorial)."""
from . import mps  # noqa: F401
