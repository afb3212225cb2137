//! The quotation rules. Each rule is a function named after the pattern it
//! reads; every word list it consults is a table in [`crate::tables`].
//!
//! Order of work, linear in the number of tokens:
//! 1. Pair quotation marks ([`crate::marks`]) into quoted segments.
//! 2. `name_colon`: a paragraph that opens with a speaker's name and a
//!    colon ("WALLACE: …", "Clinton: “…”").
//! 3. For each quoted segment, in text order:
//!    - `cue_before`: `X said: “…”`, `X told Y, “…”` (direct) or
//!      `X says Russia will … “as soon as possible”` (mixed: the reported
//!      clause holds a quoted fragment);
//!    - `cue_after`: `“…,” X said`, `“…,” said X` (the quotation must end
//!      with `,` `?` `!` so that titles and scare quotes are not taken);
//!    - `continuation`: `“…,” he said. “…”` — the next segment, with only
//!      punctuation between, is a second content span of the same
//!      quotation (one quotation, several content spans: PolNeAR's
//!      convention, and the README's "direct, split by he said").
//!
//!    - `lead_in`, `parenthetical_lead_in`: a lower-case quotation that
//!      goes on with the writer's clause before it takes that clause as
//!      content (mixed).
//!
//!    A segment none of these claims is not a quotation (scare quotes,
//!    titles, quoted words without a speech cue); neither is one that
//!    `title_after_possessive` reads as a title (`ABC’s “This Week,”`).
//! 4. For each speech verb no quotation used, outside quotation marks:
//!    `inverted` (`The economy is weak, he said.`, `…, said X.`,
//!    `A, he said, can B`), `reported` (`He told Mr Modi that …`), and
//!    `according_to`.
//! 5. With the tagger on ([`crate::TaggerUse`]), its attributions are
//!    merged with the rules' quotations (see `merge_tagged`).
//! 6. Speakers and addressees are resolved in text order by
//!    [`crate::speaker::Resolver`], so that a later "he said" can reach
//!    back to the speaker before it; channel and time come from the cue's
//!    sentence outside the content.

use crate::marks::{self, MarkProblem, Quoted};
use crate::speaker::Resolver;
use crate::tables::*;
use crate::tagger;
use crate::view::View;
use crate::{Config, TaggerModel, TaggerUse};
use newsgraph_doc::{EntityLabel, Quote, QuoteKind, Span, TokenKind};
use std::ops::Range;

/// A subject longer than this many tokens is not taken as a speaker.
pub const MAX_SUBJECT: usize = 10;
/// An appositive between a speaker's name and the cue is at most this
/// many tokens (`Schiff, 56, who has served on the committee, told`).
pub const MAX_APPOSITIVE: usize = 25;
/// `“…,” he said, “…”` is one split quotation when at most this many
/// words (the speaker's aside) stand between the verb and the second
/// segment; with more, the second segment is a quotation of its own.
pub const MAX_SPLIT_GAP: usize = 3;
/// An addressee longer than this many tokens is not taken.
pub const MAX_ADDRESSEE: usize = 6;
/// At most this many tokens between a speech verb and the mark of the
/// direct quotation it introduces (`told reporters on Friday: “…”`).
pub const MAX_CUE_GAP: usize = 8;

/// Characters that close a quotation, trimmed before looking at the
/// punctuation inside it.
const CLOSING_CHARS: [char; 5] = ['”', '"', '\'', '»', '’'];

/// Words in capitals before a colon that are not speakers.
pub const NAME_COLON_STOPS: &[&str] = &[
    "update",
    "updated",
    "note",
    "watch",
    "read",
    "more",
    "breaking",
    "exclusive",
    "photos",
    "photo",
    "video",
    "analysis",
    "opinion",
    "correction",
    "editor",
    "related",
    "live",
    "ap",
    "upi",
    "reuters",
    "afp",
    "q",
    "a",
    "warning",
    "source",
    "sources",
    "credit",
    "pictured",
];

/// Where the rules beat the tagger on PolNeAR dev, so their quotation is
/// kept whatever the tagger says: direct quotations (marks on both ends)
/// and colon-introduced ones (`WALLACE: …` transcripts, which the tagger
/// rarely saw in training).
fn rules_win(v: &View, f: &Found) -> bool {
    f.kind == QuoteKind::Direct || v.low(f.anchor) == ":" || leads_in(f)
}

/// A mixed quotation of rule `lead_in` or `parenthetical_lead_in`: the
/// writer's words and then a quotation, the cue after the first content
/// span. The rules keep these like direct quotations.
fn leads_in(f: &Found) -> bool {
    f.kind == QuoteKind::Mixed && f.cue.is_some_and(|c| c.start >= f.content[0].end)
}

/// Whether a cue word is speech: a speech verb, "according" or a colon.
fn is_speech_cue(lower: &str) -> bool {
    speech_verb(lower).is_some() || is_in(TAGGER_SPEECH_CUES, lower)
}

/// Cue words besides the speech verbs that make a tagger attribution
/// speech under the default configuration.
pub const TAGGER_SPEECH_CUES: &[&str] = &["according", ":"];

/// A quotation found by the rules, before its speaker is resolved.
#[derive(Debug, Clone)]
struct Found {
    kind: QuoteKind,
    content: Vec<Span>,
    cue: Option<Span>,
    /// Token that anchors the cue (the verb, the colon, "according").
    anchor: usize,
    speaker: Option<Range<usize>>,
    addressee: Option<Range<usize>>,
}

impl Found {
    fn end(&self, v: &View) -> usize {
        let mut end = self.content.iter().map(|s| s.end).max().unwrap_or(0);
        end = end.max(self.cue.map_or(0, |c| c.end));
        for r in [&self.speaker, &self.addressee].into_iter().flatten() {
            end = end.max(v.tokens[r.end - 1].span.end);
        }
        end
    }
}

/// Quotations of the document and the problems seen in its marks.
pub struct Extracted {
    pub quotes: Vec<Quote>,
    pub problems: Vec<MarkProblem>,
}

struct Ctx<'v, 'a> {
    v: &'v View<'a>,
    cfg: &'v Config,
    /// Token inside a quoted segment (marks included).
    in_quote: Vec<bool>,
    /// Token used as (part of) a cue.
    used: Vec<bool>,
    /// Token inside the content of a quotation already found.
    covered: Vec<bool>,
    found: Vec<Found>,
}

/// Runs the rules (and the tagger, as `cfg.tagger` asks) on a document
/// view and resolves speakers with `res`.
pub fn extract(v: &View, res: &mut Resolver, cfg: &Config) -> Extracted {
    let (mut cx, problems) = rules(v, cfg);
    if cfg.tagger != TaggerUse::Off {
        // The encoder's attributions, when it runs and loads.
        let from_encoder = match cfg.model {
            TaggerModel::Encoder | TaggerModel::Both => encoder_attributions(v, &cx, cfg),
            TaggerModel::Perceptron => None,
        };
        // The perceptron's: asked for, or the fallback when the encoder
        // does not load.
        let wants_perceptron = cfg.model != TaggerModel::Encoder || from_encoder.is_none();
        let from_perceptron = if wants_perceptron {
            tagger::embedded().map(|model| {
                // The tagger was trained on the rules' output under the
                // stacking configuration: rerun them unless `cfg` is that one.
                let sc = tagger::features::stacking_config();
                let units = if sc.same_rules(cfg) {
                    cx.tagger_units()
                } else {
                    rules(v, &sc).0.tagger_units()
                };
                let tags = tagger::tag_units(model, &units);
                tagger::decode::attributions(v, &units, &tags, cfg.decode)
            })
        } else {
            None
        };
        let found = match (from_perceptron, from_encoder) {
            (Some(p), Some(e)) => union_tagged(p, e),
            (Some(one), None) | (None, Some(one)) => one,
            (None, None) => Vec::new(),
        };
        cx.merge_tagged(found, cfg.tagger);
    }
    if cfg.rule_boundaries {
        cx.tidy_boundaries();
    }
    let quotes = cx.resolve(res);
    Extracted { quotes, problems }
}

/// The encoder tagger's attributions over the rules' units (paragraphs);
/// `None` when its model does not load.
#[cfg(feature = "encoder")]
fn encoder_attributions(v: &View, cx: &Ctx, cfg: &Config) -> Option<Vec<tagger::Tagged>> {
    let model = crate::encoder::embedded()?;
    let units = cx.tagger_units();
    let words: Vec<Vec<&str>> = units
        .iter()
        .map(|u| u.tokens.iter().map(|&t| v.word(t)).collect())
        .collect();
    let tags = model.tag(&words);
    Some(tagger::decode::attributions(v, &units, &tags, cfg.decode))
}

