#!/usr/bin/env bash
# Installs what ctorch needs to build and test: Debian's packages for the C++ library, and from
# PyPI (into the `python3` on PATH) what the Python module needs to build and test.
#   scripts/setup.sh          build + test dependencies
#   scripts/setup.sh --bench  also PyTorch 2.15 (the standard wheel from PyPI), NumPy and pytest in
#                             the project's own virtual environment .venv-torch/ (ignored by git),
#                             for the differential tests, the random vectors and the comparison
#                             benchmarks, and BLIS, measured against OpenBLAS by bench_blis
set -euo pipefail

packages=(g++ cmake ninja-build ccache libgtest-dev libbenchmark-dev nlohmann-json3-dev libopenblas-dev libsleef-dev)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(libblis-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The Python module (python/, built when this Python has nanobind): nanobind and scikit-build-core
# to build it, pytest and NumPy to test it. Skipped, with a note, where python3 has no pip.
python_packages=(nanobind scikit-build-core pytest numpy)
if command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1; then
  if ! python3 -c "import nanobind, scikit_build_core, pytest, numpy" 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check "${python_packages[@]}" ||
      echo "setup.sh: pip could not install ${python_packages[*]}; the Python module will not be built" >&2
  fi
else
  echo "setup.sh: no python3 with pip; the Python module will not be built" >&2
fi

# PyTorch 2.15 for the differential tests, in a virtual environment of the project's own, made from
# the same python3 the module is built for (so the environment can load the build's extension).
if [[ "${1:-}" == "--bench" ]]; then
  venv="$(cd "$(dirname "$0")/.." && pwd)/.venv-torch"
  torch_version=2.15.0
  if ! "$venv/bin/python" -c "import torch, numpy, pytest; assert torch.__version__.split('+')[0] == '$torch_version'" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "torch==$torch_version" numpy pytest
  fi
fi
