//! Named entities, fast mode: a pure-Rust sequence tagger.
//!
//! Key decision: an **averaged structured perceptron over hashed features**
//! with Viterbi decoding restricted to valid BIO transitions, rather than a
//! neural model. Features (word, shape, affixes, context, a gazetteer and
//! word clusters kept inside the model, and document-level evidence about
//! how the same word is written elsewhere in the article) are hashed into a
//! fixed table of weight rows, so the model is one small array (quantised to
//! i16, zstd-compressed, embedded in the binary) and tagging costs a few
//! dozen table reads per token: hundreds of thousands of words per second on
//! one core, no runtime dependencies, no files beside the binary. A second
//! stage, stacked on the first stage's labels for the same words across the
//! article, makes labels consistent within a document (see [`Model`] and
//! `models/ner-fast/MODEL_CARD.md`).
//!
//! - [`features`]: feature extraction (shared by training and tagging).
//! - [`model`]: the weights, their file format, Viterbi decoding.
//! - [`tags`]: BIO tags over PER, ORG, LOC, MISC.
//! - [`demonyms`]: the demonym table that turns MISC "Russian" into
//!   [`newsgraph_doc::EntityLabel::Demonym`].
//! - [`NerStage`]: the pipeline stage (tokens + sentences → entity mentions).
//!
//! Training lives apart, in `crates/ner-train` (`train-ner`).

pub mod demonyms;
pub mod features;
pub mod model;
pub mod tags;
pub mod titles;

pub use model::{Model, ModelError, Tagged};
mod stage;

pub use stage::{
    drop_unsupported_headline_mentions, is_headline_case, mentions_from_tags,
    set_entities_from_tagger, NerStage, HEADLINE_CAPITALISED_SHARE, HEADLINE_FUNCTION_WORDS,
    HEADLINE_MIN_LONG_WORDS, SKIPPED_BOILERPLATE, TITLE_RULES,
};

use std::sync::OnceLock;

/// The trained model file, embedded so the product needs no files beside
/// the binary (see `models/ner-fast/MODEL_CARD.md`).
const EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/ner-fast/model.bin.zst");

/// The embedded model, decoded on first use.
pub fn embedded() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::from_bytes(EMBEDDED_MODEL)
            .expect("the embedded NER model is valid (checked by tests)")
    })
}

/// Tags a document given as sentences of tokens with the embedded model.
pub fn tag_document(doc: &[Vec<&str>]) -> Vec<Vec<Tagged>> {
    embedded().tag_document(doc)
}
