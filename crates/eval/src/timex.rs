//! `newsgraph-eval timex`: time expressions on TempEval-3 TBAQ-cleaned.
//!
//! Each TimeML document's `<TEXT>` is stripped of its tags (gold spans kept
//! as offsets), split into paragraphs at blank lines, tokenised, and run
//! through the measure crate's time tagger with the document creation time
//! as the publication date. The DCT timex itself is not gold.
//!
//! Matching rules (TempEval-3 conventions):
//! - **strict**: a prediction matches a gold timex with the same start and
//!   end (byte offsets into the stripped text).
//! - **relaxed**: a prediction matches a gold timex it overlaps by at least
//!   one byte. Pairs are one-to-one, chosen greedily by largest overlap.
//! - **value**: over the relaxed pairs, a pair is correct when the values
//!   are equal strings, as written (no canonicalisation on either side:
//!   "2000-W7" in gold does not equal "2000-W07"). Value P = correct /
//!   predicted, R = correct / gold; value accuracy = correct / relaxed
//!   pairs. This is TempEval-3's value F1: the task paper (UzZaman et
//!   al. 2013) scores an attribute as relaxed F1 × attribute accuracy,
//!   which is the same number, since
//!   2·correct / (predicted + gold) = [2·pairs / (predicted + gold)] ·
//!   [correct / pairs]. An unmatched prediction or gold timex counts
//!   against value F1 as it does against relaxed F1.
//! - **type accuracy**: equal TIMEX3 type over the relaxed pairs.
//!
//! There is no official dev split in TBAQ-cleaned: documents are sorted by
//! file name and the first 80% are the *tune* part (rules were written
//! while looking at errors there only), the last 20% the *held-out* part.
//!
//! `--errors` lists the tune part's errors one by one, then value errors
//! by [`bucket`], then extraction errors by surface form ([`form`]:
//! right values, matches, spurious and missed per form), closing with
//! [`form_bound`]: what never tagging the forms the gold mostly leaves
//! untagged would give, the ceiling of extraction rules that look at the
//! words alone.
//!
//! `newsgraph-eval timex-ablate` judges rules on the tune part alone: it
//! cuts it into contiguous folds and, for every named rule of the measure
//! crate, reports the value-F1 gain per fold, the gold timexes fixed and
//! broken, and the types fixed and broken ([`ablate`]). A rule stays on
//! when it helps on most folds, hurts on none and costs no type; the
//! held-out figure is read once per batch of such decisions, never per
//! rule.

use anyhow::Result;
use newsgraph_doc::Span;
use newsgraph_eval::data::timeml::{self, Document};
use newsgraph_eval::score::Prf;
use newsgraph_measure::timex::DocState;
use std::path::Path;

/// Scores of one part of the data.
#[derive(Debug, Default, Clone)]
pub struct Scores {
    pub docs: usize,
    pub strict: Prf,
    pub relaxed: Prf,
    pub value: Prf,
    pub type_correct: usize,
    /// Value errors (relaxed pairs with unequal values) by [`bucket`].
    pub buckets: std::collections::BTreeMap<&'static str, usize>,
    /// Extraction outcomes by surface form ([`form`]): matched, spurious,
    /// missed.
    pub forms: std::collections::BTreeMap<String, FormCounts>,
}

/// How often one surface form was matched (relaxed), predicted with no
/// gold timex under it, or left out where gold has one.
#[derive(Debug, Default, Clone, Copy)]
pub struct FormCounts {
    /// Predictions of this form that matched a gold timex.
    pub matched: usize,
    /// Of those, the ones with the gold value.
    pub value_ok: usize,
    /// Predictions of this form that matched none (false positives).
    pub spurious: usize,
    /// Gold timexes of this form that no prediction overlaps (false
    /// negatives).
    pub missed: usize,
}

/// The surface form of an expression, for bucketing extraction errors:
/// lower-cased, digits written `9`, whitespace runs as one space ("Oct.
/// 12, 1989" and "Oct. 30,  1990" are both "oct. 99, 9999").
pub fn form(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            w.chars()
                .map(|c| if c.is_ascii_digit() { '9' } else { c })
                .flat_map(char::to_lowercase),
        );
    }
    out
}

