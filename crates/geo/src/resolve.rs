//! Resolution: which gazetteer place each toponym names.
//!
//! A log-linear score per candidate (weights in [`crate::tables::Weights`]):
//! population and feature-code priors; the cues recognition read off the
//! context ("X Oblast", "city of X", "the Uzbek city of X", "X, Y");
//! spatial support (other names of the article with a candidate near this
//! one); then, in up to `passes` rounds, the article as a whole: the
//! countries and first-order divisions the other places' current readings
//! (and demonyms) point to, and the distance to those places. Mentions with
//! the same name share one reading (one sense per article). Confidence is
//! the softmax probability of the chosen candidate. Last, a place the text
//! puts inside a small container ("Bradford is a village in Essex County,
//! Massachusetts") that none of its candidates lies in is read as the
//! container itself, at half its confidence ([`CONTAINER_STAND_INS`]): the
//! gazetteer lacks most villages, and a namesake far away is the worse guess.

#[cfg(test)]
use crate::gazetteer::Entry;
use crate::gazetteer::{Gazetteer, NameHit, PlaceRef};
use crate::rank::{self, Features, Named};
use crate::recognize::Toponym;
use crate::tables::{
    Weights, CONTAINER_NEAR_KM, CONTAINER_STAND_INS, DIVISION_SUFFIXES, FEATURE_PRIORS,
    FIRST_ORDER_SUFFIXES, NAME_ABBREVIATIONS, STAND_IN_CONFIDENCE, SUPPORT_CANDIDATES, SUPPORT_KM,
};
use std::collections::HashMap;

/// The reading chosen for one toponym.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// Gazetteer index of the place; `None` when no candidate exists.
    pub place: Option<u32>,
    pub confidence: f32,
    pub metonymy: bool,
    /// `place` is a container standing in for a place the gazetteer lacks
    /// ([`CONTAINER_STAND_INS`]).
    pub within: bool,
}

/// At most this many candidates per name (the most populous).
const MAX_CANDIDATES: usize = 100;

fn is_country(code: &str) -> bool {
    code.starts_with("PCL")
}

fn is_division(code: &str) -> bool {
    code == "ADM1" || code == "ADM2"
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().min(1.0).asin()
}

fn feature_prior(code: &str) -> f64 {
    FEATURE_PRIORS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(0.0, |(_, v)| *v)
}

struct Cand {
    place: u32,
    score: f64,
    /// The ranker's local features (the article-level ones are added last).
    f: Features,
}

struct Group {
    members: Vec<usize>,
    cands: Vec<Cand>,
    /// The groups of one name share this number, with or without a
    /// division word ("Ilam District", "Ilam"): none is evidence for another.
    name: usize,
}

/// The index entry a toponym key reaches: the key itself, without a
/// leading "the", or without a division suffix ("kharkiv oblast" →
/// "kharkiv"; the flag is then true).
pub fn lookup<'g>(gaz: &'g Gazetteer, key: &str) -> Option<(NameHit<'g>, bool)> {
    // Abbreviations spelt out first ("mt pleasant" → "mount pleasant").
    if key.contains(' ') {
        let expanded: Vec<&str> = key
            .split(' ')
            .map(|w| {
                NAME_ABBREVIATIONS
                    .iter()
                    .find(|(a, _)| *a == w)
                    .map_or(w, |(_, full)| *full)
            })
            .collect();
        let expanded = expanded.join(" ");
        if expanded != key {
            if let Some(hit) = lookup_plain(gaz, &expanded) {
                return Some(hit);
            }
        }
    }
    lookup_plain(gaz, key)
}

/// [`lookup`] without expanding abbreviations.
fn lookup_plain<'g>(gaz: &'g Gazetteer, key: &str) -> Option<(NameHit<'g>, bool)> {
    if let Some(hit) = gaz.lookup_key(key) {
        return Some((hit, false));
    }
    let key = key.strip_prefix("the ").unwrap_or(key);
    if let Some(hit) = gaz.lookup_key(key) {
        return Some((hit, false));
    }
    let (head, last) = key.rsplit_once(' ')?;
    DIVISION_SUFFIXES
        .contains(&last)
        .then(|| gaz.lookup_key(head).map(|h| (h, true)))
        .flatten()
}

/// The gazetteer places a toponym key may name, as the resolver sees them
/// (at most [`MAX_CANDIDATES`], most populous first).
pub fn candidate_places(gaz: &Gazetteer, key: &str) -> Vec<u32> {
    lookup(gaz, key).map_or_else(Vec::new, |(hit, _)| {
        hit.places().take(MAX_CANDIDATES).map(|p| p.place).collect()
    })
}

