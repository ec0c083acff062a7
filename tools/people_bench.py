#!/usr/bin/python3
"""Benchmark of `orgflow people` beside igraph and NetworkX (issue 15).

Generates organizations with a fixed seed (the same files on every machine),
then runs, one after another on the same files, `orgflow people` and two
Python scripts that compute the same figures with Debian's python3-igraph and
python3-networkx. Every tool is timed as a user would run it: a fresh process
that reads the two files and computes, its own loading included. For each
run it prints the wall time, the CPU time (user + system, all threads), the
peak resident memory and the load average, and per case the ratios of
orgflow to each peer. A peer that is not installed is skipped with a message.

    tools/people_bench.py                       # build/tools/orgflow, all cases
    tools/people_bench.py --orgflow PATH --runs 3 --case structure-100k
    tools/people_bench.py --list                # the cases

The cases:
  structure-100k  100,000 people, about 1.08 M ties: components, reciprocity,
                  articulation people and bridges, E-I, the unit matrix
                  (`orgflow people --betweenness none`).
  betweenness-5k  5,000 people: exact betweenness (every tool).
  betweenness-20k 20,000 people, about 216 k ties: exact betweenness
                  (orgflow and igraph; NetworkX would take hours and is
                  skipped unless --networkx-everywhere is given).
orgflow computes the whole report in every case (its betweenness cases also
include the structure); the peers compute only the figures of the case.
The peers print their figures, and the script checks that they agree with
orgflow's report, so a fast wrong answer cannot pass.

Run it on demand, not as a test; run it under the shared CPU lock on a
machine with other users (flock /tmp/orgflow-cpu.lock tools/people_bench.py).
docs/performance.md explains the figures.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# --------------------------------------------------------------------------
# The generated organization.
#
# People sit in teams of 5 to 60 (median about 30), teams in departments of 8
# teams, departments in divisions of 6. Each person writes to a number of
# colleagues drawn from a heavy-tailed distribution (most write to a handful,
# a few to hundreds); 70 % of ties stay in the team, 18 % in the department,
# 8 % in the division and 4 % go anywhere. Ties leaving a team go to one of
# its first three members (lead and deputies) half of the time, so that some
# people broker between teams. About half the ties are answered. 3 % of the
# people write once to their team lead and never hear back (pendant people),
# 0.5 % appear in PEOPLE only (no tie). Records repeat (about 6 %) and a few
# people write to themselves. Ids are 7-digit employee numbers; records are
# in random order, as in a mail log. The files are whitespace separated
# without a header (SNAP's format), which every tool reads natively.

CASES = {
    "structure-100k": dict(people=100000, task="structure"),
    "betweenness-5k": dict(people=5000, task="betweenness"),
    "betweenness-20k": dict(people=20000, task="betweenness"),
}


def generate(n, seed, directory):
    """Writes people-N-sSEED.txt and ties-N-sSEED.txt; returns their paths."""
    people_path = os.path.join(directory, "people-%d-s%d.txt" % (n, seed))
    ties_path = os.path.join(directory, "ties-%d-s%d.txt" % (n, seed))
    if os.path.exists(people_path) and os.path.exists(ties_path):
        return people_path, ties_path
    rng = random.Random(seed)
    team_of = []
    teams = []  # member lists
    while len(team_of) < n:
        size = min(n - len(team_of), 5 + int(rng.betavariate(2.0, 2.4) * 56))
        t = len(teams)
        teams.append(list(range(len(team_of), len(team_of) + size)))
        team_of.extend([t] * size)
    team_count = len(teams)

    def dept(t):
        return t // 8

    def division(t):
        return t // 48

    depts = {}
    for t in range(team_count):
        depts.setdefault(dept(t), []).append(t)
    divisions = {}
    for t in range(team_count):
        divisions.setdefault(division(t), []).append(t)

    ids = [str(x) for x in rng.sample(range(1000000, 10000000), n)]
    kind = []  # 0 normal, 1 pendant, 2 silent
    for p in range(n):
        r = rng.random()
        kind.append(2 if r < 0.005 else 1 if r < 0.035 else 0)
    normal = [[p for p in members if kind[p] == 0] or members for members in teams]

    records = []
    add = records.append
    for p in range(n):
        t = team_of[p]
        if kind[p] == 2:
            continue
        if kind[p] == 1:
            add((p, teams[t][0] if teams[t][0] != p else teams[t][-1]))
            continue
        out = min(400, int(rng.paretovariate(1.8) * 4.4))
        for _ in range(out):
            r = rng.random()
            if r < 0.70:
                target_team = t
            elif r < 0.88:
                target_team = rng.choice(depts[dept(t)])
            elif r < 0.96:
                target_team = rng.choice(divisions[division(t)])
            else:
                target_team = rng.randrange(team_count)
            members = normal[target_team]
            if target_team != t and rng.random() < 0.5:
                q = members[rng.randrange(min(3, len(members)))]
            else:
                q = members[rng.randrange(len(members))]
            if q == p:
                continue
            add((p, q))
            if rng.random() < 0.5:
                add((q, p))
            if rng.random() < 0.06:
                add((p, q))
        if rng.random() < 0.01:
            add((p, p))
    rng.shuffle(records)
    os.makedirs(directory, exist_ok=True)
    with open(people_path + ".part", "w") as f:
        f.write("".join("%s team-%04d\n" % (ids[p], team_of[p]) for p in range(n)))
    with open(ties_path + ".part", "w") as f:
        f.write("".join("%s %s\n" % (ids[a], ids[b]) for a, b in records))
    os.replace(people_path + ".part", people_path)
    os.replace(ties_path + ".part", ties_path)
    return people_path, ties_path


# --------------------------------------------------------------------------
# The peers. Each is a small script run in a fresh Debian python3, as a user
# would write it with that library: read the files with the library's own
# reader, compute, print the figures as one JSON line.

COMMON = r"""
import json, sys
task, ties_path, people_path = sys.argv[1], sys.argv[2], sys.argv[3]
unit = {}
with open(people_path) as f:
    for line in f:
        p, u = line.split()
        unit[p] = u
