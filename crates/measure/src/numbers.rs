//! Numbers as people write them: "1,500", "2.5", "four hundred",
//! "twenty-one", "a dozen", "two-thirds", "5 1/2", "1.2bn", and the vague
//! magnitudes "dozens", "hundreds", "tens of thousands".
//!
//! The word tables below are the whole vocabulary; [`parse_number`] walks
//! them over [`Tok`]s.

use crate::tokens::Tok;

/// Cardinal words below one hundred.
pub const UNITS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

/// Words that multiply what precedes them ("four hundred", "5 million").
pub const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

/// Abbreviated scales written straight after digits ("$5m", "£1.2bn", "30k").
pub const SCALE_SUFFIXES: &[(&str, f64)] = &[
    ("k", 1e3),
    ("m", 1e6),
    ("mn", 1e6),
    ("mln", 1e6),
    ("bn", 1e9),
    ("b", 1e9),
    ("tn", 1e12),
    ("trn", 1e12),
];

/// Words that are a number by themselves ("a dozen eggs", "a score").
pub const GROUP_WORDS: &[(&str, f64)] = &[("dozen", 12.0), ("score", 20.0), ("couple", 2.0)];

/// Vague magnitudes: the plural marks an order of magnitude, given as the
/// range a reader would accept ("dozens" is more than two dozen and fewer
/// than a hundred).
pub const VAGUE: &[(&str, f64, f64)] = &[
    ("dozens", 24.0, 99.0),
    ("scores", 40.0, 99.0),
    ("hundreds", 200.0, 999.0),
    ("thousands", 2e3, 9_999.0),
    ("millions", 2e6, 9_999_999.0),
    ("billions", 2e9, 9_999_999_999.0),
    ("trillions", 2e12, 9_999_999_999_999.0),
];

/// "tens of thousands", "hundreds of millions": (first word, second word,
/// low, high).
pub const VAGUE_COMPOUND: &[(&str, &str, f64, f64)] = &[
    ("tens", "thousands", 2e4, 99_999.0),
    ("hundreds", "thousands", 2e5, 999_999.0),
    ("tens", "millions", 2e7, 99_999_999.0),
    ("hundreds", "millions", 2e8, 999_999_999.0),
];

/// Fraction denominators written as words ("two-thirds", "three quarters").
pub const FRACTIONS: &[(&str, f64)] = &[
    ("half", 2.0),
    ("halves", 2.0),
    ("third", 3.0),
    ("thirds", 3.0),
    ("quarter", 4.0),
    ("quarters", 4.0),
    ("fifth", 5.0),
    ("fifths", 5.0),
    ("tenth", 10.0),
    ("tenths", 10.0),
];

/// Ordinal words, for dates and quarters ("the third quarter", "May first").
pub const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
];

/// Suffixes that make digits an ordinal ("16th").
pub const ORDINAL_SUFFIXES: &[&str] = &["st", "nd", "rd", "th"];

pub fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// A number found at a token position.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    pub low: f64,
    pub high: f64,
    /// Index of the first token after the number.
    pub end: usize,
    /// Written in words ("four hundred") rather than digits.
    pub words: bool,
    /// A vague magnitude ("dozens", "tens of thousands").
    pub vague: bool,
    /// An ordinal ("third", "16th").
    pub ordinal: bool,
}

impl Num {
    pub fn value(&self) -> f64 {
        self.low
    }

    fn exact(v: f64, end: usize, words: bool) -> Num {
        Num {
            low: v,
            high: v,
            end,
            words,
            vague: false,
            ordinal: false,
        }
    }
}

/// Parses digits with separators: "1,500" → 1500, "2.5" → 2.5. A comma is
/// a thousands separator only before exactly three digits.
pub fn parse_digits(s: &str) -> Option<f64> {
    let mut parts = s.split(',');
    let head = parts.next()?;
    let mut out = head.to_string();
    for p in parts {
        let digits = p.split('.').next().unwrap_or("");
        if digits.len() != 3 {
            return None;
        }
        out.push_str(p);
    }
    out.parse().ok()
}