/// The candidates of one toponym with their local scores.
fn candidates(gaz: &Gazetteer, w: &Weights, t: &Toponym) -> Vec<Cand> {
    if let Some(p) = t.forced {
        return vec![Cand {
            place: p,
            score: 100.0,
            f: [0.0; rank::N],
        }];
    }
    let Some((hit, suffix)) = lookup(gaz, &t.key) else {
        return Vec::new();
    };
    let division = t.division || suffix;
    // "New York state": a first-order division, not New York County.
    let first_order = t.first_order
        || suffix
            && t.key
                .rsplit(' ')
                .next()
                .is_some_and(|w| FIRST_ORDER_SUFFIXES.contains(&w));
    let level_fits = |code: &str| !first_order || code == "ADM1";
    let entries: Vec<(u32, bool, PlaceRef)> = hit
        .places()
        .take(MAX_CANDIDATES)
        .map(|p| (p.place, p.primary, gaz.place(p.place)))
        .collect();
    // Divisions named after a city inside them ("Kharkiv" oblast, city).
    let named_after_city = |d: PlaceRef| {
        entries.iter().any(|(_, primary, c)| {
            *primary
                && gaz.feature_code(*c).starts_with("PPL")
                && c.population >= 1000
                && c.country == d.country
                && (d.admin1.is_empty() || c.admin1 == d.admin1)
        })
    };
    let max_pop = entries
        .iter()
        .map(|&(p, _, _)| (1.0 + gaz.population_of(p) as f64).ln())
        .fold(0.0, f64::max);
    entries
        .iter()
        .enumerate()
        .map(|(rank_by_pop, &(place, primary, e))| {
            let code = gaz.feature_code(e);
            let mut f = [0.0; rank::N];
            let pop = (1.0 + gaz.population_of(place) as f64).ln();
            crate::set_feature!(f, "population", pop);
            crate::set_feature!(f, "prior", feature_prior(code));
            const CLASS: [usize; 8] = [
                rank::index("is_country"),
                rank::index("is_continent"),
                rank::index("is_adm1"),
                rank::index("is_adm2"),
                rank::index("is_pplc"),
                rank::index("is_ppla"),
                rank::index("is_ppla2"),
                rank::index("is_ppl_other"),
            ];
            let class = match code {
                c if is_country(c) => Some(0),
                "CONT" => Some(1),
                "ADM1" => Some(2),
                "ADM2" => Some(3),
                "PPLC" => Some(4),
                "PPLA" => Some(5),
                "PPLA2" => Some(6),
                c if c.starts_with("PPL") => Some(7),
                _ => None,
            };
            if let Some(k) = class {
                f[CLASS[k]] = 1.0;
            }
            crate::set_feature!(f, "pop_rank", (1.0 + rank_by_pop as f64).ln());
            crate::set_feature!(f, "pop_rel", pop - max_pop);
            let mut s = w.population * pop + w.feature * feature_prior(code);
            if primary {
                s += w.primary_name;
                crate::set_feature!(f, "primary", 1.0);
            }
            if division && is_division(code) && level_fits(code) {
                s += w.division_cue;
                crate::set_feature!(f, "division_cue_match", 1.0);
            }
            if division && !is_division(code) {
                crate::set_feature!(f, "division_cue_miss", 1.0);
            }
            if !division && is_division(code) && named_after_city(e) {
                s -= w.city_over_division;
                crate::set_feature!(f, "city_over_division", 1.0);
            }
            if t.city && code.starts_with("PPL") {
                s += w.city_cue;
                crate::set_feature!(f, "city_cue", 1.0);
            }
            if t.country_hint == Some(e.country) {
                s += w.demonym_cue;
                crate::set_feature!(f, "demonym_cue", 1.0);
            }
            Cand { place, score: s, f }
        })
        .collect()
}

/// Whether `outer` contains `inner` (country, first- or second-order
/// division by code). Divisions without codes (iso3166-2 provinces and
/// counties) contain the places of the same country within
/// [`CONTAINER_NEAR_KM`] of their point.
pub(crate) fn contains(gaz: &Gazetteer, outer: PlaceRef, inner: PlaceRef) -> bool {
    let code = gaz.feature_code(outer);
    let near = |km: f64| {
        haversine_km(
            outer.lat as f64,
            outer.lon as f64,
            inner.lat as f64,
            inner.lon as f64,
        ) <= km
    };
    outer.country == inner.country
        && (is_country(code)
            || (code == "ADM1" && outer.admin1 == inner.admin1 && !outer.admin1.is_empty())
            || (code == "ADM2"
                && outer.admin1 == inner.admin1
                && outer.admin2 == inner.admin2
                && !outer.admin2.is_empty())
            || CONTAINER_NEAR_KM.iter().any(|(c, km)| {
                *c == code && (code != "ADM2" || outer.admin2.is_empty()) && near(*km)
            }))
}

fn softmax_top(scores: &[f64]) -> (usize, f32) {
    let Some((best, &top)) = scores.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)) else {
        return (0, 0.0);
    };
    let z: f64 = scores.iter().map(|s| (s - top).exp()).sum();
    (best, (1.0 / z) as f32)
}

