//! The token stream the matchers walk.
//!
//! The document's `Tokens` layer decides the outer boundaries; inside each
//! token we split further by character class (letters, digits, single
//! symbols), so the rules see the same pieces whatever the segmenter did
//! with "5m", "10-15", "third-quarter" or "Sept.". Pieces never cross a
//! document token, so every span we emit starts and ends on token
//! boundaries or finer. Digit groups the segmenter split ("1" "," "500")
//! are joined again when nothing separates them.

use newsgraph_doc::{Span, Token, TokenKind};

/// One piece of text the rules match on.
#[derive(Debug, Clone, PartialEq)]
pub struct Tok<'a> {
    /// Absolute byte span in the document text.
    pub span: Span,
    /// The text as written.
    pub text: &'a str,
    /// Lower-cased text, with curly apostrophes straightened.
    pub lower: String,
    pub kind: TokenKind,
    /// Whether white space separates this piece from the previous one.
    pub space_before: bool,
}

impl Tok<'_> {
    /// Whether this piece is the word `w` (compared lower-cased).
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }

    /// Starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Letter,
    Digit,
    Space,
    Other,
}

fn class(c: char) -> Class {
    if c.is_alphabetic() {
        Class::Letter
    } else if c.is_ascii_digit() {
        Class::Digit
    } else if c.is_whitespace() {
        Class::Space
    } else {
        Class::Other
    }
}

/// Splits `text[range]` (absolute offsets into `text`) into pieces and
/// appends them to `out`.
fn split_into<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Tok<'a>>) {
    let s = &text[start..end];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars[i];
        let cl = class(c);
        let mut j = i + 1;
        match cl {
            Class::Space => {
                i = j;
                continue;
            }
            Class::Letter => {
                while j < chars.len() {
                    let c2 = chars[j].1;
                    if class(c2) == Class::Letter {
                        j += 1;
                    } else if (c2 == '\'' || c2 == '’')
                        && j + 1 < chars.len()
                        && class(chars[j + 1].1) == Class::Letter
                        && !matches!(chars[j + 1].1, 's' | 'S')
                    {
                        // inner apostrophe ("don't"), but "Friday's" splits
                        j += 2;
                    } else {
                        break;
                    }
                }
            }
            Class::Digit => {
                while j < chars.len() {
                    let c2 = chars[j].1;
                    if c2.is_ascii_digit() {
                        j += 1;
                    } else if (c2 == ',' || c2 == '.')
                        && j + 1 < chars.len()
                        && chars[j + 1].1.is_ascii_digit()
                    {
                        j += 2;
                    } else {
                        break;
                    }
                }
            }
            Class::Other => {}
        }
        let a = start + off;
        let b = start + chars.get(j).map_or(s.len(), |x| x.0);
        let piece = &text[a..b];
        let kind = match cl {
            Class::Letter => TokenKind::Word,
            Class::Digit => TokenKind::Number,
            _ if c.is_alphanumeric() => TokenKind::Symbol,
            _ if is_punct(c) => TokenKind::Punct,
            _ => TokenKind::Symbol,
        };
        let space_before = match out.last() {
            Some(prev) => prev.span.end < a,
            None => true,
        };
        out.push(Tok {
            span: Span::new(a, b),
            text: piece,
            lower: piece.to_lowercase().replace('’', "'"),
            kind,
            space_before,
        });
        i = j;
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '$' | '%' | '+' | '<' | '=' | '>' | '^' | '|' | '~')
        || matches!(
            c,
            '“' | '”' | '‘' | '’' | '–' | '—' | '…' | '«' | '»' | '‐' | '‑'
        )
}

/// Pieces of `text` inside `range`, refined from the document's tokens that
/// lie in it (see the module doc).
pub fn refine<'a>(text: &'a str, tokens: &[Token], range: Span) -> Vec<Tok<'a>> {
    let mut out = Vec::new();
    let first = tokens.partition_point(|t| t.span.end <= range.start);
    for t in &tokens[first..] {
        if t.span.start >= range.end {
            break;
        }
        let (a, b) = (t.span.start.max(range.start), t.span.end.min(range.end));
        if a < b {
            split_into(text, a, b, &mut out);
        }
    }
    join_digit_groups(text, out)
}

/// Pieces of `text[range]` when no `Tokens` layer is at hand (tests, the
/// evaluation on TimeML): white space separates tokens.
pub fn pieces(text: &str, range: Span) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    split_into(text, range.start, range.end, &mut out);
    out
}

/// A simple tokenizer that yields document `Token`s by the same rules, for
/// callers without a segmenter.
pub fn simple_tokens(text: &str) -> Vec<Token> {
    pieces(text, Span::new(0, text.len()))
        .into_iter()
        .map(|t| Token {
            span: t.span,
            kind: t.kind,
        })
        .collect()
}

/// Joins `1` `,` `500` (no space between) into one number piece.
fn join_digit_groups<'a>(text: &'a str, toks: Vec<Tok<'a>>) -> Vec<Tok<'a>> {
    let mut out: Vec<Tok<'a>> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.is_number() && !out.is_empty() {
            let n = out.len();
            if n >= 2
                && out[n - 2].is_number()
                && (out[n - 1].text == "," || out[n - 1].text == ".")
                && !out[n - 1].space_before
                && !t.space_before
            {
                let start = out[n - 2].span.start;
                let sb = out[n - 2].space_before;
                out.truncate(n - 2);
                let piece = &text[start..t.span.end];
                out.push(Tok {
                    span: Span::new(start, t.span.end),
                    text: piece,
                    lower: piece.to_string(),
                    kind: TokenKind::Number,
                    space_before: sb,
                });
                i += 1;
                continue;
            }
        }
        out.push(t.clone());
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        pieces(s, Span::new(0, s.len()))
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn splits_by_character_class() {
        assert_eq!(
            texts("$5m, 10-15 km²"),
            ["$", "5", "m", ",", "10", "-", "15", "km", "²"]
        );
        assert_eq!(texts("1,500.25 Sept. 16"), ["1,500.25", "Sept", ".", "16"]);
        assert_eq!(texts("Friday’s don't"), ["Friday", "’", "s", "don't"]);
    }

    #[test]
    fn refine_rejoins_split_digit_groups() {
        let text = "about 1,500 people";
        let toks = vec![
            Token {
                span: Span::new(0, 5),
                kind: TokenKind::Word,
            },
            Token {
                span: Span::new(6, 7),
                kind: TokenKind::Number,
            },
            Token {
                span: Span::new(7, 8),
                kind: TokenKind::Punct,
            },
            Token {
                span: Span::new(8, 11),
                kind: TokenKind::Number,
            },
            Token {
                span: Span::new(12, 18),
                kind: TokenKind::Word,
            },
        ];
        let got: Vec<&str> = refine(text, &toks, Span::new(0, text.len()))
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(got, ["about", "1,500", "people"]);
    }
}
