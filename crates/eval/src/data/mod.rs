//! Dataset readers. Each returns plain Rust data; none of it is committed.

pub mod conll;
pub mod conllu;
pub mod geo;
pub mod polnear;
pub mod timeml;
