#!/usr/bin/python3
"""Checks that an SVG file is well-formed XML and names every unit of a model.

Usage: svg_names.py DIAGRAM.svg MODEL.json

A unit's name counts as shown when it appears, with whitespace normalised, in
the text of the drawing (the <text> elements joined in document order, so a
name wrapped over two lines still counts) or in a tooltip (<title> or an
xlink:title / title attribute). Exits 1 with the missing names otherwise.
"""
import json
import re
import sys
import xml.dom.minidom


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def texts(node, tag):
    out = []
    for el in node.getElementsByTagName(tag):
        out.append("".join(c.data for c in el.childNodes if c.nodeType == c.TEXT_NODE))
    return out


def main():
    svg_path, model_path = sys.argv[1], sys.argv[2]
    doc = xml.dom.minidom.parse(svg_path)  # raises on malformed XML
    if doc.documentElement.tagName != "svg":
        sys.exit(f"{svg_path}: the root element is <{doc.documentElement.tagName}>, not <svg>")
    drawn = norm(" ".join(texts(doc, "text")))
    tips = [norm(t) for t in texts(doc, "title")]
    for el in doc.getElementsByTagName("*"):
        for attr in ("xlink:title", "title"):
            if el.hasAttribute(attr):
                tips.append(norm(el.getAttribute(attr)))
    tip_text = " | ".join(tips)
    model = json.load(open(model_path, encoding="utf-8"))
    missing = []
    for unit in model["units"]:
        name = norm(unit.get("name", unit["id"]))
        if name not in drawn and name not in tip_text:
            missing.append(name)
    if missing:
        sys.exit(f"{svg_path}: units not named in the drawing: {missing}")


if __name__ == "__main__":
    main()
