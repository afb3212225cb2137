//! A CoNLL-2003 reader and conlleval-style scorer for the trainer.
//!
//! The eval crate has the reference versions (`newsgraph-eval ner` reports
//! with them); the trainer keeps its own small copy so that building a model
//! does not depend on every evaluation reader compiling.

use anyhow::{Context, Result};
use newsgraph_ner::tags::{chunks, Tag, TYPES};
use std::collections::BTreeSet;
use std::path::Path;

/// A sentence: tokens and their IOB tags as in the file.
pub type Sentence = (Vec<String>, Vec<String>);

/// Reads documents (split at `-DOCSTART-`) of sentences.
pub fn read(path: &Path) -> Result<Vec<Vec<Sentence>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs: Vec<Vec<Sentence>> = vec![Vec::new()];
    let mut sent: Sentence = Default::default();
    for line in text.lines().map(str::trim_end).chain(std::iter::once("")) {
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !sent.0.is_empty() {
                docs.last_mut().unwrap().push(std::mem::take(&mut sent));
            }
            if line.starts_with("-DOCSTART-") {
                docs.push(Vec::new());
            }
            continue;
        }
        let cols: Vec<&str> = line.split(' ').collect();
        sent.0.push(cols[0].to_string());
        sent.1.push(cols.last().copied().unwrap_or("O").to_string());
    }
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// conlleval: a predicted chunk counts when start, end and type equal a
/// gold chunk's. Per type, indexed like [`TYPES`].
#[derive(Debug, Default, Clone)]
pub struct Score {
    pub per_type: [Prf; 4],
}

impl Score {
    pub fn add(&mut self, gold: &[Tag], pred: &[Tag]) {
        let g: BTreeSet<_> = chunks(gold).into_iter().collect();
        let p: BTreeSet<_> = chunks(pred).into_iter().collect();
        for c in &p {
            if g.contains(c) {
                self.per_type[c.2].tp += 1;
            } else {
                self.per_type[c.2].fp += 1;
            }
        }
        for c in g.difference(&p) {
            self.per_type[c.2].fn_ += 1;
        }
    }

    pub fn overall(&self) -> Prf {
        let mut o = Prf::default();
        for p in &self.per_type {
            o.tp += p.tp;
            o.fp += p.fp;
            o.fn_ += p.fn_;
        }
        o
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let line = |f: &mut std::fmt::Formatter<'_>, name: &str, p: Prf| {
            writeln!(
                f,
                "{name:<8} P {:.4}  R {:.4}  F1 {:.4}  (tp {}, fp {}, fn {})",
                p.precision(),
                p.recall(),
                p.f1(),
                p.tp,
                p.fp,
                p.fn_
            )
        };
        line(f, "overall", self.overall())?;
        for (t, p) in TYPES.iter().zip(self.per_type) {
            line(f, t, p)?;
        }
        Ok(())
    }
}
