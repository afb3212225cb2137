//! The word tokenizer.
//!
//! Hand-written on purpose. We need Penn Treebank / CoNLL-like word tokens
//! with exact byte offsets into the unchanged text, so that NER models and
//! scorers trained on CoNLL see the tokens they expect. The Unicode word
//! boundaries of UAX #29 (the `unicode-segmentation` crate) split "U.S."
//! into "U.S" and ".", "1,500.25" stays whole but "3.5%" and "Gen." follow
//! no news convention, and no clitic ("’s", "n't") is split; a regex
//! tokenizer would cost an automaton step per byte plus allocation per
//! match. This one is a single forward pass over `char`s, allocating only
//! the output vector; Unicode general categories come from
//! `unicode-properties`.
//!
//! Conventions (each rule reads a table in [`crate::tables`]):
//! - Words are runs of letters, digits and combining marks, joined through
//!   inner hyphens ("all-rounder", "COVID-19") and underscores, inner
//!   apostrophes ("O'Brien") and inner dots ("U.S", "Amazon.com").
//! - Clitics are split as CoNLL does: "Zelenskyy’s" → "Zelenskyy" "’s",
//!   "don't" → "do" "n't" ([`CLITICS`]).
//! - A word keeps its final dot when it is an abbreviation ([`TITLES`],
//!   [`ABBREVIATIONS`], [`ABBREVIATIONS_BEFORE_NUMBER`] before a number),
//!   an initial ("J."), or an acronym with inner dots whose parts are at
//!   most two letters ("U.S.", "Ph.D.", "e.g.").
//! - Numbers keep thousands separators, decimals, times, dates and scores
//!   ("1,500.25", "10:30", "1996-08-30", "2-1"), a sign or leading point
//!   at the start of a token ("+0.3", "-5", ".496") and ordinal or decade
//!   suffixes ("3rd", "1990s"); "3.5%" is a number then "%". A number
//!   joined to words by hyphens is one word ("20-year-old").
//! - URLs and e-mail addresses are one token; currency prefixes stay on
//!   the dollar sign ("C$", "US$").
//! - Every other character is its own token, except runs of dots ("...")
//!   and of hyphens ("--"). Combining marks, variation selectors, skin-tone
//!   modifiers and zero-width joiners stay with the character before them,
//!   so an emoji sequence is one token.

use crate::tables::*;
use newsgraph_doc::{Span, Token, TokenKind};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// Tokenizes `text`, whose first byte is at offset `base` of the document.
/// Every character that is not white space ends up in exactly one token;
/// tokens are ordered and never overlap.
pub fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, base, &mut out);
    out
}

/// Like [`tokenize`], appending to `out` (reuse one vector across
/// paragraphs to avoid allocating per paragraph).
pub fn tokenize_into(text: &str, base: usize, out: &mut Vec<Token>) {
    let first = out.len();
    Tokenizer { text, base, out }.run();
    merge_enumeration_markers(text, base, out, first);
}

/// The value `k` of an enumeration marker candidate at token `j` of
/// `toks`: a number of at most [`ENUMERATION_MAX_DIGITS`] digits, glued to
/// a following "." that is itself followed by a space or the end.
fn marker_value(text: &str, base: usize, toks: &[Token], j: usize) -> Option<u32> {
    let num = toks.get(j)?;
    let dot = toks.get(j + 1)?;
    let s = &text[num.span.start - base..num.span.end - base];
    let is_marker = num.kind == TokenKind::Number
        && num.span.end == dot.span.start
        && dot.span.len() == 1
        && text.as_bytes()[dot.span.start - base] == b'.'
        && toks
            .get(j + 2)
            .map_or(true, |n| n.span.start > dot.span.end)
        && s.len() <= ENUMERATION_MAX_DIGITS
        && s.bytes().all(|b| b.is_ascii_digit());
    if is_marker {
        s.parse().ok()
    } else {
        None
    }
}

