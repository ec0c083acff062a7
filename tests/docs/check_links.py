#!/usr/bin/env python3
"""The docs stand alone: README.md and docs/*.md link only to files of this
repository that exist (and to headings of them that exist), never to a page
on the web nor to the developers' specification, which a user's clone does
not have.

    check_links.py [ROOT]
"""
import os
import re
import sys

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~)")


def anchors(path):
    """GitHub-style anchors of a Markdown file's headings."""
    out = set()
    in_code = False
    for line in open(path, encoding="utf-8"):
        if FENCE.match(line):
            in_code = not in_code
        if in_code or not line.startswith("#"):
            continue
        title = line.lstrip("#").strip().lower()
        title = re.sub(r"[^\w\- ]", "", title)
        out.add(title.replace(" ", "-"))
    return out


def prose(path):
    """(line number, text) of the lines outside code blocks."""
    in_code = False
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        if FENCE.match(line):
            in_code = not in_code
            continue
        if not in_code:
            yield number, line


def main():
    pages = [os.path.join(ROOT, "README.md")]
    docs = os.path.join(ROOT, "docs")
    pages += sorted(os.path.join(docs, f) for f in os.listdir(docs) if f.endswith(".md"))
    problems = []
    for page in pages:
        rel = os.path.relpath(page, ROOT)
        for number, line in prose(page):
            if "shared/spec" in line:
                problems.append(f"{rel}:{number}: refers to the developers' specification, absent from a user's clone")
            for target in LINK.findall(line):
                if re.match(r"[a-z]+:", target):
                    problems.append(f"{rel}:{number}: links outside the repository: {target}")
                    continue
                file_part, _, anchor = target.partition("#")
                dest = os.path.normpath(os.path.join(os.path.dirname(page), file_part)) if file_part else page
                if not os.path.exists(dest):
                    problems.append(f"{rel}:{number}: links to a missing file: {target}")
                elif anchor and dest.endswith(".md") and anchor not in anchors(dest):
                    problems.append(f"{rel}:{number}: links to a missing heading: {target}")
    for p in problems:
        print(p)
    print(f"{len(pages)} pages checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
