#!/usr/bin/python3
"""Differential test: orgflow's `analyze --format json`, `diagnose --all
--format json` and `diagnose --symptom S --plan --format json` against the
brute-force reference implementation of the spec (orgflow_ref.py) on random
models: every finding with its metrics, every need row, unit, process and
group metric, the coverage, and every diagnosis member by member (causes and
context in order), and the plan's changes.

    differential.py ORGFLOW_EXE [COUNT] [SEED]

Prints one line per disagreement (with the model written to a file for
replay) and ends with `N passed, M failed`. Exit 0 when all agree, 1
otherwise, 77 (skipped) when networkx is missing (betweenness needs it).
"""
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import orgflow_ref as ref  # noqa: E402

TOL = 1e-6


def random_model(rng):
    n = rng.randint(2, 9)
    units = []
    for i in range(n):
        u = {"id": f"u{i}", "name": f"Unit {i}"}
        if rng.random() < 0.15:
            u["kind"] = "external"
        if i > 0 and rng.random() < 0.25:
            u["group"] = f"u{rng.randrange(i)}"
        if rng.random() < 0.35:
            u["capacity"] = f"{rng.randint(1, 200)}/w"
            if rng.random() < 0.5:
                u["staff"] = rng.randint(1, 5)
            if rng.random() < 0.5:
                u["demand"] = f"{rng.randint(0, 150)}/w"
        if rng.random() < 0.25:
            u["accepts"] = rng.choice([[], ["csv"], ["csv", "xlsx"]])
        units.append(u)
    na = rng.randint(1, 3)
    arts = []
    for i in range(na):
        a = {"id": f"a{i}", "owner": f"u{rng.randrange(n)}"}
        if rng.random() < 0.7:
            a["changes"] = f"{rng.choice([1, 7, 14, 30])}d"
        if rng.random() < 0.5:
            a["max_age"] = f"{rng.choice([1, 3, 7, 14])}d"
        arts.append(a)
    flows = []
    for _ in range(rng.randint(0, 3 * n)):
        x = rng.randrange(n)
        y = rng.randrange(n - 1)
        y += y >= x
        f = {"from": f"u{x}", "to": f"u{y}"}
        k = rng.random()
        if k < 0.2:
            f["carries"] = ["*"]
        elif k < 0.8:
            f["carries"] = sorted({f"a{rng.randrange(na)}" for _ in range(rng.randint(1, 2))})
        if rng.random() < 0.6:
            f["cadence"] = rng.choice(["on-change", "1d", "2d", "7d", "30d"])
        if rng.random() < 0.4:
            f["latency"] = rng.choice(["0d", "1d", "2d", "12h"])
        if rng.random() < 0.25:
            f["reliability"] = rng.choice([0.5, 0.75, 0.9, 1.0])
        if rng.random() < 0.25:
            f["format"] = rng.choice(["csv", "xlsx", "pdf"])
        if rng.random() < 0.2:
            f["manual"] = True
        flows.append(f)
    handoffs = []
    for _ in range(rng.randint(0, n + 2)):
        x = rng.randrange(n)
        y = rng.randrange(n - 1)
        y += y >= x
        h = {"from": f"u{x}", "to": f"u{y}"}
        if rng.random() < 0.7:
            h["process"] = rng.choice(["p0", "p1"])
        if rng.random() < 0.6:
            h["volume"] = f"{rng.randint(1, 100)}/w"
        if rng.random() < 0.6:
            h["wait"] = rng.choice(["0h", "4h", "1d", "3d"])
        if rng.random() < 0.3:
            h["context"] = [f"a{rng.randrange(na)}"]
        if rng.random() < 0.15:
            h["returns"] = True
        handoffs.append(h)
    needs = []
    for _ in range(rng.randint(0, 2 * n)):
        d = {"unit": f"u{rng.randrange(n)}", "artifact": f"a{rng.randrange(na)}"}
        if rng.random() < 0.3:
            d["max_age"] = rng.choice(["1d", "2d", "7d"])
        needs.append(d)
    symptoms = []
    for i in range(rng.randint(0, 3)):
        sy = {"id": f"s{i}", "unit": f"u{rng.randrange(n)}", "description": f"problem {i}"}
        if rng.random() < 0.5:
            sy["performer"] = f"u{rng.randrange(n)}"
        if rng.random() < 0.5:
            sy["process"] = rng.choice(["p0", "p1", "p9"])
        if rng.random() < 0.4:
            sy["artifacts"] = [f"a{rng.randrange(na)}"]
        symptoms.append(sy)
    return {"orgflow": rng.choice([1, 2]), "name": "random", "units": units, "artifacts": arts, "flows": flows,
            "handoffs": handoffs, "needs": needs, "symptoms": symptoms}


def cause_key(c):
    return (c["code"], c["severity"], c["link"], c["category"], c["named"], c["units"], c["artifact"],
            c["process"], c["ref"], c["finding"])


