//! Dataset readers. Each returns plain Rust data; none of it is committed.

pub mod conll;
