#!/usr/bin/python3
"""A second, independent implementation of ../shared/spec/analyses.md, written
for clarity rather than speed, to check orgflow's C++ analyses on many random
models (tests/reference/differential.py runs both and compares).

Everything here is brute force on small models: delivery paths by enumerating
every simple path, dominators by removing a unit and testing reachability,
articulation points the same way, critical paths by enumerating paths. What it
computes should agree with orgflow on codes, severities, units, artifacts,
processes, refs, need rows, unit metrics and group metrics. Only the Python
standard library is used (and networkx, when present, for betweenness).

Quantities are parsed only in the canonical forms the differential generator
writes (`<int><unit>` durations, `on-change`, `<int>/<period>` rates).
"""
import itertools
import json
import math
import re
import sys
from collections import defaultdict, deque
from fractions import Fraction

H = 3_600_000
UNITS_MS = {"min": 60_000, "h": H, "d": 24 * H, "w": 7 * 24 * H, "mo": 30 * 24 * H}
CADENCE_WORDS = {"on-change": 0, "hourly": H, "daily": 24 * H, "weekly": 7 * 24 * H,
                 "biweekly": 14 * 24 * H, "monthly": 30 * 24 * H, "quarterly": 91 * 24 * H,
                 "yearly": 365 * 24 * H}
PERIODS = {"h": H, "hour": H, "d": 24 * H, "day": 24 * H, "w": 7 * 24 * H, "week": 7 * 24 * H,
           "mo": 30 * 24 * H, "month": 30 * 24 * H}
SEV = {"critical": 0, "warning": 1, "info": 2}


def duration(s):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(min|h|d|w|mo)", s)
    assert m, s
    v = Fraction(m.group(1)) * UNITS_MS[m.group(2)]
    assert v.denominator == 1
    return int(v)


def cadence(s):
    return CADENCE_WORDS[s] if s in CADENCE_WORDS else duration(s)


def rate(s):
    """Items per millisecond, exactly."""
    num, per = s.split("/")
    return Fraction(num) / PERIODS[per]


class Model:
    def __init__(self, doc):
        self.doc = doc
        self.units = {u["id"]: u for u in doc["units"]}
        self.ids = sorted(self.units)
        self.artifacts = {a["id"]: a for a in doc.get("artifacts", [])}
        self.flows = self._with_ids(doc.get("flows", []))
        self.handoffs = self._with_ids(doc.get("handoffs", []))

    @staticmethod
    def _with_ids(items):
        out, counts = [], defaultdict(int)
        for x in items:
            counts[(x["from"], x["to"])] += 1
            y = dict(x)
            y.setdefault("id", f"{x['from']}->{x['to']}#{counts[(x['from'], x['to'])]}")
            out.append(y)
        return out


def name_of(m, uid):
    return m.units[uid].get("name", uid)


def carries(f, a):
    c = f.get("carries") or []
    return a in c or c == ["*"]


def flow_e2(f):  # 2*e in ms
    return 2 * (duration(f["latency"]) if "latency" in f else 0) + (cadence(f["cadence"]) if "cadence" in f else 0)


def flow_w(f):
    return (duration(f["latency"]) if "latency" in f else 0) + (cadence(f["cadence"]) if "cadence" in f else 0)


def chosen_flow(m, a, x, y):
    """Between two units: least e, least w, highest reliability, first in file."""
    best = None
    for i, f in enumerate(m.flows):
        if f["from"] != x or f["to"] != y or not carries(f, a):
            continue
        key = (flow_e2(f), flow_w(f), -f.get("reliability", 1.0), i)
        if best is None or key < best[0]:
            best = (key, f)
    return best[1] if best else None


def simple_paths(adj, s, t):
    stack = [(s, [s])]
    while stack:
        v, path = stack.pop()
        if v == t:
            yield path
            continue
        for w in adj.get(v, ()):
            if w not in path:
                stack.append((w, path + [w]))


