#!/usr/bin/env python3
"""Seed inputs for one libFuzzer harness of tests/fuzz (used by tools/fuzz.sh).

  fuzz_seeds.py TARGET OUT_DIR [--orgflow EXE]

Writes into OUT_DIR the inputs a harness starts from, in the harness's own
input format (option bytes first, tables joined with their separator), made
from what the repository and the shared datasets hold: the example models,
the test data, the bad-input corpus (tests/bad-inputs) and, when
../shared/datasets exists, its BPMN files, event logs and person tables.
Large files are cut to a size a fuzzer can mutate (a few traces of a log,
the first rows of a table). With --orgflow, the example models are also
exported as DOT graphs for the DOT harness.
"""
import argparse
import gzip
import hashlib
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("ORGFLOW_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
DATASETS = os.path.join(SHARED, "datasets")
SEPARATOR_PEOPLE = b"\n--people--\n"
MAX_SEED = 64 * 1024


def files(folder, *suffixes):
    if not os.path.isdir(folder):
        return []
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(suffixes))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def head_lines(data, n):
    return b"\n".join(data.split(b"\n")[:n]) + b"\n"


def xes_head(data, traces=4):
    """The log header and its first traces, closed again."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    end, count = 0, 0
    while count < traces:
        k = data.find(b"</trace>", end)
        if k < 0:
            return data[:MAX_SEED]
        end, count = k + len(b"</trace>"), count + 1
    return data[:end] + b"\n</log>\n"


def bad_inputs(kind):
    return files(os.path.join(ROOT, "tests", "bad-inputs", kind), "")


def seeds(target, orgflow):
    out = []
    json_files = (files(os.path.join(ROOT, "models"), ".json") + files(os.path.join(ROOT, "tests", "data"), ".json")
                  + files(os.path.join(ROOT, "tests", "cli", "data"), ".json")
                  + files(os.path.join(ROOT, "docs", "examples"), ".json")
                  + files(os.path.join(ROOT, "tests", "browser"), ".json"))
    if target == "load_model":
        out += [read(p) for p in json_files + bad_inputs("model")]
    elif target == "quantity":
        import json
        texts = set()
        for p in json_files:
            try:
                m = json.loads(read(p))
            except ValueError:
                continue
            for array in ("units", "artifacts", "flows", "handoffs", "needs"):
                for obj in m.get(array, []) if isinstance(m, dict) else []:
                    for key in ("capacity", "demand", "changes", "max_age", "latency", "cadence", "volume", "wait"):
                        if isinstance(obj, dict) and isinstance(obj.get(key), str):
                            texts.add(obj[key])
        texts |= {"on-change", "P1Y2M3W4DT5H6M7.5S", "1.5w", "0.001h", "200/week", "-1d", "+2h", "1 d", "P"}
        out += [t.encode() for t in sorted(texts)]
    elif target == "bpmn":
        out += [read(p) for p in files(os.path.join(ROOT, "tests", "cli", "data"), ".bpmn") + bad_inputs("bpmn")]
        out += [read(p) for p in files(os.path.join(DATASETS, "bpmn"), ".bpmn") if os.path.getsize(p) <= 4 * MAX_SEED]
    elif target == "xes":
        out += [b"\x00" + xes_head(read(p)) for p in files(os.path.join(DATASETS, "eventlogs"), ".xes.gz")]
        out += [b"\x00" + read(p) for p in bad_inputs("xes")]
    elif target == "eventlog_csv":
        out += [b"\x00" + head_lines(read(p), 60) for p in files(os.path.join(DATASETS, "eventlogs"), ".csv")]
        out += [b"\x00" + read(p) for p in bad_inputs("eventlog-csv")]
    elif target in ("interactions", "people"):
        pairs = [(os.path.join(ROOT, "tests", "cli", "data", "mail.csv"),
                  os.path.join(ROOT, "tests", "cli", "data", "people.csv"), b"\x00\x00\x00"),
                 (os.path.join(ROOT, "docs", "examples", "people", "messages.csv"),
                  os.path.join(ROOT, "docs", "examples", "people", "people.csv"), b"\x00\x00\x00"),
                 # whitespace-delimited, no header (people.md, email-Eu-core)
                 (os.path.join(DATASETS, "email-eu-core", "email-Eu-core.txt"),
                  os.path.join(DATASETS, "email-eu-core", "email-Eu-core-department-labels.txt"), b"\x0b\x0b\x00")]
        for interactions, people, options in pairs:
            if os.path.exists(interactions) and os.path.exists(people):
                out.append(options + head_lines(read(interactions), 200) + SEPARATOR_PEOPLE
                           + head_lines(read(people), 200))
        out += [read(p) for p in bad_inputs("tables")]
    elif target == "dot":
        out += [read(p) for p in files(os.path.join(ROOT, "tests", "cli", "data"), ".dot") + bad_inputs("dot")]
        if orgflow:
            for p in files(os.path.join(ROOT, "models"), ".json"):
                r = subprocess.run([orgflow, "export", p, "--to", "dot"], capture_output=True)
                if r.returncode == 0:
                    out.append(r.stdout)
    elif target == "sheet":
        # .xlsx files as spreadsheet programs and orgflow write them, and the
        # same workbooks as "#sheet NAME" text (sheet_fuzz.cpp).
        out += [read(p) for p in files(os.path.join(ROOT, "tests", "sheet", "data"), ".xlsx")]
        out += [read(p) for p in bad_inputs("sheet") if p.endswith(".xlsx")]
        if orgflow:
            import tempfile
            for p in files(os.path.join(ROOT, "models"), ".json"):
                with tempfile.TemporaryDirectory() as tmp:
                    book = os.path.join(tmp, "m.xlsx")
                    folder = os.path.join(tmp, "csv")
                    if subprocess.run([orgflow, "export", p, "--to", "xlsx", "-o", book], capture_output=True).returncode == 0:
                        out.append(read(book))
                    if subprocess.run([orgflow, "export", p, "--to", "csv", "-o", folder], capture_output=True).returncode == 0:
                        text = b""
                        for name in sorted(os.listdir(folder)):
                            text += b"#sheet " + name[:-4].encode() + b"\n" + read(os.path.join(folder, name))
                        out.append(text)
    else:
        sys.exit(f"fuzz_seeds.py: unknown target {target}")
    return [s[:4 * MAX_SEED] for s in out if s]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("target")
    p.add_argument("out")
    p.add_argument("--orgflow")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    n = 0
    for s in seeds(a.target, a.orgflow):
        name = hashlib.sha1(s).hexdigest()
        with open(os.path.join(a.out, name), "wb") as f:
            f.write(s)
        n += 1
    print(f"{a.target}: {n} seed inputs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
