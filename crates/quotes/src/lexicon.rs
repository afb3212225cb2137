//! The cue lexicon learned from PolNeAR train: for each word form, how
//! often it heads an annotated attribution cue and how often it occurs at
//! all. Only these counts are committed (`data/cue_lexicon.tsv`), never
//! the text. `newsgraph-eval quotes --derive-lexicon` rebuilds the file.
//!
//! PolNeAR's attributions are wider than speech (beliefs, plans,
//! evidence: "shows", "hopes", "wants"), so the lexicon is off in the
//! default [`crate::Config`] and on in [`crate::Config::attribution`].

use crate::Config;
use std::collections::HashMap;
use std::sync::OnceLock;

const LEXICON: &str = include_str!("../data/cue_lexicon.tsv");

/// One lexicon row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CueStats {
    /// Times the form headed a cue in train.
    pub cues: u32,
    /// Times the form occurred in train.
    pub occurrences: u32,
}

impl CueStats {
    /// The share of occurrences that were cues.
    pub fn precision(&self) -> f32 {
        if self.occurrences == 0 {
            0.0
        } else {
            self.cues as f32 / self.occurrences as f32
        }
    }
}

/// Parses lexicon text: `form<TAB>cues<TAB>occurrences`, `#` comments.
pub fn parse(text: &str) -> HashMap<String, CueStats> {
    let mut out = HashMap::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(form), Some(c), Some(o)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        if let (Ok(cues), Ok(occurrences)) = (c.parse(), o.parse()) {
            out.insert(form.to_string(), CueStats { cues, occurrences });
        }
    }
    out
}

/// The committed lexicon.
pub fn lexicon() -> &'static HashMap<String, CueStats> {
    static L: OnceLock<HashMap<String, CueStats>> = OnceLock::new();
    L.get_or_init(|| parse(LEXICON))
}

/// Whether a lowercase form is a cue under the thresholds of `cfg`.
pub fn is_cue(lower: &str, cfg: &Config) -> bool {
    lexicon()
        .get(lower)
        .is_some_and(|s| s.cues >= cfg.min_cue_count && s.precision() >= cfg.min_cue_precision)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_parse_and_comments_are_skipped() {
        let l = parse("# header\nsaid\t90\t100\nbad line\nhopes\t3\t4\n");
        assert_eq!(l.len(), 2);
        assert!((l["said"].precision() - 0.9).abs() < 1e-6);
    }

    #[test]
    fn committed_lexicon_parses() {
        // Every non-comment line of the committed file is a valid row.
        let rows = LEXICON
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(lexicon().len(), rows);
    }
}
