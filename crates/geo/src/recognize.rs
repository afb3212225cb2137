//! Recognition: which spans of the text name places.
//!
//! Two sources, merged: the entities layer's LOC mentions when a stage has
//! set it, and gazetteer matches in context: capitalised token sequences
//! that are known place names, kept or dropped by the rules in
//! [`crate::tables`] (titles before people, organisation heads after
//! names, common words that need a place cue, and so on). Cues for the
//! resolver are read off the context here too: "X Oblast", "the city of
//! X", "the Uzbek city of X", "X, Ky.", and a speech verb after the name.

use crate::demonyms::Demonyms;
use crate::gazetteer::{normalize, Gazetteer};
use crate::tables::*;
use newsgraph_doc::{EntityLabel, EntityLayer, MentionId, Span};

/// A token as recognition sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub span: Span,
    /// Letters or digits (as opposed to punctuation and symbols).
    pub word: bool,
}

/// Splits text into word and punctuation tokens. Used when the document
/// has no tokens layer (the `newsgraph-eval geo` command on raw text, unit
/// tests); the stage uses the segmenter's tokens. Inner apostrophes join
/// ("O'Fallon") except a final possessive "'s"; inner hyphens join
/// ("Winston-Salem").
pub fn scan(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                let next_alnum = chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                if c.is_alphanumeric() {
                    j += 1;
                } else if (c == '\'' || c == '’') && next_alnum {
                    // possessive 's at the end of a word stays apart
                    let s_end = chars.get(j + 1).is_some_and(|n| n.1 == 's')
                        && !chars.get(j + 2).is_some_and(|n| n.1.is_alphanumeric());
                    if s_end {
                        break;
                    }
                    j += 1;
                } else if c == '-' && next_alnum {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            out.push(Tok {
                span: Span::new(start, end),
                word: true,
            });
            i = j;
        } else {
            let end = chars.get(i + 1).map_or(text.len(), |c| c.0);
            out.push(Tok {
                span: Span::new(start, end),
                word: false,
            });
            i += 1;
        }
    }
    out
}

/// A place name found in the text, with what its context says.
#[derive(Debug, Clone, PartialEq)]
pub struct Toponym {
    pub span: Span,
    /// The normalised name to look up (without a division suffix).
    pub key: String,
    /// "X Oblast", "the X region", "X County".
    pub division: bool,
    /// A local institution's word follows ("Paris Police"; see
    /// [`LOCAL_INSTITUTION_WORDS`]).
    pub local: bool,
    /// The division word names a first-order division ("New York state",
    /// "Kharkiv Oblast"; see [`FIRST_ORDER_SUFFIXES`]).
    pub first_order: bool,
    /// "the city of X", "the town X".
    pub city: bool,
    /// "the Uzbek city of X": the country a demonym names.
    pub country_hint: Option<[u8; 2]>,
    /// The place is fixed by the text ("Ky." after "Louisville,").
    pub forced: Option<u32>,
    /// "X, Y": the index (in the returned list) of Y.
    pub qualifier: Option<usize>,
    /// The qualifier was linked by a container phrase ("X is a village in
    /// Y", "X, a suburb of Y"), not a bare comma: the text says Y contains X.
    pub contained: bool,
    /// A speech or action verb follows and the name is in subject position.
    pub subject_of_verb: bool,
    /// "the north east": a direction, normalised.
    pub relative: Option<String>,
    /// The entities-layer mention this came from.
    pub mention: Option<MentionId>,
}

impl Toponym {
    /// A toponym with no cues.
    pub fn new(span: Span, key: String) -> Toponym {
        Toponym {
            span,
            key,
            division: false,
            first_order: false,
            local: false,
            city: false,
            country_hint: None,
            forced: None,
            qualifier: None,
            contained: false,
            subject_of_verb: false,
            relative: None,
            mention: None,
        }
    }
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn is_cap(text: &str, t: &Tok) -> bool {
    t.word
        && text[t.span.start..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
}

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    gaz: &'a Gazetteer,
    /// An entities layer is available (NER vetoes people).
    entities: bool,
}

impl<'a> Ctx<'a> {
    fn s(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].span.start..self.toks[i].span.end]
    }

    fn low(&self, i: usize) -> String {
        lower(self.s(i))
    }

    /// Whether token `i` begins a sentence: nothing but quotes and brackets
    /// between it and the text start, a full stop, or a line break.
    fn sentence_start(&self, i: usize) -> bool {
        let before = &self.text[..self.toks[i].span.start];
        for c in before.chars().rev() {
            match c {
                '\n' | '.' | '!' | '?' | ':' => return true,
                c if c.is_whitespace() || "\"“”‘'([—–-".contains(c) => continue,
                _ => return false,
            }
        }
        true
    }

    /// The previous word token (skipping one "." as in "Gov. Smith").
    fn prev_word(&self, i: usize) -> Option<usize> {
        let mut k = i.checked_sub(1)?;
        if !self.toks[k].word && self.s(k) == "." {
            k = k.checked_sub(1)?;
        }
        self.toks[k].word.then_some(k)
    }

    /// Whether only spaces separate tokens `a` and `b` (a < b).
    fn adjacent(&self, a: usize, b: usize) -> bool {
        self.text[self.toks[a].span.end..self.toks[b].span.start]
            .chars()
            .all(|c| c == ' ')
    }
}

