#!/usr/bin/env bash
# Installs what ctorch needs to build and test: Debian's packages for the C++ library, and from
# PyPI (into the `python3` on PATH) what the Python module needs to build and test.
#   scripts/setup.sh          build + test dependencies
#   scripts/setup.sh --bench  also PyTorch, NumPy and pytest (Debian's, for /usr/bin/python3) for
#                             the comparison benchmarks and the differential test, and BLIS,
#                             measured against OpenBLAS by bench_blis
set -euo pipefail

packages=(g++ cmake ninja-build ccache libgtest-dev libbenchmark-dev nlohmann-json3-dev libopenblas-dev libsleef-dev)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-torch python3-numpy python3-pytest libblis-dev)
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
