//! Segmentation: paragraphs, tokens and sentences, as byte spans into the
//! unchanged text.
//!
//! Key decision: **rules over tokens, written by hand, with every list in a
//! named table** ([`tables`]). News typography (titles like "Gen.",
//! acronyms like "U.S.", decimals, ellipses, `…,” he said.`) is handled by
//! a small set of readable rules rather than a trained model, because the
//! rules are fast (one pass, no allocation per character, millions of words
//! per second), predictable, and easy to fix when a new case turns up: add
//! a line to a table or a rule with its test. The tokenizer follows CoNLL
//! conventions (clitics split, hyphenated words whole) so that models and
//! scorers built on CoNLL see the tokens they expect; why it is not
//! `unicode-segmentation` is explained in [`mod@tokenize`].
//!
//! Two stages use the pure functions below, which other crates and the
//! evaluation call directly:
//! - [`ParagraphStage`]: each non-blank line is a paragraph
//!   ([`paragraph_spans`]).
//! - [`SentenceStage`]: tokens ([`tokenize()`]) and sentences
//!   ([`split_sentences`]), each sentence inside one paragraph.
//!
//! Quality is measured outside the tests, on CoNLL-2003 dev and GUM news:
//! `cargo run --release -p newsgraph-eval -- sentences` (add `--errors` to
//! list every missed and spurious boundary). Speed:
//! `cargo bench -p newsgraph-segment`. To eyeball real text:
//! `cargo run -p newsgraph-segment --example split -- FILE…` and
//! `--example tokens -- "TEXT"`.

pub mod paragraphs;
pub mod sentences;
pub mod tables;
pub mod tokenize;

pub use paragraphs::paragraph_spans;
pub use sentences::{sentence_token_ranges, split_sentences};
pub use tokenize::{tokenize, tokenize_into};

use newsgraph_doc::{
    Diagnostic, Doc, Error, LayerKind, Paragraph, ParagraphId, Sentence, Span, Stage, Token,
};

/// Paragraphs, sentences and tokens of a plain text, without a [`Doc`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Segmentation {
    pub paragraphs: Vec<Span>,
    /// Each sentence with the index of its paragraph.
    pub sentences: Vec<(Span, usize)>,
    pub tokens: Vec<Token>,
}

/// Segments `text` the way the two stages do, in one call.
pub fn segment(text: &str) -> Segmentation {
    let paragraphs = paragraph_spans(text);
    let (tokens, sentences) = tokens_and_sentences(text, &paragraphs);
    Segmentation {
        paragraphs,
        sentences,
        tokens,
    }
}

/// Tokens and sentences of the given paragraphs of `text`.
pub fn tokens_and_sentences(text: &str, paragraphs: &[Span]) -> (Vec<Token>, Vec<(Span, usize)>) {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut sentences = Vec::new();
    for (p, span) in paragraphs.iter().enumerate() {
        let Some(para) = text.get(span.start..span.end) else {
            continue;
        };
        let first = tokens.len();
        tokenize_into(para, span.start, &mut tokens);
        for s in split_sentences(text, &tokens[first..]) {
            sentences.push((s, p));
        }
    }
    (tokens, sentences)
}

/// Sets [`LayerKind::Paragraphs`]: each non-blank line of the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParagraphStage;

impl Stage for ParagraphStage {
    fn name(&self) -> &'static str {
        "paragraphs"
    }
    fn requires(&self) -> &'static [LayerKind] {
        &[]
    }
    fn assigns(&self) -> &'static [LayerKind] {
        &[LayerKind::Paragraphs]
    }
    fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, Error> {
        let paragraphs = paragraph_spans(doc.text())
            .into_iter()
            .map(|span| Paragraph { span })
            .collect();
        doc.set_paragraphs(paragraphs)?;
        Ok(Vec::new())
    }
}

/// Sets [`LayerKind::Tokens`] and [`LayerKind::Sentences`] from the
/// paragraphs: every sentence lies inside one paragraph.
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceStage;

