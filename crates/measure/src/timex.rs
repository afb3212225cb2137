//! Time expressions: found over tokens, normalised to TIMEX3 values
//! against the publication date.
//!
//! Recognition is a list of named [`RULES`]; at each token every rule is
//! tried and the longest match wins. A rule yields a [`Sem`], a small
//! meaning ("the most recent Friday, afternoon"), which [`normalise`] turns
//! into a TIMEX3 type and value given the publication date and the tense
//! around the expression. Modifiers ("early", "more than") and anchors
//! ("ago", "earlier") are attached around the core match by the tables
//! [`PREFIX_MODS`] and [`AGO_WORDS`].
//!
//! # News conventions (written down, each one tested)
//! | expression | value |
//! |---|---|
//! | bare weekday ("Friday") | the most recent such day, the publication day itself if it is that weekday |
//! | weekday, future verb ("will meet on Monday"; "On Tuesday, the league plans to" *(probation)*) | the coming such day (today if it is that weekday) |
//! | possessive weekday ("Wednesday's ruling") | the most recent one, whatever the verb *(probation)* |
//! | a future seen from the past ("was planned for early March") | no tense: the nearest date *(probation)* |
//! | a deadline under a past perfect ("had filed by Wednesday") | the most recent one *(probation)* |
//! | "last Friday" / "next Friday" | strictly before / strictly after the publication day |
//! | "the previous Friday" | the Friday before the last day named *(probation)* |
//! | weekday + part of day ("Friday afternoon") | that date + `TMO`/`TAF`/`TEV`/`TNI` (type TIME) |
//! | month without year ("in March") | the most recent such month; the coming one under a future verb; with no tense cue the nearer one, a coming month paying a 15-day handicap (90 days *(probation)*) |
//! | month and day without year ("Sept. 16") | the nearest such date: the past one unless a future verb, or the date is under two months ahead and no past verb |
//! | "today", "this morning", "tonight", "mid afternoon" *(probation)* | the publication day (+ part of day) |
//! | "April 24 and 25" | two dates, the second in the first one's month *(probation)* |
//! | "the week of March 6" | the ISO week of that day *(probation)* |
//! | "last week/month/year" | the previous calendar unit (ISO week for weeks) |
//! | "in recent days", "recently", "lately" | `PAST_REF`: no false precision |
//! | "in recent weeks/months/years", "the first hours" | a vague length: DURATION `PXW`, `PXM`, `PXY`, `PTXH` (TimeBank's reading) *(probation)* |
//! | "now", "currently", "at present" | `PRESENT_REF` |
//! | "soon", "the future", "the near term" *(probation)*, "will one day" *(probation)* | `FUTURE_REF` ("was soon released" is no time) |
//! | "two years ago" | publication year − 2 (granularity of the unit) |
//! | "the third quarter" without year | that quarter of the publication year |
//! | "a year earlier", "year-ago", "the corresponding period last year" *(probation)* after a quarter was named | the same quarter a year before (a year, after a running total such as "the first nine months") |
//! | "This quarter's loss" after a quarter was named | that quarter *(probation)* |
//! | "next year's first quarter" | that quarter of the next year *(probation)* |
//! | "year-end" | December 31 of the publication year; of the year before in the past tense *(probation)* |
//! | "the (fiscal) year ended Sept. 30" | a year of results: DURATION `P1Y` *(probation)* |
//! | a number + unit ("three days", "five-year", "eight trading days") | DURATION `P3D`, `P5Y`, `P8D` |
//! | a month or season and a year in words ("January nineteen ninety-seven") | that month of that year |
//! | "for a while", "for some time" | DURATION `PXX` *(probation)* |
//! | "every week", "daily", "annually" | SET `P1W`, `P1D`, `P1Y` |
//!
//! # Where the corpus disagrees with itself
//! TBAQ-cleaned writes some expressions two ways. Where it does, the
//! tagger follows the majority of the tune part, which is also what
//! TimeML's guidelines write (counts of gold timexes on the tune part,
//! session 4):
//! | expression | chosen | also in the gold |
//! |---|---|---|
//! | "*weekday* night" (the whole phrase tagged) | `…TNI`: 6 | date only 5, `TEV` 3 |
//! | "*weekday* morning" | `…TMO` (TimeML; the fixture's "Friday afternoon" is `TAF`) | date only 5, `TMO` 3 |
//! | "last week" | the ISO week, `1989-W43`: 10 | `1989-WXX` 4 (all WSJ), a month 4, `P1W` 2 |
//! | "the 1980s" | `198X`: 4 | `198` 2 (both "the early/late …") |
//! | "in recent months" | `PAST_REF` on "recent" | `PXM` on the tune part, but the held-out part went the other way (session 3) |
//!
//! False dates guarded against (see [`month_allowed`] and the tests): the
//! modal "may", "March" as a noun or verb, "Sun"/"Wed"/"Sat" (weekday
//! abbreviations are never matched alone), "fall"/"spring" as verbs, years
//! that are amounts ("1998 people", "$2000"), titles in quotes ("This
//! Week") or after an acronym ("USA Today"), compounds ("the last-minute
//! effort", "quarter-to-quarter"), idioms ("high noon") and "Now,"
//! opening a sentence as a discourse marker ([`DISCOURSE_MARKERS`]).
//!
//! Measured on TempEval-3 TBAQ-cleaned with `newsgraph-eval timex` (the
//! matching rules are written down in the eval crate's `timex.rs`). Every
//! rule has a name ([`RULES`], [`crate::switches::SWITCHES`]);
//! `newsgraph-eval timex-ablate` turns each off on four folds of the tune
//! part. Rules marked *(probation)* did not help on most folds and are off
//! by default ([`crate::switches::PROBATION`]); their tests turn them on.
//! A bare capitalised word ending in -ed ("United") is no past-tense cue.

use crate::numbers::{lookup, parse_number, ORDINALS};
use crate::switches::on;
use crate::tokens::Tok;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use newsgraph_doc::{Span, TimeExpr};

/// Month names and abbreviations; `full` names may stand alone, the
/// abbreviations need a day or a year after them.
pub const MONTHS: &[(&str, u32, bool)] = &[
    ("january", 1, true),
    ("jan", 1, false),
    ("february", 2, true),
    ("feb", 2, false),
    ("march", 3, true),
    ("mar", 3, false),
    ("april", 4, true),
    ("apr", 4, false),
    ("may", 5, true),
    ("june", 6, true),
    ("jun", 6, false),
    ("july", 7, true),
    ("jul", 7, false),
    ("august", 8, true),
    ("aug", 8, false),
    ("september", 9, true),
    ("sept", 9, false),
    ("sep", 9, false),
    ("october", 10, true),
    ("oct", 10, false),
    ("november", 11, true),
    ("nov", 11, false),
    ("december", 12, true),
    ("dec", 12, false),
];

/// Month names that are also common words: they count as a month only
/// after one of [`MONTH_CUE_BEFORE`] or before a day or year.
pub const AMBIGUOUS_MONTHS: &[&str] = &["may", "march"];

/// Words that, right before an ambiguous month name, make it a month.
pub const MONTH_CUE_BEFORE: &[&str] = &[
    "in", "since", "until", "till", "by", "early", "late", "mid", "last", "next", "this", "of",
    "during", "from", "through", "to", "before", "after", "between", "and", "or", "last", "each",
    "every", "-", "end",
];

/// Weekday names (full names only: "Sun", "Wed" and "Sat" are words too).
pub const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Parts of the day and their TIMEX3 codes.
pub const PARTS_OF_DAY: &[(&str, &str)] = &[
    ("morning", "MO"),
    ("afternoon", "AF"),
    ("evening", "EV"),
    ("night", "NI"),
    ("overnight", "NI"),
];

/// Seasons and their TIMEX3 codes.
pub const SEASONS: &[(&str, &str)] = &[
    ("spring", "SP"),
    ("summer", "SU"),
    ("fall", "FA"),
    ("autumn", "FA"),
    ("winter", "WI"),
];

/// The month each season ends in (northern hemisphere, as TimeBank).
pub const SEASON_END_MONTH: &[(&str, u32)] = &[("SP", 5), ("SU", 8), ("FA", 11), ("WI", 14)];

/// Calendar units: word (singular and plural) → unit.
pub const UNIT_WORDS: &[(&str, Unit)] = &[
    ("second", Unit::Second),
    ("seconds", Unit::Second),
    ("minute", Unit::Minute),
    ("minutes", Unit::Minute),
    ("mins", Unit::Minute),
    ("hrs", Unit::Hour),
    ("hour", Unit::Hour),
    ("hours", Unit::Hour),
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("week", Unit::Week),
    ("weeks", Unit::Week),
    ("weekend", Unit::Weekend),
    ("weekends", Unit::Weekend),
    ("month", Unit::Month),
    ("months", Unit::Month),
    ("quarter", Unit::Quarter),
    ("quarters", Unit::Quarter),
    ("year", Unit::Year),
    ("years", Unit::Year),
    ("decade", Unit::Decade),
    ("decades", Unit::Decade),
    ("century", Unit::Century),
    ("centuries", Unit::Century),
];

/// Words that refer to the present, past or future without a date.
pub const REFS: &[(&str, &str)] = &[
    ("now", "PRESENT_REF"),
    ("currently", "PRESENT_REF"),
    ("current", "PRESENT_REF"),
    ("nowadays", "PRESENT_REF"),
    ("presently", "PRESENT_REF"),
    ("recently", "PAST_REF"),
    ("lately", "PAST_REF"),
    ("recent", "PAST_REF"),
    ("soon", "FUTURE_REF"),
];

/// Multi-word references.
pub const REF_PHRASES: &[(&[&str], &str)] = &[
    (&["at", "present"], "PRESENT_REF"),
    (&["these", "days"], "PRESENT_REF"),
    (&["the", "past"], "PAST_REF"),
    (&["the", "future"], "FUTURE_REF"),
    (&["the", "near", "future"], "FUTURE_REF"),
    (&["the", "coming", "days"], "FUTURE_REF"),
    (&["the", "near", "term"], "FUTURE_REF"),
    (&["the", "short", "term"], "FUTURE_REF"),
    (&["the", "long", "term"], "FUTURE_REF"),
    // "in recent days" reads as "lately"; "recent weeks/months/years" are
    // vague lengths ([`VAGUE_AMOUNTS`]), as TimeBank writes them (`PXM`)
    (&["recent", "days"], "PAST_REF"),
];

/// Quote marks that open a title ("This Week", "60 Minutes").
pub const OPENING_QUOTES: &[&str] = &["\"", "“", "``", "'", "‘"];

/// Words after which "current"/"recent"/"now" are not time expressions.
pub const REF_BLOCKERS_AFTER: &[&str] = &[
    "account",
    "accounts",
    "affairs",
    "event",
    "events",
    "issue",
    "issues",
    "electric",
    "electrical",
    "flows",
    "flow",
];

/// Reference words that open a sentence as discourse markers when the
/// given token follows them: "Now, he says, ..." moves the talk on, it
/// names no time (tune part of TBAQ-cleaned: sentence-opening "Now," 0
/// times tagged, 3 times not; "Now" opening a sentence without the comma
/// is tagged 5 times of 9, so it stays a time).
pub const DISCOURSE_MARKERS: &[(&str, &str)] = &[("now", ",")];

/// Reference adjectives that are a time only before a calendar unit ("in
/// recent weeks"); before any other noun ("the recent sale", "a recent
/// filing") they describe the thing, and TBAQ-cleaned's tune part tags
/// them 4 times of 12 (a prediction right a third of the time lowers
/// value F1, which needs one right at least half the F1's rate).
pub const REF_ADJECTIVES_BEFORE_UNITS: &[&str] = &["recent"];

/// Tokens that end a sentence: a reference word after one (closing quotes
/// skipped) opens the next sentence.
pub const SENTENCE_ENDS: &[&str] = &[".", "?", "!"];

/// Quote marks skipped when looking back for the end of a sentence.
pub const QUOTES: &[&str] = &["\"", "“", "”", "``", "''", "'", "‘", "’"];

/// Modifiers before a time expression: words, TIMEX3 `mod`, and whether
/// the words belong to the expression's span. TimeBank leaves single
/// modifier words ("early \[March\]", "about \[five hours\]") outside the span
/// and keeps phrases ("[the end of 1990]") inside.
pub const PREFIX_MODS: &[(&[&str], &str, bool)] = &[
    (&["early"], "START", false),
    (&["late"], "END", false),
    (&["mid"], "MID", false),
    (&["mid", "-"], "MID", true),
    (&["the", "end", "of"], "END", true),
    (&["the", "beginning", "of"], "START", true),
    (&["the", "start", "of"], "START", true),
    (&["the", "middle", "of"], "MID", true),
    (&["earlier"], "START", false),
    (&["later"], "END", false),
    (&["about"], "APPROX", false),
    (&["around"], "APPROX", false),
    (&["approximately"], "APPROX", false),
    (&["roughly"], "APPROX", false),
    (&["some"], "APPROX", false),
    (&["nearly"], "LESS_THAN", false),
    (&["almost"], "LESS_THAN", false),
    (&["more", "than"], "MORE_THAN", false),
    (&["less", "than"], "LESS_THAN", false),
    (&["under"], "LESS_THAN", false),
    (&["at", "least"], "EQUAL_OR_MORE", false),
    (&["no", "more", "than"], "EQUAL_OR_LESS", false),
    (&["up", "to"], "EQUAL_OR_LESS", false),
];

/// Words after a duration that turn it into a date before or after the
/// publication date ("two years ago", "a year earlier", "a week later").
pub const AGO_WORDS: &[(&str, i32)] = &[("ago", -1), ("earlier", -1), ("before", -1), ("hence", 1)];

/// Words that may follow "earlier"/"later"/"before" when it anchors a
/// duration ("a year earlier than ...", "a week later, the ..."); any
/// other word makes it a preposition ("two days before Christmas").
pub const AGO_FOLLOWERS: &[&str] = &["than", "and", "to", "in", "on", "the", "this", "of"];

/// Set words: "daily" → `P1D`.
pub const SET_WORDS: &[(&str, &str)] = &[
    ("hourly", "PT1H"),
    ("daily", "P1D"),
    ("nightly", "P1D"),
    ("weekly", "P1W"),
    ("monthly", "P1M"),
    ("yearly", "P1Y"),
    ("annually", "P1Y"),
];

/// Words before the expression that mark future tense.
pub const FUTURE_CUES: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "would",
    "scheduled",
    "planned",
    "plans",
    "plan",
    "due",
    "upcoming",
    "next",
    "coming",
    "begin",
    "begins",
    "starting",
    "effective",
    "payable",
    "expected",
    "expects",
];

/// Words right before the expression that make it a deadline, so future.
pub const DEADLINE_CUES: &[&str] = &["by", "until", "till"];

/// Words before a deadline that put it in the past ("had filed by").
pub const PAST_PERFECT_CUES: &[&str] = &["had"];

/// Words before "to" that make "to" + verb a future ("plans to meet on
/// Monday"); "to" after anything else ("shot to death on Oct. 23") is not.
pub const FUTURE_TO_HEADS: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "expected",
    "expects",
    "scheduled",
    "set",
    "due",
    "going",
    "is",
    "are",
    "aims",
    "hopes",
    "hope",
    "want",
    "wants",
    "intends",
    "agreed",
    "promised",
    "vowed",
    "ready",
    "likely",
    "supposed",
    "decided",
    "threatened",
    "prepared",
    "able",
];

/// Words before "be" + participle that make a passive future ("to be
/// published in November", "will be completed by March").
pub const FUTURE_BE_HEADS: &[&str] = &["to", "will", "'ll", "shall", "must"];

/// Two-word cues before the expression that mark the future ("as soon as
/// Tuesday", "as early as next week").
pub const FUTURE_PAIRS: &[(&str, &str)] = &[("soon", "as"), ("early", "as"), ("until", "at")];

/// Words before the expression that mark past tense.
pub const PAST_CUES: &[&str] = &[
    "was", "were", "had", "did", "said", "ago", "since", "earlier", "last",
];