/// Finds the toponyms of a text. `entities` (when the document has the
/// layer) adds the LOC mentions the rules miss and vetoes names the tagger
/// calls people.
pub fn recognize(
    text: &str,
    toks: &[Tok],
    gaz: &Gazetteer,
    demonyms: &Demonyms,
    entities: Option<&EntityLayer>,
) -> Vec<Toponym> {
    let cx = Ctx {
        text,
        toks,
        gaz,
        entities: entities.is_some(),
    };
    let mut found: Vec<Toponym> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match match_at(&cx, i, demonyms) {
            Some((t, next)) => {
                found.push(t);
                i = next;
            }
            None => i += 1,
        }
    }
    if let Some(layer) = entities {
        merge_entities(&cx, layer, demonyms, &mut found);
    }
    let hyphened = hyphen_places(&cx, &found);
    found.extend(hyphened);
    mark_local(&cx, &mut found);
    standalone_states(&cx, &mut found);
    found.extend(relatives(&cx));
    found.sort_by_key(|t| (t.span.start, t.span.end));
    link_qualifiers(text, &mut found);
    found
}

/// The longest gazetteer name starting at token `i`, if the context lets
/// it stand as a place. Returns the toponym and the token to go on from.
fn match_at(cx: &Ctx, i: usize, demonyms: &Demonyms) -> Option<(Toponym, usize)> {
    let toks = cx.toks;
    if !is_cap(cx.text, &toks[i]) {
        return None;
    }
    if let Some(t) = state_abbreviation_at(cx, i) {
        let end = t.span.end;
        let next = (i..toks.len())
            .find(|&k| toks[k].span.start >= end)
            .unwrap_or(toks.len());
        return Some((t, next));
    }
    // Longest match over up to 7 tokens: capitalised words, joined by
    // connectors, hyphens, apostrophes and abbreviation dots ("St. Louis").
    let mut best: Option<(usize, bool)> = None;
    let mut j = i;
    while j < toks.len() && j < i + 7 {
        let t = &toks[j];
        if j > i
            && !cx.adjacent(j - 1, j)
            && !(cx.s(j - 1) == "." || cx.s(j) == "." || cx.s(j) == "-")
        {
            break;
        }
        if t.word {
            let cap = is_cap(cx.text, t);
            if !cap && !NAME_CONNECTORS.contains(&cx.low(j).as_str()) {
                break;
            }
            if cap {
                let key = normalize(&cx.text[toks[i].span.start..t.span.end]);
                if let Some(hit) = cx.gaz.lookup_key(&key) {
                    best = Some((j, hit.common_word));
                }
            }
        } else if !matches!(cx.s(j), "." | "-" | "'" | "’") {
            break;
        }
        j += 1;
    }
    let (mut j, common) = best?;
    // An abbreviation keeps its final dot ("U.S.", "St.").
    if j + 1 < toks.len()
        && cx.s(j + 1) == "."
        && toks[j + 1].span.start == toks[j].span.end
        && (cx.s(j).chars().count() == 1 || (i..j).any(|k| cx.s(k) == "."))
    {
        j += 1;
    }
    // "The River", "The City": an article and a generic word, not "The Hague".
    if cx.low(i) == "the" {
        let head = (i + 1..=j)
            .find(|&k| toks[k].word)
            .map(|k| cx.low(k))
            .unwrap_or_default();
        let generic = [NATURAL_FEATURES, NEVER_ALONE, DIVISION_SUFFIXES, CITY_CUES]
            .iter()
            .any(|t| t.contains(&head.as_str()));
        if generic || i == j {
            return None;
        }
    }
    let span = Span::new(toks[i].span.start, toks[j].span.end);
    // A currency prefix, not a place: "US$10,000", "HK$".
    if cx.text[span.end..].starts_with(['$', '€', '£']) {
        return None;
    }
    let key = normalize(&cx.text[span.start..span.end]);
    let single = i == j;
    let prev = cx.prev_word(i);
    let prev_low = prev.map(|p| cx.low(p)).unwrap_or_default();
    let starts_sentence = cx.sentence_start(i);
    let after_prep = prev.is_some() && PLACE_PREPOSITIONS.contains(&prev_low.as_str());
    let next = (j + 1 < toks.len()).then_some(j + 1);
    // "X, Y" (a capitalised word after the comma), not "Still, it was".
    let comma_after =
        next.is_some_and(|n| cx.s(n) == "," && toks.get(n + 1).is_some_and(|t| is_cap(cx.text, t)));
    let next_cap = next.is_some_and(|n| cx.adjacent(j, n) && is_cap(cx.text, &toks[n]));

    // A title before it: a person ("President Lincoln").
    if prev.is_some() && PERSON_TITLES.contains(&prev_low.as_str()) && !after_prep {
        return None;
    }
    // A capitalised word right before it that is not part of the name: the
    // name is inside a longer one ("George Washington", "Sky News").
    if let Some(p) = prev {
        if p + 1 == i
            && cx.adjacent(p, i)
            && is_cap(cx.text, &toks[p])
            && !cx.sentence_start(p)
            && demonyms.country(cx.s(p)).is_none()
            && !DIRECTIONS.contains(&prev_low.as_str())
            && (!PLACE_PREMODIFIERS.contains(&prev_low.as_str()) || continent(cx.gaz, &key))
        {
            return None;
        }
    }
    // A natural feature: "River Severn", "Severn River".
    let feature_word = |k: usize| {
        toks[k].word && is_cap(cx.text, &toks[k]) && NATURAL_FEATURES.contains(&cx.low(k).as_str())
    };
    if prev.is_some_and(|p| p + 1 == i && feature_word(p))
        || next.is_some_and(|n| cx.adjacent(j, n) && feature_word(n))
    {
        return None;
    }
    // A division word ("Kharkiv Oblast"), or a street, building or
    // organisation head right after it.
    let mut division = false;
    let mut first_order = false;
    let mut end_tok = j;
    // A small place's name heads longer names more often than it names the
    // place ("Harold Patterson", "Honda Odyssey"): the tagger's word is not
    // enough to keep it.
    let minor = minor_place(cx.gaz, &normalize(&cx.text[span.start..span.end]));
    if let Some(n) = next {
        if toks[n].word && cx.adjacent(j, n) {
            let nl = cx.low(n);
            let cap = is_cap(cx.text, &toks[n]);
            if DIVISION_SUFFIXES.contains(&nl.as_str()) {
                division = true;
                first_order = FIRST_ORDER_SUFFIXES.contains(&nl.as_str());
                if cap && !DIVISION_WORDS_NOT_IN_NAMES.contains(&nl.as_str()) {
                    end_tok = n;
                }
            } else if cap
                && (STREET_HEADS.contains(&nl.as_str())
                    || ((!cx.entities || minor) && NON_PLACE_HEADS.contains(&nl.as_str())))
                || cap && MEDIA_HEADS.contains(&nl.as_str())
                || PATHOGEN_HEADS.contains(&nl.as_str())
            {
                return None;
            } else if cap && minor && demonyms.country(cx.s(n)).is_none() {
                // a small place's name before any capitalised word: a
                // longer name ("Harold Patterson"), even if that word is a
                // place name too
                return None;
            } else if cap
                && !cx.entities
                && cx.gaz.lookup_key(&nl).is_none()
                && demonyms.country(cx.s(n)).is_none()
            {
                // a capitalised word that is no place: a longer name ("Vladimir Putin")
                return None;
            }
        }
    }
    if NON_PLACE_NAMES.contains(&key.as_str()) {
        return None;
    }
    // A demonym is a country signal, not a place ("Indian prime minister").
    if single && demonyms.country(cx.s(i)).is_some() && !names_area(cx.gaz, &key) {
        return None;
    }
    // "Barrow, Jackson and Madison counties": each name is a division.
    let listed = in_division_list(cx, end_tok);
    if single && NEVER_ALONE.contains(&key.as_str()) {
        let rescued =
            RESCUED_BY_CONTEXT.contains(&key.as_str()) && (after_prep || comma_after || listed);
        if !rescued {
            return None;
        }
    }
    // "US" in capitals is not the pronoun (but "NICE" is an acronym).
    let all_caps = key.len() <= 3
        && cx.text[span.start..span.end]
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    let cued = (after_prep && !starts_sentence) || comma_after || division;
    // A common word needs a place cue, and is never the head of a longer
    // capitalised name ("Department of Human Resources").
    if common && !all_caps && (!cued || next_cap) {
        return None;
    }
    // ... nor the field of an institution ("Department of Justice"), nor a
    // season or month before a year ("in Spring 2002").
    let institution_of = prev_low == "of"
        && prev
            .and_then(|p| cx.prev_word(p))
            .is_some_and(|h| INSTITUTION_OF_HEADS.contains(&cx.low(h).as_str()));
    let year_after = next.is_some_and(|n| {
        cx.adjacent(j, n)
            && cx.s(n).len() == 4
            && cx
                .s(n)
                .parse::<u16>()
                .is_ok_and(|y| (1000..=2100).contains(&y))
    });
    if common && !all_caps && (institution_of || year_after) {
        return None;
    }
    // Short names: only all-caps codes of countries and divisions ("US", "UK").
    if key.len() <= 3 {
        let caps = cx.text[span.start..span.end]
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '.');
        let area = cx.gaz.lookup_key(&key).is_some_and(|h| {
            h.places().any(|p| {
                let code = cx.gaz.feature_code(cx.gaz.place(p.place));
                code.starts_with("PCL")
            })
        }) || DIVISION_CODES_IN_TEXT.contains(&key.as_str());
        let code_in_lower = DIVISION_CODES_IN_TEXT.contains(&key.as_str()) && !caps;
        if key.len() < 3 && !caps || caps && !area || code_in_lower {
            return None;
        }
    }
    division |= listed;
    // A name only US counties bear, without their suffix ("Gwinnett" for
    // Gwinnett County), needs a place cue: counties are mostly named after
    // people ("Polk", "Sullivan").
    if county_alias_only(cx.gaz, &key) && !(cued || division) {
        return None;
    }
    // "the X region" (lower-case suffix after "the X").
    if !division && prev_low == "the" {
        if let Some(n) = next {
            division = DIVISION_SUFFIXES.contains(&cx.low(n).as_str());
            first_order = FIRST_ORDER_SUFFIXES.contains(&cx.low(n).as_str());
        }
    }
    let mut t = Toponym::new(Span::new(span.start, toks[end_tok].span.end), key);
    t.division = division;
    t.first_order = division && first_order;
    cues_before(cx, i, demonyms, &mut t);
    t.subject_of_verb = verb_follows(cx, end_tok + 1) && !after_prep;
    Some((t, end_tok + 1))
}

