//! The accurate NER pipeline stage.

use crate::Model;
use newsgraph_doc::{Diagnostic, Doc, EntityLabel, EntityLayer, Error, LayerKind, Span, Stage};
use newsgraph_ner::{drop_unsupported_headline_mentions, mentions_from_tags, SKIPPED_BOILERPLATE};

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
        let text = doc.text();
        let tokens = doc.tokens()?;
        let mut sent_tokens: Vec<Vec<Span>> = Vec::new();
        let mut t = 0;
        for s in doc.sentences()? {
            while t < tokens.len() && tokens[t].span.start < s.span.start {
                t += 1;
            }
            let mut spans = Vec::new();
            while t < tokens.len() && tokens[t].span.end <= s.span.end {
                spans.push(tokens[t].span);
                t += 1;
            }
            if !spans.is_empty() {
                sent_tokens.push(spans);
            }
        }
        let strs: Vec<Vec<&str>> = sent_tokens
            .iter()
            .map(|s| s.iter().map(|sp| &text[sp.start..sp.end]).collect())
            .collect();
        let tagged = self.model.tag_document(&strs);
        let mut mentions = mentions_from_tags(text, &sent_tokens, &tagged);
        let headline_line = match (doc.sentences()?.first(), doc.paragraphs()) {
            (Some(s), Ok(paras)) => {
                paras.len() > 1 && paras.first().is_some_and(|p| p.span == s.span)
            }
            _ => false,
        };
        drop_unsupported_headline_mentions(text, &sent_tokens, headline_line, &mut mentions);
        for m in &mut mentions {
            if demonym_tagged_as_place(&text[m.span.start..m.span.end], m.label) {
                m.label = EntityLabel::Demonym;
            }
        }
        if doc.has(LayerKind::Boilerplate) {
            let skipped: Vec<Span> = doc
                .boilerplate()?
                .iter()
                .filter(|b| SKIPPED_BOILERPLATE.contains(&b.kind))
                .map(|b| b.span)
                .collect();
            mentions.retain(|m| !skipped.iter().any(|s| s.contains(m.span)));
        }
        doc.set_entities(EntityLayer {
            mentions,
            entities: Vec::new(),
        })?;
        Ok(Vec::new())
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
