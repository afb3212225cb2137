//! The gazetteer: GeoNames places and an `fst` index from normalised names
//! to the places that bear them.
//!
//! On disk (and embedded in the binary) it is one zstd-compressed
//! [`postcard`] record: a table of places, a postings array and the bytes
//! of an [`fst::Map`] whose keys are normalised names ([`normalize`]) and
//! whose values point into the postings. Opening it is one decompression and
//! one deserialisation; lookups are an fst search and a slice.

use crate::Error;
use fst::{Map, MapBuilder};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Format version; bumped whenever [`Stored`] changes shape.
const VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"NGGAZ\0\0\x01";

/// One gazetteer place (a GeoNames row, reduced to what resolution needs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// GeoNames id; 0 when the source named the place without an id (some
    /// US counties, see data/gazetteer/README.md).
    pub id: u32,
    /// The GeoNames name.
    pub name: String,
    /// Index into the feature-code table (see [`Gazetteer::feature_code`]).
    pub code: u16,
    /// ISO 3166-1 alpha-2 ("" for continents).
    pub country: [u8; 2],
    /// GeoNames admin1 code ("07", "NY"); "" when unknown.
    pub admin1: String,
    /// GeoNames admin2 code; "" when unknown.
    pub admin2: String,
    pub lat: f32,
    pub lon: f32,
    pub population: u64,
}

impl Entry {
    /// The country code as a string ("" for continents).
    pub fn country_str(&self) -> &str {
        std::str::from_utf8(&self.country)
            .unwrap_or("")
            .trim_end_matches('\0')
    }
}

/// One place a name may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// Index of the place in the gazetteer.
    pub place: u32,
    /// The name is the place's own GeoNames name (not an alternate name).
    pub primary: bool,
}

/// What the index holds for one normalised name.
#[derive(Debug, Clone, Copy)]
pub struct NameHit<'a> {
    /// The name is also a common English word ("Mobile", "March", "Reading").
    pub common_word: bool,
    postings: &'a [u32],
}

impl<'a> NameHit<'a> {
    /// The places, most populous first.
    pub fn places(&self) -> impl Iterator<Item = Posting> + 'a {
        self.postings.iter().map(|&p| Posting {
            place: p >> 1,
            primary: p & 1 == 1,
        })
    }

    pub fn len(&self) -> usize {
        self.postings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    feature_codes: Vec<String>,
    places: Vec<Entry>,
    /// For each name: count, then `place << 1 | primary` per place.
    postings: Vec<u32>,
    fst: Vec<u8>,
}

/// The opened gazetteer.
pub struct Gazetteer {
    feature_codes: Vec<String>,
    places: Vec<Entry>,
    postings: Vec<u32>,
    names: Map<Vec<u8>>,
    countries: HashMap<[u8; 2], u32>,
    admin1: HashMap<([u8; 2], String), u32>,
}

#[cfg(feature = "embedded")]
static EMBEDDED: &[u8] = include_bytes!("../../../data/gazetteer/gazetteer.bin.zst");

