//! BIO tags over the three attribution roles: source, cue, content.

/// The roles a token can play in an attribution.
pub const ROLES: [&str; 3] = ["SOURCE", "CUE", "CONTENT"];

/// Number of tags: `O`, then `B-` and `I-` for each role.
pub const N_TAGS: usize = 1 + 2 * ROLES.len();

/// A tag: 0 is `O`, `1 + 2r` is `B-role r`, `2 + 2r` is `I-role r`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Tag(pub u8);

impl Tag {
    pub const O: Tag = Tag(0);

    pub fn begin(role: usize) -> Tag {
        Tag(1 + 2 * role as u8)
    }

    pub fn inside(role: usize) -> Tag {
        Tag(2 + 2 * role as u8)
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The role index, `None` for `O`.
    pub fn role(self) -> Option<usize> {
        (self.0 > 0).then(|| (self.0 as usize - 1) / 2)
    }

    pub fn is_begin(self) -> bool {
        self.0 > 0 && self.0 % 2 == 1
    }

    pub fn all() -> impl Iterator<Item = Tag> {
        (0..N_TAGS as u8).map(Tag)
    }

    /// Valid BIO transitions: `I-r` only after `B-r` or `I-r`.
    pub fn allows(prev: Option<Tag>, next: Tag) -> bool {
        if next.0 == 0 || next.is_begin() {
            return true;
        }
        prev.is_some_and(|p| p.role() == next.role())
    }

    pub fn name(self) -> String {
        match self.role() {
            None => "O".into(),
            Some(r) => format!("{}-{}", if self.is_begin() { "B" } else { "I" }, ROLES[r]),
        }
    }
}

/// Role index of the source.
pub const SOURCE: usize = 0;
/// Role index of the cue.
pub const CUE: usize = 1;
/// Role index of the content.
pub const CONTENT: usize = 2;

/// Maximal runs `(start, end, role)` of a tag sequence.
pub fn chunks(tags: &[Tag]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, t) in tags.iter().enumerate() {
        let continues = !t.is_begin() && t.role().is_some() && open.map(|o| o.1) == t.role();
        if continues {
            continue;
        }
        if let Some((s, r)) = open.take() {
            out.push((s, i, r));
        }
        if let Some(r) = t.role() {
            open = Some((i, r));
        }
    }
    if let Some((s, r)) = open {
        out.push((s, tags.len(), r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_tags_only_continue_their_own_role() {
        assert!(!Tag::allows(None, Tag::inside(CUE)));
        assert!(Tag::allows(Some(Tag::begin(CUE)), Tag::inside(CUE)));
        assert!(!Tag::allows(Some(Tag::begin(SOURCE)), Tag::inside(CUE)));
        assert!(Tag::allows(Some(Tag::inside(CONTENT)), Tag::begin(CONTENT)));
    }

    #[test]
    fn chunks_split_on_begin_tags() {
        let t = [
            Tag::begin(SOURCE),
            Tag::begin(CUE),
            Tag::begin(CONTENT),
            Tag::inside(CONTENT),
            Tag::O,
            Tag::begin(CONTENT),
            Tag::begin(CONTENT),
        ];
        assert_eq!(
            chunks(&t),
            vec![
                (0, 1, SOURCE),
                (1, 2, CUE),
                (2, 4, CONTENT),
                (5, 6, CONTENT),
                (6, 7, CONTENT)
            ]
        );
        assert_eq!(Tag::begin(CONTENT).name(), "B-CONTENT");
    }
}