def ei_and_matrix(arcs, edges):
    # arcs, edges: iterables of (unit_a, unit_b)
    matrix = {}
    for a, b in arcs:
        matrix[(a, b)] = matrix.get((a, b), 0) + 1
    ei = {}
    for (a, b), c in matrix.items():
        if a == b:
            ei.setdefault(a, [0, 0])[1] += c
        else:
            ei.setdefault(a, [0, 0])[0] += c
            ei.setdefault(b, [0, 0])[0] += c
    eiu = {}
    for a, b in edges:
        if a == b:
            eiu.setdefault(a, [0, 0])[1] += 1
        else:
            eiu.setdefault(a, [0, 0])[0] += 1
            eiu.setdefault(b, [0, 0])[0] += 1
    return matrix, ei, eiu
"""

IGRAPH = COMMON + r"""
import igraph as ig
# TupleList was the fastest of igraph's ways to read named vertices here
# (Read_Ncol, and a Python dict with Graph(edges), took longer).
with open(ties_path) as f:
    g = ig.Graph.TupleList((line.split() for line in f), directed=True)
known = set(g.vs["name"])
g.add_vertices([p for p in unit if p not in known])   # people without a tie
g.simplify(multiple=True, loops=True)
out = {"people": g.vcount(), "arcs": g.ecount()}
if task == "structure":
    weak = g.connected_components(mode="weak")
    out["weak"] = len(weak)
    out["strong"] = len(g.connected_components(mode="strong"))
    out["reciprocity"] = g.reciprocity()
    u = g.as_undirected(mode="collapse")
    # key people on the largest component (sizes tie-broken as orgflow does)
    sizes = weak.sizes()
    names = g.vs["name"]
    best = max(range(len(sizes)), key=lambda c: (sizes[c], [-ord(ch) for ch in min(names[v] for v in weak[c])]))
    h = u.induced_subgraph(weak[best])
    out["articulation"] = len(h.articulation_points())
    out["bridges_largest"] = len(h.bridges())
    # The unit matrix and E-I in igraph's C code: contract each unit to one
    # vertex and sum the parallel edges.
    index = {}
    membership = [index.setdefault(unit.get(x, "(unlabelled)"), len(index)) for x in names]
    def unit_pairs(graph):
        c = graph.copy()
        c.es["w"] = 1
        c.contract_vertices(membership)
        c.simplify(multiple=True, loops=False, combine_edges="sum")
        return list(zip(c.get_edgelist(), c.es["w"]))
    cells = unit_pairs(g)
    pairs = unit_pairs(u)
    out["matrix_cells"] = len(cells)
    out["internal_arcs"] = sum(w for (a, b), w in cells if a == b)
    out["internal_edges"] = sum(w for (a, b), w in pairs if a == b)
else:
    b = g.betweenness(directed=True)
    n = g.vcount()
    scale = 1.0 / ((n - 1) * (n - 2))
    out["top"] = sorted((x * scale for x in b), reverse=True)[:10]
