//! The encoder span tagger: source, cue and content as BIO tags from the
//! accurate NER model's encoder, retrained.
//!
//! The issue asks for a span tagger "on the same encoder as the entities
//! model". `scripts/train-quotes-encoder` keeps the embeddings (and the
//! bottom `frozen` layers its config names, none in the shipped model) of
//! `models/ner-accurate` frozen and retrains the layers above plus a 7-tag
//! head on PolNeAR train; `models/quotes-encoder` ships only the retrained
//! ("top") layers. Here the two are joined into one safetensors buffer (the NER
//! file's embeddings and bottom layers, this model's top layers and head)
//! and built with [`newsgraph_ner_encoder::Encoder`], the NER crate's public
//! encoder, so the forward pass is the one the entities model runs.
//!
//! Input and decoding repeat the training script's:
//! - the units are the perceptron tagger's (one per paragraph, token
//!   indices into the document's tokens); each token is tokenised on its own
//!   and labelled on its first piece;
//! - consecutive units are packed into windows of up to `window` pieces
//!   ([`pack`]); a unit longer than a window is split between words;
//! - each unit's tags are the Viterbi path over the per-word log-softmax
//!   scores with valid BIO moves only ([`viterbi`]), then
//!   [`crate::tagger::decode`] turns them into attributions as it does for
//!   the perceptron's tags.

use crate::tagger::tags::{Tag, N_TAGS};
use newsgraph_ner_encoder::{Encoder, LoadError, Tokenizer, TokenizerFile};
use serde::Deserialize;
use std::io::Read;
use std::sync::OnceLock;

/// Windows run through the encoder together (padded to the longest).
pub const BATCH_WINDOWS: usize = 8;

/// The NER model whose embeddings, bottom layers and tokenizer are reused
/// (the NER crate's embedded bytes, so the binary holds them once).
const NER_WEIGHTS: &[u8] = newsgraph_ner_encoder::EMBEDDED_WEIGHTS;
const NER_TOKENIZER: &[u8] = newsgraph_ner_encoder::EMBEDDED_TOKENIZER;
/// This model's top layers and tag head, and its settings.
const TOP_WEIGHTS: &[u8] = include_bytes!("../../../models/quotes-encoder/top.safetensors.zst");
const CONFIG: &[u8] = include_bytes!("../../../models/quotes-encoder/config.json");

/// What `config.json` (written by `export.py`) holds that inference needs.
#[derive(Debug, Deserialize)]
pub struct ModelConfig {
    /// Layers taken from the NER model (0 .. frozen).
    pub frozen: usize,
    /// Layers in all.
    pub layers: usize,
    pub heads: usize,
    pub eps: f64,
    /// Tag names in output order; must be [`Tag`]'s.
    pub tags: Vec<String>,
    /// Pieces per window, `<s>` and `</s>` included.
    pub window: usize,
}

/// The tagger: tokenizer, encoder and window settings.
pub struct EncoderTagger {
    tokenizer: Tokenizer,
    encoder: Encoder,
    bos: u32,
    eos: u32,
    pad: u32,
    window: usize,
}

/// Windows are packed as the NER encoder packs them (`train.py`'s
/// `windows`), with paragraphs as units.
pub use newsgraph_ner_encoder::{pack, Window};

fn unzstd(bytes: &[u8]) -> Result<Vec<u8>, LoadError> {
    let mut out = Vec::new();
    zstd::stream::read::Decoder::new(bytes)?.read_to_end(&mut out)?;
    Ok(out)
}

/// The layer index of a tensor name (`l10.q.w.q` → 10).
fn layer_of(name: &str) -> Option<usize> {
    let rest = name.strip_prefix('l')?;
    rest.split('.').next()?.parse().ok()
}

fn st_error(e: safetensors::SafeTensorError) -> LoadError {
    LoadError::Missing(format!("safetensors: {e}"))
}

