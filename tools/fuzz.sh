#!/usr/bin/env bash
# Fuzzes every parser of orgflow (docs/reliability.md): builds the libFuzzer
# harnesses of tests/fuzz with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer in build-fuzz/, seeds each one's working corpus
# from tests/fuzz/corpus, tests/fuzz/regressions, the example models, the
# test data, tests/bad-inputs and ../shared/datasets (tools/fuzz_seeds.py),
# and runs each target in turn for a time budget with its dictionary.
#
#   tools/fuzz.sh                       # every target, 300 s each
#   tools/fuzz.sh --time 600 bpmn dot   # some targets, 10 minutes each
#   tools/fuzz.sh --save                # then keep a minimal corpus in tests/fuzz/corpus
#
# --save runs without ../shared/datasets (their licences do not allow copying
# them into the repository), so that what it keeps derives from the
# repository's own files only.
# Targets: load_model quantity bpmn xes eventlog_csv interactions people dot sheet.
# At the end it prints, per target, the executions, the coverage (edges and
# features, as libFuzzer counts them) and what it found. A crash, leak,
# sanitizer report, timeout (an input slower than 10 s) or out-of-memory
# input is kept in build-fuzz/fuzz-work/TARGET/ as crash-*, leak-*,
# timeout-* or oom-*: fix it, then add it to tests/fuzz/regressions/TARGET so
# that CTest replays it for ever. The script exits 1 when anything was found.
# Environment: ORGFLOW_FUZZ_BUILD (default build-fuzz), ORGFLOW_JOBS (default 2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${ORGFLOW_FUZZ_BUILD:-$root/build-fuzz}"
jobs="${ORGFLOW_JOBS:-2}"
budget=300
save=0
targets=()
all_targets=(load_model quantity bpmn xes eventlog_csv interactions people dot sheet)
while [ $# -gt 0 ]; do
  case "$1" in
    --time) budget="$2"; shift 2 ;;
    --save) save=1; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz.sh: clang++ is needed (Debian: clang and libclang-rt-14-dev)" >&2
  exit 2
fi
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

say "Building the fuzz targets (clang, ASan, UBSan) in ${build#"$root"/}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DORGFLOW_FUZZ=ON -DORGFLOW_SANITIZE=ON -DORGFLOW_TESTS=ON -DCMAKE_POLICY_DEFAULT_CMP0110=NEW >/dev/null
cmake --build "$build" -j"$jobs" --target orgflow $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null

# The dictionary of each target (as in tests/fuzz/CMakeLists.txt).
dict_of() {
  case "$1" in
    load_model) echo json ;; quantity) echo quantity ;; bpmn) echo bpmn ;; xes) echo xes ;;
    eventlog_csv|interactions|people) echo csv ;; dot) echo dot ;; sheet) echo sheet ;;
    *) echo "fuzz.sh: unknown target $1" >&2; exit 2 ;;
  esac
}
max_len_of() {
  case "$1" in bpmn|xes) echo 262144 ;; quantity) echo 4096 ;; *) echo 65536 ;; esac
}

export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp"
summary=()
found=0
for t in "${targets[@]}"; do
  work="$build/fuzz-work/$t"
  corpus="$work/corpus" seeds="$work/seeds"
  if [ "$save" -eq 1 ]; then corpus="$work/corpus-repo-only" seeds="$work/seeds-repo-only"; fi
  mkdir -p "$corpus" "$seeds"
  if [ "$save" -eq 1 ]; then
    ORGFLOW_SHARED_DIR=/nonexistent python3 "$root/tools/fuzz_seeds.py" "$t" "$seeds" --orgflow "$build/tools/orgflow"
  else
    python3 "$root/tools/fuzz_seeds.py" "$t" "$seeds" --orgflow "$build/tools/orgflow"
  fi
  inputs=("$corpus" "$seeds" "$root/tests/fuzz/corpus/$t")
  [ -d "$root/tests/fuzz/regressions/$t" ] && inputs+=("$root/tests/fuzz/regressions/$t")
  say "Fuzzing $t for $budget s"
  log="$work/fuzz.log"
  stamp="$work/.started"
  touch "$stamp"
  status=0
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$budget" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$(max_len_of "$t")" -dict="$root/tests/fuzz/dict/$(dict_of "$t").dict" \
    -artifact_prefix="$work/" -print_final_stats=1 "${inputs[@]}" >"$log" 2>&1 || status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  last=$(grep -E '^#[0-9]+' "$log" | tail -n1 || true)
  cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo "?")
  ft=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo "?")
  [ -n "$execs" ] || execs="?"
  artifacts=$(find "$work" -maxdepth 1 -newer "$stamp" \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
                -o -name 'oom-*' -o -name 'slow-unit-*' \) | wc -l)
  if [ "$status" -ne 0 ] || [ "$artifacts" -gt 0 ]; then
    found=1
    summary+=("$(printf '%-13s %10s execs  cov %5s  ft %6s  FOUND %s input(s), exit %s: see %s' "$t" "$execs" "$cov" "$ft" \
      "$artifacts" "$status" "${log#"$root"/}")")
  else
    summary+=("$(printf '%-13s %10s execs  cov %5s  ft %6s  nothing found' "$t" "$execs" "$cov" "$ft")")
  fi
  if [ "$save" -eq 1 ]; then
    # Keep the smallest set of inputs that covers what the run reached.
    mkdir -p "$root/tests/fuzz/corpus/$t"
    "$build/tests/fuzz/fuzz_$t" -merge=1 -timeout=10 -max_len="$(max_len_of "$t")" \
      "$root/tests/fuzz/corpus/$t" "$corpus" "$seeds" >"$work/merge.log" 2>&1 || true
  fi
done

echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); budget $budget s per target"
printf '%s\n' "${summary[@]}"
exit "$found"
