//! Pairs quotation marks into quoted segments.
//!
//! Hand-written because the pairing follows news conventions no general
//! parser knows: a quotation that runs over several paragraphs opens each
//! paragraph with a mark and closes only in the last one; straight `"` and
//! `''` open or close depending on their neighbours; a mark left open at the
//! end of a paragraph that the next paragraph does not continue is closed
//! there (and reported). Single quotes (‘ ’ and `'`) are not paired: in
//! this convention they nest inside double quotes, and the same character
//! is the apostrophe, so pairing them would cut words apart.

use crate::tables::{AMBIGUOUS_MARKS, CLOSING_MARKS, OPENING_MARKS};
use newsgraph_doc::Span;

/// A top-level quoted segment: one part per paragraph it covers, each
/// from its opening mark to its closing mark (or the paragraph end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    pub parts: Vec<Span>,
    /// Whether the last part ends with a closing mark.
    pub closed: bool,
}

impl Quoted {
    /// From the first opening mark to the end of the last part.
    pub fn span(&self) -> Span {
        Span::new(self.parts[0].start, self.parts[self.parts.len() - 1].end)
    }
}

/// Something odd about the marks, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkProblem {
    pub at: Span,
    pub message: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

/// The quotation mark starting at byte `i` of `s`, if any, with its length.
fn mark_at(s: &str, i: usize) -> Option<(Role, usize)> {
    let rest = &s[i..];
    for (table, role) in [
        (OPENING_MARKS, Role::Open),
        (CLOSING_MARKS, Role::Close),
        (AMBIGUOUS_MARKS, Role::Either),
    ] {
        // Two-character marks ("``", "''") are listed with the others;
        // the longest match wins because the single `'` is not a mark.
        for m in table {
            if rest.starts_with(m) {
                return Some((role, m.len()));
            }
        }
    }
    None
}

fn opens_by_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || "([{—–-/:“‘".contains(c),
    }
}

fn closes_by_context(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => c.is_whitespace() || c.is_ascii_punctuation() || "”’—–…".contains(c),
    }
}

/// Whether a paragraph opens with a quotation mark (after white space).
fn starts_with_open(text: &str, para: Span) -> bool {
    let s = text[para.start..para.end].trim_start();
    matches!(mark_at(s, 0), Some((Role::Open | Role::Either, _)))
}

