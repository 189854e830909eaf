#!/usr/bin/env bash
# The main job: install what is missing, build, and play the default scenario.
#   ./run.sh [ARGS...]      extra arguments go to `knsim run` (e.g. --seed 3 --out /tmp/x)
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
"$root/scripts/ensure_deps.sh"
"$root/scripts/build.sh" "$root/build" >&2
exec "$root/build/cli/knsim" run "$root/scenarios/default.yaml" "$@"
