//! What the rules see of a paragraph: its text, a lowercase copy, simple
//! counts, and whether it sits in a promo slot (see [`Line::promo_slot`]).

use crate::rules::*;

/// One paragraph, prepared for the rules.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// The paragraph text (no surrounding white space).
    pub text: &'a str,
    /// `text` lowercased, for case-insensitive prefix and list matches.
    pub lower: String,
    /// Number of white-space separated words.
    pub words: usize,
    /// Ends like a body sentence: ".", "!", "?", "…", possibly followed
    /// by closing quotes or brackets.
    pub ends_sentence: bool,
    /// A promo slot: a short line (at most [`PROMO_MAX_WORDS`] words) with
    /// no final punctuation and no final colon, not a quotation, not the
    /// first paragraph, with body paragraphs (ending like a sentence) on
    /// both sides, skipping other such lines and lines other rules marked.
    /// Promo rules fire only here, so titles, datelines and crossheads at
    /// the top of an article, and short body sentences, are never promos.
    pub promo_slot: bool,
}

impl<'a> Line<'a> {
    pub fn new(text: &'a str) -> Line<'a> {
        let trimmed = text.trim_end_matches(TRAILING_CLOSERS);
        Line {
            text,
            lower: text.to_lowercase(),
            words: text.split_whitespace().count(),
            ends_sentence: trimmed.ends_with(SENTENCE_FINAL),
            promo_slot: false,
        }
    }

    /// Shaped like a promo headline, before looking at the neighbours.
    pub fn promo_shape(&self) -> bool {
        self.words <= PROMO_MAX_WORDS
            && !self.ends_sentence
            && !self
                .text
                .trim_end_matches(TRAILING_CLOSERS)
                .ends_with([':', ',', ';'])
            && !self.text.starts_with(OPENING_QUOTES)
    }

    /// The whole paragraph, lowercased and without trailing punctuation, is
    /// one of `list`.
    pub fn is_one_of(&self, list: &[&str]) -> bool {
        let core = self.lower.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '.' | ':' | '|' | '-' | '–' | '—' | '!')
        });
        list.contains(&core)
    }

    pub fn starts_with_any(&self, prefixes: &[&str]) -> bool {
        prefixes.iter().any(|p| self.lower.starts_with(p))
    }

    pub fn ends_with_any(&self, suffixes: &[&str]) -> bool {
        let core = self
            .lower
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ')' | ']'));
        suffixes.iter().any(|s| core.ends_with(s))
    }

    pub fn contains_any(&self, needles: &[&str]) -> bool {
        needles.iter().any(|n| self.lower.contains(n))
    }

    /// "Name: Claim in headline form": one to four words before the first
    /// colon, the first capitalised, then a capitalised word or a quote and
    /// at least three more words.
    pub fn name_colon_headline(&self) -> bool {
        let Some((head, tail)) = self.text.split_once(": ") else {
            return false;
        };
        let head_words = head.split_whitespace().count();
        let tail = tail.trim_start();
        (1..=4).contains(&head_words)
            && head.starts_with(char::is_uppercase)
            && !head.contains(SENTENCE_FINAL)
            && tail.split_whitespace().count() >= 3
            && (tail.starts_with(char::is_uppercase) || tail.starts_with(OPENING_QUOTES))
    }

    /// Title Case: at least 80% of the words that are not
    /// [`TITLE_CASE_SMALL_WORDS`] start with a capital or a digit, and at
    /// least four do.
    pub fn title_case(&self) -> bool {
        let mut content = 0;
        let mut capital = 0;
        for (i, w) in self.text.split_whitespace().enumerate() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let Some(first) = w.chars().next() else {
                continue;
            };
            if i > 0 && TITLE_CASE_SMALL_WORDS.contains(&w.to_lowercase().as_str()) {
                continue;
            }
            content += 1;
            if first.is_uppercase() || first.is_numeric() {
                capital += 1;
            }
        }
        capital >= 4 && capital * 5 >= content * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_end_sees_through_closing_quotes() {
        assert!(Line::new("He said “no.”").ends_sentence);
        assert!(Line::new("(It was over.)").ends_sentence);
        assert!(!Line::new("Latest updates on the war").ends_sentence);
    }

    #[test]
    fn title_case_needs_most_content_words_capitalised() {
        assert!(Line::new("Putin Vows to End War in Ukraine as Soon as Possible").title_case());
        assert!(
            !Line::new("Putin vows to end the war in Ukraine as soon as possible").title_case()
        );
    }

    #[test]
    fn name_colon_form() {
        assert!(Line::new("Biden: We Will Not Back Down").name_colon_headline());
        assert!(Line::new("Ukraine war: ‘We were ready’ says general").name_colon_headline());
        assert!(!Line::new("He told reporters on the record that: nothing").name_colon_headline());
        assert!(!Line::new("Note: see").name_colon_headline());
    }
}
