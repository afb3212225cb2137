//! Scorers. Each function documents its matching rule.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, other: Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.4}  R {:.4}  F1 {:.4}  (tp {}, fp {}, fn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )
    }
}

/// A labelled chunk `[start, end)` in token indices.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// Chunks from IOB1 or IOB2 tags, as conlleval reads them: a chunk starts
/// at `B-X`, or at `I-X` when the previous tag is `O` or of another type;
/// it ends before `O`, `B-`, or a tag of another type.
pub fn chunks(tags: &[impl AsRef<str>]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (prefix, label) = match tag.split_once('-') {
            Some((p, l)) => (p, l),
            None => ("O", ""),
        };
        let continues = prefix == "I" && open.as_ref().is_some_and(|(_, l)| l == label);
        if !continues {
            if let Some((s, l)) = open.take() {
                out.push(Chunk {
                    start: s,
                    end: i,
                    label: l,
                });
            }
            if prefix == "B" || prefix == "I" {
                open = Some((i, label.to_string()));
            }
        }
    }
    if let Some((s, l)) = open {
        out.push(Chunk {
            start: s,
            end: tags.len(),
            label: l,
        });
    }
    out
}

/// conlleval's entity-level micro scores over sentences: a predicted chunk
/// is correct when its start, end and type all equal a gold chunk's.
/// Returns the overall counts and the counts per type.
#[derive(Debug, Default, Clone)]
pub struct ConllScore {
    pub overall: Prf,
    pub per_type: BTreeMap<String, Prf>,
}

impl ConllScore {
    /// Adds one sentence (or document) of gold and predicted tags.
    pub fn add(&mut self, gold: &[impl AsRef<str>], pred: &[impl AsRef<str>]) {
        let g: BTreeSet<Chunk> = chunks(gold).into_iter().collect();
        let p: BTreeSet<Chunk> = chunks(pred).into_iter().collect();
        for c in &p {
            let e = self.per_type.entry(c.label.clone()).or_default();
            if g.contains(c) {
                e.tp += 1;
                self.overall.tp += 1;
            } else {
                e.fp += 1;
                self.overall.fp += 1;
            }
        }
        for c in g.difference(&p) {
            self.per_type.entry(c.label.clone()).or_default().fn_ += 1;
            self.overall.fn_ += 1;
        }
    }
}

impl fmt::Display for ConllScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "overall  {}", self.overall)?;
        for (label, prf) in &self.per_type {
            writeln!(f, "{label:<8} {prf}")?;
        }
        Ok(())
    }
}

/// How two spans must agree to count as a match.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Matching {
    /// Same start and same end.
    Exact,
    /// `|g ∩ p| / max(|g|, |p|) >= threshold`: symmetric, so a prediction
    /// that runs far past the gold span is penalised as much as one that
    /// covers too little.
    Overlap(f64),
}

/// Overlap ratio of two half-open ranges, as [`Matching::Overlap`] defines it.
pub fn overlap_ratio(g: (usize, usize), p: (usize, usize)) -> f64 {
    let inter = g.1.min(p.1).saturating_sub(g.0.max(p.0));
    let longest = (g.1 - g.0).max(p.1 - p.0);
    if longest == 0 {
        return if g == p { 1.0 } else { 0.0 };
    }
    inter as f64 / longest as f64
}

/// Span precision/recall/F1 with one-to-one matching: gold and predicted
/// spans (with labels; use `""` for unlabelled) are paired greedily, best
/// overlap first, each used at most once; a pair counts when the labels are
/// equal and the spans agree under `matching`.
pub fn span_prf(
    gold: &[(usize, usize, &str)],
    pred: &[(usize, usize, &str)],
    matching: Matching,
) -> Prf {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            if g.2 != p.2 {
                continue;
            }
            let ok = match matching {
                Matching::Exact => g.0 == p.0 && g.1 == p.1,
                Matching::Overlap(t) => overlap_ratio((g.0, g.1), (p.0, p.1)) >= t,
            };
            if ok {
                pairs.push((overlap_ratio((g.0, g.1), (p.0, p.1)), gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; pred.len()];
    let mut tp = 0;
    for (_, gi, pi) in pairs {
        if !gold_used[gi] && !pred_used[pi] {
            gold_used[gi] = true;
            pred_used[pi] = true;
            tp += 1;
        }
    }
    Prf {
        tp,
        fp: pred.len() - tp,
        fn_: gold.len() - tp,
    }
}

/// Boundary scoring: each predicted boundary offset is correct when the
/// gold set holds the same offset.
pub fn boundary_prf(gold: &BTreeSet<usize>, pred: &BTreeSet<usize>) -> Prf {
    let tp = gold.intersection(pred).count();
    Prf {
        tp,
        fp: pred.len() - tp,
        fn_: gold.len() - tp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_chunks_follow_conlleval() {
        let tags = ["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"];
        let c = chunks(&tags);
        assert_eq!(
            c,
            vec![
                Chunk {
                    start: 0,
                    end: 2,
                    label: "PER".into()
                },
                Chunk {
                    start: 3,
                    end: 4,
                    label: "LOC".into()
                },
                Chunk {
                    start: 4,
                    end: 5,
                    label: "LOC".into()
                },
                Chunk {
                    start: 5,
                    end: 6,
                    label: "ORG".into()
                },
            ]
        );
    }

    #[test]
    fn conll_score_counts_type_and_boundary_errors() {
        let mut s = ConllScore::default();
        s.add(
            &["B-PER", "I-PER", "O", "B-LOC"],
            &["B-PER", "O", "O", "B-ORG"],
        );
        assert_eq!(
            s.overall,
            Prf {
                tp: 0,
                fp: 2,
                fn_: 2
            }
        );
        s.add(&["B-PER"], &["B-PER"]);
        assert_eq!(s.overall.tp, 1);
        assert!((s.overall.precision() - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn overlap_matching_is_one_to_one_and_symmetric() {
        let gold = [(0, 10, ""), (20, 30, "")];
        let pred = [(0, 6, ""), (0, 10, ""), (20, 50, "")];
        assert_eq!(
            span_prf(&gold, &pred, Matching::Exact),
            Prf {
                tp: 1,
                fp: 2,
                fn_: 1
            }
        );
        // (0,6) overlaps (0,10) by 0.6 but (0,10) is taken by the exact match;
        // (20,50) covers (20,30) with ratio 1/3.
        assert_eq!(
            span_prf(&gold, &pred, Matching::Overlap(0.5)),
            Prf {
                tp: 1,
                fp: 2,
                fn_: 1
            }
        );
        assert_eq!(
            span_prf(&gold, &pred, Matching::Overlap(0.3)),
            Prf {
                tp: 2,
                fp: 1,
                fn_: 0
            }
        );
    }
}
