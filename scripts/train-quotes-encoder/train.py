"""Train the quotation span tagger on the entities model's encoder.

Source, cue and content as BIO tags (O, B/I-SOURCE, B/I-CUE, B/I-CONTENT,
the order of `newsgraph_quotes::tagger::tags`) over the tokens of each
paragraph, on PolNeAR train, choosing the epoch on dev.

- Input: `train-quotes --dump DIR` (crates/quotes-train) writes the units
  (paragraphs) of every article as the Rust pipeline tokenises them, with
  gold tags, so training sees exactly the tokens the stage will see.
- Encoder: the accurate NER model (models/ner-accurate) as exported, int8
  dequantised, i.e. exactly the weights the Rust side runs. Its embeddings
  and bottom `--frozen` layers stay frozen; their output is computed once
  for every window and cached (bf16 in RAM), so an epoch runs only the top
  layers (initialised from the NER model's) and a new 7-tag head.
- Windows: consecutive paragraphs of one article packed up to `--window`
  pieces (`<s>` ... `</s>`); a paragraph longer than that is split between
  words. Every word is labelled on its first piece (the NER model's
  convention, repeated by the Rust crate).
- Dev per epoch: Viterbi per paragraph with valid BIO moves, exact chunk F1
  per role; the best mean of the three is kept.

- Warm start (`--init CKPT`): a checkpoint trained with more frozen layers
  gives its top layers and head; the layers it kept frozen come from the NER
  model. The shipped model was trained so: 8 frozen for 3 epochs, then 4
  frozen for 3 more (models/quotes-encoder/MODEL_CARD.md has the commands).

Usage: python train.py --dump /work/scratch/quotes-enc/data \
           --ner ../../models/ner-accurate --out /work/scratch/quotes-enc
"""

import argparse
import json
import math
import os
import random
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.numpy import load as st_load
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train-ner-encoder"))
import bio  # noqa: E402
from bio import chunks  # noqa: E402
from model import Encoder, Layer, Tokenizer  # noqa: E402

ROLES = ["SOURCE", "CUE", "CONTENT"]
TAGS = ["O"] + [f"{p}-{r}" for r in ROLES for p in ("B", "I")]
TAG_ID = {t: i for i, t in enumerate(TAGS)}


def unzstd(path):
    return subprocess.run(["zstd", "-d", "-q", "-c", path], capture_output=True, check=True).stdout


def load_ner(ner_dir):
    """The exported NER model: tokenizer file, dequantised tensors."""
    tok = json.loads(unzstd(os.path.join(ner_dir, "tokenizer.json.zst")))
    raw = st_load(unzstd(os.path.join(ner_dir, "model.safetensors.zst")))
    t = {}
    for name, a in raw.items():
        if name.endswith(".q"):
            base = name[:-2]
            t[base] = (a.astype(np.float32) - 128.0) * raw[base + ".s"][:, None]
        elif name.endswith(".s"):
            continue
        else:
            t[name] = a.astype(np.float32)
    return tok, {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in t.items()}


def tokenizer_of(tok):
    norm = {int(c): [int(x) for x in m] for c, m in tok["normalisation"]}
    return Tokenizer(tok["pieces"], tok["scores"], norm, unk=tok["unk"])


def load_layer(layer, t, l):
    with torch.no_grad():
        for name in ("q", "k", "v", "ao", "fi", "fo", "aln", "oln"):
            mod = getattr(layer, name)
            mod.weight.copy_(t[f"l{l}.{name}.w"])
            mod.bias.copy_(t[f"l{l}.{name}.b"])


