"""ctorch.backends.mps: Apple's GPU backend, which ctorch does not have: both answers are False."""
from .. import _C


def is_available():
    return _C._mps_is_available()


def is_built():
    return _C._mps_is_built()