/// The number starting at token `i`, if any.
pub fn parse_number(toks: &[Tok], i: usize) -> Option<Num> {
    let t = toks.get(i)?;
    if t.is_number() {
        return parse_digit_number(toks, i);
    }
    if !t.is_word() {
        return None;
    }
    // vague magnitudes: "tens of thousands", "dozens"
    if let (Some(of), Some(second)) = (toks.get(i + 1), toks.get(i + 2)) {
        if of.is("of") {
            for &(a, b, lo, hi) in VAGUE_COMPOUND {
                if t.is(a) && second.is(b) {
                    return Some(Num {
                        low: lo,
                        high: hi,
                        end: i + 3,
                        words: true,
                        vague: true,
                        ordinal: false,
                    });
                }
            }
        }
    }
    for &(w, lo, hi) in VAGUE {
        if t.is(w) {
            return Some(Num {
                low: lo,
                high: hi,
                end: i + 1,
                words: true,
                vague: true,
                ordinal: false,
            });
        }
    }
    // "half of", "a quarter of", "a third of"
    let (a, k) = if t.is("a") { (true, i + 1) } else { (false, i) };
    if let (Some(f), Some(of)) = (toks.get(k), toks.get(k + 1)) {
        if of.is("of") && (f.is("half") || (a && lookup(FRACTIONS, &f.lower).is_some())) {
            let d = lookup(FRACTIONS, &f.lower).unwrap_or(2.0);
            return Some(Num::exact(1.0 / d, k + 1, true));
        }
    }
    if let Some(o) = lookup(ORDINALS, &t.lower) {
        return Some(Num {
            ordinal: true,
            ..Num::exact(o as f64, i + 1, true)
        });
    }
    parse_word_number(toks, i)
}

fn parse_digit_number(toks: &[Tok], i: usize) -> Option<Num> {
    let t = &toks[i];
    let mut v = parse_digits(&t.lower)?;
    let mut end = i + 1;
    if let Some(n) = toks.get(end) {
        if !n.space_before && n.is_word() {
            if ORDINAL_SUFFIXES.contains(&n.lower.as_str()) {
                return Some(Num {
                    ordinal: true,
                    ..Num::exact(v, end + 1, false)
                });
            }
            if let Some(s) = lookup(SCALE_SUFFIXES, &n.lower) {
                return Some(Num::exact(v * s, end + 1, false));
            }
        }
    }
    // "5 1/2"
    if let (Some(a), Some(sl), Some(b)) = (toks.get(end), toks.get(end + 1), toks.get(end + 2)) {
        if a.is_number() && sl.text == "/" && b.is_number() && !sl.space_before && !b.space_before {
            if let (Some(x), Some(y)) = (parse_digits(&a.lower), parse_digits(&b.lower)) {
                if y > 0.0 && x < y {
                    v += x / y;
                    end += 3;
                }
            }
        }
    }
    // "2.5 million"
    if let Some(n) = toks.get(end) {
        if let Some(s) = lookup(SCALES, &n.lower) {
            if s >= 1e3 || v < 100.0 {
                v *= s;
                end += 1;
            }
        }
    }
    Some(Num::exact(v, end, false))
}

