use crate::{LayerKind, Span};

/// Errors of the document model. They signal a bug in a stage or in the
/// pipeline's order, never a property of the input text.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum Error {
    #[error("layer `{0}` was read before any stage set it")]
    Unset(LayerKind),
    #[error("layer `{layer}`: span {span} is invalid: {reason}")]
    InvalidSpan {
        layer: LayerKind,
        span: Span,
        reason: &'static str,
    },
    #[error("layer `{layer}`: {message}")]
    Invalid { layer: LayerKind, message: String },
}
