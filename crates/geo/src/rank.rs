//! The learned ranker: the last word on which candidate a toponym names.
//!
//! The rules of [`crate::resolve`] give every candidate a hand-weighted
//! score and pick readings for the whole article. The ranker then scores
//! each candidate again, as a weighted sum of named features ([`FEATURES`]):
//! the rules' score itself (so the rules stay where they win), its parts,
//! and what the text says that the rules do not read: whether the
//! candidate's first-order division, county or country is named anywhere in
//! the article ("Lebanon" in a story that says "Tennessee" twice), and
//! whether other divisions of the same country are named instead. The
//! weights ([`crate::rank_weights::RANK_WEIGHTS`]) are a conditional logit
//! (softmax over each toponym's candidates) trained on half A of LGL,
//! GeoVirus and WikToR by `GEO_TRAIN=crates/geo/src/rank_weights.rs
//! newsgraph-eval geo` (see crates/eval/src/geo.rs), and checked on half B.

use crate::gazetteer::Gazetteer;
use crate::recognize::Toponym;
use crate::tables::{RANKER_MUST_HAVE, RANKER_MUST_NOT_HAVE};
use newsgraph_doc::Span;

/// The ranker's features, in the order of a feature vector. Each is
/// computed in `resolve.rs` (`features`); the comment says what it is.
pub const FEATURES: &[&str] = &[
    // the rules' final score (local cues + article evidence)
    "rules",
    // ln(1 + population)
    "population",
    // FEATURE_PRIORS value of the feature code
    "prior",
    // feature-code classes (one-hot; other codes are the base)
    "is_country",
    "is_continent",
    "is_adm1",
    "is_adm2",
    "is_pplc",
    "is_ppla",
    "is_ppla2",
    "is_ppl_other",
    // the mention is the place's own GeoNames name
    "primary",
    // "X Oblast"/"X County" and the candidate is (not) a division
    "division_cue_match",
    "division_cue_miss",
    // a city of the same name exists and no division cue
    "city_over_division",
    // "city of X" and a populated place
    "city_cue",
    // "the Uzbek city of X" names the candidate's country
    "demonym_cue",
    // "X, Y" with Y containing the candidate (or X inside it)
    "qualifier",
    // ln(1 + other names with a candidate within SUPPORT_KM)
    "support",
    // share of the article's country evidence on the candidate's country
    "doc_country",
    // share of the article's admin1 evidence on the candidate's admin1
    "doc_admin1",
    // ln(1 + km/50) to the nearest other resolved place
    "distance",
    // no other resolved place to measure a distance to
    "no_anchor",
    // ln(1 + times the text names the candidate's admin1), below ADM1
    "admin1_named",
    // ln(1 + times the text names another admin1 of the same country)
    "other_admin1_named",
    // ln(1 + times the text names the candidate's county), below ADM2
    "admin2_named",
    // ln(1 + times the text names the candidate's country), below country
    "country_named",
    // ln(1 + times the text names another country)
    "other_country_named",
    // ln(1 + demonyms of the candidate's country)
    "demonym_country",
    // ln(1 + rank among the name's candidates by population)
    "pop_rank",
    // ln(mentions of the name) for countries and divisions
    "mentions_area",
    // ln(1 + population) less that of the name's most populous candidate
    "pop_rel",
    // the candidate lies in the United States (most English local news)
    "is_us",
    // admin1_named, counting only the article's first 400 bytes
    "admin1_named_early",
    // a local institution's word follows a mention ("Paris Police"):
    // ln(1 + population) of a populated place
    "local_pop",
    // ... and the candidate is a capital or a country
    "local_capital",
    // ln(1 + times the text names a division without codes (a Philippine
    // province, an English county) within whose reach the candidate lies)
    "near_area_named",
    // the name's first qualified mention ("X is a town in Y County, Z"):
    // 0 inside one of the qualifier's readings, else ln(1 + km/50) to the
    // nearest (0 for every candidate when no mention is qualified)
    "qualifier_km",
    // ... and no candidate of the name lies nearer that qualifier
    "qualifier_nearest",
    // a country or first-order division: ln(1 + other names with one of
    // their best candidates inside it) ("Mexico" beside "Oaxaca")
    "area_support",
];

/// Number of features.
pub const N: usize = FEATURES.len();

/// A candidate's feature vector.
pub type Features = [f64; N];

/// Index of a feature by name; a `const fn`, so that `const { index("x") }`
/// turns a misspelt name into a compile error.
pub const fn index(name: &str) -> usize {
    let mut i = 0;
    while i < FEATURES.len() {
        if bytes_eq(FEATURES[i].as_bytes(), name.as_bytes()) {
            return i;
        }
        i += 1;
    }
    panic!("unknown ranker feature")
}

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Sets feature `$name` of vector `$f` (the index is found at compile time).
#[macro_export]
#[doc(hidden)]
macro_rules! set_feature {
    ($f:expr, $name:literal, $v:expr) => {
        $f[const { $crate::rank::index($name) }] = $v
    };
}

/// The weight vector of a named table; unknown names are reported.
pub fn weights_from(table: &[(&str, f64)]) -> Result<Features, String> {
    let mut w = [0.0; N];
    for (name, v) in table {
        let i = FEATURES
            .iter()
            .position(|f| f == name)
            .ok_or_else(|| format!("unknown ranker feature {name:?}"))?;
        w[i] = *v;
    }
    Ok(w)
}

/// The ranker's score of a feature vector.
pub fn score(w: &Features, f: &Features) -> f64 {
    w.iter().zip(f).map(|(a, b)| a * b).sum()
}