/// Finds the top-level quoted segments of the given paragraphs (in text
/// order; `skip[p]` marks paragraphs to ignore, such as boilerplate).
pub fn find(text: &str, paragraphs: &[Span], skip: &[bool]) -> (Vec<Quoted>, Vec<MarkProblem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    // The segment being built: earlier parts, start of the current part.
    let mut pending: Option<(Vec<Span>, usize)> = None;
    let mut depth = 0usize;
    for (p, &para) in paragraphs.iter().enumerate() {
        if skip.get(p).copied().unwrap_or(false) {
            continue;
        }
        let s = &text[para.start..para.end];
        let mut i = 0;
        let mut continuing = pending.is_some();
        while i < s.len() {
            let Some((role, len)) = mark_at(s, i) else {
                i += s[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            };
            let at = para.start + i;
            if continuing {
                // The opening mark of a continuation paragraph starts the
                // next part of the pending segment.
                continuing = false;
                if let Some((_, start)) = pending.as_mut() {
                    *start = at;
                }
                i += len;
                continue;
            }
            let prev = s[..i].chars().next_back();
            let next = s[i + len..].chars().next();
            let role = match role {
                Role::Either if depth > 0 && closes_by_context(next) => Role::Close,
                Role::Either if opens_by_context(prev) => Role::Open,
                Role::Either if depth > 0 => Role::Close,
                Role::Either => Role::Open,
                // A closing mark where nothing is open, placed as an
                // opening one (after white space, before a word: `”Fear. I
                // am …”`), is a mistyped opening mark.
                Role::Close
                    if depth == 0
                        && opens_by_context(prev)
                        && next.is_some_and(|c| c.is_alphanumeric()) =>
                {
                    Role::Open
                }
                r => r,
            };
            match role {
                Role::Open => {
                    if depth == 0 {
                        pending = Some((Vec::new(), at));
                    }
                    depth += 1;
                }
                Role::Close if depth == 0 => problems.push(MarkProblem {
                    at: Span::new(at, at + len),
                    message: "closing quotation mark without an opening one",
                }),
                _ => {
                    depth -= 1;
                    if depth == 0 {
                        if let Some((mut parts, start)) = pending.take() {
                            parts.push(Span::new(start, at + len));
                            out.push(Quoted {
                                parts,
                                closed: true,
                            });
                        }
                    }
                }
            }
            i += len;
        }
        if let Some((mut parts, start)) = pending.take() {
            parts.push(Span::new(start, para.end));
            let next = (p + 1..paragraphs.len()).find(|&q| !skip.get(q).copied().unwrap_or(false));
            let continues =
                next.is_some_and(|q| q == p + 1 && starts_with_open(text, paragraphs[q]));
            if continues {
                // News convention: the quotation goes on in the next
                // paragraph, which opens with a mark of its own.
                pending = Some((parts, para.end));
                depth = 1;
            } else {
                problems.push(MarkProblem {
                    at: Span::new(start, para.end),
                    message: "quotation mark left open at the end of the paragraph",
                });
                out.push(Quoted {
                    parts,
                    closed: false,
                });
                depth = 0;
            }
        }
    }
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            out.push(Span::new(start, start + line.len()));
            start += line.len() + 1;
        }
        out
    }

    fn segs(text: &str) -> Vec<Vec<&str>> {
        let ps = paras(text);
        let skip = vec![false; ps.len()];
        find(text, &ps, &skip)
            .0
            .iter()
            .map(|q| q.parts.iter().map(|s| &text[s.start..s.end]).collect())
            .collect()
    }

    #[test]
    fn curly_marks_pair_and_nested_single_quotes_stay_inside() {
        let t = "He said “we ‘will’ win,” and left. Then “more”.";
        assert_eq!(segs(t), vec![vec!["“we ‘will’ win,”"], vec!["“more”"]]);
    }

    #[test]
    fn quotation_over_paragraphs_closes_only_in_the_last() {
        let t = "She said: “One.\n“Two.\n“Three.”\nAfter.";
        assert_eq!(segs(t), vec![vec!["“One.", "“Two.", "“Three.”"]]);
    }

    #[test]
    fn straight_marks_are_decided_by_context() {
        let t = "\"Yes,\" he said. \"No.\" A \"scare\" word.";
        assert_eq!(
            segs(t),
            vec![vec!["\"Yes,\""], vec!["\"No.\""], vec!["\"scare\""]]
        );
        let t = "''You'd think so,'' said Mr. Holtz-Eakin.";
        assert_eq!(segs(t), vec![vec!["''You'd think so,''"]]);
    }

    #[test]
    fn unclosed_mark_closes_at_paragraph_end_with_a_problem() {
        let t = "He said “never again.\nNext paragraph.";
        let ps = paras(t);
        let (q, problems) = find(t, &ps, &[false, false]);
        assert_eq!(q.len(), 1);
        assert!(!q[0].closed);
        assert_eq!(&t[q[0].parts[0].start..q[0].parts[0].end], "“never again.");
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn stray_closing_mark_is_reported_not_paired() {
        let t = "odd” text “ok”";
        let ps = paras(t);
        let (q, problems) = find(t, &ps, &[false]);
        assert_eq!(q.len(), 1);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn closing_mark_placed_as_an_opening_one_opens() {
        let t = "Intro.\n”Fear. I am afraid.” ― Ana Lopez\nHe said it” twice.";
        let (q, problems) = find(t, &paras(t), &[false, false, false]);
        let texts: Vec<&str> = q
            .iter()
            .map(|q| &t[q.parts[0].start..q.parts[0].end])
            .collect();
        assert_eq!(texts, ["”Fear. I am afraid.”"]);
        // The stray mark after a word is still reported, not paired.
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn skipped_paragraphs_hold_no_quotes_and_break_continuation() {
        let t = "“Open\nPromo: “x”\n“Next”";
        let ps = paras(t);
        let (q, _) = find(t, &ps, &[false, true, false]);
        assert_eq!(q.len(), 2);
        assert!(!q[0].closed);
    }
}
