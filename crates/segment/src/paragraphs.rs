//! Paragraphs of plain text: each non-blank line.
//!
//! News scraped to plain text carries one paragraph per line, so a line
//! break is a paragraph break. Lines end at `\n`, `\r\n`, `\r`, and at the
//! separators of [`LINE_BREAKS`] (form feed, vertical tab, NEL, U+2028,
//! U+2029). A line of white space only (including the invisible spaces of
//! [`INVISIBLE_SPACES`](crate::tables::INVISIBLE_SPACES)) is no paragraph.

use crate::tables::LINE_BREAKS;
use crate::tokenize::is_space;
use newsgraph_doc::Span;

fn is_line_break(c: char) -> bool {
    c == '\n' || c == '\r' || LINE_BREAKS.contains(&c)
}

/// The paragraphs of `text`, as spans that exclude surrounding white space.
pub fn paragraph_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Every line break starts with one of these bytes; other bytes
        // (the bulk of the text) are skipped without decoding.
        if matches!(bytes[i], b'\n' | b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2) {
            if let Some(c) = text[i..].chars().next().filter(|c| is_line_break(*c)) {
                push_trimmed(text, line_start, i, &mut out);
                line_start = i + c.len_utf8();
                i = line_start;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, line_start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let line = &text[start..end];
    let trimmed = line.trim_start_matches(is_space);
    let s = start + (line.len() - trimmed.len());
    let trimmed = trimmed.trim_end_matches(is_space);
    if !trimmed.is_empty() {
        out.push(Span::new(s, s + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<&str> {
        paragraph_spans(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn each_non_blank_line_is_a_paragraph() {
        assert_eq!(
            paras("One.\nTwo.\n\n  \nThree."),
            ["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn handles_every_line_break_kind() {
        assert_eq!(
            paras("a\r\nb\rc\u{2028}d\u{2029}e\u{000C}f\u{0085}g"),
            ["a", "b", "c", "d", "e", "f", "g"]
        );
    }

    #[test]
    fn spans_exclude_surrounding_white_space() {
        let text = " \u{FEFF}\t Hello there \u{A0}\n";
        let spans = paragraph_spans(text);
        assert_eq!(spans.len(), 1);
        assert_eq!(&text[spans[0].start..spans[0].end], "Hello there");
    }

    #[test]
    fn blank_text_has_no_paragraphs() {
        assert!(paragraph_spans("").is_empty());
        assert!(paragraph_spans(" \n\r\n\u{2029} \t").is_empty());
    }
}