impl Gazetteer {
    /// The gazetteer embedded in the binary, opened once on first use.
    #[cfg(feature = "embedded")]
    pub fn embedded() -> &'static Gazetteer {
        use std::sync::OnceLock;
        static GAZ: OnceLock<Gazetteer> = OnceLock::new();
        GAZ.get_or_init(|| Gazetteer::open(EMBEDDED).expect("the embedded gazetteer opens"))
    }

    /// Opens a compressed gazetteer (the bytes of a `gazetteer.bin.zst`).
    pub fn open(compressed: &[u8]) -> Result<Gazetteer, Error> {
        let raw = zstd::decode_all(compressed).map_err(|e| Error::Format(e.to_string()))?;
        if raw.len() < MAGIC.len() || &raw[..MAGIC.len()] != MAGIC {
            return Err(Error::Format("not a newsgraph gazetteer".into()));
        }
        let stored: Stored =
            postcard::from_bytes(&raw[MAGIC.len()..]).map_err(|e| Error::Format(e.to_string()))?;
        if stored.version != VERSION {
            return Err(Error::Format(format!(
                "gazetteer format {} (expected {VERSION}): rebuild it",
                stored.version
            )));
        }
        let names = Map::new(stored.fst).map_err(|e| Error::Format(e.to_string()))?;
        let mut gaz = Gazetteer {
            feature_codes: stored.feature_codes,
            places: stored.places,
            postings: stored.postings,
            names,
            countries: HashMap::new(),
            admin1: HashMap::new(),
        };
        for (i, p) in gaz.places.iter().enumerate() {
            match gaz.feature_codes[p.code as usize].as_str() {
                "PCLI" => {
                    gaz.countries.insert(p.country, i as u32);
                }
                "ADM1" => {
                    gaz.admin1.insert((p.country, p.admin1.clone()), i as u32);
                }
                _ => {}
            }
        }
        Ok(gaz)
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Number of distinct normalised names.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    pub fn place(&self, index: u32) -> &Entry {
        &self.places[index as usize]
    }

    /// The GeoNames feature code of a place ("PPLA2", "ADM1", "PCLI").
    pub fn feature_code(&self, entry: &Entry) -> &str {
        &self.feature_codes[entry.code as usize]
    }

    /// The places a name may refer to, by exact normalised name.
    pub fn lookup(&self, name: &str) -> Option<NameHit<'_>> {
        self.lookup_key(&normalize(name))
    }

    /// Like [`Gazetteer::lookup`] for a name already normalised.
    pub fn lookup_key(&self, key: &str) -> Option<NameHit<'_>> {
        let v = self.names.get(key)?;
        let off = (v >> 1) as usize;
        let n = self.postings[off] as usize;
        Some(NameHit {
            common_word: v & 1 == 1,
            postings: &self.postings[off + 1..off + 1 + n],
        })
    }

    /// The country entry for an ISO code.
    pub fn country(&self, iso: &str) -> Option<u32> {
        let b = iso.as_bytes();
        (b.len() == 2)
            .then(|| self.countries.get(&[b[0], b[1]]).copied())
            .flatten()
    }

    /// The first-level division entry (country + GeoNames admin1 code).
    pub fn admin1(&self, country: [u8; 2], admin1: &str) -> Option<u32> {
        self.admin1.get(&(country, admin1.to_string())).copied()
    }
}

/// Normalises a name into an index key: ASCII transliteration (so "Izyum",
/// "Izjum" and "Изюм" spellings meet where GeoNames lists them), lower case,
/// every run of non-alphanumerics one space ("St. Louis" → "st louis").
pub fn normalize(name: &str) -> String {
    let ascii = if name.is_ascii() {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode(name))
    };
    let mut out = String::with_capacity(ascii.len());
    let mut space = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            // Apostrophes join ("Martha's" → "marthas"); everything else splits.
            space = true;
        }
    }
    out
}

/// Builds a gazetteer file; used by `newsgraph-geo-build`.
#[derive(Default)]
pub struct GazetteerBuilder {
    feature_codes: Vec<String>,
    code_index: HashMap<String, u16>,
    places: Vec<Entry>,
    names: BTreeMap<String, Vec<Posting>>,
    common: std::collections::HashSet<String>,
}

impl GazetteerBuilder {
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Adds a place; returns its index. `entry.code` is ignored and set
    /// from `feature_code`.
    pub fn add_place(&mut self, mut entry: Entry, feature_code: &str) -> u32 {
        let next = self.feature_codes.len() as u16;
        let code = *self
            .code_index
            .entry(feature_code.to_string())
            .or_insert(next);
        if code == next {
            self.feature_codes.push(feature_code.to_string());
        }
        entry.code = code;
        self.places.push(entry);
        (self.places.len() - 1) as u32
    }

    pub fn places(&self) -> &[Entry] {
        &self.places
    }

