//! The newsgraph document model.
//!
//! A [`Doc`] is one immutable `text` plus typed, optional *layers* of
//! annotations. Every annotation points into the text with a byte-offset
//! [`Span`]; nothing ever copies or rewrites the text, so `&doc.text()[span]`
//! always works and layers written by different stages always agree on what
//! an offset means (the stand-off model of tantivy's tokens and ripgrep's
//! matches).
//!
//! Key decisions:
//! - **Byte offsets only.** Character and UTF-16 offsets are computed at the
//!   edge (the `wire` crate), never stored twice.
//! - **Layers are optional and typed.** Reading a layer no stage filled is
//!   an [`Error::Unset`] naming it, not an empty list that hides a pipeline
//!   ordering bug. Setting a layer validates every span once (in bounds, on
//!   character boundaries, ordered), so readers never re-check.
//! - **Links are typed indices** ([`ParagraphId`], [`EntityId`], ...), not
//!   references, so layers stay plain data that serialise and clone freely.
//! - **Stages declare what they need.** See [`stage::Stage`]: a pipeline is
//!   checked once, when it is built, not per document.
//!
//! This crate does no I/O and depends on no other workspace crate.

mod error;
pub mod layers;
pub mod snapshot;
mod span;
pub mod stage;

pub use error::Error;
pub use layers::*;
pub use span::Span;
pub use stage::{Diagnostic, LayerKind, Severity, Stage};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What is known about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Caller's identifier (JSONL `id`, or the file path).
    pub id: Option<String>,
    /// Where the article came from, for error messages: `path`, `path:line`.
    pub source: Option<String>,
    pub url: Option<String>,
    /// Publication date: relative dates ("Friday", "today") resolve against it.
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    /// Last modification, as the page gives it (ISO 8601), kept apart from
    /// `published`.
    pub modified: Option<String>,
    /// The people who wrote it.
    pub authors: Vec<String>,
    /// Language tag ("en", "de-DE").
    pub language: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub section: Option<String>,
}

/// Where the text came from inside a larger source (an HTML page): runs
/// mapping text bytes back to source bytes, so a UI can highlight a span in
/// the original page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceMap {
    /// The charset the source was decoded from. Source offsets index the
    /// source decoded to UTF-8 (the same bytes for a UTF-8 page).
    pub encoding: String,
    /// Runs in text order, covering the text without gaps.
    pub runs: Vec<SourceRun>,
}

/// One run of a [`SourceMap`]: `text_len` text bytes from `text` come from
/// `source_len` source bytes from `source`. When the lengths are equal and
/// `copied`, the bytes correspond one to one; otherwise (a decoded entity,
/// collapsed white space, an inserted line break) the whole text range maps
/// to the whole source range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRun {
    pub text: usize,
    pub text_len: usize,
    pub source: usize,
    pub source_len: usize,
    pub copied: bool,
}

/// One article: an immutable text and the layers stages have added to it.
#[derive(Debug, Clone)]
pub struct Doc {
    text: String,
    meta: Meta,
    source_map: Option<SourceMap>,
    layers: Layers,
}

impl Doc {
    pub fn new(text: impl Into<String>, meta: Meta) -> Doc {
        Doc {
            text: text.into(),
            meta,
            source_map: None,
            layers: Layers::default(),
        }
    }

    /// A document whose text was extracted from a larger source (an HTML
    /// page), with the map back to it.
    pub fn with_source_map(text: impl Into<String>, meta: Meta, source_map: SourceMap) -> Doc {
        Doc {
            source_map: Some(source_map),
            ..Doc::new(text, meta)
        }
    }

    /// The map from text bytes back to the source, when the text was
    /// extracted from one.
    pub fn source_map(&self) -> Option<&SourceMap> {
        self.source_map.as_ref()
    }

    /// The article text. It never changes after construction.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    pub fn meta_mut(&mut self) -> &mut Meta {
        &mut self.meta
    }

    /// The text a span covers. Spans stored in a layer are validated when the
    /// layer is set, so this cannot fail for them.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Whether a stage has filled `kind`.
    pub fn has(&self, kind: LayerKind) -> bool {
        self.layers.has(kind)
    }

    /// Every layer at once, for serialisation at the edge.
    pub fn layers(&self) -> &Layers {
        &self.layers
    }

    /// Checks that `span` can be used to slice the text.
    pub fn check_span(&self, layer: LayerKind, span: Span) -> Result<(), Error> {
        let bad = |reason: &'static str| {
            Err(Error::InvalidSpan {
                layer,
                span,
                reason,
            })
        };
        if span.start > span.end {
            return bad("start after end");
        }
        if span.end > self.text.len() {
            return bad("past the end of the text");
        }
        if !self.text.is_char_boundary(span.start) || !self.text.is_char_boundary(span.end) {
            return bad("not on a character boundary");
        }
        Ok(())
    }

    /// Checks a layer's spans: each valid, sorted by start, and (when
    /// `disjoint`) not overlapping the previous one.
    fn check_layer<'a>(
        &self,
        layer: LayerKind,
        spans: impl Iterator<Item = Span> + 'a,
        disjoint: bool,
    ) -> Result<(), Error> {
        let mut prev: Option<Span> = None;
        for span in spans {
            self.check_span(layer, span)?;
            if let Some(p) = prev {
                if span.start < p.start || (disjoint && span.start < p.end) {
                    return Err(Error::InvalidSpan {
                        layer,
                        span,
                        reason: if disjoint {
                            "overlaps or precedes the previous span"
                        } else {
                            "precedes the previous span"
                        },
                    });
                }
            }
            prev = Some(span);
        }
        Ok(())
    }
}

