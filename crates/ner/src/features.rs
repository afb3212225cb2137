//! Feature extraction: each token becomes a list of hashed feature ids.
//!
//! Every feature is a template number plus one or more strings, hashed with
//! a hash written here (FNV-1a with a splitmix finaliser) rather than taken
//! from a crate, because the trained model depends on the exact hash values:
//! they must never change under a dependency update.
//!
//! Three kinds of features:
//! - **local**: the word, its lowercase, shape, prefixes and suffixes, the
//!   words and shapes around it, sentence start, all-caps sentence
//!   (CoNLL headlines);
//! - **resources** stored in the model: a gazetteer of entity strings by
//!   type (from the training data and the demonym table) and unsupervised
//!   word clusters learnt from unlabelled news text;
//! - **document**: how the same word is written elsewhere in the article
//!   (capitalised mid-sentence, lowercase, inside a longer capitalised name),
//!   which resolves sentence-initial and headline words.

use crate::tags::{chunks, Tag};
use std::collections::HashMap;

/// Hashes a feature template and its parts.
pub fn hash_parts(template: u8, parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    eat(template);
    for p in parts {
        for &b in *p {
            eat(b);
        }
        eat(0xff);
    }
    mix(h)
}

/// splitmix64's finaliser: spreads the FNV bits so that masking the low
/// bits gives uniform buckets.
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hash of a lowercased word, the key of the cluster table.
pub fn word_key(lower: &str) -> u64 {
    hash_parts(250, &[lower.as_bytes()])
}

/// Hash of a lowercased token sequence, the key of the gazetteer.
pub fn phrase_key(lowers: &[&str]) -> u64 {
    let parts: Vec<&[u8]> = lowers.iter().map(|s| s.as_bytes()).collect();
    hash_parts(251, &parts)
}

/// Normalises typographic variants to the forms the training data uses:
/// curly quotes to straight ones, dashes to `-`.
pub fn normalise(token: &str) -> String {
    token
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{00A0}' => ' ',
            c => c,
        })
        .collect()
}

/// Lowercase with every digit replaced by `0`, so that numbers share
/// features.
pub fn lower_key(norm: &str) -> String {
    norm.chars()
        .flat_map(|c| {
            let c = if c.is_ascii_digit() { '0' } else { c };
            c.to_lowercase()
        })
        .collect()
}

/// The word shape: `X` upper, `x` lower, `d` digit, other characters kept;
/// at most 16 characters.
pub fn shape(norm: &str) -> String {
    norm.chars()
        .take(16)
        .map(|c| {
            if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_numeric() {
                'd'
            } else if c.is_alphabetic() {
                'a'
            } else {
                c
            }
        })
        .collect()
}