/// One group's own evidence: (country, its weight, admin1, its weight).
type Contribution = ([u8; 2], f64, Option<([u8; 2], String)>, f64);

/// What the article's readings say: country and first-order division
/// weights, and the points of its places (for spatial coherence).
#[derive(Default)]
struct Evidence {
    country_w: HashMap<[u8; 2], f64>,
    admin1_w: HashMap<([u8; 2], String), f64>,
    total_c: f64,
    total_a: f64,
    /// Each group's own evidence: (country, its weight, admin1, its weight),
    /// taken out again when the group itself is scored.
    contrib: Vec<Contribution>,
    /// (group, lat, lon) of the groups read as places below country level.
    anchors: Vec<(usize, f64, f64)>,
    /// Each group's name number (see [`Group::name`]).
    name_of: Vec<usize>,
}

impl Evidence {
    fn of(
        gaz: &Gazetteer,
        w: &Weights,
        groups: &[Group],
        readings: &[(usize, f32)],
        demonym_countries: &[[u8; 2]],
    ) -> Evidence {
        let mut ev = Evidence {
            name_of: groups.iter().map(|g| g.name).collect(),
            ..Evidence::default()
        };
        for (gi, (g, &(best, conf))) in groups.iter().zip(readings).enumerate() {
            let e = gaz.place(g.cands[best].place);
            let code = gaz.feature_code(e);
            let weight = conf as f64 * (1.0 + (g.members.len() as f64).ln());
            let cw = if is_country(code) {
                2.0 * weight
            } else {
                weight
            };
            let a1 = (!is_country(code) && code != "CONT" && !e.admin1.is_empty())
                .then(|| (e.country, e.admin1.to_string()));
            if code != "CONT" {
                *ev.country_w.entry(e.country).or_default() += cw;
            }
            if let Some(k) = &a1 {
                *ev.admin1_w.entry(k.clone()).or_default() += weight;
            }
            ev.contrib
                .push((e.country, if code == "CONT" { 0.0 } else { cw }, a1, weight));
            if !is_country(code) && code != "CONT" {
                ev.anchors.push((gi, e.lat as f64, e.lon as f64));
            }
        }
        let mut seen_demonyms: HashMap<[u8; 2], usize> = HashMap::new();
        for cc in demonym_countries {
            let n = seen_demonyms.entry(*cc).or_default();
            if *n < 3 {
                *ev.country_w.entry(*cc).or_default() += w.demonym_evidence;
                *n += 1;
            }
        }
        ev.total_c = ev.country_w.values().sum();
        ev.total_a = ev.admin1_w.values().sum();
        ev
    }

    /// What the rest of the article adds to candidate `place` of group `gi`.
    fn score(&self, gaz: &Gazetteer, w: &Weights, gi: usize, place: u32) -> f64 {
        let (c, a, d) = self.parts(gaz, gi, place);
        w.doc_country * c + w.doc_admin1 * a - w.distance * d.unwrap_or(0.0)
    }

    /// The parts of [`Evidence::score`]: the shares of the other groups'
    /// country and admin1 evidence on the candidate's, and ln(1 + km/50)
    /// to the nearest other place (None when there is none).
    fn parts(&self, gaz: &Gazetteer, gi: usize, place: u32) -> (f64, f64, Option<f64>) {
        let e = gaz.place(place);
        let k = (e.country, e.admin1.to_string());
        // The evidence of the name's own groups is taken out.
        let same = |j: usize| self.name_of.get(j) == self.name_of.get(gi);
        let (mut own_c, mut own_c_here, mut own_a, mut own_a_here) = (0.0, 0.0, 0.0, 0.0);
        for (j, (cc, cw, a1, aw)) in self.contrib.iter().enumerate() {
            if j != gi && !same(j) {
                continue;
            }
            own_c += cw;
            if e.country == *cc {
                own_c_here += cw;
            }
            if let Some(a) = a1 {
                own_a += aw;
                if *a == k {
                    own_a_here += aw;
                }
            }
        }
        let (mut sc, mut sa, mut sd) = (0.0, 0.0, None);
        let rest_c = self.total_c - own_c;
        if rest_c > 1e-9 && e.country != [0, 0] {
            let v = self.country_w.get(&e.country).copied().unwrap_or(0.0) - own_c_here;
            sc = v / rest_c;
        }
        let rest_a = self.total_a - own_a;
        if rest_a > 1e-9 && !e.admin1.is_empty() {
            let v = self.admin1_w.get(&k).copied().unwrap_or(0.0) - own_a_here;
            sa = v / rest_a;
        }
        let code = gaz.feature_code(e);
        if !is_country(code) && code != "CONT" {
            let d = self
                .anchors
                .iter()
                .filter(|a| a.0 != gi && !same(a.0))
                .map(|a| haversine_km(e.lat as f64, e.lon as f64, a.1, a.2))
                .fold(f64::INFINITY, f64::min);
            if d.is_finite() {
                sd = Some((1.0 + d / 50.0).ln());
            }
        }
        (sc, sa, sd)
    }
}

