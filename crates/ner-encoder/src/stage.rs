//! The accurate NER pipeline stage.

use crate::Model;
use newsgraph_doc::{Diagnostic, Doc, EntityLabel, Error, LayerKind, Stage};
use newsgraph_ner::set_entities_from_tagger;

/// The encoder, reading "the Uzbek city of Samarkand" with its document
/// context, sometimes tags the adjective as a place. A one-word place
/// mention that is in the demonym table (and is not a country name itself)
/// is a demonym, as the fast stage's MISC rule would make it.
pub fn demonym_tagged_as_place(surface: &str, label: EntityLabel) -> bool {
    label == EntityLabel::Location
        && !surface.contains(' ')
        && newsgraph_ner::demonyms::country_of(surface).is_some_and(|c| c != surface)
}

/// Tags each sentence's tokens with the accurate (encoder) model and sets
/// [`LayerKind::Entities`] exactly as `newsgraph_ner::NerStage` does: one
/// name mention per chunk, titles kept out of spans, demonyms marked,
/// headline-case mentions kept only with support from the body, names in
/// skipped boilerplate dropped. Only the tagger differs.
pub struct AccurateNerStage {
    model: &'static Model,
}

impl AccurateNerStage {
    /// The stage with the model embedded in the binary (decoded on first
    /// use, about a quarter of a second).
    pub fn new() -> AccurateNerStage {
        AccurateNerStage {
            model: crate::embedded(),
        }
    }

    /// The stage with another model (tests, experiments).
    pub fn with_model(model: &'static Model) -> AccurateNerStage {
        AccurateNerStage { model }
    }
}

impl Default for AccurateNerStage {
    fn default() -> Self {
        AccurateNerStage::new()
    }
}

impl Stage for AccurateNerStage {
    fn name(&self) -> &'static str {
        "ner-accurate"
    }
    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Sentences, LayerKind::Tokens]
    }
    fn assigns(&self) -> &'static [LayerKind] {
        &[LayerKind::Entities]
    }
    fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, Error> {
        set_entities_from_tagger(
            doc,
            |sents| self.model.tag_document(sents),
            |text, m| {
                if demonym_tagged_as_place(&text[m.span.start..m.span.end], m.label) {
                    m.label = EntityLabel::Demonym;
                }
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_word_demonyms_tagged_as_places_are_relabelled() {
        assert!(demonym_tagged_as_place("Uzbek", EntityLabel::Location));
        assert!(!demonym_tagged_as_place("Russia", EntityLabel::Location));
        assert!(!demonym_tagged_as_place("Uzbek", EntityLabel::Person));
        assert!(!demonym_tagged_as_place("New Delhi", EntityLabel::Location));
    }
}
