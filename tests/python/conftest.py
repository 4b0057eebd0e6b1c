"""pytest setup for tests/python: the module under test is the build tree's (PYTHONPATH=build/python,
as ctest sets it) or an installed ctorch (pip install .)."""
import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo():
    return REPO


def pytest_report_header(config):
    import ctorch
    return f"ctorch {ctorch.__version__} from {os.path.dirname(ctorch.__file__)}"
