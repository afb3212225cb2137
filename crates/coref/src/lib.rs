//! Entity clustering within one article: which name mentions are the same
//! person, place or organisation.
//!
//! Key decision: **deterministic, name-driven rules, longest name first**
//! (in the spirit of the high-precision sieves of Stanford's multi-pass
//! coreference system), not a trained model. Within one news article the
//! fullest name of a person comes first and is then shortened ("Vladimir
//! Putin" … "Mr Putin" … "Putin"); matching shorter names against the
//! clusters that the longer names founded is precise and needs no training
//! data. Each rule is a named function in [`NAME_RULES`], tried in order:
//! 1. `same-name`: the same words (any case) as a mention already placed;
//! 2. `surname`: a person's trailing name words ("Putin", "Narendra Modi"
//!    → "Modi"), joining the most mentioned cluster when several fit (then
//!    the nearest earlier one);
//! 3. `acronym`: an all-caps word spelling the initials of an organisation.
//!
//! Afterwards each cluster gets one type (the majority of its mentions; a
//! title makes it a person): document-level type consistency. Titles,
//! premodifying roles and appositives become [`Attribute`]s: "Indian prime
//! minister Narendra Modi" gives `role=prime minister`,
//! `nationality=Indian`; "President Putin" gives `title=President`.
//! Titles are outside mention spans (the NER stage's convention, CoNLL's).
//! A demonym entity ("Uzbek") gets `country=Uzbekistan` from the demonym
//! table, for the places stage and for readers.
//!
//! Only [`MentionKind::Name`] mentions are clustered here; pronoun and
//! nominal mentions ("he", "the Russian president") keep whatever entity
//! they carry, so a later resolver can add them to the entities built here
//! with [`insert_mention`], which keeps mention ids and entity lists in
//! step.

use newsgraph_doc::{
    Attribute, Diagnostic, Doc, Entity, EntityId, EntityLabel, EntityLayer, Error, LayerKind,
    Mention, MentionId, MentionKind, Span, Stage, Token,
};
use newsgraph_ner::titles::{self, TitleMatch};
use std::collections::HashMap;

/// Clusters the name mentions of the entity layer into entities.
///
/// Requires Entities, Sentences and Tokens, and **refines the Entities
/// layer in place** (`doc.set_entities`): it sets `Mention::entity`, makes
/// each entity's mentions share one label, and fills `EntityLayer::entities`.
/// It assigns no layer of its own.
#[derive(Debug, Clone, Copy, Default)]
pub struct CorefStage;

impl Stage for CorefStage {
    fn name(&self) -> &'static str {
        "coref"
    }
    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Entities, LayerKind::Sentences, LayerKind::Tokens]
    }
    fn assigns(&self) -> &'static [LayerKind] {
        &[]
    }
    fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, Error> {
        let layer = cluster(doc.text(), doc.tokens()?, doc.entities()?.clone());
        doc.set_entities(layer)?;
        Ok(Vec::new())
    }
}

/// A rule that picks an existing cluster for a mention, or `None`.
pub type NameRule = fn(&Ctx, &Cand) -> Option<usize>;

/// The name-matching rules, in the order they are tried.
pub const NAME_RULES: &[(&str, NameRule)] = &[
    ("same-name", same_name),
    ("surname", surname),
    ("acronym", acronym),
];

/// Words that may follow the role of an appositive (", the chief engineer
/// of the Environment Agency,"): the role ends there.
pub const APPOSITIVE_END: &[&str] = &[",", ".", ")", ";", "of", "at", "for", "with", "in", "on"];

/// Words that do not count towards an organisation's acronym.
pub const ACRONYM_SKIP: &[&str] = &["of", "the", "and", "for", "de", "&"];

/// A mention being placed.
pub struct Cand {
    idx: usize,
    label: EntityLabel,
    /// Normalised words (typographic quotes straightened).
    words: Vec<String>,
    /// Preceded by a capitalised title ("Mr", "President").
    titled: bool,
}