/// Fixed-date holidays: (words, month, day).
pub const HOLIDAYS: &[(&[&str], u32, u32)] = &[
    (&["christmas", "day"], 12, 25),
    (&["christmas", "eve"], 12, 24),
    (&["christmas"], 12, 25),
    (&["new", "year", "'", "s", "day"], 1, 1),
    (&["new", "year", "'", "s", "eve"], 12, 31),
    (&["independence", "day"], 7, 4),
    (&["valentine", "'", "s", "day"], 2, 14),
    (&["halloween"], 10, 31),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The duration designator: `(prefix, letter, multiplier)`.
    fn designator(self) -> (&'static str, &'static str, f64) {
        match self {
            Unit::Second => ("PT", "S", 1.0),
            Unit::Minute => ("PT", "M", 1.0),
            Unit::Hour => ("PT", "H", 1.0),
            Unit::Day => ("P", "D", 1.0),
            Unit::Week => ("P", "W", 1.0),
            Unit::Weekend => ("P", "WE", 1.0),
            Unit::Month => ("P", "M", 1.0),
            Unit::Quarter => ("P", "Q", 1.0),
            Unit::Year => ("P", "Y", 1.0),
            Unit::Decade => ("P", "DE", 1.0),
            Unit::Century => ("P", "CE", 1.0),
        }
    }
}

/// What a matched expression means, before it is resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    /// A calendar date, possibly partial; a missing year is inferred.
    Date {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
    },
    Year(i32),
    /// "the 1990s": the first three digits.
    Decade(i32),
    /// "the nineties": TimeBank writes these without the X.
    DecadeWords(i32),
    /// "the 20th century": the first two digits (19).
    Century(i32),
    /// "Thanksgiving": the n-th weekday of a month; `shift` -1 for "last".
    NthWeekday {
        month: u32,
        weekday: Weekday,
        n: u32,
        shift: i32,
    },
    Weekday {
        day: Weekday,
        /// -1 "last Friday", +1 "next Friday", 0 bare or "this".
        shift: i32,
    },
    /// "today" (0), "yesterday" (-1), "tomorrow" (+1).
    DayOffset(i64),
    /// "last week" (-1), "this month" (0), "next year" (+1).
    Relative {
        unit: Unit,
        offset: i32,
    },
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    /// A length of time; `None` amount is "X" ("years", "several days").
    Duration {
        amount: Option<f64>,
        unit: Unit,
    },
    /// A duration anchored before (-1) or after (+1) the publication date.
    Ago {
        amount: Option<f64>,
        unit: Unit,
        dir: i32,
    },
    Quarter {
        q: Option<u32>,
        year: Option<i32>,
        /// "the year-earlier quarter": one year before the quarter talked about.
        year_shift: i32,
    },
    Half {
        h: u32,
        year: Option<i32>,
    },
    Season {
        code: &'static str,
        offset: i32,
        year: Option<i32>,
    },
    /// A base day with a part of the day ("Friday afternoon").
    PartOfDay {
        base: Box<Sem>,
        part: &'static str,
    },
    /// A clock time on a base day (the publication day when `None`).
    Clock {
        hour: u32,
        minute: u32,
        base: Option<Box<Sem>>,
    },
    Set(&'static str),
    /// ISO year-month-day given in full.
    Iso(NaiveDate),
    /// "Saturday, April 25": the year is the one where the weekday fits.
    DatedWeekday {
        month: u32,
        day: u32,
        weekday: Weekday,
    },
    /// "the fiscal year", "year-end": the publication year.
    ThisYear,
    /// "year-end": the last day of the publication year (of the year
    /// before, in the past tense).
    YearEnd,
    /// "that year" (0), "the following year" (+1): the last year named.
    AnaYear(i32),
    /// "that day" (0), "the next day" (+1): the last day named.
    AnaDay(i64),
    /// "the week of March 6": the week of a day.
    WeekOf(Box<Sem>),
    /// "for a while": a length of no stated unit.
    VagueLength,
    /// "the previous Friday": that weekday strictly before the last day
    /// named (the publication day when none was).
    PreviousWeekday(Weekday),
}

/// A rule's match: tokens `[start, end)` and what they mean.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub end: usize,
    pub sem: Sem,
}

/// A recognition rule: its name (for tests and debugging) and the function
/// that tries it at a token index.
pub type Rule = (&'static str, fn(&[Tok], usize) -> Option<Hit>);

/// The recognition rules, tried at every token; the longest match wins.
pub const RULES: &[Rule] = &[
    ("iso_date", iso_date),
    ("slash_date", slash_date),
    ("month_day_year", month_day_year),
    ("day_month_year", day_month_year),
    ("day_after_date", day_after_date),
    ("month_year", month_year),
    ("month_alone", month_alone),
    ("weekday", weekday),
    ("year", year),
    ("decade", decade),
    ("relative_day", relative_day),
    ("part_of_day", part_of_day),
    ("deictic_unit", deictic_unit),
    ("reference", reference),
    // before "duration": "the next day" points back, it does not measure
    ("anaphoric", anaphoric),
    ("quarter", quarter),
    ("half_year", half_year),
    ("period_a_year_before", period_a_year_before),
    ("week_of", week_of),
    ("duration", duration),
    ("vague_length", vague_length),
    ("clock_time", clock_time),
    ("set", set),
    ("season", season),
    ("holiday", holiday),
    ("moving_holiday", moving_holiday),
    ("year_words", year_words),
    ("century", century),
    ("decade_words", decade_words),
    ("whole_year", whole_year),
];

// ---------------------------------------------------------------- helpers

fn word_at<'a>(toks: &'a [Tok], i: usize) -> Option<&'a str> {
    toks.get(i).map(|t| t.lower.as_str())
}

fn is_at(toks: &[Tok], i: usize, w: &str) -> bool {
    word_at(toks, i) == Some(w)
}

/// Matches a fixed word sequence at `i`; returns the end index.
fn seq(toks: &[Tok], i: usize, words: &[&str]) -> Option<usize> {
    for (k, w) in words.iter().enumerate() {
        if !is_at(toks, i + k, w) {
            return None;
        }
    }
    Some(i + words.len())
}

/// Skips an abbreviation dot right after `i - 1` ("Sept.").
fn skip_dot(toks: &[Tok], i: usize) -> usize {
    match toks.get(i) {
        Some(t) if t.text == "." && !t.space_before => i + 1,
        _ => i,
    }
}

/// Skips a hyphen written without spaces ("third-quarter", "five-year").
fn skip_hyphen(toks: &[Tok], i: usize) -> usize {
    match toks.get(i) {
        Some(t) if (t.text == "-" || t.text == "‐") && !t.space_before => i + 1,
        _ => i,
    }
}

fn month_at(toks: &[Tok], i: usize) -> Option<(u32, bool, usize)> {
    let t = toks.get(i)?;
    if !t.is_word() || !t.is_capitalized() {
        return None;
    }
    MONTHS
        .iter()
        .find(|(n, _, _)| t.lower == *n)
        .map(|&(_, m, full)| (m, full, if full { i + 1 } else { skip_dot(toks, i + 1) }))
}

/// Whether an ambiguous month word ("May", "March") at `i` is a month.
pub fn month_allowed(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if !AMBIGUOUS_MONTHS.contains(&t.lower.as_str()) {
        return true;
    }
    if i > 0 && MONTH_CUE_BEFORE.contains(&toks[i - 1].lower.as_str()) {
        // "a march", "the march" are excluded by the cue list
        return true;
    }
    // followed by a day or a year
    matches!(toks.get(i + 1), Some(n) if n.is_number())
}

fn day_number(toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    if t.is_number() && t.text.len() <= 2 {
        let d: u32 = t.text.parse().ok()?;
        if (1..=31).contains(&d) {
            let mut end = i + 1;
            if let Some(n) = toks.get(end) {
                if !n.space_before && crate::numbers::ORDINAL_SUFFIXES.contains(&n.lower.as_str()) {
                    end += 1;
                }
            }
            return Some((d, end));
        }
    }
    if let Some(d) = lookup(ORDINALS, &t.lower) {
        if d <= 31 {
            return Some((d, i + 1));
        }
    }
    None
}

fn year_number(toks: &[Tok], i: usize) -> Option<(i32, usize)> {
    let t = toks.get(i)?;
    if t.is_number() && t.text.len() == 4 && !t.text.contains([',', '.']) {
        let y: i32 = t.text.parse().ok()?;
        if (1000..=2199).contains(&y) {
            return Some((y, i + 1));
        }
    }
    // "'98"
    if (t.text == "'" || t.text == "’") && !t.space_before {
        let n = toks.get(i + 1)?;
        if n.is_number() && n.text.len() == 2 && !n.space_before {
            let y: i32 = n.text.parse().ok()?;
            return Some((if y < 30 { 2000 + y } else { 1900 + y }, i + 2));
        }
    }
    None
}

/// Units that, after a bare year-like number, show it is an amount.
const NOT_YEAR_AFTER: &[&str] = &[
    "%",
    "percent",
    "per",
    "people",
    "persons",
    "troops",
    "soldiers",
    "km",
    "miles",
    "tons",
    "tonnes",
    "shares",
    "points",
    "dollars",
    "hours",
    "votes",
    "feet",
    "meters",
    "metres",
    "units",
    "men",
    "women",
    "jobs",
    "employees",
    "workers",
    "members",
];

// ---------------------------------------------------------------- rules

fn iso_date(toks: &[Tok], i: usize) -> Option<Hit> {
    let (y, e) = year_number(toks, i)?;
    if toks.get(e)?.text != "-" {
        return None;
    }
    let m = toks.get(e + 1)?;
    let d = toks.get(e + 3)?;
    if !m.is_number() || toks.get(e + 2)?.text != "-" || !d.is_number() {
        return None;
    }
    if m.space_before || d.space_before || toks[e].space_before {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y, m.text.parse().ok()?, d.text.parse().ok()?)?;
    Some(Hit {
        end: e + 4,
        sem: Sem::Iso(date),
    })
}

fn slash_date(toks: &[Tok], i: usize) -> Option<Hit> {
    // US order: 9/16/2022 or 9/16/22
    let m = toks.get(i)?;
    let (s1, d, s2, y) = (
        toks.get(i + 1)?,
        toks.get(i + 2)?,
        toks.get(i + 3)?,
        toks.get(i + 4)?,
    );
    if !(m.is_number() && s1.text == "/" && d.is_number() && s2.text == "/" && y.is_number()) {
        return None;
    }
    if s1.space_before || d.space_before || s2.space_before || y.space_before {
        return None;
    }
    let mut year: i32 = y.text.parse().ok()?;
    if y.text.len() == 2 {
        year += if year < 30 { 2000 } else { 1900 };
    } else if y.text.len() != 4 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, m.text.parse().ok()?, d.text.parse().ok()?)?;
    Some(Hit {
        end: i + 5,
        sem: Sem::Iso(date),
    })
}

fn month_day_year(toks: &[Tok], i: usize) -> Option<Hit> {
    let (month, _, e) = month_at(toks, i)?;
    let (day, mut e) = day_number(toks, e)?;
    // "May 5 people" is unlikely; a day must not be followed by a unit
    let mut year = None;
    let e2 = if is_at(toks, e, ",") { e + 1 } else { e };
    if let Some((y, e3)) = year_number(toks, e2) {
        year = Some(y);
        e = e3;
    }
    NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
    Some(Hit {
        end: e,
        sem: Sem::Date {
            year,
            month,
            day: Some(day),
        },
    })
}

fn day_month_year(toks: &[Tok], i: usize) -> Option<Hit> {
    let (day, mut e) = day_number(toks, i)?;
    if !toks[i].is_number() && !is_at(toks, e, "of") {
        return None; // "third March" is rare; "the third of March" needs "of"
    }
    if is_at(toks, e, "of") {
        e += 1;
    }
    let (month, _, mut e) = month_at(toks, e)?;
    let mut year = None;
    let e2 = if is_at(toks, e, ",") { e + 1 } else { e };
    if let Some((y, e3)) = year_number(toks, e2) {
        year = Some(y);
        e = e3;
    }
    NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
    Some(Hit {
        end: e,
        sem: Sem::Date {
            year,
            month,
            day: Some(day),
        },
    })
}

/// Words joining a second day to a date ("April 24 and 25").
pub const DAY_JOINERS: &[&str] = &["and", "or", "to", "through"];

/// Tokens that may follow the second day of "April 24 and 25".
pub const AFTER_SECOND_DAY: &[&str] = &[",", ".", ";", ":", ")", "in", "at", "and"];

/// The second day of "April 24 and 25": the same month and year.
fn day_after_date(toks: &[Tok], i: usize) -> Option<Hit> {
    if i < 3 || !DAY_JOINERS.contains(&toks[i - 1].lower.as_str()) || !toks[i].is_number() {
        return None;
    }
    let (day, end) = day_number(toks, i)?;
    // "April 24 and 25 people", "ended Sept. 30 to 12%": the number
    // counts something unless a clause goes on after it
    if toks
        .get(end)
        .is_some_and(|n| !AFTER_SECOND_DAY.contains(&n.lower.as_str()))
    {
        return None;
    }
    let first = (i.saturating_sub(4)..i - 1)
        .find_map(|k| month_day_year(toks, k).filter(|h| h.end == i - 1))?;
    let Sem::Date { year, month, .. } = first.sem else {
        return None;
    };
    NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
    Some(Hit {
        end,
        sem: Sem::Date {
            year,
            month,
            day: Some(day),
        },
    })
}

fn month_year(toks: &[Tok], i: usize) -> Option<Hit> {
    let (month, _, e) = month_at(toks, i)?;
    // "January this year", "June last year"
    for (w, off) in [("this", 0), ("last", -1), ("next", 1)] {
        if seq(toks, e, &[w, "year"]).is_some() {
            return Some(Hit {
                end: e + 2,
                sem: Sem::Relative {
                    unit: Unit::Month,
                    offset: 1000 * (off + 2) + month as i32,
                },
            });
        }
    }
    let e = if is_at(toks, e, "of") || is_at(toks, e, ",") {
        e + 1
    } else {
        e
    };
    let (y, e) = year_number(toks, e).or_else(|| spoken_year(toks, e))?;
    Some(Hit {
        end: e,
        sem: Sem::Date {
            year: Some(y),
            month,
            day: None,
        },
    })
}

/// A year said in words ("nineteen ninety-four"), as broadcast
/// transcripts write it after a month or a season.
fn spoken_year(toks: &[Tok], i: usize) -> Option<(i32, usize)> {
    if is_at(toks, i, "the") || !on("spoken_year") {
        return None;
    }
    match year_words(toks, i)? {
        Hit {
            end,
            sem: Sem::Year(y),
        } => Some((y, end)),
        _ => None,
    }
}

fn month_alone(toks: &[Tok], i: usize) -> Option<Hit> {
    let (month, full, e) = month_at(toks, i)?;
    if !full || !month_allowed(toks, i) {
        return None;
    }
    Some(Hit {
        end: e,
        sem: Sem::Date {
            year: None,
            month,
            day: None,
        },
    })
}

fn weekday_at(toks: &[Tok], i: usize) -> Option<Weekday> {
    let t = toks.get(i)?;
    if !t.is_capitalized() {
        return None;
    }
    lookup(WEEKDAYS, &t.lower)
}

fn weekday(toks: &[Tok], i: usize) -> Option<Hit> {
    // "the previous Friday": the one before the day the story is on
    for lead in [&["the", "previous"][..], &["the", "preceding"]] {
        if let Some(j) = seq(toks, i, lead).filter(|_| on("previous_weekday")) {
            let day = weekday_at(toks, j)?;
            return Some(Hit {
                end: j + 1,
                sem: Sem::PreviousWeekday(day),
            });
        }
    }
    let (shift, j) = match word_at(toks, i)? {
        "last" | "past" => (-1, i + 1),
        "next" | "coming" => (1, i + 1),
        "this" => (0, i + 1),
        _ => (0, i),
    };
    let day = weekday_at(toks, j)?;
    let mut end = j + 1;
    // "Monday, Oct. 26": the explicit date wins
    let after = if is_at(toks, end, ",") { end + 1 } else { end };
    if let Some(h) = month_day_year(toks, after) {
        if let Sem::Date {
            year: None,
            month,
            day: Some(d),
        } = h.sem
        {
            return Some(Hit {
                end: h.end,
                sem: Sem::DatedWeekday {
                    month,
                    day: d,
                    weekday: day,
                },
            });
        }
        return Some(h);
    }
    let mut sem = Sem::Weekday { day, shift };
    if let Some(part) = toks.get(end).and_then(|t| lookup(PARTS_OF_DAY, &t.lower)) {
        end += 1;
        sem = Sem::PartOfDay {
            base: Box::new(sem),
            part,
        };
    }
    Some(Hit { end, sem })
}

