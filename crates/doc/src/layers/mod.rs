//! The typed layers. Each item covers a [`Span`] of the text; links
//! between layers are typed indices.

use crate::{HasSpan, Span, Spans};
use serde::{Deserialize, Serialize};

mod measure;
mod places;
mod quotes;

pub use measure::{Quantity, TimeExpr};
pub use places::{GeoRef, Place};
pub use quotes::{Quote, QuoteKind};

macro_rules! id_type {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

id_type!(ParagraphId, SentenceId, TokenId, MentionId, EntityId);

macro_rules! has_span {
    ($($ty:ty),*) => {$(
        impl HasSpan for $ty {
            fn span(&self) -> Span {
                self.span
            }
        }
    )*};
}

/// All layers of a document; `None` means no stage has set it.
#[derive(Debug, Clone, Default)]
pub struct Layers {
    pub paragraphs: Option<Vec<Paragraph>>,
    pub boilerplate: Option<Vec<Boilerplate>>,
    pub sentences: Option<Vec<Sentence>>,
    pub tokens: Option<Vec<Token>>,
    pub entities: Option<EntityLayer>,
    pub quotes: Option<Vec<Quote>>,
    pub places: Option<Vec<Place>>,
    pub quantities: Option<Vec<Quantity>>,
    pub times: Option<Vec<TimeExpr>>,
}

/// A paragraph: in plain text, a non-blank line, or a block of lines
/// between blank lines. The span excludes surrounding white space.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub span: Span,
}

/// A sentence, always inside one paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: ParagraphId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or dots ("U.S.").
    Word,
    /// Digits, possibly with separators and decimals ("1,500.25").
    Number,
    /// Punctuation, including quotation marks and dashes.
    Punct,
    /// Anything else: symbols, currency signs, emoji.
    Symbol,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Why a paragraph is not body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoilerplateKind {
    /// A headline of another story pasted into the body (a promo or
    /// related-story link).
    Promo,
    /// "Read more:", "Related:", "Follow us on …", "Sign up for …".
    CallToAction,
    /// Photo and video credits and captions.
    Credit,
    /// "Advertisement", "Sponsored" and similar markers.
    Advertisement,
    /// Copyright lines, "All rights reserved", share buttons.
    Furniture,
}

/// A paragraph marked as boilerplate. It stays in the text; later stages
/// skip it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Boilerplate {
    pub span: Span,
    pub paragraph: ParagraphId,
    pub kind: BoilerplateKind,
    /// The name of the rule that fired, from the boilerplate crate's table.
    pub rule: String,
}

/// Entity types. CoNLL's four plus a separate type for demonyms and
/// nationalities ("Russian", "Uzbek"), which name a group or a country
/// signal rather than an entity of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityLabel {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "ORG")]
    Organization,
    #[serde(rename = "LOC")]
    Location,
    #[serde(rename = "MISC")]
    Misc,
    /// A demonym or nationality adjective ("Russian troops").
    #[serde(rename = "NORP")]
    Demonym,
}

impl EntityLabel {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Person => "PER",
            EntityLabel::Organization => "ORG",
            EntityLabel::Location => "LOC",
            EntityLabel::Misc => "MISC",
            EntityLabel::Demonym => "NORP",
        }
    }
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A proper name ("Narendra Modi", "Mr Modi").
    Name,
    /// A description ("the Indian leader").
    Nominal,
    /// A pronoun ("he", "him").
    Pronoun,
}

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub label: EntityLabel,
    pub kind: MentionKind,
    /// The entity this mention belongs to, once clustering has run.
    pub entity: Option<EntityId>,
    /// Model confidence in `[0, 1]`, where the producer has one.
    pub score: Option<f32>,
}

/// A key–value fact the article states about an entity: a title
/// ("President"), a role ("prime minister"), a nationality ("Indian").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribute {
    pub key: String,
    pub value: String,
    /// Where the article says it.
    pub span: Span,
}

/// One real-world entity of the article, with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    pub label: EntityLabel,
    /// The fullest name the article uses, titles and honorifics removed.
    pub canonical: String,
    pub mentions: Vec<MentionId>,
    pub attributes: Vec<Attribute>,
}

/// Mentions, sorted by start, and the entities they form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityLayer {
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
}

impl Spans for EntityLayer {
    fn spans(&self) -> Box<dyn Iterator<Item = Span> + '_> {
        Box::new(self.mentions.iter().map(|m| m.span))
    }
}

has_span!(
    Paragraph,
    Sentence,
    Token,
    Boilerplate,
    Mention,
    Quote,
    Place,
    Quantity,
    TimeExpr
);
