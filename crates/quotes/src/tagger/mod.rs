//! A learned span tagger for attribution: source, cue and content as BIO
//! tags over the tokens of each paragraph, from an averaged structured
//! perceptron over hashed features with Viterbi over valid BIO transitions
//! (the fast NER model's method; its encoder-based successor was not ready
//! in Rust when this was built).
//!
//! Trained on PolNeAR train and chosen on dev by `train-quotes`
//! (crates/quotes-train); the model is embedded from
//! `models/quotes-tagger/model.bin.zst` (see its MODEL_CARD.md).
//!
//! The tagger sees the rules' output as features ([`features`]), so it
//! learns where the rules are right and adds the attributions they miss
//! (beliefs, plans, paraphrase without a speech verb); [`crate::TaggerUse`]
//! says how its attributions combine with the rules'.

pub mod boundary;
pub mod decode;
pub mod features;
pub mod model;
pub mod tags;

pub use decode::{DecodeOptions, Tagged};
pub use features::Unit;
pub use model::Model;
pub use tags::Tag;

use std::sync::OnceLock;

const EMBEDDED_MODEL: &[u8] = include_bytes!("../../../../models/quotes-tagger/model.bin.zst");

/// The embedded model, read once. `None` when the embedded bytes do not
/// read (a placeholder file): the stage then runs the rules alone.
pub fn embedded() -> Option<&'static Model> {
    static M: OnceLock<Option<Model>> = OnceLock::new();
    M.get_or_init(|| Model::from_bytes(EMBEDDED_MODEL).ok())
        .as_ref()
}

/// Tags every unit.
pub fn tag_units(model: &Model, units: &[Unit]) -> Vec<Vec<Tag>> {
    units.iter().map(|u| model.tag(u)).collect()
}

/// The tagger's input units of a document that has paragraphs, sentences,
/// tokens and entities (the quotation stage's requirements). Token indices
/// in the units are indices into `doc.tokens()`.
pub fn document_units(doc: &newsgraph_doc::Doc) -> Result<Vec<Unit>, newsgraph_doc::Error> {
    let v = crate::view::View::new(doc)?;
    Ok(crate::extract::tagger_units(&v))
}

/// Decodes tags of [`document_units`] into attributions (token ranges
/// into `doc.tokens()`).
pub fn decode_document(
    doc: &newsgraph_doc::Doc,
    units: &[Unit],
    tags: &[Vec<Tag>],
    opt: DecodeOptions,
) -> Result<Vec<Tagged>, newsgraph_doc::Error> {
    let v = crate::view::View::new(doc)?;
    Ok(decode::attributions(&v, units, tags, opt))
}