def want_cause_key(c):
    f = c["f"]
    return (f["code"], f["severity"], c["link"], c["category"], c["named"], f["units"], f["artifact"],
            f["process"], f["ref"], c["i"] + 1)


def context_key(c):
    return (c["code"], c["severity"], c["units"], c["artifact"], c["process"], c["ref"], c["finding"])


def want_context_key(c):
    f = c["f"]
    return (f["code"], f["severity"], f["units"], f["artifact"], f["process"], f["ref"], c["i"] + 1)


def compare_one_diagnosis(sy, got, want):
    problems = []
    for member in ("verdict", "performer", "unknowns"):
        if got[member] != want[member]:
            problems.append(f"{sy['id']}: {member} {got[member]} != {want[member]}")
    if got["unit"] != sy["unit"] or got["symptom"] != sy["id"] or got["process"] != sy.get("process"):
        problems.append(f"{sy['id']}: symptom, unit or process differ")
    gk = [cause_key(c) for c in got["causes"]]
    wk = [want_cause_key(c) for c in want["causes"]]
    if gk != wk:
        problems.append(f"{sy['id']}: causes differ:\n   ours {gk}\n   spec {wk}")
    gc = [context_key(c) for c in got["context"]]
    wc = [want_context_key(c) for c in want["context"]]
    if gc != wc:
        problems.append(f"{sy['id']}: context differs:\n   ours {gc}\n   spec {wc}")
    return problems


def compare_diagnoses(doc, ours_analysis, ours):
    """`diagnose --all --format json` against the reference diagnosis."""
    want_analysis = ref.analyze(doc)
    ours = ours["diagnoses"]
    if len(ours) != len(doc["symptoms"]):
        return [f"diagnose --all gave {len(ours)} diagnoses for {len(doc['symptoms'])} symptoms"]
    problems = []
    for sy, got in zip(doc["symptoms"], ours):
        problems += compare_one_diagnosis(sy, got, ref.diagnose(doc, want_analysis, sy))
    return problems


def compare_plan(doc, sy, got):
    """`diagnose --symptom S --plan --format json`: the changes and unremovable findings as the reference
    derives them, and every cause the plan claims to remove is gone from the diagnosis after it."""
    want_analysis = ref.analyze(doc)
    want = ref.plan(doc, want_analysis, ref.diagnose(doc, want_analysis, sy))
    p = got["plan"]
    problems = []
    if p["changes"] != want["changes"]:
        problems.append(f"{sy['id']}: plan changes {p['changes']} != {want['changes']}")
    if p["unremovable"] != want["unremovable"]:
        problems.append(f"{sy['id']}: plan unremovable {p['unremovable']} != {want['unremovable']}")
    kept = {(c["code"], tuple(c["units"]), c["artifact"], c["process"]) for c in p["after"]["causes"]
            if c["severity"] != "info"}
    for c in got["causes"]:
        if c["severity"] == "info" or c["finding"] in p["unremovable"]:
            continue
        if (c["code"], tuple(c["units"]), c["artifact"], c["process"]) in kept:
            problems.append(f"{sy['id']}: the plan claims to remove {c['code']} {c['units']} but it stays a cause")
    return problems


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOL * max(1.0, abs(b))


