//! Quantities: numbers with their bounds, ranges, units or currencies, the
//! noun they count, and the GDELT-style category a nearby verb gives them.
//!
//! A quantity is matched at a token as
//! `[bound] [currency] number [range] [scale] [unit | currency word]`,
//! each part from a named table below. Numbers inside a time expression
//! ("three days", "16 September") belong to the times layer and are
//! skipped here; so are ordinals, ages ("25-year-old"), model names
//! ("F-16", "Covid-19") and a lone "one" ("one of them").

use crate::numbers::{lookup, parse_number};
use crate::tokens::Tok;
use newsgraph_doc::{Place, Quantity, Span};

/// How a bound word turns a number `n` into a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// `[n, ∞)`: "more than", "at least".
    Lower,
    /// `(−∞, n]`: "up to", "nearly", "fewer than".
    Upper,
    /// `≈ n`: "about", "some".
    Approx,
}

/// Bound words before a number: (words, bound, qualifier).
pub const BOUNDS: &[(&[&str], Bound, &str)] = &[
    (&["more", "than"], Bound::Lower, "more_than"),
    (&["over"], Bound::Lower, "more_than"),
    (&["upwards", "of"], Bound::Lower, "more_than"),
    (&["in", "excess", "of"], Bound::Lower, "more_than"),
    (&["at", "least"], Bound::Lower, "at_least"),
    (&["no", "fewer", "than"], Bound::Lower, "at_least"),
    (&["no", "less", "than"], Bound::Lower, "at_least"),
    (&["up", "to"], Bound::Upper, "up_to"),
    (&["as", "many", "as"], Bound::Upper, "up_to"),
    (&["as", "much", "as"], Bound::Upper, "up_to"),
    (&["as", "high", "as"], Bound::Upper, "up_to"),
    (&["at", "most"], Bound::Upper, "at_most"),
    (&["no", "more", "than"], Bound::Upper, "at_most"),
    (&["fewer", "than"], Bound::Upper, "less_than"),
    (&["less", "than"], Bound::Upper, "less_than"),
    (&["under"], Bound::Upper, "less_than"),
    (&["below"], Bound::Upper, "less_than"),
    (&["nearly"], Bound::Upper, "nearly"),
    (&["almost"], Bound::Upper, "nearly"),
    (&["close", "to"], Bound::Upper, "nearly"),
    (&["just", "under"], Bound::Upper, "nearly"),
    (&["about"], Bound::Approx, "about"),
    (&["around"], Bound::Approx, "about"),
    (&["approximately"], Bound::Approx, "about"),
    (&["roughly"], Bound::Approx, "about"),
    (&["some"], Bound::Approx, "about"),
    (&["an", "estimated"], Bound::Approx, "about"),
    (&["estimated"], Bound::Approx, "about"),
    (&["approx"], Bound::Approx, "about"),
];

/// Bound words after the number: (words, (bound, qualifier)).
pub const SUFFIX_BOUNDS: &[(&[&str], (Bound, &str))] = &[
    (&["or", "less"], (Bound::Upper, "at_most")),
    (&["or", "fewer"], (Bound::Upper, "at_most")),
    (&["or", "under"], (Bound::Upper, "at_most")),
    (&["or", "more"], (Bound::Lower, "at_least")),
    (&["or", "over"], (Bound::Lower, "at_least")),
    (&["and", "over"], (Bound::Lower, "at_least")),
    (&["and", "above"], (Bound::Lower, "at_least")),
    (&["plus"], (Bound::Lower, "at_least")),
];

/// Currency signs written before the number.
pub const CURRENCY_SIGNS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₽", "RUB"),
    ("₴", "UAH"),
];

/// Letters glued before "$": "US$", "A$", "HK$".
pub const DOLLAR_PREFIXES: &[(&str, &str)] = &[
    ("us", "USD"),
    ("a", "AUD"),
    ("au", "AUD"),
    ("c", "CAD"),
    ("ca", "CAD"),
    ("nz", "NZD"),
    ("hk", "HKD"),
    ("s", "SGD"),
];