/// A cluster under construction.
struct Cluster {
    /// The words of its longest mention.
    name: Vec<String>,
    /// That mention's index.
    founder: usize,
    label: EntityLabel,
    mentions: Vec<usize>,
    keys: Vec<String>,
}

/// What the rules see.
pub struct Ctx<'a> {
    clusters: &'a [Cluster],
    mentions: &'a [Mention],
}

fn key(words: &[String]) -> String {
    words.join(" ").to_lowercase()
}

fn same_name(ctx: &Ctx, c: &Cand) -> Option<usize> {
    let k = key(&c.words);
    let demonym = c.label == EntityLabel::Demonym;
    nearest(ctx, c, |cl| {
        (cl.label == EntityLabel::Demonym) == demonym && cl.keys.contains(&k)
    })
}

fn surname(ctx: &Ctx, c: &Cand) -> Option<usize> {
    if c.label != EntityLabel::Person && !c.titled {
        return None;
    }
    nearest(ctx, c, |cl| {
        cl.label == EntityLabel::Person
            && cl.name.len() > c.words.len()
            && cl.name[cl.name.len() - c.words.len()..] == c.words[..]
    })
}

fn acronym(ctx: &Ctx, c: &Cand) -> Option<usize> {
    let [word] = &c.words[..] else { return None };
    if word.chars().count() < 2 || !word.chars().all(|ch| ch.is_uppercase() || ch == '.') {
        return None;
    }
    let letters: String = word.chars().filter(|ch| *ch != '.').collect();
    nearest(ctx, c, |cl| {
        cl.label == EntityLabel::Organization && cl.name.len() >= 2 && {
            let initials: String = cl
                .name
                .iter()
                .filter(|w| !ACRONYM_SKIP.contains(&w.to_lowercase().as_str()))
                .filter_map(|w| w.chars().next())
                .collect();
            initials == letters
        }
    })
}

/// Among clusters satisfying `fits`, the most salient (most mentions placed
/// so far: the article's main "Clinton" rather than a passing one), then the
/// one with a mention closest before the candidate, then closest after it.
fn nearest(ctx: &Ctx, c: &Cand, fits: impl Fn(&Cluster) -> bool) -> Option<usize> {
    let at = ctx.mentions[c.idx].span.start;
    // (size, before, distance, cluster)
    let mut best: Option<(usize, bool, usize, usize)> = None;
    for (ci, cl) in ctx.clusters.iter().enumerate() {
        if !fits(cl) {
            continue;
        }
        let size = cl.mentions.len();
        for &m in &cl.mentions {
            let s = ctx.mentions[m].span.start;
            let cand = if s <= at {
                (size, true, at - s, ci)
            } else {
                (size, false, s - at, ci)
            };
            let better = match best {
                None => true,
                Some((n, b, d, _)) => {
                    cand.0 > n || (cand.0 == n && ((cand.1 && !b) || (cand.1 == b && cand.2 < d)))
                }
            };
            if better {
                best = Some(cand);
            }
        }
    }
    best.map(|(_, _, _, ci)| ci)
}

/// Index of the first token starting at or after `offset`.
fn token_at(tokens: &[Token], offset: usize) -> usize {
    tokens.partition_point(|t| t.span.start < offset)
}

fn words_of(text: &str, tokens: &[Token], span: Span) -> Vec<String> {
    let (a, b) = (token_at(tokens, span.start), token_at(tokens, span.end));
    tokens[a..b]
        .iter()
        .map(|t| newsgraph_ner::features::normalise(&text[t.span.start..t.span.end]))
        .collect()
}

