//! A read-only index over the layers the quotation rules need: tokens
//! with their lowercase forms, sentences as token ranges, paragraphs with
//! their boilerplate flag, and which name mention covers each token. Built
//! once per document in linear time, so every rule can look up its
//! neighbourhood without scanning.

use newsgraph_doc::{Doc, EntityLabel, Error, Mention, MentionKind, Span, Token, TokenKind};
use std::ops::Range;

/// One sentence as a range of token indices.
#[derive(Debug, Clone)]
pub struct SentView {
    pub span: Span,
    pub tokens: Range<usize>,
    pub paragraph: usize,
}

/// The index. `tokens`, `sents` and `mentions` borrow from the document.
pub struct View<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Lowercase form of each token.
    pub lower: Vec<String>,
    pub sents: Vec<SentView>,
    /// The sentence of each token (`u32::MAX` for none).
    pub tok_sent: Vec<u32>,
    pub paragraphs: Vec<Span>,
    /// Whether each paragraph is boilerplate.
    pub boilerplate: Vec<bool>,
    pub mentions: &'a [Mention],
    /// The mention covering each token, if any.
    pub tok_mention: Vec<u32>,
}

pub const NONE: u32 = u32::MAX;

impl<'a> View<'a> {
    /// Builds the index. Reads Tokens, Sentences, Paragraphs and Entities;
    /// Boilerplate when set.
    pub fn new(doc: &'a Doc) -> Result<View<'a>, Error> {
        let text = doc.text();
        let tokens = doc.tokens()?.as_slice();
        let paragraphs: Vec<Span> = doc.paragraphs()?.iter().map(|p| p.span).collect();
        let mut boilerplate = vec![false; paragraphs.len()];
        if let Ok(bp) = doc.boilerplate() {
            for b in bp {
                if let Some(f) = boilerplate.get_mut(b.paragraph.index()) {
                    *f = true;
                }
            }
        }
        let lower = tokens
            .iter()
            .map(|t| text[t.span.start..t.span.end].to_lowercase())
            .collect();
        let mut sents = Vec::new();
        let mut tok_sent = vec![NONE; tokens.len()];
        let mut t = 0;
        for (si, s) in doc.sentences()?.iter().enumerate() {
            while t < tokens.len() && tokens[t].span.start < s.span.start {
                t += 1;
            }
            let first = t;
            while t < tokens.len() && tokens[t].span.end <= s.span.end {
                tok_sent[t] = si as u32;
                t += 1;
            }
            sents.push(SentView {
                span: s.span,
                tokens: first..t,
                paragraph: s.paragraph.index(),
            });
        }
        let mentions = doc.entities()?.mentions.as_slice();
        let mut tok_mention = vec![NONE; tokens.len()];
        let mut t = 0;
        // Only names (and demonyms) are evidence; pronoun and description
        // mentions are what resolution produced (this stage adds them), and
        // indexing them would hide the names and demonyms inside them.
        for (mi, m) in mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == MentionKind::Name)
        {
            // Mentions are sorted by start; tokens too.
            while t < tokens.len() && tokens[t].span.end <= m.span.start {
                t += 1;
            }
            let mut u = t;
            while u < tokens.len() && tokens[u].span.start < m.span.end {
                if tok_mention[u] == NONE {
                    tok_mention[u] = mi as u32;
                }
                u += 1;
            }
        }
        Ok(View {
            text,
            tokens,
            lower,
            sents,
            tok_sent,
            paragraphs,
            boilerplate,
            mentions,
            tok_mention,
        })
    }

    pub fn word(&self, i: usize) -> &'a str {
        let s = self.tokens[i].span;
        &self.text[s.start..s.end]
    }

    pub fn low(&self, i: usize) -> &str {
        &self.lower[i]
    }

    pub fn is_punct(&self, i: usize) -> bool {
        matches!(self.tokens[i].kind, TokenKind::Punct | TokenKind::Symbol)
    }

    pub fn is_capitalised(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word
            && self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Span from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, r: Range<usize>) -> Span {
        Span::new(
            self.tokens[r.start].span.start,
            self.tokens[r.end - 1].span.end,
        )
    }

    /// The token range of a span made by [`View::span`] (its inverse): the
    /// tokens from the first starting at or after `s.start` to the last
    /// starting before `s.end`.
    pub fn tokens_of(&self, s: Span) -> Range<usize> {
        self.token_at_or_after(s.start)..self.token_at_or_after(s.end)
    }

    /// The first token starting at or after byte `at`.
    pub fn token_at_or_after(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < at)
    }

    /// The sentence holding token `i`.
    pub fn sent_of(&self, i: usize) -> Option<&SentView> {
        let s = *self.tok_sent.get(i)?;
        (s != NONE).then(|| &self.sents[s as usize])
    }

    pub fn sent_index(&self, i: usize) -> Option<usize> {
        let s = *self.tok_sent.get(i)?;
        (s != NONE).then_some(s as usize)
    }

    /// Whether a sentence lies in a boilerplate paragraph.
    pub fn sent_is_boilerplate(&self, s: usize) -> bool {
        self.boilerplate
            .get(self.sents[s].paragraph)
            .copied()
            .unwrap_or(false)
    }

    /// The name mention (PER, ORG, …, not a demonym) covering token `i`.
    pub fn name_mention(&self, i: usize) -> Option<usize> {
        let m = *self.tok_mention.get(i)?;
        if m == NONE {
            return None;
        }
        let mention = &self.mentions[m as usize];
        (mention.kind == MentionKind::Name && mention.label != EntityLabel::Demonym)
            .then_some(m as usize)
    }

    /// Whether token `i` is inside a demonym mention ("Russian").
    pub fn is_demonym(&self, i: usize) -> bool {
        let m = self.tok_mention.get(i).copied().unwrap_or(NONE);
        m != NONE && self.mentions[m as usize].label == EntityLabel::Demonym
    }

    /// Token range of mention `m`.
    pub fn mention_tokens(&self, m: usize) -> Range<usize> {
        let span = self.mentions[m].span;
        let a = self.token_at_or_after(span.start);
        let mut b = a;
        while b < self.tokens.len() && self.tokens[b].span.end <= span.end {
            b += 1;
        }
        a..b.max(a + 1).min(self.tokens.len())
    }
}
