//! The sentence splitter: rules over the tokens of one paragraph.
//!
//! A sentence can end only after a terminator token: ".", "?", "!", "…",
//! "...", or a word that kept its dot ("U.S.", "Jan.", "J."). The closing
//! quotes and brackets glued to it stay in the sentence (`…possible.”`).
//! Whether it does end depends on what follows, rule by rule:
//!
//! 1. End of the paragraph: always a boundary (headlines have no final
//!    punctuation; a paragraph is never shared by two sentences).
//! 2. No space before the next token ("Yahoo!News"; but not after the
//!    full-width "。！？" of scripts without spaces), or the next token is
//!    itself a terminator (the dots of a spaced ". . ."): no boundary.
//! 3. The next token starts with a lowercase letter and is not camel-cased
//!    like "iPhone" (`…,” he said`, `“Stop!” she shouted`, `wait … then`),
//!    or is punctuation that carries the sentence on ([`CONTINUERS`]:
//!    `?, she asked`): no boundary.
//!    A spaced dash after a closing quote ([`DASHES`]) introduces an
//!    attribution (`“…game.” – Matthew Ingram`): no boundary; a spaced
//!    dash after a bare full stop starts a new segment (wire sign-offs).
//! 4. After a title ([`TITLES`]: "Gen.", "Mr."): no boundary.
//! 5. After any other word with a dot (abbreviation, initial, acronym):
//!    a boundary only before a capitalised [`SENTENCE_STARTERS`] word or an
//!    opening quote ([`OPENING_QUOTES`]): "in the U.S. The move", but
//!    "U.S. President", "J. K. Rowling", "Jan. 5".
//! 6. After `?` or `!` with a closing quote, before "Name said"
//!    ([`ATTRIBUTION_VERBS`]): no boundary (`“Why?” Smith asked.`). After
//!    `.` with a closing quote, only before a bare "Name said." (`“…
//!    missing.” Trump said.`; but `“…” Trump said the plan …` breaks).
//! 7. After "." that follows a lone number opening the sentence ("1."): a
//!    list marker, no boundary. Inline enumerations ("… 1. Freeman
//!    (Jamaica) 12.71 2. Engquist …") never get here: the tokenizer keeps
//!    their markers whole ("1.", a number), so they are no terminators.
//! 8. Otherwise: a boundary.
//!
//! One boundary needs no terminator: 9. before a credit label glued onto
//! a caption ([`CREDIT_LABELS`]: "… Izyum on Friday Image: Reuters"), unless
//! it follows a colon, comma, quote or bracket.

use crate::tables::*;
use crate::tokenize::is_terminator;
use newsgraph_doc::{Span, Token, TokenKind};
use std::ops::Range;

/// What kind of terminator a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminator {
    /// ".", "...", "…"
    Stop,
    /// "?", "!"
    QuestionOrExclamation,
    /// A title that kept its dot: "Gen.", "Mr."
    Title,
    /// Any other word that kept its dot: "U.S.", "Inc.", "J."
    Abbreviation,
}

fn terminator(text: &str, tok: &Token) -> Option<Terminator> {
    let s = &text[tok.span.start..tok.span.end];
    match tok.kind {
        TokenKind::Punct if is_terminator(s) => Some(
            if s.starts_with(['?', '!', '？', '！', '‼', '⁇', '⁈', '⁉']) {
                Terminator::QuestionOrExclamation
            } else {
                Terminator::Stop
            },
        ),
        TokenKind::Word if s.len() > 1 && s.ends_with('.') => {
            if is_abbreviation(TITLES, &s[..s.len() - 1]) {
                Some(Terminator::Title)
            } else {
                Some(Terminator::Abbreviation)
            }
        }
        _ => None,
    }
}

fn first_char(text: &str, tok: &Token) -> char {
    text[tok.span.start..tok.span.end]
        .chars()
        .next()
        .unwrap_or(' ')
}

fn tok_str<'a>(text: &'a str, tok: &Token) -> &'a str {
    &text[tok.span.start..tok.span.end]
}