/// Whether a place is a point for spatial support (not a country,
/// continent or first-order division, whose points say little).
fn is_point(code: &str) -> bool {
    !is_country(code) && code != "CONT" && code != "ADM1"
}

/// Spatial support, read off candidates rather than readings: a candidate
/// gains `w.support * ln(1 + n)`, n being the number of other names of the
/// article with some candidate (among their [`SUPPORT_CANDIDATES`] best)
/// within [`SUPPORT_KM`] of it. Paris (Tennessee) and Henry County
/// (Tennessee) support each other even when each one's best local reading
/// lies elsewhere, which the article-level passes alone cannot undo.
fn add_support(gaz: &Gazetteer, w: &Weights, groups: &mut [Group]) {
    let points: Vec<Vec<u32>> = groups
        .iter()
        .map(|g| {
            let mut order: Vec<&Cand> = g.cands.iter().collect();
            order.sort_by(|a, b| b.score.total_cmp(&a.score));
            order
                .into_iter()
                .filter(|c| is_point(gaz.feature_code(gaz.place(c.place))))
                .take(SUPPORT_CANDIDATES)
                .map(|c| c.place)
                .collect()
        })
        .collect();
    let at = |p: u32| {
        let e = gaz.place(p);
        (e.lat as f64, e.lon as f64)
    };
    // Degrees of latitude beyond which no point can lie within SUPPORT_KM.
    let dlat = SUPPORT_KM / 111.0;
    for (gi, g) in groups.iter_mut().enumerate() {
        for c in g.cands.iter_mut() {
            let e = gaz.place(c.place);
            let code = gaz.feature_code(e);
            if !is_point(code) {
                // An area is supported by the other names whose best point
                // lies inside it (a ranker feature only; the rules do not
                // read it). Only the best: every name has some namesake in
                // the United States.
                if is_country(code) || code == "ADM1" {
                    let n = points
                        .iter()
                        .enumerate()
                        .filter(|(gj, pts)| {
                            *gj != gi
                                && pts.first().is_some_and(|&p| contains(gaz, e, gaz.place(p)))
                        })
                        .count();
                    crate::set_feature!(c.f, "area_support", (1.0 + n as f64).ln());
                }
                continue;
            }
            let (la, lo) = (e.lat as f64, e.lon as f64);
            let n = points
                .iter()
                .enumerate()
                .filter(|(gj, pts)| {
                    *gj != gi
                        && pts.iter().any(|&p| {
                            let (pl, po) = at(p);
                            (pl - la).abs() <= dlat && haversine_km(la, lo, pl, po) <= SUPPORT_KM
                        })
                })
                .count();
            c.score += w.support * (1.0 + n as f64).ln();
            crate::set_feature!(c.f, "support", (1.0 + n as f64).ln());
        }
    }
}

/// One name's candidates with the ranker's features (for training it).
#[derive(Debug, Clone)]
pub struct RankGroup {
    /// Indices of the toponyms that bear the name.
    pub members: Vec<usize>,
    /// (gazetteer place, features) per candidate.
    pub cands: Vec<(u32, Features)>,
}

/// What the article says beyond its toponyms: the countries named by
/// demonyms anywhere in it (weak evidence of its country) and the areas
/// its capitalised words name ([`Named`]).
#[derive(Debug, Default, Clone)]
pub struct ArticleCues {
    pub demonym_countries: Vec<[u8; 2]>,
    pub named: Named,
}

/// Resolves every toponym.
pub fn resolve(
    gaz: &Gazetteer,
    w: &Weights,
    tops: &[Toponym],
    cues: &ArticleCues,
) -> Vec<Resolved> {
    resolve_full(gaz, w, None, tops, cues, false).0
}

