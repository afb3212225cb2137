//! `newsgraph-eval quotes`: quotations and speakers on PolNeAR dev.
//!
//! The article text goes through the standard pipeline (the quotation
//! stage last, with the configuration asked for); predictions are compared
//! with one annotator's attributions per article (the annotator id that
//! sorts first, see [`newsgraph_eval::data::polnear`]).
//!
//! **Matching rules.** All offsets are counted in characters (Unicode
//! code points) of the article text.
//! - *Content*: each attribution's content is the range from its first
//!   piece's start to its last piece's end (a split quotation `“A,” he
//!   said. “B.”` is one range on both sides). Scored with
//!   [`score::span_prf`]: one-to-one, best overlap first; *exact* = same
//!   start and end; *overlap* = `|g ∩ p| / max(|g|, |p|) ≥ 0.5`.
//! - *Direct / indirect*: a content range is direct when, white space and
//!   trailing `.,;:` trimmed, it starts and ends with a quotation mark
//!   (`“ ” " '' « »`); otherwise indirect (this includes mixed). The rule
//!   is the same for gold and predictions, and the two classes are scored
//!   separately (a pair only matches within a class).
//! - *Cue*: each attribution's cue range vs each predicted cue, exact and
//!   overlap ≥ 0.5. *Source*: gold source ranges (attributions with no
//!   source left out) vs predicted speaker mentions, exact and overlap.
//! - *Speaker accuracy*: over the content pairs matched at overlap ≥ 0.5
//!   whose gold source contains a name mention that the pipeline's entity
//!   layer ties to an entity ("the source's resolved entity": in the
//!   source's core, up to its first comma or bracket, the last person name,
//!   else the last organisation name — "Clinton spokesman Nick Merrill" is
//!   Merrill), the share whose predicted speaker entity is that entity. Gold sources that are pronouns or descriptions have no entity
//!   of their own in PolNeAR, so they are left out of this figure.
//! - *Direct quotations with a resolved named speaker* (the 0.92
//!   target): over every gold attribution whose content is direct (rule
//!   above) and whose source's core holds a person name tied to an entity
//!   (same head-name rule, persons only), the share matched (overlap ≥ 0.5)
//!   by a predicted quotation whose speaker entity is that person. Unmatched
//!   gold quotations count as misses.
//! - The stage runs with the configuration asked for: `--attribution`
//!   for PolNeAR-style attribution, `--tagger` to choose how the learned
//!   tagger combines with the rules (default: each configuration's own).
//! - `--split train` scores PolNeAR train instead (to read the annotation
//!   conventions; both taggers were trained there, so its figures are
//!   optimistic). `--buckets` prints where the points go ([`Buckets`]);
//!   with `--errors` it also lists each near miss, miss and spurious span
//!   per role, and each direct quotation left unmatched within the direct
//!   class (`DFN` gold, `DFP` predicted) with text around it and the other
//!   side's spans that overlap it. Neither changes the matching rules above.
//! - `--agreement` scores, by the same rules, the annotators of the split's
//!   articles that several people annotated against each other, and the
//!   pipeline against each of them: how far a careful human gets on this
//!   metric, measured on the same data.
//! - Stage cost: wall time of each pipeline stage summed over the articles
//!   (release build). `--ner accurate` runs the accurate entities stage
//!   before, so the two encoders' costs come from the same run.

use anyhow::Result;
use newsgraph_doc::{Doc, Meta, Quote, Stage};
use newsgraph_eval::data::polnear::{self, cover, Article};
use newsgraph_eval::score::{overlap_ratio, span_prf, Matching, Prf};
use newsgraph_pipeline::NerMode;
use newsgraph_quotes::{Config, QuoteStage, TaggerModel, TaggerUse};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

const MARKS: &[&str] = &["“", "”", "\"", "''", "«", "»", "``"];

/// A short text that makes every stage load its model before the timed run.
const WARM_UP: &str = "\u{201c}We will win,\u{201d} Mr Smith told reporters in Paris on Monday.\n";

/// Whether a content text is a direct quotation by the rule above.
pub fn is_direct(s: &str) -> bool {
    let t = s
        .trim()
        .trim_end_matches(|c: char| ".,;:".contains(c))
        .trim_end();
    MARKS.iter().any(|m| t.starts_with(m)) && MARKS.iter().any(|m| t.ends_with(m))
}

/// Counts of one evaluation run.
#[derive(Debug, Default)]
pub struct Report {
    pub articles: usize,
    pub gold: usize,
    pub predicted: usize,
    pub content_exact: Prf,
    pub content_overlap: Prf,
    pub direct_overlap: Prf,
    pub indirect_overlap: Prf,
    pub direct_exact: Prf,
    pub indirect_exact: Prf,
    pub cue_exact: Prf,
    pub cue_overlap: Prf,
    pub source_exact: Prf,
    pub source_overlap: Prf,
    /// (correct, defined) speaker entities over matched pairs.
    pub speaker: (usize, usize),
    /// Matched pairs whose predicted speaker span overlaps the gold source.
    pub speaker_span: (usize, usize),
    /// (resolved to the right person, all) gold direct quotations whose
    /// source names a person.
    pub direct_person: (usize, usize),
    /// Per-stage wall time over the articles, models already loaded.
    pub stage_time: BTreeMap<&'static str, Duration>,
    /// The warm-up document's time: mostly the stages' model loads.
    pub warm_up: Duration,
    /// Where the exact-match points go, per role (`--buckets`).
    pub buckets: Buckets,
}

/// Code-point offset of each byte boundary (for the few we ask about).
struct Chars {
    starts: Vec<usize>,
}

impl Chars {
    fn new(text: &str) -> Chars {
        Chars {
            starts: text.char_indices().map(|(b, _)| b).collect(),
        }
    }
    fn of(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
    fn range(&self, r: (usize, usize)) -> (usize, usize) {
        (self.of(r.0), self.of(r.1))
    }
}

/// The pipeline's stages, with the quotation stage (ours, configured)
/// last.
fn stages(config: &Config, ner: NerMode) -> Vec<Box<dyn Stage>> {
    let mut stages: Vec<Box<dyn Stage>> = newsgraph_pipeline::stages_with(ner)
        .into_iter()
        .filter(|s| s.name() != "quotes")
        .collect();
    stages.push(Box::new(QuoteStage::with_config(config.clone())));
    stages
}

/// Greedy one-to-one pairs, best overlap first, at or above `threshold`.
fn pairs(gold: &[(usize, usize)], pred: &[(usize, usize)], threshold: f64) -> Vec<(usize, usize)> {
    let mut cand = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let r = overlap_ratio(*g, *p);
            if r >= threshold {
                cand.push((r, gi, pi));
            }
        }
    }
    cand.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut gu, mut pu) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut out = Vec::new();
    for (_, g, p) in cand {
        if !gu[g] && !pu[p] {
            gu[g] = true;
            pu[p] = true;
            out.push((g, p));
        }
    }
    out
}

