#!/usr/bin/env bash
# Benchmark of `orgflow analyze` (issue 3, Performance): builds the
# benchmark tools in Release, generates the synthetic model of the target
# size (10,000 units, 100,000 flows, 2,000 artifacts, 50,000 needs) and times
# load_model and analyze() on it (median of several runs, peak memory).
#
#   tools/bench.sh                 # the target size, 5 runs
#   tools/bench.sh --scaling       # also a quarter and a half of it, to show scaling
#   RUNS=3 THREADS=2 BUILD_DIR=build-bench tools/bench.sh
#
# Figures and how to read them: docs/performance.md. The target is under 5 s
# and under 1 GiB on a 2-core machine; on a shared machine compare the CPU
# time too, since wall time then includes time other processes held a core.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$here/build-bench}"
runs="${RUNS:-5}"
threads="${THREADS:-0}"
seed="${SEED:-1}"
work="${WORK_DIR:-${TMPDIR:-/tmp}/orgflow-bench}"
scaling=0
for arg in "$@"; do
  case "$arg" in
    --scaling) scaling=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

echo "== building orgflow_generate and orgflow_bench (Release) in $build" >&2
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DORGFLOW_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target orgflow_generate orgflow_bench >/dev/null
mkdir -p "$work"

# One size: units flows artifacts needs, all scaled together.
run_size() {
  local units=$1 flows=$2 artifacts=$3 needs=$4
  local file="$work/model-$units-$flows-$artifacts-$needs-s$seed.json"
  if [[ ! -s "$file" ]]; then
    "$build/tools/bench/orgflow_generate" --units "$units" --flows "$flows" --artifacts "$artifacts" \
      --needs "$needs" --seed "$seed" -o "$file"
  fi
  echo
  echo "== $units units, $flows flows, $artifacts artifacts, $needs needs ($(du -h "$file" | cut -f1) of JSON)"
  "$build/tools/bench/orgflow_bench" "$file" --runs "$runs" --threads "$threads" 2>/dev/null
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
if (( scaling )); then
  run_size 2500 25000 500 12500
  run_size 5000 50000 1000 25000
fi
run_size 10000 100000 2000 50000