/// Marks the toponyms that a local institution's word follows, with only
/// spaces (or a possessive) between ("Paris Police", "Newark's police").
fn mark_local(cx: &Ctx, tops: &mut [Toponym]) {
    for t in tops.iter_mut() {
        // The first token after the name (tokens are in text order).
        let n = cx.toks.partition_point(|k| k.span.start < t.span.end);
        if n == cx.toks.len() {
            continue;
        }
        let gap = &cx.text[t.span.end..cx.toks[n].span.start];
        if !gap.chars().all(|c| c == ' ') {
            continue;
        }
        let mut k = n;
        // "Newark's police": skip the possessive
        if matches!(cx.s(k), "'" | "’") && k + 1 < cx.toks.len() && cx.low(k + 1) == "s" {
            k += 2;
        }
        if k < cx.toks.len()
            && cx.toks[k].word
            && LOCAL_INSTITUTION_WORDS.contains(&cx.low(k).as_str())
        {
            t.local = true;
        }
    }
}

/// "the city of X", "the Uzbek city of X", "the town X", "Uzbek X".
fn cues_before(cx: &Ctx, i: usize, demonyms: &Demonyms, t: &mut Toponym) {
    let mut k = i;
    let word_before = |k: usize| -> Option<usize> { k.checked_sub(1).filter(|&p| cx.toks[p].word) };
    if let Some(p) = word_before(k) {
        if cx.low(p) == "of" {
            k = p;
        }
    }
    if let Some(p) = word_before(k) {
        if CITY_CUES.contains(&cx.low(p).as_str()) {
            t.city = true;
            k = p;
        }
    }
    if let Some(p) = word_before(k) {
        if let Some(cc) = demonyms.country(cx.s(p)) {
            if k != i || t.city {
                t.country_hint = Some(cc);
            }
        }
    }
}

