"""Fine-tune multilingual-e5-small for CoNLL-2003 NER (train on eng.train,
choose on eng.testa).

- Vocabulary pruned before training to the pieces that English news needs
  (pieces of every word of CoNLL train/dev and of the unlabelled news text
  under ../shared/data, plus the single-character pieces below U+3000 and the
  specials), so the word embeddings can be trained cheaply.
- Input windows: consecutive sentences of one document packed up to
  `--window` pieces (`<s>` ... `</s>`), every word labelled: the encoder
  sees the article around each sentence, at no extra cost per word.
- Labels: BIO (IOB2) over PER/ORG/LOC/MISC on each word's first piece;
  decoding is Viterbi over log-softmax scores with only valid transitions
  (an I-X follows a B-X or I-X).
- bf16 autocast on CPU (oneDNN uses AMX where the CPU has it).

Usage: python train.py --npz /work/scratch/e5.npz --data ../../../shared/data \
           --out /work/scratch/ner-enc --epochs 6
"""

import argparse
import glob
import math
import os
import random
import re
import time

import numpy as np
import torch
import torch.nn.functional as F

import bio
from bio import chunks
from model import Tagger, Tokenizer, load_npz

TYPES = ["PER", "ORG", "LOC", "MISC"]
TAGS = ["O"] + [f"{p}-{t}" for t in TYPES for p in ("B", "I")]
TAG_ID = {t: i for i, t in enumerate(TAGS)}