/// [`resolve`] with ranker weights `rw` (None: the committed ones), and,
/// when `keep` is set, each name's candidates with the ranker's features.
pub fn resolve_full(
    gaz: &Gazetteer,
    w: &Weights,
    rw: Option<&Features>,
    tops: &[Toponym],
    cues: &ArticleCues,
    keep: bool,
) -> (Vec<Resolved>, Vec<RankGroup>) {
    let demonym_countries = &cues.demonym_countries[..];
    let mut local: Vec<Vec<Cand>> = tops.iter().map(|t| candidates(gaz, w, t)).collect();

    // "X, Y": X's candidates inside one of Y's, and Y's candidates that contain one of X's.
    // Only a name's first qualified mention qualifies it: an article
    // qualifies a place the first time it names it, and a later "X, Y" is
    // often a namesake ("Sharon is a town in Hillsborough County, New
    // Hampshire. ... named after Sharon, Connecticut").
    let mut qualified: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (a, t) in tops.iter().enumerate() {
        let Some(b) = t.qualifier else { continue };
        if t.forced.is_none() && !qualified.insert(t.key.as_str()) {
            continue;
        }
        let (xa, yb) = if a < b {
            let (l, r) = local.split_at_mut(b);
            (&mut l[a], &mut r[0])
        } else {
            continue;
        };
        let mut x_ok = vec![false; xa.len()];
        let mut y_ok = vec![false; yb.len()];
        for (i, x) in xa.iter().enumerate() {
            for (j, y) in yb.iter().enumerate() {
                if contains(gaz, gaz.place(y.place), gaz.place(x.place)) {
                    x_ok[i] = true;
                    y_ok[j] = true;
                }
            }
        }
        for (c, ok) in xa.iter_mut().zip(x_ok).chain(yb.iter_mut().zip(y_ok)) {
            if ok {
                c.score += w.qualifier;
                crate::set_feature!(c.f, "qualifier", 1.0);
            }
        }
    }

    // How far each candidate lies from what its mention's qualifier names
    // ("Sharon is a town in Hillsborough County, New Hampshire"): 0 inside
    // one of the qualifier's readings, else ln(1 + km/50) to the nearest
    // one. A qualifier's own qualifier narrows its readings first (the
    // county in New Hampshire, not Florida's). This reaches the right
    // region when the place itself is missing from the gazetteer and only
    // a namesake nearby is there, or when the qualifier is a county whose
    // towns have no county code.
    let qual_km: Vec<Option<HashMap<u32, f64>>> = tops
        .iter()
        .enumerate()
        .map(|(a, t)| qualifier_distances(gaz, tops, &local, a, t.qualifier?))
        .collect();

    // One reading per name: a group's score for a place is the best its
    // mentions give it.
    let mut groups: Vec<Group> = Vec::new();
    // A mention with a division cue ("Lancaster District", "the Kharkiv
    // region") is another name than the bare one ("Lancaster"): it gets
    // its own group, so that its cue does not restrict the bare mentions
    // to divisions.
    let mut by_key: HashMap<(&str, bool), usize> = HashMap::new();
    let mut names: HashMap<&str, usize> = HashMap::new();
    let mut group_of = vec![usize::MAX; tops.len()];
    for (i, t) in tops.iter().enumerate() {
        if t.relative.is_some() || local[i].is_empty() {
            continue;
        }
        let key = if t.forced.is_some() {
            ""
        } else {
            t.key.as_str()
        };
        let g = if key.is_empty() {
            None
        } else {
            by_key.get(&(key, t.division)).copied()
        };
        let g = match g {
            Some(g) => g,
            None => {
                let next = names.len();
                let name = if key.is_empty() {
                    usize::MAX - groups.len()
                } else {
                    *names.entry(key).or_insert(next)
                };
                groups.push(Group {
                    members: Vec::new(),
                    cands: Vec::new(),
                    name,
                });
                if !key.is_empty() {
                    by_key.insert((key, t.division), groups.len() - 1);
                }
                groups.len() - 1
            }
        };
        group_of[i] = g;
        groups[g].members.push(i);
        for c in std::mem::take(&mut local[i]) {
            match groups[g].cands.iter_mut().find(|o| o.place == c.place) {
                Some(o) if c.score > o.score => *o = c,
                Some(_) => {}
                None => groups[g].cands.push(c),
            }
        }
    }

    // Then the article as a whole: each pass rescores the local scores with
    // the evidence of the previous pass's readings, so that a reading that
    // changes (Georgia the country → the state, once Atlanta is read) is
    // seen by the others in the next pass.
    if w.support != 0.0 {
        add_support(gaz, w, &mut groups);
    }
    let mut current: Vec<(usize, f32)> = groups
        .iter()
        .map(|g| softmax_top(&g.cands.iter().map(|c| c.score).collect::<Vec<_>>()))
        .collect();
    let mut evidence = Evidence::default();
    for _ in 0..w.passes.max(1.0) as usize {
        evidence = Evidence::of(gaz, w, &groups, &current, demonym_countries);
        let next: Vec<(usize, f32)> = groups
            .iter()
            .enumerate()
            .map(|(gi, g)| {
                let rescored: Vec<f64> = g
                    .cands
                    .iter()
                    .map(|c| c.score + evidence.score(gaz, w, gi, c.place))
                    .collect();
                softmax_top(&rescored)
            })
            .collect();
        let settled = next.iter().zip(&current).all(|(a, b)| a.0 == b.0);
        current = next;
        if settled {
            break;
        }
    }
    let mut finals = current;

    // The learned ranker has the last word (see rank.rs), on the rules'
    // final scores and the features the rules do not read.
    let ev = Evidence::of(gaz, w, &groups, &finals, demonym_countries);
    let mut kept = Vec::new();
    if w.ranker != 0.0 || keep {
        let rw = rw.copied().unwrap_or_else(ranker_weights);
        for (gi, g) in groups.iter().enumerate() {
            if g.members.iter().any(|&m| tops[m].forced.is_some()) {
                continue;
            }
            // The name's own mentions, with or without a division word
            // ("Ilam District" for "Ilam"), are no evidence of its area.
            let key = &tops[g.members[0]].key;
            let own: Vec<newsgraph_doc::Span> = tops
                .iter()
                .enumerate()
                .filter(|(m, t)| g.members.contains(m) || (t.forced.is_none() && t.key == *key))
                .map(|(_, t)| t.span)
                .collect();
            let local = g.members.iter().any(|&m| tops[m].local);
            // The name's first qualified mention speaks for the group: an
            // article qualifies a place the first time it names it, and a
            // later "X, Y" is often a namesake ("named after Sharon,
            // Connecticut").
            let first_qual = g.members.iter().find_map(|&m| qual_km[m].as_ref());
            let far = first_qual.map_or(0.0, |q| q.values().fold(0.0f64, |a, &b| a.max(b)));
            let qkm = |p: u32| first_qual.map(|q| q.get(&p).copied().unwrap_or(far));
            let nearest = g
                .cands
                .iter()
                .filter_map(|c| qkm(c.place))
                .fold(f64::INFINITY, f64::min);
            let feats: Vec<Features> = g
                .cands
                .iter()
                .map(|c| {
                    let mut f = features(gaz, w, &ev, cues, (gi, g, local), &own, c);
                    if let Some(km) = qkm(c.place) {
                        crate::set_feature!(f, "qualifier_km", km);
                        if km <= nearest {
                            crate::set_feature!(f, "qualifier_nearest", 1.0);
                        }
                    }
                    f
                })
                .collect();
            if w.ranker != 0.0 {
                let ok = rank::eligible(&feats);
                let scored: Vec<f64> = feats
                    .iter()
                    .zip(ok)
                    .map(|(f, ok)| {
                        if ok {
                            rank::score(&rw, f)
                        } else {
                            f64::NEG_INFINITY
                        }
                    })
                    .collect();
                finals[gi] = softmax_top(&scored);
            }
            if keep {
                kept.push(RankGroup {
                    members: g.members.clone(),
                    cands: g.cands.iter().map(|c| c.place).zip(feats).collect(),
                });
            }
        }
    }
    let (country_w, total_c) = (&evidence.country_w, evidence.total_c);

    // The article's country, for relative places ("the north east").
    let main_country = country_w
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .filter(|(_, v)| total_c > 0.0 && **v / total_c >= 0.3)
        .and_then(|(cc, v)| {
            Some((
                gaz.country(std::str::from_utf8(cc).ok()?)?,
                (*v / total_c) as f32,
            ))
        });

    // A place the text puts inside a small container that none of its
    // candidates lies in is read as the container (CONTAINER_STAND_INS).
    let reading = |i: usize| -> Option<(u32, f32)> {
        if let Some(p) = tops[i].forced {
            return Some((p, 1.0));
        }
        let g = *group_of.get(i).filter(|&&g| g != usize::MAX)?;
        let (best, conf) = finals[g];
        Some((groups[g].cands[best].place, conf))
    };
    let inside = |i: usize, outer: u32, km: f64| {
        let g = group_of[i];
        let o = gaz.place(outer);
        g != usize::MAX
            && groups[g].cands.iter().any(|c| {
                let e = gaz.place(c.place);
                contains(gaz, o, e)
                    || haversine_km(o.lat as f64, o.lon as f64, e.lat as f64, e.lon as f64) <= km
            })
    };
    // A container in another country than the article's is a misreading
    // ("the North East of England" read as Singapore's district).
    let main_cc = main_country.map(|(p, _)| gaz.place(p).country);
    let stand_in = stand_ins(gaz, tops, &group_of, main_cc, reading, inside);

    let resolved = tops
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if t.relative.is_some() {
                return Resolved {
                    place: main_country.map(|m| m.0),
                    confidence: main_country.map_or(0.0, |m| m.1),
                    metonymy: false,
                    within: false,
                };
            }
            if let Some((place, conf)) = stand_in[i] {
                return Resolved {
                    place: Some(place),
                    confidence: conf * STAND_IN_CONFIDENCE,
                    metonymy: false,
                    within: true,
                };
            }
            let g = group_of[i];
            if g == usize::MAX {
                return Resolved {
                    place: None,
                    confidence: 0.0,
                    metonymy: false,
                    within: false,
                };
            }
            let (best, conf) = finals[g];
            let place = groups[g].cands[best].place;
            let code = gaz.feature_code(gaz.place(place));
            Resolved {
                place: Some(place),
                confidence: conf,
                metonymy: t.subject_of_verb && (is_country(code) || code == "PPLC"),
                within: false,
            }
        })
        .collect();
    (resolved, kept)
}