/// Currency words and codes after the number.
pub const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("usd", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("eur", "EUR"),
    ("pounds", "GBP"),
    ("sterling", "GBP"),
    ("gbp", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("rupees", "INR"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("hryvnias", "UAH"),
    ("hryvnia", "UAH"),
    ("francs", "CHF"),
    ("pesos", "MXN"),
];

/// Units after the number: (words, canonical unit). Longest first.
pub const UNITS: &[(&[&str], &str)] = &[
    (&["square", "kilometres"], "km2"),
    (&["square", "kilometers"], "km2"),
    (&["square", "kilometre"], "km2"),
    (&["square", "kilometer"], "km2"),
    (&["sq", "km"], "km2"),
    (&["km", "²"], "km2"),
    (&["km2"], "km2"),
    (&["square", "miles"], "mi2"),
    (&["square", "mile"], "mi2"),
    (&["sq", "miles"], "mi2"),
    (&["square", "metres"], "m2"),
    (&["square", "meters"], "m2"),
    (&["square", "feet"], "ft2"),
    (&["cubic", "metres"], "m3"),
    (&["cubic", "meters"], "m3"),
    (&["kilometres"], "km"),
    (&["kilometers"], "km"),
    (&["kilometre"], "km"),
    (&["kilometer"], "km"),
    (&["km"], "km"),
    (&["miles"], "mi"),
    (&["mile"], "mi"),
    (&["metres"], "m"),
    (&["meters"], "m"),
    (&["feet"], "ft"),
    (&["ft"], "ft"),
    (&["tonnes"], "t"),
    (&["tons"], "t"),
    (&["tonne"], "t"),
    (&["ton"], "t"),
    (&["kilograms"], "kg"),
    (&["kilogrammes"], "kg"),
    (&["kg"], "kg"),
    (&["hectares"], "ha"),
    (&["acres"], "acre"),
    (&["barrels"], "bbl"),
    (&["litres"], "l"),
    (&["liters"], "l"),
    (&["gallons"], "gal"),
    (&["megawatts"], "MW"),
    (&["mw"], "MW"),
    (&["percentage", "points"], "pp"),
    (&["percent"], "percent"),
    (&["per", "cent"], "percent"),
    (&["%"], "percent"),
    (&["degrees"], "deg"),
    (&["mph"], "mph"),
    (&["yards"], "yd"),
    (&["yard"], "yd"),
    (&["inches"], "in"),
];

/// Words between a number and what it counts that are not the head:
/// "dozens more settlements", "400 other people".
pub const COUNT_SKIP: &[&str] = &[
    "more",
    "other",
    "additional",
    "extra",
    "further",
    "new",
    "of",
    "the",
    "these",
    "those",
    "such",
    "fewer",
    "less",
];

/// Words that end the counted noun phrase.
pub const COUNT_STOP: &[&str] = &[
    "in",
    "on",
    "at",
    "from",
    "to",
    "for",
    "with",
    "by",
    "of",
    "near",
    "across",
    "including",
    "after",
    "before",
    "during",
    "since",
    "as",
    "than",
    "that",
    "who",
    "which",
    "whom",
    "were",
    "was",
    "are",
    "is",
    "have",
    "had",
    "has",
    "been",
    "be",
    "will",
    "would",
    "could",
    "can",
    "said",
    "and",
    "or",
    "but",
    "a",
    "an",
    "the",
    "their",
    "its",
    "his",
    "her",
    "this",
    "these",
    "those",
    "per",
    "each",
    "a",
    "ago",
    "earlier",
    "later",
    "old",
    "when",
    "where",
    "while",
    "into",
    "over",
    "under",
    "more",
    "less",
    "than",
    "it",
    "they",
    "we",
    "he",
    "she",
    "not",
    "so",
    "all",
    "out",
    "up",
    "down",
    "off",
    "about",
    "around",
    "amid",
    "against",
    "between",
    "among",
    "through",
    "behind",
    "s",
    "also",
    "still",
    "already",
    "only",
    "just",
    "like",
    "others",
    "them",
];

/// Verbs after which "over" is a particle, not "more than" ("handed over
/// $25 million").
pub const PARTICLE_VERBS: &[&str] = &[
    "handed", "hand", "hands", "handing", "turned", "turn", "turns", "took", "take", "takes",
    "taken", "signed", "passed", "paid", "won", "fought", "argued", "fell", "rolled",
];

/// The most words a counted noun phrase may have ("three separate major
/// bank deregulation bills" has five).
pub const COUNT_MAX_WORDS: usize = 5;

/// Past participles without "-ed" that end a counted noun phrase ("jobs
/// lost", "votes cast").
pub const IRREGULAR_PARTICIPLES: &[&str] = &[
    "hidden", "stolen", "written", "driven", "broken", "remain", "remained", "remains", "live",
    "lived", "lives", "say", "says", "face", "faced", "need", "needed", "want", "wanted", "work",
    "worked", "voted", "vote", "stayed", "gathered", "without", "attend", "attended", "came",
    "went", "go", "come", "include", "included", "includes", "were", "are", "lost", "held", "made",
    "left", "taken", "given", "found", "seen", "sent", "paid", "spent", "won", "cast", "read",
    "said", "told", "built", "sold", "brought", "caught", "hit", "shot", "cut", "put", "run",
    "set", "kept", "got", "gone", "known", "shown", "born", "slain",
];

/// Verbs and nouns that put a count into a GDELT category: (word, category).
pub const CATEGORY_TRIGGERS: &[(&str, &str)] = &[
    ("killed", "KILL"),
    ("kill", "KILL"),
    ("kills", "KILL"),
    ("killing", "KILL"),
    ("dead", "KILL"),
    ("died", "KILL"),
    ("die", "KILL"),
    ("deaths", "KILL"),
    ("death", "KILL"),
    ("dying", "KILL"),
    ("slain", "KILL"),
    ("massacred", "KILL"),
    ("perished", "KILL"),
    ("fatalities", "KILL"),
    ("lives", "KILL"),
    ("bodies", "KILL"),
    ("wounded", "WOUND"),
    ("wounding", "WOUND"),
    ("injured", "WOUND"),
    ("injuring", "WOUND"),
    ("injuries", "WOUND"),
    ("hurt", "WOUND"),
    ("hospitalised", "WOUND"),
    ("hospitalized", "WOUND"),
    ("arrested", "ARREST"),
    ("arrest", "ARREST"),
    ("arrests", "ARREST"),
    ("detained", "ARREST"),
    ("detaining", "ARREST"),
    ("jailed", "ARREST"),
    ("imprisoned", "ARREST"),
    ("custody", "ARREST"),
    ("kidnapped", "KIDNAP"),
    ("kidnapping", "KIDNAP"),
    ("abducted", "KIDNAP"),
    ("abducting", "KIDNAP"),
    ("hostage", "KIDNAP"),
    ("hostages", "KIDNAP"),
    ("protest", "PROTEST"),
    ("protested", "PROTEST"),
    ("protesting", "PROTEST"),
    ("protests", "PROTEST"),
    ("protesters", "PROTEST"),
    ("protestors", "PROTEST"),
    ("demonstrators", "PROTEST"),
    ("demonstrated", "PROTEST"),
    ("rallied", "PROTEST"),
    ("marched", "PROTEST"),
    ("seized", "SEIZE"),
    ("seizing", "SEIZE"),
    ("seizure", "SEIZE"),
    ("confiscated", "SEIZE"),
    ("impounded", "SEIZE"),
    ("affected", "AFFECT"),
    ("displaced", "AFFECT"),
    ("evacuated", "AFFECT"),
    ("homeless", "AFFECT"),
    ("fled", "AFFECT"),
    ("refugees", "AFFECT"),
    ("stranded", "AFFECT"),
];

/// How far (in tokens, either side, inside the sentence) a trigger may be
/// from the count it types.
pub const CATEGORY_WINDOW: usize = 8;

/// Categories that may type an amount with a unit ("seized 2 tonnes").
pub const CATEGORIES_WITH_UNITS: &[&str] = &["SEIZE"];

/// One quantity with its token extent, before spans are made absolute.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub quantity: Quantity,
}

fn seq(toks: &[Tok], i: usize, words: &[&str]) -> Option<usize> {
    for (k, w) in words.iter().enumerate() {
        if !toks.get(i + k).is_some_and(|t| t.is(w)) {
            return None;
        }
    }
    Some(i + words.len())
}

fn longest<T: Copy>(toks: &[Tok], i: usize, table: &[(&[&str], T)]) -> Option<(usize, T)> {
    table
        .iter()
        .filter_map(|&(w, v)| seq(toks, i, w).map(|e| (e, v)))
        .max_by_key(|(e, _)| *e)
}

/// Currency written before the number at `i`: returns (currency, index of
/// the number).
fn currency_before(toks: &[Tok], i: usize) -> Option<(&'static str, usize)> {
    let t = toks.get(i)?;
    if let Some(c) = lookup(CURRENCY_SIGNS, t.text) {
        if t.text == "$" && i > 0 && !t.space_before {
            if let Some(p) = lookup(DOLLAR_PREFIXES, &toks[i - 1].lower) {
                return Some((p, i + 1));
            }
        }
        return Some((c, i + 1));
    }
    // "US$5m": the letters come first
    if let (Some(p), Some(d)) = (lookup(DOLLAR_PREFIXES, &t.lower), toks.get(i + 1)) {
        if d.text == "$" && !d.space_before {
            return Some((p, i + 2));
        }
    }
    None
}

/// Whether the number at `i` is part of a name or code ("F-16",
/// "Covid-19", "G7", "No. 10").
fn is_code(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    // identifiers and timestamps: long digit strings without separators
    if t.text.len() >= 8 && t.text.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    // "15px", "27City": letters glued after the digits that are no unit
    if let Some(n) = toks.get(i + 1) {
        if !n.space_before
            && n.is_word()
            && longest(toks, i + 1, UNITS).is_none()
            && lookup(crate::numbers::SCALE_SUFFIXES, &n.lower).is_none()
            && !crate::numbers::ORDINAL_SUFFIXES.contains(&n.lower.as_str())
        {
            return true;
        }
    }
    // "9/11", "401(k)", "24/7"
    let glued = |k: usize| toks.get(k).is_some_and(|n| !n.space_before);
    if glued(i + 1) && matches!(toks[i + 1].text, "/" | "(") {
        return true;
    }
    if i > 0 && !t.space_before && toks[i - 1].text == "/" {
        return true;
    }
    // names: "Fortune 500", "Part 3", "Radio Four" (a capitalised word, not
    // the first of the sentence, right before the number)
    let unit_after = longest(toks, i + 1, UNITS).is_some()
        || toks
            .get(i + 1)
            .is_some_and(|n| lookup(crate::numbers::SCALES, &n.lower).is_some());
    if i > 1 && toks[i - 1].is_word() && toks[i - 1].is_capitalized() && !unit_after {
        return true;
    }
    if i > 0 && !t.space_before && toks[i - 1].is_word() {
        return true; // "G7"
    }
    if i > 1 && !t.space_before && toks[i - 1].text == "-" && !toks[i - 1].space_before {
        return toks[i - 2].is_word(); // "F-16"
    }
    if i > 0 && (toks[i - 1].is("no") || toks[i - 1].text == "#") {
        return true;
    }
    false
}

/// Whether the number at `i` is an age: "Clarke, 61, said", "aged 25",
/// "the age of 25".
fn is_age(toks: &[Tok], i: usize) -> bool {
    let prev = |k: usize| i.checked_sub(k).and_then(|j| toks.get(j));
    if prev(1).is_some_and(|t| t.is("aged"))
        || (prev(1).is_some_and(|t| t.is("of")) && prev(2).is_some_and(|t| t.is("age")))
    {
        return true;
    }
    prev(1).is_some_and(|t| t.text == ",")
        && prev(2).is_some_and(|t| t.is_word() && t.is_capitalized())
        && toks.get(i + 1).is_some_and(|t| t.text == ",")
}

/// Finds the quantities among `toks`, skipping tokens for which `taken`
/// is true (those inside time expressions).
pub fn find(toks: &[Tok], taken: &[bool]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match match_at(toks, i, taken) {
            Some(f) => {
                i = f.end;
                out.push(f);
            }
            None => i += 1,
        }
    }
    out
}

