#!/usr/bin/env python3
"""Degenerate and hostile inputs for orgflow's bounded-cost benchmark.

Writes one input file of a named shape to the path given, so that
tools/bench_degenerate.sh can time each reader and analysis on the shapes
that once blew up (issue 14, item 4) and on a normal model of the same file
size. Every shape is deterministic: the same arguments give the same bytes.

  generate.py SHAPE OUT [--size N]

Model shapes (JSON): chain (one delivery chain of N units, every unit needing
the artifact of the first), deep-groups (N groups nested one in the other),
dense (N units, a flow from every unit to every other), parallel (two units
with N parallel flows), hub (one unit sending an artifact to N units that all
need it), x-members (one unit with N `x-` members), normal
(a random organization-like model of about N bytes). Reader shapes:
xes-attribute and bpmn-attribute (one attribute of N bytes, gzip-compressed),
bpmn-bomb (N bytes of zeros after a BPMN start tag, gzip-compressed).
"""
import argparse
import gzip
import json
import random
import sys


def write_model(path, model):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(model, f, separators=(",", ":"))
        f.write("\n")


def chain(n):
    units = [{"id": f"u{i}"} for i in range(n)]
    flows = [{"from": f"u{i}", "to": f"u{i + 1}", "carries": ["a"], "latency": "1h"} for i in range(n - 1)]
    needs = [{"unit": f"u{i}", "artifact": "a", "max_age": "1d"} for i in range(1, n)]
    return {"orgflow": 1, "name": "one long delivery chain", "units": units,
            "artifacts": [{"id": "a", "owner": "u0", "changes": "1d"}], "flows": flows, "needs": needs}


def deep_groups(n):
    units = [{"id": "g0"}] + [{"id": f"g{i}", "group": f"g{i - 1}"} for i in range(1, n)]
    flows = [{"from": f"g{n - 1}", "to": "g0"}, {"from": "g0", "to": f"g{n - 1}"}]
    return {"orgflow": 1, "name": "groups nested deep", "units": units, "flows": flows}


