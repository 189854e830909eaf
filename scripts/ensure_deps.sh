#!/usr/bin/env bash
# Installs the Debian packages knsim needs, once: no apt call when all are present.
# Used by ./run.sh and ./test.sh. Needs root (or sudo) only when something is missing.
#   scripts/ensure_deps.sh          install what is missing
#   scripts/ensure_deps.sh --list   print the package names (for an administrator to install)
set -euo pipefail

KNSIM_PACKAGES=(
  build-essential cmake ninja-build pkg-config git ccache
  libsimgrid-dev qt6-base-dev libqcustomplot-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libnlopt-cxx-dev libboost-dev   # knsim optimize (NLopt DIRECT-L), Student t quantiles (Boost.Math)
  xvfb xauth fonts-dejavu-core
  libcurl4-openssl-dev openssl python3 python3-yaml python3-kubernetes prometheus
  libprotobuf-dev protobuf-compiler   # knsim cluster shadow: queue-proxy's protobuf Stat
  clang   # scripts/fuzz.sh: libFuzzer harnesses (clang's -fsanitize=fuzzer)
)

if [[ "${1:-}" == "--list" ]]; then
  echo "${KNSIM_PACKAGES[*]}"
  exit 0
fi

missing=()
for p in "${KNSIM_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "knsim: installing missing Debian packages: ${missing[*]}" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "knsim: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
    echo "knsim: ask an administrator to run: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