    /// Indexes `name` for the place at `index`.
    pub fn add_name(&mut self, index: u32, name: &str, primary: bool) {
        let key = normalize(name);
        if key.is_empty() || key.len() > 60 {
            return;
        }
        let list = self.names.entry(key).or_default();
        match list.iter_mut().find(|p| p.place == index) {
            Some(p) => p.primary |= primary,
            None => list.push(Posting {
                place: index,
                primary,
            }),
        }
    }

    /// Marks a normalised key as a common English word.
    pub fn mark_common(&mut self, word: &str) {
        self.common.insert(normalize(word));
    }

    /// Number of names indexed so far.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The compressed gazetteer bytes.
    pub fn finish(self, zstd_level: i32) -> Result<Vec<u8>, Error> {
        let mut postings = Vec::new();
        let mut fst = MapBuilder::memory();
        for (key, mut list) in self.names {
            list.sort_by(|a, b| {
                self.places[b.place as usize]
                    .population
                    .cmp(&self.places[a.place as usize].population)
                    .then(a.place.cmp(&b.place))
            });
            let off = postings.len() as u64;
            postings.push(list.len() as u32);
            postings.extend(list.iter().map(|p| p.place << 1 | p.primary as u32));
            let common = self.common.contains(&key) as u64;
            fst.insert(&key, off << 1 | common)
                .map_err(|e| Error::Format(e.to_string()))?;
        }
        let stored = Stored {
            version: VERSION,
            feature_codes: self.feature_codes,
            places: self.places,
            postings,
            fst: fst.into_inner().map_err(|e| Error::Format(e.to_string()))?,
        };
        let mut raw = MAGIC.to_vec();
        raw.extend(postcard::to_allocvec(&stored).map_err(|e| Error::Format(e.to_string()))?);
        zstd::encode_all(&raw[..], zstd_level).map_err(|e| Error::Format(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_accents_and_punctuation() {
        assert_eq!(normalize("St. Louis"), "st louis");
        assert_eq!(normalize("Sant Julià de Lòria"), "sant julia de loria");
        assert_eq!(normalize("  Winston-Salem "), "winston salem");
        assert_eq!(normalize("Martha’s Vineyard"), "marthas vineyard");
        assert_eq!(normalize("Kyiv"), "kyiv");
    }

    fn entry(id: u32, name: &str, pop: u64) -> Entry {
        Entry {
            id,
            name: name.into(),
            code: 0,
            country: *b"UA",
            admin1: "07".into(),
            admin2: String::new(),
            lat: 49.2,
            lon: 37.3,
            population: pop,
        }
    }

    #[test]
    fn built_gazetteer_round_trips_and_orders_postings_by_population() {
        let mut b = GazetteerBuilder::new();
        let small = b.add_place(entry(1, "Springfield", 10), "PPL");
        let big = b.add_place(entry(2, "Springfield", 1000), "PPLA2");
        b.add_name(small, "Springfield", true);
        b.add_name(big, "Springfield", true);
        b.add_name(big, "Springfeld", false);
        b.mark_common("springfeld");
        let gaz = Gazetteer::open(&b.finish(3).unwrap()).unwrap();
        assert_eq!(gaz.len(), 2);
        let hit = gaz.lookup("SPRINGFIELD").unwrap();
        assert!(!hit.common_word);
        let ids: Vec<u32> = hit.places().map(|p| gaz.place(p.place).id).collect();
        assert_eq!(ids, vec![2, 1]);
        let alt = gaz.lookup("Springfeld").unwrap();
        assert!(alt.common_word);
        assert!(!alt.places().next().unwrap().primary);
        assert_eq!(gaz.feature_code(gaz.place(big)), "PPLA2");
        assert!(gaz.lookup("Shelbyville").is_none());
    }

    #[test]
    fn garbage_is_a_format_error_not_a_panic() {
        assert!(Gazetteer::open(b"not zstd").is_err());
        let junk = zstd::encode_all(&b"NGGAZ\0\0\x01garbage"[..], 1).unwrap();
        assert!(Gazetteer::open(&junk).is_err());
    }
}