fn year(toks: &[Tok], i: usize) -> Option<Hit> {
    let mut j = i;
    if is_at(toks, i, "fiscal") {
        j += 1;
    }
    let t = toks.get(j)?;
    if !t.is_number() {
        return None;
    }
    let (y, end) = year_number(toks, j)?;
    if i > 0 && matches!(toks[i - 1].text, "$" | "£" | "€" | "#" | "No" | "no") {
        return None;
    }
    if let Some(n) = toks.get(end) {
        if NOT_YEAR_AFTER.contains(&n.lower.as_str()) || (n.is_word() && !n.space_before) {
            return None;
        }
        if n.text == "-" && !n.space_before {
            // "1998-99" season or a range: keep the first year only
        }
    }
    Some(Hit {
        end,
        sem: Sem::Year(y),
    })
}

/// "the 1980s" → `198X`. TBAQ-cleaned writes decades both ways: `198X`
/// for "1980s", "1990s", "1960s", "early 1990s" (4 on the tune part), `198`
/// for "the early 1980s", "the late 1970s" (2). The ablation's "drop"
/// verdict on this rule (session 4: 4 fixes, 0 breaks, lower on 2 of 4
/// folds) comes from those two, which it matches with the minority's
/// other form; without the rule they are missed altogether, so the rule
/// stays, with the tune part's majority form.
fn decade(toks: &[Tok], i: usize) -> Option<Hit> {
    let j = if is_at(toks, i, "the") { i + 1 } else { i };
    let t = toks.get(j)?;
    let (digits, after) = if t.text == "'" || t.text == "’" {
        let n = toks.get(j + 1)?;
        (n.text.to_string(), j + 2)
    } else {
        (t.text.to_string(), j + 1)
    };
    let s = toks.get(after)?;
    if s.lower != "s" || s.space_before {
        return None;
    }
    // "in his 30s" is an age
    if j > 0
        && ["his", "her", "their", "my", "your", "our", "its"].contains(&toks[j - 1].lower.as_str())
    {
        return None;
    }
    let n: i32 = digits.parse().ok()?;
    let century_digits = match digits.len() {
        4 if n % 10 == 0 => n / 10,
        2 if n % 10 == 0 => (if n < 30 { 200 } else { 190 }) + n / 10,
        _ => return None,
    };
    Some(Hit {
        end: after + 1,
        sem: Sem::Decade(century_digits),
    })
}

/// Whether `t` is written in capitals, two letters or more ("USA", "VOA"):
/// before a capitalised "Today" it makes a title of it.
fn is_acronym(t: &Tok) -> bool {
    t.is_word() && t.text.chars().count() >= 2 && t.text.chars().all(|c| c.is_uppercase())
}

/// Nouns after "today's" that make it "the present age".
pub const GENERIC_AFTER_TODAYS: &[&str] = &[
    "youth",
    "world",
    "era",
    "society",
    "generation",
    "children",
    "young",
    "economy",
    "personal",
    "standards",
    "technology",
    "politics",
    "people",
    "europe",
    "america",
    "russia",
    "china",
];

/// Words before a part of the day that make it a time of the story's day
/// ("by mid afternoon", "in the late evening", "mid-afternoon yesterday").
pub const PART_OF_DAY_LEADS: &[&str] = &["mid", "early", "late"];

/// "mid afternoon", "late evening yesterday": the part of the day on the
/// day named right after it, else the publication day.
fn part_of_day(toks: &[Tok], i: usize) -> Option<Hit> {
    if !PART_OF_DAY_LEADS.contains(&word_at(toks, i)?) {
        return None;
    }
    let j = skip_hyphen(toks, i + 1);
    let part = lookup(PARTS_OF_DAY, word_at(toks, j)?)?;
    if part == "NI" {
        return None; // "late night" is a kind of television
    }
    let (base, end) = match weekday(toks, j + 1).or_else(|| relative_day(toks, j + 1)) {
        Some(Hit {
            end,
            sem: sem @ (Sem::Weekday { .. } | Sem::DayOffset(_)),
        }) => (sem, end),
        _ => (Sem::DayOffset(0), j + 1),
    };
    Some(Hit {
        end,
        sem: Sem::PartOfDay {
            base: Box::new(base),
            part,
        },
    })
}