/// Generates the typed getter and validating setter of each layer, so that
/// every layer follows the same rules (unset is an error, set validates).
macro_rules! layer_accessors {
    ($( $field:ident, $setter:ident, $kind:ident, $ty:ty, disjoint = $disjoint:expr; )*) => {
        impl Doc {
            $(
                #[doc = concat!("The `", stringify!($field), "` layer, or [`Error::Unset`] if no stage filled it.")]
                pub fn $field(&self) -> Result<&$ty, Error> {
                    self.layers.$field.as_ref().ok_or(Error::Unset(LayerKind::$kind))
                }

                #[doc = concat!("Sets the `", stringify!($field), "` layer after checking its spans.")]
                pub fn $setter(&mut self, value: $ty) -> Result<(), Error> {
                    self.check_layer(LayerKind::$kind, value.spans(), $disjoint)?;
                    self.layers.$field = Some(value);
                    Ok(())
                }
            )*
        }

        impl Layers {
            fn has(&self, kind: LayerKind) -> bool {
                match kind {
                    $( LayerKind::$kind => self.$field.is_some(), )*
                }
            }

            /// The layer rendered as snapshot lines, or `None` if unset.
            pub fn snapshot(&self, kind: LayerKind, text: &str) -> Option<Vec<String>> {
                use snapshot::SnapshotLayer;
                match kind {
                    $( LayerKind::$kind => self.$field.as_ref().map(|l| l.snapshot_lines(text)), )*
                }
            }
        }
    };
}

layer_accessors! {
    paragraphs, set_paragraphs, Paragraphs, Vec<Paragraph>, disjoint = true;
    boilerplate, set_boilerplate, Boilerplate, Vec<Boilerplate>, disjoint = true;
    sentences, set_sentences, Sentences, Vec<Sentence>, disjoint = true;
    tokens, set_tokens, Tokens, Vec<Token>, disjoint = true;
    entities, set_entities, Entities, EntityLayer, disjoint = false;
    quotes, set_quotes, Quotes, Vec<Quote>, disjoint = false;
    places, set_places, Places, Vec<Place>, disjoint = false;
    quantities, set_quantities, Quantities, Vec<Quantity>, disjoint = false;
    times, set_times, Times, Vec<TimeExpr>, disjoint = false;
}

/// Every layer's spans, in order, for validation.
pub trait Spans {
    fn spans(&self) -> Box<dyn Iterator<Item = Span> + '_>;
}

impl<T: HasSpan> Spans for Vec<T> {
    fn spans(&self) -> Box<dyn Iterator<Item = Span> + '_> {
        Box::new(self.iter().map(HasSpan::span))
    }
}

/// An annotation that covers a span of the text.
pub trait HasSpan {
    fn span(&self) -> Span;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_layer_is_an_error_naming_it() {
        let doc = Doc::new("Hello.", Meta::default());
        let err = doc.sentences().unwrap_err();
        assert_eq!(
            err.to_string(),
            "layer `sentences` was read before any stage set it"
        );
    }

    #[test]
    fn setter_rejects_span_inside_a_character() {
        let mut doc = Doc::new("Zelenskyy’s", Meta::default());
        // ’ is three bytes starting at 9
        let err = doc
            .set_tokens(vec![Token {
                span: Span::new(0, 10),
                kind: TokenKind::Word,
            }])
            .unwrap_err();
        assert!(err.to_string().contains("character boundary"), "{err}");
    }

    #[test]
    fn setter_rejects_unordered_and_out_of_bounds_spans() {
        let mut doc = Doc::new("one two", Meta::default());
        let toks = vec![
            Token {
                span: Span::new(4, 7),
                kind: TokenKind::Word,
            },
            Token {
                span: Span::new(0, 3),
                kind: TokenKind::Word,
            },
        ];
        assert!(doc.set_tokens(toks).is_err());
        let toks = vec![Token {
            span: Span::new(4, 8),
            kind: TokenKind::Word,
        }];
        assert!(doc.set_tokens(toks).is_err());
        assert!(!doc.has(LayerKind::Tokens));
        let ok = vec![
            Token {
                span: Span::new(0, 3),
                kind: TokenKind::Word,
            },
            Token {
                span: Span::new(4, 7),
                kind: TokenKind::Word,
            },
        ];
        doc.set_tokens(ok).unwrap();
        assert_eq!(doc.slice(doc.tokens().unwrap()[1].span), "two");
    }
}