/// A title or role found next to a mention, with its span.
fn title_before(text: &str, tokens: &[Token], span: Span) -> Option<(TitleMatch, Span)> {
    let end = token_at(tokens, span.start);
    let start = end.saturating_sub(3);
    // Stay in the same line: a title never crosses a paragraph break.
    let prev: Vec<&str> = tokens[start..end]
        .iter()
        .map(|t| &text[t.span.start..t.span.end])
        .collect();
    let m = titles::title_before(&prev)?;
    let first = &tokens[end - m.len];
    let gap = &text[tokens[end - 1].span.end..span.start];
    if gap.contains('\n') || text[first.span.start..tokens[end - 1].span.end].contains('\n') {
        return None;
    }
    Some((m, first.span.cover(tokens[end - 1].span)))
}

/// Clusters the name mentions of `layer` (see the crate docs).
pub fn cluster(text: &str, tokens: &[Token], layer: EntityLayer) -> EntityLayer {
    let mut mentions = layer.mentions;
    let titled: Vec<Option<(TitleMatch, Span)>> = mentions
        .iter()
        .map(|m| title_before(text, tokens, m.span))
        .collect();
    let mut order: Vec<Cand> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == MentionKind::Name)
        .map(|(i, m)| Cand {
            idx: i,
            label: m.label,
            words: words_of(text, tokens, m.span),
            titled: titled[i].is_some_and(|(t, _)| t.capitalised),
        })
        .filter(|c| !c.words.is_empty())
        .collect();
    // Longest names first, then in text order.
    order.sort_by(|a, b| b.words.len().cmp(&a.words.len()).then(a.idx.cmp(&b.idx)));

    let mut clusters: Vec<Cluster> = Vec::new();
    for cand in &order {
        let ctx = Ctx {
            clusters: &clusters,
            mentions: &mentions,
        };
        let found = NAME_RULES.iter().find_map(|(_, rule)| rule(&ctx, cand));
        match found {
            Some(ci) => {
                let cl = &mut clusters[ci];
                cl.mentions.push(cand.idx);
                cl.keys.push(key(&cand.words));
            }
            None => clusters.push(Cluster {
                name: cand.words.clone(),
                founder: cand.idx,
                label: cand.label,
                mentions: vec![cand.idx],
                keys: vec![key(&cand.words)],
            }),
        }
    }

    // One type per cluster.
    for cl in &mut clusters {
        cl.mentions.sort_unstable();
        let any_title = cl
            .mentions
            .iter()
            .any(|&m| titled[m].is_some_and(|(t, _)| t.capitalised));
        cl.label = if any_title && cl.label != EntityLabel::Demonym {
            EntityLabel::Person
        } else {
            majority_label(cl, &mentions)
        };
    }
    clusters.sort_by_key(|cl| cl.mentions[0]);

    let mut entities = Vec::with_capacity(clusters.len());
    for (ei, cl) in clusters.iter().enumerate() {
        let id = EntityId(ei as u32);
        let mut attributes: Vec<Attribute> = Vec::new();
        for &m in &cl.mentions {
            mentions[m].entity = Some(id);
            mentions[m].label = cl.label;
            for a in attributes_of(text, tokens, &mentions, m, titled[m]) {
                let dup = attributes
                    .iter()
                    .any(|b| b.key == a.key && b.value.eq_ignore_ascii_case(&a.value));
                if !dup {
                    attributes.push(a);
                }
            }
        }
        if cl.label == EntityLabel::Demonym {
            let first = mentions[cl.mentions[0]].span;
            let surface = newsgraph_ner::features::normalise(&text[first.start..first.end]);
            if let Some(country) = newsgraph_ner::demonyms::country_of(&surface) {
                attributes.push(Attribute {
                    key: "country".into(),
                    value: country.into(),
                    span: first,
                });
            }
        }
        entities.push(Entity {
            id,
            label: cl.label,
            canonical: canonical(text, mentions[cl.founder].span),
            mentions: cl.mentions.iter().map(|&m| MentionId(m as u32)).collect(),
            attributes,
        });
    }
    EntityLayer { mentions, entities }
}