/// Built without the `encoder` feature: there is no encoder, and the
/// perceptron runs in its place (said once on stderr, since a caller asked
/// for the encoder).
#[cfg(not(feature = "encoder"))]
fn encoder_attributions(_: &View, _: &Ctx, _: &Config) -> Option<Vec<tagger::Tagged>> {
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        eprintln!(
            "newsgraph-quotes: built without the `encoder` feature; the perceptron tagger runs instead"
        )
    });
    None
}

/// [`TaggerModel::Both`]: every attribution of `first`, then those of
/// `second` that share no cue or content token with any of `first`'s.
pub fn union_tagged(
    first: Vec<tagger::Tagged>,
    second: Vec<tagger::Tagged>,
) -> Vec<tagger::Tagged> {
    let touches = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let clashes = |t: &tagger::Tagged, u: &tagger::Tagged| {
        let spans = |x: &tagger::Tagged| {
            std::iter::once(x.cue.clone())
                .chain(x.content.iter().cloned())
                .collect::<Vec<_>>()
        };
        let (a, b) = (spans(t), spans(u));
        a.iter().any(|r| b.iter().any(|q| touches(r, q)))
    };
    let mut out = first;
    let kept = out.len();
    for t in second {
        if !out[..kept].iter().any(|f| clashes(f, &t)) {
            out.push(t);
        }
    }
    out
}

/// The tagger's input units for a document view: the features of every
/// paragraph, with the rules (attribution configuration) as stacked
/// features. Used by the stage and by the training command.
pub fn tagger_units(v: &View) -> Vec<tagger::Unit> {
    let sc = tagger::features::stacking_config();
    let (cx, _) = rules(v, &sc);
    cx.tagger_units()
}

/// The rules alone, before speaker resolution.
fn rules<'v, 'a>(v: &'v View<'a>, cfg: &'v Config) -> (Ctx<'v, 'a>, Vec<MarkProblem>) {
    let skip: Vec<bool> = v.boilerplate.clone();
    let (segs, problems) = marks::find(v.text, &v.paragraphs, &skip);
    let n = v.tokens.len();
    let mut cx = Ctx {
        v,
        cfg,
        in_quote: vec![false; n],
        used: vec![false; n],
        covered: vec![false; n],
        found: Vec::new(),
    };
    for seg in &segs {
        for part in &seg.parts {
            let mut t = v.token_at_or_after(part.start);
            while t < n && v.tokens[t].span.end <= part.end {
                cx.in_quote[t] = true;
                t += 1;
            }
        }
    }
    for s in 0..v.sents.len() {
        if !v.sent_is_boilerplate(s) {
            cx.name_colon(s);
        }
    }
    for seg in &segs {
        cx.segment(seg);
    }
    for s in 0..v.sents.len() {
        if !v.sent_is_boilerplate(s) {
            cx.sentence(s);
        }
    }
    let mut last_in_sentence: Vec<Option<usize>> = vec![None; v.sents.len()];
    for (i, f) in cx.found.iter().enumerate() {
        if let (Some(s), Some(_)) = (v.sent_index(f.anchor), &f.speaker) {
            let later = last_in_sentence[s].is_none_or(|j| cx.found[j].anchor < f.anchor);
            if later {
                last_in_sentence[s] = Some(i);
            }
        }
    }
    for seg in &segs {
        cx.follow_on(seg, &last_in_sentence);
    }
    (cx, problems)
}

impl<'v, 'a> Ctx<'v, 'a> {
    /// The tagger's units, with the rules' quotations so far as features.
    fn tagger_units(&self) -> Vec<tagger::Unit> {
        let v = self.v;
        let n = v.tokens.len();
        let mut role = vec![tagger::Tag::O; n];
        let mut direct = vec![false; n];
        let mut mark = |span: Span, r: usize, is_direct: bool| {
            let mut t = v.token_at_or_after(span.start);
            let first = t;
            while t < n && v.tokens[t].span.end <= span.end {
                role[t] = if t == first {
                    tagger::Tag::begin(r)
                } else {
                    tagger::Tag::inside(r)
                };
                direct[t] = is_direct;
                t += 1;
            }
        };
        // Content first: a nested cue or source inside it wins.
        for f in &self.found {
            let d = f.kind == QuoteKind::Direct;
            for c in &f.content {
                mark(*c, tagger::tags::CONTENT, d);
            }
        }
        for f in &self.found {
            let d = f.kind == QuoteKind::Direct;
            if let Some(r) = &f.speaker {
                mark(v.span(r.clone()), tagger::tags::SOURCE, d);
            }
            if let Some(c) = f.cue {
                mark(c, tagger::tags::CUE, d);
            }
        }
        tagger::features::units(v, &self.in_quote, &role, &direct)
    }

    /// Combines the tagger's attributions with the rules' quotations.
    fn merge_tagged(&mut self, tagged: Vec<tagger::Tagged>, how: TaggerUse) {
        let v = self.v;
        match how {
            TaggerUse::Off => return,
            TaggerUse::Only => self.found.clear(),
            TaggerUse::Combined => self.found.retain(|f| rules_win(v, f)),
            TaggerUse::Confirmed => {
                // A reported quotation of the rules stays when the tagger
                // found an attribution with the same cue word.
                let cue_tokens: Vec<bool> = {
                    let mut c = vec![false; v.tokens.len()];
                    for t in &tagged {
                        for i in t.cue.clone() {
                            c[i] = true;
                        }
                    }
                    c
                };
                self.found
                    .retain(|f| rules_win(v, f) || cue_tokens[f.anchor]);
                // The tagger's source span is the better one (PolNeAR dev):
                // take it for a kept reported quotation with the same cue.
                for f in self
                    .found
                    .iter_mut()
                    .filter(|f| f.kind != QuoteKind::Direct)
                {
                    let same = tagged.iter().find(|t| t.cue.contains(&f.anchor));
                    if let Some(src) = same.and_then(|t| t.source.clone()) {
                        f.speaker = Some(src);
                    }
                }
            }
            TaggerUse::Union => {}
        }
        // Recompute coverage from what is kept.
        let kept = std::mem::take(&mut self.found);
        self.covered.iter_mut().for_each(|c| *c = false);
        self.used.iter_mut().for_each(|c| *c = false);
        for f in kept {
            self.push(f);
        }
        for t in tagged {
            // Speech only, unless the configuration takes learned cues: the
            // tagger learned PolNeAR's wider attribution (beliefs, plans).
            if !self.cfg.learned_cues && !t.cue.clone().any(|i| is_speech_cue(v.low(i))) {
                continue;
            }
            let toks = || t.content.iter().flat_map(|r| r.clone());
            if toks().any(|i| self.covered[i]) || t.cue.clone().any(|i| self.used[i]) {
                continue;
            }
            let words: Vec<usize> = toks()
                .filter(|&i| !v.is_punct(i) || self.in_quote[i])
                .collect();
            let quoted = words.iter().filter(|&&i| self.in_quote[i]).count();
            let kind = if !words.is_empty() && quoted == words.len() {
                QuoteKind::Direct
            } else if quoted > 0 {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            };
            self.push(Found {
                kind,
                content: t.content.iter().map(|r| v.span(r.clone())).collect(),
                cue: Some(v.span(t.cue.clone())),
                anchor: t.cue.start,
                speaker: t.source.clone(),
                addressee: None,
            });
        }
    }

    /// The boundary rules of [`tagger::boundary`] on every quotation's cue
    /// and source ([`Config::rule_boundaries`]: the tagger's were tidied
    /// when decoded; the rules' cue leaves a following colon out). A fix
    /// that would overlap the quotation's content is not taken.
    fn tidy_boundaries(&mut self) {
        let v = self.v;
        for f in &mut self.found {
            let content: Vec<Range<usize>> = f.content.iter().map(|&c| v.tokens_of(c)).collect();
            let mut t = tagger::Tagged {
                cue: match f.cue {
                    Some(c) => v.tokens_of(c),
                    None => 0..0,
                },
                source: f.speaker.clone(),
                content,
            };
            tagger::boundary::tidy(v, &mut t);
            if f.cue.is_some() && !t.cue.is_empty() {
                f.cue = Some(v.span(t.cue));
            }
            f.speaker = t.source;
        }
    }

    fn frame(&self, i: usize) -> Option<Frame> {
        let v = self.v;
        let w = v.low(i);
        // A capitalised form inside a sentence is a name ("United States",
        // "Washington Post"), not a verb.
        if v.is_capitalised(i) && v.sent_of(i).is_some_and(|s| s.tokens.start != i) {
            return None;
        }
        if is_in(NOUN_HOMOGRAPHS, w) {
            let ok = i > 0
                && (v.name_mention(i - 1).is_some()
                    || is_in(SUBJECT_PRONOUNS, v.low(i - 1))
                    || is_in(CUE_PREFIX, v.low(i - 1)));
            if !ok {
                return None;
            }
        }
        // A learned cue followed by "by" is a passive ("endorsed by",
        // "imposed by"): its subject is not the source.
        let passive = i + 1 < v.tokens.len() && v.low(i + 1) == "by";
        speech_verb(w).or_else(|| {
            if passive || w.ends_with("ly") {
                return None;
            }
            (self.cfg.learned_cues && crate::lexicon::is_cue(w, self.cfg)).then_some(Frame {
                direct: true,
                indirect: true,
                addressee: Addressee::ViaTo,
            })
        })
    }

