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

install_packages
configure_build ON
say "Building orgflow and its tests (-j$orgflow_jobs)"
start=$(date +%s)
cmake --build "$orgflow_build" -j"$orgflow_jobs"
say "Build took $(( $(date +%s) - start )) s"
say "Running the tests"
cd "$orgflow_build"
ctest --output-on-failure -j"$orgflow_jobs"
