#!/usr/bin/env bash
# Installs what ctorch needs to build and test, from Debian's packages.
#   scripts/setup.sh          build + test dependencies
#   scripts/setup.sh --bench  also PyTorch (Debian's python3-torch) for the comparison benchmarks
set -euo pipefail

packages=(g++ cmake ninja-build ccache libgtest-dev libbenchmark-dev nlohmann-json3-dev libopenblas-dev libsleef-dev)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-torch python3-numpy)
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