def read_conll(path):
    """Documents → sentences → (words, IOB2 tags)."""
    docs, doc, words, tags = [], [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if doc:
                docs.append(doc)
            doc = []
            continue
        if not line.strip():
            if words:
                doc.append((words, to_iob2(tags)))
            words, tags = [], []
            continue
        cols = line.split()
        words.append(cols[0])
        tags.append(cols[-1])
    if words:
        doc.append((words, to_iob2(tags)))
    if doc:
        docs.append(doc)
    return docs


def to_iob2(tags):
    out = []
    for t in tags:
        if t == "O":
            out.append(t)
            continue
        p, ty = t.split("-", 1)
        prev = out[-1] if out else "O"
        cont = p == "I" and prev != "O" and prev[2:] == ty
        out.append(("I-" if cont else "B-") + ty)
    return out


def news_words(data):
    """Words of the unlabelled news text under ../shared/data."""
    files = glob.glob(os.path.join(data, "polnear/*/text/*.txt"))
    files += glob.glob(os.path.join(data, "gum-news/**/*.conllu"), recursive=True)
    words = []
    for f in files:
        text = open(f, encoding="utf-8", errors="replace").read()
        words.extend(re.findall(r"\w+|[^\w\s]", text))
    return words


def prune(tok, words, unk):
    keep = {0, 1, 2, 3}
    for w in set(words):
        keep.update(tok.encode_word(w))
    for i, p in enumerate(tok.pieces):
        if len(p) == 1 and ord(p) < 0x3000:
            keep.add(i)
        if len(p) == 2 and p[0] == "\u2581" and ord(p[1]) < 0x3000:
            keep.add(i)
    keep = sorted(keep)
    pruned = Tokenizer([tok.pieces[i] for i in keep], [tok.scores[i] for i in keep], tok.norm, unk=keep.index(unk))
    return keep, pruned


def windows(docs, tok, size, bos, eos):
    """(ids, first-piece positions, tag ids) per window of packed sentences."""
    out = []
    for doc in docs:
        cur_ids, cur_first, cur_tags = [], [], []
        for words, tags in doc:
            pieces = [tok.encode_word(w) for w in words]
            n = sum(len(p) for p in pieces)
            if cur_ids and len(cur_ids) + n > size - 2:
                out.append(finish(cur_ids, cur_first, cur_tags, bos, eos))
                cur_ids, cur_first, cur_tags = [], [], []
            for p, t in zip(pieces, tags):
                if len(cur_ids) + len(p) > size - 2:
                    out.append(finish(cur_ids, cur_first, cur_tags, bos, eos))
                    cur_ids, cur_first, cur_tags = [], [], []
                cur_first.append(len(cur_ids) + 1)
                cur_tags.append(TAG_ID[t])
                cur_ids.extend(p)
        if cur_ids:
            out.append(finish(cur_ids, cur_first, cur_tags, bos, eos))
    return out


def finish(ids, first, tags, bos, eos):
    return ([bos] + ids + [eos], first, tags)


def batches(wins, bs, pad, shuffle):
    order = list(range(len(wins)))
    if shuffle:
        random.shuffle(order)
    for k in range(0, len(order), bs):
        group = [wins[i] for i in order[k : k + bs]]
        L = max(len(w[0]) for w in group)
        ids = torch.full((len(group), L), pad, dtype=torch.long)
        mask = torch.zeros((len(group), L), dtype=torch.bool)
        labels = torch.full((len(group), L), -100, dtype=torch.long)
        for b, (i, first, tags) in enumerate(group):
            ids[b, : len(i)] = torch.tensor(i)
            mask[b, : len(i)] = True
            labels[b, first] = torch.tensor(tags)
        yield ids, mask, labels, group


ALLOWED, START = bio.allowed(TAGS)


def viterbi(logp):
    """Best tag path over (n, tags) log-probabilities with valid BIO moves."""
    return bio.viterbi(logp, ALLOWED, START)


def evaluate(model, wins, docs, pad):
    model.eval()
    pred_tags = []
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        for ids, mask, _, group in batches(wins, 16, pad, False):
            logits = model(ids, mask).float()
            logp = F.log_softmax(logits, -1).numpy()
            for b, (_, first, _) in enumerate(group):
                pred_tags.extend(TAGS[t] for t in viterbi(logp[b, first]))
    tp = fp = fn = 0
    k = 0
    for doc in docs:
        for words, gold in doc:
            pred = pred_tags[k : k + len(words)]
            k += len(words)
            g, p = chunks(gold), chunks(pred)
            tp += len(g & p)
            fp += len(p - g)
            fn += len(g - p)
    prec = tp / max(tp + fp, 1)
    rec = tp / max(tp + fn, 1)
    f1 = 2 * prec * rec / max(prec + rec, 1e-9)
    model.train()
    return prec, rec, f1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--npz", default="/work/scratch/e5.npz")
    ap.add_argument("--data", default="../../../shared/data")
    ap.add_argument("--out", default="/work/scratch/ner-enc")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--window", type=int, default=256)
    ap.add_argument("--layers", type=int, default=None, help="keep only the first N layers")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-steps", type=int, default=0, help="stop early (timing runs)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)

    config, tensors, full_tok = load_npz(args.npz)
    conll = os.path.join(args.data, "conll2003")
    train_docs = read_conll(os.path.join(conll, "eng.train"))
    dev_docs = read_conll(os.path.join(conll, "eng.testa"))
    t0 = time.time()
    words = [w for d in train_docs + dev_docs for s in d for w in s[0]] + news_words(args.data)
    keep, tok = prune(full_tok, words, config["unk"])
    print(f"vocabulary pruned to {len(keep)} pieces ({time.time() - t0:.0f}s)", flush=True)
    bos, eos, pad = keep.index(config["bos"]), keep.index(config["eos"]), keep.index(config["pad"])

    model = Tagger(config, len(keep), len(TAGS), layers=args.layers)
    model.encoder.load(tensors, keep)
    del tensors
    train_w = windows(train_docs, tok, args.window, bos, eos)
    dev_w = windows(dev_docs, tok, args.window, bos, eos)
    n_pieces = sum(len(w[0]) for w in train_w)
    print(f"train: {len(train_w)} windows, {n_pieces} pieces; dev: {len(dev_w)} windows", flush=True)

    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if not n.startswith("head.")]
    opt = torch.optim.AdamW(
        [{"params": body, "lr": args.lr}, {"params": head, "lr": args.head_lr}], weight_decay=0.01
    )
    steps_per_epoch = math.ceil(len(train_w) / args.batch)
    total = steps_per_epoch * args.epochs
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    best = -1.0
    step = 0
    for epoch in range(1, args.epochs + 1):
        t0 = time.time()
        loss_sum = 0.0
        for ids, mask, labels, _ in batches(train_w, args.batch, pad, True):
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = model(ids, mask)
            loss = F.cross_entropy(logits.float().view(-1, len(TAGS)), labels.view(-1), ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            loss_sum += loss.item()
            if step % 50 == 0:
                el = time.time() - t0
                print(f"epoch {epoch} step {step} loss {loss_sum / 50:.4f} {el:.0f}s", flush=True)
                loss_sum = 0.0
            if args.max_steps and step >= args.max_steps:
                print(f"{step} steps in {time.time() - t0:.1f}s", flush=True)
                return
        train_s = time.time() - t0
        p, r, f1 = evaluate(model, dev_w, dev_docs, pad)
        print(
            f"epoch {epoch}: train {train_s:.0f}s, dev P {p:.4f} R {r:.4f} F1 {f1:.4f} "
            f"(eval {time.time() - t0 - train_s:.0f}s)",
            flush=True,
        )
        if f1 > best:
            best = f1
            torch.save(
                {
                    "model": model.state_dict(),
                    "config": dict(config, NL=args.layers or config["NL"]),
                    "pieces": tok.pieces,
                    "scores": tok.scores,
                    "norm": tok.norm,
                    "unk": tok.unk,
                    "bos": bos,
                    "eos": eos,
                    "pad": pad,
                    "tags": TAGS,
                    "dev": {"precision": p, "recall": r, "f1": f1, "epoch": epoch},
                    "args": vars(args),
                },
                os.path.join(args.out, "best.pt"),
            )
            print(f"saved best (F1 {f1:.4f})", flush=True)


if __name__ == "__main__":
    main()