    fn push(&mut self, f: Found) {
        let v = self.v;
        for c in &f.content {
            let mut t = v.token_at_or_after(c.start);
            while t < v.tokens.len() && v.tokens[t].span.end <= c.end {
                self.covered[t] = true;
                t += 1;
            }
        }
        if let Some(c) = f.cue {
            let mut t = v.token_at_or_after(c.start);
            while t < v.tokens.len() && v.tokens[t].span.end <= c.end {
                self.used[t] = true;
                t += 1;
            }
        }
        self.found.push(f);
    }

    /// The subject noun phrase left of a speech verb and where the cue
    /// starts (auxiliaries and adverbs before the verb belong to the cue).
    fn subject_left(&self, verb: usize, floor: usize) -> Option<(Range<usize>, usize)> {
        let v = self.v;
        let mut j = verb;
        while j > floor
            && (is_in(CUE_PREFIX, v.low(j - 1))
                || (v.low(j - 1).ends_with("ly") && !v.is_capitalised(j - 1)))
        {
            j -= 1;
        }
        let cue_start = j;
        if j == floor {
            return None;
        }
        if is_in(RELATIVE_SPEAKERS, v.low(j - 1)) {
            return Some((j - 1..j, cue_start));
        }
        if let Some(np) = self.appositive_subject(j, floor) {
            return Some((np, cue_start));
        }
        let end = j;
        let mut k = j;
        while k > floor {
            let t = k - 1;
            let w = v.low(t);
            // Inside one sentence a "." token is an abbreviation's
            // ("(D-Wis.)"), so it does not end the subject.
            if self.in_quote[t] || (v.is_punct(t) && !matches!(w, "(" | ")" | "&" | "-" | ".")) {
                break;
            }
            let possessive = matches!(w, "'s" | "’s");
            if !possessive && (is_in(CUE_PREFIX, w) || w == "n't" || w == "n’t") {
                // An auxiliary inside the walk: we are in a clause, not a
                // subject ("Trump's statement didn't clarify … said").
                break;
            }
            if is_in(SUBJECT_STOPS, w) {
                let joins_names = w == "and"
                    && t > floor
                    && k < end
                    && v.is_capitalised(t - 1)
                    && v.is_capitalised(k);
                if !joins_names {
                    break;
                }
            } else if self.frame(t).is_some() {
                break;
            }
            k -= 1;
            if end - k > MAX_SUBJECT {
                return None;
            }
        }
        // A leading time word is not part of the subject ("Yesterday he").
        while k < end && (is_in(DAYS, v.low(k)) || v.tokens[k].kind != TokenKind::Word) {
            k += 1;
        }
        (k < end).then_some((k..end, cue_start))
    }

    /// `Rendell, a Clinton surrogate, said`, `Schiff, 56, who has served
    /// …, told`: a name, then comma-separated appositives, then the comma
    /// before the cue at `j`. The speaker runs from the name through that
    /// last comma (PolNeAR's convention).
    fn appositive_subject(&self, j: usize, floor: usize) -> Option<Range<usize>> {
        let v = self.v;
        if j < floor + 3 || v.low(j - 1) != "," {
            return None;
        }
        let lowest = j.saturating_sub(MAX_APPOSITIVE).max(floor + 1);
        let mut best = None;
        let mut c = j - 1;
        // Walk left over the appositives; the leftmost comma that follows a
        // name and opens an appositive wins ("Scott Pruitt, the attorney
        // general of Oklahoma, one of the states suing, said").
        while c > lowest {
            c -= 1;
            let w = v.low(c);
            if self.in_quote[c]
                || (v.is_punct(c) && !matches!(w, "," | "(" | ")" | "-" | "&" | "'" | "’"))
            {
                break;
            }
            if w != "," {
                continue;
            }
            let after = v.low(c + 1);
            if is_in(SUBJECT_STOPS, after) && !is_in(RELATIVE_SPEAKERS, after) {
                // Rule `parenthetical_subject`: `Blunt, after a long pause,
                // said`: a name, then a parenthetical up to the cue's
                // comma; the speaker is the name (with its titles) alone.
                let named = best.is_none() && is_in(PARENTHETICAL_OPENERS, after);
                if let Some(m) = v.name_mention(c - 1).filter(|_| named) {
                    if v.mention_tokens(m).end == c {
                        return Some(self.with_titles(v.mention_tokens(m).start, floor)..c);
                    }
                }
                break;
            }
            let Some(m) = v.name_mention(c - 1) else {
                // `The state’s campaign chairman, Phil Lovas, said`: the
                // name stands between the commas.
                if best.is_some() {
                    break;
                }
                let Some(m) = v.name_mention(c + 1) else {
                    // An inner appositive ("Schiff, 56, who has served …,"):
                    // keep walking left to the name.
                    if v.tokens[c - 1].kind == TokenKind::Number || !v.is_capitalised(c - 1) {
                        continue;
                    }
                    break;
                };
                if v.mention_tokens(m).end != j - 1 {
                    break;
                }
                let mut start = c;
                while start > floor
                    && start > c.saturating_sub(MAX_SUBJECT)
                    && !v.is_punct(start - 1)
                    && !is_in(SUBJECT_STOPS, v.low(start - 1))
                {
                    start -= 1;
                }
                return (start < c).then_some(start..j);
            };
            // A short capitalised appositive ends at the cue's comma
            // ("Mitch McConnell, R-Ky., said").
            let short_tag = j - 1 - (c + 1) <= 3;
            let apposition = is_in(DETERMINERS, after)
                || is_in(RELATIVE_SPEAKERS, after)
                || v.tokens[c + 1].kind == TokenKind::Number
                || !v.is_capitalised(c + 1)
                || short_tag;
            if !apposition {
                break;
            }
            best = Some(self.with_titles(v.mention_tokens(m).start, floor)..j);
        }
        best
    }

    /// Where a name that starts at token `start` starts with the titles
    /// before it ("Sen. Ted Cruz"), not crossing `floor`.
    fn with_titles(&self, mut start: usize, floor: usize) -> usize {
        let v = self.v;
        while start > floor
            && is_in(TITLES, v.low(start - 1).trim_end_matches('.'))
            && v.is_capitalised(start - 1)
        {
            start -= 1;
        }
        start
    }

    /// The noun phrase right after a verb in inverted order ("said Mr.
    /// Holtz-Eakin", "said the official in a statement").
    fn subject_right(&self, i: usize, end: usize) -> Option<Range<usize>> {
        let v = self.v;
        if i < end && is_in(NOT_SPEAKER_STARTS, v.low(i)) {
            return None;
        }
        let mut k = i;
        while k < end && k < i + MAX_SUBJECT {
            let w = v.low(k);
            if self.in_quote[k]
                || (v.is_punct(k) && !matches!(w, "(" | ")" | "&" | "-"))
                || is_in(SUBJECT_STOPS, w)
                || is_in(DAYS, w)
                || self.frame(k).is_some()
            {
                break;
            }
            k += 1;
        }
        if k == i {
            return None;
        }
        // `said Tim Hess, a real estate developer in Virginia.`: an
        // appositive that runs to the end of the sentence belongs to the
        // speaker.
        if k + 1 < end && v.low(k) == "," && v.name_mention(k - 1).is_some() {
            let mut e = end;
            while e > k + 1 && v.is_punct(e - 1) && !self.in_quote[e - 1] {
                e -= 1;
            }
            let first = v.low(k + 1);
            let clean = e > k + 1
                && e - k <= MAX_APPOSITIVE
                && !first.ends_with("ing")
                && self.frame(k + 1).is_none()
                && (k + 1..e).all(|t| !self.in_quote[t] && self.frame(t).is_none());
            if clean {
                return Some(i..e);
            }
        }
        Some(i..k)
    }

