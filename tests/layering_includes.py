#!/usr/bin/env python3
"""Every include of graphlib, tools and tests against the layers' places.

The layers and their links are read from graphlib/CMakeLists.txt (the
`target_link_libraries(orgflow_X PUBLIC ...)` and `orgflow_uses(...)` lines),
so this test checks the code against the build, not against a second list.
Rules (docs/architecture.md, "Layers"):
  - a layer includes its own headers, the internal headers other layers
    share with it (orgflow_uses), and the public headers of itself and of
    the layers it links, directly or not;
  - a public header includes public headers only, of its own layer and
    below;
  - the tools include public headers only;
  - a layer's tests include what the layer may include, and the public
    headers of the layers they link beside it (test_X_also in
    tests/CMakeLists.txt).
Prints one line per violation and exits 1 when there is one.
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
cmake = (root / "graphlib/CMakeLists.txt").read_text()

# The layer that each public header belongs to (where it is implemented).
OWNER = {
    "text": ["text", "message_text", "check", "version"],
    "model": ["model", "finding_codes", "io", "number", "quantity"],
    "analysis": ["analysis", "diagnosis", "plan", "whatif"],
    "report": ["report"], "render": ["render"], "document": ["document"],
    "import": ["import"], "people": ["people", "people_rank"],
    "schema": ["model_schema"], "sheet": ["sheet"], "merge": ["merge"],
}
owner = {h: layer for layer, hs in OWNER.items() for h in hs}

layers = re.findall(r"^orgflow_layer\(orgflow_(\w+) (\w+)\)", cmake, re.M)
links = {name: set() for name, _ in layers}
for name, body in re.findall(r"target_link_libraries\(orgflow_(\w+) PUBLIC ([^)]*?)(?: PRIVATE|\))", cmake, re.S):
    links[name] |= set(re.findall(r"orgflow_(\w+)", body))
uses = {name: {"text"} - {name} for name in links}
for name, body in re.findall(r"^orgflow_uses\(orgflow_(\w+) ([^)]*)\)", cmake, re.M):
    uses[name] |= set(body.split())


# Layers a layer's tests link beside it (tests/CMakeLists.txt, test_X_also).
tests_cmake = (root / "tests/CMakeLists.txt").read_text()
tests_also = {name: set(re.findall(r"orgflow_(\w+)", body))
              for name, body in re.findall(r"^set\(test_(\w+)_also ([^)]*)\)", tests_cmake, re.M)}


def below(layer, seen=None):
    seen = set() if seen is None else seen
    for d in links.get(layer, ()):
        if d not in seen:
            seen.add(d)
            below(d, seen)
    return seen


include = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)
failures = []


def check(path, allowed_internal, allowed_public, public_only=False):
    for inc in include.findall(path.read_text(errors="replace")):
        if "/" not in inc:
            continue  # a file beside this one
        top, rest = inc.split("/", 1)
        if top == "orgflow":
            stem = rest[:-len(".hpp")] if rest.endswith(".hpp") else rest
            if stem not in owner:
                failures.append(f"{path.relative_to(root)}: {inc} belongs to no layer (add it to OWNER)")
            elif owner[stem] not in allowed_public:
                failures.append(f"{path.relative_to(root)}: {inc} is of layer {owner[stem]}, above this file")
        elif top in ("support", "fuzz"):
            continue  # the tests' own helpers
        elif public_only or top not in allowed_internal:
            failures.append(f"{path.relative_to(root)}: {inc} is internal to layer {top}")


unowned = sorted(p.name for p in (root / "graphlib/include/orgflow").glob("*.hpp")
                 if p.stem not in owner)
failures += [f"graphlib/include/orgflow/{n}: belongs to no layer (add it to OWNER)" for n in unowned]
for name, folder in layers:
    internal = {folder} | uses[name]
    public = {name} | below(name)
    for path in sorted((root / "graphlib" / folder).rglob("*.[ch]pp")):
        check(path, internal, public)
    also = set().union(*[below(a) | {a} for a in tests_also.get(name, ())])
    for path in sorted((root / "tests" / folder).glob("*.[ch]pp")):
        check(path, internal, public | also)
for path in sorted((root / "graphlib/include/orgflow").glob("*.hpp")):
    layer = owner.get(path.stem)
    if layer:
        check(path, set(), {layer} | below(layer), public_only=True)
for path in sorted((root / "tools").rglob("*.[ch]pp")):
    check(path, set(), set(owner.values()), public_only=True)

for f in failures:
    print(f)
print(f"{len(layers)} layers; {len(failures)} includes out of place")
sys.exit(1 if failures else 0)