fn labelled<'a>(spans: &[(usize, usize)], labels: &'a [&'a str]) -> Vec<(usize, usize, &'a str)> {
    spans
        .iter()
        .zip(labels)
        .map(|(s, l)| (s.0, s.1, *l))
        .collect()
}

/// Runs the pipeline on every article and scores it. With `errors`, prints
/// each missed (FN) and spurious (FP) content range at overlap 0.5.
pub fn evaluate(
    articles: &[Article],
    config: &Config,
    ner: NerMode,
    errors: bool,
) -> Result<Report> {
    let stages = stages(config, ner);
    let mut rep = Report {
        articles: articles.len(),
        ..Report::default()
    };
    // The stages load their models on first use; one short warm-up document
    // keeps those loads out of the per-stage times (reported apart).
    let t = Instant::now();
    let mut warm = Doc::new(WARM_UP.to_string(), Meta::default());
    for stage in &stages {
        stage.run(&mut warm)?;
    }
    rep.warm_up = t.elapsed();
    for art in articles {
        let mut doc = Doc::new(art.text.clone(), Meta::default());
        for stage in &stages {
            let t = Instant::now();
            stage.run(&mut doc)?;
            *rep.stage_time.entry(stage.name()).or_default() += t.elapsed();
        }
        score_article(&doc, art, &mut rep, errors);
    }
    Ok(rep)
}

fn score_article(doc: &Doc, art: &Article, rep: &mut Report, errors: bool) {
    let text = doc.text();
    let chars = Chars::new(text);
    let quotes: &[Quote] = doc.quotes().map(|q| q.as_slice()).unwrap_or(&[]);
    rep.gold += art.attributions.len();
    rep.predicted += quotes.len();

    let gold_content: Vec<(usize, usize)> = art
        .attributions
        .iter()
        .map(|a| {
            cover(&a.content)
                .or_else(|| cover(&a.cue))
                .unwrap_or((0, 0))
        })
        .collect();
    let pred_content: Vec<(usize, usize)> = quotes
        .iter()
        .map(|q| {
            (
                q.content[0].start,
                q.content.iter().map(|c| c.end).max().unwrap_or(0),
            )
        })
        .collect();
    let class_of = |r: &(usize, usize)| {
        if is_direct(&text[r.0..r.1]) {
            "direct"
        } else {
            "indirect"
        }
    };
    let gold_class: Vec<&str> = gold_content.iter().map(class_of).collect();
    let pred_class: Vec<&str> = pred_content.iter().map(class_of).collect();
    let gc: Vec<_> = gold_content.iter().map(|r| chars.range(*r)).collect();
    let pc: Vec<_> = pred_content.iter().map(|r| chars.range(*r)).collect();
    let unl = |s: &[(usize, usize)]| -> Vec<(usize, usize, &str)> {
        s.iter().map(|r| (r.0, r.1, "")).collect()
    };
    bucket_article(
        text,
        art,
        &gold_content,
        &pred_content,
        quotes,
        &mut rep.buckets,
        errors,
    );
    rep.content_exact
        .add(span_prf(&unl(&gc), &unl(&pc), Matching::Exact));
    rep.content_overlap
        .add(span_prf(&unl(&gc), &unl(&pc), Matching::Overlap(0.5)));
    let (gl, pl) = (labelled(&gc, &gold_class), labelled(&pc, &pred_class));
    for (class, exact, overlap) in [
        ("direct", &mut rep.direct_exact, &mut rep.direct_overlap),
        (
            "indirect",
            &mut rep.indirect_exact,
            &mut rep.indirect_overlap,
        ),
    ] {
        let g: Vec<_> = gl.iter().copied().filter(|x| x.2 == class).collect();
        let p: Vec<_> = pl.iter().copied().filter(|x| x.2 == class).collect();
        exact.add(span_prf(&g, &p, Matching::Exact));
        overlap.add(span_prf(&g, &p, Matching::Overlap(0.5)));
    }

    // Cue and source: the same scoring over two different fields.
    let score_field = |gold: Vec<(usize, usize)>,
                       pred: Vec<(usize, usize)>,
                       exact: &mut Prf,
                       overlap: &mut Prf| {
        exact.add(span_prf(&unl(&gold), &unl(&pred), Matching::Exact));
        overlap.add(span_prf(&unl(&gold), &unl(&pred), Matching::Overlap(0.5)));
    };
    let gold_cue = art
        .attributions
        .iter()
        .filter_map(|a| cover(&a.cue))
        .map(|r| chars.range(r))
        .collect();
    let pred_cue = quotes
        .iter()
        .filter_map(|q| q.cue)
        .map(|s| chars.range((s.start, s.end)))
        .collect();
    score_field(gold_cue, pred_cue, &mut rep.cue_exact, &mut rep.cue_overlap);
    let gold_src = art
        .attributions
        .iter()
        .filter_map(|a| cover(&a.source))
        .map(|r| chars.range(r))
        .collect();
    let pred_src = quotes
        .iter()
        .filter_map(|q| q.speaker)
        .map(|s| chars.range((s.start, s.end)))
        .collect();
    score_field(
        gold_src,
        pred_src,
        &mut rep.source_exact,
        &mut rep.source_overlap,
    );

    // Speaker accuracy over matched content pairs.
    let matched = pairs(&gc, &pc, 0.5);
    let entities = doc.entities().ok();
    for &(g, p) in &matched {
        let a = &art.attributions[g];
        let q = &quotes[p];
        let Some(src) = cover(&a.source) else {
            continue;
        };
        if let Some(sp) = q.speaker {
            rep.speaker_span.1 += 1;
            if sp.start < src.1 && src.0 < sp.end {
                rep.speaker_span.0 += 1;
            }
        }
        let gold_entity = source_entity(text, entities, src, &[PERSON, ORGANIZATION]);
        if let Some(e) = gold_entity {
            rep.speaker.1 += 1;
            if q.speaker_entity == Some(e) {
                rep.speaker.0 += 1;
            } else if errors {
                let name = |id: Option<newsgraph_doc::EntityId>| {
                    entities
                        .and_then(|l| l.entities.iter().find(|x| Some(x.id) == id))
                        .map(|x| x.canonical.clone())
                        .unwrap_or_else(|| "-".into())
                };
                println!(
                    "SPK {} gold [{}] = {:?}; predicted [{}] = {:?}",
                    art.name,
                    &text[src.0..src.1],
                    name(Some(e)),
                    q.speaker.map(|s| doc.slice(s)).unwrap_or(""),
                    name(q.speaker_entity)
                );
            }
        }
    }

    // Direct quotations whose gold source names a person: resolved right?
    for (g, a) in art.attributions.iter().enumerate() {
        if gold_class[g] != "direct" {
            continue;
        }
        let Some(src) = cover(&a.source) else {
            continue;
        };
        let Some(person) = source_entity(text, entities, src, &[PERSON]) else {
            continue;
        };
        rep.direct_person.1 += 1;
        let pred = matched
            .iter()
            .find(|&&(mg, _)| mg == g)
            .map(|&(_, p)| &quotes[p]);
        if pred.is_some_and(|q| q.speaker_entity == Some(person)) {
            rep.direct_person.0 += 1;
        } else if errors {
            // One line per miss, with its bucket.
            let bucket = match pred {
                None => "no-quote",
                Some(q) if q.speaker.is_none() => "no-speaker",
                Some(q) if q.speaker_entity.is_none() => "unresolved",
                Some(_) => "wrong-entity",
            };
            let canonical = |id: Option<newsgraph_doc::EntityId>| {
                entities
                    .and_then(|l| l.entities.iter().find(|x| Some(x.id) == id))
                    .map(|x| x.canonical.clone())
                    .unwrap_or_else(|| "-".into())
            };
            let content: String = text[gold_content[g].0..gold_content[g].1]
                .chars()
                .take(100)
                .collect();
            println!(
                "DP {bucket} {} gold [{}] = {:?}; predicted [{}] = {:?}; cue [{}] {}",
                art.name,
                &text[src.0..src.1],
                canonical(Some(person)),
                pred.and_then(|q| q.speaker)
                    .map(|s| doc.slice(s))
                    .unwrap_or(""),
                canonical(pred.and_then(|q| q.speaker_entity)),
                cover(&a.cue).map(|c| &text[c.0..c.1]).unwrap_or(""),
                content.replace('\n', "¶")
            );
        }
    }

    if errors {
        let (mut gu, mut pu) = (vec![false; gc.len()], vec![false; pc.len()]);
        for &(g, p) in &matched {
            gu[g] = true;
            pu[p] = true;
        }
        let show = |r: (usize, usize)| {
            let s: String = text[r.0..r.1].chars().take(160).collect();
            s.replace('\n', "¶")
        };
        for (g, used) in gu.iter().enumerate() {
            if !used {
                let a = &art.attributions[g];
                let cue = cover(&a.cue).map(show).unwrap_or_default();
                let src = cover(&a.source).map(show).unwrap_or_default();
                println!("FN {} [{src}] [{cue}] {}", art.name, show(gold_content[g]));
            }
        }
        for (p, used) in pu.iter().enumerate() {
            if !used {
                let q = &quotes[p];
                let cue = q.cue.map(|s| show((s.start, s.end))).unwrap_or_default();
                let src = q
                    .speaker
                    .map(|s| show((s.start, s.end)))
                    .unwrap_or_default();
                println!("FP {} [{src}] [{cue}] {}", art.name, show(pred_content[p]));
            }
        }
        print_direct_errors(
            text,
            art,
            &gold_content,
            &gold_class,
            quotes,
            &pred_content,
            &pred_class,
        );
    }
}

