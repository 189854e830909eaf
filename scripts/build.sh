#!/usr/bin/env bash
# Configures (once) and builds knsim into BUILD_DIR (default build/). Incremental on a rerun.
#   scripts/build.sh [BUILD_DIR] [extra cmake -D options...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
shift || true
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
fi
jobs="$(nproc 2>/dev/null || echo 2)"
cmake --build "$build" -j "$jobs"