/// Each toponym's container reading when the container stands in for it
/// (see [`CONTAINER_STAND_INS`]): a name's first qualified mention decides
/// for all its mentions. A container phrase ("X is a village in Y") makes Y
/// stand in when no candidate of X lies in Y (`inside(X, Y's reading, km)`);
/// a bare comma ("X, Y") only when X has no candidate at all, since lists
/// ("Paris, London and Berlin") look the same. `reading(i)` is toponym i's
/// place and confidence, if any. A container outside the article's main
/// country `main_cc` never stands in.
fn stand_ins(
    gaz: &Gazetteer,
    tops: &[Toponym],
    group_of: &[usize],
    main_cc: Option<[u8; 2]>,
    reading: impl Fn(usize) -> Option<(u32, f32)>,
    inside: impl Fn(usize, u32, f64) -> bool,
) -> Vec<Option<(u32, f32)>> {
    let mut by_name: HashMap<(&str, bool), Option<(u32, f32)>> = HashMap::new();
    for (i, t) in tops.iter().enumerate() {
        let Some(b) = t.qualifier else { continue };
        let name = (t.key.as_str(), t.division);
        if t.forced.is_some() || t.relative.is_some() || by_name.contains_key(&name) {
            continue;
        }
        let has_candidates = group_of[i] != usize::MAX;
        // An area as large as a first-order division is no place inside a
        // small container ("Zimbabwe's capital of Harare").
        let area = reading(i).is_some_and(|(p, _)| {
            let code = gaz.feature_code(gaz.place(p));
            is_country(code) || code == "CONT" || code == "ADM1"
        });
        let decision = reading(b).filter(|&(outer, _)| {
            let o = gaz.place(outer);
            if main_cc.is_some_and(|cc| o.country != cc) {
                return false;
            }
            let code = gaz.feature_code(o);
            CONTAINER_STAND_INS
                .iter()
                .find(|(prefix, _)| code.starts_with(prefix))
                .is_some_and(|&(_, km)| {
                    if t.contained {
                        !area && !inside(i, outer, km)
                    } else {
                        !has_candidates
                    }
                })
        });
        by_name.insert(name, decision);
    }
    tops.iter()
        .map(|t| {
            if t.forced.is_some() || t.relative.is_some() {
                return None;
            }
            by_name
                .get(&(t.key.as_str(), t.division))
                .copied()
                .flatten()
        })
        .collect()
}