/// Characters of context printed on each side of a direct quotation error.
const DIRECT_CONTEXT: usize = 70;

/// `--errors`, direct class only: each gold direct quotation that no
/// predicted direct one matches (`DFN`) and each predicted direct quotation
/// that matches no gold one (`DFP`), by the scorer's direct-class rule
/// (overlap ≥ 0.5 within the class, one-to-one), with the source, the cue
/// and some text on each side, to bucket the direct errors by hand.
fn print_direct_errors(
    text: &str,
    art: &Article,
    gold_content: &[(usize, usize)],
    gold_class: &[&str],
    quotes: &[Quote],
    pred_content: &[(usize, usize)],
    pred_class: &[&str],
) {
    let chars = Chars::new(text);
    let gi: Vec<usize> = (0..gold_content.len())
        .filter(|&g| gold_class[g] == "direct")
        .collect();
    let pi: Vec<usize> = (0..pred_content.len())
        .filter(|&p| pred_class[p] == "direct")
        .collect();
    let g: Vec<_> = gi.iter().map(|&g| chars.range(gold_content[g])).collect();
    let p: Vec<_> = pi.iter().map(|&p| chars.range(pred_content[p])).collect();
    let matched = pairs(&g, &p, 0.5);
    let flat = |s: &str| s.replace('\n', "¶");
    // The other side's spans that share text with `r` (any class), so a
    // boundary or class difference shows apart from a whole miss.
    let overlapping = |r: (usize, usize), other: &[(usize, usize)]| {
        let hits: Vec<String> = other
            .iter()
            .filter(|o| o.0 < r.1 && r.0 < o.1)
            .map(|o| {
                let all: Vec<char> = text[o.0..o.1].chars().collect();
                let s: String = if all.len() <= 100 {
                    all.iter().collect()
                } else {
                    let head: String = all[..50].iter().collect();
                    let tail: String = all[all.len() - 50..].iter().collect();
                    format!("{head} … {tail}")
                };
                format!("⟦{}⟧", flat(&s))
            })
            .collect();
        if hits.is_empty() {
            "none".to_string()
        } else {
            hits.join(" ")
        }
    };
    let around = |r: (usize, usize)| {
        let before: String = {
            let b: Vec<char> = text[..r.0].chars().rev().take(DIRECT_CONTEXT).collect();
            b.into_iter().rev().collect()
        };
        let inner: String = text[r.0..r.1].chars().take(200).collect();
        let after: String = text[r.1..].chars().take(DIRECT_CONTEXT).collect();
        flat(&format!("{before}⟦{inner}⟧{after}"))
    };
    for (k, &gidx) in gi.iter().enumerate() {
        if matched.iter().any(|&(m, _)| m == k) {
            continue;
        }
        let a = &art.attributions[gidx];
        let part = |r: Option<(usize, usize)>| r.map(|r| flat(&text[r.0..r.1])).unwrap_or_default();
        println!(
            "DFN {} [{}] [{}] {} | pred: {}",
            art.name,
            part(cover(&a.source)),
            part(cover(&a.cue)),
            around(gold_content[gidx]),
            overlapping(gold_content[gidx], pred_content)
        );
    }
    for (k, &pidx) in pi.iter().enumerate() {
        if matched.iter().any(|&(_, m)| m == k) {
            continue;
        }
        let q = &quotes[pidx];
        let part = |s: Option<newsgraph_doc::Span>| {
            s.map(|s| flat(&text[s.start..s.end])).unwrap_or_default()
        };
        println!(
            "DFP {} [{}] [{}] {} | gold: {}",
            art.name,
            part(q.speaker),
            part(q.cue),
            around(pred_content[pidx]),
            overlapping(pred_content[pidx], gold_content)
        );
    }
}

