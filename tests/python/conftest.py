"""pytest setup for tests/python: the module under test is the build tree's (PYTHONPATH=build/python,
as ctest sets it) or an installed ctorch (pip install .)."""
import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo():
    return REPO


def pytest_configure(config):
    # ctest names the package it means to test; an editable install (pip install -e .) would
    # otherwise win over PYTHONPATH and the build tree would go untested.
    expected = os.environ.get("CTORCH_EXPECT_PACKAGE")
    if expected:
        import ctorch
        got = os.path.dirname(os.path.realpath(ctorch._C.__file__))
        if got != os.path.realpath(expected):
            raise pytest.UsageError(f"tests/python: testing {got}, not the build tree's {expected} "
                                    "(an editable install shadows PYTHONPATH: pip uninstall ctorch)")


def pytest_report_header(config):
    import ctorch
    return f"ctorch {ctorch.__version__} from {os.path.dirname(ctorch.__file__)}"
