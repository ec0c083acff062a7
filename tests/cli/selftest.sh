#!/usr/bin/env bash
# Checks that the case runner itself can fail: each synthetic case below
# breaks one expectation (exit status, output text, "nothing written", a
# golden file, a check) and run_case.sh must report it; one well-formed case
# must pass. A runner that passed everything would make every CLI case
# worthless, so this is a test of the tests.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/cases" "$tmp/expected"
export ORGFLOW_CLI_EXPECTED="$tmp/expected" ORGFLOW_REGEN=0
echo "expected text" >"$tmp/expected/golden-differs.stdout"
echo "same text" >"$tmp/expected/golden-same.stdout"
failures=0

expect() {  # expect pass|fail NAME CASE-TEXT
  local want="$1" name="$2"
  printf '%s\n' "$3" >"$tmp/cases/$name.case"
  bash "$here/run_case.sh" "$tmp/cases/$name.case" >"$tmp/$name.log" 2>&1
  local status=$?
  if { [ "$want" = pass ] && [ $status -ne 0 ]; } || { [ "$want" = fail ] && [ $status -ne 1 ]; }; then
    echo "selftest: case '$name' should $want, the runner exited $status:" >&2
    sed 's/^/    /' "$tmp/$name.log" >&2
    failures=$((failures + 1))
  fi
}

expect pass good 'run: orgflow --version
exit: 0
stdout-has: orgflow
stderr-empty: yes'
expect fail wrong-exit 'run: orgflow --version
exit: 2'
expect fail missing-text 'run: orgflow --version
stdout-has: no such text'
expect fail unwanted-text 'run: orgflow --version
stdout-lacks: orgflow'
expect fail not-empty 'run: orgflow --version
stdout-empty: yes'
expect fail wrote-on-error 'run: touch written.json; exit 2
exit: 2'
expect fail changed-on-error 'setup: echo a > kept.txt
run: echo b > kept.txt; exit 2
exit: 2'
expect fail failing-check 'run: true
check: false'
expect fail golden-missing 'run: orgflow --version
golden: stdout'
expect fail golden-differs 'run: echo different
golden: stdout'
expect pass golden-same 'run: echo same text
golden: stdout'

if [ "$failures" -ne 0 ]; then
  echo "selftest: $failures of the runner's checks did not work" >&2
  exit 1
fi
echo "selftest: the case runner catches every broken expectation"
