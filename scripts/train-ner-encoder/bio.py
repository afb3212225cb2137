"""BIO tag helpers shared by the NER and quotation encoder trainers:
valid transitions, Viterbi decoding, and spans (chunks) of a tag sequence."""

import numpy as np


def allowed(tags):
    """(prev → next allowed, allowed at start) for BIO tag names: an I-X
    follows only a B-X or I-X."""
    a = np.ones((len(tags), len(tags)), dtype=bool)
    start = np.ones(len(tags), dtype=bool)
    for j, t in enumerate(tags):
        if t.startswith("I-"):
            start[j] = False
            for i, p in enumerate(tags):
                a[i, j] = p != "O" and p[2:] == t[2:]
    return a, start


def viterbi(logp, allowed_moves, start):
    """Best tag path over (n, tags) log-probabilities with valid BIO moves."""
    n, _ = logp.shape
    if n == 0:
        return []
    trans = np.where(allowed_moves, 0.0, -1e9)
    score = logp[0] + np.where(start, 0.0, -1e9)
    back = np.zeros(logp.shape, dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = cand.argmax(0)
        score = cand.max(0) + logp[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i][path[-1]]))
    return path[::-1]


def chunks(tags):
    """Spans (start, end, type) of a BIO tag-name sequence."""
    out, start, ty = set(), None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t.startswith("I-") and ty == t[2:]:
            continue
        if ty is not None:
            out.add((start, i, ty))
            start, ty = None, None
        if t != "O":
            start, ty = i, t[2:]
    return out
