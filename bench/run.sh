#!/usr/bin/env bash
# Whole-run benchmarks of `knsim run` (never timed tests). Prints, per case: simulated requests,
# wall seconds, simulated requests per wall second and peak RSS (/usr/bin/time -v, max resident set).
#   bench/run.sh [BUILD_DIR] [CASE...]     (default build/ and every case; builds the knsim target first)
# Cases:
#   one-service-1000rps     bench/scenarios/one-service-1000rps.yaml: one Service, Poisson 1,000 req/s, 1 h
#   hundred-services-day    bench/scenarios/hundred-services-day.yaml: 100 Services replaying the Azure 2021
#                           sample, 1 simulated day, sampleInterval 60s, 20 nodes
#   hundred-services-day-1s the same with sampleInterval 1s (memory must not grow with the samples)
#   hundred-services-week   the same over 7 simulated days (memory must not grow with the simulated time)
#   thousand-services-day   1,000 Services, 1 simulated day, 200 nodes (issue 17's scale case)
#   hundred-thousand-nodes  100 Services for 14.4 simulated minutes on 100,000 nodes (the node limit;
#                           memory must be linear in the nodes)
#   soak-day, soak-week     issue 17's soak: hundred-services-day/-week plus node failures every 4 h (15 min
#                           down, rotating), a rollout of every tenth Service each day (70/30, then 100 %) and
#                           eventing traffic (bench/soak_parts.py); after the figures, the accounting check
#                           (bench/soak_check.py: every request and event accounted for, PASS/FAIL) and, when
#                           both ran, peak RSS of soak-week / soak-day (memory flat: about 1)
# The generated cases are written by bench/make_day_scenario.py into a temporary folder.
# Reference (docs/sim.md, "Speed"; SimFaaS measured side by side on this machine): SimFaaS simulates
# 7,550 requests/s at 1,000 req/s load on this machine. docs/performance.md has the measured figures.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build"
if [[ $# -gt 0 && -d "$1" ]]; then build="$(cd "$1" && pwd)"; shift; fi
cases=("$@")
if ((${#cases[@]} == 0)); then
  cases=(one-service-1000rps hundred-services-day hundred-services-day-1s hundred-services-week thousand-services-day hundred-thousand-nodes)
fi
[[ -f "$build/CMakeCache.txt" ]] || "$root/scripts/build.sh" "$build" >/dev/null
cmake --build "$build" --target knsim --target simfaas_loop -j "${KNSIM_JOBS:-1}" >/dev/null
knsim="$build/cli/knsim"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
gen="$root/bench/make_day_scenario.py"
scenario_of() {
  case "$1" in
    one-service-1000rps | hundred-services-day) echo "$root/bench/scenarios/$1.yaml" ;;
    hundred-services-day-1s) python3 "$gen" --sample-interval 1s --name "$1" --out "$out/$1.yaml" && echo "$out/$1.yaml" ;;
    hundred-services-week) python3 "$gen" --days 7 --name "$1" --out "$out/$1.yaml" && echo "$out/$1.yaml" ;;
    thousand-services-day) python3 "$gen" --services 1000 --nodes 200 --name "$1" --out "$out/$1.yaml" && echo "$out/$1.yaml" ;;
    hundred-thousand-nodes) python3 "$gen" --services 100 --nodes 100000 --days 0.01 --name "$1" --out "$out/$1.yaml" && echo "$out/$1.yaml" ;;
    soak-day) python3 "$gen" --soak --days 1 --name "$1" --out "$out/$1.yaml" && echo "$out/$1.yaml" ;;
    soak-week) python3 "$gen" --soak --days 7 --name "$1" --out "$out/$1.yaml" && echo "$out/$1.yaml" ;;
    *) echo "bench/run.sh: unknown case $1" >&2; return 2 ;;
  esac
}
printf '%-26s %12s %10s %16s %12s\n' case requests wall_s sim_req_per_s peak_rss_MB
declare -A rss_of=()
soak_status=0
for name in "${cases[@]}"; do
  scenario="$(scenario_of "$name")"
  status=0
  /usr/bin/time -v -o "$out/$name.time" "$knsim" run "$scenario" --quiet --out "$out/$name" >/dev/null 2>"$out/$name.err" || status=$?
  rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$out/$name.time")
  if ((status != 0)); then
    printf '%-26s failed (exit %d): %s; peak RSS %.1f MB\n' "$name" "$status" "$(tail -1 "$out/$name.err")" "$((rss_kb / 1024))"
    [[ $name == soak-* ]] && soak_status=1
    continue
  fi
  python3 - "$out/$name/summary.json" "$name" "$rss_kb" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:<26} {s['requests']['total']:>12} {s['wall_seconds']:>10.2f} {s['simulated_requests_per_wall_second']:>16.0f} {int(sys.argv[3]) / 1024:>12.1f}")
PY
  rss_of[$name]=$rss_kb
  if [[ $name == one-service-1000rps ]]; then
    # The same load through a bare event loop of SimFaaS's model (bench/simfaas_loop.cpp): what the
    # full Knative path costs against the simplest model of it.
    read -r bare_n bare_s bare_rate < <("$build/bench/simfaas_loop" 1000 3600 1)
    python3 - "$out/$name/summary.json" "$bare_n" "$bare_s" "$bare_rate" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
k = s['simulated_requests_per_wall_second']
print(f"    bare SimFaaS-model loop, same load: {sys.argv[2]} requests in {float(sys.argv[3]):.2f} s, "
      f"{float(sys.argv[4]):.0f} requests per wall s; knsim / bare = {k / float(sys.argv[4]):.3f}")
PY
  fi
  if [[ $name == soak-* ]]; then
    python3 "$root/bench/soak_check.py" "$out/$name" --label "$name" | sed 's/^/    /' || soak_status=1
  fi
  rm -rf "$out/$name"
done
if [[ -n "${rss_of[soak-day]:-}" && -n "${rss_of[soak-week]:-}" ]]; then
  awk -v d="${rss_of[soak-day]}" -v w="${rss_of[soak-week]}" \
    'BEGIN { printf "memory: peak RSS soak-week / soak-day = %.1f / %.1f MB = %.2f\n", w / 1024, d / 1024, w / d }'
fi
exit "$soak_status"