/// Keeps inline enumeration markers whole, as CoNLL does: "1." "2." in
/// "… hurdles 1. Freeman (Jamaica) 12.71 2. Engquist …" become one number
/// token each (so the sentence splitter does not see a full stop). A
/// candidate "k." is a marker when "k+1." follows or "k-1." precedes it
/// within [`ENUMERATION_WINDOW`] tokens. Known miss: two short sentences
/// ending in consecutive small numbers ("on May 2. They chose 3.") read as
/// a list.
fn merge_enumeration_markers(text: &str, base: usize, out: &mut Vec<Token>, first: usize) {
    let toks = &out[first..];
    let candidates: Vec<(usize, u32)> = (0..toks.len())
        .filter_map(|j| marker_value(text, base, toks, j).map(|k| (j, k)))
        .collect();
    if candidates.len() < 2 {
        return;
    }
    let mut merge = vec![false; candidates.len()];
    for (a, &(ja, ka)) in candidates.iter().enumerate() {
        for (b, &(jb, kb)) in candidates.iter().enumerate().skip(a + 1) {
            if jb - ja > ENUMERATION_WINDOW {
                break;
            }
            if kb == ka + 1 {
                merge[a] = true;
                merge[b] = true;
            }
        }
    }
    let mut write = first;
    let mut read = first;
    let mut next = candidates
        .iter()
        .zip(&merge)
        .filter(|(_, m)| **m)
        .map(|(c, _)| c.0 + first)
        .peekable();
    while read < out.len() {
        let mut tok = out[read].clone();
        if next.peek() == Some(&read) {
            next.next();
            tok.span.end = out[read + 1].span.end;
            read += 1;
        }
        out[write] = tok;
        write += 1;
        read += 1;
    }
    out.truncate(write);
}

/// What a character is, as far as the tokenizer cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Letter,
    Digit,
    Mark,
    Punct,
    Symbol,
}

/// White space, including the invisible characters of [`INVISIBLE_SPACES`].
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || INVISIBLE_SPACES.contains(&c)
}

#[inline]
fn class(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Class::Letter,
            '0'..='9' => Class::Digit,
            c if c.is_ascii_whitespace() || c == '\u{0B}' => Class::Space,
            c if c.is_ascii_punctuation() && !PUNCT_AS_SYMBOL.contains(&c) => {
                if matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~') {
                    Class::Symbol
                } else {
                    Class::Punct
                }
            }
            _ => Class::Symbol,
        };
    }
    if is_space(c) {
        return Class::Space;
    }
    if c.is_alphabetic() {
        return Class::Letter;
    }
    if c.is_numeric() {
        return Class::Digit;
    }
    match c.general_category_group() {
        GeneralCategoryGroup::Mark => Class::Mark,
        GeneralCategoryGroup::Punctuation if !PUNCT_AS_SYMBOL.contains(&c) => Class::Punct,
        _ => Class::Symbol,
    }
}

/// Characters that attach to the character before them: combining marks,
/// variation selectors, emoji modifiers and tags.
fn is_extender(c: char) -> bool {
    matches!(c,
        '\u{FE00}'..='\u{FE0F}'
        | '\u{E0100}'..='\u{E01EF}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{20E3}')
        || (!c.is_ascii() && c.general_category_group() == GeneralCategoryGroup::Mark)
}

const ZWJ: char = '\u{200D}';
const ZWNJ: char = '\u{200C}';
const SOFT_HYPHEN: char = '\u{00AD}';

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_inner_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

struct Tokenizer<'a> {
    text: &'a str,
    base: usize,
    out: &'a mut Vec<Token>,
}