def compare(doc, ours):
    want = ref.analyze(doc)
    problems = []
    if ours.get("orgflow_report") != 2:
        problems.append(f"orgflow_report {ours.get('orgflow_report')} != 2")
    if ours.get("coverage") != want["coverage"]:
        problems.append(f"coverage {ours.get('coverage')} != {want['coverage']}")
    got_f = ours["findings"]
    key = lambda f: (f["code"], f["severity"], f["units"], f["artifact"], f["process"])  # noqa: E731
    if [key(f) for f in got_f] != [key(f) for f in want["findings"]]:
        problems.append("findings differ:\n   ours " + json.dumps([key(f) for f in got_f]) +
                        "\n   spec " + json.dumps([key(f) for f in want["findings"]]))
    else:
        for g, w in zip(got_f, want["findings"]):
            if g["code"] in ("FRICTION.FORMAT", "FRICTION.MANUAL", "WASTE.UNUSED_FLOW", "PROCESS.SLOW_HANDOFF") \
                    and g["ref"] != w["ref"]:
                problems.append(f"{g['code']} ref {g['ref']} != {w['ref']}")
            for k, v in w["metrics"].items():
                gv = g["metrics"].get(k, "<missing>")
                if isinstance(v, float) or (isinstance(v, int) and not isinstance(v, bool) and isinstance(gv, float)):
                    if not isinstance(gv, (int, float)) or not close(gv, v):
                        problems.append(f"{g['code']} {g['units']} metric {k}: {gv} != {v}")
                elif v is None:
                    if gv is not None:
                        problems.append(f"{g['code']} {g['units']} metric {k}: {gv} != null")
                elif gv != v:
                    problems.append(f"{g['code']} {g['units']} metric {k}: {gv} != {v}")
    if [(n["unit"], n["artifact"]) for n in ours["needs"]] != [(n["unit"], n["artifact"]) for n in want["needs"]]:
        problems.append("need rows differ")
    else:
        for g, w in zip(ours["needs"], want["needs"]):
            e = None if w["E2"] is None else w["E2"] / 2 / ref.H
            wl = None if w["W"] is None else w["W"] / ref.H
            checks = [("delivered", g["delivered"] == w["delivered"]), ("implicit", g["implicit"] == w["implicit"]),
                      ("source_handoff", g["source_handoff"] == w["source_handoff"]),
                      ("expected_lag_h", close(g["expected_lag_h"], e)), ("worst_lag_h", close(g["worst_lag_h"], wl)),
                      ("reliability", close(g["reliability"], w["R"])),
                      ("tolerance_h", close(g["tolerance_h"], None if w["tolerance_ms"] is None else w["tolerance_ms"] / ref.H)),
                      ("outdated_share", close(g["outdated_share"], w["share"])), ("hops", g["hops"] == w["hops"]),
                      ("path", g["path"] == w["path"]),
                      ("flows", g["flows"] == (None if w["flows"] is None else [f["id"] for f in w["flows"]]))]
            for name, ok in checks:
                if not ok:
                    problems.append(f"need ({g['unit']}, {g['artifact']}) {name}: {g.get(name)}")
    for uid, w in want["units"].items():
        g = ours["units"].get(uid)
        if g is None:
            problems.append(f"unit {uid} missing")
            continue
        for k, v in w.items():
            if k == "betweenness" and v is None:
                continue
            if isinstance(v, float) or v is None:
                if not close(g[k], v):
                    problems.append(f"unit {uid} {k}: {g[k]} != {v}")
            elif g[k] != v:
                problems.append(f"unit {uid} {k}: {g[k]} != {v}")
    for p, w in want["processes"].items():
        g = ours["processes"].get(p)
        if g is None:
            problems.append(f"process {p} missing")
            continue
        for k, v in w.items():
            if (isinstance(v, float) and not close(g[k], v)) or (not isinstance(v, float) and g[k] != v):
                problems.append(f"process {p} {k}: {g[k]} != {v}")
    if set(ours["processes"]) != set(want["processes"]):
        problems.append("process keys differ")
    for gid, w in want["groups"].items():
        g = ours["groups"].get(gid)
        if g is None:
            problems.append(f"group {gid} missing")
            continue
        for k, v in w.items():
            if (isinstance(v, float) or v is None) and k == "ei":
                if not close(g[k], v):
                    problems.append(f"group {gid} ei: {g[k]} != {v}")
            elif g[k] != v:
                problems.append(f"group {gid} {k}: {g[k]} != {v}")
    if set(ours["groups"]) != set(want["groups"]):
        problems.append("group keys differ")
    return problems


def main():
    exe = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    try:
        import networkx  # noqa: F401
    except ImportError:
        print("skipped: python3-networkx is not installed (betweenness needs it)")
        sys.exit(77)
    rng = random.Random(seed)
    passed = failed = 0
    outdir = tempfile.mkdtemp(prefix="orgflow-diff-")
    for i in range(count):
        doc = random_model(rng)
        path = os.path.join(outdir, f"model-{i}.json")
        with open(path, "w") as fh:
            json.dump(doc, fh, indent=1)
        run = subprocess.run([exe, "analyze", path, "--format", "json"], capture_output=True, text=True)
        if run.returncode not in (0, 1):
            failed += 1
            print(f"FAIL {path}: exit {run.returncode}: {run.stderr.strip()[:500]}")
            continue
        ours = json.loads(run.stdout)
        problems = compare(doc, ours)
        if doc["symptoms"]:
            run = subprocess.run([exe, "diagnose", path, "--all", "--format", "json"], capture_output=True, text=True)
            if run.returncode != 0:
                problems.append(f"diagnose exit {run.returncode}: {run.stderr.strip()[:300]}")
            else:
                problems += compare_diagnoses(doc, ours, json.loads(run.stdout))
            sy = doc["symptoms"][0]
            run = subprocess.run([exe, "diagnose", path, "--symptom", sy["id"], "--plan", "--format", "json"],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                problems.append(f"diagnose --plan exit {run.returncode}: {run.stderr.strip()[:300]}")
            else:
                got = json.loads(run.stdout)
                want_analysis = ref.analyze(doc)
                problems += compare_one_diagnosis(sy, got, ref.diagnose(doc, want_analysis, sy))
                problems += compare_plan(doc, sy, got)
        if problems:
            failed += 1
            print(f"FAIL {path}:")
            for p in problems[:10]:
                print("  " + p)
        else:
            passed += 1
            os.unlink(path)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
