#!/usr/bin/env python3
"""Runs the examples in orgflow's documentation and compares their output.

Every fenced block that starts with ```console in README.md and docs/*.md is
a transcript: lines starting with `$ ` are commands, run with bash in the
repository root with the built `orgflow` first on PATH; the lines after a
command, up to the next command or the end of the block, are its expected
output (standard output and standard error together, as a terminal shows
them). Commands run in order within a file, so a later command can read a
file an earlier one wrote (use paths under out/).

Commands run in a scratch copy of the checkout (links to its files and
folders, a fresh out/, and ../shared when the checkout has one beside it), so
the test suite writes nothing into the checkout: `--work DIR` names the
scratch folder (default: a new temporary folder).

    check_docs.py ORGFLOW_EXE [--update] [--work DIR] [FILE...]

Without --update, prints a diff for each example whose output changed and ends
with `N passed, M failed` (exit 1 on failure). With --update, rewrites the
expected outputs in place, for review with `git diff`. A command that reads
../shared/datasets is skipped (and its output left as it is) when that folder
is absent, as in a user's clone.
"""
import difflib
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def blocks(text):
    """Yields (start, end) line indexes of the bodies of ```console blocks."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```console":
            j = i + 1
            while j < len(lines) and lines[j].strip() != "```":
                j += 1
            yield i + 1, j
            i = j
        i += 1


WORK = None  # the scratch copy of the checkout commands run in


def make_work(work_dir):
    """A folder that looks like the checkout: a link per top-level entry (but
    out/, which it gets fresh), and a link `../shared` beside it when the
    checkout has one."""
    import shutil
    import tempfile
    base = os.path.abspath(work_dir) if work_dir else tempfile.mkdtemp(prefix="orgflow-docs-")
    root = os.path.join(base, "checkout")
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(os.path.join(root, "out"))
    for name in os.listdir(ROOT):
        if name in ("out", ".git") or name.startswith("build"):
            continue
        os.symlink(os.path.join(ROOT, name), os.path.join(root, name))
    shared = os.path.join(os.path.dirname(ROOT), "shared")
    link = os.path.join(base, "shared")
    if os.path.isdir(shared) and not os.path.lexists(link):
        os.symlink(shared, link)
    return root


def run(cmd, exe_dir):
    env = dict(os.environ)
    env["PATH"] = exe_dir + os.pathsep + env.get("PATH", "")
    env["LC_ALL"] = "C.UTF-8"
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    p = subprocess.run(["bash", "-c", cmd], cwd=WORK, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.decode("utf-8", "replace")
    return [line.rstrip() for line in out.rstrip("\n").split("\n")] if out.strip() else []


def check_file(path, exe_dir, update):
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    passed = failed = 0
    # Examples on ../shared/datasets (beside the developers' repository, not
    # in a user's clone) are skipped, unchanged, when it is absent.
    datasets = os.path.isdir(os.path.join(ROOT, "..", "shared", "datasets"))
    new_lines = list(lines)
    offset = 0
    for start, end in blocks(text):
        body = lines[start:end]
        k = 0
        rebuilt = []
        while k < len(body):
            if not body[k].startswith("$ "):
                k += 1
                continue
            cmd = body[k][2:]
            k2 = k + 1
            while k2 < len(body) and not body[k2].startswith("$ "):
                k2 += 1
            expected = [line.rstrip() for line in body[k + 1:k2]]
            while expected and not expected[-1]:
                expected.pop()
            if "../shared/datasets" in cmd and not datasets:
                rebuilt.extend(body[k:k2])
                print(f"skipped {os.path.relpath(path, ROOT)}: $ {cmd} (../shared/datasets is absent)")
                k = k2
                continue
            got = run(cmd, exe_dir)
            rebuilt.append(body[k])
            rebuilt.extend(got)
            if got == expected:
                passed += 1
            else:
                failed += 1
                if not update:
                    print(f"FAIL {os.path.relpath(path, ROOT)}: $ {cmd}")
                    for d in difflib.unified_diff(expected, got, "documented", "actual", lineterm="", n=1):
                        print("   " + d)
            k = k2
        new_lines[start + offset:end + offset] = rebuilt
        offset += len(rebuilt) - (end - start)
    if update and new_lines != lines:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(new_lines))
        print(f"updated {os.path.relpath(path, ROOT)}")
    return passed, failed


def main():
    global WORK
    args = sys.argv[1:]
    update = "--update" in args
    args = [a for a in args if a != "--update"]
    work_dir = None
    if "--work" in args:
        i = args.index("--work")
        work_dir = args[i + 1]
        del args[i:i + 2]
    WORK = make_work(work_dir)
    exe = os.path.abspath(args[0])
    files = args[1:] or [os.path.join(ROOT, "README.md")] + sorted(
        os.path.join(ROOT, "docs", f) for f in os.listdir(os.path.join(ROOT, "docs")) if f.endswith(".md"))
    passed = failed = 0
    for f in files:
        if not os.path.exists(f):
            continue
        p, q = check_file(f, os.path.dirname(exe), update)
        passed += p
        failed += q
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed and not update else 0)


if __name__ == "__main__":
    main()
