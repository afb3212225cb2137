//! Entity clustering within one article (work in progress).