/// Splits the tokens of one paragraph into sentences, returned as ranges of
/// token indices that together cover `tokens` in order. `text` is the
/// string the tokens' spans index (usually the whole document).
pub fn sentence_token_ranges(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let n = tokens.len();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        // Rule 9: a credit label glued onto a caption starts a sentence.
        if i > start && credit_label_at(text, tokens, i) {
            out.push(start..i);
            start = i;
        }
        let Some(kind) = terminator(text, &tokens[i]) else {
            i += 1;
            continue;
        };
        // Glued closing quotes, brackets and further terminators ("?!").
        let mut end = i + 1;
        let mut closed = false;
        while end < n && tokens[end].span.start == tokens[end - 1].span.end {
            let t = &tokens[end];
            let c = first_char(text, t);
            if t.kind == TokenKind::Punct && CLOSERS.contains(&c) {
                closed = true;
            } else if terminator(text, t).is_none() || !matches!(t.kind, TokenKind::Punct) {
                break;
            }
            end += 1;
        }
        if end >= n {
            break;
        }
        if breaks_before(text, tokens, start, i, end, kind, closed) {
            out.push(start..end);
            start = end;
        }
        i = end;
    }
    if start < n {
        out.push(start..n);
    }
    out
}

/// Whether a sentence that started at token `start` and whose terminator is
/// token `term` ends before token `next` (rules 2–8 of the module doc).
fn breaks_before(
    text: &str,
    tokens: &[Token],
    start: usize,
    term: usize,
    next: usize,
    kind: Terminator,
    closed: bool,
) -> bool {
    let nt = &tokens[next];
    // Rule 2: glued to the next token (except after the full-width marks
    // of scripts written without spaces: "北京。天安门").
    let unspaced_script = tok_str(text, &tokens[term]).starts_with(FULL_WIDTH_TERMINATORS);
    if nt.span.start == tokens[next - 1].span.end && !unspaced_script {
        return false;
    }
    // Rule 2b: a spaced ellipsis ". . ." ends only after its last dot.
    if terminator(text, nt)
        .is_some_and(|k| k == Terminator::Stop || k == Terminator::QuestionOrExclamation)
    {
        return false;
    }
    let f = first_char(text, nt);
    // Rule 3: lowercase (but not "iPhone") or a continuing punctuation mark.
    let lower = f.is_lowercase() && !tok_str(text, nt).chars().skip(1).any(char::is_uppercase);
    if lower || (nt.kind == TokenKind::Punct && CONTINUERS.contains(&f)) {
        return false;
    }
    // Rule 3b: a dash after a closing quote introduces the attribution.
    if closed && nt.kind == TokenKind::Punct && DASHES.contains(&f) {
        return false;
    }
    match kind {
        // Rule 4.
        Terminator::Title => false,
        // Rule 5.
        Terminator::Abbreviation => {
            let word = tok_str(text, nt);
            (nt.kind == TokenKind::Word && contains(SENTENCE_STARTERS, word))
                || (nt.kind == TokenKind::Punct && OPENING_QUOTES.contains(&f))
        }
        // Rule 6.
        Terminator::QuestionOrExclamation if closed => !tokens
            .get(next + 1)
            .is_some_and(|v| contains(ATTRIBUTION_VERBS, tok_str(text, v))),
        Terminator::Stop if closed && bare_attribution(text, tokens, next) => false,
        // Rule 7.
        Terminator::Stop if term == start + 1 && tokens[start].kind == TokenKind::Number => false,
        // Rule 8.
        _ => true,
    }
}

/// Whether the tokens from `next` are a bare attribution: one to three
/// capitalised words, a verb of [`ATTRIBUTION_VERBS`], then "." or "," or
/// the end (`“…missing.” Trump said.`).
fn bare_attribution(text: &str, tokens: &[Token], next: usize) -> bool {
    let mut j = next;
    while j < tokens.len()
        && j - next < 3
        && tokens[j].kind == TokenKind::Word
        && first_char(text, &tokens[j]).is_uppercase()
    {
        j += 1;
    }
    j > next
        && tokens
            .get(j)
            .is_some_and(|v| contains(ATTRIBUTION_VERBS, tok_str(text, v)))
        && tokens
            .get(j + 1)
            .map_or(true, |t| matches!(tok_str(text, t), "." | ","))
}