const PERSON: newsgraph_doc::EntityLabel = newsgraph_doc::EntityLabel::Person;
const ORGANIZATION: newsgraph_doc::EntityLabel = newsgraph_doc::EntityLabel::Organization;

/// The gold source's resolved entity: in the source's core (up to its first
/// comma or bracket), the last name mention of the first label in `labels`
/// that has one ("Clinton spokesman Nick Merrill" is Merrill).
fn source_entity(
    text: &str,
    entities: Option<&newsgraph_doc::EntityLayer>,
    src: (usize, usize),
    labels: &[newsgraph_doc::EntityLabel],
) -> Option<newsgraph_doc::EntityId> {
    let core_end = text[src.0..src.1]
        .find([',', '('])
        .filter(|&k| k > 0)
        .map_or(src.1, |k| src.0 + k);
    let l = entities?;
    // Mentions are sorted: only those starting inside the core.
    let from = l.mentions.partition_point(|m| m.span.start < src.0);
    let to = l.mentions.partition_point(|m| m.span.start < core_end);
    labels.iter().find_map(|&label| {
        l.mentions[from..to.max(from)]
            .iter()
            .rev()
            .filter(|m| m.span.end <= core_end)
            .filter(|m| m.label == label && m.kind == newsgraph_doc::MentionKind::Name)
            .find_map(|m| m.entity)
    })
}

/// Where exact-match points go (`--buckets`): for each role, the gold and
/// predicted spans left unmatched by the role's scoring rule, paired
/// greedily by overlap (best first). A pair is a *near miss*, and each end
/// where the two differ is counted by what the difference is (see
/// [`edge_kind`]); an unpaired gold span is *missed*, an unpaired
/// prediction *spurious*. Gold cue and source forms are counted with how
/// many of each an exact prediction found. A diagnostic, not a score: it
/// works on byte offsets, so a content pair with non-ASCII text near the
/// 0.5 overlap line can fall on the other side of it than in the scorer's
/// code-point counts.
#[derive(Debug, Default)]
pub struct Buckets {
    pub content: BTreeMap<String, usize>,
    pub cue: BTreeMap<String, usize>,
    pub source: BTreeMap<String, usize>,
    /// Gold cue form → (found exactly, all).
    pub cue_forms: BTreeMap<&'static str, (usize, usize)>,
    /// Gold source form → (found exactly, all).
    pub source_forms: BTreeMap<&'static str, (usize, usize)>,
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
];
const AUX_NEG: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "did",
    "does",
    "do",
    "not",
    "n't",
    "never",
    "also",
    "later",
    "then",
    "previously",
    "repeatedly",
    "recently",
    "further",
    "still",
    "already",
];
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me", "who", "which",
    "that", "his", "its", "their",
];

/// What a boundary difference between a gold and a predicted span is.
pub fn edge_kind(piece: &str) -> &'static str {
    let t = piece.trim();
    if t.is_empty() {
        return "space";
    }
    let is_mark = |c: char| "“”\"'‘’«»`".contains(c);
    if t.chars().all(|c| !c.is_alphanumeric()) {
        return if t.chars().any(is_mark) {
            "quote mark"
        } else {
            "punctuation"
        };
    }
    let words: Vec<String> = t
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() == 1 && words[0] == "that" {
        return "\"that\"";
    }
    if words.len() <= 2 && DETERMINERS.contains(&words[0].as_str()) {
        return "determiner";
    }
    if words.iter().all(|w| AUX_NEG.contains(&w.as_str())) {
        return "auxiliary/negation/adverb";
    }
    if t.starts_with(',') || t.ends_with(',') {
        return if words.len() <= 3 {
            "comma + 1-3 words"
        } else {
            "comma clause (4+ words)"
        };
    }
    match words.len() {
        1 => "1 word",
        2 | 3 => "2-3 words",
        _ => "4+ words",
    }
}

/// The form of a gold cue.
pub fn cue_form(cue: &str) -> &'static str {
    let l = cue.to_lowercase();
    let words: Vec<&str> = l.split_whitespace().collect();
    if l.trim() == ":" {
        "colon"
    } else if l.contains("according") {
        "according to"
    } else if words
        .iter()
        .any(|w| *w == "not" || w.ends_with("n't") || *w == "never")
    {
        "negated"
    } else if words.len() > 1 && AUX_NEG.contains(&words[0]) {
        "auxiliary + verb"
    } else if words.len() == 1 {
        "one word"
    } else {
        "other multi-word"
    }
}

/// The form of a gold source.
pub fn source_form(src: &str) -> &'static str {
    let l = src.to_lowercase();
    let words: Vec<&str> = l.split_whitespace().collect();
    if words.len() == 1 && PRONOUNS.contains(&words[0]) {
        "pronoun"
    } else if words.contains(&"and") || words.contains(&"or") {
        "coordinated"
    } else if src.contains(',') || src.contains('(') {
        "with appositive/bracket"
    } else if l.contains("'s ") || l.contains("’s ") {
        "possessive"
    } else if src
        .split_whitespace()
        .next()
        .is_some_and(|w| DETERMINERS.contains(&w.to_lowercase().as_str()))
        && !src
            .split_whitespace()
            .skip(1)
            .any(|w| w.starts_with(char::is_uppercase))
    {
        "description"
    } else if src
        .split_whitespace()
        .any(|w| w.starts_with(char::is_uppercase))
    {
        "name or titled description"
    } else {
        "other"
    }
}