def dense(n):
    units = [{"id": f"u{i}"} for i in range(n)]
    flows = [{"from": f"u{i}", "to": f"u{j}"} for i in range(n) for j in range(n) if i != j]
    arts = [{"id": f"a{i}", "owner": f"u{i}"} for i in range(0, n, max(1, n // 10))]
    for k, f in enumerate(flows):
        f["carries"] = [arts[k % len(arts)]["id"]]
    needs = [{"unit": f"u{(i * 7 + 3) % n}", "artifact": a["id"]} for i, a in enumerate(arts)]
    needs = [x for x in needs if x["unit"] != next(a["owner"] for a in arts if a["id"] == x["artifact"])]
    return {"orgflow": 1, "name": "everyone talks to everyone", "units": units, "artifacts": arts,
            "flows": flows, "needs": needs}


def parallel(n):
    units = [{"id": "a"}, {"id": "b"}]
    flows = [{"from": "a", "to": "b", "carries": ["x"], "latency": f"{1 + i % 50}h"} for i in range(n)]
    return {"orgflow": 1, "name": "many parallel flows", "units": units,
            "artifacts": [{"id": "x", "owner": "a"}], "flows": flows,
            "needs": [{"unit": "b", "artifact": "x"}]}


def hub(n):
    units = [{"id": f"u{i}"} for i in range(n)]
    flows = [{"from": "u0", "to": f"u{i}", "carries": ["a"]} for i in range(1, n)]
    flows += [{"from": f"u{i}", "to": "u0"} for i in range(1, n)]
    needs = [{"unit": f"u{i}", "artifact": "a"} for i in range(1, n)]
    return {"orgflow": 1, "name": "one unit informs everyone", "units": units,
            "artifacts": [{"id": "a", "owner": "u0"}], "flows": flows, "needs": needs}


def x_members(n):
    unit = {"id": "u"}
    for i in range(n):
        unit[f"x-m{i}"] = i
    return {"orgflow": 1, "name": "many x- members", "units": [unit]}


def normal(size):
    """A random organization of about `size` bytes: groups of ten teams,
    flows mostly within a group, artifacts relayed over a few hops."""
    rng = random.Random(1)
    # about 150 bytes per flow, 60 per unit, 70 per need: grow n until big enough
    n = 20
    while True:
        model = _normal_model(rng, n)
        text = json.dumps(model, separators=(",", ":"))
        if len(text) >= size:
            return model
        n = int(n * max(1.05, (size / max(1, len(text))) ** 0.5))
        rng = random.Random(1)


def _normal_model(rng, n):
    units = []
    groups = max(1, n // 10)
    for g in range(groups):
        units.append({"id": f"div{g}", "name": f"Division {g}"})
    for i in range(n):
        u = {"id": f"t{i}", "name": f"Team {i}", "group": f"div{i % groups}", "kind": "team"}
        if i % 3 == 0:
            u["capacity"] = f"{20 + i % 30}/w"
        units.append(u)
    arts = [{"id": f"a{k}", "owner": f"t{rng.randrange(n)}", "changes": f"{1 + k % 14}d", "max_age": "7d"}
            for k in range(max(1, n // 5))]
    flows = []
    for i in range(n):
        for _ in range(3):
            j = (i + rng.choice([1, 2, 10, rng.randrange(n)])) % n
            if j == i:
                continue
            flows.append({"from": f"t{i}", "to": f"t{j}", "carries": [rng.choice(arts)["id"]],
                          "cadence": rng.choice(["on-change", "daily", "weekly"]), "latency": "4h"})
    needs = []
    seen = set()
    for i in range(n * 2):
        u, a = f"t{rng.randrange(n)}", rng.choice(arts)
        if a["owner"] == u or (u, a["id"]) in seen:
            continue
        seen.add((u, a["id"]))
        needs.append({"unit": u, "artifact": a["id"]})
    handoffs = [{"from": f"t{i}", "to": f"t{(i + 1) % n}", "process": f"p{i % 7}", "volume": "5/w", "wait": "1d"}
                for i in range(0, n, 2)]
    return {"orgflow": 1, "name": "a normal organization", "units": units, "artifacts": arts,
            "flows": flows, "handoffs": handoffs, "needs": needs}


# Reader shapes: (head, filler byte, tail); the filler is repeated `size` times.
def xes_attribute():
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<log><trace><event><string key="org:group" value="',
            b"x", b'"/></event></trace></log>\n')


def bpmn_attribute():
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="',
            b"x", b'"/></definitions>\n')


def bpmn_bomb():
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">', b" ", b"</definitions>\n")


MODELS = {"chain": (chain, 8000), "deep-groups": (deep_groups, 20000), "dense": (dense, 300),
          "parallel": (parallel, 20000), "hub": (hub, 20000), "x-members": (x_members, 62000), "normal": (normal, 740_000)}
READERS = {"xes-attribute": (xes_attribute, 1 << 30), "bpmn-attribute": (bpmn_attribute, 64 << 20),
           "bpmn-bomb": (bpmn_bomb, 4 << 30)}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("shape", choices=sorted(MODELS) + sorted(READERS))
    p.add_argument("out")
    p.add_argument("--size", type=int, help="the shape's size (units, members, bytes); default: the issue's")
    a = p.parse_args()
    if a.shape in MODELS:
        make, default = MODELS[a.shape]
        write_model(a.out, make(a.size or default))
        return 0
    make, default = READERS[a.shape]
    size = a.size or default
    head, filler, tail = make()
    # Streamed, so that a 4 GiB bomb needs no 4 GiB of memory to write.
    with gzip.open(a.out, "wb", compresslevel=9) as f:
        f.write(head)
        block = filler * (1 << 20)
        for _ in range(size >> 20):
            f.write(block)
        f.write(filler * (size & ((1 << 20) - 1)))
        f.write(tail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
