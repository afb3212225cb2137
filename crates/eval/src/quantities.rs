//! `newsgraph-eval quantities`: counts and amounts against our own
//! annotations (`crates/measure/tests/data/quantities.jsonl`).
//!
//! Each line is one sentence: either `{"file", "start", "end"}` (character
//! offsets into a text under the data folder, which is never committed) or
//! `{"text"}` (a news-style sentence we wrote ourselves), plus the expected
//! `quantities`, each with character offsets relative to the sentence,
//! `low`, `high`, `qualifier`, `unit`, `counted` (offsets of the head noun)
//! and `category`.
//!
//! Annotation guidelines: a quantity is a cardinal amount written in
//! digits or words, vague magnitudes included ("dozens"), with its bound
//! words ("more than", "or less"), currency and unit in the span. Not
//! quantities: years, dates, clock times and durations (the times layer),
//! ordinals, ages, identifiers and names ("Fortune 500", "9/11"), and "one"
//! as a pronoun or idiom. `counted` is the head noun a count counts, or
//! what a unit measures ("of territory"); none for money and percentages.
//! `category` only where a verb or noun near the count says what happened
//! (killed, arrested, ...). The file-keyed sentences were pre-annotated by
//! the tagger (the `draft_quantities` example) and then corrected by hand,
//! which may bias them towards the tagger's span conventions.
//!
//! Matching rules:
//! - **strict**: same start and end; **relaxed**: at least one character
//!   of overlap; pairs one-to-one, greedily by largest overlap.
//! - **value accuracy**, over relaxed pairs: `low`, `high` (relative
//!   tolerance 1e-6, both absent counts as equal), `qualifier` and `unit`
//!   all equal.
//! - **counted accuracy**, over relaxed pairs: same head-noun span (or both
//!   absent); **category**: P/R/F1 of (pair, category) over pairs where
//!   either side has a category.

use anyhow::{Context, Result};
use newsgraph_doc::Span;
use newsgraph_eval::score::Prf;
use newsgraph_measure::{quantity, timex, tokens};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Deserialize)]
struct Line {
    /// "heldout" for sentences annotated blind (without looking at the
    /// tagger's output) after the rules were written; absent for the
    /// sentences the rules were tuned on.
    split: Option<String>,
    file: Option<String>,
    start: Option<usize>,
    end: Option<usize>,
    text: Option<String>,
    quantities: Vec<Gold>,
}

#[derive(Debug, Clone, Deserialize)]
struct Gold {
    start: usize,
    end: usize,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: Option<String>,
    unit: Option<String>,
    counted: Option<[usize; 2]>,
    category: Option<String>,
}

/// Figures printed by the command.
#[derive(Debug, Default)]
pub struct Scores {
    pub sentences: usize,
    pub skipped: usize,
    pub strict: Prf,
    pub relaxed: Prf,
    pub value_correct: usize,
    pub counted_correct: usize,
    pub category: Prf,
}

fn char_slice(s: &str, a: usize, b: usize) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    (b <= chars.len() && a <= b).then(|| chars[a..b].iter().collect())
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    }
}

/// Predictions for one sentence, with offsets in characters.
fn predict(text: &str) -> Vec<Gold> {
    let toks = tokens::pieces(text, Span::new(0, text.len()));
    let found = timex::find(&toks);
    let mut taken = vec![false; toks.len()];
    for f in &found {
        taken[f.start..f.end].iter_mut().for_each(|x| *x = true);
    }
    let c = |b: usize| text[..b].chars().count();
    quantity::extract(&toks, &taken)
        .into_iter()
        .map(|q| Gold {
            start: c(q.span.start),
            end: c(q.span.end),
            low: q.low,
            high: q.high,
            qualifier: q.qualifier,
            unit: q.unit,
            counted: q.counted.map(|s| [c(s.start), c(s.end)]),
            category: q.category,
        })
        .collect()
}

