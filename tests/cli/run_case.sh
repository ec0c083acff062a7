#!/usr/bin/env bash
# Runs one CLI text case (tests/cli/cases/NAME.case) against the real
# `orgflow` executable and compares what it did with what the case expects.
#
# A case is a text file of `key: value` lines (# starts a comment):
#   run: COMMAND            the command line, run by bash in a fresh scratch
#                           folder that holds `models` (the example models)
#                           and `data` (tests/cli/data) as links, with
#                           `orgflow` on PATH; exactly one
#   setup: COMMAND          run before `run` (copy files into the scratch
#                           folder, ...); any number
#   exit: N                 expected exit status (default 0)
#   golden: stdout|stderr|FILE
#                           compared byte for byte with expected/NAME.<what>
#                           (FILE: a file the command wrote in the scratch
#                           folder); tests/cli/regen.sh rewrites these
#   stdout-has: TEXT, stderr-has: TEXT
#                           TEXT must appear (fixed string); any number
#   stdout-lacks: TEXT, stderr-lacks: TEXT
#                           TEXT must not appear
#   stdout-empty: yes, stderr-empty: yes
#   check: COMMAND          must exit 0 after the run; any number
#   skip-unless: COMMAND    the case is skipped (exit 77) when it fails
# When the expected exit status is 2 or 3, the case also checks that nothing
# in the scratch folder was created, changed or removed ("nothing written").
#
# Environment: ORGFLOW_EXE, ORGFLOW_SOURCE_DIR (set by CTest);
# ORGFLOW_REGEN=1 writes the golden files instead of comparing.
set -uo pipefail

case_file="$1"
name="$(basename "$case_file" .case)"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="${ORGFLOW_SOURCE_DIR:-$(cd "$here/../.." && pwd)}"
exe="$(realpath "${ORGFLOW_EXE:?ORGFLOW_EXE must name the orgflow executable}")"
expected_dir="${ORGFLOW_CLI_EXPECTED:-$here/expected}"  # overridden by selftest.sh

fail() { echo "FAIL [$name]: $*" >&2; failed=1; }
failed=0

runs=() setups=() checks=() goldens=() skips=()
stdout_has=() stderr_has=() stdout_lacks=() stderr_lacks=()
want_exit=0 stdout_empty=no stderr_empty=no
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in ''|'#'*) continue ;; esac
  key="${line%%:*}"
  value="${line#*:}"
  value="${value# }"
  case "$key" in
    run) runs+=("$value") ;;
    setup) setups+=("$value") ;;
    exit) want_exit="$value" ;;
    golden) goldens+=("$value") ;;
    stdout-has) stdout_has+=("$value") ;;
    stderr-has) stderr_has+=("$value") ;;
    stdout-lacks) stdout_lacks+=("$value") ;;
    stderr-lacks) stderr_lacks+=("$value") ;;
    stdout-empty) stdout_empty="$value" ;;
    stderr-empty) stderr_empty="$value" ;;
    check) checks+=("$value") ;;
    skip-unless) skips+=("$value") ;;
    *) echo "run_case: $case_file: unknown key '$key'" >&2; exit 1 ;;
  esac
done <"$case_file"
[ "${#runs[@]}" -eq 1 ] || { echo "run_case: $case_file: needs exactly one run: line" >&2; exit 1; }

top="$(mktemp -d)"
trap 'rm -rf "$top"' EXIT
work="$top/work" bin="$top/bin" out="$top/stdout" err="$top/stderr"
mkdir -p "$work" "$bin"
ln -s "$exe" "$bin/orgflow"
ln -s "$src/models" "$work/models"
ln -s "$here/data" "$work/data"

# Commands see: orgflow on PATH, $SRC (source tree), $DATA, $CHECKS (helper
# scripts), $PY (Debian's python3, which has the modules the checks use).
export PATH="$bin:$PATH" SRC="$src" DATA="$here/data" CHECKS="$here/checks" PY=/usr/bin/python3
cd "$work" || exit 1

for s in "${skips[@]}"; do
  if ! bash -c "$s" >/dev/null 2>&1; then
    echo "SKIPPED [$name]: precondition not met: $s"
    exit 77
  fi
done
for s in "${setups[@]}"; do
  bash -c "$s" || { echo "run_case: $name: setup failed: $s" >&2; exit 1; }
done

# Regular files by content (reading a FIFO or a socket would block or
# fail), everything else by name and type.
snapshot() { (cd "$work" && find . -mindepth 1 -type f -print0 | sort -z | xargs -0r sha256sum 2>/dev/null; \
              find . -mindepth 1 -not -type l -printf '%y %p\n' | sort); }
before="$(snapshot)"

bash -c "${runs[0]}" >"$out" 2>"$err" </dev/null
status=$?

if [ "$status" != "$want_exit" ]; then
  fail "exit status $status, expected $want_exit"
fi
if [ "$want_exit" = 2 ] || [ "$want_exit" = 3 ]; then
  after="$(snapshot)"
  [ "$before" = "$after" ] || fail "files were written although the command failed:
$(diff <(echo "$before") <(echo "$after"))"
fi
for t in "${stdout_has[@]}"; do grep -qF -- "$t" "$out" || fail "stdout lacks: $t"; done
for t in "${stderr_has[@]}"; do grep -qF -- "$t" "$err" || fail "stderr lacks: $t"; done
for t in "${stdout_lacks[@]}"; do ! grep -qF -- "$t" "$out" || fail "stdout has: $t"; done
for t in "${stderr_lacks[@]}"; do ! grep -qF -- "$t" "$err" || fail "stderr has: $t"; done
[ "$stdout_empty" != yes ] || [ ! -s "$out" ] || fail "stdout is not empty"
[ "$stderr_empty" != yes ] || [ ! -s "$err" ] || fail "stderr is not empty"

for g in "${goldens[@]}"; do
  case "$g" in
    stdout) actual="$out" ;;
    stderr) actual="$err" ;;
    *) actual="$work/$g" ;;
  esac
  want="$expected_dir/$name.$(basename "$g")"
  if [ "${ORGFLOW_REGEN:-0}" = 1 ]; then
    cp "$actual" "$want" && echo "regenerated ${want#"$src"/}"
    continue
  fi
  if [ ! -f "$actual" ]; then
    fail "$g was not written"
  elif [ ! -f "$want" ]; then
    fail "no expected file ${want#"$src"/} (run tests/cli/regen.sh and review it)"
  elif ! cmp -s "$actual" "$want"; then
    fail "$g differs from ${want#"$src"/}:
$(diff "$want" "$actual" | head -40)"
  fi
done

for c in "${checks[@]}"; do
  if ! check_out="$(bash -c "$c" 2>&1)"; then
    fail "check failed: $c
$check_out"
  fi
done

if [ "$failed" != 0 ]; then
  echo "--- command: ${runs[0]}" >&2
  echo "--- stdout (first 40 lines):" >&2; head -40 "$out" >&2
  echo "--- stderr (first 40 lines):" >&2; head -40 "$err" >&2
  exit 1
fi
echo "ok [$name]"
