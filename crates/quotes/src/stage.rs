//! The quotation pipeline stage.

use crate::extract::extract;
use crate::speaker::{links_from, Resolver};
use crate::view::View;
use crate::Config;
use newsgraph_doc::{
    Diagnostic, Doc, EntityId, EntityLayer, Error, LayerKind, Mention, MentionKind, Span, Stage,
};

/// Finds quotations and their speakers and sets [`LayerKind::Quotes`].
///
/// Requires paragraphs, sentences, tokens and entities (so it runs after
/// NER and coref); reads boilerplate when a stage set it and skips those
/// paragraphs. Odd quotation marks (a mark never closed, a stray closing
/// mark) come back as warnings.
///
/// It also **refines the entities layer** it requires: the pronouns and
/// descriptions ("he", "the Indian leader") that speaker resolution ties to
/// an entity join that entity as `Pronoun`/`Nominal` mentions, so every
/// mention of a person is in one place. Unresolved ones are not added.
#[derive(Debug, Clone, Default)]
pub struct QuoteStage {
    pub config: Config,
}

impl QuoteStage {
    pub fn new() -> QuoteStage {
        QuoteStage::default()
    }

    pub fn with_config(config: Config) -> QuoteStage {
        QuoteStage { config }
    }
}

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [LayerKind] {
        &[
            LayerKind::Paragraphs,
            LayerKind::Sentences,
            LayerKind::Tokens,
            LayerKind::Entities,
        ]
    }
    fn assigns(&self) -> &'static [LayerKind] {
        &[LayerKind::Quotes]
    }
    fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, Error> {
        let (quotes, problems, links) = {
            let view = View::new(doc)?;
            let mut resolver = Resolver::new(&view, doc)?;
            let out = extract(&view, &mut resolver, &self.config);
            let links = links_from(&view, &mut resolver);
            (out.quotes, out.problems, links)
        };
        doc.set_quotes(quotes)?;
        let mut entities = doc.entities()?.clone();
        let sentences: Vec<_> = doc.sentences()?.iter().map(|s| s.span).collect();
        let mut added = false;
        for link in links {
            let Some(entity) = link.entity else { continue };
            if entities.mentions.iter().any(|m| m.span == link.span) {
                continue;
            }
            if link.kind == MentionKind::Pronoun
                && !pronoun_is_supported(
                    doc.slice(link.span),
                    link.span,
                    entity,
                    &entities,
                    &sentences,
                )
            {
                continue;
            }
            let label = entities.entities[entity.index()].label;
            let mention = Mention {
                span: link.span,
                label,
                kind: link.kind,
                entity: None,
                score: None,
            };
            newsgraph_coref::insert_mention(&mut entities, mention, Some(entity));
            added = true;
        }
        if added {
            doc.set_entities(entities)?;
        }
        Ok(problems
            .into_iter()
            .map(|p| Diagnostic::warning("quotes", p.message).at(p.at))
            .collect())
    }
}

/// Object pronouns: they cannot refer to the subject of their own clause
/// ("Mr Putin glanced at him" is not Putin).
const OBJECT_PRONOUNS: &[&str] = &["him", "her", "them"];

/// Whether a pronoun link is safe to add to the entity layer. Speaker
/// resolution may look several sentences back (a "he said" after a long
/// quotation); a pronoun elsewhere joins an entity only when the text
/// supports it closely:
/// - the entity is mentioned in the pronoun's sentence (before it) or in the
///   sentence before;
/// - an object pronoun does not take the nearest person mentioned before it
///   in its own sentence (approximately, binding principle B).
fn pronoun_is_supported(
    word: &str,
    span: Span,
    entity: EntityId,
    layer: &EntityLayer,
    sentences: &[Span],
) -> bool {
    let Some(here) = sentences.iter().position(|s| s.contains(span)) else {
        return false;
    };
    let window = Span::new(sentences[here.saturating_sub(1)].start, span.start);
    let in_window = |m: &&Mention| window.contains(m.span) && m.entity == Some(entity);
    if !layer.mentions.iter().any(|m| in_window(&m)) {
        return false;
    }
    if OBJECT_PRONOUNS.contains(&word.to_lowercase().as_str()) {
        let sentence_start = sentences[here].start;
        let nearest_person = layer
            .mentions
            .iter()
            .filter(|m| m.span.start >= sentence_start && m.span.end <= span.start)
            .rfind(|m| m.label == newsgraph_doc::EntityLabel::Person);
        if nearest_person.is_some_and(|m| m.entity == Some(entity)) {
            return false;
        }
    }
    true
}
