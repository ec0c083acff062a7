#!/usr/bin/env bash
# Second command of the README (and what CI runs, through .ci/run): install
# the missing Debian packages, build everything in Release with the tests on,
# and run every test with CTest. Exits non-zero when a test fails.
#
#   tools/test.sh
#
# Environment: ORGFLOW_BUILD_DIR (default build), ORGFLOW_JOBS (default 2).
set -euo pipefail

# shellcheck source=tools/setup.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/setup.sh"

install_packages "${orgflow_test_packages[@]}"
# playwright-core for the browser test, pinned by tests/browser/package-lock.json.
# Without npm the browser test reports itself skipped.
if [ ! -d "$orgflow_root/tests/browser/node_modules/playwright-core" ] && [ -f "$orgflow_root/tests/browser/package-lock.json" ]; then
  if command -v npm >/dev/null 2>&1; then
    say "Installing playwright-core for the browser test (npm ci)"
    (cd "$orgflow_root/tests/browser" && npm ci --no-audit --no-fund --loglevel=error) \
      || say "npm ci failed: the browser test of the HTML report will be skipped"
  else
    say "npm is not installed: the browser test of the HTML report will be skipped"
  fi
fi
configure_build ON
say "Building orgflow and its tests (-j$orgflow_jobs)"
start=$(date +%s)
cmake --build "$orgflow_build" -j"$orgflow_jobs"
say "Build took $(( $(date +%s) - start )) s"
say "Running the tests"
cd "$orgflow_build"
ctest --output-on-failure -j"$orgflow_jobs"
