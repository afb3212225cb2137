"""Export a trained checkpoint (train.py's best.pt) to models/ner-accurate/.

Writes
- `model.safetensors.zst`: every matrix as int8 with one f32 scale per row
  (`NAME.q` as u8 holding q + 128, `NAME.s`), vectors and the 9×384 tag head
  as f32; zstd level 19.
- `tokenizer.json.zst`: the pruned unigram vocabulary (pieces, scores), the
  per-codepoint normalisation map, the special ids, the tag names and the
  window size.
- `dev.json`: conlleval scores on eng.testa of the exported (dequantised)
  weights, decoded per sentence with valid-transition Viterbi, the way the
  Rust crate decodes.

Usage: python export.py --ckpt /work/scratch/ner-enc/best.pt \
           --out ../../models/ner-accurate --data ../../../shared/data
"""

import argparse
import json
import os
import subprocess
import tempfile

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.numpy import save_file

from model import Tagger, Tokenizer
from train import TAGS, chunks, read_conll, viterbi, windows

LINEARS = ("q", "k", "v", "ao", "fi", "fo")


def tensors_of(sd, n_layers):
    t = {
        "word": sd["encoder.word.weight"],
        "pos": sd["encoder.pos.weight"],
        "type": sd["encoder.tok_type"],
        "eln.w": sd["encoder.eln.weight"],
        "eln.b": sd["encoder.eln.bias"],
        "head.w": sd["head.weight"],
        "head.b": sd["head.bias"],
    }
    for l in range(n_layers):
        for k in LINEARS + ("aln", "oln"):
            t[f"l{l}.{k}.w"] = sd[f"encoder.layers.{l}.{k}.weight"]
            t[f"l{l}.{k}.b"] = sd[f"encoder.layers.{l}.{k}.bias"]
    return {k: v.float().numpy() for k, v in t.items()}


def quantise(t):
    """int8 per row for every matrix but the tag head; returns the stored
    arrays and the dequantised floats (what the Rust side will compute)."""
    stored, deq = {}, {}
    for name, w in t.items():
        if w.ndim == 2 and name != "head.w":
            scale = np.abs(w).max(axis=1) / 127.0
            scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
            q = np.clip(np.rint(w / scale[:, None]), -127, 127).astype(np.int16)
            stored[name + ".q"] = (q + 128).astype(np.uint8)
            stored[name + ".s"] = scale
            deq[name] = (q.astype(np.float32) * scale[:, None]).astype(np.float32)
        else:
            stored[name] = np.ascontiguousarray(w, dtype=np.float32)
            deq[name] = w
    return stored, deq


def zstd(data: bytes) -> bytes:
    return subprocess.run(["zstd", "-19", "-q", "-c"], input=data, capture_output=True, check=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default="/work/scratch/ner-enc/best.pt")
    ap.add_argument("--out", default="../../models/ner-accurate")
    ap.add_argument("--data", default="../../../shared/data")
    ap.add_argument("--no-eval", action="store_true")
    args = ap.parse_args()
    ck = torch.load(args.ckpt, map_location="cpu", weights_only=False)
    config = ck["config"]
    t = tensors_of(ck["model"], config["NL"])
    stored, deq = quantise(t)
    os.makedirs(args.out, exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".safetensors") as f:
        save_file(stored, f.name, metadata={"format": "newsgraph-ner-encoder/1"})
        raw = open(f.name, "rb").read()
    with open(os.path.join(args.out, "model.safetensors.zst"), "wb") as f:
        f.write(zstd(raw))
    norm = sorted((int(k), [int(x) for x in v]) for k, v in ck["norm"].items())
    tok_json = {
        "pieces": ck["pieces"],
        "scores": [float(s) for s in ck["scores"]],
        "normalisation": norm,
        "unk": ck["unk"],
        "bos": ck["bos"],
        "eos": ck["eos"],
        "pad": ck["pad"],
        "tags": ck["tags"],
        "window": ck["args"]["window"],
        "layers": config["NL"],
        "heads": config["NH"],
        "eps": config["eps"],
    }
    raw_tok = json.dumps(tok_json, ensure_ascii=False).encode()
    with open(os.path.join(args.out, "tokenizer.json.zst"), "wb") as f:
        f.write(zstd(raw_tok))
    size = sum(os.path.getsize(os.path.join(args.out, n)) for n in ("model.safetensors.zst", "tokenizer.json.zst"))
    print(f"wrote {args.out}: {len(raw) / 1e6:.1f} MB safetensors, {size / 1e6:.1f} MB compressed in all")
    if args.no_eval:
        return

    # Dev score of the exported weights, decoded per sentence like the Rust crate.
    torch.set_num_threads(2)
    model = Tagger(config, len(ck["pieces"]), len(TAGS))
    sd = {k: torch.from_numpy(v) for k, v in deq.items()}
    model.load_state_dict(
        {
            "encoder.word.weight": sd["word"],
            "encoder.pos.weight": sd["pos"],
            "encoder.tok_type": sd["type"],
            "encoder.eln.weight": sd["eln.w"],
            "encoder.eln.bias": sd["eln.b"],
            "head.weight": sd["head.w"],
            "head.bias": sd["head.b"],
            **{
                f"encoder.layers.{l}.{k}.{'weight' if p == 'w' else 'bias'}": sd[f"l{l}.{k}.{p}"]
                for l in range(config["NL"])
                for k in LINEARS + ("aln", "oln")
                for p in ("w", "b")
            },
        }
    )
    model.eval()
    tok = Tokenizer(ck["pieces"], ck["scores"], ck["norm"], unk=ck["unk"])
    dev_docs = read_conll(os.path.join(args.data, "conll2003", "eng.testa"))
    wins = windows(dev_docs, tok, ck["args"]["window"], ck["bos"], ck["eos"])
    sent_lens = [len(s[0]) for d in dev_docs for s in d]
    first_logp = []
    with torch.no_grad():
        for k in range(0, len(wins), 16):
            group = wins[k : k + 16]
            L = max(len(w[0]) for w in group)
            ids = torch.full((len(group), L), ck["pad"], dtype=torch.long)
            mask = torch.zeros((len(group), L), dtype=torch.bool)
            for b, w in enumerate(group):
                ids[b, : len(w[0])] = torch.tensor(w[0])
                mask[b, : len(w[0])] = True
            logp = F.log_softmax(model(ids, mask), -1).numpy()
            for b, w in enumerate(group):
                first_logp.extend(logp[b, w[1]])
    first_logp = np.array(first_logp)
    tp = fp = fn = 0
    k = 0
    for d in dev_docs:
        for words, gold in d:
            pred = [TAGS[i] for i in viterbi(first_logp[k : k + len(words)])]
            k += len(words)
            g, p = chunks(gold), chunks(pred)
            tp += len(g & p)
            fp += len(p - g)
            fn += len(g - p)
    prec, rec = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * prec * rec / max(prec + rec, 1e-9)
    result = {
        "checkpoint_dev": ck["dev"],
        "exported_dev": {"precision": prec, "recall": rec, "f1": f1},
        "train_args": ck["args"],
    }
    with open(os.path.join(args.out, "dev.json"), "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
