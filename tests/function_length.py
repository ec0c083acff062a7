#!/usr/bin/env python3
"""No function of the library over 80 lines without a reason beside it.

Finds function definitions in graphlib/ (a signature that starts at the
indentation of a namespace or a class member, possibly over several lines,
and ends with `{`), counts the lines to the matching brace, and requires a
comment with "Long on purpose:" in the comment block just above every
definition longer than LIMIT lines (docs/architecture.md, "Code"). Prints
each one that lacks it and exits 1; with --list, prints every long function.
"""
import pathlib
import re
import sys

LIMIT = 80
root = pathlib.Path(__file__).resolve().parent.parent
start = re.compile(r"^( {0,2})(?!(if|for|while|switch|namespace|struct|class|enum|union|else|do|return|case|"
                   r"using|typedef|template|static_assert|public|private|protected)\b)[A-Za-z_~][^;{}]*\(")


def functions(lines):
    i = 0
    while i < len(lines):
        if not start.match(lines[i]) or lines[i].lstrip().startswith("//"):
            i += 1
            continue
        # The signature runs to the first line ending with `{`, unless a `;`
        # (a declaration) or a blank line comes first.
        j = i
        while j < len(lines) and not lines[j].rstrip().endswith("{"):
            if ";" in lines[j] or not lines[j].strip() or j - i > 6:
                break
            j += 1
        if j >= len(lines) or not lines[j].rstrip().endswith("{") or ";" in "".join(lines[i:j + 1]):
            i += 1
            continue
        depth, k = 0, j
        while k < len(lines):
            code = re.sub(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'|//.*', "", lines[k])
            depth += code.count("{") - code.count("}")
            if depth == 0:
                break
            k += 1
        yield i, k - i + 1
        i = k + 1 if len(start.match(lines[i]).group(1)) == 0 else j + 1


def reason_above(lines, i):
    k = i - 1
    if k >= 0 and lines[k].lstrip().startswith("template"):
        k -= 1
    while k >= 0 and lines[k].lstrip().startswith("//"):
        if "Long on purpose:" in lines[k]:
            return True
        k -= 1
    return False


missing, long_ones = [], []
for path in sorted((root / "graphlib").rglob("*.[ch]pp")):
    lines = path.read_text().split("\n")
    for i, n in functions(lines):
        if n <= LIMIT:
            continue
        where = f"{path.relative_to(root)}:{i + 1}: {n} lines: {lines[i].strip()[:70]}"
        long_ones.append(where)
        if not reason_above(lines, i):
            missing.append(where)
if "--list" in sys.argv:
    print("\n".join(long_ones))
for m in missing:
    print("no reason stated (// Long on purpose: ...):", m)
print(f"{len(long_ones)} functions over {LIMIT} lines, {len(missing)} without a reason")
sys.exit(1 if missing else 0)
