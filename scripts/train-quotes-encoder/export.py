"""Export train.py's best checkpoint to models/quotes-encoder/.

Writes
- `top.safetensors.zst`: the trained top layers under their place in the
  full encoder (`l8.q.w` ...), every matrix int8 with one f32 scale per row
  (`NAME.q` as u8 holding q + 128, `NAME.s`: export.py's layout in
  scripts/train-ner-encoder), vectors and the 7×384 tag head f32; zstd -19.
  The embeddings and bottom layers are not repeated: the Rust side takes
  them from models/ner-accurate, which they were frozen from.
- `config.json`: the frozen layer count, the encoder's shape, the tag names,
  the window size and the dev figures of the checkpoint.

Usage: python export.py --ckpt /work/scratch/quotes-enc/best.pt --out ../../models/quotes-encoder
"""

import argparse
import json
import os
import subprocess
import tempfile

import numpy as np
import torch
from safetensors.numpy import save_file

LINEARS = ("q", "k", "v", "ao", "fi", "fo")


def quantise(name, w):
    if w.ndim == 2 and name != "head.w":
        scale = np.abs(w).max(axis=1) / 127.0
        scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
        q = np.clip(np.rint(w / scale[:, None]), -127, 127).astype(np.int16)
        return {name + ".q": (q + 128).astype(np.uint8), name + ".s": scale}
    return {name: np.ascontiguousarray(w, dtype=np.float32)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default="/work/scratch/quotes-enc/best.pt")
    ap.add_argument("--out", default="../../models/quotes-encoder")
    args = ap.parse_args()
    ck = torch.load(args.ckpt, map_location="cpu", weights_only=False)
    sd = {k: v.float().numpy() for k, v in ck["top"].items()}
    frozen, config = ck["frozen"], ck["config"]
    stored = {}
    for i in range(config["NL"] - frozen):
        for k in LINEARS + ("aln", "oln"):
            for p, full in (("w", "weight"), ("b", "bias")):
                stored.update(quantise(f"l{frozen + i}.{k}.{p}", sd[f"layers.{i}.{k}.{full}"]))
    stored.update(quantise("head.w", sd["head.weight"]))
    stored.update(quantise("head.b", sd["head.bias"]))
    os.makedirs(args.out, exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".safetensors") as f:
        save_file(stored, f.name, metadata={"format": "newsgraph-quotes-encoder/1"})
        raw = open(f.name, "rb").read()
    packed = subprocess.run(["zstd", "-19", "-q", "-c"], input=raw, capture_output=True, check=True).stdout
    with open(os.path.join(args.out, "top.safetensors.zst"), "wb") as f:
        f.write(packed)
    cfg = {
        "base": "models/ner-accurate",
        "frozen": frozen,
        "layers": config["NL"],
        "heads": config["NH"],
        "eps": config["eps"],
        "tags": ck["tags"],
        "window": ck["window"],
        "dev": ck["dev"],
        "train_args": ck["args"],
    }
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
        f.write("\n")
    print(f"wrote {args.out}: {len(raw) / 1e6:.1f} MB safetensors, {len(packed) / 1e6:.1f} MB compressed")


if __name__ == "__main__":
    main()