def reach(adj, s, banned=None):
    seen, q = {s}, deque([s])
    while q:
        v = q.popleft()
        for w in adj.get(v, ()):
            if w != banned and w not in seen:
                seen.add(w)
                q.append(w)
    return seen


def needs_of(m):
    declared, seen = [], set()
    for n in m.doc.get("needs", []):
        k = (n["unit"], n["artifact"])
        if k in seen:
            continue
        seen.add(k)
        declared.append(dict(n, implicit=False, source_handoff=None))
    out = list(declared)
    for h in m.handoffs:
        for a in h.get("context") or []:
            k = (h["to"], a)
            if k in seen or m.artifacts[a]["owner"] == h["to"]:
                continue
            seen.add(k)
            out.append({"unit": h["to"], "artifact": a, "implicit": True, "source_handoff": h["id"]})
    return out


def artifact_adj(m, a):
    adj = defaultdict(set)
    for f in m.flows:
        if carries(f, a):
            adj[f["from"]].add(f["to"])
    return adj


def deliver(m, n):
    a = m.artifacts[n["artifact"]]
    o, u = a["owner"], n["unit"]
    tol = n.get("max_age") or a.get("max_age") or a.get("changes")
    row = {"unit": u, "artifact": n["artifact"], "owner": o, "implicit": n["implicit"],
           "source_handoff": n["source_handoff"], "own": o == u,
           "tolerance_ms": duration(tol) if tol else None}
    if o == u:
        row.update(delivered=True, E2=0, W=0, R=1.0, hops=0, path=[o], flows=[])
    else:
        best = None
        for p in simple_paths(artifact_adj(m, n["artifact"]), o, u):
            fl = [chosen_flow(m, n["artifact"], p[i], p[i + 1]) for i in range(len(p) - 1)]
            key = (sum(flow_e2(f) for f in fl), len(p) - 1, p)
            if best is None or key < best[0]:
                best = (key, p, fl)
        if best is None:
            row.update(delivered=False, E2=None, W=None, R=None, hops=None, path=None, flows=None)
        else:
            _, p, fl = best
            r = 1.0
            for f in fl:
                r *= f.get("reliability", 1.0)
            row.update(delivered=True, E2=sum(flow_e2(f) for f in fl), W=sum(flow_w(f) for f in fl), R=r,
                       hops=len(p) - 1, path=p, flows=fl)
    ch = a.get("changes")
    row["share"] = (1 - math.exp(-(row["E2"] / 2) / duration(ch))) if (ch and row["E2"] is not None) else None
    return row


def finding(code, sev, units, artifact=None, process=None, ref=None, **metrics):
    return {"code": code, "severity": sev, "units": sorted(set(units)), "artifact": artifact,
            "process": process, "ref": ref, "metrics": metrics}


def undirected(m, edges_from):
    adj = defaultdict(set)
    for x, y in edges_from:
        adj[x].add(y)
        adj[y].add(x)
    return adj


def betweenness(m):
    try:
        import networkx as nx
    except ImportError:
        return None
    g = nx.DiGraph()
    g.add_nodes_from(m.ids)
    g.add_edges_from((f["from"], f["to"]) for f in m.flows)
    n = len(m.ids)
    raw = nx.betweenness_centrality(g, normalized=False)
    return {k: (v / ((n - 1) * (n - 2)) if n > 2 else 0.0) for k, v in raw.items()}


def erlang_c_wq(lam, cap, staff):
    """lam and cap in items per ms (Fractions); returns Wq in hours (float)."""
    c = staff
    mu = cap / c
    if lam == 0:
        return 0.0
    a = float(lam / mu)
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    cc = c * b / (c - a * (1 - b))
    return cc / float(c * mu - lam) / H