impl Stage for SentenceStage {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Paragraphs]
    }
    fn assigns(&self) -> &'static [LayerKind] {
        &[LayerKind::Sentences, LayerKind::Tokens]
    }
    fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, Error> {
        let spans: Vec<Span> = doc.paragraphs()?.iter().map(|p| p.span).collect();
        let (tokens, sentences) = tokens_and_sentences(doc.text(), &spans);
        let sentences = sentences
            .into_iter()
            .map(|(span, p)| Sentence {
                span,
                paragraph: ParagraphId(p as u32),
            })
            .collect();
        doc.set_tokens(tokens)?;
        doc.set_sentences(sentences)?;
        Ok(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_doc::{Meta, TokenKind};
    use proptest::prelude::*;

    #[test]
    fn stages_fill_paragraphs_sentences_and_tokens() {
        let mut doc = Doc::new(
            "Headline Without Stop\r\n\r\nMr. Modi spoke. Putin listened.\n",
            Meta::default(),
        );
        ParagraphStage.run(&mut doc).unwrap();
        SentenceStage.run(&mut doc).unwrap();
        let sents: Vec<(&str, u32)> = doc
            .sentences()
            .unwrap()
            .iter()
            .map(|s| (doc.slice(s.span), s.paragraph.0))
            .collect();
        assert_eq!(
            sents,
            [
                ("Headline Without Stop", 0),
                ("Mr. Modi spoke.", 1),
                ("Putin listened.", 1)
            ]
        );
        assert_eq!(doc.tokens().unwrap().len(), 3 + 4 + 3);
        assert_eq!(doc.tokens().unwrap()[3].kind, TokenKind::Word);
    }

    #[test]
    fn empty_text_gives_empty_layers() {
        let mut doc = Doc::new(" \n ", Meta::default());
        ParagraphStage.run(&mut doc).unwrap();
        SentenceStage.run(&mut doc).unwrap();
        assert!(doc.paragraphs().unwrap().is_empty());
        assert!(doc.sentences().unwrap().is_empty());
        assert!(doc.tokens().unwrap().is_empty());
    }

    /// Checks every invariant of a segmentation of `text`.
    fn check(text: &str) -> Result<(), TestCaseError> {
        let seg = segment(text);
        let ok_span = |s: Span| {
            s.start < s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        };
        for w in seg.paragraphs.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
        for p in &seg.paragraphs {
            prop_assert!(ok_span(*p), "paragraph {p}");
        }
        for w in seg.tokens.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start, "tokens overlap");
        }
        for t in &seg.tokens {
            prop_assert!(ok_span(t.span), "token {}", t.span);
            prop_assert!(!text[t.span.start..t.span.end].starts_with(tokenize::is_space));
        }
        for w in seg.sentences.windows(2) {
            prop_assert!(w[0].0.end <= w[1].0.start, "sentences overlap");
        }
        for (s, p) in &seg.sentences {
            prop_assert!(ok_span(*s), "sentence {s}");
            prop_assert!(
                seg.paragraphs[*p].contains(*s),
                "sentence outside paragraph"
            );
        }
        // Every non-space character is in exactly one token.
        let covered: usize = seg.tokens.iter().map(|t| t.span.len()).sum();
        let non_space: usize = text
            .chars()
            .filter(|c| !tokenize::is_space(*c))
            .map(char::len_utf8)
            .sum();
        prop_assert_eq!(covered, non_space);
        // Every paragraph has at least one sentence.
        for p in 0..seg.paragraphs.len() {
            prop_assert!(seg.sentences.iter().any(|(_, q)| *q == p));
        }
        // The doc's validating setters accept the result.
        let mut doc = Doc::new(text, Meta::default());
        ParagraphStage.run(&mut doc).unwrap();
        SentenceStage.run(&mut doc).unwrap();
        Ok(())
    }

    /// News-like text: words, numbers, and the punctuation the rules read.
    fn newsy() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Mr."),
            Just("U.S."),
            Just("Gen."),
            Just("J."),
            Just("the"),
            Just("Izyum"),
            Just("’s"),
            Just("don't"),
            Just("1,500.25"),
            Just("3.5%"),
            Just("..."),
            Just("…"),
            Just("--"),
            Just("“"),
            Just("”"),
            Just("\""),
            Just("'"),
            Just("."),
            Just("?"),
            Just("!"),
            Just(","),
            Just("("),
            Just(")"),
            Just(" "),
            Just(" "),
            Just("\n"),
            Just("\r\n"),
            Just("\u{2029}"),
            Just("👍🏽"),
            Just("\u{200D}"),
            Just("\u{301}"),
            Just("Київ"),
            Just("-"),
            Just("No."),
            Just("1."),
            Just("\u{FEFF}"),
            Just("n't"),
            Just("https://x.org/a_(b)"),
            Just("news@x.com"),
            Just("2."),
            Just("3"),
            Just("+5"),
            Just(".5"),
            Just("C$"),
            Just("Image:"),
            Just("20-year-old"),
            Just("。"),
            Just("北京"),
            Just("’"),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn arbitrary_unicode_segments_within_bounds(text in "\\PC*") {
            check(&text)?;
        }

        #[test]
        fn arbitrary_chars_including_controls_segment_within_bounds(text in any::<String>()) {
            check(&text)?;
        }

        #[test]
        fn news_like_text_segments_within_bounds(text in newsy()) {
            check(&text)?;
        }

        #[test]
        fn tokenize_with_base_shifts_every_span(text in "\\PC{0,30}", base in 0usize..1000) {
            let a = tokenize(&text, 0);
            let b = tokenize(&text, base);
            prop_assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                prop_assert_eq!(x.span.start + base, y.span.start);
                prop_assert_eq!(x.kind, y.kind);
            }
        }
    }
}