fn match_at(toks: &[Tok], i: usize, taken: &[bool]) -> Option<Found> {
    if taken.get(i).copied().unwrap_or(false) {
        return None;
    }
    let start = i;
    let mut j = i;
    let mut bound = None;
    if let Some((e, b)) = BOUNDS
        .iter()
        .filter_map(|&(w, b, q)| seq(toks, i, w).map(|e| (e, (b, q))))
        .max_by_key(|(e, _)| *e)
    {
        bound = Some(b);
        j = e;
    }
    // "handed over $25 million": "over" after a verb is a particle
    if bound.is_some_and(|(_, q)| q == "more_than")
        && toks[i].is("over")
        && i > 0
        && PARTICLE_VERBS.contains(&toks[i - 1].lower.as_str())
    {
        return None;
    }
    let mut unit: Option<&str> = None;
    if let Some((c, e)) = currency_before(toks, j) {
        unit = Some(c);
        j = e;
    }
    if taken.get(j).copied().unwrap_or(false) {
        return None;
    }
    let mut num = parse_number(toks, j);
    // before a vague magnitude a one-word bound is a preposition or a
    // determiner ("flies over dozens of settlements")
    if bound.is_some() && num.as_ref().is_none_or(|n| n.vague) && j == i + 1 {
        return None;
    }
    let num = num.take()?;
    if num.ordinal || is_code(toks, j) || (toks[j].is_number() && is_age(toks, j)) {
        return None;
    }
    if taken[j..num.end].iter().any(|&t| t) {
        return None;
    }
    // a lone "one" is mostly a pronoun, an idiom ("at one point") or a
    // name; counted only with a bound or a scale ("more than one")
    let proportion =
        toks.get(j + 1).is_some_and(|t| t.is("in")) || seq(toks, j + 1, &["out", "of"]).is_some();
    if toks[j].is("one") && num.end == j + 1 && bound.is_none() && !proportion {
        return None;
    }
    // a bound word with nothing numeric after it: not ours
    let (mut low, mut high) = (num.low, num.high);
    let mut end = num.end;
    let mut qualifier: Option<&str> = if num.vague { Some("order_of") } else { None };
    // ranges: "10 to 15", "10-15", "between 10 and 15"
    let between = start > 0 && toks[start - 1].is("between");
    if let Some(sep) = toks.get(end) {
        let is_sep =
            sep.is("to") || (sep.text == "-" || sep.text == "–") || (between && sep.is("and"));
        if is_sep && !num.vague {
            let k = if currency_before(toks, end + 1).is_some() {
                end + 2
            } else {
                end + 1
            };
            if let Some(n2) = parse_number(toks, k) {
                if !n2.ordinal
                    && !n2.vague
                    && n2.value() > low
                    && !taken[k..n2.end].iter().any(|&t| t)
                {
                    // "5 to 10 million": the scale applies to both
                    let scale = if n2.value() >= 1e3 && low < 1e3 && n2.words == num.words {
                        let r = n2.value() / toks[k].text.parse::<f64>().unwrap_or(n2.value());
                        if r >= 1e3 {
                            r
                        } else {
                            1.0
                        }
                    } else {
                        1.0
                    };
                    // "2 to 1.2bn" would scale past the upper end: keep 2
                    if low * scale <= n2.low {
                        low *= scale;
                    }
                    high = n2.high;
                    end = n2.end;
                    qualifier = Some("range");
                }
            }
        }
    }
    // a scale word after a vague or digit amount: "tens of millions" handled
    // in numbers; here "$5 million" is already scaled.
    // unit or currency after the number
    if let Some((e, u)) = longest(toks, end, UNITS) {
        // "m" alone is ambiguous; the table has no bare "m"
        if unit.is_none() {
            unit = Some(u);
            end = e;
        }
    } else if let Some(t) = toks.get(end) {
        if let Some(c) = lookup(CURRENCY_WORDS, &t.lower) {
            // "pounds" of weight: only after a money-ish scale or a sign
            unit = Some(c);
            end += 1;
        }
    }
    // "thousands of square kilometres": the unit after "of"
    if unit.is_none() && num.vague && toks.get(end).is_some_and(|t| t.is("of")) {
        if let Some((e, u)) = longest(toks, end + 1, UNITS) {
            unit = Some(u);
            end = e;
        } else if let Some(c) = toks
            .get(end + 1)
            .and_then(|t| lookup(CURRENCY_WORDS, &t.lower))
        {
            // "millions of dollars"
            unit = Some(c);
            end += 2;
        }
    }
    // ages and times are not counts
    if let Some(t) = toks.get(end) {
        if t.text == "-"
            && toks
                .get(end + 1)
                .is_some_and(|y| y.is("year") || y.is("years"))
        {
            return None;
        }
        if t.is("years") && toks.get(end + 1).is_some_and(|o| o.is("old")) {
            return None;
        }
        if crate::timex::UNIT_WORDS.iter().any(|(w, _)| t.is(w)) {
            return None;
        }
    }
    // "four in 10", "one out of five": a proportion, in percent
    if unit.is_none() && !num.vague {
        let k = if toks.get(end).is_some_and(|t| t.is("in")) {
            Some(end + 1)
        } else {
            seq(toks, end, &["out", "of"])
        };
        if let Some(k) = k {
            if let Some(d) = parse_number(toks, k) {
                if !d.vague
                    && !d.ordinal
                    && d.value() > num.value()
                    && [4.0, 5.0, 10.0, 100.0, 1000.0].contains(&d.value())
                {
                    let pct = 100.0 * num.value() / d.value();
                    low = pct;
                    high = pct;
                    unit = Some("percent");
                    end = d.end;
                }
            }
        }
    }
    // a bare small word number with nothing counted ("the two met"): keep
    // only when it counts something or carries a unit (decided below)
    // "$200 or less", "50 or more"
    if bound.is_none() {
        if let Some((e, b)) = longest(toks, end, SUFFIX_BOUNDS) {
            bound = Some(b);
            end = e;
        }
    }
    if let Some((b, q)) = bound {
        qualifier = Some(q);
        match b {
            Bound::Lower => high = if num.vague { high } else { f64::INFINITY },
            Bound::Upper => low = if num.vague { low } else { f64::NEG_INFINITY },
            Bound::Approx => {}
        }
    }
    // "a 15-yard penalty", "a 52-point swing": a unit or noun glued by a hyphen
    if unit.is_none() {
        if let (Some(h), Some(w)) = (toks.get(end), toks.get(end + 1)) {
            if h.text == "-" && !h.space_before && !w.space_before && w.is_word() {
                if let Some((e, u)) = longest(toks, end + 1, UNITS) {
                    unit = Some(u);
                    end = e;
                }
            }
        }
    }
    let glued_noun = match (toks.get(end), toks.get(end + 1)) {
        (Some(h), Some(w))
            if unit.is_none()
                && h.text == "-"
                && !h.space_before
                && !w.space_before
                && w.is_word() =>
        {
            Some(end + 1)
        }
        _ => None,
    };
    // money and percentages count nothing; a measure names what it
    // measures with "of" ("120 miles long" measures nothing named)
    let counted = if unit.is_some_and(|u| !is_measure_unit(u))
        || (unit.is_some() && !toks.get(end).is_some_and(|t| t.is("of")))
    {
        None
    } else if let Some(k) = glued_noun {
        // "a 52-count complaint", "a 52-point swing"
        Some(k)
    } else {
        counted_noun(toks, end, taken)
    };
    // "three others", "two more", "four of them" count people or things
    // named before
    let elliptic = toks
        .get(end)
        .is_some_and(|t| ["others", "more", "of"].contains(&t.lower.as_str()));
    if num.words
        && !num.vague
        && num.value() >= 1.0
        && unit.is_none()
        && counted.is_none()
        && bound.is_none()
        && !elliptic
    {
        return None;
    }
    // "15 extra minutes": a length of time, the times layer's
    if counted.is_some_and(|k| crate::timex::UNIT_WORDS.iter().any(|(w, _)| toks[k].is(w))) {
        return None;
    }
    let first = toks[start].span.start;
    let last = toks[end - 1].span.end;
    Some(Found {
        start,
        end,
        quantity: Quantity {
            span: Span::new(first, last),
            low: finite(low),
            high: finite(high),
            qualifier: qualifier.map(str::to_string),
            unit: unit.map(str::to_string),
            counted: counted.map(|k| toks[k].span),
            category: None,
            place: None,
        },
    })
}