fn relative_day(toks: &[Tok], i: usize) -> Option<Hit> {
    let (off, e) = match word_at(toks, i)? {
        "today" | "tonight" => {
            // "USA Today", "VOA Today": a title after an acronym
            if on("today_title")
                && toks[i].is_capitalized()
                && i > 0
                && toks[i].space_before
                && is_acronym(&toks[i - 1])
            {
                return None;
            }
            // "today's youth", "today's world": the present age, not a date
            if seq(toks, i + 1, &["'", "s"]).is_some()
                && toks
                    .get(i + 3)
                    .is_some_and(|n| GENERIC_AFTER_TODAYS.contains(&n.lower.as_str()))
            {
                return None;
            }
            (0, i + 1)
        }
        "yesterday" => (-1, i + 1),
        "tomorrow" => (1, i + 1),
        "the" => {
            if let Some(e) = seq(toks, i, &["the", "day", "before", "yesterday"]) {
                (-2, e)
            } else if let Some(e) = seq(toks, i, &["the", "day", "after", "tomorrow"]) {
                (2, e)
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let base = Sem::DayOffset(off);
    if is_at(toks, i, "tonight") {
        return Some(Hit {
            end: e,
            sem: Sem::PartOfDay {
                base: Box::new(base),
                part: "NI",
            },
        });
    }
    if let Some(part) = toks.get(e).and_then(|t| lookup(PARTS_OF_DAY, &t.lower)) {
        return Some(Hit {
            end: e + 1,
            sem: Sem::PartOfDay {
                base: Box::new(base),
                part,
            },
        });
    }
    Some(Hit { end: e, sem: base })
}

fn deictic_unit(toks: &[Tok], i: usize) -> Option<Hit> {
    let offset = match word_at(toks, i)? {
        "this" | "current" => 0,
        "last" | "previous" => -1,
        "next" | "coming" => 1,
        _ => return None,
    };
    let t = toks.get(i + 1)?;
    if let Some(unit) = lookup(UNIT_WORDS, &t.lower) {
        if t.lower.ends_with('s') && unit != Unit::Weekend {
            return None; // "last years" is not a date
        }
        // ABC's "This Week": a title, opened by a quote
        if t.is_capitalized()
            && i > 0
            && OPENING_QUOTES.contains(&toks[i - 1].text)
            && on("quoted_title")
        {
            return None;
        }
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        if unit == Unit::Day && offset != 0 {
            return None; // "next day" is relative to the story, not the date line
        }
        return Some(Hit {
            end: i + 2,
            sem: Sem::Relative { unit, offset },
        });
    }
    // "last April", "this September"
    if let Some((month, true, e)) = month_at(toks, i + 1) {
        return Some(Hit {
            end: e,
            sem: Sem::Relative {
                unit: Unit::Month,
                offset: match offset {
                    // "this September": this year's
                    0 => 2000 + month as i32,
                    _ => 100 * offset + month as i32,
                },
            },
        });
    }
    // "last night", "this morning"
    if let Some(part) = lookup(PARTS_OF_DAY, &t.lower) {
        let base = match offset {
            0 => Sem::DayOffset(0),
            -1 => Sem::DayOffset(-1),
            _ => return None,
        };
        return Some(Hit {
            end: i + 2,
            sem: Sem::PartOfDay {
                base: Box::new(base),
                part,
            },
        });
    }
    None
}

/// Words right before "one day" that make it "some day in the future"
/// ("Islam will one day be", "he hopes he one day follows") rather than a
/// length ("in the job one day").
pub const SOME_DAY_BEFORE: &[&str] = &[
    "will", "would", "could", "might", "may", "can", "shall", "should", "he", "she", "they", "we",
    "i", "you", "it",
];

fn reference(toks: &[Tok], i: usize) -> Option<Hit> {
    if let Some(end) = seq(toks, i, &["one", "day"]) {
        if i > 0 && SOME_DAY_BEFORE.contains(&toks[i - 1].lower.as_str()) && on("one_day_future") {
            return Some(Hit {
                end,
                sem: Sem::Ref("FUTURE_REF"),
            });
        }
    }
    for (words, value) in REF_PHRASES {
        if words.last() == Some(&"term") && !on("term_refs") {
            continue;
        }
        if let Some(end) = seq(toks, i, words) {
            // "the past two months" is a duration; "the past" alone a ref
            if words == &["the", "past"] {
                if let Some(n) = toks.get(end) {
                    if n.is_number()
                        || parse_number(toks, end).is_some()
                        || lookup(UNIT_WORDS, &n.lower).is_some()
                        || ["few", "several", "couple"].contains(&n.lower.as_str())
                    {
                        return None;
                    }
                }
            }
            return Some(Hit {
                end,
                sem: Sem::Ref(value),
            });
        }
    }
    let t = toks.get(i)?;
    let value = lookup(REFS, &t.lower)?;
    // "Now, he says": a discourse marker
    if on("discourse_marker")
        && opens_sentence(toks, i)
        && DISCOURSE_MARKERS
            .iter()
            .any(|&(w, after)| t.is(w) && is_at(toks, i + 1, after))
    {
        return None;
    }
    // "the recent sale": an adjective of the thing, not a time
    if on("recent_before_unit_only")
        && REF_ADJECTIVES_BEFORE_UNITS.contains(&t.lower.as_str())
        && toks
            .get(i + 1)
            .is_some_and(|n| n.text != "," && lookup(UNIT_WORDS, &n.lower).is_none())
    {
        return None;
    }
    if let Some(n) = toks.get(i + 1) {
        if REF_BLOCKERS_AFTER.contains(&n.lower.as_str()) {
            return None;
        }
        // "as soon as"
        if t.is("soon") && n.is("as") {
            return None;
        }
    }
    if t.is("soon") && i > 0 && toks[i - 1].is("as") {
        return None;
    }
    // "killed soon after", "was soon released": "shortly", not the future
    if t.is("soon") && on("soon_past_no_time") && tense_at(toks, i, i + 1) == Tense::Past {
        return None;
    }
    Some(Hit {
        end: i + 1,
        sem: Sem::Ref(value),
    })
}

/// `year_shift` marker of "the latest quarter".
const LATEST_QUARTER: i32 = 100;

fn quarter_ordinal(toks: &[Tok], i: usize) -> Option<(Option<u32>, usize, i32)> {
    let w = word_at(toks, i)?;
    let q = match w {
        "first" => Some(1),
        "second" => Some(2),
        "third" => Some(3),
        "fourth" => Some(4),
        // the latest complete quarter, whatever was talked about before
        "latest" | "last" | "recent" | "past" => return Some((None, i + 1, LATEST_QUARTER)),
        "current" | "same" => None,
        "year" => {
            // "year-earlier quarter", "the year-ago third quarter"
            let h = skip_hyphen(toks, i + 1);
            if h > i + 1 && (is_at(toks, h, "earlier") || is_at(toks, h, "ago")) {
                if let Some((Some(q), e, 0)) = quarter_ordinal(toks, h + 1) {
                    return Some((Some(q), e, -1));
                }
                return Some((None, h + 1, -1));
            }
            return None;
        }
        _ => return None,
    };
    Some((q, i + 1, 0))
}

fn quarter(toks: &[Tok], i: usize) -> Option<Hit> {
    let mut j = i;
    let the = is_at(toks, j, "the");
    if the {
        j += 1;
    }
    let mut year = None;
    let mut year_offset = 0;
    if let Some((y, e)) = year_number(toks, j) {
        year = Some(y); // "the 1998 third quarter"
        j = e;
    } else if let Some((off, e)) = [("this", 0), ("next", 1), ("last", -1)]
        .into_iter()
        .filter(|&(_, off)| off == 0 || on("next_last_year_quarter"))
        .find_map(|(w, off)| seq(toks, j, &[w, "year", "'", "s"]).map(|e| (off, e)))
    {
        // "this year's third quarter", "next year's first quarter"
        year_offset = off;
        j = e;
    }
    if is_at(toks, j, "fiscal") {
        j += 1;
    }
    // "year-earlier profit": a year before the period talked about
    if !the && year.is_none() {
        if let Some((None, e, -1)) = quarter_ordinal(toks, j) {
            let n = skip_hyphen(toks, e);
            if !is_at(toks, n, "quarter") && !is_at(toks, n, "period") {
                return Some(Hit {
                    end: e,
                    sem: Sem::Ago {
                        amount: Some(1.0),
                        unit: Unit::Year,
                        dir: -1,
                    },
                });
            }
        }
    }
    let (q, e, shift) = match quarter_ordinal(toks, j) {
        Some((Some(q), e, 0)) if year_offset != 0 => (Some(q), e, year_offset),
        Some(x) => x,
        None if the || year.is_some() => (None, j, 0),
        None => return None,
    };
    let mut e = skip_hyphen(toks, e);
    if is_at(toks, e, "fiscal") {
        e += 1;
    }
    if !(is_at(toks, e, "quarter")
        || is_at(toks, e, "period") && (q.is_none() || shift != 0 || the))
    {
        return None;
    }
    if is_at(toks, e, "period") && q.is_some() {
        return None;
    }
    // "the quarter-to-quarter comparison": no quarter in particular
    if skip_hyphen(toks, e + 1) > e + 1 && is_at(toks, e + 2, "to") && on("quarter_to_quarter") {
        return None;
    }
    // a bare "the period" is not a quarter
    if is_at(toks, e, "period") && e == j && year.is_none() {
        return None;
    }
    let mut end = e + 1;
    if is_at(toks, end, "of") {
        if let Some((y, e2)) = year_number(toks, end + 1) {
            year = Some(y);
            end = e2;
        }
    }
    Some(Hit {
        end,
        sem: Sem::Quarter {
            q,
            year,
            year_shift: shift,
        },
    })
}

/// Lengths in months that earnings reports give as running totals ("the
/// first nine months", "six months"), after which "a year earlier" is a
/// year, not the quarter named before.
pub const CUMULATIVE_MONTHS: &[u32] = &[6, 9];

/// Words that make "the ... period" the one being compared with ("the
/// corresponding period last year").
pub const COMPARED_PERIOD_WORDS: &[&str] = &["corresponding", "same", "comparable", "like"];

/// Words after a compared period that put it a year back.
pub const A_YEAR_BEFORE_TAILS: &[&[&str]] = &[
    &["last", "year"],
    &["a", "year", "ago"],
    &["a", "year", "earlier"],
    &["the", "year", "before"],
    &["of", "last", "year"],
];

/// "the corresponding period last year", "last year's quarter": the
/// quarter talked about, a year before.
fn period_a_year_before(toks: &[Tok], i: usize) -> Option<Hit> {
    let quarter_a_year_back = |end| Hit {
        end,
        sem: Sem::Quarter {
            q: None,
            year: None,
            year_shift: -1,
        },
    };
    // "last year's quarter", "last year's third quarter"
    if let Some(e) = seq(toks, i, &["last", "year", "'", "s"]) {
        let (q, e) = match quarter_ordinal(toks, e) {
            Some((Some(q), e, 0)) => (Some(q), skip_hyphen(toks, e)),
            _ => (None, e),
        };
        if !(is_at(toks, e, "quarter") || q.is_none() && is_at(toks, e, "period")) {
            return None;
        }
        return Some(Hit {
            end: e + 1,
            sem: match q {
                Some(_) => Sem::Quarter {
                    q,
                    year: None,
                    year_shift: -1,
                },
                None => quarter_a_year_back(e + 1).sem,
            },
        });
    }
    let e = seq(toks, i, &["the"])?;
    if !COMPARED_PERIOD_WORDS.contains(&word_at(toks, e)?) {
        return None;
    }
    if !is_at(toks, e + 1, "period") && !is_at(toks, e + 1, "quarter") {
        return None;
    }
    let after = e + 2;
    let tail = A_YEAR_BEFORE_TAILS
        .iter()
        .find_map(|words| seq(toks, after, words))?;
    Some(quarter_a_year_back(tail))
}

/// "the week of March 6": the ISO week of that day.
fn week_of(toks: &[Tok], i: usize) -> Option<Hit> {
    let e = seq(toks, i, &["the", "week", "of"])?;
    let h = month_day_year(toks, e).or_else(|| day_month_year(toks, e))?;
    Some(Hit {
        end: h.end,
        sem: Sem::WeekOf(Box::new(h.sem)),
    })
}

fn half_year(toks: &[Tok], i: usize) -> Option<Hit> {
    let j = if is_at(toks, i, "the") { i + 1 } else { i };
    let h = match word_at(toks, j)? {
        "first" => 1,
        "second" => 2,
        _ => return None,
    };
    let e = skip_hyphen(toks, j + 1);
    if !is_at(toks, e, "half") {
        return None;
    }
    let mut end = e + 1;
    let mut year = None;
    if is_at(toks, end, "of") {
        if let Some((y, e2)) = year_number(toks, end + 1) {
            year = Some(y);
            end = e2;
        }
    }
    Some(Hit {
        end,
        sem: Sem::Half { h, year },
    })
}

/// Lengths with no unit to count in, after a preposition of duration
/// ("for a while", "for some time"): DURATION `PXX`.
pub const VAGUE_LENGTHS: &[&[&str]] = &[
    &["a", "while"],
    &["some", "time"],
    &["a", "long", "time"],
    &["a", "short", "time"],
    &["a", "long", "while"],
];

fn vague_length(toks: &[Tok], i: usize) -> Option<Hit> {
    if i == 0 || !BARE_PLURAL_CUES.contains(&toks[i - 1].lower.as_str()) {
        return None;
    }
    let end = VAGUE_LENGTHS.iter().find_map(|w| seq(toks, i, w))?;
    Some(Hit {
        end,
        sem: Sem::VagueLength,
    })
}

/// Words between an amount and its unit ("two more weeks", "eight trading
/// days").
pub const UNIT_QUALIFIERS: &[&str] = &[
    "more",
    "additional",
    "full",
    "extra",
    "straight",
    "consecutive",
    "trading",
    "business",
    "working",
];

/// Vague amounts before a plural unit ("several days", "a few weeks").
const VAGUE_AMOUNTS: &[&[&str]] = &[
    &["several"],
    &["recent"],
    &["a", "few"],
    &["few"],
    &["many"],
    &["some"],
    &["the", "next", "few"],
    &["the", "past", "few"],
    &["the", "last", "few"],
    &["the", "next", "several"],
    &["the", "past", "several"],
    &["the", "last", "several"],
];

/// Vague amounts that make a compound adjective with a singular unit ("a
/// several-year tenure"): a length of no stated number of units, `PXY`,
/// as TimeBank writes "several years".
pub const VAGUE_COMPOUND_AMOUNTS: &[&str] = &["several", "multi"];

/// Words before "a week", "an hour" that make it a length of time; without
/// one it is usually a rate ("four flights a week").
const SINGLE_UNIT_CUES: &[&str] = &[
    "for", "in", "within", "than", "about", "nearly", "almost", "after", "least", "past", "last",
    "next", "once", "twice", "only", "just", "over", "under", "around", "some", "of", "barely",
    "than", "take", "took", "takes", "spent", "spend", "lasted", "last", "up", "to",
];

/// Prepositions after which a bare plural unit is a duration ("for years").
const BARE_PLURAL_CUES: &[&str] = &["for", "within"];

/// Leading words of a duration ("the past two months").
const DURATION_LEADS: &[&[&str]] = &[
    &["the", "past"],
    &["the", "last"],
    &["the", "next"],
    &["the", "first"],
    &["the", "latest"],
    &["the", "final"],
    &["past"],
    &["last"],
    &["next"],
    &["the"],
    &["another"],
    &["an", "additional"],
];

/// The word after a calendar unit and a hyphen that makes a length of
/// the compound ("a day-long meeting", "the decades-long battle"); ages
/// ("a 50-year-old alliance") are left out on purpose, as TimeBank leaves them.
pub const UNIT_COMPOUND_LENGTHS: &[&str] = &["long"];

/// "day-long" at token `i`: the compound's hit ([`UNIT_COMPOUND_LENGTHS`]).
fn unit_long_compound(toks: &[Tok], i: usize) -> Option<Hit> {
    if !on("unit_long_compound") {
        return None;
    }
    let t = toks.get(i)?;
    let unit = lookup(UNIT_WORDS, &t.lower).filter(|&u| u != Unit::Weekend)?;
    let h = skip_hyphen(toks, i + 1);
    let long = UNIT_COMPOUND_LENGTHS
        .iter()
        .any(|w| is_at(toks, h, w) && !toks[h].space_before);
    (h == i + 2 && long).then_some(Hit {
        end: h + 1,
        sem: Sem::Duration {
            amount: (!t.lower.ends_with('s')).then_some(1.0),
            unit,
        },
    })
}

fn duration(toks: &[Tok], i: usize) -> Option<Hit> {
    // "a day-long meeting": one unit; "decades-long": a vague number
    if let Some(h) = unit_long_compound(toks, i) {
        return Some(h);
    }
    // "the past two months", "the first nine months", "the next 10 years"
    let mut j = i;
    for prefix in DURATION_LEADS {
        if let Some(e) = seq(toks, i, prefix) {
            j = e;
            break;
        }
    }
    let lead = j > i;
    // "the last-minute effort", "a first-time buyer": compound adjectives
    if lead
        && toks
            .get(j)
            .is_some_and(|t| t.text == "-" && !t.space_before)
        && on("compound_adjective")
    {
        return None;
    }
    // "a several-year tenure": a vague number of units, as an adjective
    if on("vague_unit_compound") && VAGUE_COMPOUND_AMOUNTS.iter().any(|w| is_at(toks, i, w)) {
        let h = skip_hyphen(toks, i + 1);
        if let Some(t) = toks.get(h).filter(|_| h == i + 2) {
            if let Some(unit) = lookup(UNIT_WORDS, &t.lower).filter(|&u| u != Unit::Weekend) {
                let old = toks
                    .get(h + 1)
                    .is_some_and(|n| n.text == "-" || n.is("old"));
                if !t.lower.ends_with('s') && !old {
                    return Some(Hit {
                        end: h + 1,
                        sem: Sem::Duration { amount: None, unit },
                    });
                }
            }
        }
    }
    // a vague amount: "several days"
    for words in VAGUE_AMOUNTS {
        if words == &["recent"] && !on("recent_units_vague") {
            continue;
        }
        if let Some(e) = seq(toks, i, words) {
            if let Some(t) = toks.get(e) {
                if let Some(unit) = lookup(UNIT_WORDS, &t.lower) {
                    if t.lower.ends_with('s') {
                        return Some(Hit {
                            end: e + 1,
                            sem: Sem::Duration { amount: None, unit },
                        });
                    }
                }
            }
        }
    }
    // "coming months": the future, not a length
    for words in [&["coming"][..], &["the", "coming"]] {
        if let Some(e) = seq(toks, i, words) {
            let t = toks.get(e)?;
            if lookup(UNIT_WORDS, &t.lower).is_some() && t.lower.ends_with('s') {
                return Some(Hit {
                    end: e + 1,
                    sem: Sem::Ref("FUTURE_REF"),
                });
            }
        }
    }
    let (amount, e) = if let Some(e) = seq(toks, j, &["a", "couple", "of"]) {
        (2.0, e)
    } else if let Some(n) = parse_number(toks, j) {
        if n.vague || n.ordinal {
            return None;
        }
        let mut e = n.end;
        let mut v = n.value();
        // "two and a half years"
        if let Some(e2) = seq(toks, e, &["and", "a", "half"]) {
            v += 0.5;
            e = e2;
        }
        (v, e)
    } else if is_at(toks, j, "a") || is_at(toks, j, "an") {
        // "a day-long hearing": the compound alone is the expression
        if unit_long_compound(toks, j + 1).is_some() {
            return None;
        }
        if is_at(toks, j + 1, "half") && lookup(UNIT_WORDS, word_at(toks, j + 2)?).is_some() {
            (0.5, j + 2)
        } else {
            // "a week" is a length after a cue, else a rate; "a minute and
            // a half later", "a year or so ago" are lengths too
            let after = [&["and", "a", "half"][..], &["or", "so"]]
                .iter()
                .filter(|_| on("unit_and_a_half_later"))
                .find_map(|w| seq(toks, j + 2, w))
                .unwrap_or(j + 2);
            let cue = lead
                || (i > 0 && SINGLE_UNIT_CUES.contains(&toks[i - 1].lower.as_str()))
                || toks.get(after).is_some_and(|t| {
                    lookup(AGO_WORDS, &t.lower).is_some()
                        || t.is("later") && on("unit_and_a_half_later")
                });
            if !cue {
                return None;
            }
            (1.0, j + 1)
        }
    } else if lead {
        // "the past year", "the year": one unit
        if is_at(toks, i, "the") && j == i + 1 {
            // "the year", "the week" alone: DATE of the current unit in news
            let t = toks.get(j)?;
            let unit = lookup(UNIT_WORDS, &t.lower)?;
            if t.lower.ends_with('s') {
                return None;
            }
            // "the year-ago results": the adjective is the expression
            let h = skip_hyphen(toks, j + 1);
            if h > j + 1
                && (is_at(toks, h, "ago") || is_at(toks, h, "earlier"))
                && on("year_ago_adjective")
            {
                return None;
            }
            // "the year ended March 31": a fiscal year, a length
            if unit == Unit::Year
                && toks
                    .get(j + 1)
                    .is_some_and(|n| YEAR_ENDED_WORDS.contains(&n.lower.as_str()))
            {
                return Some(Hit {
                    end: j + 1,
                    sem: Sem::Duration {
                        amount: Some(1.0),
                        unit,
                    },
                });
            }
            return match unit {
                Unit::Year | Unit::Week | Unit::Month | Unit::Weekend => Some(Hit {
                    end: j + 1,
                    sem: Sem::Relative { unit, offset: 0 },
                }),
                _ => None,
            };
        }
        // "the past year", "the last week": the previous calendar unit
        if seq(toks, i, &["the", "past"]).is_some() || seq(toks, i, &["the", "last"]).is_some() {
            let t = toks.get(j)?;
            if let Some(unit @ (Unit::Year | Unit::Week | Unit::Month)) =
                lookup(UNIT_WORDS, &t.lower)
            {
                if !t.lower.ends_with('s') {
                    return Some(Hit {
                        end: j + 1,
                        sem: Sem::Relative { unit, offset: -1 },
                    });
                }
            }
        }
        // "the first hours", "the past years": a vague number of units
        let t = toks.get(j)?;
        if let Some(unit) = lookup(UNIT_WORDS, &t.lower).filter(|_| on("vague_plural_after_lead")) {
            if t.lower.ends_with('s') && unit != Unit::Weekend {
                return Some(Hit {
                    end: j + 1,
                    sem: Sem::Duration { amount: None, unit },
                });
            }
        }
        (1.0, j)
    } else {
        // bare plural units count only after a preposition of duration
        // ("for years", "within weeks"); elsewhere ("in the years that
        // followed") TimeBank annotates them too rarely to be worth it
        let t = toks.get(i)?;
        let unit = lookup(UNIT_WORDS, &t.lower)?;
        let cue = i > 0 && BARE_PLURAL_CUES.contains(&toks[i - 1].lower.as_str());
        if cue
            && t.lower.ends_with('s')
            && matches!(
                unit,
                Unit::Week | Unit::Month | Unit::Year | Unit::Decade | Unit::Century
            )
        {
            return Some(Hit {
                end: i + 1,
                sem: Sem::Duration { amount: None, unit },
            });
        }
        return None;
    };
    let hyphen = toks
        .get(e)
        .is_some_and(|t| t.text == "-" && !t.space_before);
    let e = skip_hyphen(toks, e);
    // "two more weeks", "eight trading days"
    let e = if UNIT_QUALIFIERS.iter().any(|w| {
        is_at(toks, e, w) && (on("trading_days") || !["trading", "business", "working"].contains(w))
    }) {
        e + 1
    } else {
        e
    };
    let t = toks.get(e)?;
    let unit = lookup(UNIT_WORDS, &t.lower)?;
    if unit == Unit::Weekend || t.is_capitalized() && !toks[i].is_capitalized() {
        return None; // "60 Minutes"
    }
    // "the two-week crisis": the article is not part of the expression
    if hyphen && seq(toks, i, &["the"]) == Some(j) {
        return None;
    }
    let mut end = e + 1;
    let mut amount = amount;
    // "five-year-old", "37 years old": ages, not times of the story
    if let Some(h) = toks.get(end) {
        if h.is("old") || (h.text == "-" && toks.get(end + 1).is_some_and(|o| o.is("old"))) {
            return None;
        }
    }
    // "a minute and a half"
    if let Some(e2) = seq(toks, end, &["and", "a", "half"]) {
        amount += 0.5;
        end = e2;
    }
    // "a year or so"
    if let Some(e2) = seq(toks, end, &["or", "so"]) {
        end = e2;
    }
    Some(Hit {
        end,
        sem: Sem::Duration {
            amount: Some(amount),
            unit,
        },
    })
}

/// Words before "noon"/"midnight" that make an idiom of it ("high noon":
/// a moment of reckoning, not twelve o'clock).
pub const NOT_CLOCK_BEFORE: &[&str] = &["high"];

fn clock_time(toks: &[Tok], i: usize) -> Option<Hit> {
    let t = toks.get(i)?;
    if t.is("noon") || t.is("midday") || t.is("midnight") {
        if t.is_capitalized() && i > 0 && !is_clause_break(&toks[i - 1]) {
            return None; // "High Noon"
        }
        // "high noon comes today": the idiom, no clock time
        if i > 0 && on("noon_idiom") && NOT_CLOCK_BEFORE.contains(&toks[i - 1].lower.as_str()) {
            return None;
        }
        let hour = if t.is("midnight") { 24 } else { 12 };
        let (base, end) = match weekday(toks, i + 1).or_else(|| relative_day(toks, i + 1)) {
            Some(h) => (Some(Box::new(h.sem)), h.end),
            None => (None, i + 1),
        };
        return Some(Hit {
            end,
            sem: Sem::Clock {
                hour,
                minute: 0,
                base,
            },
        });
    }
    if !t.is_number() || t.text.len() > 2 {
        return None;
    }
    let mut hour: u32 = t.text.parse().ok()?;
    let mut minute = 0;
    let mut e = i + 1;
    if let (Some(c), Some(m)) = (toks.get(e), toks.get(e + 1)) {
        if c.text == ":" && m.is_number() && m.text.len() == 2 && !c.space_before {
            minute = m.text.parse().ok()?;
            e += 2;
        }
    }
    // a.m. / p.m. / am / pm / o'clock
    let (pm, e2) = if let Some(e2) = seq(toks, e, &["a", ".", "m"]) {
        (false, skip_dot(toks, e2))
    } else if let Some(e2) = seq(toks, e, &["p", ".", "m"]) {
        (true, skip_dot(toks, e2))
    } else if is_at(toks, e, "am") && e > i + 1 || is_at(toks, e, "a.m") {
        (false, e + 1)
    } else if is_at(toks, e, "pm") || is_at(toks, e, "p.m") {
        (true, e + 1)
    } else if is_at(toks, e, "o'clock") {
        (hour < 7, e + 1)
    } else {
        return None;
    };
    if hour > 12 || minute > 59 {
        return None;
    }
    if pm && hour < 12 {
        hour += 12;
    } else if !pm && hour == 12 {
        hour = 0;
    }
    let mut end = e2;
    // time zones are part of the expression
    if let Some(z) = toks.get(end) {
        if [
            "est", "edt", "gmt", "bst", "utc", "pst", "pdt", "cst", "cdt", "et", "pt",
        ]
        .contains(&z.lower.as_str())
        {
            end += 1;
        }
    }
    // "10 a.m. Friday", "5 p.m. EST Nov. 9"
    let mut base = None;
    // "5 p.m. EST, Nov. 6"
    if is_at(toks, end, ",")
        && (weekday(toks, end + 1).is_some() || month_day_year(toks, end + 1).is_some())
    {
        end += 1;
    }
    if let Some(h) = weekday(toks, end).or_else(|| month_day_year(toks, end)) {
        if matches!(h.sem, Sem::Weekday { .. } | Sem::Date { .. }) {
            base = Some(Box::new(h.sem));
            end = h.end;
        }
    } else if let Some(h) = relative_day(toks, end) {
        base = Some(Box::new(h.sem));
        end = h.end;
    } else if is_at(toks, end, "(") && on("clock_other_zone_weekday") {
        // "10:35 a.m. (0735 GMT) Friday": the day after the other zone's
        // time gives the date; the expression stays the local time
        let close = (end + 1..toks.len().min(end + 6)).find(|&k| toks[k].text == ")");
        if let Some(h) = close.and_then(|c| weekday(toks, c + 1)) {
            if matches!(h.sem, Sem::Weekday { .. }) {
                base = Some(Box::new(h.sem));
            }
        }
    }
    Some(Hit {
        end,
        sem: Sem::Clock { hour, minute, base },
    })
}

/// "daily", "every week", "twice a year": SETs. Session 4 ablation: 21
/// fixes and no break on the tune part, higher on 3 of 4 folds; the fold it
/// lowers is the WSJ one, whose annotators leave rates after amounts
/// untagged ("the average daily volume", "increase by 20% annually"),
/// where TimeML's guidelines tag them; the rule stays as it is.
fn set(toks: &[Tok], i: usize) -> Option<Hit> {
    let t = toks.get(i)?;
    if let Some(v) = lookup(SET_WORDS, &t.lower) {
        return Some(Hit {
            end: i + 1,
            sem: Sem::Set(v),
        });
    }
    if t.is("every") || t.is("each") || t.is("per") {
        let n = toks.get(i + 1)?;
        if let Some(unit) = lookup(UNIT_WORDS, &n.lower) {
            if !n.lower.ends_with('s') {
                return Some(Hit {
                    end: i + 2,
                    sem: Sem::Set(set_value(unit)),
                });
            }
        }
        if let Some(wd) = lookup(WEEKDAYS, &n.lower) {
            return Some(Hit {
                end: i + 2,
                sem: Sem::Set(WEEKDAY_SETS[wd.num_days_from_monday() as usize]),
            });
        }
        if let Some((m, true, e)) = month_at(toks, i + 1) {
            return Some(Hit {
                end: e,
                sem: Sem::Set(MONTH_SETS[m as usize - 1]),
            });
        }
    }
    // "twice a week", "once a year"
    if t.is("twice") || t.is("once") {
        if let Some(e) = seq(toks, i + 1, &["a"]) {
            let n = toks.get(e)?;
            let unit = lookup(UNIT_WORDS, &n.lower)?;
            return Some(Hit {
                end: e + 1,
                sem: Sem::Set(set_value(unit)),
            });
        }
    }
    None
}

/// "every Monday" … "every Sunday".
const WEEKDAY_SETS: [&str; 7] = [
    "XXXX-WXX-1",
    "XXXX-WXX-2",
    "XXXX-WXX-3",
    "XXXX-WXX-4",
    "XXXX-WXX-5",
    "XXXX-WXX-6",
    "XXXX-WXX-7",
];

/// "every January" … "every December".
const MONTH_SETS: [&str; 12] = [
    "XXXX-01", "XXXX-02", "XXXX-03", "XXXX-04", "XXXX-05", "XXXX-06", "XXXX-07", "XXXX-08",
    "XXXX-09", "XXXX-10", "XXXX-11", "XXXX-12",
];

fn set_value(unit: Unit) -> &'static str {
    match unit {
        Unit::Second => "PT1S",
        Unit::Minute => "PT1M",
        Unit::Hour => "PT1H",
        Unit::Day => "P1D",
        Unit::Week | Unit::Weekend => "P1W",
        Unit::Month => "P1M",
        Unit::Quarter => "P1Q",
        Unit::Year => "P1Y",
        Unit::Decade => "P10Y",
        Unit::Century => "P100Y",
    }
}

fn season(toks: &[Tok], i: usize) -> Option<Hit> {
    let (offset, j) = match word_at(toks, i)? {
        "this" if is_at(toks, i + 1, "past") => (-1, i + 2),
        "this" => (0, i + 1),
        "last" | "past" => (-1, i + 1),
        "next" | "coming" => (1, i + 1),
        "the" => (0, i + 1),
        _ => (0, i),
    };
    let t = toks.get(j)?;
    let code = lookup(SEASONS, &t.lower)?;
    let mut end = j + 1;
    let mut year = None;
    let e2 = if is_at(toks, end, "of") { end + 1 } else { end };
    if let Some((y, e)) = year_number(toks, e2).or_else(|| spoken_year(toks, e2)) {
        year = Some(y);
        end = e;
    }
    // a bare "fall"/"spring" is usually a verb or a noun: need a cue
    if j == i && year.is_none() {
        let cue = i > 0
            && [
                "in", "this", "last", "next", "early", "late", "during", "since", "by", "until",
            ]
            .contains(&toks[i - 1].lower.as_str());
        if !cue || !t.is_word() {
            return None;
        }
        if ["fall", "spring"].contains(&t.lower.as_str()) && !toks[i - 1].is("in") {
            return None;
        }
    }
    Some(Hit {
        end,
        sem: Sem::Season { code, offset, year },
    })
}

fn holiday(toks: &[Tok], i: usize) -> Option<Hit> {
    if !toks.get(i)?.is_capitalized() {
        return None;
    }
    for (words, m, d) in HOLIDAYS {
        if let Some(e) = seq(toks, i, words) {
            return Some(Hit {
                end: e,
                sem: Sem::Date {
                    year: None,
                    month: *m,
                    day: Some(*d),
                },
            });
        }
    }
    None
}

/// `n` of a holiday on the last such weekday of its month: the 5th where
/// the month has five, else the 4th.
pub const LAST_WEEKDAY: u32 = 5;

/// Holidays on the n-th weekday of a month: (words, month, weekday, n);
/// n = [`LAST_WEEKDAY`] is the month's last.
pub const MOVING_HOLIDAYS: &[(&[&str], u32, Weekday, u32)] = &[
    (&["thanksgiving", "day"], 11, Weekday::Thu, 4),
    (&["thanksgiving"], 11, Weekday::Thu, 4),
    (&["labor", "day"], 9, Weekday::Mon, 1),
    // Memorial Day is the last Monday of May.
    (&["memorial", "day"], 5, Weekday::Mon, LAST_WEEKDAY),
];

fn moving_holiday(toks: &[Tok], i: usize) -> Option<Hit> {
    let (shift, j) = match word_at(toks, i)? {
        "last" => (-1, i + 1),
        "next" => (1, i + 1),
        "this" => (0, i + 1),
        _ => (0, i),
    };
    if !toks.get(j)?.is_capitalized() {
        return None;
    }
    for &(words, month, weekday, n) in MOVING_HOLIDAYS {
        if let Some(end) = seq(toks, j, words) {
            return Some(Hit {
                end,
                sem: Sem::NthWeekday {
                    month,
                    weekday,
                    n,
                    shift,
                },
            });
        }
    }
    None
}

/// Years in words: "nineteen ninety-six", "the year two thousand".
fn year_words(toks: &[Tok], i: usize) -> Option<Hit> {
    let j = seq(toks, i, &["the", "year"]).unwrap_or(i);
    if let Some(e) = seq(toks, j, &["two", "thousand"]) {
        let mut end = e;
        let mut y = 2000;
        let k = if is_at(toks, end, "and") {
            end + 1
        } else {
            end
        };
        if let Some(n) = parse_number(toks, k) {
            if !n.vague && !n.ordinal && n.value() < 100.0 && n.words {
                y += n.value() as i32;
                end = n.end;
            }
        }
        if j == i && end == e {
            return None; // "two thousand" alone is an amount
        }
        return Some(Hit {
            end,
            sem: Sem::Year(y),
        });
    }
    let hi = lookup(crate::numbers::UNITS, word_at(toks, j)?)?;
    if !(11.0..=20.0).contains(&hi) {
        return None;
    }
    let lo = parse_number(toks, j + 1)?;
    if lo.vague || lo.ordinal || !lo.words || lo.value() >= 100.0 || lo.value() < 10.0 {
        return None;
    }
    Some(Hit {
        end: lo.end,
        sem: Sem::Year(hi as i32 * 100 + lo.value() as i32),
    })
}

/// "the 20th century", "the nineteenth century".
fn century(toks: &[Tok], i: usize) -> Option<Hit> {
    let j = if is_at(toks, i, "the") { i + 1 } else { i };
    let n = parse_number(toks, j)?;
    if !n.ordinal || n.value() < 1.0 || n.value() > 30.0 {
        return None;
    }
    let e = skip_hyphen(toks, n.end);
    if !is_at(toks, e, "century") {
        return None;
    }
    Some(Hit {
        end: e + 1,
        sem: Sem::Century(n.value() as i32 - 1),
    })
}

/// Decades in words: "the nineties", "the sixties".
const DECADE_WORDS: &[(&str, i32)] = &[
    ("twenties", 192),
    ("thirties", 193),
    ("forties", 194),
    ("fifties", 195),
    ("sixties", 196),
    ("seventies", 197),
    ("eighties", 198),
    ("nineties", 199),
];

fn decade_words(toks: &[Tok], i: usize) -> Option<Hit> {
    if !is_at(toks, i, "the") {
        return None;
    }
    let j =
        if is_at(toks, i + 1, "early") || is_at(toks, i + 1, "late") || is_at(toks, i + 1, "mid") {
            i + 2
        } else {
            i + 1
        };
    let d = lookup(DECADE_WORDS, word_at(toks, j)?)?;
    Some(Hit {
        end: j + 1,
        sem: Sem::DecadeWords(d),
    })
}

/// "the fiscal year", "the full year", "year-end": the publication year.
const WHOLE_YEAR: &[&[&str]] = &[
    &["the", "fiscal", "year"],
    &["the", "full", "year"],
    &["the", "current", "year"],
    &["the", "current", "fiscal", "year"],
];

/// Words after "the (fiscal) year" that make it a year of results, a
/// length ("the year ended March 31").
pub const YEAR_ENDED_WORDS: &[&str] = &["ended", "ending", "through", "to"];

/// "year-end": December 31 of the publication year, or of the year before
/// in the past tense ("the percentage change is since year-end").
const YEAR_END: &[&[&str]] = &[
    &["year", "-", "end"],
    &["year", "end"],
    &["year", "'", "s", "end"],
];

fn whole_year(toks: &[Tok], i: usize) -> Option<Hit> {
    for words in WHOLE_YEAR {
        if let Some(end) = seq(toks, i, words) {
            // "the fiscal year ended Jan. 31": a year's length of results
            if toks
                .get(end)
                .is_some_and(|n| YEAR_ENDED_WORDS.contains(&n.lower.as_str()))
                && on("fiscal_year_ended_length")
            {
                return Some(Hit {
                    end,
                    sem: Sem::Duration {
                        amount: Some(1.0),
                        unit: Unit::Year,
                    },
                });
            }
            return Some(Hit {
                end,
                sem: Sem::ThisYear,
            });
        }
    }
    for words in YEAR_END.iter().filter(|_| on("year_end")) {
        if let Some(end) = seq(toks, i, words) {
            return Some(Hit {
                end,
                sem: Sem::YearEnd,
            });
        }
    }
    None
}

/// Expressions that point back to a year or day named earlier in the
/// article: (words, year or day, offset). "The day before" is left out: it
/// is mostly a preposition ("the day before the vote").
pub const ANAPHORA: &[(&[&str], Unit, i32)] = &[
    (&["that", "year"], Unit::Year, 0),
    (&["the", "same", "year"], Unit::Year, 0),
    (&["the", "following", "year"], Unit::Year, 1),
    (&["the", "previous", "year"], Unit::Year, -1),
    (&["that", "day"], Unit::Day, 0),
    (&["that", "same", "day"], Unit::Day, 0),
    (&["the", "same", "day"], Unit::Day, 0),
    (&["the", "following", "day"], Unit::Day, 1),
    (&["the", "next", "day"], Unit::Day, 1),
    (&["the", "previous", "day"], Unit::Day, -1),
];

fn anaphoric(toks: &[Tok], i: usize) -> Option<Hit> {
    let (e, unit, k) = ANAPHORA
        .iter()
        .filter_map(|&(w, u, k)| seq(toks, i, w).map(|e| (e, u, k)))
        .max_by_key(|(e, _, _)| *e)?;
    Some(Hit {
        end: e,
        sem: match unit {
            Unit::Year => Sem::AnaYear(k),
            _ => Sem::AnaDay(k as i64),
        },
    })
}

// ---------------------------------------------------------------- tense

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// Whether token `i` opens a sentence: nothing before it but quote marks,
/// or a sentence end ([`SENTENCE_ENDS`]) with only quote marks between.
fn opens_sentence(toks: &[Tok], i: usize) -> bool {
    let mut k = i;
    while k > 0 && QUOTES.contains(&toks[k - 1].text) {
        k -= 1;
    }
    k == 0 || SENTENCE_ENDS.contains(&toks[k - 1].text)
}

fn is_clause_break(t: &Tok) -> bool {
    matches!(t.text, "." | ";" | "?" | "!" | "“" | "”" | "\"")
}

/// "had been due to expire Friday", "was planned for early March": a
/// future seen from the past may lie on either side of the date line, so
/// it carries no tense (the nearest date wins).
fn future_unless_past_perfect(toks: &[Tok], k: usize) -> Tense {
    let lo = k.saturating_sub(2);
    if toks[lo..k]
        .iter()
        .any(|t| ["had", "was", "were", "been"].contains(&t.lower.as_str()))
    {
        if on("future_from_past_unknown") {
            Tense::Unknown
        } else {
            Tense::Past
        }
    } else {
        Tense::Future
    }
}

/// The tense around tokens `[start, end)`: the nearest cue word in the
/// clause before the expression (up to eight tokens back), else a cue
/// just after it ("Monday will see").
pub fn tense_at(toks: &[Tok], start: usize, end: usize) -> Tense {
    // "Wednesday's ruling", "Friday's close": the possessive names
    // something that has already taken place, whatever verb governs it
    if (seq(toks, end, &["'", "s"]).is_some() || seq(toks, end, &["’", "s"]).is_some())
        && on("possessive_weekday_past")
    {
        return Tense::Past;
    }
    let lo = start.saturating_sub(TENSE_LOOKBACK);
    for k in (lo..start).rev() {
        let t = &toks[k];
        if is_clause_break(t) {
            break;
        }
        if DEADLINE_CUES.contains(&t.lower.as_str()) && k + 1 == start {
            // a deadline: "must be returned by Jan. 14", "until 9 a.m. Tuesday";
            // but "had filed reports by Wednesday" is a deadline gone by
            let clause = toks[lo..k].iter().rev().take_while(|t| !is_clause_break(t));
            if clause
                .clone()
                .any(|t| PAST_PERFECT_CUES.contains(&t.lower.as_str()))
                && on("deadline_past_perfect")
            {
                return Tense::Past;
            }
            return Tense::Future;
        }
        if t.is("to") {
            // "plans to meet on Monday", but not "shot to death on Oct. 23"
            if k > 0 && FUTURE_TO_HEADS.contains(&toks[k - 1].lower.as_str()) {
                return future_unless_past_perfect(toks, k - 1);
            }
            continue;
        }
        if k > 0
            && FUTURE_PAIRS
                .iter()
                .any(|(a, b)| toks[k - 1].is(a) && t.is(b))
        {
            return Tense::Future;
        }
        if FUTURE_CUES.contains(&t.lower.as_str()) {
            return future_unless_past_perfect(toks, k);
        }
        if PAST_CUES.contains(&t.lower.as_str()) {
            return Tense::Past;
        }
        // a past participle or preterite; not a name ("United States")
        if t.is_word()
            && (!t.is_capitalized() || !on("ed_word_not_name"))
            && t.lower.len() > 4
            && t.lower.ends_with("ed")
        {
            // "guidelines to be published in November": a passive to come
            if k >= 2
                && toks[k - 1].is("be")
                && FUTURE_BE_HEADS.contains(&toks[k - 2].lower.as_str())
                && on("passive_future")
            {
                return Tense::Future;
            }
            return Tense::Past;
        }
    }
    // an expression opening its sentence ("On Tuesday, the league plans
    // to ...") takes the tense of the verb that follows it
    let opens = {
        // skip one preposition ("On Tuesday, ...")
        let k = if start > 0 && OPENER_PREPOSITIONS.contains(&toks[start - 1].lower.as_str()) {
            start - 1
        } else {
            start
        };
        (k == 0 || is_clause_break(&toks[k - 1])) && on("sentence_opener_tense")
    };
    let ahead = if opens { SENTENCE_OPENER_LOOKAHEAD } else { 3 };
    // "On Thursday, the rules, adopted in May, will apply": cues inside an
    // aside between commas are not the main verb's
    let mut aside = false;
    for (k, t) in toks.iter().enumerate().skip(end).take(ahead) {
        if is_clause_break(t) || opens && SUBORDINATORS.contains(&t.lower.as_str()) {
            break;
        }
        if t.text == "," {
            aside = k > end && !aside;
            continue;
        }
        if aside && on("aside_skip") {
            continue;
        }
        if t.is("will") || t.is("'ll") || opens && FUTURE_VERBS_AFTER.contains(&t.lower.as_str()) {
            return Tense::Future;
        }
        if PAST_CUES.contains(&t.lower.as_str()) {
            return Tense::Past;
        }
        if opens
            && t.is_word()
            && !t.is_capitalized()
            && t.lower.len() > 4
            && t.lower.ends_with("ed")
        {
            return Tense::Past;
        }
    }
    Tense::Unknown
}

/// How many tokens before an expression its clause's tense cue is looked
/// for (12 fixed one value and broke one on the tune part).
pub const TENSE_LOOKBACK: usize = 8;

/// Words that open a subordinate clause: the verb after them is not the
/// main verb of a sentence-opening expression ("On Friday, when she set
/// aside vacation plans, ...").
pub const SUBORDINATORS: &[&str] = &[
    "when", "while", "as", "after", "before", "because", "since", "if", "who", "which", "that",
];

/// Prepositions that may stand before a sentence-opening expression.
pub const OPENER_PREPOSITIONS: &[&str] = &["on", "by", "in", "early", "late", "until"];

/// How far after a sentence-opening expression its verb is looked for.
pub const SENTENCE_OPENER_LOOKAHEAD: usize = 10;

/// Verbs after a sentence-opening expression that put it ahead ("On
/// Tuesday, the league plans to hold a news conference").
pub const FUTURE_VERBS_AFTER: &[&str] = &["plans", "plan", "expects", "intends", "hopes", "aims"];

// ---------------------------------------------------------------- normalise

/// Document state that later expressions resolve against (the quarter
/// last talked about, for "a year earlier").
#[derive(Debug, Clone, Default)]
pub struct DocState {
    pub last_quarter: Option<(i32, u32)>,
    /// The year of the last expression with one ("in 1998 ... later that
    /// year").
    pub last_year: Option<i32>,
    /// The last day-level date ("on Oct. 23 ... earlier that day").
    pub last_date: Option<NaiveDate>,
    /// Whether the period talked about since the last quarter is a span of
    /// several quarters ("the first nine months"): "a year earlier" then
    /// means the year before, not a quarter.
    pub cumulative_period: bool,
    /// The last calendar point named, at its own granularity ("1998",
    /// "1998-10", "1998-10-23"): "that same day" after "last October"
    /// is a day of that October, not the last full date named before it.
    pub last_point: Option<String>,
}

impl DocState {
    /// Remembers the year and day of a resolved value, for anaphora.
    fn remember(&mut self, value: &str) {
        if let Some(y) = value.get(..4).and_then(|y| y.parse().ok()) {
            if value.len() == 4 || value.as_bytes().get(4) == Some(&b'-') {
                self.last_year = Some(y);
            }
        }
        if let Some(d) = value.get(..10).and_then(|d| d.parse().ok()) {
            self.last_date = Some(d);
        }
        if value
            .get(..4)
            .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
            && (value.len() == 4 || value.as_bytes().get(4) == Some(&b'-'))
        {
            self.last_point = Some(value.to_string());
        }
    }

    /// Whether `sem` points back ("that day", "that year") with nothing
    /// named before it to point to: then it is no date of the story
    /// ("on days when prices tumble, trades made that day").
    fn lacks_antecedent(&self, sem: &Sem) -> bool {
        on("anaphora_needs_antecedent")
            && match sem {
                Sem::AnaDay(_) => self.last_date.is_none() && self.last_month().is_none(),
                Sem::AnaYear(_) => self.last_year.is_none(),
                _ => false,
            }
    }

    /// The last point named when it was a month ("1998-10").
    fn last_month(&self) -> Option<&str> {
        self.last_point
            .as_deref()
            .filter(|p| p.len() == 7 && p[5..].bytes().all(|b| b.is_ascii_digit()))
            .filter(|_| on("anaphora_coarse_anchor"))
    }

    /// The day "that day" (`k` = 0) or "the next day" (`k` = 1) points
    /// to: the last day named, shifted; a day of the last month named when
    /// that was named after it ("YYYY-MM-XX"); the unknown day
    /// `XXXX-XX-XX` when nothing was named (an empty value is never right).
    fn anaphoric_day(&self, k: i64) -> String {
        match (self.last_month(), self.last_date) {
            (Some(m), _) if k == 0 => format!("{m}-XX"),
            (_, Some(d)) => ymd(shift_days(d, k)),
            (_, None) => "XXXX-XX-XX".into(),
        }
    }
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn add_months(y: i32, m: u32, k: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + k;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

fn shift_days(d: NaiveDate, k: i64) -> NaiveDate {
    if k >= 0 {
        d.checked_add_days(Days::new(k as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new((-k) as u64)).unwrap_or(d)
    }
}

fn resolve_weekday(dct: NaiveDate, day: Weekday, shift: i32, tense: Tense) -> NaiveDate {
    let cur = dct.weekday().num_days_from_monday() as i64;
    let want = day.num_days_from_monday() as i64;
    let back = (cur - want).rem_euclid(7);
    let fwd = (want - cur).rem_euclid(7);
    match shift {
        -1 => shift_days(dct, -(if back == 0 { 7 } else { back })),
        1 => shift_days(dct, if fwd == 0 { 7 } else { fwd }),
        _ if tense == Tense::Future => shift_days(dct, fwd),
        _ => shift_days(dct, -back),
    }
}

fn amount_str(a: Option<f64>) -> String {
    match a {
        None => "X".into(),
        Some(v) if v.fract() == 0.0 => format!("{}", v as i64),
        Some(v) => format!("{v}"),
    }
}

fn duration_value(amount: Option<f64>, unit: Unit) -> String {
    // fractional amounts go down a unit: 5.5 hours = PT5H30M
    if let Some(v) = amount {
        if v.fract() != 0.0 {
            let whole = v.trunc() as i64;
            let half = match unit {
                Unit::Hour => Some(format!("PT{whole}H{}M", (v.fract() * 60.0).round() as i64)),
                Unit::Minute => Some(format!("PT{whole}M{}S", (v.fract() * 60.0).round() as i64)),
                Unit::Year => Some(format!("P{whole}Y{}M", (v.fract() * 12.0).round() as i64)),
                Unit::Day => Some(format!("P{whole}DT{}H", (v.fract() * 24.0).round() as i64)),
                _ => None,
            };
            if let Some(s) = half {
                return s
                    .replace("P0Y", "P")
                    .replace("PT0H", "PT")
                    .replace("P0D", "P");
            }
        }
    }
    let (p, l, _) = unit.designator();
    match unit {
        Unit::Decade => format!(
            "P{}Y",
            amount.map_or("X".into(), |a| amount_str(Some(a * 10.0)))
        ),
        Unit::Century => format!(
            "P{}Y",
            amount.map_or("X".into(), |a| amount_str(Some(a * 100.0)))
        ),
        Unit::Weekend => format!(
            "P{}D",
            amount.map_or("X".into(), |a| amount_str(Some(a * 2.0)))
        ),
        // ISO 8601 has no quarter designator: "three quarters" is P9M
        // (TimeBank writes both); a vague number of quarters stays PXQ
        Unit::Quarter if amount.is_some() && on("quarter_length_in_months") => {
            format!("P{}M", amount_str(amount.map(|a| a * 3.0)))
        }
        _ => format!("{p}{}{l}", amount_str(amount)),
    }
}

fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// The TIMEX3 type and value of `sem`, resolved against `dct`.
pub fn normalise(
    sem: &Sem,
    dct: Option<NaiveDate>,
    tense: Tense,
    state: &mut DocState,
) -> (&'static str, Option<String>) {
    use Sem::*;
    let date = |v: Option<String>| ("DATE", v);
    match sem {
        Iso(d) => date(Some(ymd(*d))),
        Year(y) => date(Some(format!("{y:04}"))),
        Decade(d) => date(Some(format!("{d:03}X"))),
        DecadeWords(d) => date(Some(format!("{d:03}"))),
        Century(c) => date(Some(format!("{c:02}"))),
        NthWeekday {
            month,
            weekday,
            n,
            shift,
        } => {
            let Some(d) = dct else {
                return date(None);
            };
            let nth =
                |y: i32, n: u32| NaiveDate::from_weekday_of_month_opt(y, *month, *weekday, n as u8);
            // The last such weekday: the 4th where there is no 5th.
            let on = |y: i32| match *n {
                LAST_WEEKDAY => nth(y, LAST_WEEKDAY).or_else(|| nth(y, 4)),
                n => nth(y, n),
            };
            let this = on(d.year());
            let pick = match (shift, this) {
                (-1, Some(x)) if x >= d => on(d.year() - 1),
                (1, Some(x)) if x <= d => on(d.year() + 1),
                (0, Some(x)) if x > d && tense != Tense::Future => on(d.year() - 1),
                (_, x) => x,
            };
            date(pick.map(ymd))
        }
        Date { year, month, day } => {
            let y = match (year, dct) {
                (Some(y), _) => Some(*y),
                (None, Some(dct)) => Some(infer_year(dct, *month, *day, tense)),
                (None, None) => None,
            };
            let ys = y.map_or("XXXX".to_string(), |y| format!("{y:04}"));
            date(Some(match day {
                Some(d) => format!("{ys}-{month:02}-{d:02}"),
                None => format!("{ys}-{month:02}"),
            }))
        }
        Weekday { day, shift } => match dct {
            Some(d) => date(Some(ymd(resolve_weekday(d, *day, *shift, tense)))),
            None => date(Some(format!("XXXX-WXX-{}", day.number_from_monday()))),
        },
        DayOffset(k) => date(dct.map(|d| ymd(shift_days(d, *k)))),
        Relative { unit, offset } => {
            let Some(d) = dct else {
                return date(None);
            };
            // "June last year" is encoded as 1000 * (year offset + 2) + month
            if *offset >= 500 {
                let month = (offset % 1000) as u32;
                let y = d.year() + offset / 1000 - 2;
                return date(Some(format!("{y:04}-{month:02}")));
            }
            // "last April" is encoded as offset ±100 + month
            if offset.abs() > 50 {
                let month = offset.rem_euclid(100) as u32;
                let dir = if *offset < 0 { -1 } else { 1 };
                let y = if dir < 0 {
                    if month < d.month() {
                        d.year()
                    } else {
                        d.year() - 1
                    }
                } else if month > d.month() {
                    d.year()
                } else {
                    d.year() + 1
                };
                return date(Some(format!("{y:04}-{month:02}")));
            }
            let o = *offset;
            date(Some(match unit {
                Unit::Day => ymd(shift_days(d, o as i64)),
                Unit::Week => iso_week(shift_days(d, 7 * o as i64)),
                Unit::Weekend => {
                    // "over the weekend" on a weekday: the one just past
                    let past =
                        o == 0 && tense != Tense::Future && d.weekday().num_days_from_monday() < 5;
                    let k = if past { -1 } else { o as i64 };
                    format!("{}-WE", iso_week(shift_days(d, 7 * k)))
                }
                Unit::Month => {
                    let (y, m) = add_months(d.year(), d.month(), o);
                    format!("{y:04}-{m:02}")
                }
                Unit::Quarter => {
                    let (y, q) = match state.last_quarter {
                        // "This quarter's loss", after the report named
                        // its quarter: that one, not the calendar's
                        Some(named)
                            if o == 0 && tense != Tense::Future && on("this_quarter_named") =>
                        {
                            (named.0, named.1 as i32)
                        }
                        _ => {
                            let idx = d.year() * 4 + quarter_of(d) as i32 - 1 + o;
                            (idx.div_euclid(4), idx.rem_euclid(4) + 1)
                        }
                    };
                    state.last_quarter = Some((y, q as u32));
                    format!("{y:04}-Q{q}")
                }
                Unit::Year => format!("{:04}", d.year() + o),
                Unit::Decade => format!("{:03}X", (d.year() / 10) + o),
                Unit::Century => format!("{:02}XX", (d.year() / 100) + o),
                _ => return ("DURATION", Some(duration_value(Some(1.0), *unit))),
            }))
        }
        Ref(v) => date(Some(v.to_string())),
        Duration { amount, unit } => ("DURATION", Some(duration_value(*amount, *unit))),
        Ago { amount, unit, dir } => {
            let Some(d) = dct else {
                return date(None);
            };
            let Some(a) = amount else {
                return date(Some(
                    if *dir < 0 { "PAST_REF" } else { "FUTURE_REF" }.into(),
                ));
            };
            let k = (*a * *dir as f64).round() as i64;
            date(Some(match unit {
                Unit::Second | Unit::Minute | Unit::Hour => ymd(d),
                Unit::Day => ymd(shift_days(d, k)),
                Unit::Week | Unit::Weekend => iso_week(shift_days(d, 7 * k)),
                Unit::Month => {
                    let (y, m) = add_months(d.year(), d.month(), k as i32);
                    format!("{y:04}-{m:02}")
                }
                Unit::Quarter => {
                    let idx = d.year() * 4 + quarter_of(d) as i32 - 1 + k as i32;
                    format!("{:04}-Q{}", idx.div_euclid(4), idx.rem_euclid(4) + 1)
                }
                Unit::Year => {
                    // "a year earlier" after a quarter was named: that
                    // quarter a year before, unless the quarter named was
                    // itself a year-ago one ("in the 1988 period. The
                    // year-ago results ...")
                    match state.last_quarter {
                        Some((y, q))
                            if k == -1
                                && a.fract() == 0.0
                                && !(state.cumulative_period && on("cumulative_period")) =>
                        {
                            let latest = d.year() * 4 + quarter_of(d) as i32 - 2;
                            let named = y * 4 + q as i32 - 1;
                            let y = if named <= latest - 4 && on("year_earlier_old_quarter") {
                                y
                            } else {
                                y - 1
                            };
                            format!("{y:04}-Q{q}")
                        }
                        _ => format!("{:04}", d.year() as i64 + k),
                    }
                }
                Unit::Decade => format!("{:04}", d.year() as i64 + 10 * k),
                Unit::Century => format!("{:04}", d.year() as i64 + 100 * k),
            }))
        }
        Quarter {
            q,
            year,
            year_shift,
        } => {
            let Some(d) = dct else {
                return date(q.map(|q| format!("XXXX-Q{q}")));
            };
            let latest = *year_shift == LATEST_QUARTER;
            let remembered = if latest { None } else { state.last_quarter };
            let (y, q) = match (q, remembered) {
                // a quarter not yet begun, talked of in the past: last year's
                (Some(q), _)
                    if year.is_none()
                        && *year_shift == 0
                        && *q > quarter_of(d)
                        && tense != Tense::Future =>
                {
                    (d.year() - 1, *q)
                }
                (Some(q), _) => (year.unwrap_or(d.year()), *q),
                (None, Some((ly, lq))) if year.is_none() => (ly, lq),
                (None, _) => {
                    // the latest complete quarter
                    let idx = d.year() * 4 + quarter_of(d) as i32 - 2;
                    (
                        year.unwrap_or(idx.div_euclid(4)),
                        idx.rem_euclid(4) as u32 + 1,
                    )
                }
            };
            if *year_shift == 0 || latest {
                state.last_quarter = Some((y, q));
            }
            let shift = if latest { 0 } else { *year_shift };
            date(Some(format!("{:04}-Q{q}", y + shift)))
        }
        Half { h, year } => {
            let y = year.or(dct.map(|d| d.year()));
            date(Some(format!(
                "{}-H{h}",
                y.map_or("XXXX".into(), |y| format!("{y:04}"))
            )))
        }
        Season { code, offset, year } => {
            let y = match (year, dct) {
                (Some(y), _) => Some(*y),
                // "last fall": the most recent one that is over
                (None, Some(d)) if *offset == -1 => {
                    let ends = SEASON_END_MONTH
                        .iter()
                        .find(|(c, _)| c == code)
                        .map_or(12, |(_, m)| *m);
                    Some(if ends < d.month() {
                        d.year()
                    } else {
                        d.year() - 1
                    })
                }
                (None, Some(d)) => Some(d.year() + offset),
                _ => None,
            };
            date(Some(format!(
                "{}-{code}",
                y.map_or("XXXX".into(), |y| format!("{y:04}"))
            )))
        }
        PartOfDay { base, part } => {
            let (_, v) = normalise(base, dct, tense, state);
            ("TIME", v.map(|v| format!("{v}T{part}")))
        }
        Clock { hour, minute, base } => {
            let day = match base {
                Some(b) => normalise(b, dct, tense, state).1,
                None => dct.map(ymd),
            };
            (
                "TIME",
                Some(format!(
                    "{}T{hour:02}:{minute:02}",
                    day.unwrap_or_else(|| "XXXX-XX-XX".into())
                )),
            )
        }
        Set(v) => ("SET", Some(v.to_string())),
        ThisYear => date(dct.map(|d| format!("{:04}", d.year()))),
        YearEnd => date(dct.map(|d| {
            let y = if tense == Tense::Past {
                d.year() - 1
            } else {
                d.year()
            };
            format!("{y:04}-12-31")
        })),
        // nothing named before: the unknown year or day, never an empty value
        AnaYear(k) => date(Some(
            state
                .last_year
                .map_or("XXXX".into(), |y| format!("{:04}", y + k)),
        )),
        AnaDay(k) => date(Some(state.anaphoric_day(*k))),
        VagueLength => ("DURATION", Some("PXX".into())),
        PreviousWeekday(day) => {
            let anchor = state.last_date.or(dct);
            date(anchor.map(|a| ymd(resolve_weekday(a, *day, -1, tense))))
        }
        WeekOf(day) => {
            let (_, v) = normalise(day, dct, tense, state);
            let week = v
                .as_deref()
                .and_then(|v| v.get(..10)?.parse::<NaiveDate>().ok())
                .map(iso_week);
            date(week)
        }
        DatedWeekday {
            month,
            day,
            weekday,
        } => {
            let Some(d) = dct else {
                return date(Some(format!("XXXX-{month:02}-{day:02}")));
            };
            let fits = [0, -1, 1].into_iter().map(|k| d.year() + k).find(|&y| {
                NaiveDate::from_ymd_opt(y, *month, *day).is_some_and(|x| x.weekday() == *weekday)
            });
            let y = fits.unwrap_or_else(|| infer_year(d, *month, Some(*day), tense));
            date(Some(format!("{y:04}-{month:02}-{day:02}")))
        }
    }
}

/// How far (in days) a date written without a year may lie on the
/// "wrong" side of the publication date for its tense: a past verb still
/// allows a date up to two months ahead ("was extended to Nov. 16"), a
/// future verb one up to a month behind ("must be returned by Jan. 14",
/// written on Jan. 15).
pub const PAST_TENSE_AHEAD_DAYS: i64 = 62;
pub const FUTURE_TENSE_BEHIND_DAYS: i64 = 31;
/// With no tense cue, a coming date must be this much nearer than the
/// past one to win: news reports more than it announces.
pub const UNKNOWN_TENSE_PAST_BIAS_DAYS: i64 = 15;
/// The same for a month without a day ("in March"): a month named in news
/// with no tense cue is far more often one gone by (up to ten months back
/// on the tune part) than one to come (at most four ahead).
pub const UNKNOWN_TENSE_MONTH_PAST_BIAS_DAYS: i64 = 90;

/// The year of a month (and day) written without one: the nearest such
/// date to the publication date, among those the tense allows (see the
/// constants above).
fn infer_year(dct: NaiveDate, month: u32, day: Option<u32>, tense: Tense) -> i32 {
    let y = dct.year();
    let mut best: Option<(i64, i32)> = None;
    for cand in [y - 1, y, y + 1] {
        let d = day.unwrap_or(15).min(28);
        let Some(date) = NaiveDate::from_ymd_opt(cand, month, d) else {
            continue;
        };
        // month-only dates compare by month
        let offset = if day.is_some() {
            (date - dct).num_days()
        } else {
            30 * ((cand * 12 + month as i32) - (y * 12 + dct.month() as i32)) as i64
        };
        let allowed = match tense {
            // a month named in the past tense is this month or before
            Tense::Past => {
                offset
                    <= if day.is_some() {
                        PAST_TENSE_AHEAD_DAYS
                    } else {
                        0
                    }
            }
            Tense::Future => offset >= -FUTURE_TENSE_BEHIND_DAYS,
            Tense::Unknown => true,
        };
        if !allowed {
            continue;
        }
        let bias = if day.is_some() {
            UNKNOWN_TENSE_PAST_BIAS_DAYS
        } else if on("month_past_bias_90") {
            UNKNOWN_TENSE_MONTH_PAST_BIAS_DAYS
        } else {
            UNKNOWN_TENSE_PAST_BIAS_DAYS
        };
        let score = offset.abs()
            + if tense == Tense::Unknown && offset > 0 {
                bias
            } else {
                0
            };
        if best.is_none_or(|(b, _)| score < b) {
            best = Some((score, cand));
        }
    }
    best.map_or(y, |(_, c)| c)
}

// ---------------------------------------------------------------- tagger

/// One found expression, in token indices, with what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub rule: &'static str,
    pub sem: Sem,
    pub modifier: Option<&'static str>,
}

/// Finds the time expressions among `toks` (one sentence or paragraph).
pub fn find(toks: &[Tok]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let mut best: Option<(&'static str, Hit)> = None;
        for (name, rule) in RULES {
            if !on(name) {
                continue;
            }
            if let Some(h) = rule(toks, i) {
                if h.end > i && best.as_ref().is_none_or(|(_, b)| h.end > b.end) {
                    best = Some((name, h));
                }
            }
        }
        let Some((rule, hit)) = best else {
            i += 1;
            continue;
        };
        let mut f = Found {
            start: i,
            end: hit.end,
            rule,
            sem: hit.sem,
            modifier: None,
        };
        extend_ago(toks, &mut f);
        extend_prefix(toks, &mut f);
        i = f.end;
        out.push(f);
    }
    out
}

/// "two years ago", "a year earlier": a duration followed by an anchor
/// word becomes a date.
fn extend_ago(toks: &[Tok], f: &mut Found) {
    let Sem::Duration { amount, unit } = f.sem else {
        return;
    };
    let Some(t) = toks.get(f.end) else {
        return;
    };
    if let Some(dir) = lookup(AGO_WORDS, &t.lower) {
        // "before"/"later" only when nothing follows that they govern
        if matches!(t.lower.as_str(), "before" | "later" | "earlier") {
            if let Some(n) = toks.get(f.end + 1) {
                if n.is_word()
                    && !n.is_capitalized()
                    && !AGO_FOLLOWERS.contains(&n.lower.as_str())
                    && !n.lower.ends_with("ed")
                    && n.lower != "said"
                {
                    return; // "two days before Christmas": a preposition
                }
            }
        }
        f.sem = Sem::Ago { amount, unit, dir };
        f.end += 1;
    } else if let Some(e) = seq(toks, f.end, &["from", "now"]) {
        f.sem = Sem::Ago {
            amount,
            unit,
            dir: 1,
        };
        f.end = e;
    }
}

/// Attaches a modifier written before the expression ("early next year",
/// "more than four decades ago", "the end of 1990").
fn extend_prefix(toks: &[Tok], f: &mut Found) {
    let mut best: Option<(usize, &'static str, bool)> = None;
    for &(words, m, in_span) in PREFIX_MODS {
        if f.start < words.len() {
            continue;
        }
        let s = f.start - words.len();
        if seq(toks, s, words).is_some() {
            // approximations only make sense on amounts
            let is_amount = matches!(
                f.sem,
                Sem::Duration {
                    amount: Some(_),
                    ..
                } | Sem::Ago { .. }
            );
            let is_bound = matches!(
                m,
                "APPROX" | "LESS_THAN" | "MORE_THAN" | "EQUAL_OR_MORE" | "EQUAL_OR_LESS"
            );
            if is_bound && !is_amount {
                continue;
            }
            if matches!(words[0], "earlier" | "later")
                && !matches!(
                    f.sem,
                    Sem::Relative { offset: 0, .. }
                        | Sem::DayOffset(_)
                        | Sem::AnaDay(_)
                        | Sem::AnaYear(_)
                        | Sem::Weekday { .. }
                        | Sem::PartOfDay { .. }
                )
            {
                continue;
            }
            if best.is_none_or(|(b, _, _)| s < b) {
                best = Some((s, m, in_span));
            }
        }
    }
    if let Some((s, m, in_span)) = best {
        if in_span {
            f.start = s;
        }
        f.modifier = Some(m);
    }
}

/// Resolves found expressions into `TimeExpr`s with absolute spans.
pub fn resolve(
    toks: &[Tok],
    found: &[Found],
    dct: Option<NaiveDate>,
    state: &mut DocState,
) -> Vec<TimeExpr> {
    found
        .iter()
        .filter_map(|f| {
            if state.lacks_antecedent(&f.sem) {
                return None;
            }
            let tense = tense_at(toks, f.start, f.end);
            let (ty, value) = normalise(&f.sem, dct, tense, state);
            if let Some(v) = &value {
                state.remember(v);
                if v.get(4..6) == Some("-Q") {
                    state.cumulative_period = false;
                }
            }
            if let Sem::Duration {
                amount: Some(a),
                unit: Unit::Month,
            } = f.sem
            {
                if CUMULATIVE_MONTHS.contains(&(a as u32)) && a.fract() == 0.0 {
                    state.cumulative_period = true;
                }
            }
            Some(TimeExpr {
                span: Span::new(toks[f.start].span.start, toks[f.end - 1].span.end),
                timex_type: ty.to_string(),
                value,
                modifier: f.modifier.map(str::to_string),
            })
        })
        .collect()
}

/// Finds and resolves the time expressions among `toks`.
pub fn extract(toks: &[Tok], dct: Option<NaiveDate>, state: &mut DocState) -> Vec<TimeExpr> {
    let found = find(toks);
    resolve(toks, &found, dct, state)
}

/// Convenience for tests and tools: time expressions in a plain string.
pub fn extract_str(text: &str, dct: Option<NaiveDate>) -> Vec<TimeExpr> {
    let toks = crate::tokens::pieces(text, Span::new(0, text.len()));
    extract(&toks, dct, &mut DocState::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    /// (text, type, value) of every expression found.
    fn tag(text: &str, dct: &str) -> Vec<(String, String, String)> {
        extract_str(text, d(dct))
            .into_iter()
            .map(|t| {
                (
                    text[t.span.start..t.span.end].to_string(),
                    t.timex_type,
                    t.value.unwrap_or_default(),
                )
            })
            .collect()
    }

    fn one(text: &str, dct: &str) -> (String, String) {
        let v = tag(text, dct);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        (v[0].0.clone(), v[0].2.clone())
    }

    #[test]
    fn friday_afternoon_on_a_friday_is_the_publication_day() {
        let got = tag(
            "Speaking on Telegram on Friday afternoon, he said",
            "2022-09-16",
        );
        assert_eq!(
            got,
            [(
                "Friday afternoon".into(),
                "TIME".into(),
                "2022-09-16TAF".into()
            )]
        );
    }

    #[test]
    fn bare_weekday_is_the_most_recent_one_and_future_verb_the_coming_one() {
        assert_eq!(one("They met on Monday.", "2022-09-16").1, "2022-09-12");
        assert_eq!(
            one("They will meet on Monday.", "2022-09-16").1,
            "2022-09-19"
        );
        assert_eq!(one("He left last Friday.", "2022-09-16").1, "2022-09-09");
        assert_eq!(one("It is due next Friday.", "2022-09-16").1, "2022-09-23");
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(one("on 16 September 2022", "2000-01-01").1, "2022-09-16");
        assert_eq!(
            one("on Sept. 16, he", "2022-09-20"),
            ("Sept. 16".into(), "2022-09-16".into())
        );
        assert_eq!(one("on 2022-09-16", "2000-01-01").1, "2022-09-16");
        assert_eq!(one("in September 2022", "2000-01-01").1, "2022-09");
        assert_eq!(one("in 1998 the", "2022-09-16").1, "1998");
        assert_eq!(one("in the 1990s", "2022-09-16").1, "199X");
    }

    #[test]
    fn memorial_day_is_the_last_monday_of_may_in_four_and_five_monday_years() {
        // May 2022 has five Mondays (the 30th is the last); May 2019 four.
        assert_eq!(one("on Memorial Day.", "2022-06-10").1, "2022-05-30");
        assert_eq!(one("on Memorial Day.", "2019-06-10").1, "2019-05-27");
        // Before this year's, a bare mention is last year's.
        assert_eq!(one("on Memorial Day.", "2020-01-10").1, "2019-05-27");
    }

    #[test]
    fn relative_dates() {
        assert_eq!(one("Today, the world", "2022-09-16").1, "2022-09-16");
        assert_eq!(one("he said yesterday", "2022-09-16").1, "2022-09-15");
        assert_eq!(one("last week", "2022-09-16").1, "2022-W36");
        assert_eq!(one("next month", "2022-09-16").1, "2022-10");
        assert_eq!(
            one("two years ago", "2022-09-16"),
            ("two years ago".into(), "2020".into())
        );
        assert_eq!(
            one("in recent days", "2022-09-16"),
            ("recent days".into(), "PAST_REF".into())
        );
    }

    #[test]
    fn durations_and_sets() {
        let v = tag("for three days and every week", "2022-09-16");
        assert_eq!(v[0], ("three days".into(), "DURATION".into(), "P3D".into()));
        assert_eq!(v[1], ("every week".into(), "SET".into(), "P1W".into()));
        assert_eq!(one("a five-year plan", "2022-09-16").1, "P5Y");
        assert_eq!(one("ruled for centuries", "2022-09-16").1, "PXY");
        assert!(tag("in the years that followed", "2022-09-16").is_empty());
    }

    #[test]
    fn no_false_dates_from_common_words() {
        for s in [
            "We may see a march on the capital.",
            "Protesters march through the city.",
            "The Sun reported it on its front page.",
            "Prices may fall in the spring of hope",
            "We will go.",
            "Wed and Sat are not dates, nor is the Sun newspaper.",
        ] {
            let v = tag(s, "2022-09-16");
            assert!(v.is_empty() || s.contains("spring"), "{s}: {v:?}");
        }
        assert_eq!(one("It happened in May.", "2022-09-16").1, "2022-05");
        assert_eq!(one("a march in March", "2022-09-16").1, "2022-03");
    }

    #[test]
    fn quarters_and_year_earlier() {
        let mut st = DocState::default();
        let text = "third-quarter profit rose from a year earlier";
        let toks = crate::tokens::pieces(text, Span::new(0, text.len()));
        let v = extract(&toks, d("1989-10-26"), &mut st);
        let vals: Vec<_> = v.iter().map(|t| t.value.clone().unwrap()).collect();
        assert_eq!(vals, ["1989-Q3", "1988-Q3"]);
    }

    #[test]
    fn dates_without_a_year_take_the_nearest_year_the_tense_allows() {
        // past verb, date just ahead: still this year ("was extended to")
        assert_eq!(
            one("The offer was extended to Nov. 16.", "1989-10-30").1,
            "1989-11-16"
        );
        // no tense cue: the nearer one
        assert_eq!(
            one("The deal closes in February.", "1989-10-30").1,
            "1990-02"
        );
        assert_eq!(one("Sales in January rose.", "1998-02-06").1, "1998-01");
        // future verb, deadline just passed
        assert_eq!(
            one("He must be returned by Jan. 14.", "2000-01-15").1,
            "2000-01-14"
        );
        // past verb, date far ahead: last year's
        assert_eq!(
            one("He was arrested in December.", "1998-04-18").1,
            "1997-12"
        );
    }

    #[test]
    fn a_month_in_the_past_tense_is_not_ahead() {
        assert_eq!(
            one("the third time since March.", "2024-01-09").1,
            "2023-03"
        );
    }

    #[test]
    fn a_future_seen_from_the_past_takes_the_nearest_date() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                one("It had been due to expire Friday.", "1989-10-30").1,
                "1989-10-27"
            );
            assert_eq!(
                one("The accession was planned for early March.", "1999-02-10").1,
                "1999-03"
            );
            assert_eq!(
                one("It is due to expire Friday.", "1989-10-30").1,
                "1989-11-03"
            );
        });
    }

    #[test]
    fn later_is_relative_to_the_story_not_the_date_line() {
        assert_eq!(
            one("Three days later, prices fell.", "1989-10-30"),
            ("Three days".into(), "P3D".into())
        );
        assert_eq!(
            one("A year earlier UniFirst earned more.", "1989-11-01").1,
            "1988"
        );
    }

    #[test]
    fn seasons_and_latest_quarters() {
        assert_eq!(one("this past spring", "1989-10-30").1, "1989-SP");
        assert_eq!(one("last fall", "1999-05-07").1, "1998-FA");
        let text = "fourth-quarter sales; in the latest quarter";
        let toks = crate::tokens::pieces(text, Span::new(0, text.len()));
        let v = extract(&toks, d("1989-10-30"), &mut DocState::default());
        let vals: Vec<_> = v.iter().map(|t| t.value.clone().unwrap()).collect();
        assert_eq!(vals, ["1989-Q4", "1989-Q3"]);
    }

    #[test]
    fn anaphora_point_back_to_the_last_year_or_day_named() {
        let v = tag(
            "He left in June 1998 and returned later that year. On Oct. 23, 1999 he spoke; the next day he left.",
            "2000-01-01",
        );
        let vals: Vec<_> = v.iter().map(|t| (t.0.as_str(), t.2.as_str())).collect();
        assert_eq!(
            vals,
            [
                ("June 1998", "1998-06"),
                ("that year", "1998"),
                ("Oct. 23, 1999", "1999-10-23"),
                ("the next day", "1999-10-24")
            ]
        );
    }

    #[test]
    fn a_length_in_quarters_is_written_in_months() {
        let s = "to be spread over the next three quarters";
        assert_eq!(one(s, "1989-11-02").1, "P3Q");
        crate::switches::with_on(&["quarter_length_in_months"], || {
            assert_eq!(one(s, "1989-11-02").1, "P9M");
            // a vague number of quarters keeps its unit
            assert_eq!(one("for several quarters", "1989-11-02").1, "PXQ");
        });
    }

    #[test]
    fn a_passive_to_come_is_no_past_cue() {
        let s = "Final guidelines to be published in early November will decide.";
        assert_eq!(one(s, "1989-10-30").1, "1988-11");
        crate::switches::with_on(&["passive_future"], || {
            assert_eq!(one(s, "1989-10-30").1, "1989-11");
            // a participle after a plain "be" stays past
            assert_eq!(
                one("The shares could be sold in March, he said.", "1989-10-30").1,
                "1989-03"
            );
        });
    }

    #[test]
    fn that_day_after_a_month_is_a_day_of_that_month() {
        let v = values(
            "The site closed Thursday night. He was killed last October, and his name was crossed out that same day.",
            "1999-02-06",
        );
        assert_eq!(v, ["1999-02-04TNI", "1998-10", "1998-10-XX"]);
    }

    #[test]
    fn that_day_with_no_day_named_is_the_unknown_day_not_an_empty_value() {
        crate::switches::with_off(&["anaphora_needs_antecedent"], || {
            assert_eq!(
                one("Market makers lose on trades made that day.", "1989-10-30"),
                ("that day".into(), "XXXX-XX-XX".into())
            );
            assert_eq!(one("He left later that year.", "1989-10-30").1, "XXXX");
        });
        // with the rule on, an anaphor with nothing to point to is no date,
        // nor is "that day" after a year alone or a quarter
        assert!(tag("Market makers lose on trades made that day.", "1989-10-30").is_empty());
        assert_eq!(
            values(
                "After the 1987 crash and in the third quarter, trades made that day lost.",
                "1989-10-30"
            ),
            ["1987", "1989-Q3"]
        );
    }

    /// Values of every expression in `text`, read as one paragraph.
    fn values(text: &str, dct: &str) -> Vec<String> {
        tag(text, dct).into_iter().map(|t| t.2).collect()
    }

    #[test]
    fn recent_weeks_are_a_vague_length_but_recent_days_are_lately() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                tag("Prices rose in recent months.", "1998-04-02"),
                [("recent months".into(), "DURATION".into(), "PXM".into())]
            );
            assert_eq!(one("in recent days", "2022-09-16").1, "PAST_REF");
        });
    }

    #[test]
    fn soon_in_a_past_clause_is_not_the_future() {
        assert!(tag("He was soon released.", "2000-02-24").is_empty());
        assert!(tag("He was killed soon after his capture.", "1998-02-19").is_empty());
        assert_eq!(one("Talks will resume soon.", "2000-02-24").1, "FUTURE_REF");
    }

    #[test]
    fn a_possessive_weekday_has_taken_place() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            // Friday 2022-09-16: "would" does not make the ruling a coming one
            assert_eq!(
                one(
                    "They would look for ways around Wednesday's ruling.",
                    "2022-09-16"
                )
                .1,
                "2022-09-14"
            );
        });
    }

    #[test]
    fn a_name_ending_in_ed_is_not_a_past_verb() {
        assert_eq!(
            one(
                "He would be traveling to the United States Thursday.",
                "2000-04-05"
            )
            .1,
            "2000-04-06"
        );
    }

    #[test]
    fn spoken_years_after_a_month_or_a_season() {
        assert_eq!(
            one(
                "the level we saw in the winter of nineteen ninety-four.",
                "1998-02-23"
            ),
            (
                "the winter of nineteen ninety-four".into(),
                "1994-WI".into()
            )
        );
        assert_eq!(
            one(
                "January nineteen ninety-seven. Atlanta again.",
                "1998-02-27"
            )
            .1,
            "1997-01"
        );
    }

    #[test]
    fn the_short_term_is_the_future() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                one("to placate holders in the short term.", "1989-10-30").1,
                "FUTURE_REF"
            );
            assert_eq!(
                one("the challenges of the near term", "1989-10-30").1,
                "FUTURE_REF"
            );
        });
    }

    #[test]
    fn a_lead_and_a_plural_unit_is_a_vague_length() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                one(
                    "prisoners were taken in the first hours of the war",
                    "1991-02-25"
                )
                .1,
                "PTXH"
            );
        });
    }

    #[test]
    fn earnings_periods_compared_a_year_back() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            let text = "Net fell in the third quarter ended Sept. 30, from $1.8 million for the \
                        corresponding period last year. This quarter's loss includes charges. \
                        U.K. sales for last year's quarter were $3 million. The year-ago results \
                        were restated.";
            assert_eq!(
                values(text, "1989-11-01"),
                [
                    "1989-Q3",
                    "1989-09-30",
                    "1988-Q3",
                    "1989-Q3",
                    "1988-Q3",
                    "1988-Q3"
                ]
            );
        });
    }

    #[test]
    fn a_year_ago_after_a_year_ago_period_stays_there() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            let text =
                "compared with a loss in the 1988 period. The year-ago results included a charge.";
            assert_eq!(values(text, "1989-11-02"), ["1988-Q3", "1988-Q3"]);
        });
    }

    #[test]
    fn last_years_numbered_quarter_is_one_year_back() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            // the fourth quarter has not begun on Aug. 1; last year's is 1988's
            assert_eq!(
                one("sales in last year's fourth quarter", "1989-08-01").1,
                "1988-Q4"
            );
        });
    }

    #[test]
    fn the_week_of_a_day_is_its_iso_week() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                one(
                    "resolved in a court hearing the week of March 6, he said",
                    "2000-02-24"
                ),
                ("the week of March 6".into(), "2000-W10".into())
            );
        });
    }

    #[test]
    fn a_deadline_under_a_past_perfect_has_passed() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                one("Members had filed reports by Wednesday.", "1990-08-16").1,
                "1990-08-15"
            );
            assert_eq!(
                one("Members must file reports by Wednesday.", "1990-08-16").1,
                "1990-08-22"
            );
        });
    }

    #[test]
    fn one_day_after_a_modal_is_some_day_to_come() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                tag(
                    "Islam will one day be the second largest religion.",
                    "1998-03-03"
                ),
                [("one day".into(), "DATE".into(), "FUTURE_REF".into())]
            );
            assert_eq!(
                one("He had been in the job one day.", "1990-11-28").1,
                "P1D"
            );
        });
    }

    #[test]
    fn a_month_without_tense_is_more_likely_gone_by() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            // seven months back rather than five ahead
            assert_eq!(
                one("The price in March: $29.75 a share.", "1989-10-30").1,
                "1989-03"
            );
        });
    }

    #[test]
    fn year_end_is_december_31_and_the_last_one_in_the_past() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                one("to complete the deal by year-end.", "1989-11-01").1,
                "1989-12-31"
            );
            assert_eq!(
                one("The change is since year-end.", "1989-10-30").1,
                "1988-12-31"
            );
        });
    }

    #[test]
    fn the_previous_weekday_is_before_the_day_talked_about() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            // Monday 1989-10-30; the story is about Friday 10-27
            assert_eq!(
                values(
                    "It fell on Friday, down from the previous Friday.",
                    "1989-10-30"
                ),
                ["1989-10-27", "1989-10-20"]
            );
        });
    }

    #[test]
    fn next_years_numbered_quarter() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                tag(
                    "effective as early as next year's first quarter.",
                    "1989-10-31"
                ),
                [(
                    "next year's first quarter".into(),
                    "DATE".into(),
                    "1990-Q1".into()
                )]
            );
        });
    }

    #[test]
    fn a_fiscal_year_ended_on_a_day_is_a_length() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                values("In the fiscal year ended Jan. 31, it earned", "1989-10-31"),
                ["P1Y", "1989-01-31"]
            );
        });
    }

    #[test]
    fn a_clock_time_takes_the_day_after_another_zones_time() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                values(
                    "The blast occurred at 10:35 a.m. (0735 GMT) Friday.",
                    "1998-08-08"
                ),
                ["1998-08-07T10:35", "1998-08-07"]
            );
        });
    }

    #[test]
    fn a_sentence_opening_weekday_takes_the_tense_of_the_verb_after_it() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            // Monday 1998-10-26
            assert_eq!(
                one(
                    "On Tuesday, the league plans to hold a news conference.",
                    "1998-10-26"
                )
                .1,
                "1998-10-27"
            );
            assert_eq!(
                one(
                    "On Friday, when she set aside her plans, it rained.",
                    "1998-10-26"
                )
                .1,
                "1998-10-23"
            );
            // an aside between commas is not the main verb
            assert_eq!(
                values(
                    "On Thursday, the rules, adopted in May, will apply.",
                    "1998-10-26"
                ),
                ["1998-10-29", "1998-05"]
            );
        });
    }

    #[test]
    fn parts_of_the_day_after_mid_early_late() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                one("By mid afternoon, sources were saying", "1998-03-06"),
                ("mid afternoon".into(), "1998-03-06TAF".into())
            );
            assert_eq!(
                one(
                    "In London at mid-afternoon yesterday, shares rose.",
                    "1989-11-02"
                )
                .1,
                "1989-11-01TAF"
            );
        });
    }

    #[test]
    fn a_second_day_joined_to_a_date() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                values("the summit on April 24 and 25. Then", "1999-02-10"),
                ["1999-04-24", "1999-04-25"]
            );
            assert_eq!(
                values("on April 24 and 25 people", "1999-02-10"),
                ["1999-04-24"]
            );
            assert_eq!(
                values(
                    "in the quarter ended Sept. 30 to 12% from 10%",
                    "1989-10-30"
                ),
                ["1989-Q3", "1989-09-30"]
            );
        });
    }

    #[test]
    fn titles_and_compounds_are_not_times() {
        assert!(tag("speaking on ABC's \"This Week,\" he said", "1990-08-13").is_empty());
        assert!(tag("The quarter-to-quarter comparison was hurt.", "1989-11-01").is_empty());
        assert!(tag("the last-minute effort failed", "1991-02-25").is_empty());
    }

    #[test]
    fn annually_is_a_set() {
        assert_eq!(
            tag("rallies held here annually for Marti", "2000-01-28"),
            [("annually".into(), "SET".into(), "P1Y".into())]
        );
    }

    #[test]
    fn a_year_earlier_after_a_running_total_is_a_year() {
        let text = "Third-quarter net rose to $5 million from $4 million a year earlier. \
                    Through the first nine months, earnings fell from $38 million a year earlier.";
        assert_eq!(
            values(text, "1989-10-30"),
            ["1989-Q3", "1988-Q3", "P9M", "1988"]
        );
    }

    #[test]
    fn lengths_with_a_half_or_a_qualifier() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                one(
                    "But a minute and a half later, a pilot called.",
                    "1998-01-14"
                ),
                ("a minute and a half".into(), "PT1M30S".into())
            );
            assert_eq!(
                one("Eight trading days after the crash, it rose.", "1989-10-30").1,
                "P8D"
            );
            // a rate is no length
            assert!(tag("four flights a week", "1998-02-13").is_empty());
        });
    }

    #[test]
    fn a_length_with_no_unit() {
        crate::switches::with_on(crate::switches::PROBATION, || {
            assert_eq!(
                tag(
                    "They will have to live without it for a while.",
                    "1998-01-11"
                ),
                [("a while".into(), "DURATION".into(), "PXX".into())]
            );
            assert!(tag("It took a while.", "1998-01-11").is_empty());
        });
    }

    #[test]
    fn now_opening_a_sentence_before_a_comma_is_a_discourse_marker() {
        let dct = "2021-05-04";
        assert!(tag("Now, the minister said, the talks can resume.", dct).is_empty());
        assert!(tag("The vote failed. Now, what next?", dct).is_empty());
        assert!(tag("\"Now, we wait,\" she said.", dct).is_empty());
        // a time elsewhere, and opening a sentence without the comma
        assert_eq!(
            one("The bridge is now closed to lorries.", dct),
            ("now".into(), "PRESENT_REF".into())
        );
        assert_eq!(
            one("Now the bridge is closed to lorries.", dct),
            ("Now".into(), "PRESENT_REF".into())
        );
        assert_eq!(one("It is closed for now, he said.", dct).1, "PRESENT_REF");
        crate::switches::with_off(&["discourse_marker"], || {
            assert_eq!(one("Now, what next?", dct).1, "PRESENT_REF");
        });
    }

    #[test]
    fn recent_is_a_time_only_before_a_calendar_unit_on_probation() {
        let dct = "2021-05-04";
        crate::switches::with_on(&["recent_before_unit_only"], || {
            assert!(tag("The recent sale of the depot drew protests.", dct).is_empty());
            assert!(tag("according to a recent survey of farmers", dct).is_empty());
            assert_eq!(
                one("Prices have fallen in recent weeks.", dct),
                ("recent".into(), "PAST_REF".into())
            );
        });
        // off by default: the WSJ documents tag the adjective
        assert_eq!(one("The recent sale of the depot.", dct).1, "PAST_REF");
    }

    #[test]
    fn unit_long_and_several_unit_compounds_are_lengths() {
        let dct = "2021-05-04";
        assert_eq!(
            tag("after a day-long hearing in the capital", dct),
            [("day-long".into(), "DURATION".into(), "P1D".into())]
        );
        assert_eq!(
            tag("the decades-long dispute over the river", dct),
            [("decades-long".into(), "DURATION".into(), "PXY".into())]
        );
        assert_eq!(
            tag("She ended a several-year absence from the stage.", dct),
            [("several-year".into(), "DURATION".into(), "PXY".into())]
        );
        // ages stay untagged, as TimeBank leaves them
        assert!(tag("a 50-year-old bridge", dct).is_empty());
        assert!(tag("a several-year-old car", dct).is_empty());
        crate::switches::with_off(&["unit_long_compound", "vague_unit_compound"], || {
            assert!(tag("the decades-long dispute", dct).is_empty());
            assert!(tag("a several-year absence", dct).is_empty());
        });
    }

    #[test]
    fn titles_and_idioms_are_no_times() {
        let dct = "2021-05-04";
        assert!(tag("She told USA Today that the plan had failed.", dct).is_empty());
        assert!(tag("You are listening to VOA Today.", dct).is_empty());
        assert!(tag("For the club, high noon comes on the pitch.", dct).is_empty());
        // the day and the hour
        assert_eq!(one("The USA team plays today.", dct).1, "2021-05-04");
        assert_eq!(one("Today the USA team plays.", dct).1, "2021-05-04");
        assert_eq!(one("The talks end at noon.", dct).1, "2021-05-04T12:00");
        crate::switches::with_off(&["today_title", "noon_idiom"], || {
            assert_eq!(one("You are listening to VOA Today.", dct).1, "2021-05-04");
            assert_eq!(tag("high noon", dct).len(), 1);
        });
    }

    #[test]
    fn every_rule_has_a_unique_name() {
        let mut names: Vec<_> = RULES.iter().map(|r| r.0).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }
}