impl Tokenizer<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        if end > start {
            self.out.push(Token {
                span: Span::new(self.base + start, self.base + end),
                kind,
            });
        }
    }

    fn run(&mut self) {
        let mut i = 0;
        while let Some(c) = self.at(i) {
            if self.signed_number_at(i, c) {
                i = self.number(i, i + c.len_utf8());
                continue;
            }
            i = match class(c) {
                Class::Space => i + c.len_utf8(),
                Class::Letter => match self.link(i) {
                    Some(end) => {
                        self.push(i, end, TokenKind::Word);
                        end
                    }
                    None => self.word(i),
                },
                Class::Digit => self.number(i, i),
                Class::Punct => self.punct(i, c),
                Class::Mark | Class::Symbol => self.symbol(i, c),
            };
        }
    }

    /// Skips the extenders (marks, selectors, joined emoji) after `i`.
    fn extend(&self, mut i: usize) -> usize {
        while let Some(c) = self.at(i) {
            if is_extender(c) {
                i += c.len_utf8();
            } else if c == ZWJ {
                match self.at(i + c.len_utf8()) {
                    Some(d) if !is_space(d) => i += c.len_utf8() + d.len_utf8(),
                    _ => {
                        i += c.len_utf8();
                        break;
                    }
                }
            } else {
                break;
            }
        }
        i
    }

    /// The end of the run of letters, digits and marks at `i`.
    fn alnum_run(&self, mut i: usize) -> usize {
        let bytes = self.text.as_bytes();
        loop {
            // Fast path: ASCII letters and digits, byte by byte.
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            let Some(c) = self.at(i) else { break };
            if c.is_ascii() {
                break;
            }
            match class(c) {
                Class::Letter | Class::Digit | Class::Mark => i += c.len_utf8(),
                _ if c == ZWJ || c == ZWNJ || c == SOFT_HYPHEN || is_extender(c) => {
                    i += c.len_utf8()
                }
                _ => break,
            }
        }
        i
    }

    /// The end of the run of letters only at `i`.
    fn letter_run(&self, mut i: usize) -> usize {
        while let Some(c) = self.at(i) {
            if matches!(class(c), Class::Letter | Class::Mark) {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        i
    }

    fn is_word_char(&self, i: usize) -> bool {
        self.at(i)
            .is_some_and(|c| matches!(class(c), Class::Letter | Class::Digit))
    }

    /// The end of a URL ("https://…", "www.…") or an e-mail address
    /// starting at `start`, kept as one token; trailing punctuation that
    /// ends the sentence is left out.
    fn link(&self, start: usize) -> Option<usize> {
        let rest = &self.text[start..];
        let head = rest.get(..8).unwrap_or(rest);
        let is_url = URL_PREFIXES.iter().any(|p| {
            head.len() >= p.len() && head.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
        });
        let end = if is_url {
            rest.find(|c: char| is_space(c) || LINK_STOPS.contains(&c))
                .unwrap_or(rest.len())
        } else {
            // local@domain.tld; both parts bounded in length, so that a
            // long run of such characters is not rescanned from every word.
            let window = &rest[..floor_char_boundary(rest, EMAIL_MAX_LOCAL + 1)];
            let local = window
                .find(|c: char| {
                    !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'))
                })
                .unwrap_or(window.len());
            if local == 0 || rest.as_bytes().get(local) != Some(&b'@') {
                return None;
            }
            let domain = &rest[local + 1..];
            let domain = &domain[..floor_char_boundary(domain, EMAIL_MAX_DOMAIN)];
            let len = domain
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-')))
                .unwrap_or(domain.len());
            let domain = domain[..len].trim_end_matches(['.', '-']);
            if !domain.contains('.') || domain.starts_with('.') {
                return None;
            }
            local + 1 + domain.len()
        };
        // Trailing punctuation and unbalanced closing brackets are not part
        // of the link: "(see https://x.org/a_(b))." keeps "https://x.org/a_(b)".
        let mut link = &rest[..end];
        loop {
            let t = link.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"']);
            let t = match t.strip_suffix(')') {
                Some(u) if t.matches(')').count() > t.matches('(').count() => u,
                _ => t,
            };
            if t.len() == link.len() {
                break;
            }
            link = t;
        }
        (!link.is_empty()).then_some(start + link.len())
    }

    fn word(&mut self, start: usize) -> usize {
        let mut j = self.alnum_run(start);
        let mut inner_dot = false;
        while let Some(c) = self.at(j) {
            let after = j + c.len_utf8();
            if is_apostrophe(c) && self.at(after).is_some_and(|d| class(d) == Class::Letter) {
                let k = self.letter_run(after);
                let word_ends = !self.is_word_char(k);
                let tail = &self.text[after..k];
                if word_ends && CLITICS.iter().any(|t| t.eq_ignore_ascii_case(tail)) {
                    self.push(start, j, TokenKind::Word);
                    self.push(j, k, TokenKind::Word);
                    return k;
                }
                let before_n = j - 1; // 'n' / 'N' are one byte
                if word_ends
                    && tail.eq_ignore_ascii_case("t")
                    && j > start + 1
                    && matches!(self.text.as_bytes()[before_n], b'n' | b'N')
                {
                    self.push(start, before_n, TokenKind::Word);
                    self.push(before_n, k, TokenKind::Word);
                    return k;
                }
                j = self.alnum_run(after);
            } else if (is_inner_hyphen(c) || c == '_') && self.is_word_char(after) {
                j = self.alnum_run(after);
            } else if c == '.' && self.at(after).is_some_and(|d| class(d) == Class::Letter) {
                inner_dot = true;
                j = self.alnum_run(after);
            } else if c == '&'
                && self.text[..j].ends_with(|p: char| p.is_uppercase())
                && self.at(after).is_some_and(|d| d.is_uppercase())
            {
                j = self.alnum_run(after);
            } else {
                break;
            }
        }
        // Currency prefixes: "C$", "US$", "HK$".
        if self.at(j) == Some('$')
            && j - start <= 3
            && self.text[start..j].bytes().all(|b| b.is_ascii_uppercase())
        {
            self.push(start, j + 1, TokenKind::Symbol);
            return j + 1;
        }
        if self.at(j) == Some('.') && self.keeps_dot(&self.text[start..j], inner_dot, j + 1) {
            j += 1;
        }
        self.push(start, j, TokenKind::Word);
        j
    }

    /// Whether `word`, followed by a dot that ends at `after_dot`, keeps it.
    fn keeps_dot(&self, word: &str, inner_dot: bool, after_dot: usize) -> bool {
        if inner_dot {
            return word.split('.').all(|part| part.chars().count() <= 2);
        }
        if is_abbreviation(TITLES, word) || is_abbreviation(ABBREVIATIONS, word) {
            return true;
        }
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_uppercase() {
                return true; // an initial
            }
        }
        if contains(ABBREVIATIONS_BEFORE_NUMBER, word) {
            let rest = self.text[after_dot..].trim_start_matches([' ', '\u{A0}']);
            return rest.starts_with(|c: char| c.is_ascii_digit());
        }
        false
    }

    fn is_digit(&self, i: usize) -> bool {
        self.at(i).is_some_and(|c| class(c) == Class::Digit)
    }

    fn digit_run(&self, mut i: usize) -> usize {
        while let Some(c) = self.at(i) {
            if class(c) == Class::Digit {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        i
    }

    /// A sign or a leading decimal point glued to a digit, at the start of
    /// a token ("+0.300", "-5", "−3", ".496"): part of the number.
    fn signed_number_at(&self, i: usize, c: char) -> bool {
        matches!(c, '+' | '-' | '−' | '.')
            && self.is_digit(i + c.len_utf8())
            && self.text[..i]
                .chars()
                .next_back()
                .map_or(true, |p| is_space(p) || matches!(p, '(' | '[' | '/'))
    }

    /// A number whose digits start at `digits` (after a sign, if any, that
    /// starts at `start`).
    fn number(&mut self, start: usize, digits: usize) -> usize {
        let mut j = self.digit_run(digits);
        while let Some(c) = self.at(j) {
            let after = j + 1; // every separator below is one byte
            match c {
                // Thousands separator: exactly three digits follow.
                ',' => {
                    let k = self.digit_run(after);
                    if k - after == 3 && !self.is_digit(k) && k == after + 3 {
                        j = k;
                    } else {
                        break;
                    }
                }
                '.' | '-' | '/' if self.is_digit(after) => j = self.digit_run(after),
                // Clock time: "10:30".
                ':' => {
                    let k = self.digit_run(after);
                    if k - after == 2 {
                        j = k;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        // A hyphenated compound: "20-year-old", "40-yard" (a word).
        if self.at(j).is_some_and(is_inner_hyphen)
            && self.at(j + 1).is_some_and(|d| class(d) == Class::Letter)
        {
            let mut k = j;
            while let Some(h) = self.at(k).filter(|h| is_inner_hyphen(*h)) {
                let a = k + h.len_utf8();
                if !self.is_word_char(a) {
                    break;
                }
                k = self.alnum_run(a);
            }
            self.push(start, k, TokenKind::Word);
            return k;
        }
        // A possessive after a number: "1990's" → "1990" "'s".
        if let Some(c) = self.at(j).filter(|c| is_apostrophe(*c)) {
            let after = j + c.len_utf8();
            let k = self.letter_run(after);
            if k > after && !self.is_word_char(k) && self.text[after..k].eq_ignore_ascii_case("s") {
                self.push(start, j, TokenKind::Number);
                self.push(j, k, TokenKind::Word);
                return k;
            }
        }
        // Ordinal and decade suffixes: "3rd", "1990s", "5pm".
        let k = self.letter_run(j);
        if k > j && !self.is_word_char(k) {
            let suffix = &self.text[j..k];
            if NUMBER_SUFFIXES
                .iter()
                .any(|s| s.eq_ignore_ascii_case(suffix))
            {
                j = k;
            }
        }
        let j = self.extend(j);
        self.push(start, j, TokenKind::Number);
        j
    }

    fn punct(&mut self, start: usize, c: char) -> usize {
        let mut j = start + c.len_utf8();
        // A clitic glued to a token that kept its dot: "U.S.'s".
        if is_apostrophe(c)
            && self
                .out
                .last()
                .is_some_and(|t| t.span.end == self.base + start && t.kind == TokenKind::Word)
        {
            let k = self.letter_run(j);
            if k > j
                && !self.is_word_char(k)
                && CLITICS
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(&self.text[j..k]))
            {
                self.push(start, k, TokenKind::Word);
                return k;
            }
        }
        if c == '.' || c == '-' {
            while self.at(j) == Some(c) {
                j += 1;
            }
        }
        let j = self.extend(j);
        self.push(start, j, TokenKind::Punct);
        j
    }

    fn symbol(&mut self, start: usize, c: char) -> usize {
        let mut j = start + c.len_utf8();
        if is_regional_indicator(c) {
            if let Some(d) = self.at(j).filter(|d| is_regional_indicator(*d)) {
                j += d.len_utf8();
            }
        }
        let j = self.extend(j);
        self.push(start, j, TokenKind::Symbol);
        j
    }
}

/// The largest char boundary of `s` at or below `i`.
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether a token's text is a sentence terminator by itself: ".", "?",
/// "!", "…", "..." and the like.
pub(crate) fn is_terminator(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some('.') => s.bytes().all(|b| b == b'.'),
        Some(c) => TERMINATORS.contains(&c) && chars.all(is_extender),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text, 0)
            .iter()
            .map(|t| &text[t.span.start..t.span.end])
            .collect()
    }

    fn kinds(text: &str) -> Vec<TokenKind> {
        tokenize(text, 0).iter().map(|t| t.kind).collect()
    }

    #[test]
    fn splits_plain_words_and_punctuation() {
        assert_eq!(
            toks("Hello, world! (Yes.)"),
            ["Hello", ",", "world", "!", "(", "Yes", ".", ")"]
        );
    }

    #[test]
    fn splits_possessive_and_negation_clitics_like_conll() {
        assert_eq!(toks("Zelenskyy’s aide"), ["Zelenskyy", "’s", "aide"]);
        assert_eq!(toks("don't"), ["do", "n't"]);
        assert_eq!(toks("can’t"), ["ca", "n’t"]);
        assert_eq!(
            toks("we'll they're I'M"),
            ["we", "'ll", "they", "'re", "I", "'M"]
        );
    }

    #[test]
    fn keeps_inner_apostrophes_that_are_not_clitics() {
        assert_eq!(toks("O'Brien rock'n'roll"), ["O'Brien", "rock'n'roll"]);
    }

    #[test]
    fn trailing_and_leading_apostrophes_are_punctuation() {
        assert_eq!(toks("the Joneses' car"), ["the", "Joneses", "'", "car"]);
        assert_eq!(toks("‘fine’"), ["‘", "fine", "’"]);
    }

    #[test]
    fn keeps_hyphenated_words_whole() {
        assert_eq!(
            toks("all-rounder COVID-19 well‑known"),
            ["all-rounder", "COVID-19", "well‑known"]
        );
        assert_eq!(toks("pre- and post-war"), ["pre", "-", "and", "post-war"]);
    }

    #[test]
    fn keeps_dots_of_abbreviations_titles_initials_and_acronyms() {
        assert_eq!(
            toks("Gen. Mark Milley met Mr. Smith in the U.S. on Jan. 5"),
            [
                "Gen.", "Mark", "Milley", "met", "Mr.", "Smith", "in", "the", "U.S.", "on", "Jan.",
                "5"
            ]
        );
        assert_eq!(toks("J. K. Rowling"), ["J.", "K.", "Rowling"]);
        assert_eq!(toks("e.g. Ph.D."), ["e.g.", "Ph.D."]);
    }

    #[test]
    fn ordinary_word_before_a_dot_does_not_keep_it() {
        assert_eq!(toks("It ended."), ["It", "ended", "."]);
        assert_eq!(toks("Visit Amazon.com."), ["Visit", "Amazon.com", "."]);
    }

    #[test]
    fn no_keeps_its_dot_only_before_a_number() {
        assert_eq!(toks("No. 10 Downing"), ["No.", "10", "Downing"]);
        assert_eq!(toks("He said no. Then"), ["He", "said", "no", ".", "Then"]);
    }

    #[test]
    fn numbers_keep_separators_and_decimals() {
        assert_eq!(
            toks("1,500.25 and 3.5% of $2bn"),
            ["1,500.25", "and", "3.5", "%", "of", "$", "2", "bn"]
        );
        assert_eq!(
            kinds("3.5% $"),
            [TokenKind::Number, TokenKind::Symbol, TokenKind::Symbol]
        );
        assert_eq!(
            toks("at 10:30 on 1996-08-30, won 2-1"),
            ["at", "10:30", "on", "1996-08-30", ",", "won", "2-1"]
        );
        assert_eq!(toks("the 1990s, 3rd"), ["the", "1990s", ",", "3rd"]);
    }

    #[test]
    fn comma_between_numbers_that_is_not_a_thousands_separator_is_split() {
        assert_eq!(toks("1,2,3"), ["1", ",", "2", ",", "3"]);
        assert_eq!(toks("1,5000"), ["1", ",", "5000"]);
    }

    #[test]
    fn ellipses_and_double_hyphens_are_one_token() {
        assert_eq!(
            toks("wait... no -- yes…"),
            ["wait", "...", "no", "--", "yes", "…"]
        );
        assert_eq!(toks("?!"), ["?", "!"]);
    }

    #[test]
    fn quotes_and_dashes_are_punctuation() {
        assert_eq!(
            toks("“Stop!” – \"now\""),
            ["“", "Stop", "!", "”", "–", "\"", "now", "\""]
        );
        assert!(kinds("“ ” – — \" '").iter().all(|k| *k == TokenKind::Punct));
    }

    #[test]
    fn emoji_sequences_are_one_symbol() {
        let text = "ok 👍🏽 👨‍👩‍👧 🇺🇦!";
        assert_eq!(toks(text), ["ok", "👍🏽", "👨‍👩‍👧", "🇺🇦", "!"]);
        assert_eq!(kinds(text)[1], TokenKind::Symbol);
    }

    #[test]
    fn any_script_makes_words() {
        assert_eq!(toks("Київ — місто."), ["Київ", "—", "місто", "."]);
        assert_eq!(toks("मुंबई में"), ["मुंबई", "में"]);
        assert_eq!(toks("Ελλάδα, café"), ["Ελλάδα", ",", "café"]);
    }

    #[test]
    fn urls_and_email_addresses_are_one_token() {
        assert_eq!(
            toks("See https://example.org/a_b?c=1. Or www.example.co.uk/x, or mail news@example.com."),
            [
                "See",
                "https://example.org/a_b?c=1",
                ".",
                "Or",
                "www.example.co.uk/x",
                ",",
                "or",
                "mail",
                "news@example.com",
                "."
            ]
        );
        assert_eq!(
            toks("(https://en.wikipedia.org/wiki/Izyum_(city))"),
            ["(", "https://en.wikipedia.org/wiki/Izyum_(city)", ")"]
        );
        assert_eq!(toks("user@ nobody@x"), ["user", "@", "nobody", "@", "x"]);
    }

    #[test]
    fn signs_and_leading_decimal_points_belong_to_the_number() {
        assert_eq!(
            toks("rose +0.300 to -5 (−3) averaging .496 in 1-0"),
            [
                "rose",
                "+0.300",
                "to",
                "-5",
                "(",
                "−3",
                ")",
                "averaging",
                ".496",
                "in",
                "1-0"
            ]
        );
        assert_eq!(kinds("+5")[0], TokenKind::Number);
        assert_eq!(toks("a-5 x.5"), ["a-5", "x", ".", "5"]);
    }

    #[test]
    fn number_hyphen_word_compounds_are_one_word() {
        assert_eq!(
            toks("a 20-year-old and 40-yard run"),
            ["a", "20-year-old", "and", "40-yard", "run"]
        );
        assert_eq!(kinds("20-year-old")[0], TokenKind::Word);
    }

    #[test]
    fn currency_prefixes_stay_on_the_dollar_sign() {
        assert_eq!(toks("C$5 and US$ 10"), ["C$", "5", "and", "US$", "10"]);
    }

    #[test]
    fn inline_enumeration_markers_are_one_number_token() {
        let text = "hurdles 1. Ana Ruiz (Spain) 12.71 2. Li Na 12.80";
        assert_eq!(
            toks(text),
            [
                "hurdles", "1.", "Ana", "Ruiz", "(", "Spain", ")", "12.71", "2.", "Li", "Na",
                "12.80"
            ]
        );
        assert_eq!(kinds(text)[1], TokenKind::Number);
        // A lone number before a full stop is not a marker.
        assert_eq!(
            toks("It rose 2. Then 9."),
            ["It", "rose", "2", ".", "Then", "9", "."]
        );
    }

    #[test]
    fn clitic_after_an_abbreviation_is_one_token() {
        assert_eq!(toks("the U.S.'s role"), ["the", "U.S.", "'s", "role"]);
    }

    #[test]
    fn underscores_join_word_parts() {
        assert_eq!(toks("@user_1 said"), ["@", "user_1", "said"]);
        assert_eq!(toks("_x"), ["_", "x"]);
    }

    #[test]
    fn long_runs_of_email_characters_stay_linear() {
        let text = "a+".repeat(200_000);
        assert_eq!(tokenize(&text, 0).len(), 400_000);
    }

    #[test]
    fn possessive_after_a_number_is_split() {
        assert_eq!(toks("the 1990's boom"), ["the", "1990", "'s", "boom"]);
    }

    #[test]
    fn offsets_are_shifted_by_base() {
        let t = tokenize("ab cd", 100);
        assert_eq!(t[1].span, Span::new(103, 105));
    }

    #[test]
    fn invisible_spaces_separate_tokens() {
        assert_eq!(toks("a\u{200B}b\u{FEFF}"), ["a", "b"]);
    }
}