def read_dump(path):
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def windows(arts, tok, size, bos, eos):
    """Per window: piece ids, first-piece positions, tag ids, and
    (article, unit, word) of each labelled word."""
    out = []
    room = size - 2
    for a, art in enumerate(arts):
        cur = None

        def flush():
            nonlocal cur
            if cur and cur[1]:
                out.append(([bos] + cur[0] + [eos], cur[1], cur[2], cur[3]))
            cur = ([], [], [], [])

        flush()
        for u, unit in enumerate(art["units"]):
            pieces = [tok.encode_word(w)[:room] for w in unit["words"]]
            n = sum(len(p) for p in pieces)
            if cur[0] and len(cur[0]) + n > room:
                flush()
            for w, (p, t) in enumerate(zip(pieces, unit["tags"])):
                if len(cur[0]) + len(p) > room:
                    flush()
                cur[1].append(len(cur[0]) + 1)
                cur[2].append(TAG_ID[t])
                cur[3].append((a, u, w))
                cur[0].extend(p)
        flush()
    return out


class Frozen(nn.Module):
    """Embeddings and the bottom layers of the NER encoder."""

    def __init__(self, enc, n):
        super().__init__()
        self.enc = enc
        self.n = n

    def forward(self, ids, mask):
        B, L = ids.shape
        e = self.enc
        pos = torch.arange(L)
        x = e.eln(e.word(ids) + e.pos(pos)[None] + e.tok_type)
        bias = torch.zeros(B, 1, 1, L).masked_fill(~mask[:, None, None, :], -1e4)
        for layer in e.layers[: self.n]:
            x = layer(x, bias)
        return x


class Top(nn.Module):
    def __init__(self, layers, H, n_tags, drop):
        super().__init__()
        self.layers = nn.ModuleList(layers)
        self.drop = nn.Dropout(drop)
        self.head = nn.Linear(H, n_tags)

    def forward(self, x, mask):
        bias = torch.zeros(x.shape[0], 1, 1, x.shape[1], dtype=x.dtype).masked_fill(
            ~mask[:, None, None, :], -1e4
        )
        for layer in self.layers:
            x = layer(x, bias)
        return self.head(self.drop(x))


def pad_batch(group, pad):
    L = max(len(w[0]) for w in group)
    ids = torch.full((len(group), L), pad, dtype=torch.long)
    mask = torch.zeros((len(group), L), dtype=torch.bool)
    for b, w in enumerate(group):
        ids[b, : len(w[0])] = torch.tensor(w[0])
        mask[b, : len(w[0])] = True
    return ids, mask


