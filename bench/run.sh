#!/usr/bin/env bash
# Whole-run benchmarks of `knsim run` (never timed tests). Prints, per scenario: simulated
# requests, wall seconds, simulated requests per wall second and peak RSS (/usr/bin/time -v).
#   bench/run.sh [BUILD_DIR]      (default build/; builds the knsim target first)
#   (a) bench/scenarios/one-service-1000rps.yaml   one Service, Poisson 1,000 req/s, 1 simulated hour
#   (b) bench/scenarios/hundred-services-day.yaml  100 Services replaying the Azure 2021 sample, 1 simulated day
# Reference (docs/sim.md, "Speed"; SimFaaS measured side by side on this machine): SimFaaS simulates 7,550 requests/s at 1,000 req/s load on this machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
[[ -f "$build/CMakeCache.txt" ]] || "$root/scripts/build.sh" "$build" >/dev/null
cmake --build "$build" --target knsim >/dev/null
knsim="$build/cli/knsim"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
printf '%-28s %12s %10s %16s %12s\n' scenario requests wall_s sim_req_per_s peak_rss_MB
for name in one-service-1000rps hundred-services-day; do
  /usr/bin/time -v -o "$out/$name.time" "$knsim" run "$root/bench/scenarios/$name.yaml" --quiet --out "$out/$name" >/dev/null
  rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$out/$name.time")
  python3 - "$out/$name/summary.json" "$name" "$rss_kb" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:<28} {s['requests']['total']:>12} {s['wall_seconds']:>10.2f} {s['simulated_requests_per_wall_second']:>16.0f} {int(sys.argv[3]) / 1024:>12.1f}")
PY
done
