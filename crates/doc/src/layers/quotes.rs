//! The quotations layer: who said what.
//! Owned by the `quotes` crate's issue; shapes may grow as it does.

use crate::{EntityId, Span};
use serde::{Deserialize, Serialize};

/// How the words are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Verbatim, inside quotation marks.
    Direct,
    /// Reported speech without quotation marks ("He told Mr Modi that …").
    Indirect,
    /// Reported speech with a quoted fragment ("says Russia will … “as soon as possible”").
    Mixed,
}

/// One quotation with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// From the first content byte (or the cue) to the last: the whole
    /// attribution, used for ordering.
    pub span: Span,
    pub kind: QuoteKind,
    /// The quoted or reported words; several spans when the quotation is
    /// interrupted (`“…,” he said. “…”`) or runs over paragraphs.
    pub content: Vec<Span>,
    /// The speech cue: "said", "told", "according to", a colon.
    pub cue: Option<Span>,
    /// The words naming the speaker here ("he", "Mr Modi").
    pub speaker: Option<Span>,
    /// The entity the speaker mention resolves to, when the text supports it.
    pub speaker_entity: Option<EntityId>,
    /// The speaker's canonical name, copied from the entity for convenience.
    pub speaker_name: Option<String>,
    pub addressee: Option<Span>,
    pub addressee_entity: Option<EntityId>,
    /// "on Telegram", "in an interview with …".
    pub channel: Option<Span>,
    /// "on Friday afternoon".
    pub time: Option<Span>,
}
