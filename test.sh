#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (every label: unit, sim, golden,
# gui, slow). GUI tests run with QT_QPA_PLATFORM=offscreen. Fails on any failure.
#   ./test.sh                 build/ and all tests
#   ./test.sh --sanitize      a separate AddressSanitizer + UBSan tree (build-asan/) and all tests there.
#                             Built with clang and -DKNSIM_FUZZ=ON when clang is installed, so the same
#                             instrumented tree also builds the libFuzzer harnesses (scripts/fuzz.sh
#                             with KNSIM_FUZZ_BUILD=build-asan reuses it: CI compiles the sources twice,
#                             not three times)
#   ./test.sh -L unit         extra arguments go to ctest
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
build="$root/build"
cmake_opts=()
if [[ "${1:-}" == "--sanitize" ]]; then
  shift
  build="$root/build-asan"
  # -O1 -g1: the usual sanitizer build (line numbers in every report, a quarter less compile time than -g)
  cmake_opts=(-DKNSIM_BUILD_BENCH=OFF "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG")
  if command -v clang++ >/dev/null; then
    export CC=clang CXX=clang++
    cmake_opts+=(-DKNSIM_FUZZ=ON)   # ASan + UBSan + libFuzzer coverage (CMakeLists.txt)
  else
    cmake_opts+=(-DKNSIM_SANITIZE=ON)
  fi
  export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=0:abort_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fi
"$root/scripts/ensure_deps.sh"
"$root/scripts/build.sh" "$build" "${cmake_opts[@]}"
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"
cd "$build"
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" --timeout 900 "$@"