/// Units of measure (as opposed to currencies and percentages), after which
/// "of territory" names what is measured.
fn is_measure_unit(u: &str) -> bool {
    !matches!(u, "percent" | "pp") && !u.chars().all(|c| c.is_ascii_uppercase())
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// The head noun a quantity counts: after skip words ("more", "of the"),
/// a run of up to three words before a stop word; the last is the head.
/// After a unit, the noun after "of" ("square kilometres of territory").
fn counted_noun(toks: &[Tok], mut k: usize, taken: &[bool]) -> Option<usize> {
    if toks.get(k).is_some_and(|t| t.is("of")) && k > 0 {
        k += 1;
    }
    while toks
        .get(k)
        .is_some_and(|t| COUNT_SKIP.contains(&t.lower.as_str()))
    {
        k += 1;
    }
    let mut head = None;
    let mut n = 0;
    while n < COUNT_MAX_WORDS {
        let Some(t) = toks.get(k + n) else { break };
        if taken.get(k + n).copied().unwrap_or(false) {
            break;
        }
        // a hyphen glued on both sides continues the compound
        // ("fact-checkers", "laid-off employees")
        if t.text == "-" && !t.space_before && head.is_some() {
            if toks
                .get(k + n + 1)
                .is_some_and(|w| w.is_word() && !w.space_before)
            {
                head = Some(k + n + 1);
                n += 2;
                continue;
            }
            break;
        }
        if !t.is_word()
            || COUNT_STOP.contains(&t.lower.as_str())
            || IRREGULAR_PARTICIPLES.contains(&t.lower.as_str())
        {
            break;
        }
        // "-ed"/"-ing" words and adverbs end the noun phrase ("400 killed")
        let l = &t.lower;
        if l.len() > 3 && (l.ends_with("ed") || l.ends_with("ing") || l.ends_with("ly")) {
            break;
        }
        head = Some(k + n);
        n += 1;
    }
    head
}

/// Types each count by the nearest category trigger in the window.
pub fn categorise(toks: &[Tok], found: &mut [Found]) {
    let extents: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
    for f in found.iter_mut() {
        let q = &f.quantity;
        let lo = f.start.saturating_sub(CATEGORY_WINDOW);
        let hi = (f.end + CATEGORY_WINDOW).min(toks.len());
        let mut best: Option<(usize, &str)> = None;
        for (k, t) in toks.iter().enumerate().take(hi).skip(lo) {
            if (f.start..f.end).contains(&k) {
                continue;
            }
            if let Some(c) = lookup(CATEGORY_TRIGGERS, &t.lower) {
                if q.unit.is_some() && !CATEGORIES_WITH_UNITS.contains(&c) {
                    continue;
                }
                // a trigger with another count between belongs to that one
                let (a, b) = if k < f.start {
                    (k, f.start)
                } else {
                    (f.end, k)
                };
                if extents
                    .iter()
                    .any(|&(s, e)| s >= a && e <= b && (s, e) != (f.start, f.end))
                {
                    continue;
                }
                let d = if k < f.start {
                    f.start - k
                } else {
                    k - f.end + 1
                };
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, c));
                }
            }
        }
        f.quantity.category = best.map(|(_, c)| c.to_string());
    }
}

