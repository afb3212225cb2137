//! Feature extraction: each token of a unit (a paragraph) becomes a list
//! of hashed feature ids.
//!
//! The hash (FNV-1a with a splitmix finaliser) is written here, as in the
//! NER model, because the trained weights depend on the exact values: they
//! must never change under a dependency update.
//!
//! Feature families (template numbers are part of the model format):
//! - **local**: the word, its shape and suffix, the words around it;
//! - **quotation marks**: inside a paired quotation ([`crate::marks`]),
//!   and where the quoted stretch begins and ends;
//! - **position**: first or last token of its sentence, sentence index in
//!   the paragraph;
//! - **cue lexicon**: the word's own cue statistics
//!   ([`crate::lexicon`], [`crate::tables::speech_verb`]), the nearest cue
//!   word left and right in the sentence (distance, word) and whether a
//!   "that" or a comma stands between;
//! - **entities**: the label of the name mention covering the token;
//! - **rules**: the role the quotation rules ([`crate::extract`]) gave the
//!   token (stacking: the tagger learns where the rules are right).

use super::tags::Tag;
use crate::tables::{is_in, speech_verb, SUBJECT_PRONOUNS};
use crate::view::View;
use crate::Config;
use std::ops::Range;

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

/// splitmix64's finaliser.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One tagging unit: the tokens of one paragraph's sentences (boilerplate
/// left out) and their features; token `i` of the unit is `tokens[i]` of
/// the view and has `feats[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    pub tokens: Vec<usize>,
    /// The sentence of each token (index into the document's sentences).
    pub sents: Vec<u32>,
    /// A hash of each token's lowercase form.
    pub words: Vec<u64>,
    pub offsets: Vec<u32>,
    pub feats: Vec<u64>,
}

impl Unit {
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

/// Distance buckets (in tokens): 1, 2, 3, 4–6, 7–10, 11–20, more.
fn dist_bucket(d: usize) -> u8 {
    match d {
        0..=3 => d as u8,
        4..=6 => 4,
        7..=10 => 5,
        11..=20 => 6,
        _ => 7,
    }
}

/// Word shape with runs collapsed: `Xx`, `x`, `d`, punctuation kept.
fn short_shape(s: &str) -> String {
    let mut out = String::new();
    let mut prev = None;
    for c in s.chars().take(12) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if prev != Some(k) {
            out.push(k);
        }
        prev = Some(k);
    }
    out
}

/// A token's class as a cue word: 0 none, 1 speech verb, else 2 + the
/// learned precision decile (lexicon rows with at least 3 cues).
fn cue_class(lower: &str) -> u8 {
    if speech_verb(lower).is_some() {
        return 1;
    }
    match crate::lexicon::lexicon().get(lower) {
        Some(s) if s.cues >= 3 => 2 + (s.precision() * 10.0).min(9.0) as u8,
        _ => 0,
    }
}

/// Whether a class counts as a likely cue for the distance features.
fn is_cue_like(class: u8) -> bool {
    class == 1 || class >= 5
}

