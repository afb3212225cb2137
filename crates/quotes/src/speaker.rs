//! Speaker coreference: which entity of the article a speaker mention
//! ("he", "Mr Putin", "the Russian president") refers to.
//!
//! Rules, in order, each stopping at the first answer:
//! 1. **Names.** A mention that covers a name mention takes that mention's
//!    entity (from the coref stage), or, when no stage has clustered the
//!    names yet, the cluster of name mentions sharing its last word
//!    ("Zelenskyy" ~ "Volodymyr Zelenskyy").
//! 2. **Pronouns** ("he", "she", "they"): walking back sentence by
//!    sentence (at most [`PRONOUN_WINDOW`] sentences, the current one
//!    first), take the most recent earlier *speaker*, else the most recent
//!    name in *subject position* (after a sentence start, a comma or a
//!    conjunction), else the only other name in that sentence. The
//!    candidate must agree in gender where the text shows it (honorifics
//!    "Mr"/"Mrs", the coref stage's `gender` attribute) and in number
//!    (plural pronouns go to organisations). Two different candidates in
//!    the same tier of the same sentence: unresolved.
//! 3. **Descriptions** ("the Russian president", "the Indian leader"): a
//!    determiner, modifiers and a role noun. Candidates are entities named
//!    before it whose role (coref attributes `title`/`role`, or the
//!    article's own words: "Indian prime minister Narendra Modi",
//!    "President Putin", an appositive "X, the … minister,") belongs to the
//!    same family ("leader" covers presidents and prime ministers). A
//!    nationality in the description must match a known one; the unique
//!    match wins, else the unique candidate with no known nationality,
//!    else nothing.
//!
//! Nothing is guessed: an ambiguous mention stays unresolved.

use crate::tables::{
    is_in, role_family, Gender, Number, RoleFamily, ACKNOWLEDGING_VERBS, DESCRIPTION_MODIFIERS,
    DETERMINERS, GENDERED_HONORIFICS, PRONOUNS, RELATIVE_SPEAKERS, ROLE_NOUNS, TITLES,
};
use crate::view::View;
use newsgraph_doc::{Doc, EntityId, EntityLabel, Error, MentionKind, Span};
use std::collections::HashMap;
use std::ops::Range;

/// How many sentences back (the current one included) a pronoun looks for
/// its referent.
pub const PRONOUN_WINDOW: usize = 4;

/// Words before a name that make it a subject ("…, Mr Putin pursed").
const SUBJECT_LEFT: &[&str] = &[
    ",", "and", "but", "then", "as", "when", "while", "because", "so", ";", ":", "“", "\"", "(",
    "—", "–", "-", "after", "before", "since", "although", "though",
];

/// One referent the article talks about: an entity of the entity layer, or
/// a cluster of name mentions when no stage has clustered them.
#[derive(Debug, Clone)]
pub struct Person {
    pub entity: Option<EntityId>,
    pub canonical: String,
    pub label: EntityLabel,
    pub gender: Gender,
    pub roles: Vec<RoleFamily>,
    /// Lowercase nationality adjectives ("indian").
    pub nationalities: Vec<String>,
    /// Byte offset of the first mention.
    pub first: usize,
}

/// A pronoun or description linked to an entity (see [`links`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub span: Span,
    pub kind: MentionKind,
    /// The entity, when the entity layer has one for the referent.
    pub entity: Option<EntityId>,
    /// The referent's canonical name.
    pub name: String,
}

/// The referents of an article and the person of each name mention.
pub struct Resolver<'v, 'a> {
    view: &'v View<'a>,
    pub persons: Vec<Person>,
    /// The person of each mention (index into `view.mentions`).
    pub mention_person: Vec<Option<usize>>,
    /// Speakers already found, as (token index of the cue, person), in
    /// text order.
    speakers: Vec<(usize, usize)>,
    /// Addressees of those quotations, as (token index of the cue,
    /// person), in text order.
    addressees: Vec<(usize, usize)>,
}