/// Scores per split: "tuned" (the rules were adjusted while looking at
/// these) and "heldout" (annotated blind afterwards).
pub fn evaluate(
    data: &Path,
    annotations: &Path,
    verbose: bool,
) -> Result<std::collections::BTreeMap<String, Scores>> {
    let raw = std::fs::read_to_string(annotations)
        .with_context(|| format!("reading {}", annotations.display()))?;
    let mut all: std::collections::BTreeMap<String, Scores> = Default::default();
    for (n, line) in raw.lines().enumerate() {
        let l: Line = serde_json::from_str(line)
            .with_context(|| format!("{}:{}", annotations.display(), n + 1))?;
        let s = all
            .entry(l.split.clone().unwrap_or_else(|| "tuned".into()))
            .or_default();
        let text = match (&l.text, &l.file, l.start, l.end) {
            (Some(t), _, _, _) => t.clone(),
            (None, Some(f), Some(a), Some(b)) => match std::fs::read_to_string(data.join(f)) {
                Ok(full) => char_slice(&full, a, b).with_context(|| {
                    format!(
                        "{}:{}: offsets past the end of {f}",
                        annotations.display(),
                        n + 1
                    )
                })?,
                Err(_) => {
                    s.skipped += 1;
                    continue;
                }
            },
            _ => anyhow::bail!(
                "{}:{}: needs text or file+start+end",
                annotations.display(),
                n + 1
            ),
        };
        s.sentences += 1;
        let gold = &l.quantities;
        let pred = predict(&text);
        let strict = gold
            .iter()
            .filter(|g| pred.iter().any(|p| p.start == g.start && p.end == g.end))
            .count();
        s.strict.add(Prf {
            tp: strict,
            fp: pred.len() - strict,
            fn_: gold.len() - strict,
        });
        let mut cands = Vec::new();
        for (gi, g) in gold.iter().enumerate() {
            for (pi, p) in pred.iter().enumerate() {
                let inter = g.end.min(p.end).saturating_sub(g.start.max(p.start));
                if inter > 0 {
                    cands.push((inter, gi, pi));
                }
            }
        }
        cands.sort_by_key(|c| std::cmp::Reverse(c.0));
        let (mut gu, mut pu) = (vec![false; gold.len()], vec![false; pred.len()]);
        let mut pairs = Vec::new();
        for (_, gi, pi) in cands {
            if !gu[gi] && !pu[pi] {
                gu[gi] = true;
                pu[pi] = true;
                pairs.push((gi, pi));
            }
        }
        s.relaxed.add(Prf {
            tp: pairs.len(),
            fp: pred.len() - pairs.len(),
            fn_: gold.len() - pairs.len(),
        });
        let show = |q: &Gold| {
            format!(
                "{:?} {:?}..{:?} {:?} {:?} counted={:?} {:?}",
                char_slice(&text, q.start, q.end).unwrap_or_default(),
                q.low,
                q.high,
                q.qualifier,
                q.unit,
                q.counted.and_then(|c| char_slice(&text, c[0], c[1])),
                q.category
            )
        };
        for &(gi, pi) in &pairs {
            let (g, p) = (&gold[gi], &pred[pi]);
            let value_ok = same(g.low, p.low)
                && same(g.high, p.high)
                && g.qualifier == p.qualifier
                && g.unit == p.unit;
            s.value_correct += value_ok as usize;
            s.counted_correct += (g.counted == p.counted) as usize;
            match (&g.category, &p.category) {
                (Some(a), Some(b)) if a == b => s.category.tp += 1,
                (Some(_), Some(_)) => {
                    s.category.fp += 1;
                    s.category.fn_ += 1;
                }
                (Some(_), None) => s.category.fn_ += 1,
                (None, Some(_)) => s.category.fp += 1,
                (None, None) => {}
            }
            if verbose && (!value_ok || g.counted != p.counted || g.category != p.category) {
                println!("DIFF gold {}\n     pred {}", show(g), show(p));
            }
        }
        if verbose {
            for (gi, g) in gold.iter().enumerate() {
                if !gu[gi] {
                    println!("FN   {}   in {:?}", show(g), text);
                }
            }
            for (pi, p) in pred.iter().enumerate() {
                if !pu[pi] {
                    println!("FP   {}   in {:?}", show(p), text);
                }
            }
        }
    }
    Ok(all)
}

pub fn print(name: &str, s: &Scores) {
    if s.skipped > 0 {
        println!(
            "skipped: {} annotated sentences whose text is under the data folder (not found)",
            s.skipped
        );
    }
    if s.sentences == 0 {
        return;
    }
    let acc = |n: usize| {
        if s.relaxed.tp == 0 {
            0.0
        } else {
            n as f64 / s.relaxed.tp as f64
        }
    };
    println!("quantities, {name} ({} sentences)", s.sentences);
    println!("  extraction strict   {}", s.strict);
    println!("  extraction relaxed  {}", s.relaxed);
    println!(
        "  value accuracy {:.4}   counted accuracy {:.4}  (over {} relaxed matches)",
        acc(s.value_correct),
        acc(s.counted_correct),
        s.relaxed.tp
    );
    println!("  category            {}", s.category);
}