/// The shape with runs of the same class collapsed (`Xxxxx` → `Xx`).
pub fn short_shape(shape: &str) -> String {
    let mut out = String::new();
    let mut prev = None;
    for c in shape.chars() {
        if prev != Some(c) {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// Gazetteer type bits: the four CoNLL types, then the demonym table.
pub const GAZ_TYPES: [&str; 5] = ["PER", "ORG", "LOC", "MISC", "DEMONYM"];

/// Longest gazetteer phrase, in tokens.
pub const GAZ_MAX_LEN: usize = 6;

/// The resources the features read: a gazetteer and word clusters.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    /// Phrase key ([`phrase_key`]) → bit set over [`GAZ_TYPES`].
    pub gazetteer: HashMap<u64, u8>,
    /// Word key ([`word_key`]) → cluster ids, coarse to fine.
    pub clusters: HashMap<u64, [u16; 2]>,
}

/// Per-token facts computed once per document.
struct Tok {
    norm: String,
    lower: String,
    shape: String,
    short: String,
    init_cap: bool,
}

/// Per-sentence facts.
struct Sent {
    toks: Vec<Tok>,
    /// Mostly upper case: a CoNLL headline or a shouting title.
    all_caps: bool,
}

/// Where a word occurs in a capitalised run of two or more tokens.
#[derive(Default, Clone, Copy)]
struct DocStats {
    cap_mid: u16,
    lower: u16,
    run_first: u16,
    run_inner: u16,
    run_last: u16,
}

/// Extracted features of one sentence: token `i` has
/// `feats[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Default)]
pub struct SentFeatures {
    pub offsets: Vec<u32>,
    pub feats: Vec<u64>,
}

impl SentFeatures {
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn token(&self, i: usize) -> &[u64] {
        &self.feats[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

fn is_word_like(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// Extracts the features of every token of a document (a list of
/// sentences of token strings).
pub fn document_features(res: &Resources, doc: &[Vec<&str>]) -> Vec<SentFeatures> {
    let sents: Vec<Sent> = doc
        .iter()
        .map(|s| {
            let toks: Vec<Tok> = s
                .iter()
                .map(|t| {
                    let norm = normalise(t);
                    let lower = lower_key(&norm);
                    let shape = shape(&norm);
                    let short = short_shape(&shape);
                    let init_cap = norm.chars().next().is_some_and(char::is_uppercase);
                    Tok {
                        norm,
                        lower,
                        shape,
                        short,
                        init_cap,
                    }
                })
                .collect();
            let letters: Vec<&Tok> = toks.iter().filter(|t| is_word_like(&t.norm)).collect();
            let caps = letters
                .iter()
                .filter(|t| !t.norm.chars().any(char::is_lowercase))
                .count();
            let all_caps = letters.len() >= 2 && caps * 10 >= letters.len() * 8;
            Sent { toks, all_caps }
        })
        .collect();

    // Document statistics: how each word is written elsewhere.
    let mut stats: HashMap<&str, DocStats> = HashMap::new();
    let mut own: Vec<Vec<DocStats>> = Vec::with_capacity(sents.len());
    for s in &sents {
        let mut mine = vec![DocStats::default(); s.toks.len()];
        if !s.all_caps {
            let n = s.toks.len();
            let cap = |i: usize| s.toks[i].init_cap && is_word_like(&s.toks[i].norm);
            for (i, t) in s.toks.iter().enumerate() {
                if !is_word_like(&t.norm) {
                    continue;
                }
                let m = &mut mine[i];
                if t.init_cap && i > 0 {
                    m.cap_mid = 1;
                }
                if !t.init_cap {
                    m.lower = 1;
                }
                if cap(i) {
                    let prev = i > 0 && cap(i - 1);
                    let next = i + 1 < n && cap(i + 1);
                    match (prev, next) {
                        (false, true) => m.run_first = 1,
                        (true, true) => m.run_inner = 1,
                        (true, false) => m.run_last = 1,
                        (false, false) => {}
                    }
                }
            }
            for (t, m) in s.toks.iter().zip(&mine) {
                let e = stats.entry(t.lower.as_str()).or_default();
                e.cap_mid += m.cap_mid;
                e.lower += m.lower;
                e.run_first += m.run_first;
                e.run_inner += m.run_inner;
                e.run_last += m.run_last;
            }
        }
        own.push(mine);
    }

    let mut out = Vec::with_capacity(sents.len());
    let mut gaz: Vec<Vec<(u8, u8)>> = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let n = s.toks.len();
        let mut sf = SentFeatures {
            offsets: Vec::with_capacity(n + 1),
            feats: Vec::with_capacity(n * 48),
        };
        sf.offsets.push(0);
        gazetteer_matches(res, s, &mut gaz);
        let caps: &[u8] = if s.all_caps { b"C" } else { b"c" };
        const PAD: &str = "<s>";
        let lower_at = |i: isize| -> &str {
            if i < 0 || i as usize >= n {
                PAD
            } else {
                &s.toks[i as usize].lower
            }
        };
        let norm_at = |i: isize| -> &str {
            if i < 0 || i as usize >= n {
                PAD
            } else {
                &s.toks[i as usize].norm
            }
        };
        let short_at = |i: isize| -> &str {
            if i < 0 || i as usize >= n {
                PAD
            } else {
                &s.toks[i as usize].short
            }
        };
        for (i, t) in s.toks.iter().enumerate() {
            let ii = i as isize;
            let f = &mut sf.feats;
            let mut add = |tpl: u8, parts: &[&[u8]]| f.push(hash_parts(tpl, parts));
            let lower = t.lower.as_bytes();
            let norm = t.norm.as_bytes();
            let short = t.short.as_bytes();
            add(0, &[]);
            add(1, &[norm]);
            add(2, &[lower]);
            add(3, &[t.shape.as_bytes()]);
            add(4, &[short]);
            let chars: Vec<(usize, char)> = t.norm.char_indices().collect();
            let lchars: Vec<(usize, char)> = t.lower.char_indices().collect();
            for k in 1..=4usize {
                if chars.len() > k {
                    add(4 + k as u8, &[&norm[..chars[k].0]]);
                }
                if lchars.len() > k {
                    add(8 + k as u8, &[&lower[lchars[lchars.len() - k].0..]]);
                }
            }
            add(13, &[lower_at(ii - 1).as_bytes()]);
            add(14, &[lower_at(ii + 1).as_bytes()]);
            add(15, &[lower_at(ii - 2).as_bytes()]);
            add(16, &[lower_at(ii + 2).as_bytes()]);
            add(17, &[lower_at(ii - 1).as_bytes(), lower]);
            add(18, &[lower, lower_at(ii + 1).as_bytes()]);
            add(
                19,
                &[
                    short_at(ii - 1).as_bytes(),
                    short,
                    short_at(ii + 1).as_bytes(),
                ],
            );
            add(20, &[short_at(ii - 1).as_bytes(), short]);
            add(21, &[short, short_at(ii + 1).as_bytes()]);
            let first: &[u8] = if i == 0 { b"1" } else { b"0" };
            add(22, &[first, short]);
            add(23, &[caps, lower]);
            add(24, &[caps, short]);
            add(25, &[norm_at(ii - 1).as_bytes()]);
            add(26, &[norm_at(ii + 1).as_bytes()]);
            add(27, &[lower_at(ii - 1).as_bytes(), short]);
            add(28, &[short, lower_at(ii + 1).as_bytes()]);
            // Gazetteer: (type bit, position code) pairs at this token.
            for &(ty, pos) in &gaz[i] {
                add(30, &[&[ty, pos]]);
                add(31, &[&[ty, pos], short]);
            }
            // Clusters of the word and its neighbours.
            for (off, tpl) in [(0isize, 40u8), (-1, 42), (1, 44)] {
                let j = ii + off;
                if j < 0 || j as usize >= n {
                    continue;
                }
                let key = word_key(&s.toks[j as usize].lower);
                if let Some(c) = res.clusters.get(&key) {
                    add(tpl, &[&c[0].to_le_bytes()]);
                    add(tpl + 1, &[&c[1].to_le_bytes()]);
                    if off == 0 {
                        add(46, &[&c[1].to_le_bytes(), short]);
                    }
                } else if off == 0 {
                    add(47, &[short]);
                }
            }
            // Document: the same word elsewhere in the article.
            if is_word_like(&t.norm) {
                let all = stats.get(t.lower.as_str()).copied().unwrap_or_default();
                let me = own[si][i];
                let flag = |a: u16, b: u16| -> u8 { u8::from(a > b) };
                let doc = [
                    flag(all.cap_mid, me.cap_mid),
                    flag(all.lower, me.lower),
                    flag(all.run_first, me.run_first),
                    flag(all.run_inner, me.run_inner),
                    flag(all.run_last, me.run_last),
                ];
                let pos: &[u8] = if s.all_caps {
                    b"H"
                } else if i == 0 {
                    b"S"
                } else {
                    b"M"
                };
                add(50, &[&doc, pos]);
                add(51, &[&doc, short]);
                for (k, &d) in doc.iter().enumerate() {
                    if d == 1 {
                        add(52, &[&[k as u8], pos]);
                    }
                }
            }
            sf.offsets.push(sf.feats.len() as u32);
        }
        out.push(sf);
    }
    out
}

/// Adds the second stage's features to a document's features: what the
/// first stage said about the same words across the article.
///
/// - the first-stage tag of the token itself;
/// - the majority entity type of the other occurrences of the same word,
///   and how often they were tagged as entities at all;
/// - whether the token lies inside a phrase that the first stage tagged as
///   an entity somewhere in the article (by type and position), so that a
///   name tagged once is found again, also in headlines.
pub fn add_label_features(feats: &mut [SentFeatures], doc: &[Vec<&str>], stage1: &[Vec<Tag>]) {
    let lowers: Vec<Vec<String>> = doc
        .iter()
        .map(|s| s.iter().map(|t| lower_key(&normalise(t))).collect())
        .collect();
    // Word → counts by type (0..4) and O (4).
    let mut words: HashMap<&str, [u16; 5]> = HashMap::new();
    // Entity phrase → counts by type.
    let mut phrases: HashMap<u64, [u16; 4]> = HashMap::new();
    for (ws, tags) in lowers.iter().zip(stage1) {
        for (w, t) in ws.iter().zip(tags) {
            if is_word_like(w) {
                words.entry(w.as_str()).or_default()[t.type_index().unwrap_or(4)] += 1;
            }
        }
        for (a, b, ty) in chunks(tags) {
            if b - a <= GAZ_MAX_LEN {
                let refs: Vec<&str> = ws[a..b].iter().map(String::as_str).collect();
                phrases.entry(phrase_key(&refs)).or_default()[ty] += 1;
            }
        }
    }
    let majority = |c: &[u16]| -> Option<u8> {
        let (i, &m) = c
            .iter()
            .enumerate()
            .max_by_key(|(i, &n)| (n, std::cmp::Reverse(*i)))?;
        (m > 0).then_some(i as u8)
    };
    for ((sf, ws), tags) in feats.iter_mut().zip(&lowers).zip(stage1) {
        let n = ws.len();
        let mut extra: Vec<Vec<u64>> = vec![Vec::new(); n];
        for (i, (w, t)) in ws.iter().zip(tags).enumerate() {
            let e = &mut extra[i];
            e.push(hash_parts(60, &[&[t.0]]));
            if !is_word_like(w) {
                continue;
            }
            let mut c = words.get(w.as_str()).copied().unwrap_or_default();
            c[t.type_index().unwrap_or(4)] -= 1;
            let ent: u16 = c[..4].iter().sum();
            let total = ent + c[4];
            if total == 0 {
                e.push(hash_parts(61, &[]));
                continue;
            }
            let frac = match (ent, c[4]) {
                (0, _) => 0u8,
                (_, 0) => 3,
                (a, b) if a >= b => 2,
                _ => 1,
            };
            e.push(hash_parts(62, &[&[frac]]));
            if let Some(m) = majority(&c[..4]).filter(|_| ent > 0) {
                e.push(hash_parts(63, &[&[m, frac]]));
                e.push(hash_parts(64, &[&[m, t.0]]));
            }
        }
        let refs: Vec<&str> = ws.iter().map(String::as_str).collect();
        for start in 0..n {
            if !is_word_like(refs[start]) {
                continue;
            }
            let mut best = None;
            for len in 1..=GAZ_MAX_LEN.min(n - start) {
                if let Some(c) = phrases.get(&phrase_key(&refs[start..start + len])) {
                    best = Some((len, *c));
                }
            }
            let Some((len, c)) = best else { continue };
            let Some(m) = majority(&c) else { continue };
            for k in 0..len {
                let code = if len == 1 {
                    0u8
                } else if k == 0 {
                    1
                } else {
                    2
                };
                extra[start + k].push(hash_parts(65, &[&[m, code]]));
            }
        }
        let mut merged = SentFeatures {
            offsets: Vec::with_capacity(n + 1),
            feats: Vec::with_capacity(sf.feats.len() + n * 6),
        };
        merged.offsets.push(0);
        for (i, e) in extra.iter().enumerate() {
            merged.feats.extend_from_slice(sf.token(i));
            merged.feats.extend_from_slice(e);
            merged.offsets.push(merged.feats.len() as u32);
        }
        *sf = merged;
    }
}

/// For each token, the gazetteer matches covering it: `(type bit, code)`
/// where code is 0 single-token match, 1 first, 2 inside, 3 last token of a
/// longer match. Longest match from each start.
fn gazetteer_matches(res: &Resources, s: &Sent, out: &mut Vec<Vec<(u8, u8)>>) {
    let n = s.toks.len();
    out.clear();
    out.resize(n, Vec::new());
    if res.gazetteer.is_empty() {
        return;
    }
    let lowers: Vec<&str> = s.toks.iter().map(|t| t.lower.as_str()).collect();
    for start in 0..n {
        if !is_word_like(lowers[start]) {
            continue;
        }
        let mut best: Option<(usize, u8)> = None;
        for len in 1..=GAZ_MAX_LEN.min(n - start) {
            if let Some(&mask) = res.gazetteer.get(&phrase_key(&lowers[start..start + len])) {
                best = Some((len, mask));
            }
        }
        let Some((len, mask)) = best else { continue };
        for bit in 0..GAZ_TYPES.len() as u8 {
            if mask & (1 << bit) == 0 {
                continue;
            }
            for k in 0..len {
                let code = if len == 1 {
                    0
                } else if k == 0 {
                    1
                } else if k + 1 == len {
                    3
                } else {
                    2
                };
                out[start + k].push((bit, code));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_normalisation() {
        assert_eq!(shape("McDonald's"), "XxXxxxxx'x");
        assert_eq!(short_shape("XxXxxxxx'x"), "XxXx'x");
        assert_eq!(normalise("Zelenskyy\u{2019}s"), "Zelenskyy's");
        assert_eq!(lower_key("G7-2022"), "g0-0000");
    }

    #[test]
    fn every_token_gets_features_and_offsets_line_up() {
        let doc = vec![
            vec!["EU", "rejects", "German", "call"],
            vec!["Peter", "Blackburn"],
        ];
        let f = document_features(&Resources::default(), &doc);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].len(), 4);
        assert_eq!(f[1].len(), 2);
        assert!(f[1].token(1).len() > 20);
        // The same word in the same context has the same features.
        let again = document_features(&Resources::default(), &doc);
        assert_eq!(f[0].token(2), again[0].token(2));
    }

    #[test]
    fn gazetteer_marks_the_longest_match() {
        let mut res = Resources::default();
        res.gazetteer.insert(phrase_key(&["new", "york"]), 1 << 2);
        res.gazetteer.insert(phrase_key(&["new"]), 1 << 3);
        let doc = vec![vec!["in", "New", "York", "today"]];
        let with = document_features(&res, &doc);
        let without = document_features(&Resources::default(), &doc);
        assert!(with[0].token(1).len() > without[0].token(1).len());
        assert_eq!(with[0].token(0).len(), without[0].token(0).len());
    }
}
