//! The gazetteer: GeoNames places and an `fst` index from normalised names
//! to the places that bear them.
//!
//! On disk (and embedded in the binary) it is one zstd-compressed buffer:
//! a small [`postcard`] header (feature codes, admin code tables, section
//! offsets), then fixed-width little-endian columns of the places (id,
//! feature code, country, admin codes, coordinates, population, name
//! offsets), the names' bytes, a postings array and the bytes of an
//! [`fst::Map`] whose keys are normalised names ([`normalize`]) and whose
//! values point into the postings. Opening it is one decompression and no
//! per-place decoding: a place is read from its columns when asked for
//! ([`Gazetteer::place`] returns a [`PlaceRef`] view), so that opening
//! stays well under 100 ms (the earlier one-record format decoded 245k
//! places with their strings up front: about 100 ms more).

use crate::Error;
use fst::{Map, MapBuilder};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Format version; bumped whenever [`Header`] or the columns change shape.
const VERSION: u32 = 2;
const MAGIC: &[u8; 8] = b"NGGAZ\0\0\x02";

/// One gazetteer place as the builder is given it (a GeoNames row, reduced
/// to what resolution needs). The opened gazetteer hands out [`PlaceRef`]s.
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

/// A place of the opened gazetteer: a view of its columns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceRef<'a> {
    /// GeoNames id; 0 when the source named the place without an id.
    pub id: u32,
    /// The GeoNames name.
    pub name: &'a str,
    /// Index into the feature-code table (see [`Gazetteer::feature_code`]).
    pub code: u16,
    /// ISO 3166-1 alpha-2 ("" for continents).
    pub country: [u8; 2],
    /// GeoNames admin1 code ("07", "NY"); "" when unknown.
    pub admin1: &'a str,
    /// GeoNames admin2 code; "" when unknown.
    pub admin2: &'a str,
    pub lat: f32,
    pub lon: f32,
    pub population: u64,
}

impl PlaceRef<'_> {
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
    /// `place << 1 | primary` per place, little-endian u32s.
    postings: &'a [u8],
}

impl<'a> NameHit<'a> {
    /// The places, most populous first.
    pub fn places(&self) -> impl Iterator<Item = Posting> + 'a {
        self.postings.chunks_exact(4).map(|b| {
            let p = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            Posting {
                place: p >> 1,
                primary: p & 1 == 1,
            }
        })
    }

    pub fn len(&self) -> usize {
        self.postings.len() / 4
    }

    pub fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }
}

/// The header: tables and where each column starts in the buffer.
#[derive(Serialize, Deserialize)]
struct Header {
    version: u32,
    places: u32,
    feature_codes: Vec<String>,
    /// Distinct admin1 and admin2 codes; places hold u16 indices into them.
    admin_codes: Vec<String>,
    /// Byte offsets (from the buffer's start) of each section, in
    /// [`Section`] order, and the end of the last.
    sections: Vec<u64>,
}

/// The sections after the header, in order.
#[derive(Clone, Copy)]
enum Section {
    /// u32 per place.
    Id,
    /// u16 per place.
    Code,
    /// 2 bytes per place.
    Country,
    /// u16 per place (index into admin_codes).
    Admin1,
    Admin2,
    /// f32 per place.
    Lat,
    Lon,
    /// u64 per place.
    Population,
    /// u32 per place + 1: offsets into Names.
    NameOffsets,
    /// UTF-8 bytes of every name.
    Names,
    /// For each name key: count, then `place << 1 | primary` per place (u32s).
    Postings,
    /// The fst map's bytes.
    Fst,
}

const SECTIONS: usize = 12;

