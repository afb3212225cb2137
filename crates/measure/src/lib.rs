//! Counts, amounts and time expressions.
pub mod numbers;
pub mod timex;
pub mod tokens;