fn last_word(s: &str) -> String {
    s.split_whitespace().last().unwrap_or("").to_lowercase()
}

impl<'v, 'a> Resolver<'v, 'a> {
    /// Collects the referents: every entity of the entity layer, then a
    /// cluster per last name for name mentions no entity holds.
    pub fn new(view: &'v View<'a>, doc: &Doc) -> Result<Resolver<'v, 'a>, Error> {
        let layer = doc.entities()?;
        let mut persons: Vec<Person> = Vec::new();
        let mut by_entity: HashMap<EntityId, usize> = HashMap::new();
        let mut by_surname: HashMap<String, usize> = HashMap::new();
        for e in &layer.entities {
            if e.label == EntityLabel::Demonym {
                continue;
            }
            let first = e
                .mentions
                .iter()
                .filter_map(|m| layer.mentions.get(m.index()))
                .map(|m| m.span.start)
                .min()
                .unwrap_or(usize::MAX);
            let mut p = Person {
                entity: Some(e.id),
                canonical: e.canonical.clone(),
                label: e.label,
                gender: Gender::Unknown,
                roles: Vec::new(),
                nationalities: Vec::new(),
                first,
            };
            for a in &e.attributes {
                let v = a.value.to_lowercase();
                match a.key.as_str() {
                    "title" | "role" | "position" | "office" => {
                        if let Some(f) = role_phrase_family(&v) {
                            p.roles.push(f);
                        }
                        if let Some(g) = honorific_gender(&v) {
                            p.gender = g;
                        }
                    }
                    "nationality" | "demonym" => p.nationalities.push(v),
                    "gender" => {
                        p.gender = match v.as_str() {
                            "male" | "m" | "masculine" => Gender::Male,
                            "female" | "f" | "feminine" => Gender::Female,
                            _ => p.gender,
                        }
                    }
                    "honorific" => {
                        if let Some(g) = honorific_gender(&v) {
                            p.gender = g;
                        }
                    }
                    _ => {}
                }
            }
            by_entity.insert(e.id, persons.len());
            if e.label == EntityLabel::Person {
                by_surname
                    .entry(last_word(&e.canonical))
                    .or_insert(persons.len());
            }
            persons.push(p);
        }
        let mut mention_person = vec![None; view.mentions.len()];
        for (mi, m) in view.mentions.iter().enumerate() {
            if m.label == EntityLabel::Demonym || m.kind != MentionKind::Name {
                continue;
            }
            if let Some(&p) = m.entity.and_then(|e| by_entity.get(&e)) {
                mention_person[mi] = Some(p);
                continue;
            }
            let surface = &view.text[m.span.start..m.span.end];
            let key = match m.label {
                EntityLabel::Person => last_word(surface),
                _ => surface.to_lowercase(),
            };
            let p = match by_surname.get(&key) {
                Some(&p) if persons[p].label == m.label => p,
                _ => {
                    persons.push(Person {
                        entity: None,
                        canonical: surface.to_string(),
                        label: m.label,
                        gender: Gender::Unknown,
                        roles: Vec::new(),
                        nationalities: Vec::new(),
                        first: m.span.start,
                    });
                    by_surname.insert(key, persons.len() - 1);
                    persons.len() - 1
                }
            };
            let person = &mut persons[p];
            if person.entity.is_none() && surface.len() > person.canonical.len() {
                person.canonical = surface.to_string();
            }
            person.first = person.first.min(m.span.start);
            mention_person[mi] = Some(p);
        }
        let mut r = Resolver {
            view,
            persons,
            mention_person,
            speakers: Vec::new(),
            addressees: Vec::new(),
        };
        r.collect_evidence();
        Ok(r)
    }