/// The opened gazetteer.
pub struct Gazetteer {
    feature_codes: Vec<String>,
    admin_codes: Vec<String>,
    /// The decompressed buffer; columns are read from it on demand.
    raw: Vec<u8>,
    sections: [usize; SECTIONS + 1],
    len: usize,
    names: Map<Vec<u8>>,
    countries: HashMap<[u8; 2], u32>,
    admin1: HashMap<([u8; 2], String), u32>,
    /// Populations of the divisions without codes, estimated on first use
    /// (see [`Gazetteer::population_of`]).
    codeless_population: std::sync::OnceLock<HashMap<u32, u64>>,
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
        let bad = |m: &str| Error::Format(m.to_string());
        let raw = zstd::decode_all(compressed).map_err(|e| Error::Format(e.to_string()))?;
        if raw.len() < MAGIC.len() + 4 || &raw[..MAGIC.len()] != MAGIC {
            return Err(bad(
                "not a newsgraph gazetteer (or an older format: rebuild it)",
            ));
        }
        let hlen = u32::from_le_bytes(raw[8..12].try_into().expect("4 bytes")) as usize;
        let hbytes = raw
            .get(12..12 + hlen)
            .ok_or_else(|| bad("truncated header"))?;
        let header: Header =
            postcard::from_bytes(hbytes).map_err(|e| Error::Format(e.to_string()))?;
        if header.version != VERSION {
            return Err(Error::Format(format!(
                "gazetteer format {} (expected {VERSION}): rebuild it",
                header.version
            )));
        }
        let n = header.places as usize;
        if header.sections.len() != SECTIONS + 1 {
            return Err(bad("section table"));
        }
        let mut sections = [0usize; SECTIONS + 1];
        for (d, s) in sections.iter_mut().zip(&header.sections) {
            *d = *s as usize;
        }
        // Every section in bounds, in order, and as long as its column needs.
        let widths: [Option<usize>; SECTIONS] = [
            Some(4),
            Some(2),
            Some(2),
            Some(2),
            Some(2),
            Some(4),
            Some(4),
            Some(8),
            None,
            None,
            None,
            None,
        ];
        for k in 0..SECTIONS {
            let (a, b) = (sections[k], sections[k + 1]);
            if a > b || b > raw.len() || widths[k].is_some_and(|w| b - a != w * n) {
                return Err(bad("section bounds"));
            }
        }
        if sections[Section::NameOffsets as usize + 1] - sections[Section::NameOffsets as usize]
            != 4 * (n + 1)
        {
            return Err(bad("name offsets"));
        }
        let fst = raw[sections[Section::Fst as usize]..sections[SECTIONS]].to_vec();
        let names = Map::new(fst).map_err(|e| Error::Format(e.to_string()))?;
        let mut gaz = Gazetteer {
            feature_codes: header.feature_codes,
            admin_codes: header.admin_codes,
            raw,
            sections,
            len: n,
            names,
            countries: HashMap::new(),
            admin1: HashMap::new(),
            codeless_population: std::sync::OnceLock::new(),
        };
        // Check what place() will read: codes, admin indices, name offsets.
        let names_len =
            gaz.sections[Section::Names as usize + 1] - gaz.sections[Section::Names as usize];
        let mut last = 0;
        for i in 0..n {
            let end = gaz.u32_at(Section::NameOffsets, i + 1) as usize;
            if (gaz.u16_at(Section::Code, i) as usize) >= gaz.feature_codes.len()
                || (gaz.u16_at(Section::Admin1, i) as usize) >= gaz.admin_codes.len()
                || (gaz.u16_at(Section::Admin2, i) as usize) >= gaz.admin_codes.len()
                || end < last
                || end > names_len
            {
                return Err(bad("place columns"));
            }
            last = end;
        }
        let names_at = gaz.sections[Section::Names as usize];
        if std::str::from_utf8(&gaz.raw[names_at..names_at + names_len]).is_err() {
            return Err(bad("names are not UTF-8"));
        }
        let pcli = gaz.feature_codes.iter().position(|c| c == "PCLI");
        let adm1 = gaz.feature_codes.iter().position(|c| c == "ADM1");
        for i in 0..n {
            let code = Some(gaz.u16_at(Section::Code, i) as usize);
            if code == pcli {
                gaz.countries.insert(gaz.country_at(i), i as u32);
            } else if code == adm1 {
                let a1 = gaz.admin_codes[gaz.u16_at(Section::Admin1, i) as usize].clone();
                gaz.admin1.insert((gaz.country_at(i), a1), i as u32);
            }
        }
        Ok(gaz)
    }

    fn bytes_at(&self, s: Section, i: usize, w: usize) -> &[u8] {
        let a = self.sections[s as usize] + i * w;
        &self.raw[a..a + w]
    }

    fn u16_at(&self, s: Section, i: usize) -> u16 {
        u16::from_le_bytes(self.bytes_at(s, i, 2).try_into().expect("2 bytes"))
    }

    fn u32_at(&self, s: Section, i: usize) -> u32 {
        u32::from_le_bytes(self.bytes_at(s, i, 4).try_into().expect("4 bytes"))
    }

    fn country_at(&self, i: usize) -> [u8; 2] {
        let b = self.bytes_at(Section::Country, i, 2);
        [b[0], b[1]]
    }

    /// A place's population. The GeoNames exports give divisions without
    /// codes (iso3166-2 provinces, English counties) none, so that
    /// "Lincolnshire" would lose to Lincolnshire, Illinois on size alone:
    /// theirs is estimated as the population of their country's populated
    /// places within [`crate::tables::CONTAINER_NEAR_KM`] of their point,
    /// the reach within which they contain places (resolve.rs, `contains`).
    /// Computed for all such divisions on first use (one pass over the
    /// places), as the builder did for US counties.
    pub fn population_of(&self, index: u32) -> u64 {
        let e = self.place(index);
        if e.population > 0 || !e.admin2.is_empty() {
            return e.population;
        }
        let table = self.codeless_population.get_or_init(|| {
            // The divisions without codes, by country (containment never
            // crosses a border), then every populated place they contain.
            let mut by_country: HashMap<[u8; 2], Vec<u32>> = HashMap::new();
            for i in 0..self.len as u32 {
                let p = self.place(i);
                let code = self.feature_code(p);
                let reaches = crate::tables::CONTAINER_NEAR_KM
                    .iter()
                    .any(|(c, _)| *c == code);
                if reaches && p.admin2.is_empty() && p.population == 0 {
                    by_country.entry(p.country).or_default().push(i);
                }
            }
            // A degree of latitude is at least 110.5 km, so an area farther
            // than its reach in latitude alone cannot contain the place: a
            // cheap test that spares most of the distance computations
            // (this pass took about 240 ms without it).
            let reach_deg = crate::tables::CONTAINER_NEAR_KM
                .iter()
                .map(|(_, km)| km / 110.5)
                .fold(0.0, f64::max);
            let mut out: HashMap<u32, u64> = HashMap::new();
            for i in 0..self.len as u32 {
                let p = self.place(i);
                let Some(areas) = by_country.get(&p.country) else {
                    continue;
                };
                if p.population == 0 || !self.feature_code(p).starts_with("PPL") {
                    continue;
                }
                for &a in areas {
                    let area = self.place(a);
                    if (area.lat as f64 - p.lat as f64).abs() > reach_deg {
                        continue;
                    }
                    if crate::resolve::contains(self, area, p) {
                        *out.entry(a).or_default() += p.population;
                    }
                }
            }
            out
        });
        table.get(&index).copied().unwrap_or(0)
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of distinct normalised names.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The place at `index` (read from the columns; cheap).
    pub fn place(&self, index: u32) -> PlaceRef<'_> {
        let i = index as usize;
        let names = self.sections[Section::Names as usize];
        let (a, b) = (
            self.u32_at(Section::NameOffsets, i) as usize,
            self.u32_at(Section::NameOffsets, i + 1) as usize,
        );
        let f32_at = |s| f32::from_le_bytes(self.bytes_at(s, i, 4).try_into().expect("4 bytes"));
        PlaceRef {
            id: self.u32_at(Section::Id, i),
            // checked to be UTF-8 at open, and offsets to be in order
            name: std::str::from_utf8(&self.raw[names + a..names + b]).unwrap_or(""),
            code: self.u16_at(Section::Code, i),
            country: self.country_at(i),
            admin1: &self.admin_codes[self.u16_at(Section::Admin1, i) as usize],
            admin2: &self.admin_codes[self.u16_at(Section::Admin2, i) as usize],
            lat: f32_at(Section::Lat),
            lon: f32_at(Section::Lon),
            population: u64::from_le_bytes(
                self.bytes_at(Section::Population, i, 8)
                    .try_into()
                    .expect("8 bytes"),
            ),
        }
    }

    /// The GeoNames feature code of a place ("PPLA2", "ADM1", "PCLI").
    pub fn feature_code(&self, place: PlaceRef) -> &str {
        &self.feature_codes[place.code as usize]
    }

    /// The places a name may refer to, by exact normalised name.
    pub fn lookup(&self, name: &str) -> Option<NameHit<'_>> {
        self.lookup_key(&normalize(name))
    }

    /// Like [`Gazetteer::lookup`] for a name already normalised.
    pub fn lookup_key(&self, key: &str) -> Option<NameHit<'_>> {
        let v = self.names.get(key)?;
        let base = self.sections[Section::Postings as usize];
        let end = self.sections[Section::Postings as usize + 1];
        let off = base + 4 * (v >> 1) as usize;
        let n = u32::from_le_bytes(self.raw.get(off..off + 4)?.try_into().ok()?) as usize;
        let postings = self
            .raw
            .get(off + 4..off + 4 + 4 * n)
            .filter(|_| off + 4 + 4 * n <= end)?;
        Some(NameHit {
            common_word: v & 1 == 1,
            postings,
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
        let mut postings: Vec<u32> = Vec::new();
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
        let fst = fst.into_inner().map_err(|e| Error::Format(e.to_string()))?;
        let mut admin_codes: Vec<String> = vec![String::new()];
        let mut admin_index: HashMap<String, u16> = HashMap::from([(String::new(), 0)]);
        let mut code_of = |c: &str| -> Result<u16, Error> {
            if let Some(&i) = admin_index.get(c) {
                return Ok(i);
            }
            let i = u16::try_from(admin_codes.len())
                .map_err(|_| Error::Format("more than 65,535 admin codes".into()))?;
            admin_codes.push(c.to_string());
            admin_index.insert(c.to_string(), i);
            Ok(i)
        };
        let mut cols: Vec<Vec<u8>> = vec![Vec::new(); SECTIONS];
        let mut name_off = 0u32;
        cols[Section::NameOffsets as usize].extend(0u32.to_le_bytes());
        for p in &self.places {
            cols[Section::Id as usize].extend(p.id.to_le_bytes());
            cols[Section::Code as usize].extend(p.code.to_le_bytes());
            cols[Section::Country as usize].extend(p.country);
            cols[Section::Admin1 as usize].extend(code_of(&p.admin1)?.to_le_bytes());
            cols[Section::Admin2 as usize].extend(code_of(&p.admin2)?.to_le_bytes());
            cols[Section::Lat as usize].extend(p.lat.to_le_bytes());
            cols[Section::Lon as usize].extend(p.lon.to_le_bytes());
            cols[Section::Population as usize].extend(p.population.to_le_bytes());
            cols[Section::Names as usize].extend(p.name.as_bytes());
            name_off += p.name.len() as u32;
            cols[Section::NameOffsets as usize].extend(name_off.to_le_bytes());
        }
        for v in postings {
            cols[Section::Postings as usize].extend(v.to_le_bytes());
        }
        cols[Section::Fst as usize] = fst;
        // The header's size depends on the offsets it holds: fix the
        // header's length first (offsets as u64 have a fixed varint size
        // only up to a point, so iterate until it is stable).
        let mut header = Header {
            version: VERSION,
            places: self.places.len() as u32,
            feature_codes: self.feature_codes,
            admin_codes,
            sections: vec![0; SECTIONS + 1],
        };
        let mut hlen = 0;
        for _ in 0..4 {
            let mut at = (MAGIC.len() + 4 + hlen) as u64;
            for (k, c) in cols.iter().enumerate() {
                header.sections[k] = at;
                at += c.len() as u64;
            }
            header.sections[SECTIONS] = at;
            let bytes = postcard::to_allocvec(&header).map_err(|e| Error::Format(e.to_string()))?;
            if bytes.len() == hlen {
                break;
            }
            hlen = bytes.len();
        }
        let hbytes = postcard::to_allocvec(&header).map_err(|e| Error::Format(e.to_string()))?;
        if header.sections[0] as usize != MAGIC.len() + 4 + hbytes.len() {
            return Err(Error::Format("header size did not settle".into()));
        }
        let mut raw = MAGIC.to_vec();
        raw.extend((hlen as u32).to_le_bytes());
        raw.extend(hbytes);
        for c in cols {
            raw.extend(c);
        }
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
    fn places_read_back_from_the_columns() {
        let mut b = GazetteerBuilder::new();
        let mut e = entry(707292, "Izium", 45_000);
        e.admin2 = "6312".into();
        let i = b.add_place(e, "PPLA3");
        b.add_name(i, "Izyum", false);
        let gaz = Gazetteer::open(&b.finish(3).unwrap()).unwrap();
        let p = gaz.place(gaz.lookup("Izyum").unwrap().places().next().unwrap().place);
        assert_eq!(
            (
                p.id,
                p.name,
                p.country_str(),
                p.admin1,
                p.admin2,
                p.population
            ),
            (707292, "Izium", "UA", "07", "6312", 45_000)
        );
        assert_eq!((p.lat, p.lon), (49.2, 37.3));
        assert_eq!(gaz.feature_code(p), "PPLA3");
    }

    #[test]
    fn a_truncated_buffer_is_a_format_error_not_a_panic() {
        let mut b = GazetteerBuilder::new();
        for (k, name) in ["Springfield", "Shelbyville", "Capital City"]
            .iter()
            .enumerate()
        {
            let i = b.add_place(entry(k as u32 + 1, name, 10), "PPL");
            b.add_name(i, name, true);
        }
        let raw = zstd::decode_all(&b.finish(1).unwrap()[..]).unwrap();
        assert!(Gazetteer::open(&zstd::encode_all(&raw[..], 1).unwrap()).is_ok());
        for cut in [0, 8, 12, 20, raw.len() / 2, raw.len() - 1] {
            let short = zstd::encode_all(&raw[..cut], 1).unwrap();
            assert!(Gazetteer::open(&short).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn garbage_is_a_format_error_not_a_panic() {
        assert!(Gazetteer::open(b"not zstd").is_err());
        let junk = zstd::encode_all(&b"NGGAZ\0\0\x02\x07\0\0\0garbage"[..], 1).unwrap();
        assert!(Gazetteer::open(&junk).is_err());
    }
}