/// Each candidate of toponym `a` with its distance to the readings of its
/// qualifier `b` (see `qualifier_km` in rank.rs): 0 when a reading contains
/// it, else ln(1 + km/50) to the nearest reading's point. When `b` has a
/// qualifier of its own, only `b`'s readings inside one of that one's count
/// (all of them when none is).
fn qualifier_distances(
    gaz: &Gazetteer,
    tops: &[Toponym],
    local: &[Vec<Cand>],
    a: usize,
    b: usize,
) -> Option<HashMap<u32, f64>> {
    let ys = local.get(b).filter(|ys| !ys.is_empty())?;
    let mut outer: Vec<u32> = ys.iter().map(|y| y.place).collect();
    if let Some(zs) = tops[b].qualifier.and_then(|z| local.get(z)) {
        let inside: Vec<u32> = outer
            .iter()
            .copied()
            .filter(|&y| {
                zs.iter()
                    .any(|z| contains(gaz, gaz.place(z.place), gaz.place(y)))
            })
            .collect();
        if !inside.is_empty() {
            outer = inside;
        }
    }
    let map = local[a]
        .iter()
        .map(|x| {
            let p = gaz.place(x.place);
            let km = outer
                .iter()
                .map(|&y| {
                    let q = gaz.place(y);
                    if contains(gaz, q, p) {
                        0.0
                    } else {
                        haversine_km(p.lat as f64, p.lon as f64, q.lat as f64, q.lon as f64)
                    }
                })
                .fold(f64::INFINITY, f64::min);
            (x.place, (1.0 + km / 50.0).ln())
        })
        .collect();
    Some(map)
}

/// The committed ranker weights as a vector (checked by rank.rs' tests).
fn ranker_weights() -> Features {
    static W: std::sync::OnceLock<Features> = std::sync::OnceLock::new();
    *W.get_or_init(|| {
        rank::weights_from(crate::rank_weights::RANK_WEIGHTS).unwrap_or_else(|_| {
            let mut w = [0.0; rank::N];
            w[0] = 1.0;
            w
        })
    })
}