def analyze(doc):
    m = Model(doc)
    fs = []
    rows = [deliver(m, n) for n in needs_of(m)]
    on_path = set()
    for r in rows:
        if r["delivered"] and not r["own"]:
            for f in r["flows"]:
                on_path.add(f["id"])
    g_adj = defaultdict(set)
    for f in m.flows:
        g_adj[f["from"]].add(f["to"])
    # Delivery codes
    for r in rows:
        if r["own"]:
            continue
        base = dict(owner=r["owner"], consumer=r["unit"], implicit=r["implicit"], source_handoff=r["source_handoff"])
        if not r["delivered"]:
            fs.append(finding("GAP.NO_ROUTE", "critical", [r["owner"], r["unit"]], r["artifact"],
                              reachable_in_G=r["unit"] in reach(g_adj, r["owner"]), **base))
            continue
        t = r["tolerance_ms"]
        if t is not None and r["W"] > t:
            sev = "critical" if r["E2"] > 2 * t else "warning"
            ws = [flow_w(f) for f in r["flows"]]
            k = ws.index(max(ws))
            fs.append(finding("STALE.ROUTE", sev, r["path"], r["artifact"], expected_lag_h=r["E2"] / 2 / H,
                              worst_lag_h=r["W"] / H, tolerance_h=t / H, outdated_share=r["share"],
                              slowest_hop=[r["path"][k], r["path"][k + 1]], slowest_flow=r["flows"][k]["id"],
                              slowest_w_h=ws[k] / H, **base))
        if r["R"] < 0.8 - 1e-12:
            fs.append(finding("LOSSY.ROUTE", "warning", r["path"], r["artifact"], reliability=r["R"], **base))
    # Friction and waste
    needed = defaultdict(set)
    for r in rows:
        if not r["own"]:
            needed[r["unit"]].add(r["artifact"])
    for f in m.flows:
        sev = "warning" if f["id"] in on_path else "info"
        recv = m.units[f["to"]]
        if "format" in f and "accepts" in recv and f["format"] not in recv["accepts"]:
            fs.append(finding("FRICTION.FORMAT", sev, [f["from"], f["to"]], ref=f["id"], flow=f["id"]))
        if f.get("manual"):
            fs.append(finding("FRICTION.MANUAL", sev, [f["from"], f["to"]], ref=f["id"], flow=f["id"]))
        c = f.get("carries") or []
        if c and c != ["*"] and f["id"] not in on_path and not (set(c) & needed[f["to"]]):
            fs.append(finding("WASTE.UNUSED_FLOW", "info", [f["from"], f["to"]], ref=f["id"], flow=f["id"]))
    # Structure
    pairs = defaultdict(list)
    for h in m.handoffs:
        pairs[(h["from"], h["to"])].append(h)
    for (x, y), hs in sorted(pairs.items()):
        if x not in reach(g_adj, y):
            fs.append(finding("GAP.NO_FEEDBACK", "warning", [x, y], **{"from": x, "to": y}))
    flow_end = {f["from"] for f in m.flows} | {f["to"] for f in m.flows}
    handoff_end = {h["from"] for h in m.handoffs} | {h["to"] for h in m.handoffs}
    need_units = {n["unit"] for n in doc.get("needs", [])}
    groups = {u["group"] for u in doc["units"] if "group" in u}
    for uid in m.ids:
        if uid in flow_end:
            continue
        u = m.units[uid]
        group_only = uid in groups and uid not in handoff_end and uid not in need_units
        if u.get("kind") == "external" or group_only:
            continue
        fs.append(finding("GAP.ISOLATED", "warning", [uid]))
    und = undirected(m, [(f["from"], f["to"]) for f in m.flows])
    live = [u for u in m.ids if u in flow_end]
    comps, seen = [], set()
    for u in live:
        if u in seen:
            continue
        c = reach(und, u)
        seen |= c
        comps.append(sorted(c))
    if len(comps) > 1:
        comps.sort(key=lambda c: (-len(c), c[0]))
        fs.append(finding("GAP.SPLIT", "warning", [u for c in comps[1:] for u in c],
                          sizes=[len(c) for c in comps]))
    for x in live:
        comp = reach(und, x)
        rest = comp - {x}
        parts, seen = [], set()
        for u in sorted(rest):
            if u in seen:
                continue
            c = reach(und, u, banned=x)
            seen |= c
            parts.append(len(c))
        if len(parts) > 1:
            fs.append(finding("RISK.CUT_UNIT", "warning", [x], parts=sorted(parts, reverse=True)))
    # Single routes
    cut = defaultdict(list)
    for r in rows:
        if r["own"] or not r["delivered"]:
            continue
        adj = artifact_adj(m, r["artifact"])
        for x in m.ids:
            if x in (r["owner"], r["unit"]):
                continue
            if r["unit"] not in reach(adj, r["owner"], banned=x):
                cut[(x, r["artifact"])].append(r["unit"])
    for (x, a), consumers in cut.items():
        fs.append(finding("RISK.SINGLE_ROUTE", "warning", [x] + consumers, a, unit=x,
                          owner=m.artifacts[a]["owner"], consumers=sorted(consumers)))
    # Load
    util, wait = {}, {}
    for uid in m.ids:
        u = m.units[uid]
        if "capacity" not in u:
            continue
        cap = rate(u["capacity"])
        lam = (rate(u["demand"]) if "demand" in u else Fraction(0)) + sum(
            (rate(h["volume"]) for h in m.handoffs if h["to"] == uid and "volume" in h), Fraction(0))
        staff = u.get("staff", 1)
        rho = lam / cap
        wq = None if rho >= 1 else erlang_c_wq(lam, cap, staff)
        util[uid], wait[uid] = float(rho), wq
        if 100 * lam >= 85 * cap:
            fs.append(finding("LOAD.OVER", "critical" if rho >= 1 else "warning", [uid], rho=float(rho),
                              lambda_per_h=float(lam * H), capacity_per_h=float(cap * H), staff=staff, Wq_h=wq,
                              capacity_for_rho_085_per_h=float(lam * H / Fraction(85, 100))))
    delivered = [r for r in rows if r["delivered"] and not r["own"]]
    relays = defaultdict(int)
    for r in delivered:
        for x in r["path"][1:-1]:
            relays[x] += 1
    for x, k in relays.items():
        if 10 * k >= 3 * len(delivered) and k >= 3:
            fs.append(finding("LOAD.RELAY", "warning", [x], relays=k, delivered_needs=len(delivered)))
    # Processes
    procs = {}
    for p in sorted({h["process"] for h in m.handoffs if "process" in h}):
        hs = [h for h in m.handoffs if h.get("process") == p]
        adj = defaultdict(set)
        for h in hs:
            adj[h["from"]].add(h["to"])
        units = sorted({h["from"] for h in hs} | {h["to"] for h in hs})
        comps, seen = [], set()
        for u in units:
            if u in seen:
                continue
            c = {v for v in reach(adj, u) if u in reach(adj, v)}
            seen |= c
            if len(c) > 1:
                comps.append(sorted(c))
        for c in comps:
            fs.append(finding("PROCESS.LOOP", "warning", c, process=p))
        best = None
        for i, h in enumerate(m.handoffs):
            if h.get("process") != p or "wait" not in h or duration(h["wait"]) <= 0:
                continue
            if best is None or duration(h["wait"]) > duration(best["wait"]):
                best = h
        if best is not None:
            fs.append(finding("PROCESS.SLOW_HANDOFF", "info", [best["from"], best["to"]], process=p, ref=best["id"],
                              wait_h=duration(best["wait"]) / H))
        crit = None
        if not comps and any("wait" in h and duration(h["wait"]) > 0 for h in hs):
            w = defaultdict(int)
            for h in hs:
                w[(h["from"], h["to"])] = max(w[(h["from"], h["to"])], duration(h["wait"]) if "wait" in h else 0)
            has_in = {h["to"] for h in hs}
            has_out = {h["from"] for h in hs}
            for s in units:
                if s in has_in:
                    continue
                for t in units:
                    if t in has_out:
                        continue
                    for path in simple_paths(adj, s, t):
                        total = sum(w[(path[i], path[i + 1])] for i in range(len(path) - 1))
                        key = (-total, -len(path), path)
                        if crit is None or key < crit:
                            crit = key
        procs[p] = {"handoffs": len(hs), "units": units, "loops": len(comps),
                    "critical_path": crit[2] if crit else None, "critical_wait_h": (-crit[0] / H) if crit else None}
    # Metrics
    bc = betweenness(m)
    units_out = {}
    for uid in m.ids:
        units_out[uid] = {"flows_in": sum(1 for f in m.flows if f["to"] == uid),
                          "flows_out": sum(1 for f in m.flows if f["from"] == uid),
                          "betweenness": bc[uid] if bc is not None else None, "relays": relays.get(uid, 0),
                          "utilization": util.get(uid), "wait_h": wait.get(uid)}
    parent = {u["id"]: u.get("group") for u in doc["units"]}

    def members_of(gid):
        out = set()
        for uid in m.ids:
            x = uid
            while x is not None:
                if x == gid:
                    out.add(uid)
                    break
                x = parent.get(x)
        return out

    groups_out = {}
    for gid in sorted(groups):
        mem = members_of(gid)
        internal = sum(1 for f in m.flows if f["from"] in mem and f["to"] in mem)
        external = sum(1 for f in m.flows if (f["from"] in mem) != (f["to"] in mem))
        groups_out[gid] = {"members": sorted(mem), "internal": internal, "external": external,
                           "ei": (external - internal) / (external + internal) if internal + external else None}
    fs.sort(key=lambda f: (SEV[f["severity"]], f["code"], f["units"], f["artifact"] is not None,
                           f["artifact"] or "", f["process"] is not None, f["process"] or "",
                           f["ref"] or ""))
    need_rows = sorted(rows, key=lambda r: (r["unit"], r["artifact"]))
    return {"findings": fs, "needs": need_rows, "units": units_out, "processes": procs, "groups": groups_out}


