//! The map from extracted-text bytes back to source bytes.
//!
//! Stored as runs, like HF tokenizers' `NormalizedString` alignments but
//! run-length encoded: a *copied* run is byte-identical text and source (the
//! usual case, one run per stretch of plain text); any other run maps its
//! whole text range onto its whole source range (a decoded entity, collapsed
//! white space, or an inserted line break, whose source range is empty).

use std::ops::Range;

/// One stretch of the alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// First text byte of the run.
    pub text: usize,
    /// Text bytes in the run.
    pub text_len: usize,
    /// First source byte.
    pub source: usize,
    /// Source bytes in the run.
    pub source_len: usize,
    /// Whether text and source are the same bytes (then `text_len == source_len`).
    pub copied: bool,
}

/// Text-to-source alignment: runs covering the text without gaps, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    runs: Vec<Run>,
}

impl Alignment {
    /// The runs, in text order.
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// Appends `text_len` text bytes (starting at the current end) mapped to `source`.
    pub(crate) fn push(&mut self, text_len: usize, source: Range<usize>, copied: bool) {
        let text = self.runs.last().map(|r| r.text + r.text_len).unwrap_or(0);
        if let Some(last) = self.runs.last_mut() {
            if copied && last.copied && last.source + last.source_len == source.start {
                last.text_len += text_len;
                last.source_len += source.len();
                return;
            }
        }
        self.runs.push(Run {
            text,
            text_len,
            source: source.start,
            source_len: source.len(),
            copied,
        });
    }

    /// Text length covered.
    pub fn text_len(&self) -> usize {
        self.runs.last().map(|r| r.text + r.text_len).unwrap_or(0)
    }

    fn run_at(&self, text_byte: usize) -> Option<&Run> {
        let i = self
            .runs
            .partition_point(|r| r.text + r.text_len <= text_byte);
        self.runs.get(i)
    }

    /// The source byte that text byte `text_byte` comes from (for a run that is
    /// not copied: the start of its source).
    pub fn to_source(&self, text_byte: usize) -> Option<usize> {
        let r = self.run_at(text_byte)?;
        Some(if r.copied {
            r.source + (text_byte - r.text)
        } else {
            r.source
        })
    }

    /// The source bytes that text bytes `text` come from. An empty text range
    /// maps to an empty source range at its start.
    pub fn source_range(&self, text: Range<usize>) -> Option<Range<usize>> {
        let start = self.to_source(text.start).or_else(|| {
            // The end of the text: after the last run.
            (text.start == self.text_len()).then(|| {
                self.runs
                    .last()
                    .map(|r| r.source + r.source_len)
                    .unwrap_or(0)
            })
        })?;
        if text.is_empty() {
            return Some(start..start);
        }
        let r = self.run_at(text.end - 1)?;
        let end = if r.copied {
            r.source + (text.end - r.text)
        } else {
            r.source + r.source_len
        };
        Some(start..end.max(start))
    }

    /// The compact form `(text byte, source byte)` at the start of each run.
    pub fn pairs(&self) -> Vec<(usize, usize)> {
        self.runs.iter().map(|r| (r.text, r.source)).collect()
    }
}

/// Walks the decoded text of a text node against its raw source, calling
/// `f(char, source range, copied)` for each decoded char. `raw` starts at
/// source byte `base`. Entities map to their whole `&...;`; a CR dropped by
/// newline normalisation is absorbed into the next char.
pub(crate) fn walk_text(
    decoded: &str,
    raw: &str,
    base: usize,
    mut f: impl FnMut(char, Range<usize>, bool),
) {
    let rb = raw.as_bytes();
    let mut j = 0usize; // position in raw
    let mut chars = decoded.chars().peekable();
    while let Some(c) = chars.next() {
        if j >= rb.len() {
            // Source exhausted (should not happen): map to the end.
            f(c, base + rb.len()..base + rb.len(), false);
            continue;
        }
        let rc = raw[j..].chars().next().unwrap_or('\u{0}');
        if rc == '&' {
            let end = entity_end(rb, j);
            let literal = c == '&' && !(end > j + 1 && raw[j..end].starts_with("&amp"));
            if literal {
                f(c, base + j..base + j + 1, true);
                j += 1;
                continue;
            }
            f(c, base + j..base + end, false);
            j = end;
            // Entities decoding to two chars, or legacy ones without ';': give the
            // following decoded chars that do not match the source to this entity.
            while let Some(&n) = chars.peek() {
                if j < rb.len() && (raw[j..].starts_with(n) || rb[j] == b'&' || rb[j] == b'\r') {
                    break;
                }
                chars.next();
                f(n, base + end..base + end, false);
            }
            continue;
        }
        if rc == c {
            let l = c.len_utf8();
            f(c, base + j..base + j + l, true);
            j += l;
        } else if rc == '\r' {
            // CR LF → LF, lone CR → LF.
            let l = if raw[j..].starts_with("\r\n") && c == '\n' {
                2
            } else {
                1
            };
            f(c, base + j..base + j + l, false);
            j += l;
        } else {
            // Replaced char (NUL → U+FFFD and the like).
            let l = rc.len_utf8();
            f(c, base + j..base + j + l, false);
            j += l;
        }
    }
}

/// End (exclusive) of the character reference starting at `raw[start] == b'&'`.
fn entity_end(raw: &[u8], start: usize) -> usize {
    let mut k = start + 1;
    if k < raw.len() && raw[k] == b'#' {
        k += 1;
        if k < raw.len() && (raw[k] == b'x' || raw[k] == b'X') {
            k += 1;
        }
    }
    while k < raw.len() && k - start < 40 && raw[k].is_ascii_alphanumeric() {
        k += 1;
    }
    if k < raw.len() && raw[k] == b';' {
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(decoded: &str, raw: &str) -> Vec<(char, String)> {
        let mut v = Vec::new();
        walk_text(decoded, raw, 0, |c, r, _| v.push((c, raw[r].to_string())));
        v
    }

    #[test]
    fn entities_map_to_their_whole_reference() {
        let v = walk("a & é<", "a &amp; &eacute;&#60;");
        assert_eq!(v[2], ('&', "&amp;".into()));
        assert_eq!(v[4], ('é', "&eacute;".into()));
        assert_eq!(v[5], ('<', "&#60;".into()));
    }

    #[test]
    fn bare_ampersands_and_crlf_stay_aligned() {
        let v = walk("R&D\nx", "R&D\r\nx");
        assert_eq!(v[1], ('&', "&".into()));
        assert_eq!(v[3], ('\n', "\r\n".into()));
        assert_eq!(v[4], ('x', "x".into()));
    }

    #[test]
    fn runs_merge_and_ranges_round_trip() {
        let mut a = Alignment::default();
        a.push(3, 10..13, true);
        a.push(2, 13..15, true);
        a.push(1, 20..25, false);
        a.push(1, 30..30, false);
        assert_eq!(a.runs().len(), 3);
        assert_eq!(a.to_source(2), Some(12));
        assert_eq!(a.source_range(0..5), Some(10..15));
        assert_eq!(a.source_range(5..6), Some(20..25));
        assert_eq!(a.source_range(6..7), Some(30..30));
        assert_eq!(a.source_range(7..7), Some(30..30));
    }
}
