#!/usr/bin/env python3
"""Runs the bad-input corpus of tests/bad-inputs/cases.txt against orgflow.

  run.py ORGFLOW [NAME-FRAGMENT]

For each case: runs orgflow in a fresh scratch folder and checks the exit
status, that standard error names the input and the place and holds the
message fragment, that standard error is printable UTF-8 (no raw byte that is
not UTF-8, no control character but the line ends) with no line longer than
1,000 bytes, that it shows no crash, sanitizer report or internal error, and
that the scratch folder is still empty (nothing written), and that it took
less than 30 s. Prints one line per failed case and exits 1 when any failed.

Inputs too large to keep in the repository are generated here (@NAME in
cases.txt), into a temporary folder, once per run.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# Every case is refused quickly: the largest (a 200 MB attribute, a 300 MB
# gzip bomb, 256 MiB of zeros) take about a second, ten under the
# sanitizers; the first release took minutes on them.
# A case slower than this fails: a reader gone quadratic again. Instrumented
# builds (AddressSanitizer) run several times slower, so the sanitizer build
# sets ORGFLOW_BAD_INPUT_MAX_SECONDS higher (tests/CMakeLists.txt).
MAX_SECONDS = float(os.environ.get("ORGFLOW_BAD_INPUT_MAX_SECONDS", "30"))
BAD_SIGNS = ("internal error", "this is a bug", "terminate called", "Assertion", "AddressSanitizer",
             "LeakSanitizer", "runtime error:", "Segmentation fault", "core dumped", "std::")


def reader_shape(shape, path, size):
    """A hostile XML input made by tools/degenerate/generate.py (gzip)."""
    subprocess.run([sys.executable, os.path.join(HERE, "..", "..", "tools", "degenerate", "generate.py"), shape, path,
                    "--size", str(size)], check=True)
    return path


def generate(name, folder):
    """The generated inputs of cases.txt."""
    path = os.path.join(folder, name)
    if os.path.exists(path):
        return path
    units2 = [{"id": "a"}, {"id": "b"}]
    if name == "deep-100000.json":
        data = '{"orgflow": 1, "units": [], "x-deep": ' + "[" * 100000 + "]" * 100000 + "}\n"
    elif name == "big-integer.json":
        data = '{"orgflow": 1, "units": [{"id": "a", "staff": ' + "9" * 100000 + "}]}\n"
    elif name == "big-x-number.json":
        data = '{"orgflow": 1, "units": [{"id": "a", "x-n": ' + "9" * 100000 + "}]}\n"
    elif name == "long-duration.json":
        data = json.dumps({"orgflow": 1, "units": units2,
                           "flows": [{"from": "a", "to": "b", "latency": "1" * 100000 + "d"}]})
    elif name == "many-signs.json":
        data = json.dumps({"orgflow": 1, "units": units2,
                           "flows": [{"from": "a", "to": "b", "latency": "-" * 100000 + "1d"}]})
    elif name == "duplicates-9999.json":
        data = json.dumps({"orgflow": 1, "units": [{"id": "same"} for _ in range(10000)]})
    elif name == "huge-attribute.bpmn.gz":
        return reader_shape("bpmn-attribute", path, 200 << 20)
    elif name == "bomb.bpmn.gz":
        return reader_shape("bpmn-bomb", path, 300 << 20)
    elif name == "huge-attribute.xes.gz":
        return reader_shape("xes-attribute", path, 200 << 20)
    elif name == "long-timestamp.xes":
        data = ('<?xml version="1.0"?>\n<log>\n <trace>\n  <event><string key="org:group" value="a"/>'
                '<date key="time:timestamp" value="' + "9" * 100000 + '"/></event>\n </trace>\n</log>\n')
    else:
        sys.exit(f"run.py: no generator for @{name}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(data)
    return path


def parse_cases():
    cases = []
    with open(os.path.join(HERE, "cases.txt"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = [x.strip() for x in line.split("|")]
            if len(fields) != 5:
                sys.exit(f"cases.txt:{number}: expected 5 fields separated by |, got {len(fields)}")
            name, command, status, place, fragment = fields
            cases.append((number, name, command, int(status), place, fragment))
    return cases


def check_stderr(err):
    problems = []
    try:
        text = err.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"standard error is not UTF-8 (byte {err[e.start]:#04x} at {e.start})"], ""
    for c in text:
        if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0:
            problems.append(f"standard error holds the control character U+{ord(c):04X}")
            break
    for line in text.split("\n"):
        if len(line.encode()) > 1000:
            problems.append(f"a line of {len(line.encode())} bytes (an echoed value was not shortened)")
            break
    for sign in BAD_SIGNS:
        if sign in text:
            problems.append(f"standard error shows {sign!r}")
    return problems, text


def run_case(exe, generated, case):
    number, name, command, want_status, place, fragment = case
    words = shlex.split(command)
    stdin_path = None
    if "<" in words:
        k = words.index("<")
        stdin_path = words[k + 1]
        words = words[:k] + words[k + 2:]
    shown = None  # the input as orgflow names it
    with tempfile.TemporaryDirectory() as scratch:
        args = []
        for w in words:
            if w == "OUT":
                args.append(os.path.join(scratch, "out.json"))
            elif w.startswith("@"):
                args.append(generate(w[1:], generated))
                shown = shown or args[-1]
            elif "/" in w or w in ("model",):
                args.append(os.path.join(HERE, w))
                shown = shown or args[-1]
            else:
                args.append(w)
        if stdin_path:
            shown = "<stdin>"
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        start = time.monotonic()
        try:
            r = subprocess.run([exe] + args, stdin=stdin, capture_output=True, cwd=scratch, timeout=300,
                               env=dict(os.environ, LC_ALL="C"))
        finally:
            if stdin_path:
                stdin.close()
        seconds = time.monotonic() - start
        left = os.listdir(scratch)
    problems = []
    if r.returncode != want_status:
        problems.append(f"exit status {r.returncode}, expected {want_status}")
    more, text = check_stderr(r.stderr)
    problems += more
    if "@" in place:  # FILE@PLACE: the place is in another input than the first
        other, place = place.split("@", 1)
        shown = os.path.join(HERE, other)
    if place != "-" and f"{shown}:{place}" not in text:
        problems.append(f"no '{shown}:{place}' in standard error")
    if fragment not in text:
        problems.append(f"no '{fragment}' in standard error")
    if left:
        problems.append(f"something was written: {left}")
    if seconds > MAX_SECONDS:
        problems.append(f"took {seconds:.1f} s (more than {MAX_SECONDS} s: is a reader quadratic again?)")
    if problems:
        excerpt = text[:600].replace("\n", "\n      ")
        return f"FAIL cases.txt:{number} [{name}]: " + "; ".join(problems) + f"\n      stderr: {excerpt}"
    return None


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: run.py ORGFLOW [NAME-FRAGMENT]")
    exe = os.path.realpath(sys.argv[1])
    only = sys.argv[2] if len(sys.argv) > 2 else None
    cases = [c for c in parse_cases() if not only or only in c[1]]
    failures = []
    with tempfile.TemporaryDirectory() as generated:
        for case in cases:
            message = run_case(exe, generated, case)
            if message:
                failures.append(message)
                print(message, flush=True)
    print(f"{len(cases) - len(failures)} of {len(cases)} bad-input cases passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
