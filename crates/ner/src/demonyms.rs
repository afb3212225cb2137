//! Demonyms and nationality adjectives ("Russian", "Uzbeks") and the
//! country each names.
//!
//! The table is `data/demonyms/chf_toporesolver_adjectival.txt` from
//! CHF-TopoResolver (MIT licence, copyright 2018 Ehsan; licence text beside
//! it), one line per country: `country<TAB>adjectives<TAB>plurals...`.
//! Nicknames in quotes are skipped; [`EXTRA`] adds groups the file lacks
//! and [`NOT_DEMONYMS`] removes entries that are not demonyms.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/demonyms/chf_toporesolver_adjectival.txt");

/// Entries of the file that are not demonyms (abbreviations, historic
/// nicknames).
pub const NOT_DEMONYMS: &[&str] = &["UK", "Soviets", "Russkies", "Yankees", "Yanks", "Antarctic"];

/// Demonyms and group adjectives the file lacks: `(word, country or group)`.
pub const EXTRA: &[(&str, &str)] = &[
    ("English", "England"),
    ("Scottish", "Scotland"),
    ("Scots", "Scotland"),
    ("Welsh", "Wales"),
    ("Soviet", "Soviet Union"),
    ("European", "Europe"),
    ("Europeans", "Europe"),
    ("African", "Africa"),
    ("Africans", "Africa"),
    ("Asian", "Asia"),
    ("Arab", "Arab world"),
    ("Arabs", "Arab world"),
    ("Latin American", "Latin America"),
    ("Palestinian", "Palestine"),
    ("Palestinians", "Palestine"),
    ("Kurdish", "Kurdistan"),
    ("Kurds", "Kurdistan"),
    ("Catalan", "Catalonia"),
    ("Basque", "Basque Country"),
    ("Chechen", "Chechnya"),
    ("Crimean", "Crimea"),
    ("Tatar", "Tatarstan"),
    ("Jewish", "Jews"),
    ("Jews", "Jews"),
    ("Muslim", "Muslims"),
    ("Muslims", "Muslims"),
    ("Christian", "Christians"),
    ("Christians", "Christians"),
    ("Sunni", "Sunni Muslims"),
    ("Shia", "Shia Muslims"),
    ("Shiite", "Shia Muslims"),
    ("Hindu", "Hindus"),
    ("Sikh", "Sikhs"),
];

/// Demonym → country (or group) name.
pub fn table() -> &'static HashMap<String, String> {
    static TABLE_MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE_MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for line in TABLE.lines() {
            let mut cols = line.split('\t');
            let Some(country) = cols.next().map(str::trim) else {
                continue;
            };
            for col in cols {
                for word in col.split([',', '/']).flat_map(|w| w.split(" or ")) {
                    let word = word.trim();
                    if word.is_empty()
                        || word.contains('"')
                        || !word.chars().next().is_some_and(char::is_uppercase)
                        || NOT_DEMONYMS.contains(&word)
                    {
                        continue;
                    }
                    map.entry(word.to_string())
                        .or_insert_with(|| country.to_string());
                }
            }
        }
        for (w, c) in EXTRA {
            map.insert(w.to_string(), c.to_string());
        }
        map
    })
}

/// The country or group a demonym names, if `word` is one (case-sensitive:
/// "Turkish" is, "turkish" is not; straight and curly forms are the same).
pub fn country_of(word: &str) -> Option<&'static str> {
    table().get(word.trim()).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_demonyms_are_known() {
        assert_eq!(country_of("Russian"), Some("Russia"));
        assert_eq!(country_of("Uzbek"), Some("Uzbekistan"));
        assert_eq!(country_of("Indian"), Some("India"));
        assert_eq!(country_of("Ukrainian"), Some("Ukraine"));
        assert_eq!(country_of("Russians"), Some("Russia"));
        assert_eq!(country_of("Americans"), Some("United States of America"));
        assert_eq!(country_of("North Korean"), Some("North Korea"));
    }

    #[test]
    fn nicknames_and_abbreviations_are_not_demonyms() {
        assert_eq!(country_of("UK"), None);
        assert_eq!(country_of("Gauchos"), None);
        assert_eq!(country_of("Russia"), None);
    }
}