print(json.dumps(out))
"""

NETWORKX = COMMON + r"""
import networkx as nx
g = nx.read_edgelist(ties_path, create_using=nx.DiGraph, nodetype=str, data=False)
g.add_nodes_from(unit)
g.remove_edges_from(list(nx.selfloop_edges(g)))
out = {"people": g.number_of_nodes(), "arcs": g.number_of_edges()}
if task == "structure":
    weak = list(nx.weakly_connected_components(g))
    out["weak"] = len(weak)
    out["strong"] = nx.number_strongly_connected_components(g)
    out["reciprocity"] = nx.reciprocity(g)
    u = g.to_undirected(as_view=False)
    best = max(weak, key=lambda c: (len(c), [-ord(ch) for ch in min(c)]))
    h = u.subgraph(best)
    out["articulation"] = sum(1 for _ in nx.articulation_points(h))
    out["bridges_largest"] = sum(1 for _ in nx.bridges(h))
    get = lambda x: unit.get(x, "(unlabelled)")
    matrix, ei, eiu = ei_and_matrix(((get(a), get(b)) for a, b in g.edges()),
                                    ((get(a), get(b)) for a, b in u.edges()))
    out["matrix_cells"] = len(matrix)
    out["internal_arcs"] = sum(i for e, i in ei.values())
    out["internal_edges"] = sum(i for e, i in eiu.values())
else:
    b = nx.betweenness_centrality(g, normalized=True)
    out["top"] = sorted(b.values(), reverse=True)[:10]
