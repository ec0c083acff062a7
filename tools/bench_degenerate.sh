#!/usr/bin/env bash
# Bounded cost on hostile input (issue 14, item 4; docs/reliability.md): runs
# orgflow on each degenerate shape that once took minutes or gigabytes, and on
# a normal model of the same file size, and prints wall time, peak memory
# (maximum resident set size) and the size of what was written.
#
#   tools/bench_degenerate.sh [SHAPE...]       # default: every shape
#   ORGFLOW=/path/to/orgflow tools/bench_degenerate.sh chain
#
# Shapes: chain deep-groups dense parallel hub x-members xes-attribute
# bpmn-attribute bpmn-bomb zeros. The inputs are made by
# tools/degenerate/generate.py into $WORK_DIR (default /tmp/orgflow-degenerate)
# and kept there between runs. Each run is limited to $LIMIT seconds (default
# 300): a run that takes longer is printed as "over LIMIT s".
# Environment: ORGFLOW (default build/tools/orgflow), WORK_DIR, LIMIT.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exe="${ORGFLOW:-$here/build/tools/orgflow}"
work="${WORK_DIR:-${TMPDIR:-/tmp}/orgflow-degenerate}"
limit="${LIMIT:-300}"
gen="$here/tools/degenerate/generate.py"
mkdir -p "$work"

if [ ! -x "$exe" ]; then
  echo "bench_degenerate.sh: no orgflow executable at $exe (build it, or set ORGFLOW)" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "bench_degenerate.sh: /usr/bin/time is missing (Debian package: time)" >&2
  exit 2
fi

# make SHAPE FILE: generates FILE once.
make_input() {
  [ -s "$2" ] || python3 "$gen" "$1" "$2"
}

# measure LABEL INPUT COMMAND...: runs the command (with its output going to
# $work/out), prints one table row. Exit statuses 0-3 are results; a run
# stopped at the limit is shown as such.
measure() {
  local label=$1 input=$2
  shift 2
  local stats="$work/time.txt" status=0
  rm -rf "$work/out"
  /usr/bin/time -f '%e %M' -o "$stats" timeout --signal=KILL "$limit" "$@" >"$work/stdout" 2>"$work/stderr" || status=$?
  local secs kib written
  read -r secs kib < <(tail -n1 "$stats")
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    secs="over $limit"
    status=stopped
  fi
  written=$(stat -c %s "$work/stdout")
  if [ -e "$work/out" ]; then written=$(( written + $(stat -c %s "$work/out") )); fi
  printf '%-34s %9s %12s %10s  %-7s %s\n' "$label" "$(du -h "$input" | cut -f1)" "$secs s" \
    "$(( kib / 1024 )) MiB" "$status" "$(numfmt --to=iec "$written")"
  if [ "$status" = 2 ] || [ "$status" = 3 ]; then
    printf '%-34s   %s\n' "" "$(head -c 160 "$work/stderr" | head -n1)"
  fi
}

# A normal model of the same file size as INPUT, for comparison.
normal_like() {
  local input=$1 out="$work/normal-$(stat -c %s "$1").json"
  [ -s "$out" ] || python3 "$gen" normal "$out" --size "$(stat -c %s "$input")"
  printf '%s' "$out"
}

shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(chain deep-groups dense parallel hub x-members xes-attribute bpmn-attribute bpmn-bomb zeros)

echo "orgflow: $exe"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %9s %12s %10s  %-7s %s\n' "shape and command" "input" "time" "peak RSS" "status" "written"
for shape in "${shapes[@]}"; do
  case "$shape" in
    chain|deep-groups|dense|parallel|hub)
      in="$work/$shape.json"
      make_input "$shape" "$in"
      measure "$shape: analyze (text)" "$in" "$exe" analyze "$in" -o "$work/out"
      measure "$shape: analyze --format json" "$in" "$exe" analyze "$in" --format json -o "$work/out"
      normal=$(normal_like "$in")
      measure "  normal model: analyze (text)" "$normal" "$exe" analyze "$normal" -o "$work/out"
      measure "  normal model: analyze --format json" "$normal" "$exe" analyze "$normal" --format json -o "$work/out"
      ;;
    x-members)
      in="$work/$shape.json"
      make_input "$shape" "$in"
      measure "$shape: export" "$in" "$exe" export "$in" -o "$work/out"
      normal=$(normal_like "$in")
      measure "  normal model: export" "$normal" "$exe" export "$normal" -o "$work/out"
      ;;
    xes-attribute)
      in="$work/$shape.xes.gz"
      make_input "$shape" "$in"
      measure "$shape: import eventlog" "$in" "$exe" import eventlog "$in" -o "$work/out"
      ;;
    bpmn-attribute|bpmn-bomb)
      in="$work/$shape.bpmn.gz"
      make_input "$shape" "$in"
      measure "$shape: import bpmn" "$in" "$exe" import bpmn "$in" -o "$work/out"
      ;;
    zeros)
      # `validate - < /dev/zero`: an endless standard input.
      measure "zeros: validate - < /dev/zero" /dev/null bash -c "exec \"\$0\" validate - < /dev/zero" "$exe"
      ;;
    *)
      echo "bench_degenerate.sh: unknown shape $shape" >&2
      exit 2
      ;;
  esac
done
