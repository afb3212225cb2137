#!/usr/bin/env python3
"""Builds meta-annotations.jsonl from hand-written specs (meta-specs.txt), so
that the committed file holds byte offsets and normalised codes only, never
text copied from the pages.

A spec line: FILE | field=VALUE | ...  where a text field (title, authors,
site_name, canonical, section) is `START:END` (byte offsets into the page
file) or `"TEXT"@FROM` (the first occurrence of TEXT at or after byte FROM;
only the offsets are written), authors separated by `;`; published and
modified are YYYY-MM-DD; language is a code; a missing field means the page
shows none. The spec file itself quotes the pages and is not committed.

Usage: python3 build_meta_annotations.py SPECS ../shared/data/trafilatura-eval > meta-annotations.jsonl
"""
import json
import sys
from pathlib import Path

TEXT_FIELDS = ["title", "authors", "site_name", "canonical", "section"]


def fnv1a64(data):
    """64-bit FNV-1a of the file, to notice a page that changed under its offsets."""
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def locate(raw, value, path):
    value = value.strip()
    if value.startswith('"'):
        text, _, start = value[1:].rpartition('"@')
        needle = text.encode("utf-8")
        at = raw.find(needle, int(start))
        if at < 0:
            raise SystemExit(f"{path}: {text!r} not found after {start}")
        return [at, at + len(needle)]
    s, e = value.split(":")
    return [int(s), int(e)]


def main(specs, data):
    for line in Path(specs).read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        path = Path(data) / "html" / parts[0]
        raw = path.read_bytes()
        row = {"file": parts[0], "fnv1a64": fnv1a64(raw)}
        for f in TEXT_FIELDS + ["published", "modified", "language"]:
            row[f] = [] if f == "authors" else None
        for p in parts[1:]:
            key, _, value = p.partition("=")
            if key == "authors":
                row[key] = [locate(raw, v, path) for v in value.split(";")]
            elif key in TEXT_FIELDS:
                row[key] = locate(raw, value, path)
            else:
                row[key] = value.strip()
        for f in TEXT_FIELDS:
            spans = row[f] if f == "authors" else ([row[f]] if row[f] else [])
            for s, e in spans:
                print(f"{parts[0][:30]:<30} {f:<10} {raw[s:e].decode('utf-8', 'replace')[:80]}", file=sys.stderr)
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
