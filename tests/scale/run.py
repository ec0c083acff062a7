#!/usr/bin/env python3
"""docs/scale.md's SQL, run with sqlite3, gives tables from which `orgflow
import csv --unit-pairs --unit-members` builds the model that the
person-level import builds from the same data (only the name differs).

    run.py ORGFLOW WORK_DIR [DATASETS_DIR]

Data: docs/examples/people (whose tables counted by the SQL are shipped in
docs/examples/scale, checked here too), a generated organization with small
units and people missing from the directory, and, when DATASETS_DIR holds it,
the email-eu-core network. Exits 77 when sqlite3 is missing.
"""
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def sql_blocks():
    text = open(os.path.join(ROOT, "docs", "scale.md"), encoding="utf-8").read()
    blocks = re.findall(r"```sql\n(.*?)```", text, re.S)
    assert len(blocks) == 3, f"docs/scale.md should hold 3 sql blocks (views, members, pairs), not {len(blocks)}"
    return blocks


def run_sql(db_dir, interactions, people, query, out_csv):
    """Loads the two tables into a fresh SQLite database and writes the
    query's result as CSV with a header."""
    script = f"""
CREATE TABLE interactions (sender TEXT, recipient TEXT, times INTEGER);
CREATE TABLE people (person TEXT, unit TEXT);
.import --csv --skip 1 {interactions} interactions
.import --csv --skip 1 {people} people
.headers on
.mode csv
.output {out_csv}
{query}
"""
    db = os.path.join(db_dir, "warehouse.db")
    if os.path.exists(db):
        os.remove(db)
    subprocess.run(["sqlite3", db], input=script, text=True, check=True)
    # sqlite3 ends CSV lines with CRLF; orgflow reads either.


def model_without_name(path):
    m = json.load(open(path, encoding="utf-8"))
    m.pop("name", None)
    return m


def compare(orgflow, work, label, interactions, people, count_column, extra=()):
    views, members_q, pairs_q = sql_blocks()
    members = os.path.join(work, f"{label}-members.csv")
    pairs = os.path.join(work, f"{label}-pairs.csv")
    run_sql(work, interactions, people, views + members_q, members)
    run_sql(work, interactions, people, views + pairs_q, pairs)
    person_model = os.path.join(work, f"{label}-person.json")
    unit_model = os.path.join(work, f"{label}-unit.json")
    subprocess.run([orgflow, "import", "csv", interactions, "--people", people, "--count", count_column,
                    "-o", person_model, *extra], check=True, capture_output=True)
    subprocess.run([orgflow, "import", "csv", "--unit-pairs", pairs, "--unit-members", members,
                    "-o", unit_model, *extra], check=True, capture_output=True)
    a, b = model_without_name(person_model), model_without_name(unit_model)
    if a != b:
        print(f"FAIL {label}: the models differ:\n  person level: {json.dumps(a)[:600]}\n  unit level:   {json.dumps(b)[:600]}")
        return False, members, pairs
    print(f"ok {label}: {len(a['units'])} units, {len(a.get('flows', []))} flows, the same model both ways")
    return True, members, pairs


def generated(work):
    """An organization with units of every size (some under 5 people), people
    missing from the directory, self-ties, repeated records and counts 0."""
    rng = random.Random(7)
    units = [f"Unit {i}" for i in range(1, 13)]
    people = []
    for i in range(140):
        unit = units[min(int(rng.expovariate(0.3)), len(units) - 1)]
        people.append((f"p{i}@example.org", unit if rng.random() > 0.03 else ""))
    persons = [p for p, _ in people] + [f"stranger{i}@example.org" for i in range(6)]
    interactions = os.path.join(work, "generated-interactions.csv")
    directory = os.path.join(work, "generated-people.csv")
    with open(directory, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["person", "unit"])
        w.writerows(people)
        w.writerow(people[3])  # listed twice with the same unit: ignored
    with open(interactions, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["from", "to", "times"])
        for _ in range(1500):
            a, b = rng.choice(persons), rng.choice(persons)
            w.writerow([a, b, rng.choice([0, 1, 1, 2, 5])])
    return interactions, directory


def email_eu_core(datasets, work):
    base = os.path.join(datasets, "email-eu-core")
    edges = os.path.join(base, "email-Eu-core.txt")
    labels = os.path.join(base, "email-Eu-core-department-labels.txt")
    if not (os.path.exists(edges) and os.path.exists(labels)):
        return None
    interactions = os.path.join(work, "eu-interactions.csv")
    directory = os.path.join(work, "eu-people.csv")
    with open(interactions, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["from", "to", "times"])
        for line in open(edges):
            if line.split():
                a, b = line.split()[:2]
                w.writerow([a, b, 1])
    with open(directory, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["person", "unit"])
        for line in open(labels):
            if line.split():
                p, d = line.split()[:2]
                w.writerow([p, f"department {d}"])
    return interactions, directory


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    orgflow, work = sys.argv[1], sys.argv[2]
    datasets = sys.argv[3] if len(sys.argv) > 3 else ""
    if not shutil.which("sqlite3"):
        print("sqlite3 is not installed (Debian package sqlite3): skipped")
        return 77
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    ok = True
    examples = os.path.join(ROOT, "docs", "examples")
    good, members, pairs = compare(orgflow, work, "example", os.path.join(examples, "people", "messages.csv"),
                                   os.path.join(examples, "people", "people.csv"), "messages")
    ok &= good
    for made, shipped in ((members, "members.csv"), (pairs, "pairs.csv")):
        if open(made).read().replace("\r\n", "\n") != open(os.path.join(examples, "scale", shipped)).read():
            print(f"FAIL docs/examples/scale/{shipped} is not what docs/scale.md's SQL gives on docs/examples/people")
            ok = False
    interactions, directory = generated(work)
    ok &= compare(orgflow, work, "generated", interactions, directory, "times")[0]
    ok &= compare(orgflow, work, "generated-period", interactions, directory, "times", ("--period", "4w"))[0]
    eu = email_eu_core(datasets, work) if datasets else None
    if eu:
        ok &= compare(orgflow, work, "email-eu-core", eu[0], eu[1], "times")[0]
    else:
        print("email-eu-core is absent (../shared/datasets): that part skipped")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
