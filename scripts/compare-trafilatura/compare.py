#!/usr/bin/env python3
"""Side by side: trafilatura (PyPI, pinned in requirements.txt) and newsgraph-html
(through the `newsgraph-eval html` command) on trafilatura's evaluation set.

Both are scored here with one function, the rule of trafilatura's
tests/evaluate.py: NFC-normalise the output; each `with` segment found is a
true positive, missing a false negative; each `without` segment found is a
false positive. F = 2tp / (2tp + fp + fn). Pages are read as UTF-8, falling
back to ISO-8859-1. Pages/s counts the extraction calls only, one thread each.

With --meta, the metadata check instead: the hand annotations in
meta-annotations.jsonl (byte offsets, see the `newsgraph-eval html --meta`
doc for the matching rule) against our extractor and trafilatura's
extract_metadata, scored here with one function. trafilatura returns one date
(scored as the published date) and no modified date.

Usage (from the repository root):
    python3 -m venv scripts/.venv
    scripts/.venv/bin/pip install -r scripts/compare-trafilatura/requirements.txt
    cargo build --release -p newsgraph-eval
    scripts/.venv/bin/python scripts/compare-trafilatura/compare.py --data ../shared/data
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path


def read_page(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("iso-8859-1")


def score(pages, outputs):
    tp = fn = fp = tn = 0
    for url, page in pages.items():
        text = outputs.get(url)
        if text is None:
            fn += len(page["with"])
            tn += len(page["without"])
            continue
        text = unicodedata.normalize("NFC", text)
        for s in page["with"]:
            if s in text:
                tp += 1
            else:
                fn += 1
        for s in page["without"]:
            if s in text:
                fp += 1
            else:
                tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return p, r, f


def run_trafilatura(pages, docs, fast):
    import trafilatura

    outputs, spent = {}, 0.0
    for url in pages:
        start = time.perf_counter()
        try:
            out = trafilatura.extract(
                docs[url], url=url, fast=fast, include_comments=False, include_tables=True, include_formatting=False
            )
        except Exception:  # one bad page never stops the comparison
            out = None
        spent += time.perf_counter() - start
        outputs[url] = out
    return outputs, len(pages) / spent


def run_newsgraph(eval_bin, data):
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [eval_bin, "--data", str(data), "html", "--only", "newsgraph", "--dump", tmp]
        res = subprocess.run(cmd, capture_output=True, text=True, check=True)
        line = next(l for l in res.stdout.splitlines() if l.startswith("newsgraph-html"))
        pages_per_s = float(line.split()[-1])
        outputs = {}
        for l in (Path(tmp) / "newsgraph-html.jsonl").read_text().splitlines():
            row = json.loads(l)
            outputs[row["url"]] = row["text"]
    return outputs, pages_per_s


META_FIELDS = ["title", "authors", "published", "modified", "language", "site_name", "canonical", "section"]


def norm(s):
    return " ".join(s.split()).lower() if s else None


def meta_matches(field, gold, pred, url):
    if gold is None and pred is None:
        return True
    if gold is None:
        return field == "canonical" and pred == norm(url).rstrip("/")
    if pred is None:
        return False
    if field in ("published", "modified"):
        return pred[:10] == gold[:10]
    return gold == pred


def trafilatura_meta(doc, url):
    from trafilatura import extract_metadata

    m = extract_metadata(doc, default_url=url)
    if m is None:
        return {f: None for f in META_FIELDS}
    names = sorted({norm(a) for a in (m.author or "").split(";") if a.strip()})
    lang = (m.language or "").replace("_", "-").split("-")[0].lower() or None
    url_ = norm(m.url).rstrip("/") if m.url else None
    return {
        "title": norm(m.title),
        "authors": "; ".join(names) or None,
        "published": m.date,
        "modified": None,
        "language": lang,
        "site_name": norm(m.sitename),
        "canonical": url_,
        "section": norm(m.categories[0]) if m.categories else None,
    }


def run_meta(args, root):
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [args.eval_bin, "--data", str(args.data), "html", "--meta", "--dump", tmp]
        subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows = [json.loads(l) for l in (Path(tmp) / "meta.jsonl").read_text().splitlines() if l.strip()]
    right = {"newsgraph-html": dict.fromkeys(META_FIELDS, 0), "trafilatura": dict.fromkeys(META_FIELDS, 0)}
    for row in rows:
        doc = read_page(root / "html" / row["file"])
        traf = trafilatura_meta(doc, row["url"])
        for f in META_FIELDS:
            gold = row["gold"][f]
            right["newsgraph-html"][f] += meta_matches(f, gold, row["ours"][f], row["url"])
            right["trafilatura"][f] += meta_matches(f, gold, traf[f], row["url"])
    import trafilatura

    n = len(rows)
    print(f"metadata on {n} hand-annotated pages: accuracy per field (trafilatura {trafilatura.__version__} extract_metadata)")
    print(f"{'field':<10} {'newsgraph-html':>15} {'trafilatura':>12}")
    for f in META_FIELDS:
        print(f"{f:<10} {right['newsgraph-html'][f] / n:>15.3f} {right['trafilatura'][f] / n:>12.3f}")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/data", help="shared data folder (holds trafilatura-eval/)")
    ap.add_argument("--eval-bin", default="target/release/newsgraph-eval")
    ap.add_argument("--skip-fallback", action="store_true", help="run trafilatura only with fast=True")
    ap.add_argument("--meta", action="store_true", help="metadata check on the hand-annotated pages instead")
    args = ap.parse_args()
    root = Path(args.data) / "trafilatura-eval"
    if not root.exists():
        print(f"skipped: {root} not found")
        return 0
    if args.meta:
        return run_meta(args, root)
    pages = json.loads((root / "evaldata.json").read_text())
    docs = {url: read_page(root / "html" / p["file"]) for url, p in pages.items()}

    import trafilatura

    rows = []
    ours, ours_speed = run_newsgraph(args.eval_bin, args.data)
    rows.append(("newsgraph-html", *score(pages, ours), ours_speed))
    for fast in ([True] if args.skip_fallback else [True, False]):
        out, speed = run_trafilatura(pages, docs, fast)
        name = f"trafilatura {trafilatura.__version__}" + (" fast" if fast else "")
        rows.append((name, *score(pages, out), speed))

    print(f"{len(pages)} pages")
    print(f"{'extractor':<26} {'precision':>9} {'recall':>7} {'F1':>7} {'pages/s':>9} {'speed ratio':>12}")
    for name, p, r, f, speed in rows:
        print(f"{name:<26} {p:>9.3f} {r:>7.3f} {f:>7.3f} {speed:>9.1f} {ours_speed / speed:>11.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
