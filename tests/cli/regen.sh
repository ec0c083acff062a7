#!/usr/bin/env bash
# Rewrites the golden files of the CLI text cases (tests/cli/expected) from
# what the current build prints. Review the result with `git diff tests/cli/expected`
# before committing: a golden file is a claim that this output is right.
#
#   tests/cli/regen.sh [BUILD_DIR]      (default: build)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(cd "$here/../.." && pwd)"
build="${1:-$src/build}"
export ORGFLOW_EXE="$build/tools/orgflow" ORGFLOW_SOURCE_DIR="$src" ORGFLOW_REGEN=1 LC_ALL=C
export ORGFLOW_SHARED_DIR="${ORGFLOW_SHARED_DIR:-$src/../shared}"
[ -x "$ORGFLOW_EXE" ] || { echo "regen: no executable at $ORGFLOW_EXE (build first)" >&2; exit 1; }
for c in "$here"/cases/*.case; do
  if grep -q '^golden:' "$c"; then bash "$here/run_case.sh" "$c" 2>/dev/null | grep regenerated || true; fi
done
echo "Console examples in the docs: tests/docs/check_docs.py $ORGFLOW_EXE --update"