/// Whether a metonymy verb phrase starts at token `k`.
fn verb_follows(cx: &Ctx, k: usize) -> bool {
    if k >= cx.toks.len() || !cx.toks[k].word {
        return false;
    }
    let one = cx.low(k);
    let two = (k + 1 < cx.toks.len()).then(|| format!("{one} {}", cx.low(k + 1)));
    METONYMY_VERBS.contains(&one.as_str())
        || two.is_some_and(|t| METONYMY_VERBS.contains(&t.as_str()))
}

/// LOC mentions the rules missed become toponyms when the gazetteer knows
/// them (facilities such as "Main Street" do not resolve and are left out);
/// names the tagger calls people are dropped, unless the name is a large
/// place (a tagger trained on other news calls "Arlington" a person).
fn merge_entities(cx: &Ctx, layer: &EntityLayer, demonyms: &Demonyms, found: &mut Vec<Toponym>) {
    let people: Vec<Span> = layer
        .mentions
        .iter()
        .filter(|m| m.label == EntityLabel::Person)
        .map(|m| m.span)
        .collect();
    found.retain(|t| {
        !people.iter().any(|p| {
            // "Henry County" is never a person, whatever the tagger says
            let division = t.division
                || t.key
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| DIVISION_SUFFIXES.contains(&w));
            p.contains(t.span)
                && !division
                && (p.len() > t.span.len() || !large_place(cx.gaz, &t.key))
        })
    });
    for (idx, m) in layer.mentions.iter().enumerate() {
        if m.label != EntityLabel::Location {
            continue;
        }
        if let Some(t) = found.iter_mut().find(|t| t.span.overlaps(m.span)) {
            t.mention.get_or_insert(MentionId(idx as u32));
            continue;
        }
        let mut span = m.span;
        let raw = &cx.text[span.start..span.end];
        if let Some(rest) = raw
            .strip_prefix("the ")
            .or_else(|| raw.strip_prefix("The "))
        {
            span.start = span.end - rest.len();
        }
        let surface = &cx.text[span.start..span.end];
        let key = normalize(surface);
        if media_or_pathogen_after(cx.text, span.end) {
            continue;
        }
        if key.is_empty()
            || cx.gaz.lookup_key(&key).is_none()
            || !plausible(cx, surface, &key, demonyms)
        {
            continue;
        }
        let mut t = Toponym::new(span, key);
        t.mention = Some(MentionId(idx as u32));
        found.push(t);
    }
}