    /// Gender, roles and nationalities from the words around each name:
    /// an honorific or title before it, a role phrase with a demonym
    /// before it, or an appositive after it.
    fn collect_evidence(&mut self) {
        let v = self.view;
        for mi in 0..v.mentions.len() {
            let Some(p) = self.mention_person[mi] else {
                continue;
            };
            if self.persons[p].label != EntityLabel::Person {
                continue;
            }
            let toks = v.mention_tokens(mi);
            if toks.start == 0 {
                continue;
            }
            let sent_start = v.sent_of(toks.start).map_or(0, |s| s.tokens.start);
            // Before the name: "Mr", "President", "Indian prime minister".
            let before = toks.start - 1;
            if before >= sent_start {
                if let Some(g) = honorific_gender(v.low(before)) {
                    self.persons[p].gender = g;
                }
            }
            if let Some((family, start)) = role_ending_at(v, toks.start, sent_start) {
                self.persons[p].roles.push(family);
                if start > sent_start && v.is_demonym(start - 1) {
                    let d = v.low(start - 1).to_string();
                    self.persons[p].nationalities.push(d);
                }
            }
            // Appositive: "Narendra Modi, the Indian prime minister,".
            let end = toks.end;
            let sent_end = v.sent_of(toks.start).map_or(end, |s| s.tokens.end);
            if end + 2 < sent_end && v.low(end) == "," {
                let mut j = end + 1;
                let mut nat = None;
                while j < sent_end && j < end + 7 && v.low(j) != "," {
                    if v.is_demonym(j) {
                        nat = Some(v.low(j).to_string());
                    }
                    if let Some((family, len)) = role_starting_at(v, j, sent_end) {
                        self.persons[p].roles.push(family);
                        if let Some(n) = nat.take() {
                            self.persons[p].nationalities.push(n);
                        }
                        j += len;
                        continue;
                    }
                    j += 1;
                }
            }
        }
        for p in &mut self.persons {
            p.roles.sort_by_key(|f| *f as u8);
            p.roles.dedup();
            p.nationalities.sort();
            p.nationalities.dedup();
        }
    }

    /// Records that `person` spoke at cue token `at` (speakers are the
    /// most salient referents for a later "he said").
    pub fn record_speaker(&mut self, at: usize, person: usize) {
        // Callers go in text order; keep the list sorted if one does not.
        let i = self.speakers.partition_point(|(t, _)| *t <= at);
        self.speakers.insert(i, (at, person));
    }

    /// Records that the quotation with cue token `at` was addressed to
    /// `person` ("told Mr Modi").
    pub fn record_addressee(&mut self, at: usize, person: usize) {
        let i = self.addressees.partition_point(|(t, _)| *t <= at);
        self.addressees.insert(i, (at, person));
    }

    /// Rule `acknowledged_listener`: in `X told Y that he understood he
    /// had concerns`, the pronoun after an acknowledging verb
    /// ([`ACKNOWLEDGING_VERBS`]) whose own subject is a pronoun is the
    /// addressee Y, when the sentence has a recorded addressee of matching
    /// gender and number before it.
    fn acknowledged_listener(
        &self,
        at: usize,
        gender: Gender,
        number: Number,
        exclude: Option<usize>,
    ) -> Option<usize> {
        let v = self.view;
        let sent = v.sent_of(at)?;
        let mut k = at;
        if k > sent.tokens.start && v.low(k - 1) == "that" {
            k -= 1;
        }
        if k < sent.tokens.start + 2
            || !is_in(ACKNOWLEDGING_VERBS, v.low(k - 1))
            || !PRONOUNS.iter().any(|(p, _, _)| *p == v.low(k - 2))
        {
            return None;
        }
        let lo = self
            .addressees
            .partition_point(|(t, _)| *t < sent.tokens.start);
        let hi = self.addressees.partition_point(|(t, _)| *t < at);
        self.addressees[lo..hi.max(lo)]
            .iter()
            .rev()
            .map(|(_, p)| *p)
            .find(|&p| self.compatible(p, gender, number, exclude))
    }