/// The features of every unit of a document. `in_quote` marks tokens
/// inside paired quotation marks; `rules` is the rules' role of each token
/// (as a tag; `Tag::O` for none) and `rule_direct` whether that rule
/// quotation was direct.
pub fn units(v: &View, in_quote: &[bool], rules: &[Tag], rule_direct: &[bool]) -> Vec<Unit> {
    let n = v.tokens.len();
    let class: Vec<u8> = (0..n).map(|i| cue_class(v.low(i))).collect();
    let shapes: Vec<String> = (0..n).map(|i| short_shape(v.word(i))).collect();
    let ner: Vec<u8> = (0..n)
        .map(|i| match v.tok_mention[i] {
            crate::view::NONE => 0,
            m => 1 + v.mentions[m as usize].label as u8,
        })
        .collect();
    let mut out = Vec::new();
    let mut s = 0;
    while s < v.sents.len() {
        let para = v.sents[s].paragraph;
        let mut e = s;
        while e < v.sents.len() && v.sents[e].paragraph == para {
            e += 1;
        }
        if !v.sent_is_boilerplate(s) {
            let u = unit(v, s..e, in_quote, rules, rule_direct, &class, &shapes, &ner);
            if !u.is_empty() {
                out.push(u);
            }
        }
        s = e;
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn unit(
    v: &View,
    sents: Range<usize>,
    in_quote: &[bool],
    rules: &[Tag],
    rule_direct: &[bool],
    class: &[u8],
    shapes: &[String],
    ner: &[u8],
) -> Unit {
    let tokens = v.sents[sents.start].tokens.start..v.sents[sents.end - 1].tokens.end;
    let mut u = Unit {
        tokens: Vec::with_capacity(tokens.len()),
        sents: Vec::with_capacity(tokens.len()),
        words: Vec::with_capacity(tokens.len()),
        offsets: Vec::with_capacity(tokens.len() + 1),
        feats: Vec::with_capacity(tokens.len() * 48),
    };
    u.offsets.push(0);
    const PAD: &str = "<s>";
    let low = |i: isize| -> &str {
        if i < tokens.start as isize || i >= tokens.end as isize {
            PAD
        } else {
            v.low(i as usize)
        }
    };
    let rule = |i: isize| -> u8 {
        if i < tokens.start as isize || i >= tokens.end as isize {
            255
        } else {
            rules[i as usize].0
        }
    };
    let cues_in = |si: usize| -> u8 {
        if si < sents.start || si >= sents.end {
            return 9;
        }
        v.sents[si]
            .tokens
            .clone()
            .filter(|&i| is_cue_like(class[i]))
            .count()
            .min(3) as u8
    };
    // The paragraph opens with a name or label and a colon.
    let open = v.sents[sents.start].tokens.clone();
    let colon_open = (open.start..open.end.min(open.start + 5)).any(|t| v.low(t) == ":");
    for (k, si) in sents.clone().enumerate() {
        let sr = v.sents[si].tokens.clone();
        if sr.is_empty() {
            continue;
        }
        let cues: Vec<usize> = sr.clone().filter(|&i| is_cue_like(class[i])).collect();
        let n_cues = cues.len().min(3) as u8;
        // Cue words in the sentences around: content runs on from a cue
        // in the sentence before, or ends before one in the next.
        let around = [
            cues_in(si.wrapping_sub(1)),
            n_cues,
            cues_in(si + 1),
            (k == sents.len() - 1) as u8,
        ];
        let has_quote = sr.clone().any(|i| in_quote[i]);
        let sent_k = (k.min(3)) as u8;
        for i in sr.clone() {
            let ii = i as isize;
            u.tokens.push(i);
            u.sents.push(si as u32);
            u.words.push(hash_parts(1, &[v.low(i).as_bytes()]));
            let f = &mut u.feats;
            let mut add = |tpl: u8, parts: &[&[u8]]| f.push(hash_parts(tpl, parts));
            let lower = v.low(i).as_bytes();
            let shape = shapes[i].as_bytes();
            let q = [in_quote[i] as u8];
            let qp = [
                i > sr.start && in_quote[i - 1],
                i + 1 < sr.end && in_quote[i + 1],
            ]
            .map(u8::from);
            add(0, &[]);
            add(1, &[lower]);
            add(2, &[shape]);
            let lc: Vec<(usize, char)> = v.low(i).char_indices().collect();
            if lc.len() > 3 {
                add(3, &[&lower[lc[lc.len() - 3].0..]]);
            }
            add(4, &[low(ii - 1).as_bytes()]);
            add(5, &[low(ii + 1).as_bytes()]);
            add(6, &[low(ii - 2).as_bytes()]);
            add(7, &[low(ii + 2).as_bytes()]);
            add(8, &[low(ii - 1).as_bytes(), lower]);
            add(9, &[lower, low(ii + 1).as_bytes()]);
            add(10, &[&q]);
            add(11, &[&q, shape]);
            add(12, &[&q, &qp]);
            // Position in the sentence and the paragraph.
            let pos = [
                (i == sr.start) as u8,
                (i + 1 == sr.end) as u8,
                (i + 2 == sr.end) as u8,
                sent_k,
            ];
            add(13, &[&pos]);
            add(14, &[&pos, &q, shape]);
            let before_end = [dist_bucket(sr.end - 1 - i), dist_bucket(i - sr.start)];
            add(15, &[&before_end]);
            // Cue lexicon.
            let c = [class[i]];
            add(16, &[&c]);
            add(17, &[&c, low(ii + 1).as_bytes()]);
            add(18, &[&c, low(ii - 1).as_bytes()]);
            let left = cues.iter().rev().find(|&&j| j < i).copied();
            let right = cues.iter().find(|&&j| j > i).copied();
            let ld = left.map_or(0, |j| dist_bucket(i - j));
            let rd = right.map_or(0, |j| dist_bucket(j - i));
            let that_between =
                left.is_some_and(|j| (j + 1..=i).any(|t| matches!(v.low(t), "that")));
            let comma_left = left.is_some_and(|j| (j + 1..i).any(|t| v.low(t) == ","));
            let comma_right = right.is_some_and(|j| (i + 1..j).any(|t| v.low(t) == ","));
            let geo = [ld, rd, q[0], n_cues];
            add(19, &[&geo]);
            add(20, &[&[ld, that_between as u8, comma_left as u8, q[0]]]);
            add(21, &[&[rd, comma_right as u8, q[0]]]);
            if let Some(j) = left {
                add(22, &[v.low(j).as_bytes(), &q]);
                add(23, &[v.low(j).as_bytes(), &[ld]]);
            }
            if let Some(j) = right {
                add(24, &[v.low(j).as_bytes(), &q]);
                add(25, &[v.low(j).as_bytes(), &[rd]]);
            }
            add(26, &[&[n_cues, has_quote as u8, q[0]]]);
            // Entities and pronouns.
            let e = [ner[i], (i > 0 && ner[i - 1] == ner[i]) as u8];
            add(27, &[&e]);
            add(28, &[&e, &[ld.min(1), rd.min(1)]]);
            if is_in(SUBJECT_PRONOUNS, v.low(i)) {
                add(29, &[&[rd]]);
            }
            // The rules' output.
            let r = [rule(ii), rule_direct[i] as u8];
            add(30, &[&r]);
            add(31, &[&r, &q]);
            add(32, &[&[rule(ii - 1), r[0], rule(ii + 1)]]);
            add(33, &[&r, &c]);
            add(34, &[&r, &[ld, rd]]);
            add(35, &[&r, &pos]);
            add(36, &[&around, &q]);
            add(37, &[&around, &q, &[rule(ii)]]);
            // A paragraph that opens with a name and a colon (transcripts,
            // "Clinton: …").
            if k == 0 && i - sr.start < 4 {
                add(
                    38,
                    &[&[(i - sr.start) as u8], shape, low(ii + 1).as_bytes()],
                );
            }
            add(39, &[&[colon_open as u8, k.min(2) as u8], &q]);
            u.offsets.push(u.feats.len() as u32);
        }
    }
    u
}

/// Thresholds of the learned cues used by the distance features and the
/// rules run for stacking: the attribution configuration.
pub fn stacking_config() -> Config {
    Config {
        tagger: crate::TaggerUse::Off,
        ..Config::attribution()
    }
}

/// The second pass's features: the unit's own, plus what the first pass
/// tagged around each token — its own first-pass tag and its neighbours',
/// the nearest first-pass cue left and right in the sentence (distance
/// and word), and whether a first-pass source stands between.
// Token `i` indexes several parallel arrays (tags, left, right, words).
#[allow(clippy::needless_range_loop)]
pub fn with_first_pass(u: &Unit, first: &[Tag]) -> Unit {
    let n = u.len();
    let mut out = Unit {
        tokens: u.tokens.clone(),
        sents: u.sents.clone(),
        words: u.words.clone(),
        offsets: Vec::with_capacity(n + 1),
        feats: Vec::with_capacity(u.feats.len() + n * 12),
    };
    out.offsets.push(0);
    let role = |i: usize| first[i].role().map_or(9, |r| r as u8);
    let tag_at = |i: isize| -> u8 {
        if i < 0 || i as usize >= n {
            255
        } else {
            first[i as usize].0
        }
    };
    // Nearest first-pass cue token left and right within the sentence.
    let mut left: Vec<Option<usize>> = vec![None; n];
    let mut last: Option<usize> = None;
    for i in 0..n {
        if i > 0 && u.sents[i] != u.sents[i - 1] {
            last = None;
        }
        left[i] = last;
        if role(i) == super::tags::CUE as u8 {
            last = Some(i);
        }
    }
    let mut right: Vec<Option<usize>> = vec![None; n];
    let mut next: Option<usize> = None;
    for i in (0..n).rev() {
        if i + 1 < n && u.sents[i] != u.sents[i + 1] {
            next = None;
        }
        right[i] = next;
        if role(i) == super::tags::CUE as u8 {
            next = Some(i);
        }
    }
    let source_between =
        |a: usize, b: usize| (a + 1..b).any(|k| role(k) == super::tags::SOURCE as u8);
    for i in 0..n {
        out.feats.extend_from_slice(u.token(i));
        let ii = i as isize;
        let f = &mut out.feats;
        let mut add = |tpl: u8, parts: &[&[u8]]| f.push(hash_parts(tpl, parts));
        let t = [first[i].0];
        add(100, &[&t]);
        add(101, &[&[tag_at(ii - 1), t[0], tag_at(ii + 1)]]);
        add(102, &[&[tag_at(ii - 2), tag_at(ii - 1), t[0]]]);
        add(103, &[&t, &u.words[i].to_le_bytes()]);
        let ld = left[i].map_or(0, |j| dist_bucket(i - j));
        let rd = right[i].map_or(0, |j| dist_bucket(j - i));
        let sl = left[i].is_some_and(|j| source_between(j, i)) as u8;
        let sr = right[i].is_some_and(|j| source_between(i, j)) as u8;
        add(104, &[&[ld, rd, sl, sr]]);
        add(105, &[&[ld, rd], &t]);
        if let Some(j) = left[i] {
            add(106, &[&u.words[j].to_le_bytes(), &[ld.min(3)]]);
        }
        if let Some(j) = right[i] {
            add(107, &[&u.words[j].to_le_bytes(), &[rd.min(3)]]);
        }
        let sent_has_cue =
            (left[i].is_some() || right[i].is_some() || role(i) == super::tags::CUE as u8) as u8;
        add(108, &[&[sent_has_cue], &t]);
        out.offsets.push(out.feats.len() as u32);
    }
    out
}
