#!/usr/bin/env python3
"""Imports every file of ../shared/datasets (40 BPMN files, every event log,
the three communication networks) with an orgflow executable, analyses each
model and prints the findings per code, one line per file, then the totals.
Run on demand to see what the importers and analyses make of real data:

    tools/dataset_findings.py build/tools/orgflow [--datasets DIR] [--check]

With --check, also verifies two promises on every import: GAP.ISOLATED never
names a unit that takes part in a handoff, and no GAP.NO_FEEDBACK stands
between two units that hand work both ways (exit 1 otherwise).
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHORT = {"GAP.NO_ROUTE": "NOROUTE", "STALE.ROUTE": "STALE", "LOSSY.ROUTE": "LOSSY", "FRICTION.FORMAT": "FORMAT",
         "FRICTION.MANUAL": "MANUAL", "GAP.NO_FEEDBACK": "NOFB", "GAP.ISOLATED": "ISO", "GAP.SPLIT": "SPLIT",
         "WASTE.UNUSED_FLOW": "WASTE", "RISK.SINGLE_ROUTE": "SINGLE", "RISK.CUT_UNIT": "CUT", "LOAD.OVER": "OVER",
         "LOAD.RELAY": "RELAY", "PROCESS.LOOP": "LOOP", "PROCESS.SLOW_HANDOFF": "SLOW"}


def imports(d):
    for f in sorted(os.listdir(os.path.join(d, "bpmn"))):
        if f.endswith(".bpmn"):
            yield f, ["import", "bpmn", os.path.join(d, "bpmn", f)]
    for f in sorted(os.listdir(os.path.join(d, "eventlogs"))):
        if f.endswith((".xes", ".xes.gz", ".csv")):
            yield f, ["import", "eventlog", os.path.join(d, "eventlogs", f)]
    yield "email-eu-core", ["import", "csv", os.path.join(d, "email-eu-core/email-Eu-core.txt"), "--delimiter",
                            "whitespace", "--no-header", "--people",
                            os.path.join(d, "email-eu-core/email-Eu-core-department-labels.txt"),
                            "--people-delimiter", "whitespace", "--people-no-header"]
    yield "krackhardt-advice", ["import", "csv", os.path.join(d, "krackhardt-hightech/Krack-High-Tec-edgelist-Advice.txt"),
                                "--delimiter", "whitespace", "--no-header", "--count", "3", "--people",
                                os.path.join(d, "krackhardt-hightech/Krack-High-Tec-Attributes.csv"), "--person", "ID",
                                "--unit", "DEPT"]
    yield "lazega-advice", ["import", "csv", os.path.join(d, "lazega-lawfirm/ELadv.dat"), "--matrix", "--delimiter",
                            "whitespace", "--no-header", "--people", os.path.join(d, "lazega-lawfirm/ELattr.dat"),
                            "--people-delimiter", "whitespace", "--people-no-header", "--person", "1", "--unit", "4"]


def check(model, report):
    problems = []
    in_handoff = {h["from"] for h in model.get("handoffs", [])} | {h["to"] for h in model.get("handoffs", [])}
    pairs = {(h["from"], h["to"]) for h in model.get("handoffs", [])}
    for f in report["findings"]:
        if f["code"] == "GAP.ISOLATED" and f["units"][0] in in_handoff:
            problems.append(f"GAP.ISOLATED names {f['units'][0]}, which takes part in a handoff")
        if f["code"] == "GAP.NO_FEEDBACK":
            x, y = f["metrics"]["from"], f["metrics"]["to"]
            if (y, x) in pairs:
                problems.append(f"GAP.NO_FEEDBACK between {x} and {y}, who hand work both ways")
    return problems


def main():
    args = sys.argv[1:]
    exe = os.path.abspath(args[0])
    datasets = os.path.join(ROOT, "..", "shared", "datasets")
    if "--datasets" in args:
        datasets = args[args.index("--datasets") + 1]
    if not os.path.isdir(datasets):
        print(f"skipped: {datasets} is absent")
        sys.exit(77)
    total = collections.Counter()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, cmd in imports(datasets):
            out = os.path.join(tmp, "m.json")
            p = subprocess.run([exe] + cmd + ["-o", out], capture_output=True, text=True)
            if p.returncode != 0:
                print(f"{name}: import failed ({p.returncode}): {p.stderr.strip()[:200]}")
                failed += 1
                continue
            r = subprocess.run([exe, "analyze", out, "--format", "json"], capture_output=True, text=True)
            report = json.loads(r.stdout)
            counts = collections.Counter(f["code"] for f in report["findings"])
            total.update(counts)
            line = " ".join(f"{SHORT.get(c, c)} {n}" for c, n in sorted(counts.items())) or "0"
            print(f"{name}: {line}")
            if "--check" in args:
                for pr in check(json.load(open(out)), report):
                    print(f"  PROBLEM: {pr}")
                    failed += 1
    print("total: " + " ".join(f"{SHORT.get(c, c)} {n}" for c, n in sorted(total.items())))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