/// Whether tokens `i`, `i+1` are a [`CREDIT_LABELS`] word and a colon
/// ("Image:"), after a token that is not already a sentence end.
fn credit_label_at(text: &str, tokens: &[Token], i: usize) -> bool {
    tokens[i].kind == TokenKind::Word
        && contains(CREDIT_LABELS, tok_str(text, &tokens[i]))
        && tokens
            .get(i + 1)
            .is_some_and(|c| tok_str(text, c) == ":" && c.span.start == tokens[i].span.end)
        && !matches!(tokens[i - 1].kind, TokenKind::Punct if matches!(first_char(text, &tokens[i - 1]), ':' | '(' | '[' | '“' | '"' | ','))
}

/// Sentence spans of one paragraph's tokens: from the first token's start
/// to the last token's end, so they exclude surrounding white space.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Span> {
    sentence_token_ranges(text, tokens)
        .into_iter()
        .map(|r| Span::new(tokens[r.start].span.start, tokens[r.end - 1].span.end))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sents(text: &str) -> Vec<&str> {
        let toks = tokenize(text, 0);
        split_sentences(text, &toks)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_simple_sentences() {
        assert_eq!(
            sents("The vote passed. Critics were furious! Was it fair? Nobody knows."),
            [
                "The vote passed.",
                "Critics were furious!",
                "Was it fair?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn titles_never_end_a_sentence() {
        for t in [
            "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.",
        ] {
            let text = format!("She met {t} Alvarez on Monday. He agreed.");
            assert_eq!(sents(&text).len(), 2, "{text}");
        }
    }

    #[test]
    fn abbreviations_continue_before_names_and_numbers() {
        assert_eq!(
            sents("Talks open on Jan. 12 in St. Petersburg with U.S. Secretary Ana Ruiz. Both sides attend."),
            [
                "Talks open on Jan. 12 in St. Petersburg with U.S. Secretary Ana Ruiz.",
                "Both sides attend."
            ]
        );
        assert_eq!(
            sents("The talks ended on Feb. 3 and Sept. 9, officials said."),
            ["The talks ended on Feb. 3 and Sept. 9, officials said."]
        );
    }

    #[test]
    fn acronym_ends_a_sentence_before_a_sentence_starter() {
        assert_eq!(
            sents(
                "Prices rose in the U.K. The central bank reacted. Ties with the U.S. are strong."
            ),
            [
                "Prices rose in the U.K.",
                "The central bank reacted.",
                "Ties with the U.S. are strong."
            ]
        );
    }

    #[test]
    fn initials_do_not_end_sentences() {
        assert_eq!(
            sents("The novel by J. K. Rowling sold well. George W. Bush read it."),
            [
                "The novel by J. K. Rowling sold well.",
                "George W. Bush read it."
            ]
        );
    }

    #[test]
    fn decimals_do_not_end_sentences() {
        assert_eq!(
            sents("Growth was 2.5 per cent. Inflation hit 10.1%. Markets fell."),
            [
                "Growth was 2.5 per cent.",
                "Inflation hit 10.1%.",
                "Markets fell."
            ]
        );
    }

    #[test]
    fn ellipsis_before_lowercase_continues_and_before_uppercase_ends() {
        assert_eq!(
            sents("We waited … and waited... then left. It was over… The end."),
            [
                "We waited … and waited... then left.",
                "It was over…",
                "The end."
            ]
        );
    }

    #[test]
    fn quote_ending_with_comma_or_mark_before_lowercase_attribution_continues() {
        assert_eq!(
            sents("“We will win,” he said. “Stop!” she shouted. “Why?” asked the crowd."),
            [
                "“We will win,” he said.",
                "“Stop!” she shouted.",
                "“Why?” asked the crowd."
            ]
        );
        assert_eq!(
            sents("“It is over…,” he said."),
            ["“It is over…,” he said."]
        );
    }

    #[test]
    fn question_in_quotes_before_name_and_speech_verb_continues() {
        assert_eq!(
            sents("“Where were you?” Smith asked. Nobody answered."),
            ["“Where were you?” Smith asked.", "Nobody answered."]
        );
    }

    #[test]
    fn full_stop_quote_before_a_bare_attribution_continues() {
        assert_eq!(
            sents("“Find the emails.” Donald Trump said. “Now,” he added."),
            ["“Find the emails.” Donald Trump said.", "“Now,” he added."]
        );
        assert_eq!(
            sents("“We will win.” Trump said the plan would work."),
            ["“We will win.”", "Trump said the plan would work."]
        );
    }

    #[test]
    fn sentence_ending_with_closing_quote_keeps_the_quote() {
        assert_eq!(
            sents("He said: “We will do everything as soon as possible.” The Kremlin declined to comment."),
            [
                "He said: “We will do everything as soon as possible.”",
                "The Kremlin declined to comment."
            ]
        );
        assert_eq!(
            sents("She called it \"absurd.\" Then she left."),
            ["She called it \"absurd.\"", "Then she left."]
        );
    }

    #[test]
    fn next_sentence_may_open_with_a_quote_or_bracket() {
        assert_eq!(
            sents("He left. “I am done,” he said. (He later returned.) Then it rained."),
            [
                "He left.",
                "“I am done,” he said.",
                "(He later returned.)",
                "Then it rained."
            ]
        );
    }

    #[test]
    fn dashes_and_parentheses_inside_a_sentence_do_not_split() {
        assert_eq!(
            sents(
                "The city – once home to 45,000 people (before the war) – is empty. Aid arrived."
            ),
            [
                "The city – once home to 45,000 people (before the war) – is empty.",
                "Aid arrived."
            ]
        );
    }

    #[test]
    fn spaced_dash_after_a_full_stop_starts_a_new_segment() {
        assert_eq!(
            sents("Markets were closed. -- London Newsroom +44 171"),
            ["Markets were closed.", "-- London Newsroom +44 171"]
        );
    }

    #[test]
    fn dash_after_a_closing_quote_introduces_the_attribution() {
        assert_eq!(
            sents("“It is a long game.” – Matthew Ingram"),
            ["“It is a long game.” – Matthew Ingram"]
        );
    }

    #[test]
    fn spaced_ellipsis_is_not_split_dot_by_dot() {
        assert_eq!(
            sents("We waited . . . and waited. Then . . . Nothing."),
            ["We waited . . . and waited.", "Then . . .", "Nothing."]
        );
    }

    #[test]
    fn camel_cased_brand_after_a_full_stop_starts_a_sentence() {
        assert_eq!(
            sents("Mac sales rose. iPhone sales fell."),
            ["Mac sales rose.", "iPhone sales fell."]
        );
    }

    #[test]
    fn headline_without_punctuation_is_one_sentence() {
        assert_eq!(
            sents("Zelenskyy: World must see what Russian army left behind"),
            ["Zelenskyy: World must see what Russian army left behind"]
        );
    }

    #[test]
    fn list_number_with_a_dot_does_not_end_a_sentence() {
        assert_eq!(sents("1. Leave early."), ["1. Leave early."]);
    }

    #[test]
    fn inline_enumeration_markers_do_not_end_sentences() {
        assert_eq!(
            sents("Results: 1. Ana Ruiz (Spain) 12.71 2. Li Na (China) 12.80 3. Bo Lund (Sweden) 12.95"),
            ["Results: 1. Ana Ruiz (Spain) 12.71 2. Li Na (China) 12.80 3. Bo Lund (Sweden) 12.95"]
        );
        assert_eq!(
            sents("The vote is on May 2. Voters choose from 12 parties. Polls close at 8."),
            [
                "The vote is on May 2.",
                "Voters choose from 12 parties.",
                "Polls close at 8."
            ]
        );
    }

    #[test]
    fn sentence_may_start_with_a_number() {
        assert_eq!(
            sents("Rescuers worked all night. 15 people were saved."),
            ["Rescuers worked all night.", "15 people were saved."]
        );
    }

    #[test]
    fn full_width_stops_split_unspaced_scripts() {
        assert_eq!(
            sents("我爱北京。天安门很大！"),
            ["我爱北京。", "天安门很大！"]
        );
    }

    #[test]
    fn credit_label_after_a_caption_starts_a_sentence() {
        assert_eq!(
            sents("Rescuers search the rubble in Izyum Image: Jane Doe/Reuters"),
            [
                "Rescuers search the rubble in Izyum",
                "Image: Jane Doe/Reuters"
            ]
        );
        assert_eq!(sents("Photo: Jane Doe"), ["Photo: Jane Doe"]);
        assert_eq!(
            sents("He posted a new profile (Photo: unknown) online."),
            ["He posted a new profile (Photo: unknown) online."]
        );
    }

    #[test]
    fn empty_token_list_gives_no_sentences() {
        assert!(split_sentences("", &[]).is_empty());
    }
}