/// Whether a two-letter postal code ("SC") counts, and what may follow it.
#[derive(Clone, Copy)]
enum PostalCode {
    /// Any end of word: "Columbia, SC." ends a sentence.
    AnyWordEnd,
    /// Not a dot: outside "Place, St." an "S.C." is read as an abbreviation.
    NotBeforeDot,
}

/// The US state abbreviated as a whole word at the start of `after`: its
/// length in bytes and admin1 code. Tries the [`US_STATE_ABBREVIATIONS`]
/// that `allowed` accepts, then, when `postal` is given, [`US_POSTAL_CODES`].
fn state_abbreviation_prefix(
    after: &str,
    allowed: impl Fn(&str) -> bool,
    postal: Option<PostalCode>,
) -> Option<(usize, &'static str)> {
    let word_ends = |rest: &str| !rest.starts_with(|c: char| c.is_alphanumeric());
    let abbreviation = US_STATE_ABBREVIATIONS
        .iter()
        .filter(|(abbr, _)| allowed(abbr))
        .find(|(abbr, _)| after.starts_with(abbr) && word_ends(&after[abbr.len()..]))
        .map(|(abbr, code)| (abbr.len(), *code));
    abbreviation.or_else(|| {
        let postal = postal?;
        let code = US_POSTAL_CODES.iter().find(|c| {
            after.starts_with(*c)
                && word_ends(&after[2..])
                && !(matches!(postal, PostalCode::NotBeforeDot) && after[2..].starts_with('.'))
        })?;
        Some((2, *code))
    })
}

/// US state abbreviations outside "Place, St.": after a party letter
/// ("D-S.C.", "R-Ky."; [`PARTY_PREFIXES`]) any of them, elsewhere those of
/// [`STATE_ABBREVIATIONS_ANYWHERE`] ("S.C. House"). Searched in the text,
/// not the tokens, whose splits around dots and hyphens vary by tokeniser.
/// A party-prefixed state replaces what overlaps it ("D-N" read as a name).
fn standalone_states(cx: &Ctx, found: &mut Vec<Toponym>) {
    let text = cx.text;
    let mut out: Vec<Toponym> = Vec::new();
    for (at, _) in text.match_indices(|c: char| c.is_ascii_uppercase()) {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '.') {
            continue;
        }
        let party = PARTY_PREFIXES.iter().any(|p| {
            text[..at].ends_with(p)
                && !text[..at - p.len()]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric())
        });
        let after = &text[at..];
        let allowed = |abbr: &str| party || STATE_ABBREVIATIONS_ANYWHERE.contains(&abbr);
        let postal = party.then_some(PostalCode::NotBeforeDot);
        let Some((len, code)) = state_abbreviation_prefix(after, allowed, postal) else {
            continue;
        };
        let span = Span::new(at, at + len);
        if out.iter().any(|t| t.span.overlaps(span)) {
            continue;
        }
        if party {
            let whole = Span::new(at - 2, at + len);
            found.retain(|t| !t.span.overlaps(whole));
        } else if found.iter().any(|t| t.span.overlaps(span)) {
            continue;
        }
        let Some(place) = cx.gaz.admin1(*b"US", code) else {
            continue;
        };
        let mut t = Toponym::new(span, normalize(cx.gaz.place(place).name));
        t.forced = Some(place);
        out.push(t);
    }
    found.extend(out);
}