/// Finds, normalises and types the quantities among `toks`.
pub fn extract(toks: &[Tok], taken: &[bool]) -> Vec<Quantity> {
    let mut found = find(toks, taken);
    categorise(toks, &mut found);
    found.into_iter().map(|f| f.quantity).collect()
}

/// Convenience for tests and tools: quantities in a plain string (times
/// are found first and their numbers skipped).
pub fn extract_str(text: &str) -> Vec<Quantity> {
    let toks = crate::tokens::pieces(text, Span::new(0, text.len()));
    let times = crate::timex::find(&toks);
    let mut taken = vec![false; toks.len()];
    for t in &times {
        taken[t.start..t.end].iter_mut().for_each(|x| *x = true);
    }
    extract(&toks, &taken)
}

/// Hook for linking a count to where it happened, once a places layer
/// exists: the first place named after the quantity in the same sentence,
/// else the last one before it. Returns an index into `places`.
pub fn place_for(q: &Quantity, sentence: Span, places: &[Place]) -> Option<usize> {
    let inside = |p: &&Place| sentence.contains(p.span);
    places
        .iter()
        .enumerate()
        .filter(|(_, p)| inside(p) && p.span.start >= q.span.end)
        .map(|(i, _)| i)
        .next()
        .or_else(|| {
            places
                .iter()
                .enumerate()
                .filter(|(_, p)| inside(p) && p.span.end <= q.span.start)
                .map(|(i, _)| i)
                .next_back()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, low, high, qualifier, unit, counted, category)
    type Row = (
        String,
        Option<f64>,
        Option<f64>,
        String,
        String,
        String,
        String,
    );

    fn q(text: &str) -> Vec<Row> {
        extract_str(text)
            .into_iter()
            .map(|q| {
                (
                    text[q.span.start..q.span.end].to_string(),
                    q.low,
                    q.high,
                    q.qualifier.unwrap_or_default(),
                    q.unit.unwrap_or_default(),
                    q.counted
                        .map(|c| text[c.start..c.end].to_string())
                        .unwrap_or_default(),
                    q.category.unwrap_or_default(),
                )
            })
            .collect()
    }

    fn row(
        t: &str,
        lo: Option<f64>,
        hi: Option<f64>,
        ql: &str,
        u: &str,
        c: &str,
        cat: &str,
    ) -> Row {
        (t.into(), lo, hi, ql.into(), u.into(), c.into(), cat.into())
    }

    #[test]
    fn sky_article_counts() {
        assert_eq!(
            q("with thousands of square kilometres of territory liberated"),
            [row(
                "thousands of square kilometres",
                Some(2e3),
                Some(9999.0),
                "order_of",
                "km2",
                "territory",
                ""
            )]
        );
        assert_eq!(
            q("flies once again over dozens more settlements, including"),
            [row(
                "dozens",
                Some(24.0),
                Some(99.0),
                "order_of",
                "",
                "settlements",
                ""
            )]
        );
        assert_eq!(
            q("More than four hundred graves are in the forest"),
            [row(
                "More than four hundred",
                Some(400.0),
                None,
                "more_than",
                "",
                "graves",
                ""
            )]
        );
    }

    #[test]
    fn money_percent_and_ranges() {
        assert_eq!(
            q("a $5m deal")[0],
            row("$5m", Some(5e6), Some(5e6), "", "USD", "", "")
        );
        assert_eq!(q("£1.2bn")[0].1, Some(1.2e9));
        assert_eq!(q("5 million euros")[0].4, "EUR");
        assert_eq!(
            q("up 12% on")[0],
            row("12%", Some(12.0), Some(12.0), "", "percent", "", "")
        );
        assert_eq!(
            q("between 10 and 15 people")[0],
            row(
                "10 and 15",
                Some(10.0),
                Some(15.0),
                "range",
                "",
                "people",
                ""
            )
        );
        assert_eq!(q("10-15 people")[0].2, Some(15.0));
        assert_eq!(q("an area of 120 km² of farmland")[0].4, "km2");
        assert_eq!(q("2,000 tonnes of grain")[0].4, "t");
        assert_eq!(
            q("some 300 miles")[0],
            row(
                "some 300 miles",
                Some(300.0),
                Some(300.0),
                "about",
                "mi",
                "",
                ""
            )
        );
        assert_eq!(q("twenty-one people")[0].1, Some(21.0));
    }

    #[test]
    fn range_scale_applies_to_both_ends_only_when_it_fits() {
        assert_eq!(q("5 to 10 million people")[0].1, Some(5e6));
        assert_eq!(q("2 - £1.2bn")[0].1, Some(2.0));
    }

    #[test]
    fn categories_come_from_nearby_verbs() {
        let r = q("The blast killed at least 12 people and wounded 40 others.");
        assert_eq!(
            r[0],
            row(
                "at least 12",
                Some(12.0),
                None,
                "at_least",
                "",
                "people",
                "KILL"
            )
        );
        assert_eq!(r[1].0, "40");
        assert_eq!(r[1].6, "WOUND");
        assert_eq!(q("Police arrested 300 protesters.")[0].6, "ARREST");
    }

    #[test]
    fn place_hook_prefers_the_place_named_after_the_count() {
        use newsgraph_doc::Place;
        let text = "In Kharkiv, 40 people died in Izyum.";
        let q = &extract_str(text)[0];
        let place = |a: usize, b: usize| Place {
            span: Span::new(a, b),
            mention: None,
            resolved: None,
            metonymy: false,
            relative: None,
            within: false,
        };
        let places = [place(3, 10), place(30, 35)];
        let sentence = Span::new(0, text.len());
        assert_eq!(place_for(q, sentence, &places), Some(1));
        assert_eq!(place_for(q, sentence, &places[..1]), Some(0));
        assert_eq!(place_for(q, Span::new(12, 20), &places), None);
    }

    #[test]
    fn dates_ages_codes_and_pronouns_are_not_counts() {
        assert!(q("On 16 September 2022 the F-16 flew for three days.").is_empty());
        assert!(q("a 25-year-old man and one of his friends").is_empty());
        assert!(q("Covid-19 cases").is_empty());
    }
}
