//! From tags to attributions: each cue chunk becomes one attribution; the
//! source is the nearest source chunk in the cue's sentence; each content
//! chunk joins the nearest cue (in its sentence, else in its paragraph).

use super::boundary;
use super::features::Unit;
use super::tags::{chunks, Tag, CONTENT, CUE, SOURCE};
use crate::view::View;
use std::ops::Range;

/// One attribution read off the tags, in view token ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub cue: Range<usize>,
    pub source: Option<Range<usize>>,
    /// Content pieces in text order (at least one).
    pub content: Vec<Range<usize>>,
}

/// Decoding choices, measured on PolNeAR dev by `train-quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeOptions {
    /// A content piece that runs straight into another attribution's source
    /// and cue (`X said that [Y believes Z]`) extends over them to the end
    /// of the nested content: PolNeAR's outer content holds the inner
    /// attribution.
    pub nested: bool,
    /// A paragraph with content but no cue continues the last attribution
    /// of the paragraph before (quotations over several paragraphs).
    pub orphans: bool,
    /// Cue and source edges follow PolNeAR's conventions
    /// ([`super::boundary`]'s named rules).
    pub boundaries: bool,
}

impl Default for DecodeOptions {
    fn default() -> DecodeOptions {
        DecodeOptions {
            nested: true,
            orphans: false,
            boundaries: true,
        }
    }
}

/// Gap in tokens between two chunks (0 when they touch or overlap).
fn gap(a: &Range<usize>, b: &Range<usize>) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

/// Decodes the tags of every unit of a document.
pub fn attributions(
    v: &View,
    units: &[Unit],
    tags: &[Vec<Tag>],
    opt: DecodeOptions,
) -> Vec<Tagged> {
    let mut out: Vec<Tagged> = Vec::new();
    let mut prev_unit_last: Option<usize> = None;
    for (u, t) in units.iter().zip(tags) {
        let ch = chunks(t);
        // Unit positions to view token ranges.
        let to_view = |a: usize, b: usize| u.tokens[a]..u.tokens[b - 1] + 1;
        let sent = |p: usize| v.sent_index(u.tokens[p]);
        let cues: Vec<(usize, usize)> = ch
            .iter()
            .filter(|c| c.2 == CUE)
            .map(|c| (c.0, c.1))
            .collect();
        let first_here = out.len();
        if cues.is_empty() {
            if opt.orphans {
                if let Some(k) = prev_unit_last {
                    let pieces: Vec<Range<usize>> = ch
                        .iter()
                        .filter(|c| c.2 == CONTENT)
                        .map(|c| to_view(c.0, c.1))
                        .collect();
                    if !pieces.is_empty() {
                        out[k].content.extend(pieces);
                        continue;
                    }
                }
            }
            prev_unit_last = None;
            continue;
        }
        let mut content: Vec<Vec<(usize, usize)>> = vec![Vec::new(); cues.len()];
        for c in ch.iter().filter(|c| c.2 == CONTENT) {
            let r = c.0..c.1;
            let s = sent(c.0);
            let best = cues
                .iter()
                .enumerate()
                .min_by_key(|(_, q)| {
                    let same = sent(q.0) == s;
                    (!same, gap(&r, &(q.0..q.1)))
                })
                .map(|(k, _)| k);
            if let Some(k) = best {
                content[k].push((c.0, c.1));
            }
        }
        for (k, &(a, b)) in cues.iter().enumerate() {
            if content[k].is_empty() {
                continue;
            }
            let s = sent(a);
            let source = ch
                .iter()
                .filter(|c| c.2 == SOURCE && sent(c.0) == s)
                .min_by_key(|c| gap(&(a..b), &(c.0..c.1)))
                .map(|c| to_view(c.0, c.1));
            let mut pieces = content[k].clone();
            if opt.nested {
                // Extend the last piece after the cue over a run of
                // non-O tokens that ends in content.
                if let Some(last) = pieces.last_mut() {
                    if last.0 >= b {
                        let mut e = last.1;
                        let mut end = last.1;
                        while e < t.len() && t[e] != Tag::O && sent(e) == sent(last.0) {
                            e += 1;
                            if t[e - 1].role() == Some(CONTENT) {
                                end = e;
                            }
                        }
                        last.1 = end;
                    }
                }
            }
            let mut found = Tagged {
                cue: to_view(a, b),
                source,
                content: pieces.iter().map(|&(x, y)| to_view(x, y)).collect(),
            };
            if opt.boundaries {
                boundary::tidy(v, &mut found);
            }
            out.push(found);
        }
        prev_unit_last = (out.len() > first_here).then(|| out.len() - 1);
    }
    out
}