/// Places inside hyphenated tokens ([`HYPHEN_PLACE_FORMS`]): "R-Marshall",
/// "Washington-based"; else the parts that name a country or division
/// ("Egyptian-US relations"). The place part must be capitalised, a gazetteer
/// name that is no common word, and not overlap a toponym already found.
fn hyphen_places(cx: &Ctx, found: &[Toponym]) -> Vec<Toponym> {
    let mut out = Vec::new();
    for t in cx.toks.iter().filter(|t| t.word) {
        let word = &cx.text[t.span.start..t.span.end];
        if !word.contains('-') || found.iter().any(|f| f.span.overlaps(t.span)) {
            continue;
        }
        for (prefix, suffix) in HYPHEN_PLACE_FORMS {
            let Some(part) = word
                .strip_prefix(prefix)
                .and_then(|w| w.strip_suffix(suffix))
            else {
                continue;
            };
            if part.is_empty() || part.contains('-') || !part.starts_with(char::is_uppercase) {
                continue;
            }
            let key = normalize(part);
            let ok = cx.gaz.lookup_key(&key).is_some_and(|h| !h.common_word)
                && (!NEVER_ALONE.contains(&key.as_str())
                    || RESCUED_BY_CONTEXT.contains(&key.as_str()))
                && (key.len() > 3 || names_area(cx.gaz, &key));
            if ok {
                let start = t.span.start + prefix.len();
                out.push(Toponym::new(Span::new(start, start + part.len()), key));
                break;
            }
        }
        if out.last().is_some_and(|o| t.span.contains(o.span)) {
            continue;
        }
        // "Egyptian-US relations", "Russia-Georgia": parts that name a
        // country or first-order division (codes in capitals).
        let mut at = t.span.start;
        for part in word.split('-') {
            let key = normalize(part);
            let caps_ok = key.len() > 3 || part.chars().all(|c| c.is_ascii_uppercase());
            if part.starts_with(char::is_uppercase) && caps_ok && names_area(cx.gaz, &key) {
                out.push(Toponym::new(Span::new(at, at + part.len()), key));
            }
            at += part.len() + 1;
        }
    }
    out
}

/// Whether the word right after byte `end` (spaces between) is a
/// capitalised [`MEDIA_HEADS`] word or a [`PATHOGEN_HEADS`] word.
fn media_or_pathogen_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches(' ');
    if trimmed.len() == rest.len() {
        return false;
    }
    let word: String = trimmed
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let low = word.to_lowercase();
    (word.starts_with(char::is_uppercase) && MEDIA_HEADS.contains(&low.as_str()))
        || PATHOGEN_HEADS.contains(&low.as_str())
}

/// The name filters of [`match_at`] that do not depend on the context, for
/// names the tagger proposes: no day, month, title or direction word alone,
/// no building, no demonym, no short code unless a country's.
fn plausible(cx: &Ctx, surface: &str, key: &str, demonyms: &Demonyms) -> bool {
    let single = !key.contains(' ');
    if single && NEVER_ALONE.contains(&key) && !RESCUED_BY_CONTEXT.contains(&key) {
        return false;
    }
    let caps = surface
        .chars()
        .all(|c| !c.is_alphabetic() || c.is_uppercase());
    if caps && key.len() > 3 && cx.gaz.lookup_key(key).is_some_and(|h| h.common_word) {
        return false; // "NICE", "REAL": acronyms
    }
    if NON_PLACE_NAMES.contains(&key)
        || demonyms.country(surface).is_some() && !names_area(cx.gaz, key)
    {
        return false;
    }
    if key.len() <= 3 {
        if DIVISION_CODES_IN_TEXT.contains(&key) {
            return caps;
        }
        return cx.gaz.lookup_key(key).is_some_and(|h| {
            h.places().any(|p| {
                cx.gaz
                    .feature_code(cx.gaz.place(p.place))
                    .starts_with("PCL")
            })
        });
    }
    true
}

/// Whether a name is a country's or a first-order division's ("Vatican",
/// "Kuwait"): such a name is a place even where it doubles as an adjective.
fn names_area(gaz: &Gazetteer, key: &str) -> bool {
    gaz.lookup_key(key).is_some_and(|h| {
        h.places().any(|p| {
            let code = gaz.feature_code(gaz.place(p.place));
            code.starts_with("PCL") || code == "ADM1"
        })
    })
}

/// Whether every reading of a name is a populated place of fewer than
/// [`MINOR_PLACE_POPULATION`] people (no country, division or city).
fn minor_place(gaz: &Gazetteer, key: &str) -> bool {
    gaz.lookup_key(key).is_some_and(|h| {
        h.places().all(|p| {
            let e = gaz.place(p.place);
            gaz.feature_code(e).starts_with("PPL") && e.population < MINOR_PLACE_POPULATION
                || county_alias(gaz, p)
        })
    })
}

/// Whether a posting is a US county reached by its name without the
/// suffix ("Harris" for Harris County): no evidence the name is a place's.
fn county_alias(gaz: &Gazetteer, p: crate::gazetteer::Posting) -> bool {
    let e = gaz.place(p.place);
    !p.primary && gaz.feature_code(e) == "ADM2" && e.country == *b"US"
}