impl Scores {
    fn value_accuracy(&self) -> f64 {
        if self.relaxed.tp == 0 {
            0.0
        } else {
            self.value.tp as f64 / self.relaxed.tp as f64
        }
    }
}

/// One predicted expression, for scoring.
#[derive(Debug, Clone)]
pub struct Pred {
    pub start: usize,
    pub end: usize,
    pub timex_type: String,
    pub value: String,
}

/// Runs the standard segmenter (paragraphs, sentences, tokens) and the
/// measure stage, as the pipeline does.
pub fn predict_with_segmenter(doc: &Document) -> Vec<Pred> {
    use newsgraph_doc::Stage;
    let mut d = newsgraph_doc::Doc::new(
        doc.text.clone(),
        newsgraph_doc::Meta {
            published: doc.dct,
            ..Default::default()
        },
    );
    let stages: [&dyn Stage; 3] = [
        &newsgraph_segment::ParagraphStage,
        &newsgraph_segment::SentenceStage,
        &newsgraph_measure::MeasureStage,
    ];
    for stage in stages {
        if stage.run(&mut d).is_err() {
            return Vec::new();
        }
    }
    d.times()
        .map(|ts| {
            ts.iter()
                .map(|t| Pred {
                    start: t.span.start,
                    end: t.span.end,
                    timex_type: t.timex_type.clone(),
                    value: t.value.clone().unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Runs the tagger on one document, paragraph by paragraph, with the
/// measure crate's own tokenizer.
pub fn predict(doc: &Document) -> Vec<Pred> {
    let text = &doc.text;
    let mut state = DocState::default();
    let mut out = Vec::new();
    let mut start = 0;
    for para in text.split("\n\n") {
        let range = Span::new(start, start + para.len());
        start += para.len() + 2;
        let toks = newsgraph_measure::tokens::pieces(text, range);
        for t in newsgraph_measure::timex::extract(&toks, doc.dct, &mut state) {
            out.push(Pred {
                start: t.span.start,
                end: t.span.end,
                timex_type: t.timex_type,
                value: t.value.unwrap_or_default(),
            });
        }
    }
    out
}

/// One-to-one pairs (gold index, predicted index), greedy by overlap.
fn pairs(doc: &Document, pred: &[Pred]) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (gi, g) in doc.timexes.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let inter = g.end.min(p.end).saturating_sub(g.start.max(p.start));
            if inter > 0 {
                cands.push((inter, gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut gu = vec![false; doc.timexes.len()];
    let mut pu = vec![false; pred.len()];
    let mut out = Vec::new();
    for (_, gi, pi) in cands {
        if !gu[gi] && !pu[pi] {
            gu[gi] = true;
            pu[pi] = true;
            out.push((gi, pi));
        }
    }
    out
}

/// Adds one document to `s`; returns error lines (for `--errors`): FN,
/// FP, VAL (values differ; the types follow at the end), TYPE (same value,
/// another type) and SPAN (right value, other bounds).
fn score_doc(doc: &Document, s: &mut Scores, errors: bool, segmenter: bool) -> Vec<String> {
    let pred = if segmenter {
        predict_with_segmenter(doc)
    } else {
        predict(doc)
    };
    let mut lines = Vec::new();
    let gold = &doc.timexes;
    let strict_tp = gold
        .iter()
        .filter(|g| pred.iter().any(|p| p.start == g.start && p.end == g.end))
        .count();
    s.strict.add(Prf {
        tp: strict_tp,
        fp: pred.len() - strict_tp,
        fn_: gold.len() - strict_tp,
    });
    let ps = pairs(doc, &pred);
    let value_tp = ps
        .iter()
        .filter(|&&(g, p)| gold[g].value == pred[p].value)
        .count();
    s.relaxed.add(Prf {
        tp: ps.len(),
        fp: pred.len() - ps.len(),
        fn_: gold.len() - ps.len(),
    });
    s.value.add(Prf {
        tp: value_tp,
        fp: pred.len() - value_tp,
        fn_: gold.len() - value_tp,
    });
    s.type_correct += ps
        .iter()
        .filter(|&&(g, p)| gold[g].timex_type == pred[p].timex_type)
        .count();
    for &(g, p) in &ps {
        if gold[g].value != pred[p].value {
            *s.buckets
                .entry(bucket(&gold[g].value, &pred[p].value))
                .or_default() += 1;
        }
    }
    let matched_p: Vec<usize> = ps.iter().map(|p| p.1).collect();
    let matched_g: Vec<usize> = ps.iter().map(|p| p.0).collect();
    for (pi, p) in pred.iter().enumerate() {
        let f = s.forms.entry(form(&doc.text[p.start..p.end])).or_default();
        if let Some(&(gi, _)) = ps.iter().find(|x| x.1 == pi) {
            f.matched += 1;
            f.value_ok += usize::from(gold[gi].value == p.value);
        } else {
            f.spurious += 1;
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if !matched_g.contains(&gi) {
            s.forms
                .entry(form(&doc.text[g.start..g.end]))
                .or_default()
                .missed += 1;
        }
    }
    s.docs += 1;
    if errors {
        let name = doc.path.file_name().unwrap_or_default().to_string_lossy();
        let dct = doc.dct.map(|d| d.to_string()).unwrap_or_default();
        let ctx = |a: usize, b: usize| {
            let mut lo = a.saturating_sub(40);
            while !doc.text.is_char_boundary(lo) {
                lo -= 1;
            }
            let mut hi = (b + 30).min(doc.text.len());
            while !doc.text.is_char_boundary(hi) {
                hi += 1;
            }
            format!(
                "{}[{}]{}",
                &doc.text[lo..a],
                &doc.text[a..b],
                &doc.text[b..hi]
            )
            .replace('\n', " ")
        };
        for (gi, g) in gold.iter().enumerate() {
            if !matched_g.contains(&gi) {
                lines.push(format!(
                    "FN\t{name}\t{dct}\t{} {}\t{}",
                    g.timex_type,
                    g.value,
                    ctx(g.start, g.end)
                ));
            }
        }
        for (pi, p) in pred.iter().enumerate() {
            if !matched_p.contains(&pi) {
                lines.push(format!(
                    "FP\t{name}\t{dct}\t{} {}\t{}",
                    p.timex_type,
                    p.value,
                    ctx(p.start, p.end)
                ));
            }
        }
        for &(gi, pi) in &ps {
            let (g, p) = (&gold[gi], &pred[pi]);
            if g.value != p.value {
                lines.push(format!(
                    "VAL\t{name}\t{dct}\tgold {} pred {}\t{}\t{}\t{} {}",
                    g.value,
                    p.value,
                    &doc.text[p.start..p.end],
                    ctx(g.start, g.end),
                    g.timex_type,
                    p.timex_type
                ));
            } else if g.timex_type != p.timex_type {
                lines.push(format!(
                    "TYPE\t{name}\t{dct}\tgold {} pred {}\t{}\t{}",
                    g.timex_type,
                    p.timex_type,
                    &doc.text[p.start..p.end],
                    ctx(g.start, g.end)
                ));
            } else if g.start != p.start || g.end != p.end {
                lines.push(format!(
                    "SPAN\t{name}\t{dct}\tpred {:?}\t{}",
                    &doc.text[p.start..p.end],
                    ctx(g.start, g.end)
                ));
            }
        }
    }
    lines
}

/// Scores the tune part (first 80% by file name) and the held-out part.
/// With `segmenter`, sentences and tokens come from the segment crate's
/// stages (the pipeline's path); without, from paragraphs and the measure
/// crate's own tokenizer.
pub fn evaluate(dir: &Path, errors: bool, segmenter: bool) -> Result<(Scores, Scores)> {
    let docs = timeml::read_dir(dir)?;
    let cut = docs.len() * 4 / 5;
    let mut tune = Scores::default();
    let mut held = Scores::default();
    for (i, d) in docs.iter().enumerate() {
        if i < cut {
            for l in score_doc(d, &mut tune, errors, segmenter) {
                println!("{l}");
            }
        } else {
            score_doc(d, &mut held, false, segmenter);
        }
    }
    if errors {
        let mut b: Vec<_> = tune.buckets.iter().collect();
        b.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
        println!("value errors of the tune part by bucket:");
        for (name, n) in b {
            println!("  {n:4}  {name}");
        }
        print_forms(&tune);
    }
    Ok((tune, held))
}

/// Whether a (gold, predicted) value pair belongs to a bucket.
pub type BucketTest = fn(&str, &str) -> bool;

/// Kinds of value error, tried in order; the first that applies names the
/// bucket of a (gold, predicted) pair with unequal values.
pub const BUCKETS: &[(&str, BucketTest)] = &[
    ("PAST/PRESENT/FUTURE_REF against another value", |g, p| {
        is_ref(g) || is_ref(p)
    }),
    ("type: a duration against a point in time", |g, p| {
        is_duration(g) != is_duration(p)
    }),
    ("duration: amount or unit", |g, _| is_duration(g)),
    (
        "part of day (TMO, TAF, TEV, TNI) on one side only",
        |g, p| strip_part_of_day(g) == strip_part_of_day(p),
    ),
    (
        "week number written unpadded in gold (W7 for W07)",
        |g, p| p.len() == g.len() + 1 && p.replace("-W0", "-W") == g,
    ),
    ("granularity: the same time, one side coarser", |g, p| {
        let g = g.trim_end_matches("-XX");
        g.starts_with(p) || p.starts_with(g)
    }),
    ("another day (weekday direction, anchor)", |g, p| {
        is_day(g) && is_day(p)
    }),
    ("quarters", |g, p| g.contains('Q') || p.contains('Q')),
    ("another value at the same granularity", |g, p| {
        g.len() == p.len()
    }),
    ("another value at another granularity", |_, _| true),
];

fn is_ref(v: &str) -> bool {
    v.ends_with("_REF")
}

fn is_duration(v: &str) -> bool {
    v.starts_with('P') && !is_ref(v)
}

fn is_day(v: &str) -> bool {
    v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-'
}

fn strip_part_of_day(v: &str) -> &str {
    ["TMO", "TAF", "TEV", "TNI"]
        .iter()
        .find_map(|p| v.strip_suffix(p))
        .unwrap_or(v)
}

/// The bucket of a value error (see [`BUCKETS`]).
pub fn bucket(gold: &str, pred: &str) -> &'static str {
    BUCKETS
        .iter()
        .find(|(_, applies)| applies(gold, pred))
        .map_or("other", |(name, _)| name)
}

/// Prints the extraction errors of `s` by surface form ([`form`]), the
/// forms with most errors (spurious, missed, or matched with another
/// value) first; a form whose predictions are mostly spurious is one the
/// gold does not tag.
///
/// The `right` column (predictions with the gold value) tells whether
/// tagging a form pays: one more prediction raises value F1 only when it
/// is right more often than half the current value F1 (value F1 =
/// 2·right / (predicted + gold), so a prediction right with probability
/// p changes it by (2p − F1) / (predicted + gold)).
pub fn print_forms(s: &Scores) {
    let mut rows: Vec<_> = s
        .forms
        .iter()
        .filter(|(_, c)| c.spurious + c.missed + c.matched - c.value_ok > 0)
        .collect();
    let errors = |c: &FormCounts| c.spurious + c.missed + c.matched - c.value_ok;
    rows.sort_by(|a, b| errors(b.1).cmp(&errors(a.1)).then(a.0.cmp(b.0)));
    println!(
        "extraction errors of the tune part by form (right value / matched / spurious / missed):"
    );
    for (f, c) in rows {
        println!(
            "  {:4} {:4} {:4} {:4}  {f}",
            c.value_ok, c.matched, c.spurious, c.missed
        );
    }
    let b = form_bound(s);
    println!(
        "bound of rules on the form alone: never tagging the {} forms the gold tags less \
         often than not ({} spurious) gives value F1 {:.4}, relaxed F1 {:.4}",
        b.forms, b.spurious, b.value_f1, b.relaxed_f1
    );
}

/// What never tagging some forms would give: see [`form_bound`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FormBound {
    /// Forms left untagged.
    pub forms: usize,
    /// Spurious predictions removed with them.
    pub spurious: usize,
    pub value_f1: f64,
    pub relaxed_f1: f64,
}

/// The best a rule that looks at the form alone can do by not tagging:
/// the figures of `s` if every form predicted more often spurious than
/// matched were never tagged (its matches, right values included, lost
/// with its spurious predictions). Forms the gold tags more often than
/// not need context to tell their cases apart.
pub fn form_bound(s: &Scores) -> FormBound {
    let dropped: Vec<&FormCounts> = s
        .forms
        .values()
        .filter(|c| c.spurious > c.matched)
        .collect();
    let sum = |f: fn(&FormCounts) -> usize| dropped.iter().map(|c| f(c)).sum::<usize>();
    let (right, matched, spurious) = (sum(|c| c.value_ok), sum(|c| c.matched), sum(|c| c.spurious));
    let predicted = s.value.tp + s.value.fp - matched - spurious;
    let gold = s.value.tp + s.value.fn_;
    let f1 = |tp: usize| {
        if predicted + gold == 0 {
            0.0
        } else {
            2.0 * tp as f64 / (predicted + gold) as f64
        }
    };
    FormBound {
        forms: dropped.len(),
        spurious,
        value_f1: f1(s.value.tp - right),
        relaxed_f1: f1(s.relaxed.tp - matched),
    }
}

pub fn print(name: &str, s: &Scores) {
    println!("{name} ({} documents)", s.docs);
    println!("  extraction strict   {}", s.strict);
    println!("  extraction relaxed  {}", s.relaxed);
    println!("  value (TE3)         {}", s.value);
    println!(
        "  value accuracy {:.4}   type accuracy {:.4}  (over {} relaxed matches)",
        s.value_accuracy(),
        if s.relaxed.tp == 0 {
            0.0
        } else {
            s.type_correct as f64 / s.relaxed.tp as f64
        },
        s.relaxed.tp
    );
}

/// What one document's predictions got right, gold timex by gold timex,
/// for comparing two runs (a rule on and off).
#[derive(Debug, Clone, Default, PartialEq)]
struct Outcome {
    /// Per gold timex: matched (relaxed) at all.
    matched: Vec<bool>,
    /// Per gold timex: matched with the gold value.
    value_ok: Vec<bool>,
    /// Per gold timex: matched with the gold type.
    type_ok: Vec<bool>,
    /// Per gold timex: the (type, value) predicted for it, if matched.
    predicted: Vec<Option<(String, String)>>,
    /// Predictions that matched no gold timex.
    spurious: usize,
}

fn outcome(doc: &Document) -> Outcome {
    let pred = predict(doc);
    let ps = pairs(doc, &pred);
    let n = doc.timexes.len();
    let mut o = Outcome {
        matched: vec![false; n],
        value_ok: vec![false; n],
        type_ok: vec![false; n],
        predicted: vec![None; n],
        spurious: pred.len() - ps.len(),
    };
    for (g, p) in ps {
        o.matched[g] = true;
        o.value_ok[g] = doc.timexes[g].value == pred[p].value;
        o.type_ok[g] = doc.timexes[g].timex_type == pred[p].timex_type;
        o.predicted[g] = Some((pred[p].timex_type.clone(), pred[p].value.clone()));
    }
    o
}

/// Figures of a set of outcomes, as [`evaluate`] computes them.
#[derive(Debug, Clone, Copy, Default)]
struct Figures {
    value_f1: f64,
    relaxed_f1: f64,
}

fn figures<'a>(outcomes: impl Iterator<Item = &'a Outcome>) -> Figures {
    let (mut gold, mut matched, mut value_ok, mut spurious) = (0, 0, 0, 0);
    let count = |v: &[bool]| v.iter().filter(|&&x| x).count();
    for o in outcomes {
        gold += o.matched.len();
        matched += count(&o.matched);
        value_ok += count(&o.value_ok);
        spurious += o.spurious;
    }
    // F1 = 2·tp / (predicted + gold), predicted = matched + spurious
    let denominator = (matched + spurious + gold) as f64;
    let f1 = |tp: usize| {
        if denominator == 0.0 {
            0.0
        } else {
            2.0 * tp as f64 / denominator
        }
    };
    Figures {
        value_f1: f1(value_ok),
        relaxed_f1: f1(matched),
    }
}

/// One rule's worth, measured by turning it off.
#[derive(Debug, Clone)]
pub struct Ablation {
    pub rule: &'static str,
    /// Whether the rule is on probation (off by default; measured by
    /// turning it on).
    pub probation: bool,
    /// Value F1 with the rule minus without it, per fold.
    pub fold_gain: Vec<f64>,
    /// Gold timexes whose value is right only with the rule on.
    pub fixes: usize,
    /// Gold timexes whose value is right only with the rule off.
    pub breaks: usize,
    /// Gold timexes whose type is right only with the rule on (matched
    /// either way).
    pub type_fixes: usize,
    /// Gold timexes whose type is right only with the rule off (matched
    /// either way).
    pub type_breaks: usize,
    /// Gold timexes whose match, type or value differs with the rule off,
    /// plus the change in spurious predictions: how often the rule acts.
    pub changes: usize,
    /// Spurious predictions with the rule minus without it.
    pub extra_spurious: i64,
    /// Relaxed F1 (tune part) with the rule minus without it.
    pub relaxed_gain: f64,
}

impl Ablation {
    /// Folds where the rule raises value F1.
    pub fn folds_helped(&self) -> usize {
        self.fold_gain.iter().filter(|&&g| g > 1e-9).count()
    }

    /// Folds where the rule lowers value F1.
    pub fn folds_hurt(&self) -> usize {
        self.fold_gain.iter().filter(|&&g| g < -1e-9).count()
    }

    /// The keep rule: it helps on most folds and costs no type accuracy;
    /// a rule that changes nothing on the tune part is "unused".
    pub fn verdict(&self) -> &'static str {
        let k = self.fold_gain.len();
        if self.fixes == 0 && self.breaks == 0 && self.extra_spurious == 0 {
            "unused"
        } else if 2 * self.folds_helped() > k
            && self.folds_hurt() == 0
            && self.type_breaks <= self.type_fixes
        {
            "keep"
        } else if self.folds_helped() > self.folds_hurt() && self.type_breaks <= self.type_fixes {
            "weak"
        } else {
            "drop"
        }
    }
}

/// Ablation on the tune part: its documents, sorted by file name, are cut
/// into `k` contiguous folds, and every named rule of the
/// measure crate ([`newsgraph_measure::switches::names`]) is turned off in
/// turn. Only the tune part is read: the held-out part stays unseen.
///
/// The rules named in `off` stay off throughout (the baseline is the
/// tagger without them), so that a set of rules can be judged together.
///
/// Contiguous folds, not documents dealt round-robin: the corpus holds
/// several versions of one story under neighbouring names
/// (APW20000107.0088 and APW20000115.0209 share paragraphs), and dealt
/// round-robin they land in different folds, so a rule fitted to one
/// story looks as if it helped everywhere. Cut in blocks, a fold is also
/// mostly one source (ABC and AP, APW, NYT, … wsj), as the held-out part
/// is (wsj only): a rule must carry across sources to help on most folds.
pub fn ablate(dir: &Path, k: usize, off: &[&str]) -> Result<(Vec<f64>, Vec<Ablation>)> {
    use newsgraph_measure::switches;
    let docs = timeml::read_dir(dir)?;
    let tune = &docs[..docs.len() * 4 / 5];
    // the other side of a rule: off for a rule in use, on for one on
    // probation; `flip` returns (outcomes with the rule, without it)
    let run = |extra: &[&str], on: &[&str]| -> Vec<Outcome> {
        let names: Vec<&str> = off.iter().chain(extra).copied().collect();
        switches::with_on(on, || {
            switches::with_off(&names, || tune.iter().map(outcome).collect())
        })
    };
    let base = run(&[], &[]);
    let n = tune.len().max(1);
    let fold_of = |i: usize| i * k / n;
    let base_folds: Vec<Figures> = (0..k)
        .map(|f| {
            figures(
                base.iter()
                    .enumerate()
                    .filter(|(i, _)| fold_of(*i) == f)
                    .map(|x| x.1),
            )
        })
        .collect();
    let base_all = figures(base.iter());
    let mut out = Vec::new();
    for rule in switches::names() {
        if off.contains(&rule) {
            continue;
        }
        let probation = switches::on_probation(rule);
        let (base, off, base_folds, base_all) = if probation {
            let with = run(&[], &[rule]);
            let folds: Vec<Figures> = (0..k)
                .map(|f| {
                    figures(
                        with.iter()
                            .enumerate()
                            .filter(|(i, _)| fold_of(*i) == f)
                            .map(|x| x.1),
                    )
                })
                .collect();
            let all = figures(with.iter());
            (with, base.clone(), folds, all)
        } else {
            (
                base.clone(),
                run(&[rule], &[]),
                base_folds.clone(),
                base_all,
            )
        };
        let fold_gain = (0..k)
            .map(|f| {
                let o = figures(
                    off.iter()
                        .enumerate()
                        .filter(|(i, _)| fold_of(*i) == f)
                        .map(|x| x.1),
                );
                base_folds[f].value_f1 - o.value_f1
            })
            .collect();
        let (mut fixes, mut breaks, mut extra) = (0, 0, 0i64);
        let (mut type_fixes, mut type_breaks, mut changes) = (0, 0, 0);
        for (b, o) in base.iter().zip(&off) {
            for g in 0..b.value_ok.len() {
                fixes += usize::from(b.value_ok[g] && !o.value_ok[g]);
                breaks += usize::from(!b.value_ok[g] && o.value_ok[g]);
                if b.matched[g] && o.matched[g] {
                    type_fixes += usize::from(b.type_ok[g] && !o.type_ok[g]);
                    type_breaks += usize::from(!b.type_ok[g] && o.type_ok[g]);
                }
                changes += usize::from(b.predicted[g] != o.predicted[g]);
            }
            extra += b.spurious as i64 - o.spurious as i64;
            changes += b.spurious.abs_diff(o.spurious);
        }
        let all = figures(off.iter());
        out.push(Ablation {
            rule,
            probation,
            fold_gain,
            fixes,
            breaks,
            extra_spurious: extra,
            type_fixes,
            type_breaks,
            changes,
            relaxed_gain: base_all.relaxed_f1 - all.relaxed_f1,
        });
    }
    Ok((base_folds.iter().map(|f| f.value_f1).collect(), out))
}

/// Prints the ablation table (gains in points of F1 or accuracy).
pub fn print_ablation(base: &[f64], rows: &[Ablation]) {
    let k = base.len();
    print!("{:<40}", "value F1 (default rules)");
    for f in base {
        print!(" {:>6.2}", 100.0 * f);
    }
    println!();
    print!("{:<40}", "rule (gains: with it minus without)");
    for f in 0..k {
        print!(" {:>6}", format!("fold{}", f + 1));
    }
    println!(
        " {:>5} {:>6} {:>7} {:>6} {:>6} {:>6} {:>7}  verdict",
        "fixes", "breaks", "changes", "+spur", "folds+", "type+-", "relaxed"
    );
    for r in rows {
        let name = if r.probation {
            format!("{} (probation)", r.rule)
        } else {
            r.rule.to_string()
        };
        print!("{name:<40}");
        for g in &r.fold_gain {
            print!(" {:>+6.2}", 100.0 * g);
        }
        println!(
            " {:>5} {:>6} {:>7} {:>+6} {:>3}/{:<2} {:>3}/{:<2} {:>+7.2}  {}",
            r.fixes,
            r.breaks,
            r.changes,
            r.extra_spurious,
            r.folds_helped(),
            k,
            r.type_fixes,
            r.type_breaks,
            100.0 * r.relaxed_gain,
            r.verdict()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{bucket, figures, form, Ablation, Outcome};

    #[test]
    fn the_form_bound_drops_forms_mostly_spurious() {
        use super::{form_bound, FormCounts, Scores};
        use newsgraph_eval::score::Prf;
        // 10 predicted (8 matched, 6 right values, 2 spurious), 10 gold
        let mut s = Scores {
            value: Prf {
                tp: 6,
                fp: 4,
                fn_: 4,
            },
            relaxed: Prf {
                tp: 8,
                fp: 2,
                fn_: 2,
            },
            ..Scores::default()
        };
        let counts = |value_ok, matched, spurious| FormCounts {
            value_ok,
            matched,
            spurious,
            missed: 0,
        };
        s.forms.insert("now".into(), counts(2, 3, 1));
        s.forms.insert("the past".into(), counts(0, 0, 1));
        s.forms.insert("friday".into(), counts(4, 5, 0));
        let b = form_bound(&s);
        // only "the past" goes: 9 predicted, value 2*6/19, relaxed 2*8/19
        assert_eq!((b.forms, b.spurious), (1, 1));
        assert!((b.value_f1 - 12.0 / 19.0).abs() < 1e-12);
        assert!((b.relaxed_f1 - 16.0 / 19.0).abs() < 1e-12);
    }

    #[test]
    fn forms_fold_case_digits_and_spaces() {
        assert_eq!(form("Nov. 30,\n 1989"), "nov. 99, 9999");
        assert_eq!(form("Oct. 12, 1989"), form("oct.  30, 1990"));
        assert_eq!(form("Now"), "now");
    }

    #[test]
    fn value_errors_fall_in_named_buckets() {
        assert_eq!(
            bucket("2000-W7", "2000-W07"),
            "week number written unpadded in gold (W7 for W07)"
        );
        assert_eq!(
            bucket("1998-10-23", "1998-10-23TNI"),
            "part of day (TMO, TAF, TEV, TNI) on one side only"
        );
        assert_eq!(
            bucket("1949-XX", "1949"),
            "granularity: the same time, one side coarser"
        );
        assert_eq!(
            bucket("1988-Q3", "1988"),
            "granularity: the same time, one side coarser"
        );
        assert_eq!(
            bucket("P2Y", "1996"),
            "type: a duration against a point in time"
        );
        assert_eq!(
            bucket("PXM", "PAST_REF"),
            "PAST/PRESENT/FUTURE_REF against another value"
        );
        assert_eq!(
            bucket("1990-08-07", "1990-08-14"),
            "another day (weekday direction, anchor)"
        );
        assert_eq!(
            bucket("1989-03", "1990-03"),
            "another value at the same granularity"
        );
    }

    fn outcome(matched: &[bool], value_ok: &[bool], spurious: usize) -> Outcome {
        Outcome {
            matched: matched.to_vec(),
            value_ok: value_ok.to_vec(),
            type_ok: matched.to_vec(),
            predicted: vec![None; matched.len()],
            spurious,
        }
    }

    #[test]
    fn figures_are_te3_value_and_relaxed_f1() {
        // 4 gold, 3 matched (2 with the right value), 1 spurious:
        // predicted 4, so value F1 = 2*2/(4+4), relaxed F1 = 2*3/(4+4)
        let o = outcome(&[true, true, true, false], &[true, true, false, false], 1);
        let f = figures([o].iter());
        assert!((f.value_f1 - 0.5).abs() < 1e-12);
        assert!((f.relaxed_f1 - 0.75).abs() < 1e-12);
    }

    fn ablation(fold_gain: &[f64], fixes: usize, breaks: usize, type_breaks: usize) -> Ablation {
        Ablation {
            rule: "r",
            probation: false,
            fold_gain: fold_gain.to_vec(),
            fixes,
            breaks,
            type_fixes: 0,
            type_breaks,
            changes: fixes + breaks,
            extra_spurious: 0,
            relaxed_gain: 0.0,
        }
    }

    #[test]
    fn a_rule_is_kept_only_when_it_helps_on_most_folds_and_costs_no_type() {
        assert_eq!(ablation(&[0.1, 0.2, 0.1, 0.0], 4, 0, 0).verdict(), "keep");
        // one example: one fold
        assert_eq!(ablation(&[0.0, 0.3, 0.0, 0.0], 1, 0, 0).verdict(), "weak");
        // helps most folds but hurts one: not kept
        assert_eq!(ablation(&[0.1, 0.2, 0.1, -0.1], 4, 1, 0).verdict(), "weak");
        // hurts as often as it helps
        assert_eq!(ablation(&[0.1, 0.0, 0.0, -0.1], 1, 1, 0).verdict(), "drop");
        // helps everywhere but turns a right type wrong
        assert_eq!(ablation(&[0.1, 0.2, 0.1, 0.1], 4, 0, 1).verdict(), "drop");
        assert_eq!(ablation(&[0.0; 4], 0, 0, 0).verdict(), "unused");
    }
}
