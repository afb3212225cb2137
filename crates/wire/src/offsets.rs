/// Converts byte offsets into character (code point) and UTF-16 offsets.
///
/// Built once per document in O(n); each lookup is O(block). For ASCII
/// text (most English news) lookups are the identity. Stores one running
/// count per [`BLOCK`] bytes rather than one per byte, so a 10 MB article
/// costs ~1.3 MB of index instead of 40 MB.
pub struct OffsetMap<'a> {
    text: &'a str,
    ascii: bool,
    /// Code points and UTF-16 units before each block start.
    blocks: Vec<(u32, u32)>,
}

const BLOCK: usize = 64;

impl<'a> OffsetMap<'a> {
    pub fn new(text: &'a str) -> OffsetMap<'a> {
        let ascii = text.is_ascii();
        let mut blocks = Vec::new();
        if !ascii {
            let bytes = text.as_bytes();
            let (mut chars, mut units) = (0u32, 0u32);
            for (i, &b) in bytes.iter().enumerate() {
                if i % BLOCK == 0 {
                    blocks.push((chars, units));
                }
                // Count a code point at its leading byte.
                if b & 0xC0 != 0x80 {
                    chars += 1;
                    units += if b >= 0xF0 { 2 } else { 1 };
                }
            }
        }
        OffsetMap {
            text,
            ascii,
            blocks,
        }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.chars(self.text.len())
    }

    /// Code points before byte offset `byte` (a char boundary).
    pub fn chars(&self, byte: usize) -> usize {
        self.count(byte).0
    }

    /// UTF-16 code units before byte offset `byte` (a char boundary).
    pub fn utf16(&self, byte: usize) -> usize {
        self.count(byte).1
    }

    fn count(&self, byte: usize) -> (usize, usize) {
        if self.ascii {
            return (byte, byte);
        }
        let byte = byte.min(self.text.len());
        let block = byte / BLOCK;
        let (mut chars, mut units) = match self.blocks.get(block) {
            Some(&(c, u)) => (c as usize, u as usize),
            None => return self.count_from(0, byte, 0, 0),
        };
        for &b in &self.text.as_bytes()[block * BLOCK..byte] {
            if b & 0xC0 != 0x80 {
                chars += 1;
                units += if b >= 0xF0 { 2 } else { 1 };
            }
        }
        (chars, units)
    }

    fn count_from(&self, from: usize, to: usize, chars: usize, units: usize) -> (usize, usize) {
        let s = &self.text[from..to];
        (chars + s.chars().count(), units + s.encode_utf16().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_std_at_every_boundary(text in "\\PC{0,700}") {
            let map = OffsetMap::new(&text);
            for (byte, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                prop_assert_eq!(map.chars(byte), text[..byte].chars().count());
                prop_assert_eq!(map.utf16(byte), text[..byte].encode_utf16().count());
            }
        }
    }
}