/// Whether the name ending at token `j` is in a list of capitalised names
/// closed by a plural division word ([`DIVISION_LIST_WORDS`]): "Barrow,
/// Jackson and Madison counties". Only names, [`LIST_JOINERS`] and spaces
/// may come between (at most 16 tokens).
fn in_division_list(cx: &Ctx, j: usize) -> bool {
    let mut k = j + 1;
    while k < cx.toks.len() && k <= j + 16 {
        let low = cx.low(k);
        if cx.toks[k].word && DIVISION_LIST_WORDS.contains(&low.as_str()) {
            return true;
        }
        let name_part = cx.toks[k].word && is_cap(cx.text, &cx.toks[k]) || cx.s(k) == ".";
        if !name_part && !LIST_JOINERS.contains(&low.as_str()) {
            return false;
        }
        k += 1;
    }
    false
}

/// Whether every place a name reaches is a US county named without its
/// suffix (an alternate name: "Gwinnett" for Gwinnett County).
fn county_alias_only(gaz: &Gazetteer, key: &str) -> bool {
    gaz.lookup_key(key)
        .is_some_and(|h| h.places().all(|p| county_alias(gaz, p)))
}

/// Whether a name names a continent ("Western Europe" is a region of its
/// own, not a premodifier before Europe).
fn continent(gaz: &Gazetteer, key: &str) -> bool {
    gaz.lookup_key(key).is_some_and(|h| {
        h.places()
            .any(|p| gaz.feature_code(gaz.place(p.place)) == "CONT")
    })
}

/// Whether a name's best reading is a country, a first-order division or a
/// place of at least [`PER_VETO_MAX_POPULATION`] people.
fn large_place(gaz: &Gazetteer, key: &str) -> bool {
    gaz.lookup_key(key).is_some_and(|h| {
        h.places().any(|p| {
            let e = gaz.place(p.place);
            let code = gaz.feature_code(e);
            code.starts_with("PCL")
                || code == "ADM1"
                || e.population >= PER_VETO_MAX_POPULATION && !county_alias(gaz, p)
        })
    })
}

/// "the north east", "the south": parts of the article's country.
fn relatives(cx: &Ctx) -> Vec<Toponym> {
    let mut out = Vec::new();
    for i in 0..cx.toks.len() {
        if cx.low(i) != "the" {
            continue;
        }
        let rest = &cx.text[cx.toks[i].span.end..];
        let rest_trim = rest.trim_start_matches(' ');
        let offset = cx.toks[i].span.end + (rest.len() - rest_trim.len());
        for dir in DIRECTIONS {
            let Some(after) = rest_trim.strip_prefix(dir) else {
                continue;
            };
            // the whole word(s), in lower case, not "the north of X", not "the North Sea"
            if after.starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            let follow = after.trim_start();
            if follow.starts_with("of ")
                || follow.starts_with(|c: char| c.is_uppercase())
                || follow.starts_with(|c: char| c.is_lowercase()) && !is_boundary_word(follow)
            {
                break;
            }
            let mut t = Toponym::new(
                Span::new(cx.toks[i].span.start, offset + dir.len()),
                String::new(),
            );
            t.relative = Some(dir.replace('-', " "));
            out.push(t);
            break;
        }
    }
    out
}

/// Words that can follow "the north east" when it is a region on its own
/// ("the north east with", "the south near Kherson"), as opposed to a noun
/// it modifies ("the north east coast").
fn is_boundary_word(follow: &str) -> bool {
    const AFTER_REGION: &[&str] = &[
        "with", "near", "and", "of", "where", "in", "on", "as", "to", "at", "by", "for", "from",
        "was", "is", "were", "are", "has", "have", "had", "which", "that", "but", "or",
    ];
    let w: String = follow.chars().take_while(|c| c.is_alphabetic()).collect();
    AFTER_REGION.contains(&w.as_str())
}

/// "Louisville, Ky." and "Seattle, WA": after "Place, ", a US state
/// abbreviation or postal code is a toponym fixed to the state.
fn state_abbreviation_at(cx: &Ctx, i: usize) -> Option<Toponym> {
    if i < 2 || cx.s(i - 1) != "," || !is_cap(cx.text, &cx.toks[i - 2]) {
        return None;
    }
    let at = cx.toks[i].span.start;
    let after = &cx.text[at..];
    let (len, code) = state_abbreviation_prefix(after, |_| true, Some(PostalCode::AnyWordEnd))?;
    let place = cx.gaz.admin1(*b"US", code)?;
    let mut t = Toponym::new(Span::new(at, at + len), normalize(cx.gaz.place(place).name));
    t.forced = Some(place);
    Some(t)
}