    /// The addressee right after a verb of telling: a name (with titles),
    /// an object pronoun, a determiner phrase ("the Russian president"), or
    /// one plain word ("reporters").
    fn addressee_right(&self, i: usize, end: usize) -> Option<Range<usize>> {
        let v = self.v;
        if i >= end || self.in_quote[i] {
            return None;
        }
        let mut k = i;
        while k < end && is_in(TITLES, v.low(k).trim_end_matches('.')) && v.is_capitalised(k) {
            k += 1;
        }
        if k < end {
            if let Some(m) = v.name_mention(k) {
                let r = v.mention_tokens(m);
                return Some(i..r.end.min(end));
            }
        }
        if k > i || (v.is_capitalised(i) && !is_in(CLAUSE_OPENERS, v.low(i))) {
            // A capitalised run ("Mr Modi" without a name mention, "CNN").
            let mut e = k.max(i);
            while e < end && v.is_capitalised(e) && e < i + MAX_ADDRESSEE {
                e += 1;
            }
            return (e > i).then_some(i..e);
        }
        let w = v.low(i);
        if matches!(w, "him" | "her" | "them" | "me" | "us" | "you") {
            return Some(i..i + 1);
        }
        if is_in(DETERMINERS, w) && w != "that" {
            let mut e = i + 1;
            while e < end && e < i + MAX_ADDRESSEE {
                let x = v.low(e);
                if v.is_punct(e)
                    || self.in_quote[e]
                    || x == "that"
                    || matches!(x, "he" | "she" | "they" | "it" | "we" | "i")
                    || is_in(SUBJECT_STOPS, x)
                    || is_in(DAYS, x)
                    || self.frame(e).is_some()
                {
                    break;
                }
                e += 1;
            }
            return (e > i + 1).then_some(i..e);
        }
        if v.tokens[i].kind == TokenKind::Word
            && !is_in(CLAUSE_OPENERS, w)
            && !is_in(SUBJECT_STOPS, w)
            && !is_in(DAYS, w)
            && !w.ends_with("ed")
            && self.frame(i).is_none()
        {
            return Some(i..i + 1);
        }
        None
    }

    /// The addressee of verb `verb` per its frame, and the token after it.
    fn addressee_of(&self, verb: usize, frame: Frame, end: usize) -> (Option<Range<usize>>, usize) {
        let v = self.v;
        let i = verb + 1;
        match frame.addressee {
            Addressee::ViaTo if i + 1 < end && v.low(i) == "to" => {
                match self.addressee_right(i + 1, end) {
                    Some(r) => (Some(r.clone()), r.end),
                    None => (None, i),
                }
            }
            Addressee::ViaTo => (None, i),
            Addressee::Object | Addressee::Required => match self
                .addressee_right(i, end)
                .filter(|r| self.time_at(r.start, r.end).is_none())
            {
                Some(r) => (Some(r.clone()), r.end),
                None => (None, i),
            },
        }
    }

    /// Skips a time phrase ("Friday", "on Monday") right after a verb.
    fn skip_time(&self, i: usize, end: usize) -> usize {
        match self.time_at(i, end) {
            Some(r) => r.end,
            None => i,
        }
    }

    /// A time phrase starting at `i`: "on Friday afternoon", "yesterday",
    /// "last night".
    fn time_at(&self, i: usize, end: usize) -> Option<Range<usize>> {
        let v = self.v;
        if i >= end {
            return None;
        }
        let mut k = i;
        if v.low(k) == "on" && k + 1 < end && is_in(DAYS, v.low(k + 1)) {
            k += 1;
        }
        if is_in(DAYS, v.low(k)) {
            let mut e = k + 1;
            if e < end && is_in(DAY_PARTS, v.low(e)) {
                e += 1;
            }
            return Some(i..e);
        }
        if i + 1 < end {
            let two = format!("{} {}", v.low(i), v.low(i + 1));
            if is_in(TIME_PHRASES, &two) {
                return Some(i..i + 2);
            }
        }
        None
    }

    /// A channel phrase starting at `i`: "on Telegram", "in a statement",
    /// "in an interview with Fox News".
    fn channel_at(&self, i: usize, end: usize) -> Option<Range<usize>> {
        let v = self.v;
        if i + 1 >= end || !is_in(CHANNEL_PREPOSITIONS, v.low(i)) {
            return None;
        }
        let mut k = i + 1;
        if is_in(DETERMINERS, v.low(k)) && k + 1 < end {
            k += 1;
        }
        let mut hit = None;
        for len in [2usize, 1] {
            if k + len <= end {
                let phrase: Vec<&str> = (k..k + len).map(|t| v.low(t)).collect();
                if is_in(CHANNELS, &phrase.join(" ")) {
                    hit = Some(k + len);
                    break;
                }
            }
        }
        // "on the phone" is listed with its determiner.
        if hit.is_none() && k > i + 1 {
            let phrase = format!("{} {}", v.low(i + 1), v.low(k));
            if is_in(CHANNELS, &phrase) {
                hit = Some(k + 1);
            }
        }
        let mut e = hit?;
        if e + 1 < end && v.low(e) == "with" {
            if let Some(m) = v.name_mention(e + 1) {
                e = v.mention_tokens(m).end.min(end);
            }
        }
        Some(i..e)
    }

    /// Where a reported clause starts at `i`, if one does.
    fn clause_at(&self, i: usize, end: usize, after_addressee: bool) -> Option<usize> {
        let v = self.v;
        if i >= end {
            return None;
        }
        let w = v.low(i);
        // With the learned lexicon any word may open the complement
        // (PolNeAR's contents include objects: "urges supporters to …").
        let strict = !self.cfg.learned_cues;
        let approximate = matches!(
            w,
            "about" | "around" | "nearly" | "almost" | "over" | "some"
        ) && i + 1 < end
            && v.tokens[i + 1].kind == TokenKind::Number;
        let opens = approximate
            || w == "that"
            || is_in(CLAUSE_OPENERS, w)
            || v.is_capitalised(i)
            || v.tokens[i].kind == TokenKind::Number
            || self.in_quote[i]
            || (after_addressee && w == "to")
            || (v.tokens[i].kind == TokenKind::Word
                && (!strict || (w != "to" && !is_in(NOT_CLAUSE_OPENERS, w))));
        (opens && i + 1 < end).then_some(i)
    }

    /// "says in Ohio that …", "said at a rally on Friday that …": a
    /// prepositional phrase between the verb and "that" (no punctuation,
    /// no quotation, at most [`MAX_CUE_GAP`] tokens).
    fn that_after_phrase(&self, i: usize, end: usize) -> Option<usize> {
        let v = self.v;
        if i >= end || !is_in(CHANNEL_PREPOSITIONS, v.low(i)) {
            return None;
        }
        (i + 1..end.min(i + MAX_CUE_GAP))
            .take_while(|&t| !v.is_punct(t) && !self.in_quote[t] && self.frame(t).is_none())
            .find(|&t| v.low(t) == "that")
            .filter(|&t| t + 2 < end)
    }

    /// Where reported content starting at `start` ends (exclusive): the
    /// sentence end without its final punctuation, or a comma before a
    /// word of [`CONTENT_BREAKERS`].
    fn content_end(&self, start: usize, sent_end: usize) -> usize {
        let v = self.v;
        let mut e = sent_end;
        while e > start
            && !self.in_quote[e - 1]
            && matches!(v.low(e - 1), "." | "!" | "?" | ";" | ":" | "," | "—" | "–")
        {
            e -= 1;
        }
        for k in start + 1..e {
            if self.in_quote[k] {
                continue;
            }
            if matches!(v.low(k), ";" | "—" | "–" | "--" | "―") {
                return k;
            }
            // "… would be more intense and he noted that …": another
            // speaker's cue after a conjunction ends this content.
            if matches!(v.low(k), "and" | "but")
                && (k + 1..(k + 5).min(e)).any(|t| self.frame(t).is_some() && !v.is_punct(t - 1))
                && !matches!(v.low(k + 1), "that" | "to")
            {
                let e2 = if v.low(k - 1) == "," { k - 1 } else { k };
                return e2;
            }
            // ", but he refuses …", ", and when pressed …": a new clause
            // of the writer's; ", but that …" goes on reporting.
            let new_clause = |t: usize| {
                matches!(v.low(t), "but" | "and" | "yet")
                    && t + 1 < e
                    && matches!(
                        v.low(t + 1),
                        "he" | "she" | "they" | "it" | "we" | "when" | "then"
                    )
            };
            let next_breaks = |t: usize| is_in(CONTENT_BREAKERS, v.low(t)) || new_clause(t);
            if v.low(k) == "," && !self.in_quote[k] && k + 1 < e && next_breaks(k + 1) {
                return k;
            }
        }
        e
    }

