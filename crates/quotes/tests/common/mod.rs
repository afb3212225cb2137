//! Builds test documents: segmentation and boilerplate by the real stages,
//! the entity layer by hand (every occurrence of each listed name, at
//! token boundaries), so the quotation rules can be tested without NER.
#![allow(dead_code)]

use newsgraph_doc::{
    Attribute, Doc, Entity, EntityId, EntityLabel, EntityLayer, Mention, MentionId, MentionKind,
    Meta, Quote, Span, Stage,
};
use newsgraph_quotes::tagger::{self, Tag};

/// A hand-written entity: its label, canonical name, the surfaces of its
/// name mentions, and attributes.
pub struct Ent<'a> {
    pub label: EntityLabel,
    pub canonical: &'a str,
    pub names: &'a [&'a str],
    pub attrs: &'a [(&'a str, &'a str)],
}

pub fn per<'a>(canonical: &'a str, names: &'a [&'a str]) -> Ent<'a> {
    Ent {
        label: EntityLabel::Person,
        canonical,
        names,
        attrs: &[],
    }
}

fn is_word_boundary(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    !before.is_some_and(char::is_alphanumeric)
}

/// Runs paragraphs, boilerplate and sentences, then sets the entity layer:
/// with `cluster` the entities are set (as the coref stage would),
/// without it only the mentions (as NER alone would).
pub fn doc_with(text: &str, ents: &[Ent], cluster: bool) -> Doc {
    let mut doc = Doc::new(text, Meta::default());
    newsgraph_segment::ParagraphStage.run(&mut doc).unwrap();
    newsgraph_boilerplate::BoilerplateStage
        .run(&mut doc)
        .unwrap();
    newsgraph_segment::SentenceStage.run(&mut doc).unwrap();
    let mut found: Vec<(Span, usize)> = Vec::new();
    for (e, ent) in ents.iter().enumerate() {
        // Longest surfaces first, so "Vladimir Putin" is not also "Putin".
        let mut names: Vec<&str> = ent.names.to_vec();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        for name in names {
            for (at, _) in text.match_indices(name) {
                let span = Span::new(at, at + name.len());
                let end_ok = !text[span.end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if !is_word_boundary(text, at) || !end_ok {
                    continue;
                }
                if found.iter().any(|(s, _)| s.overlaps(span)) {
                    continue;
                }
                found.push((span, e));
            }
        }
    }
    found.sort_by_key(|(s, _)| s.start);
    let mentions: Vec<Mention> = found
        .iter()
        .map(|(span, e)| Mention {
            span: *span,
            label: ents[*e].label,
            kind: MentionKind::Name,
            entity: cluster.then_some(EntityId(*e as u32)),
            score: None,
        })
        .collect();
    let entities = if cluster {
        ents.iter()
            .enumerate()
            .map(|(e, ent)| Entity {
                id: EntityId(e as u32),
                label: ent.label,
                canonical: ent.canonical.to_string(),
                mentions: found
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, x))| *x == e)
                    .map(|(m, _)| MentionId(m as u32))
                    .collect(),
                attributes: ent
                    .attrs
                    .iter()
                    .map(|(k, v)| Attribute {
                        key: k.to_string(),
                        value: v.to_string(),
                        span: Span::new(0, 0),
                    })
                    .collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    doc.set_entities(EntityLayer { mentions, entities })
        .unwrap();
    doc
}

/// Runs the quotation stage with its default configuration.
pub fn quotes(doc: &mut Doc) -> Vec<Quote> {
    newsgraph_quotes::QuoteStage::new().run(doc).unwrap();
    doc.quotes().unwrap().clone()
}

pub fn s(doc: &Doc, span: Option<Span>) -> Option<&str> {
    span.map(|s| doc.slice(s))
}

pub fn contents<'a>(doc: &'a Doc, q: &Quote) -> Vec<&'a str> {
    q.content.iter().map(|c| doc.slice(*c)).collect()
}

/// Tags for the tokens of the document's only unit, from (first word,
/// number of tokens, role) triples matched left to right (tests of the
/// tagger's decoding, which need hand-made tags rather than a model's).
pub fn hand_tags(doc: &Doc, spans: &[(&str, usize, usize)]) -> Vec<Vec<Tag>> {
    let units = tagger::document_units(doc).unwrap();
    assert_eq!(units.len(), 1);
    let toks = doc.tokens().unwrap();
    let words: Vec<&str> = units[0]
        .tokens
        .iter()
        .map(|&t| doc.slice(toks[t].span))
        .collect();
    let mut tags = vec![Tag::O; words.len()];
    let mut from = 0;
    for &(first, len, role) in spans {
        let at = from + words[from..].iter().position(|w| *w == first).unwrap();
        tags[at] = Tag::begin(role);
        for t in &mut tags[at + 1..at + len] {
            *t = Tag::inside(role);
        }
        from = at + len;
    }
    vec![tags]
}

/// The text of a token range of the document.
pub fn text_of(doc: &Doc, r: &std::ops::Range<usize>) -> String {
    let toks = doc.tokens().unwrap();
    doc.text()[toks[r.start].span.start..toks[r.end - 1].span.end].to_string()
}
