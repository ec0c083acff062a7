#!/usr/bin/python3
"""A second, independent implementation of orgflow's analyses (version 2 of
the specification; docs/findings.md and docs/diagnosis.md describe it for
users), written for clarity rather than speed, to check orgflow's C++ analyses on many random
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
    # Structure: the contact graph G u H (flows and handoffs, returning ones
    # included) for feedback, isolation and splits; G alone for cut units.
    contact_adj = defaultdict(set)
    for f in m.flows:
        contact_adj[f["from"]].add(f["to"])
    for h in m.handoffs:
        contact_adj[h["from"]].add(h["to"])
    pairs = defaultdict(list)
    for h in m.handoffs:
        if not h.get("returns", False):
            pairs[(h["from"], h["to"])].append(h)
    for (x, y), hs in sorted(pairs.items()):
        if x not in reach(contact_adj, y):
            fs.append(finding("GAP.NO_FEEDBACK", "warning", [x, y], **{"from": x, "to": y},
                              handoffs=[h["id"] for h in hs],
                              processes=sorted({h["process"] for h in hs if "process" in h})))
    flow_end = {f["from"] for f in m.flows} | {f["to"] for f in m.flows}
    handoff_end = {h["from"] for h in m.handoffs} | {h["to"] for h in m.handoffs}
    contact_end = flow_end | handoff_end
    need_units = {n["unit"] for n in doc.get("needs", [])}
    groups = {u["group"] for u in doc["units"] if "group" in u}
    for uid in m.ids:
        if uid in contact_end:
            continue
        u = m.units[uid]
        group_only = uid in groups and uid not in need_units
        if u.get("kind") == "external" or group_only:
            continue
        fs.append(finding("GAP.ISOLATED", "warning", [uid], kind=u.get("kind", "department")))
    cund = undirected(m, [(f["from"], f["to"]) for f in m.flows] + [(h["from"], h["to"]) for h in m.handoffs])
    comps, seen = [], set()
    for u in [u for u in m.ids if u in contact_end]:
        if u in seen:
            continue
        c = reach(cund, u)
        seen |= c
        comps.append(sorted(c))
    if len(comps) > 1:
        comps.sort(key=lambda c: (-len(c), c[0]))
        fs.append(finding("GAP.SPLIT", "warning", [u for c in comps[1:] for u in c],
                          components=comps, sizes=[len(c) for c in comps]))
    und = undirected(m, [(f["from"], f["to"]) for f in m.flows])
    live = [u for u in m.ids if u in flow_end]
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
    # Processes: loops and the critical path leave returning handoffs out;
    # the count, the units and the slowest handoff take every handoff.
    procs = {}
    for p in sorted({h["process"] for h in m.handoffs if "process" in h}):
        every = [h for h in m.handoffs if h.get("process") == p]
        hs = [h for h in every if not h.get("returns", False)]
        adj = defaultdict(set)
        for h in hs:
            adj[h["from"]].add(h["to"])
        units = sorted({h["from"] for h in every} | {h["to"] for h in every})
        comps, seen = [], set()
        for u in units:
            if u in seen:
                continue
            c = {v for v in reach(adj, u) if u in reach(adj, v)}
            seen |= c
            if len(c) > 1:
                comps.append(sorted(c))
        for c in comps:
            f = finding("PROCESS.LOOP", "warning", c, process=p)
            f["metrics"] = {"process": p, "handoffs": [h["id"] for h in hs if h["from"] in c and h["to"] in c]}
            fs.append(f)
        best = None
        for i, h in enumerate(m.handoffs):
            if h.get("process") != p or "wait" not in h or duration(h["wait"]) <= 0:
                continue
            if best is None or duration(h["wait"]) > duration(best["wait"]):
                best = h
        if best is not None:
            f = finding("PROCESS.SLOW_HANDOFF", "info", [best["from"], best["to"]], process=p, ref=best["id"])
            f["metrics"] = {"process": p, "handoff": best["id"], "wait_h": duration(best["wait"]) / H}
            fs.append(f)
        crit = None
        if not comps and any("wait" in h and duration(h["wait"]) > 0 for h in hs):
            w = defaultdict(int)
            for h in hs:
                w[(h["from"], h["to"])] = max(w[(h["from"], h["to"])], duration(h["wait"]) if "wait" in h else 0)
            fwd_units = sorted({h["from"] for h in hs} | {h["to"] for h in hs})
            has_in = {h["to"] for h in hs}
            has_out = {h["from"] for h in hs}
            for s0 in fwd_units:
                if s0 in has_in:
                    continue
                for t in fwd_units:
                    if t in has_out:
                        continue
                    for path in simple_paths(adj, s0, t):
                        total = sum(w[(path[i], path[i + 1])] for i in range(len(path) - 1))
                        key = (-total, -len(path), path)
                        if crit is None or key < crit:
                            crit = key
        procs[p] = {"handoffs": len(every), "units": units, "loops": len(comps),
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
    coverage = {"flows": len(m.flows), "handoffs": len(m.handoffs), "needs": len(rows),
                "capacities": sum(1 for u in doc["units"] if "capacity" in u)}
    return {"findings": fs, "needs": need_rows, "units": units_out, "processes": procs, "groups": groups_out,
            "coverage": coverage}


NEED_CODES = ("GAP.NO_ROUTE", "STALE.ROUTE", "LOSSY.ROUTE")
FRICTION_CODES = ("FRICTION.FORMAT", "FRICTION.MANUAL")
LINKS = ["needs", "feedback", "tools", "capacity", "rework", "needs-at-symptom", "tools-at-symptom",
         "capacity-at-symptom", "waiting", "upstream-capacity"]
CATEGORY = {"needs": "information", "feedback": "feedback", "tools": "resources", "capacity": "capacity",
            "rework": "process", "needs-at-symptom": "information", "tools-at-symptom": "resources",
            "capacity-at-symptom": "capacity", "waiting": "process", "upstream-capacity": "capacity"}
GROUP = {l: (0 if i < 5 else 1 if i < 8 else 2) for i, l in enumerate(LINKS)}


def diagnose(doc, result, symptom):
    """analyses.md version 2, Diagnosis: links, causes, context, verdict, unknowns."""
    m = Model(doc)
    u = symptom["unit"]
    p = symptom.get("performer", u)
    proc = symptom.get("process")
    named = set(symptom.get("artifacts") or [])
    by_id = {h["id"]: h for h in m.handoffs}

    def of_symptom(h):
        return proc is None or h.get("process") == proc

    rows = [r for r in result["needs"] if r["owner"] != r["unit"]]
    p_rows = [r for r in rows if r["unit"] == p]
    flows_p = {f["id"] for r in p_rows if r["delivered"] for f in r["flows"]}
    flows_u = {f["id"] for r in rows if r["unit"] == u and r["delivered"] for f in r["flows"]}
    named_flows = {f["id"] for r in rows if r["artifact"] in named and r["delivered"] for f in r["flows"]}
    near_p = {x for r in p_rows if r["delivered"] for x in r["path"]}
    upstream = {h["from"] for h in m.handoffs if h["to"] == p and h["from"] != p and of_symptom(h)}

    def link_of(f):
        c, mt = f["code"], f["metrics"]
        links = []
        if c in NEED_CODES and mt["consumer"] == p:
            links.append("needs")
        if c == "GAP.NO_FEEDBACK" and mt["from"] == p and (proc is None or proc in mt["processes"]):
            links.append("feedback")
        if c in FRICTION_CODES and f["ref"] in flows_p:
            links.append("tools")
        if c == "LOAD.OVER" and f["units"] == [p]:
            links.append("capacity")
        if c == "PROCESS.LOOP" and p in f["units"] and (proc is None or f["process"] == proc):
            links.append("rework")
        if u != p:
            if c in NEED_CODES and mt["consumer"] == u:
                links.append("needs-at-symptom")
            if c in FRICTION_CODES and f["ref"] in flows_u:
                links.append("tools-at-symptom")
            if c == "LOAD.OVER" and f["units"] == [u]:
                links.append("capacity-at-symptom")
        if c == "PROCESS.SLOW_HANDOFF":
            h = by_id[f["ref"]]
            if h["to"] == p and of_symptom(h):
                links.append("waiting")
        if c == "LOAD.OVER" and f["units"][0] != p and f["units"][0] in upstream:
            links.append("upstream-capacity")
        return links[0] if links else None

    causes, context = [], []
    for i, f in enumerate(result["findings"]):
        link = link_of(f)
        if link is not None:
            is_named = (f["artifact"] in named) or (f["code"] in FRICTION_CODES and f["ref"] in named_flows)
            causes.append({"i": i, "f": f, "link": link, "category": CATEGORY[link], "named": is_named})
        elif p in f["units"] or u in f["units"] or any(x in f["units"] for x in near_p):
            context.append({"i": i, "f": f})
    causes.sort(key=lambda c: (0 if c["named"] else 1, GROUP[c["link"]], SEV[c["f"]["severity"]], c["i"]))
    if any(c["f"]["severity"] != "info" for c in causes):
        verdict = "structural"
    elif p_rows:
        verdict = "no-structural-cause"
    else:
        verdict = "not-enough-data"
    unknowns = []
    if not any(n["unit"] == p and m.artifacts[n["artifact"]]["owner"] != p for n in doc.get("needs", [])):
        unknowns.append("no needs declared")
    if "capacity" not in m.units[p]:
        unknowns.append("no capacity")
    if not any(f["to"] == p for f in m.flows):
        unknowns.append("no inbound flows")
    if not any(h["from"] == p and not h.get("returns", False) and of_symptom(h) for h in m.handoffs):
        unknowns.append("no handoffs from the performer")
    return {"verdict": verdict, "performer": p, "causes": causes, "context": context, "unknowns": unknowns}


def plan(doc, result, diag):
    """cli.md, JSON of diagnose, --plan: the change strings and the unremovable findings."""
    m = Model(doc)
    changes, unremovable = [], []
    for c in diag["causes"]:
        f = c["f"]
        if f["severity"] == "info":
            continue
        code, mt, ch = f["code"], f["metrics"], None
        if code in NEED_CODES:
            ch = f"--add-flow '{mt['owner']}->{mt['consumer']} carries={f['artifact']} cadence=on-change'"
        elif code == "GAP.NO_FEEDBACK":
            ch = f"--add-flow '{mt['to']}->{mt['from']}'"
        elif code == "FRICTION.MANUAL":
            ch = f"--set-flow {f['ref']}.manual=false"
        elif code == "FRICTION.FORMAT":
            flow = next(x for x in m.flows if x["id"] == f["ref"])
            accepts = m.units[flow["to"]].get("accepts") or []
            if accepts:
                ch = f"--set-flow {f['ref']}.format={accepts[0]}"
        elif code == "LOAD.OVER":
            uid = f["units"][0]
            unit = m.units[uid]
            per = unit["capacity"].split("/")[1]
            lam = (rate(unit["demand"]) if "demand" in unit else Fraction(0)) + sum(
                (rate(h["volume"]) for h in m.handoffs if h["to"] == uid and "volume" in h), Fraction(0))
            hundredths = math.ceil(lam * PERIODS[per] / Fraction(8, 10) * 100)
            amount = str(hundredths // 100)
            if hundredths % 100:
                amount += "." + f"{hundredths % 100:02d}".rstrip("0")
            ch = f"--set {uid}.capacity={amount}/{per}"
        if ch is None:
            unremovable.append(c["i"] + 1)
        elif ch not in changes:
            changes.append(ch)
    return {"changes": changes, "unremovable": unremovable}


if __name__ == "__main__":
    print(json.dumps(analyze(json.load(open(sys.argv[1]))), indent=1, default=str))