    /// Rule `name_colon`: a paragraph's first sentence opening with a name
    /// and a colon: "WALLACE: …", "Clinton: “…”".
    fn name_colon(&mut self, s: usize) {
        let v = self.v;
        let sent = &v.sents[s];
        let para = v.paragraphs[sent.paragraph];
        if v.tokens.get(sent.tokens.start).map(|t| t.span.start) != Some(para.start) {
            let first = v.token_at_or_after(para.start);
            if first != sent.tokens.start {
                return;
            }
        }
        let mut i = sent.tokens.start;
        let end = sent.tokens.end;
        // A straight mark may open a transcript paragraph.
        if i < end && v.is_punct(i) && self.in_quote[i] && v.low(i) != "“" {
            i += 1;
        }
        let name_start = i;
        let person = v
            .name_mention(i)
            .filter(|&m| v.mentions[m].label == newsgraph_doc::EntityLabel::Person);
        let name_end = if let Some(m) = person {
            v.mention_tokens(m).end
        } else {
            let mut e = i;
            while e < end && e < i + 3 && is_all_caps(v.word(e)) {
                e += 1;
            }
            e
        };
        if name_end == name_start || name_end >= end || v.low(name_end) != ":" {
            return;
        }
        if (name_start..name_end).any(|t| is_in(NAME_COLON_STOPS, v.low(t))) {
            return;
        }
        let colon = name_end;
        let cstart = colon + 1;
        if cstart >= v.tokens.len() || v.tokens[cstart].span.start >= para.end {
            return;
        }
        let content = Span::new(v.tokens[cstart].span.start, para.end);
        let quoted = self.in_quote[cstart];
        self.push(Found {
            kind: if quoted {
                QuoteKind::Direct
            } else {
                QuoteKind::Indirect
            },
            content: vec![content],
            cue: Some(v.tokens[colon].span),
            anchor: colon,
            speaker: Some(name_start..name_end),
            addressee: None,
        });
    }

    /// Steps 3: attribute one quoted segment.
    fn segment(&mut self, seg: &Quoted) {
        let v = self.v;
        let open = v.token_at_or_after(seg.parts[0].start);
        if open >= v.tokens.len() || self.covered[open] {
            return;
        }
        // `on “Fox News Sunday,”`, `the “gold standard”`: after a
        // preposition or determiner the quoted words are a title or a
        // name, not speech.
        let sent_start = v.sent_of(open).map_or(open, |s| s.tokens.start);
        if open > sent_start && is_in(TITLE_INTRODUCERS, v.low(open - 1)) {
            return;
        }
        if self.title_after_possessive(seg, open, sent_start) {
            return;
        }
        if let Some(f) = self.cue_before(seg, open) {
            self.push(f);
        } else if let Some(f) = self.cue_after(seg) {
            let f = self.lead_in(open, f);
            self.push(f);
        } else if let Some(f) = self.dash_attribution(seg, open) {
            self.push(f);
        } else if let Some(f) = self.colon_paragraph(seg, open) {
            self.push(f);
        } else {
            self.continuation(seg);
        }
    }

    /// Rule `title_after_possessive`: a short quoted title right after a
    /// possessive (`on Fox News’s “Hannity,” Newt Gingrich said`, `told
    /// ABC’s “This Week,”`) names a programme or a publication: at most
    /// [`MAX_TITLE_WORDS`] words, each capitalised or one of
    /// [`TITLE_SMALL_WORDS`], and no sentence-final punctuation inside.
    /// Quoted speech after a possessive (`Mr Kim’s “execution has been
    /// challenged,”`) has lower-case words and is left to the other rules.
    fn title_after_possessive(&self, seg: &Quoted, open: usize, sent_start: usize) -> bool {
        let v = self.v;
        if seg.parts.len() != 1 || open <= sent_start + 1 {
            return false;
        }
        if !is_in(POSSESSIVE_MARKS, v.low(open - 1)) || !v.is_capitalised(open - 2) {
            return false;
        }
        let part = seg.parts[0];
        let inner = v.text[part.start..part.end].trim_end_matches(CLOSING_CHARS);
        if inner.ends_with(['.', '?', '!', '…']) {
            return false;
        }
        let words: Vec<usize> = v
            .tokens_of(part)
            .filter(|&t| matches!(v.tokens[t].kind, TokenKind::Word | TokenKind::Number))
            .collect();
        !words.is_empty()
            && words.len() <= MAX_TITLE_WORDS
            && words.iter().enumerate().all(|(k, &t)| {
                v.is_capitalised(t)
                    || v.tokens[t].kind == TokenKind::Number
                    || (k > 0 && is_in(TITLE_SMALL_WORDS, v.low(t)))
            })
    }

    /// Rule `lead_in`: a quotation that opens inside its sentence in lower
    /// case and whose cue follows it (`The bill’s failure was
    /// “heartbreaking,” she said`) quotes the end of a clause that starts
    /// with the sentence: the words before the mark are content too, and
    /// the quotation is mixed. One that opens with a capital is a whole
    /// sentence of the speaker's, and the words before it are the
    /// writer's (`As for the plan, “It will fail,” she said`).
    /// Not when those words hold a quotation, a cue, a speech verb or a
    /// clause break ([`LEAD_IN_BREAKS`]), are more than [`MAX_LEAD_IN`]
    /// tokens, or are only a time or channel phrase ("On Sunday, “…,” he
    /// said").
    fn lead_in(&self, open: usize, mut f: Found) -> Found {
        let v = self.v;
        if f.content.is_empty() || !opens_lower_case(v.text, f.content[0]) {
            return f;
        }
        match self.lead_in_start(open) {
            Some(start) => {
                f.content[0] = Span::new(v.tokens[start].span.start, f.content[0].end);
                f.kind = QuoteKind::Mixed;
                f
            }
            None => f,
        }
    }

    /// Where the lead-in of rule `lead_in` before token `end` starts: the
    /// first token of `end`'s sentence, when the words between qualify.
    fn lead_in_start(&self, end: usize) -> Option<usize> {
        let v = self.v;
        let start = v.sent_of(end)?.tokens.start;
        if end <= start || end - start > MAX_LEAD_IN {
            return None;
        }
        let clean = (start..end).all(|t| {
            !self.in_quote[t]
                && !self.covered[t]
                && !self.used[t]
                && !is_in(LEAD_IN_BREAKS, v.low(t))
                && self.frame(t).is_none()
        });
        if !clean || (start..end).all(|t| v.is_punct(t)) {
            return None;
        }
        // Only circumstance ("On Sunday,", "In a statement,"): not content.
        let mut k = start;
        while k < end {
            match self.channel_at(k, end).or_else(|| self.time_at(k, end)) {
                Some(r) => k = r.end,
                None if v.is_punct(k) => k += 1,
                None => break,
            }
        }
        (k < end).then_some(start)
    }

