#!/usr/bin/env bash
# Runs the console examples of a Markdown document and checks that each shows
# exactly what orgflow prints, so the README and the docs never go stale.
#
#   doc_examples.sh FILE.md
#
# An example is a fenced block opened with ```console. In it, a line starting
# with `$ ` is a command (a trailing backslash continues it on the next line);
# the lines up to the next command or the end of the block are its expected
# output: standard output and standard error together, as a terminal shows
# them. Commands run with bash in a scratch folder holding links to the
# source tree's models/, docs/ and tests/, with `orgflow` on PATH.
# ORGFLOW_REGEN=1 prints the actual outputs instead of failing, for review.
set -uo pipefail

doc="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="${ORGFLOW_SOURCE_DIR:-$(cd "$here/../.." && pwd)}"
exe="$(realpath "${ORGFLOW_EXE:?ORGFLOW_EXE must name the orgflow executable}")"

top="$(mktemp -d)"
trap 'rm -rf "$top"' EXIT
mkdir -p "$top/work" "$top/bin"
ln -s "$exe" "$top/bin/orgflow"
for d in models docs tests; do ln -s "$src/$d" "$top/work/$d"; done
export PATH="$top/bin:$PATH"

# Split the document into numbered command and expected-output files.
/usr/bin/python3 - "$doc" "$top" <<'PY'
import sys
doc, top = sys.argv[1], sys.argv[2]
lines = open(doc, encoding="utf-8").read().split("\n")
examples, in_block, cur = [], False, None
i = 0
while i < len(lines):
    line = lines[i]
    if not in_block and line.strip() == "```console":
        in_block = True
    elif in_block and line.strip() == "```":
        in_block, cur = False, None
    elif in_block and line.startswith("$ "):
        cmd = line[2:]
        while cmd.endswith("\\") and i + 1 < len(lines):
            i += 1
            cmd = cmd[:-1] + lines[i].lstrip()
        cur = {"cmd": cmd, "out": [], "line": i + 1}
        examples.append(cur)
    elif in_block and cur is not None:
        cur["out"].append(line)
    i += 1
for n, ex in enumerate(examples):
    open(f"{top}/cmd{n:03d}", "w").write(ex["cmd"] + "\n")
    open(f"{top}/want{n:03d}", "w").write("".join(l + "\n" for l in ex["out"]))
    open(f"{top}/line{n:03d}", "w").write(str(ex["line"]))
PY

count=0 failed=0
cd "$top/work" || exit 1
for cmd_file in "$top"/cmd*; do
  [ -e "$cmd_file" ] || break
  n="${cmd_file##*cmd}"
  count=$((count + 1))
  bash -c "$(cat "$cmd_file")" >"$top/got$n" 2>&1 </dev/null
  if ! cmp -s "$top/want$n" "$top/got$n"; then
    if [ "${ORGFLOW_REGEN:-0}" = 1 ]; then
      echo "--- $doc:$(cat "$top/line$n"): \$ $(cat "$cmd_file")"; cat "$top/got$n"
    else
      echo "FAIL: $doc:$(cat "$top/line$n"): \$ $(cat "$cmd_file")" >&2
      diff "$top/want$n" "$top/got$n" | sed 's/^/    /' >&2
      failed=$((failed + 1))
    fi
  fi
done
if [ "$count" -eq 0 ]; then
  echo "SKIPPED: $doc has no console examples"
  exit 77
fi
echo "$doc: $count examples, $failed failed"
[ "$failed" -eq 0 ]