WEIGHT2 = {"critical": 6, "warning": 4, "info": 1}  # twice the spec's weights


def diagnose(doc, result, symptom):
    """analyses.md, Diagnosis: scope, ranked causes, verdict, unknowns."""
    m = Model(doc)
    u, p = symptom["unit"], symptom.get("process")
    preds = defaultdict(set)
    for f in m.flows:
        preds[f["to"]].add(f["from"])
    for h in m.handoffs:
        if p is None or h.get("process") == p:
            preds[h["to"]].add(h["from"])
    dist, q = {u: 0}, deque([u])
    while q:
        x = q.popleft()
        for y in preds[x]:
            if y not in dist:
                dist[y] = dist[x] + 1
                q.append(y)
    named = set(symptom.get("artifacts") or [])
    causes = []
    for i, f in enumerate(result["findings"]):
        ds = [dist[x] for x in f["units"] if x in dist]
        if not ds:
            continue
        d = min(ds)
        causes.append({"i": i, "f": f, "distance": d, "score": Fraction(WEIGHT2[f["severity"]], 2 * (1 + d))})
    causes.sort(key=lambda c: (-c["score"], 0 if c["f"]["artifact"] in named else 1, c["f"]["code"],
                               c["f"]["units"], c["i"]))
    structural = any(c["f"]["severity"] != "info" for c in causes)
    unknowns = []
    if not any(n["unit"] == u for n in doc.get("needs", [])):
        unknowns.append("no needs declared")
    if "capacity" not in m.units[u]:
        unknowns.append("no capacity")
    if not any(f["to"] == u for f in m.flows):
        unknowns.append("no inbound flows")
    return {"verdict": "structural" if structural else "no-structural-cause", "scope": sorted(dist),
            "causes": causes, "unknowns": unknowns}


if __name__ == "__main__":
    print(json.dumps(analyze(json.load(open(sys.argv[1]))), indent=1, default=str))