    /// The referent of the mention covering tokens `r`, if the text
    /// supports one. `exclude` is a person it cannot be (the speaker, when
    /// resolving the addressee).
    pub fn resolve(&self, r: Range<usize>, exclude: Option<usize>) -> Option<(usize, MentionKind)> {
        let v = self.view;
        if r.is_empty() {
            return None;
        }
        // 1. A name inside the mention: in its core (before any comma or
        // bracket: "Rendell, a Clinton surrogate,"), the last person name
        // ("Clinton spokesman Nick Merrill"), else the last other name.
        let core_end = r
            .clone()
            .find(|&i| i > r.start && matches!(v.low(i), "," | "(" | "--" | "—" | "–"))
            .unwrap_or(r.end);
        let names: Vec<usize> = (r.start..core_end)
            .filter_map(|i| v.name_mention(i))
            .filter(|&m| self.mention_person[m].is_some())
            .collect();
        let person_name = names
            .iter()
            .rev()
            .find(|&&m| v.mentions[m].label == EntityLabel::Person)
            .or(names.last());
        if let Some(&m) = person_name {
            return self.mention_person[m].map(|p| (p, MentionKind::Name));
        }
        // 2. A pronoun.
        if r.len() == 1 {
            let w = v.low(r.start);
            if let Some((_, g, n)) = PRONOUNS.iter().find(|(p, _, _)| *p == w) {
                return self
                    .resolve_pronoun(r.start, *g, *n, exclude)
                    .map(|p| (p, MentionKind::Pronoun));
            }
            if is_in(RELATIVE_SPEAKERS, w) {
                return self
                    .antecedent_of_relative(r.start)
                    .map(|p| (p, MentionKind::Pronoun));
            }
        }
        // 3. A description.
        self.resolve_description(r, exclude)
            .map(|p| (p, MentionKind::Nominal))
    }

    fn compatible(&self, p: usize, gender: Gender, number: Number, exclude: Option<usize>) -> bool {
        if Some(p) == exclude {
            return false;
        }
        let person = &self.persons[p];
        match number {
            Number::Plural => person.label == EntityLabel::Organization,
            Number::Singular => {
                person.label == EntityLabel::Person
                    && (gender == Gender::Unknown
                        || person.gender == Gender::Unknown
                        || person.gender == gender)
            }
        }
    }

    fn resolve_pronoun(
        &self,
        at: usize,
        gender: Gender,
        number: Number,
        exclude: Option<usize>,
    ) -> Option<usize> {
        let v = self.view;
        if let Some(p) = self.acknowledged_listener(at, gender, number, exclude) {
            return Some(p);
        }
        let s0 = v.sent_index(at)?;
        let lowest = s0.saturating_sub(PRONOUN_WINDOW - 1);
        for s in (lowest..=s0).rev() {
            let sent = &v.sents[s];
            if v.sent_is_boilerplate(s) {
                continue;
            }
            let end = if s == s0 { at } else { sent.tokens.end };
            let range = sent.tokens.start..end;
            // Tier 1: the latest speaker in this sentence.
            // Speakers are recorded in text order: binary search the
            // sentence's slice instead of scanning them all.
            let lo = self.speakers.partition_point(|(t, _)| *t < range.start);
            let hi = self.speakers.partition_point(|(t, _)| *t < range.end);
            let spoke = self.speakers[lo..hi.max(lo)]
                .iter()
                .rev()
                .map(|(_, p)| *p)
                .find(|&p| self.compatible(p, gender, number, exclude));
            if spoke.is_some() {
                return spoke;
            }
            // Tiers 2 and 3: names in subject position, then any name.
            let mut subjects: Vec<usize> = Vec::new();
            let mut others: Vec<usize> = Vec::new();
            let mut i = range.start;
            while i < range.end {
                let Some(m) = v.name_mention(i) else {
                    i += 1;
                    continue;
                };
                let toks = v.mention_tokens(m);
                if let Some(p) = self.mention_person[m] {
                    if self.compatible(p, gender, number, exclude) {
                        if self.is_subject(toks.clone(), sent.tokens.start) {
                            subjects.push(p);
                        } else {
                            others.push(p);
                        }
                    }
                }
                i = toks.end.max(i + 1);
            }
            if let Some(&p) = subjects.last() {
                return Some(p);
            }
            others.dedup();
            match others.as_slice() {
                [] => continue,
                [p] => return Some(*p),
                _ => return None,
            }
        }
        None
    }