/// Counts one role's unmatched spans into `out` (byte ranges of `text`).
/// Pairs at or above `threshold` (1.0: exact) count as matched first.
fn bucket_role(
    text: &str,
    gold: &[(usize, usize)],
    pred: &[(usize, usize)],
    threshold: f64,
    out: &mut BTreeMap<String, usize>,
    show: Option<&str>,
) -> Vec<usize> {
    let exact = threshold >= 1.0;
    let agree = |g: (usize, usize), p: (usize, usize)| {
        if exact {
            g == p
        } else {
            overlap_ratio(g, p) >= threshold
        }
    };
    let mut cand = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            if agree(*g, *p) {
                cand.push((overlap_ratio(*g, *p), gi, pi));
            }
        }
    }
    cand.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut gu, mut pu) = (vec![false; gold.len()], vec![false; pred.len()]);
    for (_, g, p) in cand {
        if !gu[g] && !pu[p] {
            gu[g] = true;
            pu[p] = true;
        }
    }
    let mut near = Vec::new();
    for (gi, g) in gold.iter().enumerate().filter(|x| !gu[x.0]) {
        for (pi, p) in pred.iter().enumerate().filter(|x| !pu[x.0]) {
            let r = overlap_ratio(*g, *p);
            if r > 0.0 {
                near.push((r, gi, pi));
            }
        }
    }
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut bump = |k: String| *out.entry(k).or_default() += 1;
    for (_, g, p) in near {
        if gu[g] || pu[p] {
            continue;
        }
        gu[g] = true;
        pu[p] = true;
        let (gs, ps) = (gold[g], pred[p]);
        bump("near miss (pairs)".into());
        if let Some(label) = show {
            let cut = |r: (usize, usize)| {
                text[r.0..r.1]
                    .chars()
                    .take(120)
                    .collect::<String>()
                    .replace('\n', "¶")
            };
            println!("NEAR {label} gold [{}] pred [{}]", cut(gs), cut(ps));
        }
        if gs.0 != ps.0 {
            let (a, b) = (gs.0.min(ps.0), gs.0.max(ps.0));
            let dir = if ps.0 < gs.0 { "extra" } else { "missing" };
            bump(format!("  start {dir}: {}", edge_kind(&text[a..b])));
        }
        if gs.1 != ps.1 {
            let (a, b) = (gs.1.min(ps.1), gs.1.max(ps.1));
            let dir = if ps.1 > gs.1 { "extra" } else { "missing" };
            bump(format!("  end {dir}: {}", edge_kind(&text[a..b])));
        }
    }
    if let Some(label) = show {
        let cut = |r: (usize, usize)| {
            text[r.0..r.1]
                .chars()
                .take(120)
                .collect::<String>()
                .replace('\n', "¶")
        };
        for (g, _) in gu.iter().enumerate().filter(|x| !*x.1) {
            println!("MISS {label} [{}]", cut(gold[g]));
        }
        for (p, _) in pu.iter().enumerate().filter(|x| !*x.1) {
            println!("SPUR {label} [{}]", cut(pred[p]));
        }
    }
    bump_n(
        out,
        "missed (no overlap)",
        gu.iter().filter(|u| !**u).count(),
    );
    bump_n(
        out,
        "spurious (no overlap)",
        pu.iter().filter(|u| !**u).count(),
    );
    (0..gold.len()).filter(|&g| !gu[g]).collect()
}

fn bump_n(out: &mut BTreeMap<String, usize>, k: &str, n: usize) {
    *out.entry(k.to_string()).or_default() += n;
}

/// Buckets of one article (byte ranges).
fn bucket_article(
    text: &str,
    art: &Article,
    gold_content: &[(usize, usize)],
    pred_content: &[(usize, usize)],
    quotes: &[Quote],
    b: &mut Buckets,
    show: bool,
) {
    let label = |role: &str| show.then(|| format!("{} {role}", art.name));
    let missed_content = bucket_role(
        text,
        gold_content,
        pred_content,
        0.5,
        &mut b.content,
        label("content").as_deref(),
    );
    let gold_cue: Vec<_> = art
        .attributions
        .iter()
        .filter_map(|a| cover(&a.cue))
        .collect();
    let pred_cue: Vec<_> = quotes
        .iter()
        .filter_map(|q| q.cue)
        .map(|s| (s.start, s.end))
        .collect();
    bucket_role(
        text,
        &gold_cue,
        &pred_cue,
        1.0,
        &mut b.cue,
        label("cue").as_deref(),
    );
    // In the order of `art.attributions` (those with a source).
    let gold_src: Vec<_> = art
        .attributions
        .iter()
        .filter_map(|a| cover(&a.source))
        .collect();
    let pred_src: Vec<_> = quotes
        .iter()
        .filter_map(|q| q.speaker)
        .map(|s| (s.start, s.end))
        .collect();
    let missed = bucket_role(
        text,
        &gold_src,
        &pred_src,
        1.0,
        &mut b.source,
        label("source").as_deref(),
    );
    // A missed source whose attribution's cue was found: the source was
    // not tagged or not attached to that cue.
    let with_source: Vec<&polnear::Attribution> = art
        .attributions
        .iter()
        .filter(|a| !a.source.is_empty())
        .collect();
    for g in missed {
        let key = match cover(&with_source[g].cue) {
            Some(c) if pred_cue.contains(&c) => {
                let q = quotes
                    .iter()
                    .find(|q| q.cue.is_some_and(|s| (s.start, s.end) == c));
                if q.is_some_and(|q| q.speaker.is_none()) {
                    if show {
                        let g = cover(&with_source[g].source).unwrap_or((0, 0));
                        let ctx = &text[g.0.min(c.0).saturating_sub(40)..c.1.max(g.1)];
                        println!(
                            "NOSRC {} gold [{}] cue [{}] … {}",
                            art.name,
                            &text[g.0..g.1],
                            &text[c.0..c.1],
                            ctx.replace('\n', "¶")
                        );
                    }
                    "  of which: its cue predicted exactly, with no source"
                } else {
                    "  of which: its cue predicted exactly, with another source"
                }
            }
            _ => "  of which: its cue not predicted exactly",
        };
        bump_n(&mut b.source, key, 1);
    }
    // A missed content whose cue was found: the decoding (or the content
    // tags) lost it, not the cue detection.
    for g in missed_content {
        let cue = cover(&art.attributions[g].cue);
        let key = match cue {
            Some(c) if pred_cue.contains(&c) => "  of which: gold cue predicted exactly",
            Some(c) if pred_cue.iter().any(|p| p.0 < c.1 && c.0 < p.1) => {
                "  of which: gold cue overlapped by a predicted cue"
            }
            _ => "  of which: gold cue not predicted",
        };
        bump_n(&mut b.content, key, 1);
    }
    for g in &gold_cue {
        let e = b.cue_forms.entry(cue_form(&text[g.0..g.1])).or_default();
        e.1 += 1;
        e.0 += usize::from(pred_cue.contains(g));
    }
    for g in &gold_src {
        let e = b
            .source_forms
            .entry(source_form(&text[g.0..g.1]))
            .or_default();
        e.1 += 1;
        e.0 += usize::from(pred_src.contains(g));
    }
}

