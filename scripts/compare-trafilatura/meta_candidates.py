#!/usr/bin/env python3
"""Helps annotate page metadata by hand: prints, for one page of
trafilatura-eval, every candidate value with its BYTE offsets into the file
(<title>, h1/h2, <meta> tags, JSON-LD fields, <time>, bylines, <html lang>,
<link rel=canonical>), so that an annotator can pick what the page shows and
write offsets, not text, into the annotation file (see meta_annotations.md).

Usage: python3 meta_candidates.py ../shared/data/trafilatura-eval/html/PAGE.html
"""
import re
import sys

KEYS = re.compile(
    rb"(title|author|creator|date|time|published|modified|updated|site_name|section|category|locale|language|byl|headline|url)",
    re.I,
)


def show(label, raw, start, end):
    text = raw[start:end].decode("utf-8", "replace").strip()
    text = " ".join(text.split())
    if text:
        print(f"{start:>8} {end:>8}  {label:<28} {text[:110]}")


def main(path):
    raw = open(path, "rb").read()
    for m in re.finditer(rb"<html[^>]*?\blang\s*=\s*[\"']?([^\"' >]+)", raw, re.I):
        show("html lang", raw, m.start(1), m.end(1))
    for m in re.finditer(rb"<title[^>]*>(.*?)</title>", raw, re.I | re.S):
        show("<title>", raw, m.start(1), m.end(1))
    for m in re.finditer(rb"<link[^>]*rel=[\"']?canonical[^>]*>", raw, re.I):
        h = re.search(rb"href=[\"']([^\"']+)", m.group(0))
        if h:
            show("canonical", raw, m.start() + h.start(1), m.start() + h.end(1))
    for m in re.finditer(rb"<meta\b[^>]*>", raw, re.I):
        tag = m.group(0)
        k = re.search(rb"(?:property|name|itemprop|http-equiv)\s*=\s*[\"']([^\"']+)", tag, re.I)
        c = re.search(rb"content\s*=\s*\"([^\"]*)\"|content\s*=\s*'([^']*)'", tag, re.I)
        if k and c and KEYS.search(k.group(1)):
            g = 1 if c.group(1) is not None else 2
            show("meta " + k.group(1).decode("utf-8", "replace"), raw, m.start() + c.start(g), m.start() + c.end(g))
    for m in re.finditer(rb"\"(headline|datePublished|dateModified|dateCreated|articleSection|inLanguage|name|url)\"\s*:\s*\"((?:[^\"\\]|\\.)*)\"", raw):
        show("json " + m.group(1).decode(), raw, m.start(2), m.end(2))
    for m in re.finditer(rb"<h([12])[^>]*>(.*?)</h\1>", raw, re.I | re.S):
        inner = m.group(2)
        if len(inner) < 400:
            show(f"h{m.group(1).decode()}", raw, m.start(2), m.end(2))
    for m in re.finditer(rb"<time[^>]*>(.*?)</time>", raw, re.I | re.S):
        show("time " + m.group(0)[:60].decode("utf-8", "replace"), raw, m.start(1), m.end(1))
        d = re.search(rb"datetime=[\"']([^\"']+)", m.group(0))
        if d:
            show("time@datetime", raw, m.start() + d.start(1), m.start() + d.end(1))
    for m in re.finditer(rb"<(\w+)[^>]*(?:class|id|rel|itemprop)=[\"'][^\"']*(?:author|byline|autor|date|datum)[^\"']*[\"'][^>]*>([^<]{2,120})<", raw, re.I):
        show("byline/date " + m.group(1).decode(), raw, m.start(2), m.end(2))


if __name__ == "__main__":
    main(sys.argv[1])
