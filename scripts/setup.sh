#!/usr/bin/env bash
# Installs what ctorch needs to build and test, from Debian's packages.
#   scripts/setup.sh          build + test dependencies
#   scripts/setup.sh --bench  also PyTorch and NumPy (Debian's) for the comparison benchmarks, and
#                             BLIS, measured against OpenBLAS by bench_blis
set -euo pipefail

packages=(g++ cmake ninja-build ccache libgtest-dev libbenchmark-dev nlohmann-json3-dev libopenblas-dev libsleef-dev)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-torch python3-numpy libblis-dev)
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