/// A candidate's full feature vector: its local features plus what the
/// article's readings (`ev`) and named areas (`cues`) say about it.
#[allow(clippy::too_many_arguments)]
fn features(
    gaz: &Gazetteer,
    w: &Weights,
    ev: &Evidence,
    cues: &ArticleCues,
    (gi, g, local): (usize, &Group, bool),
    own: &[newsgraph_doc::Span],
    c: &Cand,
) -> Features {
    let mut f = c.f;
    let e = gaz.place(c.place);
    let code = gaz.feature_code(e);
    let (doc_c, doc_a, dist) = ev.parts(gaz, gi, c.place);
    crate::set_feature!(
        f,
        "rules",
        c.score + w.doc_country * doc_c + w.doc_admin1 * doc_a - w.distance * dist.unwrap_or(0.0)
    );
    crate::set_feature!(f, "doc_country", doc_c);
    crate::set_feature!(f, "doc_admin1", doc_a);
    let area = is_country(code) || code == "CONT";
    match dist {
        Some(d) => crate::set_feature!(f, "distance", d),
        None if !area => crate::set_feature!(f, "no_anchor", 1.0),
        None => {}
    }
    let (a1, other_a1, a2, cc, other_cc) =
        cues.named
            .counts(own, usize::MAX, e.country, e.admin1, e.admin2);
    let a1_early = cues.named.counts(own, 400, e.country, e.admin1, e.admin2).0;
    let ln1 = |n: usize| (1.0 + n as f64).ln();
    if !area && code != "ADM1" {
        crate::set_feature!(f, "admin1_named", ln1(a1));
        crate::set_feature!(f, "other_admin1_named", ln1(other_a1));
        crate::set_feature!(f, "admin1_named_early", ln1(a1_early));
    }
    if !area && !is_division(code) {
        crate::set_feature!(f, "admin2_named", ln1(a2));
    }
    if !area {
        crate::set_feature!(f, "country_named", ln1(cc));
    }
    crate::set_feature!(f, "other_country_named", ln1(other_cc));
    let demonyms = cues
        .demonym_countries
        .iter()
        .filter(|d| **d == e.country)
        .count();
    crate::set_feature!(f, "demonym_country", ln1(demonyms));
    if area || is_division(code) {
        crate::set_feature!(f, "mentions_area", (g.members.len() as f64).ln());
    }
    if e.country == *b"US" {
        crate::set_feature!(f, "is_us", 1.0);
    }
    if !area && !is_division(code) {
        let n = cues.named.codeless_containing(gaz, own, c.place);
        crate::set_feature!(f, "near_area_named", ln1(n));
    }
    if local && code.starts_with("PPL") {
        crate::set_feature!(f, "local_pop", (1.0 + e.population as f64).ln());
    }
    if local && (code == "PPLC" || is_country(code)) {
        crate::set_feature!(f, "local_capital", 1.0);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerBuilder;

    fn entry(name: &str, admin2: &str, lat: f32, lon: f32) -> Entry {
        Entry {
            id: 1,
            name: name.into(),
            code: 0,
            country: *b"PH",
            admin1: "05".into(),
            admin2: admin2.into(),
            lat,
            lon,
            population: 1000,
        }
    }

    #[test]
    fn a_division_without_codes_contains_the_places_near_its_point() {
        let mut b = GazetteerBuilder::new();
        let province = b.add_place(entry("Sorsogon", "", 12.9, 124.0), "ADM2");
        let near = b.add_place(entry("Barcelona", "", 12.87, 124.14), "PPL");
        let far = b.add_place(entry("Naga", "", 13.62, 123.19), "PPL");
        let coded = b.add_place(entry("Albay", "41", 13.2, 123.6), "ADM2");
        let gaz = Gazetteer::open(&b.finish(1).unwrap()).unwrap();
        let (p, n, f, c) = (
            gaz.place(province),
            gaz.place(near),
            gaz.place(far),
            gaz.place(coded),
        );
        assert!(contains(&gaz, p, n));
        assert!(!contains(&gaz, p, f), "about 120 km away");
        // a division with codes is compared by codes, not by distance
        assert!(!contains(&gaz, c, n));
    }

    #[test]
    fn a_division_without_codes_has_the_population_of_the_places_in_its_reach() {
        let mut b = GazetteerBuilder::new();
        let province = b.add_place(
            Entry {
                population: 0,
                ..entry("Sorsogon", "", 12.9, 124.0)
            },
            "ADM2",
        );
        let near = b.add_place(entry("Barcelona", "", 12.87, 124.14), "PPL");
        b.add_place(entry("Naga", "", 13.62, 123.19), "PPL");
        let gaz = Gazetteer::open(&b.finish(1).unwrap()).unwrap();
        // Barcelona (1000 people) is within reach, Naga (about 120 km) is not
        assert_eq!(gaz.population_of(province), 1000);
        assert_eq!(gaz.population_of(near), 1000);
    }
}