/// Prints the buckets.
pub fn print_buckets(b: &Buckets) {
    for (role, map) in [
        ("content (≥ 0.5 overlap matched first)", &b.content),
        ("cue (exact matched first)", &b.cue),
        ("source (exact matched first)", &b.source),
    ] {
        println!("  buckets, {role}:");
        let mut rows: Vec<_> = map.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (k, n) in rows {
            println!("    {n:5}  {k}");
        }
    }
    for (role, map) in [
        ("gold cue forms", &b.cue_forms),
        ("gold source forms", &b.source_forms),
    ] {
        println!("  {role} (found exactly / all):");
        for (k, (f, n)) in map {
            println!(
                "    {k:28} {f:5} / {n:5} = {:.3}",
                *f as f64 / (*n).max(1) as f64
            );
        }
    }
}

/// Prints a report.
pub fn print(title: &str, r: &Report) {
    println!("{title}");
    println!(
        "  {} articles, {} gold attributions, {} predicted quotations",
        r.articles, r.gold, r.predicted
    );
    println!("  content exact       {}", r.content_exact);
    println!("  content overlap≥.5  {}", r.content_overlap);
    println!("    direct   exact    {}", r.direct_exact);
    println!("    direct   overlap  {}", r.direct_overlap);
    println!("    indirect exact    {}", r.indirect_exact);
    println!("    indirect overlap  {}", r.indirect_overlap);
    println!("  cue exact           {}", r.cue_exact);
    println!("  cue overlap≥.5      {}", r.cue_overlap);
    println!("  source exact        {}", r.source_exact);
    println!("  source overlap≥.5   {}", r.source_overlap);
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!(
        "  speaker entity accuracy (matched pairs, gold source names an entity): {}/{} = {:.4}",
        r.speaker.0,
        r.speaker.1,
        pct(r.speaker.0, r.speaker.1)
    );
    println!(
        "  speaker span overlaps gold source (matched pairs with both): {}/{} = {:.4}",
        r.speaker_span.0,
        r.speaker_span.1,
        pct(r.speaker_span.0, r.speaker_span.1)
    );
    println!(
        "  direct quotations, gold source a named person, speaker resolved to them: {}/{} = {:.4}",
        r.direct_person.0,
        r.direct_person.1,
        pct(r.direct_person.0, r.direct_person.1)
    );
    let total: Duration = r.stage_time.values().sum();
    let times: Vec<String> = r
        .stage_time
        .iter()
        .map(|(k, v)| format!("{k} {:.1} ms", v.as_secs_f64() * 1e3))
        .collect();
    println!(
        "  stage time over all articles: {} (total {:.1} ms; models loaded before, in {:.1} ms)",
        times.join(", "),
        total.as_secs_f64() * 1e3,
        r.warm_up.as_secs_f64() * 1e3
    );
}

/// Builds the cue lexicon from a training split: for each lowercase word
/// form, how often it heads a cue (the first word of the cue that is not an
/// auxiliary or adverb of [`newsgraph_quotes::tables::CUE_PREFIX`] nor ends
/// in "-ly") and how often it occurs. Writes rows for forms heading at least `min` cues.
pub fn derive_lexicon(articles: &[Article], min: u32, out: &Path) -> Result<usize> {
    let mut cues: HashMap<String, u32> = HashMap::new();
    let mut occurrences: HashMap<String, u32> = HashMap::new();
    for art in articles {
        let seg = newsgraph_segment::segment(&art.text);
        let words: Vec<(usize, usize, String)> = seg
            .tokens
            .iter()
            .filter(|t| t.kind == newsgraph_doc::TokenKind::Word)
            .map(|t| {
                (
                    t.span.start,
                    t.span.end,
                    art.text[t.span.start..t.span.end].to_lowercase(),
                )
            })
            .collect();
        for w in &words {
            *occurrences.entry(w.2.clone()).or_default() += 1;
        }
        for a in &art.attributions {
            let Some((s, e)) = cover(&a.cue) else {
                continue;
            };
            let from = words.partition_point(|w| w.0 < s);
            let head = words[from..].iter().take_while(|w| w.1 <= e).find(|w| {
                !newsgraph_quotes::tables::CUE_PREFIX.contains(&w.2.as_str())
                    && !w.2.ends_with("ly")
            });
            if let Some(h) = head {
                *cues.entry(h.2.clone()).or_default() += 1;
            }
        }
    }
    let mut rows: Vec<(&String, u32, u32)> = cues
        .iter()
        .filter(|(_, &c)| c >= min)
        .map(|(w, &c)| (w, c, occurrences.get(w).copied().unwrap_or(c).max(c)))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut s = String::from(
        "# form\tcue_count\toccurrences\t(derived from PolNeAR train cue spans by \
         `newsgraph-eval quotes --derive-lexicon`; counts only, no text)\n",
    );
    for (w, c, o) in &rows {
        s.push_str(&format!("{w}\t{c}\t{o}\n"));
    }
    std::fs::write(out, s)?;
    Ok(rows.len())
}

/// One set of attributions as code-point ranges per role, built the way
/// [`score_article`] builds them (content: first piece's start to last
/// piece's end, or the cue's range when there is no content).
#[derive(Debug, Default)]
struct RoleSpans {
    content: Vec<(usize, usize)>,
    /// Whether each content is direct ([`is_direct`]).
    direct: Vec<bool>,
    cue: Vec<(usize, usize)>,
    source: Vec<(usize, usize)>,
}

impl RoleSpans {
    /// Adds a content range, given in bytes of `text`.
    fn push_content(&mut self, text: &str, chars: &Chars, r: (usize, usize)) {
        self.content.push(chars.range(r));
        self.direct.push(is_direct(&text[r.0..r.1]));
    }

    fn of_annotator(art: &Article, chars: &Chars) -> RoleSpans {
        let mut r = RoleSpans::default();
        for a in &art.attributions {
            if let Some(c) = cover(&a.content).or_else(|| cover(&a.cue)) {
                r.push_content(&art.text, chars, c);
            }
            r.cue.extend(cover(&a.cue).map(|c| chars.range(c)));
            r.source.extend(cover(&a.source).map(|c| chars.range(c)));
        }
        r
    }