/// Cardinal words: "four hundred", "twenty-one", "a dozen", "two
/// thousand five hundred", "one hundred and twenty", "two-thirds".
fn parse_word_number(toks: &[Tok], i: usize) -> Option<Num> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut j = i;
    let mut any = false;
    let mut last_end = i;
    // "a hundred", "a dozen", "an estimated"? only "a"/"an" before a scale.
    if toks[j].is("a") || toks[j].is("an") {
        let next = toks.get(j + 1)?;
        if lookup(SCALES, &next.lower).is_some() || lookup(GROUP_WORDS, &next.lower).is_some() {
            current = 1.0;
            j += 1;
        } else {
            return None;
        }
    }
    while let Some(t) = toks.get(j) {
        if let Some(v) = lookup(UNITS, &t.lower) {
            // "twenty-one", "twenty one"
            if any
                && current % 100.0 != 0.0
                && !(current >= 20.0 && current % 10.0 == 0.0 && v < 10.0)
            {
                break;
            }
            current += v;
            any = true;
            j += 1;
            last_end = j;
        } else if let Some(s) = lookup(SCALES, &t.lower) {
            if !any && current == 0.0 {
                return None;
            }
            if current == 0.0 {
                current = 1.0;
            }
            if s == 100.0 {
                current *= s;
            } else {
                total += current * s;
                current = 0.0;
            }
            any = true;
            j += 1;
            last_end = j;
        } else if let Some(g) = lookup(GROUP_WORDS, &t.lower) {
            if t.is("score") && current == 0.0 {
                break; // "a score" is more often a result than twenty
            }
            current = if current == 0.0 { g } else { current * g };
            any = true;
            j += 1;
            last_end = j;
            break;
        } else if (t.text == "-" || t.text == "‐") && !t.space_before && any {
            // hyphen inside "twenty-one" / "two-thirds"
            j += 1;
        } else if t.is("and") && any && current >= 100.0 {
            // "one hundred and twenty"
            j += 1;
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    // fractions: "two-thirds", "three quarters" (plural or hyphenated)
    if let Some(t) = toks.get(last_end).or_else(|| toks.get(j)) {
        let hyphenated = last_end > 0
            && toks
                .get(last_end)
                .is_some_and(|x| x.text == "-" && !x.space_before);
        let frac_tok = if hyphenated {
            toks.get(last_end + 1)
        } else {
            Some(t)
        };
        if let Some(f) = frac_tok {
            if let Some(d) = lookup(FRACTIONS, &f.lower) {
                // "three quarters of the vote", but "three quarters" alone
                // is more often three calendar quarters
                let plural =
                    f.lower.ends_with('s') && toks.get(last_end + 1).is_some_and(|t| t.is("of"));
                if (hyphenated || plural) && total == 0.0 && current < d {
                    let end = if hyphenated {
                        last_end + 2
                    } else {
                        last_end + 1
                    };
                    return Some(Num::exact(current / d, end, true));
                }
            }
        }
    }
    Some(Num::exact(total + current, last_end, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::pieces;
    use newsgraph_doc::Span;

    fn num(s: &str) -> Option<(f64, f64, usize)> {
        let t = pieces(s, Span::new(0, s.len()));
        parse_number(&t, 0).map(|n| (n.low, n.high, t[n.end - 1].span.end))
    }

    #[test]
    fn digits_with_separators_and_scales() {
        assert_eq!(num("1,500 people"), Some((1500.0, 1500.0, 5)));
        assert_eq!(num("2.5 million"), Some((2.5e6, 2.5e6, 11)));
        assert_eq!(num("1.2bn"), Some((1.2e9, 1.2e9, 5)));
        assert_eq!(num("5 1/2 hours"), Some((5.5, 5.5, 5)));
        assert_eq!(parse_digits("1,50"), None);
    }

    #[test]
    fn number_words() {
        assert_eq!(num("four hundred graves"), Some((400.0, 400.0, 12)));
        assert_eq!(num("twenty-one"), Some((21.0, 21.0, 10)));
        assert_eq!(num("a dozen eggs"), Some((12.0, 12.0, 7)));
        assert_eq!(num("one hundred and twenty"), Some((120.0, 120.0, 22)));
        assert_eq!(num("two thousand five hundred"), Some((2500.0, 2500.0, 25)));
        assert_eq!(num("two-thirds of"), Some((2.0 / 3.0, 2.0 / 3.0, 10)));
        assert_eq!(num("a house"), None);
    }

    #[test]
    fn vague_magnitudes() {
        assert_eq!(num("dozens more"), Some((24.0, 99.0, 6)));
        assert_eq!(num("tens of thousands"), Some((2e4, 99_999.0, 17)));
    }
}
