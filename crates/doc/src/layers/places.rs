//! The places layer: toponyms resolved to GeoNames.
//! Owned by the `geo` crate's issue; shapes may grow as the resolver does.

use crate::{MentionId, Span};
use serde::{Deserialize, Serialize};

/// A place name in the text, resolved to a gazetteer entry when possible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub span: Span,
    /// The entities-layer mention this place came from, if any.
    pub mention: Option<MentionId>,
    /// The gazetteer entry; `None` when the name could not be resolved.
    pub resolved: Option<GeoRef>,
    /// The name stands for an institution or government ("Moscow said").
    pub metonymy: bool,
    /// A part of a place named by direction ("the north east"): the
    /// direction, normalised ("north east"); `resolved` is then the place
    /// it is a part of (the article's country), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative: Option<String>,
    /// The gazetteer has no entry for the place itself, and `resolved` is
    /// the smaller container the text puts it in ("Bradford is a village in
    /// Essex County, Massachusetts": Essex County), a better guess than a
    /// namesake far away. Serialised only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub within: bool,
}

/// A GeoNames entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeoRef {
    pub geonames_id: u32,
    pub name: String,
    pub feature_code: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub confidence: f32,
}