    /// Rule `cue_before`: the nearest speech verb before the opening mark
    /// in its sentence.
    fn cue_before(&mut self, seg: &Quoted, open: usize) -> Option<Found> {
        let v = self.v;
        let sent = v.sent_of(open)?.clone();
        let floor = sent.tokens.start;
        if open == floor {
            return None;
        }
        let mut j = open;
        let mut punct = false;
        if j > floor && matches!(v.low(j - 1), ":" | ",") {
            punct = true;
            j -= 1;
        }
        let verb = (floor..j)
            .rev()
            .take_while(|&t| !self.in_quote[t] && !self.covered[t])
            .find(|&t| self.frame(t).is_some())?;
        let frame = self.frame(verb)?;
        if self.used[verb] {
            // `“…,” he said, “…”`: the verb already serves the quotation
            // before; this segment continues it. With more words between
            // (`“…,” Sanders said, suggesting a few questions, including,
            // “…”`) it is a quotation of its own by the same speaker, with
            // no cue of its own (as in `follow_on`).
            let last = self.found.last()?;
            if last.anchor != verb {
                return None;
            }
            let speaker = last.speaker.clone();
            // Words of the aside, besides the speaker, punctuation, and
            // channel and time phrases (`said Thursday on Fox News, “…”`).
            let mut extra = 0;
            let mut k = verb + 1;
            while k < j {
                if v.is_punct(k) || speaker.as_ref().is_some_and(|r| r.contains(&k)) {
                    k += 1;
                } else if let Some(r) = self.channel_at(k, j).or_else(|| self.time_at(k, j)) {
                    k = r.end.max(k + 1);
                } else {
                    extra += 1;
                    k += 1;
                }
            }
            // A second segment in lower case continues the sentence; one
            // in capitals is a new quotation only when the aside
            // introduces it (`…, including, “…”`); a title in the aside
            // (`said on “Fox and Friends.”`) is not.
            let starts_capital = v.text[seg.parts[0].start..seg.parts[0].end]
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(char::is_uppercase);
            let introduces = (verb + 1..j).any(|t| is_in(ASIDE_INTRODUCERS, v.low(t)));
            if extra <= MAX_SPLIT_GAP || !starts_capital || !introduces {
                if let Some(last) = self.found.last_mut() {
                    last.content.extend(seg.parts.iter().copied());
                }
                return None;
            }
            return Some(Found {
                kind: QuoteKind::Direct,
                content: seg.parts.clone(),
                cue: None,
                anchor: verb,
                speaker,
                addressee: None,
            });
        }
        let middle = verb + 1..j;
        let has_that = middle.clone().any(|t| v.low(t) == "that");
        let ends_sentence = {
            let last = seg.parts[seg.parts.len() - 1];
            let inner = v.text[last.start..last.end].trim_end_matches(CLOSING_CHARS);
            inner.ends_with(['.', '?', '!', '…'])
        };
        let only_circumstance = {
            // `said in a phone interview “…”`, `said on Friday “…”`.
            let mut k = middle.start;
            while k < middle.end {
                match self
                    .channel_at(k, middle.end)
                    .or_else(|| self.time_at(k, middle.end))
                {
                    Some(r) => k = r.end,
                    None => break,
                }
            }
            k == middle.end
        };
        // A quotation opening with a capital is a whole sentence, not a
        // fragment of the reporter's clause (`said “Our assumption is …,”`).
        let starts_capital = v.text[seg.parts[0].start..seg.parts[0].end]
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase);
        let direct_form = frame.direct
            && !has_that
            && ((punct && middle.len() <= MAX_CUE_GAP)
                || (only_circumstance && (ends_sentence || starts_capital || !middle.is_empty())));
        let (speaker, cue_start) = match self.subject_left(verb, floor) {
            Some((np, cs)) => (Some(np), cs),
            None => match self.shared_subject(verb, floor) {
                Some(np) => (Some(np), verb),
                None => (self.subject_right(verb + 1, j), verb),
            },
        };
        speaker.as_ref()?;
        let cue = Some(v.span(cue_start..verb + 1));
        let (addressee, after) = self.addressee_of(verb, frame, j);
        // Every reading below shares the cue, speaker and addressee.
        let found = |kind: QuoteKind, content: Vec<Span>| Found {
            kind,
            content,
            cue,
            anchor: verb,
            speaker: speaker.clone(),
            addressee: addressee.clone(),
        };
        if direct_form {
            // Rule `parenthetical_lead_in`: `An economic downturn, he said,
            // “could be …”`: a quotation in lower case goes on with the
            // clause before the speaker, so that clause is content too (a
            // mixed quotation); one with a capital is a sentence of its own
            // (`Holding up a book, he said, “Look at this.”`).
            let lead = speaker
                .as_ref()
                .filter(|_| opens_lower_case(v.text, seg.parts[0]))
                .filter(|np| np.start < cue_start && np.start > floor + 1)
                .filter(|np| v.low(np.start - 1) == ",")
                .and_then(|np| self.lead_in_start(np.start - 1).map(|s| s..np.start - 1));
            if let Some(lead) = lead {
                let mut content = vec![v.span(lead)];
                content.extend(seg.parts.iter().copied());
                return Some(found(QuoteKind::Mixed, content));
            }
            if let Some(end) = self.trail_out(seg, sent.tokens.end) {
                let first = seg.parts[0];
                return Some(found(QuoteKind::Mixed, vec![Span::new(first.start, end)]));
            }
            return Some(found(QuoteKind::Direct, seg.parts.clone()));
        }
        if !frame.indirect || middle.is_empty() {
            return None;
        }
        let after = self.skip_time(after, j);
        let cs = self.clause_at(after, sent.tokens.end, addressee.is_some())?;
        if cs >= open {
            return None;
        }
        let first = seg.parts[0];
        // A fragment that closes with sentence-final punctuation ends the
        // reported sentence too (`says Trump is the “same rigged system.”
        // She adds, …`), whatever the sentence splitter decided.
        let end = if ends_sentence && seg.parts.len() == 1 {
            first.end
        } else {
            let ce = self.content_end(cs, sent.tokens.end);
            v.tokens[ce.max(cs + 1) - 1].span.end.max(first.end)
        };
        let mut content = vec![Span::new(v.tokens[cs].span.start, end)];
        content.extend(seg.parts[1..].iter().copied());
        Some(found(QuoteKind::Mixed, content))
    }

    /// Rule `trail_out`: a quotation after its cue that closes with no
    /// punctuation inside the marks and goes on in lower case outside them
    /// (`he said, “We have three weeks to go” until the vote.`) is a clause
    /// that ends outside the marks: where the content ends (byte offset),
    /// or `None`. Not after a pronoun or a cue (`“…” she said`), and only
    /// for a quotation in one paragraph.
    fn trail_out(&self, seg: &Quoted, sent_end: usize) -> Option<usize> {
        let v = self.v;
        if seg.parts.len() != 1 {
            return None;
        }
        let part = seg.parts[0];
        let inner = v.text[part.start..part.end].trim_end_matches(CLOSING_CHARS);
        if !inner.ends_with(char::is_alphanumeric) {
            return None;
        }
        let next = v.token_at_or_after(part.end);
        if next >= sent_end
            || v.tokens[next].kind != TokenKind::Word
            || v.is_capitalised(next)
            || is_in(SUBJECT_PRONOUNS, v.low(next))
            || is_in(TRAIL_OUT_STOPS, v.low(next))
            || self.frame(next).is_some()
        {
            return None;
        }
        let end = self.content_end(next, sent_end);
        (end > next).then(|| v.tokens[end - 1].span.end)
    }

    /// Rule `shared_subject`: a speech participle right after the
    /// previous quotation's cue, with only a comma between (`“…,” Trump
    /// said, adding later, “…”`), has that quotation's speaker.
    fn shared_subject(&self, verb: usize, floor: usize) -> Option<Range<usize>> {
        let v = self.v;
        let last = self.found.last()?;
        if last.anchor < floor || last.anchor >= verb {
            return None;
        }
        let after = v.token_at_or_after(last.end(v));
        if after >= verb || !(after..verb).all(|t| v.low(t) == ",") {
            return None;
        }
        last.speaker.clone()
    }

    /// Rule `cue_after`: `“…,” he said`, `“…,” said Mr X`, `“…?” she
    /// asked`.
    fn cue_after(&mut self, seg: &Quoted) -> Option<Found> {
        let v = self.v;
        let last = seg.parts[seg.parts.len() - 1];
        let inner = v.text[last.start..last.end].trim_end_matches(CLOSING_CHARS);
        let mut i = v.token_at_or_after(last.end);
        if i >= v.tokens.len() {
            return None;
        }
        let para = v.sent_of(i)?.paragraph;
        let last_para = v.sent_of(v.token_at_or_after(last.start))?.paragraph;
        if para != last_para {
            return None;
        }
        let comma_after = v.low(i) == ",";
        if !(inner.ends_with([',', '?', '!', '—', '–']) || comma_after) {
            return None;
        }
        if comma_after {
            i += 1;
        }
        let end = v.sent_of(i)?.tokens.end;
        // `said X`
        if let Some(frame) = self.frame(i).filter(|f| f.direct) {
            let speaker = self.subject_right(i + 1, end)?;
            let (addressee, _) = self.addressee_of(speaker.end - 1, frame, end);
            return Some(Found {
                kind: QuoteKind::Direct,
                content: seg.parts.clone(),
                cue: Some(v.tokens[i].span),
                anchor: i,
                speaker: Some(speaker),
                addressee: addressee.filter(|_| frame.addressee != Addressee::ViaTo),
            });
        }
        // `X [has] said`
        let mut k = i;
        while k < end && k < i + MAX_APPOSITIVE {
            if self.frame(k).is_some_and(|f| f.direct) && k > i {
                let (np, cue_start) = self.subject_left(k, i)?;
                if np.start != i {
                    return None;
                }
                let frame = self.frame(k)?;
                let (addressee, _) = self.addressee_of(k, frame, end);
                return Some(Found {
                    kind: QuoteKind::Direct,
                    content: seg.parts.clone(),
                    cue: Some(v.span(cue_start..k + 1)),
                    anchor: k,
                    speaker: Some(np),
                    addressee,
                });
            }
            if self.in_quote[k]
                || (v.is_punct(k) && !matches!(v.low(k), "." | "-" | "(" | ")" | ","))
            {
                return None;
            }
            k += 1;
        }
        None
    }

    /// Rule `dash_attribution`: a quotation that opens its paragraph,
    /// followed by a dash ([`ATTRIBUTION_DASHES`]) and a person's name that
    /// ends the paragraph, alone or with an appositive (`“…” ― Sonya
    /// Herridge`, `“…” — Jane Doe, a nurse in Ohio.`): the listicle and
    /// epigraph convention. The dash is the cue, the name the speaker.
    fn dash_attribution(&mut self, seg: &Quoted, open: usize) -> Option<Found> {
        let v = self.v;
        let para = v.sent_of(open)?.paragraph;
        let para_span = v.paragraphs[para];
        if v.token_at_or_after(para_span.start) != open {
            return None;
        }
        let last = seg.parts[seg.parts.len() - 1];
        let first_dash = v.token_at_or_after(last.end);
        let mut i = first_dash;
        while i < v.tokens.len() && is_in(ATTRIBUTION_DASHES, v.low(i)) {
            i += 1;
        }
        if i == first_dash || i >= v.tokens.len() || v.sent_of(i)?.paragraph != para {
            return None;
        }
        let m = v.name_mention(i)?;
        if v.mentions[m].label != EntityLabel::Person {
            return None;
        }
        let name = v.mention_tokens(m);
        if name.start != i {
            return None;
        }
        // What follows the name, to the paragraph's end: punctuation, or a
        // comma and a short appositive with no quotation in it.
        let mut rest = name.end;
        let para_end = (rest..v.tokens.len())
            .find(|&t| v.tokens[t].span.start >= para_span.end)
            .unwrap_or(v.tokens.len());
        if rest < para_end && v.low(rest) == "," {
            rest += 1;
            if para_end - rest > MAX_APPOSITIVE || (rest..para_end).any(|t| self.in_quote[t]) {
                return None;
            }
        } else if !(rest..para_end).all(|t| v.is_punct(t)) {
            return None;
        }
        Some(Found {
            kind: QuoteKind::Direct,
            content: seg.parts.clone(),
            cue: Some(v.span(first_dash..i)),
            anchor: first_dash,
            speaker: Some(name),
            addressee: None,
        })
    }

    /// Rule `colon_paragraph`: a quotation that opens its paragraph right
    /// after a paragraph ending `X said:` / `X continued:` (a block
    /// quotation introduced by the paragraph before). The speech verb must
    /// stand right before the colon (after auxiliaries and adverbs).
    fn colon_paragraph(&mut self, seg: &Quoted, open: usize) -> Option<Found> {
        let v = self.v;
        let para = v.sent_of(open)?.paragraph;
        if open < 2 || v.token_at_or_after(v.paragraphs[para].start) != open {
            return None;
        }
        let colon = open - 1;
        let sent = v.sent_of(colon)?.clone();
        if v.low(colon) != ":" || sent.paragraph + 1 != para {
            return None;
        }
        let verb = colon - 1;
        let frame = self.frame(verb).filter(|f| f.direct)?;
        if self.used[verb] || self.in_quote[verb] {
            return None;
        }
        let (speaker, cue_start) = self.subject_left(verb, sent.tokens.start)?;
        let (addressee, _) = self.addressee_of(verb, frame, colon);
        Some(Found {
            kind: QuoteKind::Direct,
            content: seg.parts.clone(),
            cue: Some(v.span(cue_start..verb + 1)),
            anchor: verb,
            speaker: Some(speaker),
            addressee,
        })
    }

    /// Rule `continuation`: a segment right after a direct quotation, with
    /// only punctuation between, in the same paragraph.
    fn continuation(&mut self, seg: &Quoted) {
        let v = self.v;
        let Some(last) = self.found.last() else {
            return;
        };
        if last.kind != QuoteKind::Direct && !leads_in(last) {
            return;
        }
        let end = last.end(v);
        let start = seg.parts[0].start;
        if end > start {
            return;
        }
        let gap = &v.text[end..start];
        let only_punct = gap.chars().all(|c| c.is_whitespace() || ".,;:".contains(c));
        // Or the segment opens the sentence right after the cue's sentence
        // (`“…,” X said on Friday at the rally. “…”`).
        let open = v.token_at_or_after(start);
        let next_sentence = match (v.sent_index(last.anchor), v.sent_index(open)) {
            (Some(a), Some(b)) => b == a + 1 && v.sents[b].tokens.start == open,
            _ => false,
        };
        if gap.contains('\n') {
            // Across a paragraph break only when the new paragraph is one
            // whole quotation and the cue's sentence ended the paragraph
            // before (`“…,” he said.¶“…”`), whatever circumstance follows
            // the cue there (`“…,” he said during an interview in
            // Macau.¶“…”`: PolNeAR train joins these; session 5 required
            // only punctuation after the cue).
            let para = v.sent_of(open).map(|s| v.paragraphs[s.paragraph]);
            let whole_paragraph = seg.parts.len() == 1
                && para.is_some_and(|p| p.start == start && p.end == seg.parts[0].end);
            if !(next_sentence && whole_paragraph) {
                return;
            }
        } else if !(only_punct || next_sentence) {
            return;
        }
        // The segment must be a whole sentence (or run to its end): `“…”
        // to drive up the price, she said` is a quotation of its own.
        let close_end = seg.parts[seg.parts.len() - 1].end;
        let after = v.token_at_or_after(close_end);
        let whole = after >= v.tokens.len()
            || v.sent_index(after) != v.sent_index(open)
            || v.sent_of(after)
                .is_some_and(|s| (after..s.tokens.end).all(|t| v.is_punct(t)));
        if !whole {
            return;
        }
        // `“…,” Sanders said, going on to contrast A with B. “…”`: an
        // aside that introduces more speech makes the next sentence's
        // quotation one of its own, by the same speaker, with no cue.
        let aside = (v.token_at_or_after(end)..open).any(|t| is_in(ASIDE_INTRODUCERS, v.low(t)));
        if !only_punct && aside {
            let f = Found {
                kind: QuoteKind::Direct,
                content: seg.parts.clone(),
                cue: None,
                anchor: last.anchor,
                speaker: last.speaker.clone(),
                addressee: None,
            };
            self.push(f);
            return;
        }
        if let Some(last) = self.found.last_mut() {
            last.content.extend(seg.parts.iter().copied());
        }
        let v = self.v;
        for p in &seg.parts {
            let mut t = v.token_at_or_after(p.start);
            while t < v.tokens.len() && v.tokens[t].span.end <= p.end {
                self.covered[t] = true;
                t += 1;
            }
        }
    }

    /// Rule `follow_on` (after step 4): an unclaimed segment that is a
    /// whole sentence right after the sentence of a reported quotation, in
    /// the same paragraph, is a direct quotation of the same speaker
    /// (`X said about 40 businesses were closed. “It’s the third time.”`).
    /// It has no cue of its own; its speaker mention is the earlier one.
    fn follow_on(&mut self, seg: &Quoted, last_in_sentence: &[Option<usize>]) {
        let v = self.v;
        let open = v.token_at_or_after(seg.parts[0].start);
        if open >= v.tokens.len() || self.covered[open] {
            return;
        }
        let Some(b) = v.sent_index(open) else {
            return;
        };
        if b == 0
            || v.sents[b].tokens.start != open
            || v.sents[b - 1].paragraph != v.sents[b].paragraph
        {
            return;
        }
        let close_end = seg.parts[seg.parts.len() - 1].end;
        let after = v.token_at_or_after(close_end);
        let whole = after >= v.tokens.len()
            || v.sent_index(after) != Some(b)
            || (after..v.sents[b].tokens.end).all(|t| v.is_punct(t));
        if !whole {
            return;
        }
        let Some(prev) = last_in_sentence[b - 1].map(|i| self.found[i].clone()) else {
            return;
        };
        self.push(Found {
            kind: QuoteKind::Direct,
            content: seg.parts.clone(),
            cue: None,
            anchor: open,
            speaker: prev.speaker,
            addressee: None,
        });
    }

    /// Step 4 on one sentence: speech verbs and "according to" that no
    /// quotation used.
    fn sentence(&mut self, s: usize) {
        let v = self.v;
        let sent = v.sents[s].clone();
        for t in sent.tokens.clone() {
            if self.in_quote[t] || self.used[t] {
                continue;
            }
            if v.low(t) == ACCORDING_TO[0]
                && t + 1 < sent.tokens.end
                && v.low(t + 1) == ACCORDING_TO[1]
            {
                if let Some(f) = self.according_to(t, &sent.tokens) {
                    self.push(f);
                }
                continue;
            }
            let Some(frame) = self.frame(t) else {
                continue;
            };
            if !frame.indirect {
                continue;
            }
            if let Some(f) = self.inverted(t, frame, &sent.tokens) {
                self.push(f);
            } else if let Some(f) = self.reported(t, frame, &sent.tokens) {
                self.push(f);
            }
        }
    }

    fn kind_of(&self, r: Range<usize>) -> QuoteKind {
        let quoted = r.clone().filter(|&t| self.in_quote[t]).count();
        if quoted == 0 {
            QuoteKind::Indirect
        } else if quoted == r.len() {
            QuoteKind::Direct
        } else {
            QuoteKind::Mixed
        }
    }

    /// Rule `reported`: `X [aux] says/told Y [that] CLAUSE`.
    fn reported(&self, verb: usize, frame: Frame, sent: &Range<usize>) -> Option<Found> {
        let v = self.v;
        let (np, cue_start) = self.subject_left(verb, sent.start)?;
        let end = sent.end;
        let (addressee, mut i) = self.addressee_of(verb, frame, end);
        if frame.addressee == Addressee::Required && addressee.is_none() {
            return None;
        }
        i = self.skip_time(i, end);
        let mut cs = match self.that_after_phrase(i, end) {
            Some(cs) => cs,
            None => self.clause_at(i, end, addressee.is_some())?,
        };
        // PolNeAR's attribution convention: "urged Republicans to join" has
        // the content "Republicans to join" (the object is what is urged).
        if self.cfg.learned_cues && v.low(cs) == "to" {
            if let Some(a) = &addressee {
                cs = a.start;
            }
        }
        let mut ce = self.content_end(cs, end);
        if speech_verb(v.low(verb)).is_none() && v.low(cs) != "that" {
            // A learned (non-speech) cue takes an object or an infinitive;
            // the circumstances after it are the writer's ("attacked
            // Machado in early-morning tweets").
            if let Some(k) =
                (cs + 2..ce).find(|&k| !self.in_quote[k] && is_in(OBJECT_ENDERS, v.low(k)))
            {
                ce = k;
            }
        }
        if ce < cs + 2 {
            return None;
        }
        Some(Found {
            kind: self.kind_of(cs..ce),
            content: vec![v.span(cs..ce)],
            cue: Some(v.span(cue_start..verb + 1)),
            anchor: verb,
            speaker: Some(np),
            addressee,
        })
    }

    /// Rule `inverted`: `CLAUSE, he said.`, `CLAUSE, said X.`, and the
    /// parenthetical `A, he said, B`.
    fn inverted(&self, verb: usize, frame: Frame, sent: &Range<usize>) -> Option<Found> {
        let v = self.v;
        let (speaker, cue_start, after) = if verb > sent.start && v.low(verb - 1) == "," {
            let sp = self.subject_right(verb + 1, sent.end)?;
            let after = sp.end;
            (sp, verb, after)
        } else {
            let (np, cs) = self.subject_left(verb, sent.start)?;
            if np.start == sent.start || v.low(np.start - 1) != "," {
                return None;
            }
            (np, cs, verb + 1)
        };
        let comma = speaker.start.min(cue_start) - 1;
        if comma < sent.start + 2 {
            return None;
        }
        let mut k = self.skip_time(after, sent.end);
        if let Some(ch) = self.channel_at(k, sent.end) {
            k = ch.end;
        }
        // A short prepositional phrase after the cue ("said in a June
        // report", "said in the room") up to the next comma or the end.
        if k < sent.end && is_in(CHANNEL_PREPOSITIONS, v.low(k)) {
            let stop = (k..sent.end.min(k + MAX_CUE_GAP))
                .find(|&t| v.is_punct(t) || self.in_quote[t] || self.frame(t).is_some());
            if let Some(t) = stop {
                if v.is_punct(t) && !self.in_quote[t] {
                    k = t;
                }
            }
        }
        let (addressee, k2) = if frame.addressee != Addressee::ViaTo {
            self.addressee_of(verb, frame, sent.end)
        } else {
            (None, k)
        };
        let k = k.max(k2);
        let rest_is_end = (k..sent.end).all(|t| v.is_punct(t) && !self.in_quote[t]);
        let mut content = vec![v.span(sent.start..comma)];
        if !rest_is_end {
            if v.low(k) != "," {
                return None;
            }
            // `A, he said, can B`: the sentence goes on after the cue. A
            // participle or preposition there ("…, the group said,
            // compared with …") is the writer's, not the speaker's.
            let next = v.low((k + 1).min(sent.end - 1));
            let continues = !(next.ends_with("ing")
                || is_in(NOT_CONTINUATIONS, next)
                || is_in(CONTENT_BREAKERS, next));
            if continues {
                let ce = self.content_end(k + 1, sent.end);
                if ce <= k + 1 {
                    return None;
                }
                content.push(v.span(k + 1..ce));
            }
        }
        if (sent.start..comma).all(|t| self.in_quote[t]) && v.is_punct(sent.start) {
            // A quotation that opens the sentence is `cue_after`'s.
            return None;
        }
        Some(Found {
            kind: self.kind_of(sent.start..comma),
            content,
            cue: Some(v.span(cue_start..verb + 1)),
            anchor: verb,
            speaker: Some(speaker),
            addressee,
        })
    }

    /// Rule `according_to`: `According to X, CLAUSE.` and `CLAUSE,
    /// according to X.`
    fn according_to(&self, t: usize, sent: &Range<usize>) -> Option<Found> {
        let v = self.v;
        let src_start = t + 2;
        let mut e = src_start;
        while e < sent.end
            && e < src_start + MAX_SUBJECT
            && (!v.is_punct(e) || matches!(v.low(e), "(" | ")" | "-" | "&"))
            && v.low(e) != "that"
        {
            e += 1;
        }
        if e == src_start {
            return None;
        }
        let cue = Some(v.span(t..t + 2));
        let leading = t == sent.start || (t == sent.start + 1 && v.is_capitalised(sent.start));
        let content = if leading {
            if e >= sent.end || v.low(e) != "," {
                return None;
            }
            // `According to X, “…”`: the quotation that opens right after
            // the comma is the content, however many sentences it runs.
            if self.in_quote[e + 1] && !self.covered[e + 1] {
                let mut k = e + 1;
                while k < v.tokens.len() && self.in_quote[k] && !self.covered[k] {
                    k += 1;
                }
                return Some(Found {
                    kind: QuoteKind::Direct,
                    content: vec![v.span(e + 1..k)],
                    cue,
                    anchor: t,
                    speaker: Some(src_start..e),
                    addressee: None,
                });
            }
            let ce = self.content_end(e + 1, sent.end);
            (ce > e + 2).then(|| e + 1..ce)?
        } else if t > sent.start + 2 && v.low(t - 1) == "," {
            sent.start..t - 1
        } else {
            return None;
        };
        Some(Found {
            kind: self.kind_of(content.clone()),
            content: vec![v.span(content)],
            cue,
            anchor: t,
            speaker: Some(src_start..e),
            addressee: None,
        })
    }

    /// Step 5: speakers, addressees, channel and time, in text order.
    fn resolve(mut self, res: &mut Resolver) -> Vec<Quote> {
        let v = self.v;
        self.found.sort_by_key(|f| f.anchor);
        let mut out = Vec::with_capacity(self.found.len());
        for f in &self.found {
            let speaker = f.speaker.clone().and_then(|r| res.resolve(r, None));
            if let Some((p, _)) = speaker {
                res.record_speaker(f.anchor, p);
            }
            let addressee = f
                .addressee
                .clone()
                .and_then(|r| res.resolve(r, speaker.map(|s| s.0)));
            if let Some((p, _)) = addressee {
                res.record_addressee(f.anchor, p);
            }
            let (speaker_entity, speaker_name) = match speaker {
                Some((p, _)) => {
                    let (e, n) = res.describe(p);
                    (e, Some(n))
                }
                None => (None, None),
            };
            let addressee_entity = addressee.and_then(|(p, _)| res.describe(p).0);
            let (channel, time) = self.channel_and_time(f);
            let mut span = f.content[0];
            for c in &f.content {
                span = span.cover(*c);
            }
            if let Some(c) = f.cue {
                span = span.cover(c);
            }
            for r in [&f.speaker, &f.addressee].into_iter().flatten() {
                span = span.cover(v.span(r.clone()));
            }
            out.push(Quote {
                span,
                kind: f.kind,
                content: f.content.clone(),
                cue: f.cue,
                speaker: f.speaker.clone().map(|r| v.span(r)),
                speaker_entity,
                speaker_name,
                addressee: f.addressee.clone().map(|r| v.span(r)),
                addressee_entity,
                channel,
                time,
            });
        }
        out.sort_by_key(|q| (q.span.start, q.span.end));
        out
    }

    /// Channel and time phrases in the cue's sentence, outside the content.
    fn channel_and_time(&self, f: &Found) -> (Option<Span>, Option<Span>) {
        let v = self.v;
        let Some(sent) = v.sent_of(f.anchor) else {
            return (None, None);
        };
        let inside = |t: usize| {
            let s = v.tokens[t].span;
            f.content.iter().any(|c| c.contains(s))
        };
        let (mut channel, mut time) = (None, None);
        let mut t = sent.tokens.start;
        while t < sent.tokens.end {
            if inside(t) || self.in_quote[t] {
                t += 1;
                continue;
            }
            if channel.is_none() {
                if let Some(r) = self.channel_at(t, sent.tokens.end) {
                    if !r.clone().any(inside) {
                        channel = Some(v.span(r.clone()));
                        t = r.end;
                        continue;
                    }
                }
            }
            if time.is_none() {
                if let Some(r) = self.time_at(t, sent.tokens.end) {
                    if !r.clone().any(inside) {
                        time = Some(v.span(r.clone()));
                        t = r.end;
                        continue;
                    }
                }
            }
            t += 1;
        }
        (channel, time)
    }
}

/// Whether the first letter of a quoted span is lower case (`“could be
/// …”`): the quotation goes on with a clause of the writer's.
fn opens_lower_case(text: &str, span: Span) -> bool {
    text[span.start..span.end]
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
}

fn is_all_caps(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}
