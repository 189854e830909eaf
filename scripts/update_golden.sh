#!/usr/bin/env bash
# Regenerates the golden outputs of the shipped scenarios (tests/data/golden/<scenario>/: summary.json
# without its wall-clock fields, SHA256SUMS of timeseries.csv and events.jsonl), by running the
# golden test in update mode, so the files are normalised by the same code that checks them.
#   scripts/update_golden.sh [BUILD_DIR]     (default build/; builds knsim and cli_tests first)
# Review `git diff tests/data/golden` before committing, and say in the commit which outputs
# changed and why.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
cmake --build "$build" --target knsim cli_tests -j 2
KNSIM_UPDATE_GOLDEN=1 "$build/tests/cli_tests" --gtest_filter='Shipped/Golden.*'
"$build/tests/cli_tests" --gtest_filter='Shipped/Golden.*:GoldenFiles.*' --gtest_brief=1
git -C "$root" status --short tests/data/golden