impl EncoderTagger {
    /// Builds the tagger from the NER model's files and this model's top
    /// layers and config.
    pub fn from_bytes(
        ner_weights_zst: &[u8],
        ner_tokenizer_zst: &[u8],
        top_zst: &[u8],
        config_json: &[u8],
    ) -> Result<EncoderTagger, LoadError> {
        let cfg: ModelConfig = serde_json::from_slice(config_json)?;
        let names: Vec<String> = Tag::all().map(Tag::name).collect();
        if cfg.tags != names {
            return Err(LoadError::Missing(format!(
                "tag list {:?} (expected {names:?})",
                cfg.tags
            )));
        }
        let file: TokenizerFile = serde_json::from_slice(&unzstd(ner_tokenizer_zst)?)?;
        let ner = unzstd(ner_weights_zst)?;
        let top = unzstd(top_zst)?;
        let ner = safetensors::SafeTensors::deserialize(&ner).map_err(st_error)?;
        let top = safetensors::SafeTensors::deserialize(&top).map_err(st_error)?;
        // The NER file's embeddings and bottom layers, then ours.
        let replaced =
            |n: &str| n.starts_with("head.") || layer_of(n).is_some_and(|l| l >= cfg.frozen);
        let mut views: Vec<(String, safetensors::tensor::TensorView<'_>)> = ner
            .tensors()
            .into_iter()
            .filter(|(n, _)| !replaced(n))
            .collect();
        views.extend(top.tensors());
        let joined = safetensors::serialize(views, None).map_err(st_error)?;
        let encoder = Encoder::from_safetensors(&joined, cfg.layers, cfg.heads, cfg.eps)?;
        Ok(EncoderTagger {
            tokenizer: Tokenizer::new(&file),
            encoder,
            bos: file.bos,
            eos: file.eos,
            pad: file.pad,
            window: cfg.window.max(8),
        })
    }

    /// Tags every unit given as its words: one tag per word.
    pub fn tag(&self, units: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let windows = pack(
            units,
            |w| self.tokenizer.encode_word(w),
            self.window,
            self.bos,
            self.eos,
        );
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&i| windows[i].ids.len());
        let mut scores: Vec<Vec<[f32; N_TAGS]>> = units
            .iter()
            .map(|u| vec![[0f32; N_TAGS]; u.len()])
            .collect();
        for group in order.chunks(BATCH_WINDOWS) {
            let ids: Vec<Vec<u32>> = group.iter().map(|&i| windows[i].ids.clone()).collect();
            let logp = self
                .encoder
                .log_probs(&ids, self.pad)
                .expect("encoder shapes are consistent (checked at load)");
            for (&i, rows) in group.iter().zip(logp) {
                for &(u, w, at) in &windows[i].words {
                    scores[u][w].copy_from_slice(&rows[at][..N_TAGS]);
                }
            }
        }
        scores.iter().map(|s| viterbi(s)).collect()
    }
}

/// Best tag sequence for one unit's per-word log-probabilities, allowing
/// only valid BIO transitions ([`Tag::allows`]); the search is the NER
/// encoder's ([`newsgraph_ner_encoder::viterbi_path`]).
pub fn viterbi(logp: &[[f32; N_TAGS]]) -> Vec<Tag> {
    newsgraph_ner_encoder::viterbi_path(logp, |p, t| {
        Tag::allows(p.map(|p| Tag(p as u8)), Tag(t as u8))
    })
    .into_iter()
    .map(|t| Tag(t as u8))
    .collect()
}

/// Environment variable naming a directory with another export of this
/// model (`top.safetensors.zst`, `config.json`), read instead of the
/// embedded one: lets `newsgraph-eval quotes --model encoder` compare
/// training checkpoints without rebuilding the binary (the embedded model
/// is compiled in, so each rebuild relinks everything that uses it).
pub const MODEL_DIR_VAR: &str = "NEWSGRAPH_QUOTES_ENCODER";

/// A model's `top.safetensors.zst` and `config.json` bytes.
type ModelFiles = (Vec<u8>, Vec<u8>);

/// The top layers and config from [`MODEL_DIR_VAR`]'s directory.
fn files_from_env() -> Option<std::io::Result<ModelFiles>> {
    let dir = std::path::PathBuf::from(std::env::var_os(MODEL_DIR_VAR)?);
    let read = || {
        Ok((
            std::fs::read(dir.join("top.safetensors.zst"))?,
            std::fs::read(dir.join("config.json"))?,
        ))
    };
    Some(read())
}

