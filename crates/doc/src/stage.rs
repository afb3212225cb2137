//! The contract between the pipeline and its stages.

use crate::{Doc, Error, Span};
use serde::Serialize;
use std::fmt;

/// The layers a document can carry. Stages name them in
/// [`Stage::requires`] and [`Stage::assigns`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LayerKind {
    Paragraphs,
    Boilerplate,
    Sentences,
    Tokens,
    Entities,
    Quotes,
    Places,
    Quantities,
    Times,
}

impl LayerKind {
    pub const ALL: [LayerKind; 9] = [
        LayerKind::Paragraphs,
        LayerKind::Boilerplate,
        LayerKind::Sentences,
        LayerKind::Tokens,
        LayerKind::Entities,
        LayerKind::Quotes,
        LayerKind::Places,
        LayerKind::Quantities,
        LayerKind::Times,
    ];

    pub fn name(self) -> &'static str {
        match self {
            LayerKind::Paragraphs => "paragraphs",
            LayerKind::Boilerplate => "boilerplate",
            LayerKind::Sentences => "sentences",
            LayerKind::Tokens => "tokens",
            LayerKind::Entities => "entities",
            LayerKind::Quotes => "quotes",
            LayerKind::Places => "places",
            LayerKind::Quantities => "quantities",
            LayerKind::Times => "times",
        }
    }
}

impl fmt::Display for LayerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How much a diagnostic matters to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
}

/// Something a stage noticed about messy input. Messy input is never an
/// error: the stage does what it can and says what it saw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub stage: &'static str,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Diagnostic {
    pub fn warning(stage: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            stage,
            severity: Severity::Warning,
            message: message.into(),
            span: None,
        }
    }

    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }
}

/// One step of the pipeline. A stage reads the layers it `requires` and
/// sets exactly the layers it `assigns`; the pipeline checks, once when it
/// is built, that every requirement is assigned by an earlier stage.
///
/// `run` returns `Err` only for a broken invariant (an unset layer, a span
/// out of bounds): a bug, reported for this one article, never a panic.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    fn requires(&self) -> &'static [LayerKind];
    fn assigns(&self) -> &'static [LayerKind];
    fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, Error>;
}
