#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# (tree build-fuzz/, -DKNSIM_FUZZ=ON) and runs each one after the other for SECONDS (default 60).
# Seeds: fuzz/seeds/<harness>/ plus the shipped scenarios, test manifests, traces and replay files.
# The corpus grows in build-fuzz/corpus/<harness>/ across runs. A crash, a leak, a timeout (> 10 s
# on one input) or an out-of-memory (> 2 GB) leaves its input in build-fuzz/artifacts/<harness>/
# and makes the script fail; turn each into a regression test (fuzz/README.md).
#   scripts/fuzz.sh [SECONDS] [HARNESS...]     e.g. scripts/fuzz.sh 30 fuzz_cron fuzz_trace
# Environment: KNSIM_FUZZ_BUILD (build folder), KNSIM_JOBS (compile jobs, default 2),
#   KNSIM_FUZZ_SEED=N   a fixed libFuzzer seed and a fresh corpus, so a run is repeatable (CI uses it:
#                       a submission is never failed by a finding that depends on chance; exploring
#                       runs without it find more).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
shift || true
build="${KNSIM_FUZZ_BUILD:-$root/build-fuzz}"
"$root/scripts/ensure_deps.sh"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  generator=()
  if command -v ninja >/dev/null; then generator=(-G Ninja); fi
  launcher=()
  if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" "${generator[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DKNSIM_FUZZ=ON -DKNSIM_BUILD_GUI=OFF -DKNSIM_BUILD_TESTS=OFF -DKNSIM_BUILD_BENCH=OFF
fi
cmake --build "$build" --target fuzzers -j "${KNSIM_JOBS:-2}"

# Seeds from the repository (copied, so a harness never writes into the source tree).
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
cp -r "$root/fuzz/seeds/." "$seeds/"
mkdir -p "$seeds/fuzz_scenario" "$seeds/fuzz_manifests" "$seeds/fuzz_trace" "$seeds/fuzz_replay"
i=0
while IFS= read -r -d '' f; do
  i=$((i + 1))
  cp "$f" "$seeds/fuzz_scenario/$i.yaml"
  cp "$f" "$seeds/fuzz_manifests/$i.yaml"
done < <(find "$root/scenarios" "$root/tests/data/manifests" -name '*.yaml' -print0 | sort -z)
for f in "$root"/tests/data/knative/kpa-oracle/*.json; do cp "$f" "$seeds/fuzz_replay/"; done
# A trace seed is one format byte (fuzz/fuzz_trace.cpp) then the file: 0 azure2021, 1 azure2019, 2 csv, 3 jsonl.
for f in "$root"/scenarios/traces/* "$root"/tests/data/manifests/good/traces/*; do
  [[ -f "$f" ]] || continue
  case "$(basename "$f")" in
    azure2021*) b='\x00' ;; *invocations*) b='\x01' ;; *durations*) continue ;; *.jsonl) b='\x03' ;; *) b='\x02' ;;
  esac
  { printf "$b"; head -c 65536 "$f"; } > "$seeds/fuzz_trace/$(basename "$f")"
done

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
harnesses=("$@")
if ((${#harnesses[@]} == 0)); then
  for bin in "$build"/fuzz/fuzz_*; do [[ -x "$bin" ]] && harnesses+=("$(basename "$bin")"); done
fi
failed=()
for h in "${harnesses[@]}"; do
  corpus="$build/corpus/$h" artifacts="$build/artifacts/$h"
  seed_flag=()
  if [[ -n "${KNSIM_FUZZ_SEED:-}" ]]; then
    seed_flag=(-seed="$KNSIM_FUZZ_SEED")
    rm -rf "$corpus"
  fi
  mkdir -p "$corpus" "$artifacts" "$seeds/$h"
  echo "== $h: ${seconds}s"
  if ! "$build/fuzz/$h" "${seed_flag[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$seeds/$h" 2>"$build/$h.log"; then
    failed+=("$h")
    tail -40 "$build/$h.log"
  else
    grep -E "stat::number_of_executed_units|stat::new_units_added" "$build/$h.log" | tr '\n' ' '
    echo
  fi
done
if ((${#failed[@]} > 0)); then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $build/artifacts/)" >&2
  exit 1
fi
echo "fuzz: ${#harnesses[@]} harnesses ran ${seconds}s each without a finding"