    fn of_pipeline(doc: &Doc, chars: &Chars) -> RoleSpans {
        let mut r = RoleSpans::default();
        for q in doc.quotes().map(|q| q.as_slice()).unwrap_or(&[]) {
            let end = q.content.iter().map(|c| c.end).max().unwrap_or(0);
            r.push_content(doc.text(), chars, (q.content[0].start, end));
            r.cue.extend(q.cue.map(|s| chars.range((s.start, s.end))));
            r.source
                .extend(q.speaker.map(|s| chars.range((s.start, s.end))));
        }
        r
    }
}

/// Counts of one side scored against another, by this module's matching
/// rules (content at overlap ≥ 0.5 and exact, cue and source exact).
#[derive(Debug, Default)]
struct Agreement {
    pairs: usize,
    content_overlap: Prf,
    /// Content at overlap ≥ 0.5 within each class, as in [`Report`].
    direct_overlap: Prf,
    indirect_overlap: Prf,
    content_exact: Prf,
    cue_exact: Prf,
    source_exact: Prf,
}

impl Agreement {
    fn add(&mut self, gold: &RoleSpans, pred: &RoleSpans) {
        let unl = |s: &[(usize, usize)]| -> Vec<(usize, usize, &str)> {
            s.iter().map(|r| (r.0, r.1, "")).collect()
        };
        let score =
            |g: &[(usize, usize)], p: &[(usize, usize)], m: Matching| span_prf(&unl(g), &unl(p), m);
        self.pairs += 1;
        self.content_overlap
            .add(score(&gold.content, &pred.content, Matching::Overlap(0.5)));
        self.content_exact
            .add(score(&gold.content, &pred.content, Matching::Exact));
        let of_class = |s: &RoleSpans, direct: bool| -> Vec<(usize, usize)> {
            s.content
                .iter()
                .zip(&s.direct)
                .filter(|(_, &d)| d == direct)
                .map(|(r, _)| *r)
                .collect()
        };
        for (direct, prf) in [
            (true, &mut self.direct_overlap),
            (false, &mut self.indirect_overlap),
        ] {
            let (g, p) = (of_class(gold, direct), of_class(pred, direct));
            prf.add(score(&g, &p, Matching::Overlap(0.5)));
        }
        self.cue_exact
            .add(score(&gold.cue, &pred.cue, Matching::Exact));
        self.source_exact
            .add(score(&gold.source, &pred.source, Matching::Exact));
    }

    fn print(&self, what: &str) {
        println!(
            "  {what} ({} comparisons)\n    content overlap≥.5  {}\n      direct            {}\n      indirect          {}\n    content exact       {}\n    cue exact           {}\n    source exact        {}",
            self.pairs,
            self.content_overlap,
            self.direct_overlap,
            self.indirect_overlap,
            self.content_exact,
            self.cue_exact,
            self.source_exact
        );
    }
}

/// `--agreement`: on the articles of `split` that several people annotated,
/// how far the annotators agree with each other under the matching rules
/// above, beside how far the pipeline agrees with them. The eval's gold is
/// each article's first annotator, so "another annotator vs the first" is
/// what a careful human scores on our metric: a ceiling to read our
/// figures against. (On train, the taggers learnt from the first
/// annotator's labels of these very articles, so the pipeline's train
/// figures are optimistic.)
fn agreement(split: &str, groups: &[Vec<Article>], config: &Config, ner: NerMode) -> Result<()> {
    let stages = stages(config, ner);
    let (mut humans, mut others_vs_first) = (Agreement::default(), Agreement::default());
    let (mut system_vs_first, mut system_vs_others) = (Agreement::default(), Agreement::default());
    for group in groups {
        let text = &group[0].text;
        let chars = Chars::new(text);
        let people: Vec<RoleSpans> = group
            .iter()
            .map(|a| RoleSpans::of_annotator(a, &chars))
            .collect();
        for (i, a) in people.iter().enumerate() {
            for b in &people[i + 1..] {
                // Exact matching is symmetric, so one order per pair.
                humans.add(a, b);
            }
            if i > 0 {
                others_vs_first.add(&people[0], a);
            }
        }
        let mut doc = Doc::new(text.clone(), Meta::default());
        for stage in &stages {
            stage.run(&mut doc)?;
        }
        let system = RoleSpans::of_pipeline(&doc, &chars);
        system_vs_first.add(&people[0], &system);
        for p in &people[1..] {
            system_vs_others.add(p, &system);
        }
    }
    let annotators: usize = groups.iter().map(Vec::len).sum();
    println!(
        "PolNeAR {split}: agreement on the {} articles with several annotators ({annotators} annotations)",
        groups.len()
    );
    humans.print("annotator vs annotator, every pair");
    others_vs_first
        .print("another annotator vs the first (the eval's gold): a human on our metric");
    system_vs_first.print("pipeline vs the first annotator (the eval's gold)");
    system_vs_others.print("pipeline vs the other annotators");
    Ok(())
}