/// Which candidates the ranker may choose, by the cues of
/// [`RANKER_MUST_HAVE`] and [`RANKER_MUST_NOT_HAVE`] (never none).
pub fn eligible(rows: &[Features]) -> Vec<bool> {
    let mut ok = vec![true; rows.len()];
    for name in RANKER_MUST_HAVE {
        let k = index(name);
        if ok.iter().zip(rows).any(|(o, r)| *o && r[k] > 0.0) {
            for (o, r) in ok.iter_mut().zip(rows) {
                *o &= r[k] > 0.0;
            }
        }
    }
    for name in RANKER_MUST_NOT_HAVE {
        let k = index(name);
        if ok.iter().zip(rows).any(|(o, r)| *o && r[k] == 0.0) {
            for (o, r) in ok.iter_mut().zip(rows) {
                *o &= r[k] == 0.0;
            }
        }
    }
    if !ok.iter().any(|&o| o) {
        ok.fill(true);
    }
    ok
}

/// A division or country named somewhere in the text.
#[derive(Debug, Clone)]
pub struct AreaHit {
    pub span: Span,
    pub country: [u8; 2],
    /// Empty for a country.
    pub admin1: String,
    /// Empty for a country or a first-order division.
    pub admin2: String,
}

/// The countries, first-order divisions and US counties the article's
/// toponyms may name, whatever the resolver makes of them: every reading
/// of every name ("Georgia" counts for the country and the state), and the
/// state a "Place, Ky." abbreviation fixes.
#[derive(Debug, Default, Clone)]
pub struct Named {
    pub hits: Vec<AreaHit>,
    /// The second-order divisions without codes the text may name (iso3166-2
    /// provinces and counties): the mention's span and the gazetteer place.
    pub codeless: Vec<(Span, u32)>,
}

impl Named {
    pub fn of(gaz: &Gazetteer, tops: &[Toponym]) -> Named {
        let mut hits = Vec::new();
        let mut codeless = Vec::new();
        let mut push = |span: Span, place: u32| {
            let e = gaz.place(place);
            let code = gaz.feature_code(e);
            let (a1, a2) = match code {
                c if c.starts_with("PCL") => ("", ""),
                "ADM1" => (e.admin1, ""),
                "ADM2" if !e.admin2.is_empty() => (e.admin1, e.admin2),
                "ADM2" => {
                    codeless.push((span, place));
                    return;
                }
                _ => return,
            };
            hits.push(AreaHit {
                span,
                country: e.country,
                admin1: a1.to_string(),
                admin2: a2.to_string(),
            });
        };
        for t in tops.iter().filter(|t| t.relative.is_none()) {
            if let Some(p) = t.forced {
                push(t.span, p);
            } else if let Some((hit, _)) = crate::resolve::lookup(gaz, &t.key) {
                for p in hit.places().take(50) {
                    push(t.span, p.place);
                }
            }
        }
        Named { hits, codeless }
    }

    /// Times, outside `own` spans, the text names a division without codes
    /// that contains `place` (by distance; see `resolve::contains`).
    pub fn codeless_containing(&self, gaz: &Gazetteer, own: &[Span], place: u32) -> usize {
        let inner = gaz.place(place);
        let mut seen: Vec<Span> = Vec::new();
        for &(span, area) in &self.codeless {
            if own.iter().any(|s| s.overlaps(span)) || seen.contains(&span) {
                continue;
            }
            if crate::resolve::contains(gaz, gaz.place(area), inner) {
                seen.push(span);
            }
        }
        seen.len()
    }

    /// Counts, outside `own` spans: (this admin1, other admin1s of the
    /// country, this admin2, this country, other countries).
    pub fn counts(
        &self,
        own: &[Span],
        before: usize,
        country: [u8; 2],
        admin1: &str,
        admin2: &str,
    ) -> (usize, usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0, 0);
        for h in &self.hits {
            if own.iter().any(|s| s.overlaps(h.span)) || h.span.start >= before {
                continue;
            }
            if h.country != country {
                if h.admin1.is_empty() {
                    c.4 += 1;
                }
                continue;
            }
            if h.admin1.is_empty() {
                c.3 += 1;
            } else if h.admin2.is_empty() {
                if h.admin1 == admin1 {
                    c.0 += 1;
                } else {
                    c.1 += 1;
                }
            } else if h.admin1 == admin1 && h.admin2 == admin2 {
                c.2 += 1;
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_weights_name_known_features() {
        weights_from(crate::rank_weights::RANK_WEIGHTS).expect("every name is a feature");
        assert_eq!(index("rules"), 0);
    }

    #[test]
    fn cues_limit_the_eligible_candidates() {
        let (div, city, cod) = (
            index("division_cue_match"),
            index("city_cue"),
            index("city_over_division"),
        );
        let mut a = [0.0; N];
        let mut b = [0.0; N];
        a[div] = 1.0;
        assert_eq!(eligible(&[a, b]), vec![true, false]);
        // two cues that exclude each other: the first wins, never none
        b[city] = 1.0;
        assert_eq!(eligible(&[a, b]), vec![true, false]);
        let mut c = [0.0; N];
        c[cod] = 1.0;
        assert_eq!(eligible(&[c, [0.0; N]]), vec![false, true]);
        assert_eq!(eligible(&[c]), vec![true]);
    }

    #[test]
    fn score_is_the_dot_product() {
        let mut w = [0.0; N];
        let mut f = [0.0; N];
        w[index("population")] = 2.0;
        f[index("population")] = 3.0;
        f[index("primary")] = 5.0;
        assert_eq!(score(&w, &f), 6.0);
    }
}
