#!/usr/bin/env bash
# The main job: install what is missing, build the `knsim` command (only it: the GUI and the tests
# are built by ./test.sh or `cmake --build build`), and play the default scenario.
#   ./run.sh [ARGS...]      extra arguments go to `knsim run` (e.g. --seed 3 --out /tmp/x)
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
"$root/scripts/ensure_deps.sh"
KNSIM_TARGETS=knsim "$root/scripts/build.sh" "$root/build" >&2
exec "$root/build/cli/knsim" run "$root/scenarios/default.yaml" "$@"
