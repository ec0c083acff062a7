#!/usr/bin/env bash
# Second command of the README (and what CI runs, through .ci/run): install
# the missing Debian packages, build everything in Release with the tests on,
# and run every test with CTest; then (stage 2) build the whole suite again
# with clang, AddressSanitizer and UndefinedBehaviorSanitizer (leaks
# included) and the libFuzzer harnesses, and run it all again: every test,
# the fuzz corpus replayed and each fuzz target for a fixed number of
# mutations from a fixed seed. Any sanitizer report fails its test. Exits
# non-zero when a test fails.
#
#   tools/test.sh                       # both stages
#   ORGFLOW_SANITIZE_STAGE=0 tools/test.sh   # the Release stage only
#
# Environment: ORGFLOW_BUILD_DIR (default build), ORGFLOW_SANITIZE_BUILD_DIR
# (default build-sanitize), ORGFLOW_JOBS (default 2), ORGFLOW_SANITIZE_STAGE
# (default 1).
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
stage_start=$(date +%s)
configure_build ON
say "Building orgflow and its tests (-j$orgflow_jobs)"
start=$(date +%s)
cmake --build "$orgflow_build" -j"$orgflow_jobs"
say "Build took $(( $(date +%s) - start )) s"
say "Running the tests"
(cd "$orgflow_build" && ctest --output-on-failure -j"$orgflow_jobs")
say "Release stage took $(( $(date +%s) - stage_start )) s"

if [ "${ORGFLOW_SANITIZE_STAGE:-1}" = 1 ]; then
  stage_start=$(date +%s)
  sanitize_build="${ORGFLOW_SANITIZE_BUILD_DIR:-$orgflow_root/build-sanitize}"
  say "Configuring the sanitizer build in ${sanitize_build#"$orgflow_root"/} (clang, ASan, UBSan, libFuzzer)"
  cmake -S "$orgflow_root" -B "$sanitize_build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DORGFLOW_SANITIZE=ON -DORGFLOW_FUZZ=ON -DORGFLOW_TESTS=ON -DCMAKE_POLICY_DEFAULT_CMP0110=NEW >/dev/null
  say "Building the sanitizer build (-j$orgflow_jobs)"
  start=$(date +%s)
  cmake --build "$sanitize_build" -j"$orgflow_jobs"
  say "Sanitizer build took $(( $(date +%s) - start )) s"
  say "Running every test under AddressSanitizer and UndefinedBehaviorSanitizer, with the fuzz runs"
  # Leaks are checked at exit (detect_leaks); any report ends the process
  # with an error (the build has -fno-sanitize-recover=all).
  (cd "$sanitize_build" &&
    ASAN_OPTIONS="detect_leaks=1" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ctest --output-on-failure -j"$orgflow_jobs")
  say "Sanitizer stage took $(( $(date +%s) - stage_start )) s"
fi
