#!/usr/bin/env bash
# One CTest run of a libFuzzer harness (tests/fuzz/CMakeLists.txt):
#   run_fuzz_test.sh replay FUZZER SCRATCH CORPUS REGRESSIONS
#       runs every committed input once (-runs=0);
#   run_fuzz_test.sh mutate FUZZER SCRATCH CORPUS REGRESSIONS [FLAGS...]
#       fuzzes from those inputs with FLAGS (-seed=1 -runs=N -dict=...),
#       new inputs going to SCRATCH/new (emptied first, so that every run
#       starts from the same inputs and is deterministic).
# A crash, a leak, a sanitizer report or an input slower than 10 s fails
# the test; the input is kept as SCRATCH/crash-* (or timeout-*, leak-*):
# add it to tests/fuzz/regressions/NAME once fixed.
set -euo pipefail
mode=$1 fuzzer=$2 scratch=$3 corpus=$4 regressions=$5
shift 5
rm -rf "$scratch"
mkdir -p "$scratch/new"
inputs=("$corpus")
[ -d "$regressions" ] && inputs+=("$regressions")
common=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$scratch/" -print_final_stats=1)
case "$mode" in
  replay) exec "$fuzzer" "${common[@]}" -runs=0 "${inputs[@]}" ;;
  mutate) exec "$fuzzer" "${common[@]}" "$@" "$scratch/new" "${inputs[@]}" ;;
  *) echo "run_fuzz_test.sh: unknown mode $mode" >&2; exit 2 ;;
esac
