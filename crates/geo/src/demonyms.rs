//! Demonyms and nationality adjectives ("Uzbek", "Ukrainians") → country.
//!
//! The table is `data/gazetteer/demonyms.tsv`, CHF-TopoResolver's
//! `adjectival.txt` (MIT, see `demonyms.LICENSE`): country, adjectives,
//! plurals (and slang, ignored). Country names are resolved through the
//! gazetteer, with [`crate::tables::COUNTRY_ALIASES`] where they differ.

use crate::gazetteer::Gazetteer;
use crate::tables::{COUNTRY_ALIASES, EXTRA_DEMONYMS};
use std::collections::HashMap;

const TABLE: &str = include_str!("../../../data/gazetteer/demonyms.tsv");

/// Demonym (exact case) → ISO country code.
pub struct Demonyms {
    map: HashMap<String, [u8; 2]>,
}

fn cc(s: &str) -> [u8; 2] {
    let b = s.as_bytes();
    [b[0], b[1]]
}

impl Demonyms {
    /// Builds the table, resolving country names with `gaz`.
    pub fn new(gaz: &Gazetteer) -> Demonyms {
        Demonyms::from_table(TABLE, gaz)
    }

    /// Builds a table from `country TAB adjectives TAB plurals` lines.
    pub fn from_table(table: &str, gaz: &Gazetteer) -> Demonyms {
        let mut map = HashMap::new();
        for line in table.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 {
                continue;
            }
            let country = COUNTRY_ALIASES
                .iter()
                .find(|(n, _)| *n == cols[0])
                .map(|(_, c)| cc(c))
                .or_else(|| {
                    gaz.lookup(cols[0])?.places().find_map(|p| {
                        let e = gaz.place(p.place);
                        (gaz.feature_code(e).starts_with("PCL")).then_some(e.country)
                    })
                });
            let Some(country) = country else {
                continue;
            };
            for col in cols.iter().skip(1).take(2) {
                for word in col.split([',', '/']).flat_map(|w| w.split(" or ")) {
                    let word = word.trim().trim_matches('"');
                    if word.len() > 2 && word.chars().next().is_some_and(char::is_uppercase) {
                        map.entry(word.to_string()).or_insert(country);
                    }
                }
            }
        }
        for (word, code) in EXTRA_DEMONYMS {
            map.entry(word.to_string()).or_insert(cc(code));
        }
        Demonyms { map }
    }

    /// The country a word names as a demonym ("Uzbek" → UZ), exact case.
    pub fn country(&self, word: &str) -> Option<[u8; 2]> {
        self.map.get(word).copied().or_else(|| {
            // "Ukrainian-backed" → "Ukrainian"
            let head = word.split(['-', '’', '\'']).next()?;
            (head != word)
                .then(|| self.map.get(head).copied())
                .flatten()
        })
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