print(json.dumps(out))
"""

DEBIAN_PYTHON = "/usr/bin/python3"


def peer_available(module):
    if not os.path.exists(DEBIAN_PYTHON):
        return "no " + DEBIAN_PYTHON
    r = subprocess.run([DEBIAN_PYTHON, "-c", "import " + module], capture_output=True)
    if r.returncode != 0:
        return "python3-%s is not installed (apt-get install python3-%s)" % (module, module)
    return None


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def run_child(argv):
    """Runs argv in a child; returns stdout, stderr, exit status, wall and CPU
    seconds and the peak resident memory (MiB) of that child alone."""
    load = load_average()
    start = time.monotonic()
    r, w = os.pipe()
    re_, we = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.close(re_)
        os.dup2(w, 1)
        os.dup2(we, 2)
        try:
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    os.close(w)
    os.close(we)
    chunks = {r: [], re_: []}
    import selectors
    sel = selectors.DefaultSelector()
    sel.register(r, selectors.EVENT_READ)
    sel.register(re_, selectors.EVENT_READ)
    open_fds = 2
    while open_fds:
        for key, _ in sel.select():
            data = os.read(key.fd, 1 << 16)
            if data:
                chunks[key.fd].append(data)
            else:
                sel.unregister(key.fd)
                os.close(key.fd)
                open_fds -= 1
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    return dict(stdout=b"".join(chunks[r]).decode("utf-8", "replace"),
                stderr=b"".join(chunks[re_]).decode("utf-8", "replace"),
                status=os.waitstatus_to_exitcode(status), wall=wall,
                cpu=usage.ru_utime + usage.ru_stime, rss=usage.ru_maxrss / 1024.0, load=load)


def median(xs):
    s = sorted(xs)
    return s[len(s) // 2] if len(s) % 2 else 0.5 * (s[len(s) // 2 - 1] + s[len(s) // 2])


def orgflow_argv(orgflow, task, ties, people, out_json):
    argv = [orgflow, "people", ties, "--people", people, "--delimiter", "whitespace", "--no-header",
            "--people-delimiter", "whitespace", "--people-no-header", "--format", "json", "-o", out_json,
            "--min-group", "1", "--betweenness", "none" if task == "structure" else "exact"]
    return argv


def check_agreement(task, report, peer):
    """Differences between orgflow's report and a peer's figures (empty: agree)."""
    problems = []
    if peer.get("people") != report["people"]:
        problems.append("people %s vs %s" % (peer.get("people"), report["people"]))
    if peer.get("arcs") != report["arcs"]:
        problems.append("arcs %s vs %s" % (peer.get("arcs"), report["arcs"]))
    if task == "structure":
        c, k = report["components"], report["key_people"]
        for key, mine in (("weak", c["weak"]), ("strong", c["strong"]), ("articulation", k["articulation"]),
                          ("bridges_largest", k["bridges_largest"]), ("matrix_cells", len(report["matrix"]))):
            if peer.get(key) != mine:
                problems.append("%s %s vs %s" % (key, peer.get(key), mine))
        internal_arcs = sum(c["count"] for c in report["matrix"] if c["from"] == c["to"])
        if peer.get("internal_arcs") != internal_arcs:
            problems.append("internal ties %s vs %s" % (peer.get("internal_arcs"), internal_arcs))
        edges = sum(u["ei"]["undirected"]["I"] for u in report["units"].values())
        if peer.get("internal_edges") != edges:
            problems.append("internal pairs %s vs %s" % (peer.get("internal_edges"), edges))
        if abs(peer.get("reciprocity", -1) - report["reciprocity"]["arc"]) > 1e-6:
            problems.append("reciprocity %s vs %s" % (peer.get("reciprocity"), report["reciprocity"]["arc"]))
    else:
        mine = [b["betweenness"] for b in report["brokers"]]
        theirs = peer.get("top", [])[: len(mine)]
        if len(theirs) != len(mine) or any(abs(a - b) > 1e-6 for a, b in zip(mine, theirs)):
            problems.append("top betweenness %s vs %s" % (theirs, mine))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--orgflow", default=os.path.join(ROOT, "build", "tools", "orgflow"))
    ap.add_argument("--case", action="append", choices=sorted(CASES), help="run only this case (repeatable)")
    ap.add_argument("--runs", type=int, default=3, help="runs per tool and case (median reported)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "orgflow-people-bench"))
    ap.add_argument("--peers", default="igraph,networkx", help="comma-separated peers to run")
    ap.add_argument("--networkx-everywhere", action="store_true",
                    help="also run NetworkX's betweenness on 20,000 people (hours)")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    if args.list:
        for name, c in CASES.items():
            print("%-16s %d people, %s" % (name, c["people"], c["task"]))
        return 0
    if not os.access(args.orgflow, os.X_OK):
        print("people_bench: no orgflow executable at %s (build it, or give --orgflow)" % args.orgflow,
              file=sys.stderr)
        return 2
    peers = []
    for name in [p for p in args.peers.split(",") if p]:
        why = peer_available(name)
        if why:
            print("skipping %s: %s" % (name, why))
        else:
            peers.append(name)
    os.makedirs(args.work, exist_ok=True)
    scripts = {}
    for name, text in (("igraph", IGRAPH), ("networkx", NETWORKX)):
        path = os.path.join(args.work, "peer_%s.py" % name)
        with open(path, "w") as f:
            f.write(text)
        scripts[name] = path

    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 1048576.0
    print("machine: %d cores, %.1f GiB; orgflow %s; load average %s" %
          (os.cpu_count(), mem, args.orgflow, load_average()))
    rows = []
    failed = False
    for case in args.case or list(CASES):
        spec = CASES[case]
        people, ties = generate(spec["people"], args.seed, args.work)
        size = os.path.getsize(ties) / 1e6
        print("\n== %s: %d people, %s (%.1f MB of ties), seed %d" % (case, spec["people"], os.path.basename(ties),
                                                                      size, args.seed))
        out_json = os.path.join(args.work, "orgflow-%s.json" % case)
        results = {}
        tools = [("orgflow", orgflow_argv(args.orgflow, spec["task"], ties, people, out_json))]
        for p in peers:
            if p == "networkx" and spec["task"] == "betweenness" and spec["people"] > 5000 and \
                    not args.networkx_everywhere:
                print("skipping networkx on %s: its pure-Python Brandes would take hours "
                      "(--networkx-everywhere runs it)" % case)
                continue
            tools.append((p, [DEBIAN_PYTHON, scripts[p], spec["task"], ties, people]))
        report = None
        for tool, argv in tools:
            runs = []
            for _ in range(args.runs):
                r = run_child(argv)
                if r["status"] != 0:
                    print("%s failed (exit %d): %s" % (tool, r["status"], r["stderr"].strip()[-2000:]))
                    failed = True
                    break
                runs.append(r)
                print("  %-9s wall %7.2f s  cpu %7.2f s  peak %6.0f MiB  load %s" %
                      (tool, r["wall"], r["cpu"], r["rss"], r["load"]), flush=True)
            if not runs:
                continue
            if tool == "orgflow":
                with open(out_json) as f:
                    report = json.load(f)
            elif report is not None:
                problems = check_agreement(spec["task"], report, json.loads(runs[-1]["stdout"]))
                if problems:
                    print("  %s DISAGREES with orgflow: %s" % (tool, "; ".join(problems)))
                    failed = True
                else:
                    print("  %s agrees with orgflow's figures" % tool)
            results[tool] = dict(wall=median([r["wall"] for r in runs]), cpu=median([r["cpu"] for r in runs]),
                                 rss=max(r["rss"] for r in runs), load=runs[-1]["load"])
        rows.append((case, results))

    print("\n| case | tool | wall (median) | CPU (median) | peak RSS | orgflow / tool, wall | orgflow / tool, CPU | load average |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for case, results in rows:
        mine = results.get("orgflow")
        for tool, r in results.items():
            if mine and tool != "orgflow":
                ratio_w = "%.3f×" % (mine["wall"] / r["wall"])
                ratio_c = "%.3f×" % (mine["cpu"] / r["cpu"])
            else:
                ratio_w = ratio_c = ""
            print("| %s | %s | %.2f s | %.2f s | %.0f MiB | %s | %s | %s |" %
                  (case, tool, r["wall"], r["cpu"], r["rss"], ratio_w, ratio_c, r["load"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