/// The embedded tagger (or the one [`MODEL_DIR_VAR`] names), built on
/// first use. `None` when the files do not load (the stage then falls back
/// to the perceptron tagger; a model named by the variable that does not
/// load is reported on stderr, since that is a developer's mistake).
pub fn embedded() -> Option<&'static EncoderTagger> {
    static M: OnceLock<Option<EncoderTagger>> = OnceLock::new();
    M.get_or_init(|| match files_from_env() {
        None => EncoderTagger::from_bytes(NER_WEIGHTS, NER_TOKENIZER, TOP_WEIGHTS, CONFIG).ok(),
        Some(files) => {
            let loaded = files.map_err(LoadError::from).and_then(|(top, config)| {
                EncoderTagger::from_bytes(NER_WEIGHTS, NER_TOKENIZER, &top, &config)
            });
            loaded
                .inspect_err(|e| eprintln!("{MODEL_DIR_VAR}: the model does not load: {e}"))
                .ok()
        }
    })
    .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::tags::{CONTENT, CUE, SOURCE};

    /// Log-probabilities that put `p` on tag `best` and share the rest.
    fn row(best: Tag, p: f32) -> [f32; N_TAGS] {
        let mut r = [((1.0 - p) / (N_TAGS - 1) as f32).ln(); N_TAGS];
        r[best.index()] = p.ln();
        r
    }

    #[test]
    fn viterbi_repairs_an_inside_tag_without_its_begin() {
        // Per word the model prefers: B-SOURCE, B-CUE, I-CONTENT (no B),
        // I-CONTENT. The path must open the content with a B.
        let logp = [
            row(Tag::begin(SOURCE), 0.9),
            row(Tag::begin(CUE), 0.9),
            row(Tag::inside(CONTENT), 0.5),
            row(Tag::inside(CONTENT), 0.9),
        ];
        let tags = viterbi(&logp);
        assert_eq!(tags[0], Tag::begin(SOURCE));
        assert_eq!(tags[1], Tag::begin(CUE));
        assert!(
            tags[2] == Tag::begin(CONTENT) || tags[2] == Tag::O,
            "{tags:?}"
        );
        for pair in tags.windows(2) {
            assert!(Tag::allows(Some(pair[0]), pair[1]), "{tags:?}");
        }
        assert!(Tag::allows(None, tags[0]));
    }

    #[test]
    fn viterbi_keeps_the_best_tags_when_they_are_valid() {
        let want = [
            Tag::begin(CONTENT),
            Tag::inside(CONTENT),
            Tag::O,
            Tag::begin(SOURCE),
            Tag::begin(CUE),
        ];
        let logp: Vec<_> = want.iter().map(|&t| row(t, 0.8)).collect();
        assert_eq!(viterbi(&logp), want);
        assert!(viterbi(&[]).is_empty());
    }

    /// A toy tokenizer: one piece per 3 bytes of the word.
    fn toy(word: &str) -> Vec<u32> {
        (0..word.len().div_ceil(3)).map(|i| 10 + i as u32).collect()
    }

    #[test]
    fn pack_keeps_units_whole_when_they_fit_and_splits_long_ones() {
        let units: Vec<Vec<&str>> = vec![
            vec!["He", "said", "so"],           // 4 pieces
            vec!["abcdef", "ghi"],              // 3 pieces
            vec!["x", "y", "z", "w", "v", "u"], // 6 pieces: longer than a window
        ];
        // Room for 4 pieces between <s> and </s>.
        let w = pack(&units, toy, 6, 1, 2);
        let layout: Vec<Vec<(usize, usize)>> = w
            .iter()
            .map(|w| w.words.iter().map(|&(u, i, _)| (u, i)).collect())
            .collect();
        assert_eq!(
            layout,
            vec![
                vec![(0, 0), (0, 1), (0, 2)],
                vec![(1, 0), (1, 1)],
                vec![(2, 0), (2, 1), (2, 2), (2, 3)],
                vec![(2, 4), (2, 5)],
            ]
        );
        for win in &w {
            assert_eq!(win.ids.first(), Some(&1));
            assert_eq!(win.ids.last(), Some(&2));
            assert!(win.ids.len() <= 6);
            // Each word's position is its first piece.
            for &(_, _, at) in &win.words {
                assert!(win.ids[at] >= 10);
            }
        }
        // "abcdef" is two pieces: "ghi" starts after both.
        assert_eq!(w[1].words[1].2, 3);
    }

    /// The one end-to-end test: the embedded files join into a working
    /// encoder and every word of every unit gets a tag.
    #[test]
    fn embedded_model_tags_every_word() {
        let m = embedded().expect("the embedded quotation encoder loads");
        let units: Vec<Vec<&str>> = vec![
            "“ We will win , ” the president said on Tuesday ."
                .split(' ')
                .collect(),
            vec![],
            "Smith told reporters that the plan would fail ."
                .split(' ')
                .collect(),
        ];
        let tags = m.tag(&units);
        assert_eq!(tags.len(), 3);
        for (u, t) in units.iter().zip(&tags) {
            assert_eq!(u.len(), t.len());
            let mut prev = None;
            for &x in t {
                assert!(Tag::allows(prev, x), "{t:?}");
                prev = Some(x);
            }
        }
    }

    #[test]
    fn tensor_names_give_their_layer() {
        assert_eq!(layer_of("l10.q.w.q"), Some(10));
        assert_eq!(layer_of("l0.aln.b"), Some(0));
        assert_eq!(layer_of("word.q"), None);
        assert_eq!(layer_of("head.w"), None);
    }
}
