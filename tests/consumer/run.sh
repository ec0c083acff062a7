#!/usr/bin/env bash
# Installs the orgflow build into a fresh prefix, builds tests/consumer
# against it with find_package(orgflow), and runs it on an example model.
#   run.sh BUILD_DIR SOURCE_DIR WORK_DIR [CXX_COMPILER [CXX_FLAGS]]
set -euo pipefail
build="$1" src="$2" work="$3" cxx="${4:-c++}" flags="${5:-}"
rm -rf "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$src/tests/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_CXX_FLAGS="$flags" >/dev/null
cmake --build "$work/consumer" >/dev/null
out=$("$work/consumer/findings" "$src/models/lead-pipeline.json")
echo "$out" | head -3
echo "$out" | grep -q "^Acme lead pipeline (orgflow " || { echo "unexpected output"; exit 1; }
test -x "$work/prefix/bin/orgflow" || { echo "the tool was not installed"; exit 1; }
test -f "$work/prefix/include/orgflow/version.hpp" || { echo "no version header"; exit 1; }
# docs/library.md shows this very program.
python3 - "$src" <<'PY'
import sys
src = sys.argv[1]
doc = open(f"{src}/docs/library.md").read()
code = open(f"{src}/tests/consumer/findings.cpp").read()
assert "```cpp\n" + code + "```" in doc, "docs/library.md does not show tests/consumer/findings.cpp"
PY