def cache(frozen, wins, pad, bs=16):
    """Frozen output per window, bf16, computed in length order."""
    out = [None] * len(wins)
    order = sorted(range(len(wins)), key=lambda i: len(wins[i][0]))
    t0 = time.time()
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        for k in range(0, len(order), bs):
            idx = order[k : k + bs]
            ids, mask = pad_batch([wins[i] for i in idx], pad)
            x = frozen(ids, mask).to(torch.bfloat16)
            for b, i in enumerate(idx):
                out[i] = x[b, : len(wins[i][0])].clone()
            if (k // bs) % 50 == 0:
                print(f"  cache {k}/{len(order)} windows {time.time() - t0:.0f}s", flush=True)
    return out


def batches(wins, feats, bs, shuffle):
    # Length-bucketed batches (sorted in chunks of 50 batches), shuffled.
    order = list(range(len(wins)))
    if shuffle:
        random.shuffle(order)
        chunk = bs * 50
        order = [i for k in range(0, len(order), chunk) for i in sorted(order[k : k + chunk], key=lambda i: len(wins[i][0]))]
    else:
        order.sort(key=lambda i: len(wins[i][0]))
    groups = [order[k : k + bs] for k in range(0, len(order), bs)]
    if shuffle:
        random.shuffle(groups)
    for idx in groups:
        L = max(len(wins[i][0]) for i in idx)
        H = feats[idx[0]].shape[1]
        x = torch.zeros((len(idx), L, H), dtype=torch.bfloat16)
        mask = torch.zeros((len(idx), L), dtype=torch.bool)
        labels = torch.full((len(idx), L), -100, dtype=torch.long)
        for b, i in enumerate(idx):
            n = len(wins[i][0])
            x[b, :n] = feats[i]
            mask[b, :n] = True
            labels[b, wins[i][1]] = torch.tensor(wins[i][2])
        yield x, mask, labels, idx


ALLOWED, START = bio.allowed(TAGS)


def viterbi(logp):
    return bio.viterbi(logp, ALLOWED, START)


def word_logp(top, wins, feats, arts):
    """Log-probabilities per (article, unit) word: {(a, u): array}."""
    top.eval()
    rows = {}
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        for x, mask, _, idx in batches(wins, feats, 16, False):
            logp = F.log_softmax(top(x, mask).float(), -1).numpy()
            for b, i in enumerate(idx):
                for pos, (a, u, w) in zip(wins[i][1], wins[i][3]):
                    rows[(a, u, w)] = logp[b, pos]
    top.train()
    out = {}
    for a, art in enumerate(arts):
        for u, unit in enumerate(art["units"]):
            n = len(unit["words"])
            out[(a, u)] = np.array([rows[(a, u, w)] for w in range(n)]).reshape(n, len(TAGS))
    return out


def score(logps, arts):
    counts = {r: [0, 0, 0] for r in ROLES}
    for a, art in enumerate(arts):
        for u, unit in enumerate(art["units"]):
            pred = [TAGS[i] for i in viterbi(logps[(a, u)])]
            g, p = chunks(unit["tags"]), chunks(pred)
            for r in ROLES:
                gr = {c for c in g if c[2] == r}
                pr = {c for c in p if c[2] == r}
                counts[r][0] += len(gr & pr)
                counts[r][1] += len(pr - gr)
                counts[r][2] += len(gr - pr)
    f = {}
    for r, (tp, fp, fn) in counts.items():
        p, rc = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f[r] = 2 * p * rc / max(p + rc, 1e-9)
    return f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", default="/work/scratch/quotes-enc/data")
    ap.add_argument("--ner", default="../../models/ner-accurate")
    ap.add_argument("--out", default="/work/scratch/quotes-enc")
    ap.add_argument("--frozen", type=int, default=8, help="bottom layers kept frozen (and cached)")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--window", type=int, default=256)
    ap.add_argument("--drop", type=float, default=0.1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N train articles (trial runs)")
    ap.add_argument("--max-steps", type=int, default=0, help="stop early (timing runs)")
    ap.add_argument("--resume", default="", help="checkpoint (best.pt) to continue from, after its epoch")
    ap.add_argument("--cache-file", default="", help="keep the frozen layers' output here (torch.save) and reuse it")
    ap.add_argument("--init", default="",
                    help="start from this checkpoint's top layers and head (it may have more frozen layers: those "
                         "it did not train come from the NER model); a new schedule from epoch 1")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)

    tokf, t = load_ner(args.ner)
    tok = tokenizer_of(tokf)
    config = {"H": t["word"].shape[1], "NL": tokf["layers"], "NH": tokf["heads"], "FF": t["l0.fi.w"].shape[0],
              "eps": tokf["eps"], "MAXP": t["pos"].shape[0], "VOC": t["word"].shape[0]}
    enc = Encoder(config)
    enc.load({"emb.word": t["word"], "emb.pos": t["pos"], "emb.type": t["type"], "emb.ln.w": t["eln.w"],
              "emb.ln.b": t["eln.b"], **{k: v for k, v in t.items() if k.startswith("l")}})
    enc.eval()
    frozen = Frozen(enc, args.frozen)
    top_layers = []
    for l in range(args.frozen, config["NL"]):
        layer = Layer(config["H"], config["NH"], config["FF"], config["eps"])
        load_layer(layer, t, l)
        top_layers.append(layer)
    top = Top(top_layers, config["H"], len(TAGS), args.drop)
    if args.init:
        # Warm start: a checkpoint trained with `ck["frozen"]` ≥ `--frozen`
        # bottom layers gives its top layers (shifted to their place here)
        # and its head.
        ck = torch.load(args.init, weights_only=False)
        shift = ck["frozen"] - args.frozen
        assert shift >= 0, "--init needs a checkpoint with at least --frozen frozen layers"
        sd = {}
        for k, v in ck["top"].items():
            if k.startswith("layers."):
                _, i, rest = k.split(".", 2)
                k = f"layers.{int(i) + shift}.{rest}"
            sd[k] = v
        missing, unexpected = top.load_state_dict(sd, strict=False)
        assert not unexpected and all(k.startswith("layers.") for k in missing)
        print(f"initialised from {args.init} (its layers {ck['frozen']}+ and head; dev mean {ck['dev']['mean']:.4f})",
              flush=True)

    train_arts = read_dump(os.path.join(args.dump, "train.jsonl"))
    dev_arts = read_dump(os.path.join(args.dump, "dev.jsonl"))
    if args.limit:
        train_arts = train_arts[: args.limit]
    bos, eos, pad = tokf["bos"], tokf["eos"], tokf["pad"]
    train_w = windows(train_arts, tok, args.window, bos, eos)
    dev_w = windows(dev_arts, tok, args.window, bos, eos)
    n_pieces = sum(len(w[0]) for w in train_w)
    print(f"train: {len(train_arts)} articles, {len(train_w)} windows, {n_pieces} pieces; dev: {len(dev_w)} windows",
          flush=True)
    t0 = time.time()
    if args.cache_file and os.path.exists(args.cache_file):
        train_x, dev_x = torch.load(args.cache_file)
        print(f"read the frozen layers' output from {args.cache_file} ({time.time() - t0:.0f}s)", flush=True)
    else:
        train_x = cache(frozen, train_w, pad)
        dev_x = cache(frozen, dev_w, pad)
        print(f"cached the frozen layers' output ({time.time() - t0:.0f}s)", flush=True)
        if args.cache_file:
            torch.save((train_x, dev_x), args.cache_file)
    del frozen, enc

    head = list(top.head.parameters())
    body = [p for n, p in top.named_parameters() if not n.startswith("head.")]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr}, {"params": head, "lr": args.head_lr}],
                            weight_decay=0.01)
    steps_per_epoch = math.ceil(len(train_w) / args.batch)
    total = steps_per_epoch * args.epochs
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    best = -1.0
    step = 0
    first = 1
    if args.resume:
        # Continue a run: the weights and the learning-rate schedule pick up
        # after the checkpoint's epoch (AdamW's moments start afresh).
        ck = torch.load(args.resume, weights_only=False)
        top.load_state_dict(ck["top"])
        first = ck["dev"]["epoch"] + 1
        best = ck["dev"]["mean"]
        for _ in range((first - 1) * steps_per_epoch):
            sched.step()
            step += 1
        print(f"resumed from {args.resume} after epoch {first - 1} (dev mean {best:.4f})", flush=True)
    for epoch in range(first, args.epochs + 1):
        t0 = time.time()
        loss_sum = 0.0
        for x, mask, labels, _ in batches(train_w, train_x, args.batch, True):
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = top(x, mask)
            loss = F.cross_entropy(logits.float().view(-1, len(TAGS)), labels.view(-1), ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(top.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            loss_sum += loss.item()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step}/{total} loss {loss_sum / 50:.4f} {time.time() - t0:.0f}s", flush=True)
                loss_sum = 0.0
            if args.max_steps and step >= args.max_steps:
                print(f"{step} steps in {time.time() - t0:.1f}s", flush=True)
                return
        train_s = time.time() - t0
        f = score(word_logp(top, dev_w, dev_x, dev_arts), dev_arts)
        mean = sum(f.values()) / 3
        print(f"epoch {epoch}: train {train_s:.0f}s, dev chunk F1 source {f['SOURCE']:.4f} cue {f['CUE']:.4f} "
              f"content {f['CONTENT']:.4f} mean {mean:.4f} (eval {time.time() - t0 - train_s:.0f}s)", flush=True)
        if mean > best:
            best = mean
            torch.save({"top": top.state_dict(), "frozen": args.frozen, "config": config, "tags": TAGS,
                        "window": args.window, "dev": {"epoch": epoch, **f, "mean": mean}, "args": vars(args)},
                       os.path.join(args.out, "best.pt"))
            print(f"saved best (mean {mean:.4f})", flush=True)


if __name__ == "__main__":
    main()
