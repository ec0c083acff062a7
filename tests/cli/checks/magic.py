#!/usr/bin/python3
"""Checks the first bytes of a file: magic.py FILE png|pdf|svg.

PNG files start with 89 50 4E 47 0D 0A 1A 0A, PDF files with "%PDF-", and
the SVG Graphviz writes with an XML declaration or <svg.
"""
import sys

MAGIC = {"png": [b"\x89PNG\r\n\x1a\n"], "pdf": [b"%PDF-"], "svg": [b"<?xml", b"<svg", b"<!--"]}

path, kind = sys.argv[1], sys.argv[2]
head = open(path, "rb").read(16)
if not any(head.startswith(m) for m in MAGIC[kind]):
    sys.exit(f"{path}: does not start like a {kind} file: {head!r}")