/// The most frequent label of the cluster's mentions; ties go to the label
/// of its longest name.
fn majority_label(cl: &Cluster, mentions: &[Mention]) -> EntityLabel {
    let mut counts: HashMap<EntityLabel, usize> = HashMap::new();
    for &m in &cl.mentions {
        *counts.entry(mentions[m].label).or_default() += 1;
    }
    let top = counts.values().copied().max().unwrap_or(0);
    if counts.get(&cl.label) == Some(&top) {
        return cl.label;
    }
    let mut best: Vec<EntityLabel> = counts
        .into_iter()
        .filter(|(_, n)| *n == top)
        .map(|(l, _)| l)
        .collect();
    best.sort();
    best[0]
}

/// The canonical name: the longest name as written (titles are outside
/// mention spans), typographic quotes straightened, white space collapsed.
fn canonical(text: &str, span: Span) -> String {
    let surface = newsgraph_ner::features::normalise(&text[span.start..span.end]);
    surface.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Attributes stated next to mention `m`: a title or role before it, with
/// the nationality before that ("Indian prime minister Narendra Modi"), or
/// an appositive after it ("Modi, India's prime minister,").
fn attributes_of(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    m: usize,
    title: Option<(TitleMatch, Span)>,
) -> Vec<Attribute> {
    let mut out = Vec::new();
    let span = mentions[m].span;
    let attr = |key: &str, span: Span| Attribute {
        key: key.into(),
        value: newsgraph_ner::features::normalise(&text[span.start..span.end]),
        span,
    };
    let mut role_start = None;
    if let Some((t, tspan)) = title {
        out.push(attr(if t.capitalised { "title" } else { "role" }, tspan));
        role_start = Some(tspan.start);
    }
    // Appositive: ", [the|a] [Demonym] role ," after the mention.
    let after = token_at(tokens, span.end);
    let word = |i: usize| tokens.get(i).map(|t| &text[t.span.start..t.span.end]);
    if word(after) == Some(",") {
        let mut j = after + 1;
        if matches!(word(j), Some("the" | "a" | "an" | "its" | "their")) {
            j += 1;
        }
        let mut nationality = None;
        if let Some(d) = mention_starting_at(mentions, tokens.get(j).map(|t| t.span.start)) {
            if mentions[d].label == EntityLabel::Demonym {
                nationality = Some(mentions[d].span);
                j = token_at(tokens, mentions[d].span.end);
            }
        }
        for n in (1..=3).rev() {
            let ws: Option<Vec<&str>> = (j..j + n).map(word).collect();
            let Some(ws) = ws else { continue };
            let closes = word(j + n).is_none_or(|w| APPOSITIVE_END.contains(&w));
            if let Some(t) = titles::title_before(&ws).filter(|t| t.len == n && !t.capitalised) {
                if closes {
                    let rspan = tokens[j].span.cover(tokens[j + t.len - 1].span);
                    out.push(attr("role", rspan));
                    if let Some(ns) = nationality {
                        out.push(attr("nationality", ns));
                    }
                }
                break;
            }
        }
    }
    // Nationality right before the title or role.
    if let Some(start) = role_start {
        if let Some(d) = mention_ending_before(text, mentions, start) {
            if mentions[d].label == EntityLabel::Demonym {
                out.push(attr("nationality", mentions[d].span));
            }
        }
    }
    out
}

fn mention_starting_at(mentions: &[Mention], at: Option<usize>) -> Option<usize> {
    let at = at?;
    mentions.iter().position(|m| m.span.start == at)
}

/// The mention that ends just before `start`, separated by spaces only.
fn mention_ending_before(text: &str, mentions: &[Mention], start: usize) -> Option<usize> {
    mentions
        .iter()
        .position(|m| m.span.end <= start && text[m.span.end..start].chars().all(|c| c == ' '))
}

/// Adds a mention (a pronoun or description found by a later resolver, or
/// a name) to a clustered layer, keeping mentions sorted by start and every
/// `Entity::mentions` index valid; links it to `entity` when given (the
/// mention takes the entity's label). Returns the new mention's id.
pub fn insert_mention(
    layer: &mut EntityLayer,
    mut mention: Mention,
    entity: Option<EntityId>,
) -> MentionId {
    let at = layer
        .mentions
        .partition_point(|m| (m.span.start, m.span.end) <= (mention.span.start, mention.span.end));
    for e in &mut layer.entities {
        for id in &mut e.mentions {
            if id.index() >= at {
                id.0 += 1;
            }
        }
    }
    let id = MentionId(at as u32);
    if let Some(e) = entity.and_then(|e| layer.entities.get_mut(e.index())) {
        mention.entity = Some(e.id);
        mention.label = e.label;
        let pos = e.mentions.partition_point(|m| m.index() < at);
        e.mentions.insert(pos, id);
    }
    layer.mentions.insert(at, mention);
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_doc::TokenKind;

    /// Tokens split at spaces and before `,` `.` (enough for these tests).
    fn tokens(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let punct = c == ',' || c == '.';
            if c == ' ' || punct {
                if let Some(s) = start.take() {
                    out.push(Token {
                        span: Span::new(s, i),
                        kind: TokenKind::Word,
                    });
                }
                if punct {
                    out.push(Token {
                        span: Span::new(i, i + 1),
                        kind: TokenKind::Punct,
                    });
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        out
    }

    fn mention(text: &str, s: &str, nth: usize, label: EntityLabel) -> Mention {
        let start = text.match_indices(s).nth(nth).unwrap().0;
        Mention {
            span: Span::new(start, start + s.len()),
            label,
            kind: MentionKind::Name,
            entity: None,
            score: None,
        }
    }

    fn run(text: &str, mut ms: Vec<Mention>) -> EntityLayer {
        ms.sort_by_key(|m| m.span.start);
        cluster(
            text,
            &tokens(text),
            EntityLayer {
                mentions: ms,
                entities: vec![],
            },
        )
    }

    use EntityLabel::*;

    #[test]
    fn surname_and_titled_mentions_join_the_full_name() {
        let text = "Vladimir Putin spoke. President Putin left. Mr Putin smiled.";
        let layer = run(
            text,
            vec![
                mention(text, "Vladimir Putin", 0, Person),
                mention(text, "Putin", 1, Person),
                mention(text, "Putin", 2, Organization),
            ],
        );
        assert_eq!(layer.entities.len(), 1);
        let e = &layer.entities[0];
        assert_eq!(e.canonical, "Vladimir Putin");
        assert_eq!(e.label, Person);
        assert_eq!(e.mentions.len(), 3);
        assert!(layer
            .mentions
            .iter()
            .all(|m| m.label == Person && m.entity == Some(EntityId(0))));
        let titles: Vec<&str> = e
            .attributes
            .iter()
            .filter(|a| a.key == "title")
            .map(|a| a.value.as_str())
            .collect();
        assert_eq!(titles, ["President", "Mr"]);
    }

    #[test]
    fn premodifying_role_and_nationality_become_attributes() {
        let text = "He met Indian prime minister Narendra Modi today.";
        let layer = run(
            text,
            vec![
                mention(text, "Indian", 0, Demonym),
                mention(text, "Narendra Modi", 0, Person),
            ],
        );
        let modi = layer
            .entities
            .iter()
            .find(|e| e.canonical == "Narendra Modi")
            .unwrap();
        let attrs: Vec<(&str, &str)> = modi
            .attributes
            .iter()
            .map(|a| (a.key.as_str(), a.value.as_str()))
            .collect();
        assert_eq!(
            attrs,
            [("role", "prime minister"), ("nationality", "Indian")]
        );
        assert_eq!(layer.entities.len(), 2, "the demonym stays its own entity");
    }

    #[test]
    fn appositive_role_becomes_an_attribute() {
        let text = "Olaf Scholz, the German chancellor, said no.";
        let layer = run(
            text,
            vec![
                mention(text, "Olaf Scholz", 0, Person),
                mention(text, "German", 0, Demonym),
            ],
        );
        let e = layer
            .entities
            .iter()
            .find(|e| e.canonical == "Olaf Scholz")
            .unwrap();
        let attrs: Vec<(&str, &str)> = e
            .attributes
            .iter()
            .map(|a| (a.key.as_str(), a.value.as_str()))
            .collect();
        assert_eq!(attrs, [("role", "chancellor"), ("nationality", "German")]);
    }

    #[test]
    fn same_surname_joins_the_most_mentioned_person() {
        let text = "Hillary Clinton spoke. Hillary Clinton left for Chelsea Clinton's home. Clinton rested.";
        let layer = run(
            text,
            vec![
                mention(text, "Hillary Clinton", 0, Person),
                mention(text, "Hillary Clinton", 1, Person),
                mention(text, "Chelsea Clinton", 0, Person),
                mention(text, "Clinton", 3, Person),
            ],
        );
        let last = layer.mentions.last().unwrap();
        assert_eq!(
            layer.entities[last.entity.unwrap().index()].canonical,
            "Hillary Clinton"
        );
    }

    #[test]
    fn same_surname_joins_the_nearest_earlier_person() {
        let text = "Bill Clinton and Hillary Clinton met. Later Clinton spoke.";
        let layer = run(
            text,
            vec![
                mention(text, "Bill Clinton", 0, Person),
                mention(text, "Hillary Clinton", 0, Person),
                mention(text, "Clinton", 2, Person),
            ],
        );
        assert_eq!(layer.entities.len(), 2);
        let last = layer.mentions.last().unwrap();
        let e = &layer.entities[last.entity.unwrap().index()];
        assert_eq!(e.canonical, "Hillary Clinton");
    }

    #[test]
    fn acronyms_join_organisations_and_identical_names_share_one_type() {
        let text = "The European Union said the EU would act. Ukraine is in Ukraine talks.";
        let layer = run(
            text,
            vec![
                mention(text, "European Union", 0, Organization),
                mention(text, "EU", 0, Organization),
                mention(text, "Ukraine", 0, Location),
                mention(text, "Ukraine", 1, Misc),
            ],
        );
        assert_eq!(layer.entities.len(), 2);
        assert_eq!(layer.mentions[1].entity, layer.mentions[0].entity);
        assert_eq!(layer.mentions[2].label, layer.mentions[3].label);
    }

    #[test]
    fn a_pronoun_can_join_an_entity_later() {
        let text = "Vladimir Putin spoke. He left. Mr Putin smiled.";
        let mut layer = run(
            text,
            vec![
                mention(text, "Vladimir Putin", 0, Person),
                mention(text, "Putin", 1, Person),
            ],
        );
        let he = Mention {
            span: Span::new(22, 24),
            label: Person,
            kind: MentionKind::Pronoun,
            entity: None,
            score: None,
        };
        let id = insert_mention(&mut layer, he, Some(EntityId(0)));
        assert_eq!(id, MentionId(1));
        let e = &layer.entities[0];
        let texts: Vec<&str> = e
            .mentions
            .iter()
            .map(|m| {
                &text[layer.mentions[m.index()].span.start..layer.mentions[m.index()].span.end]
            })
            .collect();
        assert_eq!(texts, ["Vladimir Putin", "He", "Putin"]);
        assert!(layer
            .mentions
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start));
    }

    #[test]
    fn a_surname_alone_does_not_join_a_place() {
        let text = "George Washington was born. Washington is a city.";
        let layer = run(
            text,
            vec![
                mention(text, "George Washington", 0, Person),
                mention(text, "Washington", 1, Location),
            ],
        );
        assert_eq!(layer.entities.len(), 2);
    }
}
