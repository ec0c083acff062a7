#!/usr/bin/env bash
# First command of the README: on a Debian 12 machine, install what orgflow
# needs (only the packages that are missing), build it in Release into
# build/, then run its main job on the lead-pipeline example: the analysis on
# the terminal, and its map and leadership report written to files whose
# paths it prints (out/).
#
#   tools/setup.sh
#
# tools/test.sh sources this file for install_packages and configure_build.
# Environment: ORGFLOW_BUILD_DIR (default build), ORGFLOW_JOBS (default 2).
set -euo pipefail

orgflow_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
orgflow_build="${ORGFLOW_BUILD_DIR:-$orgflow_root/build}"
orgflow_jobs="${ORGFLOW_JOBS:-2}"

# Debian 12 packages: compiler and build tools, the libraries graphlib links
# (Boost.Graph, Graphviz, nlohmann/json, CLI11, expat, zlib, libxlsxwriter
# and minizip for workbooks), the test frameworks (Catch2, rapidcheck), the
# graphviz CLI and python3-networkx used by tests, and the font Graphviz
# renders labels with.
orgflow_packages=(
  build-essential cmake pkg-config
  libboost-graph-dev libgraphviz-dev graphviz nlohmann-json3-dev libcli11-dev
  libexpat1-dev zlib1g-dev libxlsxwriter-dev libminizip-dev fonts-liberation2
  librapidcheck-dev catch2 python3-networkx
)
# Only for tools/test.sh: Debian's Chromium, which the browser test of the
# HTML report drives headless (through playwright-core from npm); clang with
# its sanitizer and libFuzzer runtimes for the sanitizer stage and the fuzz
# targets (tools/fuzz.sh); SQLite for the test of docs/scale.md.
orgflow_test_packages=(chromium clang libclang-rt-14-dev sqlite3)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# install_packages [PACKAGE...]: installs those of orgflow_packages and of
# the extra PACKAGEs that are not installed yet (apt-get update first, sudo
# when not root); installs nothing when all are there.
install_packages() {
  local wanted=("${orgflow_packages[@]}" "$@") missing=() p
  for p in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    say "All ${#wanted[@]} Debian packages orgflow needs are installed"
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "setup: these packages are missing and sudo is not available: ${missing[*]}" >&2
      echo "setup: run this script as root, or install them with: apt-get install ${missing[*]}" >&2
      return 1
    fi
    sudo=(sudo)
  fi
  say "Installing ${#missing[@]} missing Debian packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# configure_build ON|OFF: configures a Release build in $orgflow_build with
# the tests on or off.
configure_build() {
  say "Configuring a Release build in ${orgflow_build#"$orgflow_root"/} (tests: $1)"
  # CMP0110 NEW: test names hold ': ' and spaces ("docs: every console
  # example ..."); CMake 3.25 mangles them when the policy is unset.
  cmake -S "$orgflow_root" -B "$orgflow_build" -DCMAKE_BUILD_TYPE=Release -DORGFLOW_TESTS="$1" \
    -DCMAKE_POLICY_DEFAULT_CMP0110=NEW >/dev/null
}

setup_main() {
  install_packages
  configure_build OFF
  say "Building orgflow (-j$orgflow_jobs)"
  cmake --build "$orgflow_build" -j"$orgflow_jobs" --target orgflow
  local exe="$orgflow_build/tools/orgflow"
  local model="$orgflow_root/models/lead-pipeline.json"
  local out_dir="$orgflow_root/out"
  mkdir -p "$out_dir"

  say "orgflow analyze models/lead-pipeline.json"
  "$exe" analyze "$model"

  local map="$out_dir/lead-pipeline-map.svg"
  local report="$out_dir/lead-pipeline-report.html"
  "$exe" render "$model" -o "$map"
  "$exe" report "$model" -o "$report"
  say "The map of the lead pipeline, with its findings marked: $map"
  say "The report for leadership (open it in a browser):       $report"
  say "Next: $exe --help, and docs/cli.md for every command"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  setup_main "$@"
fi