/// "X, Y": Y qualifies X when only ", " lies between them.
pub fn link_qualifiers(text: &str, found: &mut [Toponym]) {
    for a in 0..found.len().saturating_sub(1) {
        found[a].qualifier = None;
        found[a].contained = false;
        let between = &text[found[a].span.end..found[a + 1].span.start.max(found[a].span.end)];
        if found[a + 1].relative.is_some() {
            continue;
        }
        let container = is_container_phrase(between);
        if between.trim() == "," || container {
            found[a].qualifier = Some(a + 1);
            found[a].contained = container && describes_first(between);
            // "X is a county in the U.S. state of Georgia": Georgia, inside
            // the U.S., is what contains X.
            if let Some(next) = found.get(a + 2) {
                let (b, c) = (found[a + 1].span.end, next.span.start);
                let link = text[b..c.max(b)].trim().to_lowercase();
                if next.relative.is_none() && SUBDIVISION_OF_LINKS.contains(&link.as_str()) {
                    found[a].qualifier = Some(a + 2);
                }
            }
        }
    }
}

/// "X is a town in Y", "X, a city in the Y region", "X, located in Y":
/// the words between two names say the second contains the first. At most
/// ten words, no sentence end, a place noun or "located"/"situated", and
/// one of [`CONTAINER_PREPOSITIONS`] right before the second name.
fn is_container_phrase(between: &str) -> bool {
    let low = between.to_lowercase();
    let words: Vec<&str> = low
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 10 || low.contains(['.', '!', '?', ';', '(', ')']) {
        return false;
    }
    let last = words.last().copied().unwrap_or("");
    let last = if last == "the" && words.len() > 1 {
        words[words.len() - 2]
    } else {
        last
    };
    CONTAINER_PREPOSITIONS.contains(&last)
        && words
            .iter()
            .any(|w| CITY_CUES.contains(w) || CONTAINER_WORDS.contains(w))
}

/// Whether the words between two names open by saying what the first one
/// is ("X is a village in Y", "X, a suburb of Y", "X, located in Y"; see
/// [`CONTAINER_OPENINGS`]), so that the second contains the first (and not
/// "Kisumu were transported to the capital city of Nairobi").
fn describes_first(between: &str) -> bool {
    let low = between.to_lowercase();
    let words: Vec<&str> = low
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    CONTAINER_OPENINGS.iter().any(|o| {
        let o: Vec<&str> = o.split(' ').collect();
        words.starts_with(&o)
    })
}

/// Toponyms for given spans (resolution only, e.g. gold mentions): a span
/// recognition also found keeps its cues; others get the cues their context
/// shows. Qualifiers ("X, Y") are linked among the given spans.
pub fn from_spans(
    text: &str,
    toks: &[Tok],
    gaz: &Gazetteer,
    demonyms: &Demonyms,
    spans: &[Span],
    found: &[Toponym],
) -> Vec<Toponym> {
    let cx = Ctx {
        text,
        toks,
        gaz,
        entities: false,
    };
    let mut out: Vec<Toponym> = spans
        .iter()
        .map(|&span| {
            if let Some(t) = found
                .iter()
                .find(|t| t.span == span && t.relative.is_none())
            {
                return Toponym {
                    qualifier: None,
                    contained: false,
                    mention: None,
                    ..t.clone()
                };
            }
            let surface = &text[span.start..span.end];
            let mut t = Toponym::new(span, normalize(surface));
            // A state abbreviation or a demonym given as a toponym is fixed
            // to its state or country.
            // (a given span may leave the abbreviation's final dot out: "Calif")
            let state = US_STATE_ABBREVIATIONS
                .iter()
                .find(|(a, _)| *a == surface || a.strip_suffix('.') == Some(surface))
                .and_then(|(_, code)| gaz.admin1(*b"US", code));
            let country = demonyms
                .country(surface)
                .and_then(|cc| gaz.country(std::str::from_utf8(&cc).ok()?));
            if state.is_some() || !names_area(gaz, &t.key) {
                t.forced = state.or(country);
            }
            if let Some(i) = toks.iter().position(|k| k.span.start == span.start) {
                cues_before(&cx, i, demonyms, &mut t);
                // Cues after the span only when it ends where a token ends
                // ("Paris" in "Paris-Henry County" is no county).
                let after = toks
                    .iter()
                    .any(|k| k.span.end == span.end)
                    .then(|| toks.iter().position(|k| k.span.start >= span.end))
                    .flatten();
                if let Some(n) = after.filter(|&n| toks[n].word) {
                    t.division = DIVISION_SUFFIXES.contains(&cx.low(n).as_str());
                    t.first_order = FIRST_ORDER_SUFFIXES.contains(&cx.low(n).as_str());
                    t.subject_of_verb = verb_follows(&cx, n);
                }
                if let Some(n) = after.filter(|&n| n > 0) {
                    t.division |= in_division_list(&cx, n - 1);
                }
            }
            t
        })
        .collect();
    mark_local(&cx, &mut out);
    out.sort_by_key(|t| (t.span.start, t.span.end));
    out
}
