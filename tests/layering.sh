#!/usr/bin/env bash
# Keeps the direction of dependencies honest (docs/architecture.md): which
# third-party headers each layer may include, and that no layer includes a
# layer above it. Prints one line per violation and `N passed, M failed`.
set -u
cd "$(dirname "$0")/.."
passed=0; failed=0
# check NAME GLOB-OF-FILES FORBIDDEN-REGEX
check() {
  local name=$1 files=$2 pattern=$3 hits
  # shellcheck disable=SC2086
  hits=$(grep -nE "$pattern" $files 2>/dev/null || true)
  if [ -n "$hits" ]; then
    failed=$((failed + 1)); echo "FAIL $name:"; echo "$hits" | sed 's/^/  /'
  else
    passed=$((passed + 1))
  fi
}
inc='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]'
check "public headers include no third-party library" "graphlib/include/orgflow/*.hpp" \
  "$inc(boost/|graphviz/|cgraph|gvc|expat|nlohmann/|zlib|CLI/|xlsxwriter|unzip|minizip)"
check "the member table uses no library and no layer above the model" "graphlib/schema/*" \
  "$inc(boost/|graphviz/|cgraph|gvc|expat|nlohmann/|zlib|CLI/|xlsxwriter|unzip|graph/|analysis/|report/|render/|document/|import/|people/|sheet/|merge/)"
check "only the workbook layer includes libxlsxwriter and minizip" "graphlib/model/* graphlib/import/* graphlib/merge/* graphlib/report/* graphlib/analysis/* tools/orgflow/*" \
  "$inc(xlsxwriter|unzip|minizip)"
check "merge uses no Graphviz, Boost or workbook library" "graphlib/merge/*" \
  "$inc(boost/|graphviz/|cgraph|gvc|expat|CLI/|xlsxwriter|unzip|render/|document/|sheet/)"
check "the text toolkit uses no library and no other layer" "graphlib/text/*" "$inc(boost/|graphviz/|cgraph|gvc|expat|nlohmann/|zlib|CLI/|model/|graph/|analysis/|report/|render/|document/|import/|people/|orgflow/(model|analysis|report|render|document|import|diagnosis|whatif|plan|people|quantity|number)\.hpp)"
check "model uses nlohmann only" "graphlib/model/*" "$inc(boost/|graphviz/|cgraph|gvc|expat|zlib|CLI/)"
check "model includes no upper layer" "graphlib/model/*" "$inc(graph/|analysis/|report/|render/|document/|import/|people/|orgflow/(analysis|report|render|document|import|diagnosis|whatif|plan|people)\.hpp)"
check "graph views use no Graphviz, XML or JSON" "graphlib/graph/*" "$inc(graphviz/|cgraph|gvc|expat|nlohmann/|zlib|CLI/)"
check "analysis uses no Graphviz, XML, JSON or I/O layer" "graphlib/analysis/*" "$inc(graphviz/|cgraph|gvc|expat|nlohmann/|zlib|CLI/|report/|render/|document/|import/|orgflow/(report|render|document|import)\.hpp)"
check "report writers use no Graphviz or Boost" "graphlib/report/*" "$inc(graphviz/|cgraph|gvc|expat|boost/|CLI/|render/|document/|import/|orgflow/(render|document|import)\.hpp)"
check "only render and the DOT importer include Graphviz" "graphlib/document/* graphlib/people/* tools/orgflow/*" "$inc(graphviz/|cgraph|gvc)"
check "the tool holds no graph or parsing library" "tools/orgflow/*" "$inc(boost/|graphviz/|expat|nlohmann/|zlib)"
check "analyses never print" "graphlib/analysis/*.cpp graphlib/graph/*.cpp" "(std::cout|std::cerr|printf\(|puts\()"
check "the library checks invariants in every build (check_invariant, never assert)" "graphlib/*/*.cpp graphlib/*/*.hpp graphlib/include/orgflow/*.hpp" \
  "(^|[^_[:alnum:]])assert[[:space:]]*\(|#[[:space:]]*include[[:space:]]*<(cassert|assert\.h)>"
# Every include of every layer, tool and test against the links of the build.
if out=$(python3 tests/layering_includes.py); then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL every include is in its place:"; echo "$out" | sed 's/^/  /'
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
