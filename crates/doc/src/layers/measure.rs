//! The quantities and time-expression layers.
//! Owned by the `measure` crate's issue; shapes may grow as it does.

use crate::Span;
use serde::{Deserialize, Serialize};

/// A number as written ("More than four hundred", "thousands of", "12%"),
/// normalised to a value or range with its qualifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub span: Span,
    /// Lower and upper bound of the value; equal for an exact number.
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// "more_than", "at_least", "up_to", "about", "order_of", ...
    pub qualifier: Option<String>,
    /// Unit or currency ("km2", "USD", "percent").
    pub unit: Option<String>,
    /// The head noun it counts ("graves").
    pub counted: Option<Span>,
    /// GDELT-style category of the count (KILL, ARREST, ...).
    pub category: Option<String>,
    /// Where the counted thing is: an index into the places layer (a place
    /// named in the same sentence), when that layer was built first.
    #[serde(default)]
    pub place: Option<u32>,
}

/// A TIMEX3-style time expression, normalised against the publication date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub span: Span,
    /// TIMEX3 type: DATE, TIME, DURATION or SET.
    pub timex_type: String,
    /// TIMEX3 value ("2022-09-16", "2022-09-16TAF", "P3D", "PAST_REF").
    pub value: Option<String>,
    /// TIMEX3 mod ("APPROX", "BEFORE", ...).
    pub modifier: Option<String>,
}
