#!/usr/bin/env bash
# A stand-in for `knsim run SCENARIO --out DIR --stream [--start-paused] [--set K=V ...]` used by the
# GUI tests: replays canary.jsonl (docs/run-stream.md format), obeys pause/resume/step/end/quit on
# stdin, writes DIR/timeseries.csv, DIR/summary.json and DIR/args.txt (its own arguments).
# A scenario file containing the word INVALID makes it fail like knsim does on bad input (exit 2).
set -u
here="$(cd "$(dirname "$0")" && pwd)"
[[ "${1:-}" == "run" ]] || { echo "fake knsim: only 'run' is faked" >&2; exit 1; }
shift
scenario="" out="out/fake" paused=0
args=("$@")
while (($#)); do
  case "$1" in
    --out) out="$2"; shift ;;
    --start-paused) paused=1 ;;
    --stream) ;;
    --set) shift ;;
    *) [[ -z "$scenario" ]] && scenario="$1" ;;
  esac
  shift
done
if grep -q INVALID "$scenario" 2>/dev/null; then
  echo "$scenario:3: spec.duration: a bare number is not a duration" >&2
  echo '{"type":"error","message":"'"$scenario"':3: spec.duration: a bare number is not a duration"}'
  exit 2
fi
mkdir -p "$out"
printf '%s\n' "${args[@]}" > "$out/args.txt"
cp "$here/canary_timeseries.csv" "$out/timeseries.csv"
mapfile -t L < "$here/canary.jsonl"
i=0 n=${#L[@]} now=0
emit_until() {  # emit lines whose t_s <= $1 (empty = all)
  while ((i < n)); do
    local line="${L[i]}"
    if [[ -n "$1" && "$line" =~ \"t_s\":\ ([0-9]+) ]] && ((BASH_REMATCH[1] > $1)); then return; fi
    [[ "$line" =~ \"t_s\":\ ([0-9]+) ]] && now=${BASH_REMATCH[1]}
    if [[ "$line" == *'"type": "done"'* ]]; then
      printf '%s\n' "${line//\"summary\": /}" | sed 's/^{"type": "done", //; s/, "out_dir": "OUT_DIR"}$//' > "$out/summary.json"
    fi
    printf '%s\n' "${line//OUT_DIR/$out}"
    i=$((i + 1))
  done
}
echo "${L[0]}"; i=1
if ((paused)); then
  echo "{\"type\": \"paused\", \"t_s\": 0}"
  while read -r cmd arg; do
    case "$cmd" in
      step) emit_until $((now + ${arg%.*})); echo "{\"type\": \"paused\", \"t_s\": $now}" ;;
      pause) echo "{\"type\": \"paused\", \"t_s\": $now}" ;;
      resume|end) break ;;
      quit) exit 0 ;;
    esac
  done
fi
emit_until ""
