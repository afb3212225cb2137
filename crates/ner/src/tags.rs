//! BIO tags over the four CoNLL types, and which tag may follow which.

use newsgraph_doc::EntityLabel;

/// The entity types the sequence model predicts. Demonyms are not a model
/// type: they are MISC mentions found in the demonym table afterwards.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// Number of BIO tags: `O` plus `B-`/`I-` for each type.
pub const N_TAGS: usize = 1 + 2 * TYPES.len();

/// A BIO tag as an index: 0 is `O`, `1 + 2t` is `B-TYPES[t]`, `2 + 2t` is
/// `I-TYPES[t]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(pub u8);

impl Tag {
    pub const O: Tag = Tag(0);

    pub fn begin(t: usize) -> Tag {
        Tag(1 + 2 * t as u8)
    }

    pub fn inside(t: usize) -> Tag {
        Tag(2 + 2 * t as u8)
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The type index into [`TYPES`], or `None` for `O`.
    pub fn type_index(self) -> Option<usize> {
        (self.0 > 0).then(|| (self.0 as usize - 1) / 2)
    }

    pub fn is_begin(self) -> bool {
        self.0 > 0 && self.0 % 2 == 1
    }

    pub fn is_inside(self) -> bool {
        self.0 > 0 && self.0.is_multiple_of(2)
    }

    /// `O`, `B-PER`, `I-LOC`, ...
    pub fn name(self) -> String {
        match self.type_index() {
            None => "O".into(),
            Some(t) => format!("{}-{}", if self.is_begin() { "B" } else { "I" }, TYPES[t]),
        }
    }

    /// Whether `next` may follow `self` (`None` = sentence start): an `I-X`
    /// only continues a `B-X` or `I-X`.
    pub fn allows(prev: Option<Tag>, next: Tag) -> bool {
        if !next.is_inside() {
            return true;
        }
        prev.is_some_and(|p| p.type_index() == next.type_index())
    }

    /// Every tag, in index order.
    pub fn all() -> impl Iterator<Item = Tag> {
        (0..N_TAGS as u8).map(Tag)
    }
}

/// The [`EntityLabel`] of a type index into [`TYPES`].
pub fn label_of_type(t: usize) -> EntityLabel {
    match t {
        0 => EntityLabel::Person,
        1 => EntityLabel::Organization,
        2 => EntityLabel::Location,
        _ => EntityLabel::Misc,
    }
}

/// Converts IOB1 or IOB2 tag strings (as read from CoNLL files) to BIO tags:
/// an `I-X` that does not continue an `X` chunk becomes `B-X`.
pub fn from_iob(tags: &[impl AsRef<str>]) -> Vec<Tag> {
    let mut out: Vec<Tag> = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = tag.as_ref();
        let Some((prefix, ty)) = tag.split_once('-') else {
            out.push(Tag::O);
            continue;
        };
        let Some(t) = TYPES.iter().position(|x| *x == ty) else {
            out.push(Tag::O);
            continue;
        };
        let continues = prefix == "I" && out.last().is_some_and(|p| p.type_index() == Some(t));
        out.push(if continues {
            Tag::inside(t)
        } else {
            Tag::begin(t)
        });
    }
    out
}

/// Entity chunks `(start, end, type index)` in token indices.
pub fn chunks(tags: &[Tag]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let continues = tag.is_inside() && open.is_some_and(|(_, t)| Some(t) == tag.type_index());
        if !continues {
            if let Some((s, t)) = open.take() {
                out.push((s, i, t));
            }
            if let Some(t) = tag.type_index() {
                open = Some((i, t));
            }
        }
    }
    if let Some((s, t)) = open {
        out.push((s, tags.len(), t));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_becomes_bio_and_chunks_round_trip() {
        let tags = from_iob(&["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]);
        let names: Vec<String> = tags.iter().map(|t| t.name()).collect();
        assert_eq!(
            names,
            ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-ORG"].map(String::from)
        );
        assert_eq!(
            chunks(&tags),
            vec![(0, 2, 0), (3, 4, 2), (4, 5, 2), (5, 6, 1)]
        );
    }

    #[test]
    fn inside_tags_only_continue_their_own_type() {
        assert!(!Tag::allows(None, Tag::inside(0)));
        assert!(Tag::allows(Some(Tag::begin(0)), Tag::inside(0)));
        assert!(!Tag::allows(Some(Tag::begin(1)), Tag::inside(0)));
        assert!(Tag::allows(Some(Tag::inside(2)), Tag::begin(2)));
    }
}