    /// Whether a name mention stands where a subject stands: at the start
    /// of its sentence or after a comma or conjunction, titles skipped, and
    /// not a possessive ("Putin’s").
    fn is_subject(&self, toks: Range<usize>, sent_start: usize) -> bool {
        let v = self.view;
        let mut a = toks.start;
        while a > sent_start && is_in(TITLES, v.low(a - 1).trim_end_matches('.')) {
            a -= 1;
        }
        let possessive = toks.end < v.tokens.len() && matches!(v.low(toks.end), "’s" | "'s");
        // "Scholz and Macron": "and" between names coordinates, it does not
        // start a clause.
        let coordinated = a > sent_start + 1
            && matches!(v.low(a - 1), "and" | "or")
            && v.name_mention(a - 2).is_some();
        !possessive && !coordinated && (a == sent_start || is_in(SUBJECT_LEFT, v.low(a - 1)))
    }

    /// "who" in "X, who said …": the nearest name before it in the
    /// sentence.
    fn antecedent_of_relative(&self, at: usize) -> Option<usize> {
        let v = self.view;
        let start = v.sent_of(at)?.tokens.start;
        (start..at)
            .rev()
            .find_map(|i| v.name_mention(i))
            .and_then(|m| self.mention_person[m])
    }

    fn resolve_description(&self, r: Range<usize>, exclude: Option<usize>) -> Option<usize> {
        let v = self.view;
        let (family, nationality) = parse_description(v, r.clone())?;
        let at = v.tokens[r.start].span.start;
        let candidates: Vec<usize> = (0..self.persons.len())
            .filter(|&p| {
                let person = &self.persons[p];
                Some(p) != exclude
                    && person.label == EntityLabel::Person
                    && person.first < at
                    && person.roles.iter().any(|f| family.matches(*f))
            })
            .collect();
        match nationality {
            Some(nat) => {
                let matching: Vec<usize> = candidates
                    .iter()
                    .copied()
                    .filter(|&p| self.persons[p].nationalities.contains(&nat))
                    .collect();
                if matching.len() == 1 {
                    return Some(matching[0]);
                }
                if !matching.is_empty() {
                    return None;
                }
                let unknown: Vec<usize> = candidates
                    .iter()
                    .copied()
                    .filter(|&p| self.persons[p].nationalities.is_empty())
                    .collect();
                (unknown.len() == 1).then(|| unknown[0])
            }
            None => (candidates.len() == 1).then(|| candidates[0]),
        }
    }

    /// The referent's entity and canonical name.
    pub fn describe(&self, p: usize) -> (Option<EntityId>, String) {
        (self.persons[p].entity, self.persons[p].canonical.clone())
    }
}

/// "the Russian president" → (State, Some("russian")). `None` when the
/// tokens are not a description: a determiner, then only modifiers and
/// demonyms, then a role noun that ends the mention.
pub fn parse_description(v: &View, r: Range<usize>) -> Option<(RoleFamily, Option<String>)> {
    if r.len() < 2 || !is_in(DETERMINERS, v.low(r.start)) {
        return None;
    }
    let mut nationality = None;
    let mut i = r.start + 1;
    while i < r.end {
        if let Some((family, len)) = role_starting_at(v, i, r.end) {
            if i + len == r.end {
                return Some((family, nationality));
            }
        }
        if v.is_demonym(i) {
            nationality = Some(v.low(i).to_string());
        } else if !is_in(DESCRIPTION_MODIFIERS, v.low(i)) {
            return None;
        }
        i += 1;
    }
    None
}