/// The `quotes` subcommand (one argument per command-line flag).
#[allow(clippy::too_many_arguments)]
pub fn run(
    data: &Path,
    attribution: bool,
    min_precision: Option<f32>,
    min_count: Option<u32>,
    errors: bool,
    derive: Option<&Path>,
    tagger: Option<&str>,
    model: Option<&str>,
    decode: Option<&str>,
    ner: Option<&str>,
    split: Option<&str>,
    buckets: bool,
    agree: bool,
) -> Result<()> {
    let Some(dir) = newsgraph_eval::dataset_dir(data, "polnear") else {
        return Ok(());
    };
    if let Some(out) = derive {
        let train = polnear::read_split(&dir.join("train"))?;
        let n = derive_lexicon(&train, 3, out)?;
        println!(
            "wrote {n} cue forms from {} train articles to {}",
            train.len(),
            out.display()
        );
        return Ok(());
    }
    // `--split train` studies PolNeAR's conventions on train gold (the
    // perceptron was trained there, so its figures on train are optimistic).
    let split = split.unwrap_or("dev");
    if split != "dev" && split != "train" {
        anyhow::bail!("--split: expected dev or train, not {split:?}");
    }
    let dev = polnear::read_split(&dir.join(split))?;
    let mut config = if attribution {
        Config::attribution()
    } else {
        Config::default()
    };
    if let Some(p) = min_precision {
        config.min_cue_precision = p;
    }
    if let Some(c) = min_count {
        config.min_cue_count = c;
    }
    if let Some(t) = tagger {
        config.tagger = match t {
            "off" => TaggerUse::Off,
            "only" => TaggerUse::Only,
            "combined" => TaggerUse::Combined,
            "confirmed" => TaggerUse::Confirmed,
            "union" => TaggerUse::Union,
            other => {
                anyhow::bail!(
                    "--tagger: expected off, only, combined, confirmed or union, not {other:?}"
                )
            }
        };
    }
    if let Some(m) = model {
        config.model = match m {
            "perceptron" => TaggerModel::Perceptron,
            "encoder" => TaggerModel::Encoder,
            "both" => TaggerModel::Both,
            other => anyhow::bail!("--model: expected perceptron, encoder or both, not {other:?}"),
        };
    }
    if let Some(d) = decode {
        // A comma-separated list of the decoding options to turn on
        // ("none" for none; "both" is the older name of "nested,orphans";
        // "rules" is `Config::rule_boundaries`, the boundary rules on the
        // rules' own quotations).
        let mut rule_boundaries = false;
        let mut o = newsgraph_quotes::tagger::DecodeOptions {
            nested: false,
            orphans: false,
            boundaries: false,
        };
        for part in d.split(',').map(str::trim) {
            match part {
                "none" => {}
                "nested" => o.nested = true,
                "orphans" => o.orphans = true,
                "both" => (o.nested, o.orphans) = (true, true),
                "boundaries" => o.boundaries = true,
                "rules" => rule_boundaries = true,
                other => anyhow::bail!(
                    "--decode: expected a comma-separated list of nested, orphans, boundaries, rules (or none, both), not {other:?}"
                ),
            }
        }
        config.decode = o;
        config.rule_boundaries = rule_boundaries;
    }
    let ner = match ner.unwrap_or("fast") {
        "fast" => NerMode::Fast,
        "accurate" => NerMode::Accurate,
        other => anyhow::bail!("--ner: expected fast or accurate, not {other:?}"),
    };
    if agree {
        return agreement(split, &polnear::read_multi(&dir.join(split))?, &config, ner);
    }
    let rep = evaluate(&dev, &config, ner, errors)?;
    let title = if attribution {
        format!(
            "PolNeAR {split}, attribution config (speech verbs + learned cues, precision ≥ {}, count ≥ {}), tagger {:?} ({:?}, {:?}, rule boundaries {}), NER {ner:?}; annotator: first id per article",
            config.min_cue_precision, config.min_cue_count, config.tagger, config.model, config.decode, config.rule_boundaries
        )
    } else {
        format!(
            "PolNeAR {split}, default config (speech verbs only), tagger {:?} ({:?}, {:?}, rule boundaries {}), NER {ner:?}; annotator: first id per article",
            config.tagger, config.model, config.decode, config.rule_boundaries
        )
    };
    print(&title, &rep);
    if buckets {
        print_buckets(&rep.buckets);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_means_quotation_marks_at_both_ends() {
        assert!(is_direct("“We will win,”"));
        assert!(is_direct("\"No.\" "));
        assert!(is_direct("“A,” he said. “B.”"));
        assert!(!is_direct("that he would “fight on”"));
        assert!(!is_direct("“Fight on” was the motto"));
    }

    #[test]
    fn boundary_differences_are_named_by_what_they_hold() {
        assert_eq!(edge_kind(" :"), "punctuation");
        assert_eq!(edge_kind("”"), "quote mark");
        assert_eq!(edge_kind("that "), "\"that\"");
        assert_eq!(edge_kind("the "), "determiner");
        assert_eq!(edge_kind("did not "), "auxiliary/negation/adverb");
        assert_eq!(
            edge_kind(", a developer in Virginia,"),
            "comma clause (4+ words)"
        );
        assert_eq!(edge_kind(" in a statement"), "2-3 words");
    }

    #[test]
    fn gold_cue_and_source_forms() {
        assert_eq!(cue_form("according to"), "according to");
        assert_eq!(cue_form("did not say"), "negated");
        assert_eq!(cue_form("has said"), "auxiliary + verb");
        assert_eq!(cue_form("said"), "one word");
        assert_eq!(cue_form(":"), "colon");
        assert_eq!(source_form("he"), "pronoun");
        assert_eq!(source_form("Clinton and Sanders"), "coordinated");
        assert_eq!(
            source_form("Tim Hess, a developer,"),
            "with appositive/bracket"
        );
        assert_eq!(source_form("the former governor"), "description");
        assert_eq!(
            source_form("the Russian president"),
            "name or titled description"
        );
        assert_eq!(source_form("Mr. Obama"), "name or titled description");
    }

    #[test]
    fn buckets_pair_near_misses_and_count_the_rest() {
        let text = "Jane Smith said: the plan would fail. Nobody came.";
        let mut out = BTreeMap::new();
        // Gold "said:" vs predicted "said"; a gold span nobody predicted;
        // a prediction with no gold.
        let gold = [(11, 16), (38, 44)];
        let pred = [(11, 15), (0, 4)];
        let missed = bucket_role(text, &gold, &pred, 1.0, &mut out, None);
        assert_eq!(missed, vec![1]);
        assert_eq!(out["near miss (pairs)"], 1);
        assert_eq!(out["  end missing: punctuation"], 1);
        assert_eq!(out["missed (no overlap)"], 1);
        assert_eq!(out["spurious (no overlap)"], 1);
    }

    #[test]
    fn agreement_scores_one_side_against_the_other_by_the_same_rules() {
        let first = RoleSpans {
            content: vec![(0, 10), (20, 40)],
            direct: vec![true, false],
            cue: vec![(11, 15), (41, 45)],
            source: vec![(16, 18)],
        };
        // The second reader shortens one content (still ≥ 50% overlap),
        // misses the second cue and adds a source.
        let second = RoleSpans {
            content: vec![(0, 10), (20, 35)],
            direct: vec![true, false],
            cue: vec![(11, 15)],
            source: vec![(16, 18), (46, 50)],
        };
        let mut a = Agreement::default();
        a.add(&first, &second);
        assert_eq!(a.pairs, 1);
        let counts = |p: &Prf| (p.tp, p.fp, p.fn_);
        assert_eq!(counts(&a.content_overlap), (2, 0, 0));
        assert_eq!(counts(&a.direct_overlap), (1, 0, 0));
        assert_eq!(counts(&a.indirect_overlap), (1, 0, 0));
        assert_eq!(counts(&a.content_exact), (1, 1, 1));
        assert_eq!(counts(&a.cue_exact), (1, 0, 1));
        assert_eq!(counts(&a.source_exact), (1, 1, 0));
        // The other way round, misses and spurious spans swap; F1 stays.
        let mut b = Agreement::default();
        b.add(&second, &first);
        assert_eq!(counts(&b.cue_exact), (1, 1, 0));
        assert_eq!(a.cue_exact.f1(), b.cue_exact.f1());
    }
}