/// A role noun phrase starting at token `i` (longest first): its family
/// and length in tokens.
fn role_starting_at(v: &View, i: usize, end: usize) -> Option<(RoleFamily, usize)> {
    for (phrase, family) in ROLE_NOUNS {
        let words: Vec<&str> = phrase.split(' ').collect();
        if i + words.len() <= end && words.iter().enumerate().all(|(k, w)| v.low(i + k) == *w) {
            return Some((*family, words.len()));
        }
    }
    None
}

/// A role phrase ending just before token `end` ("prime minister" before
/// "Narendra Modi"): its family and first token.
fn role_ending_at(v: &View, end: usize, floor: usize) -> Option<(RoleFamily, usize)> {
    for len in [2usize, 1] {
        if end < floor + len {
            continue;
        }
        let start = end - len;
        if let Some((family, l)) = role_starting_at(v, start, end) {
            if l == len {
                return Some((family, start));
            }
        }
    }
    None
}

fn role_phrase_family(lower: &str) -> Option<RoleFamily> {
    if let Some(f) = role_family(lower) {
        return Some(f);
    }
    // "prime minister of India", "former president": the longest table
    // entry the phrase contains.
    ROLE_NOUNS
        .iter()
        .find(|(r, _)| {
            lower
                .split(|c: char| !c.is_alphanumeric())
                .collect::<Vec<_>>()
                .windows(r.split(' ').count())
                .any(|w| w.join(" ") == *r)
        })
        .map(|(_, f)| *f)
}

fn honorific_gender(lower: &str) -> Option<Gender> {
    GENDERED_HONORIFICS
        .iter()
        .find(|(h, _)| *h == lower)
        .map(|(_, g)| *g)
}

/// Pronoun and description mentions of the document linked to the entity
/// (or name cluster) they refer to, for the coref stage to fold into the
/// entity layer. Speakers found by the quotation rules count as salient,
/// as they do for the quotation stage. Unresolved mentions are left out.
pub fn links(doc: &Doc) -> Result<Vec<Link>, Error> {
    let view = View::new(doc)?;
    let mut resolver = Resolver::new(&view, doc)?;
    let _ = crate::extract::extract(&view, &mut resolver, &crate::Config::default());
    Ok(links_from(&view, &mut resolver))
}

/// [`links`] for a view whose quotations were already extracted with
/// `resolver` (so the speakers it found count as salient), without
/// extracting them again.
pub(crate) fn links_from(view: &View, resolver: &mut Resolver) -> Vec<Link> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < view.tokens.len() {
        let skip = match view.sent_index(i) {
            Some(s) => view.sent_is_boilerplate(s),
            None => true,
        };
        if skip {
            i += 1;
            continue;
        }
        let w = view.low(i);
        let mut next = i + 1;
        let found = if PRONOUNS.iter().any(|(p, _, _)| *p == w) {
            resolver.resolve(i..i + 1, None)
        } else if is_in(DETERMINERS, w) {
            // The longest description starting here that is not followed
            // by a name ("the Russian president Vladimir Putin" is a
            // premodifier, not a description).
            let sent_end = view.sent_of(i).map_or(i, |s| s.tokens.end);
            let mut hit = None;
            for end in (i + 2..=(i + 5).min(sent_end)).rev() {
                if parse_description(view, i..end).is_some()
                    && (end >= sent_end || view.name_mention(end).is_none())
                {
                    hit = Some(end);
                    break;
                }
            }
            match hit {
                Some(end) => {
                    next = end;
                    resolver.resolve(i..end, None)
                }
                None => None,
            }
        } else {
            None
        };
        if let Some((p, kind)) = found {
            let (entity, name) = resolver.describe(p);
            out.push(Link {
                span: view.span(i..next),
                kind,
                entity,
                name,
            });
        }
        i = next;
    }
    out
}
