//! Named rule switches, for ablation in evaluation.
//!
//! A time-expression rule is either a whole recognition rule (an entry of
//! [`crate::timex::RULES`]) or a condition inside one or inside
//! normalisation ("a possessive weekday is past"). Both kinds carry a name,
//! and `newsgraph-eval timex --ablate` turns each off in turn to measure
//! what it is worth on folds of the tune part. Rules that help on most
//! folds stay; the others go.
//!
//! Rules that did not prove themselves are on [`PROBATION`]: off unless a
//! caller turns them on inside [`with_on`] (their tests do), so that the
//! ablation can keep measuring them as the rules around them change.
//!
//! The switches are thread-local: the product never touches them, and two
//! threads evaluating at once do not see each other's choices.

use std::cell::RefCell;

/// Conditions inside rules that can be turned off by name: (name, what it
/// does). Names of [`crate::timex::RULES`] entries are switches too.
pub const SWITCHES: &[(&str, &str)] = &[
    (
        "recent_units_vague",
        "'in recent weeks/months/years' is a vague length (PXW) rather than PAST_REF",
    ),
    ("term_refs", "'the near/short/long term' is FUTURE_REF"),
    (
        "deadline_past_perfect",
        "a deadline under 'had' ('had filed by Wednesday') is past",
    ),
    (
        "spoken_year",
        "a year in words after a month or season ('May nineteen ninety-four')",
    ),
    (
        "previous_weekday",
        "'the previous Friday' is the Friday before the last day named",
    ),
    (
        "quoted_title",
        "'\"This Week\"' after an opening quote is a title, not a date",
    ),
    (
        "one_day_future",
        "'will one day', 'he one day' is FUTURE_REF",
    ),
    (
        "soon_past_no_time",
        "'soon' in a past clause ('was soon released') is no time expression",
    ),
    (
        "next_last_year_quarter",
        "'next/last year's first quarter' is that quarter of that year",
    ),
    (
        "quarter_to_quarter",
        "'quarter-to-quarter' names no quarter",
    ),
    (
        "cumulative_period",
        "after 'the first nine months', 'a year earlier' is a year, not a quarter",
    ),
    (
        "trading_days",
        "'trading', 'business', 'working' between an amount and its unit",
    ),
    (
        "compound_adjective",
        "'the last-minute effort' is no duration",
    ),
    (
        "unit_and_a_half_later",
        "'a minute and a half later', 'a year or so ago' are lengths",
    ),
    (
        "year_ago_adjective",
        "'the year-ago results': 'the year' is not the current year",
    ),
    (
        "vague_plural_after_lead",
        "'the first hours', 'the past years' are vague lengths (PTXH, PXY)",
    ),
    (
        "clock_other_zone_weekday",
        "'10:35 a.m. (0735 GMT) Friday' takes Friday's date",
    ),
    (
        "fiscal_year_ended_length",
        "'the fiscal year ended Sept. 30' is DURATION P1Y",
    ),
    ("year_end", "'year-end' is December 31"),
    (
        "future_from_past_unknown",
        "'was planned for March' has no tense (else past)",
    ),
    (
        "possessive_weekday_past",
        "'Wednesday's ruling' is the most recent Wednesday",
    ),
    (
        "ed_word_not_name",
        "a capitalised word ending in -ed is not a past-tense cue",
    ),
    (
        "sentence_opener_tense",
        "an expression opening its sentence takes the tense of the verb after it",
    ),
    (
        "aside_skip",
        "tense cues inside an aside between commas after the expression are skipped",
    ),
    (
        "this_quarter_named",
        "'this quarter' after a quarter was named is that quarter",
    ),
    (
        "year_earlier_old_quarter",
        "'a year earlier' after a quarter a year back stays in that year",
    ),
    (
        "passive_future",
        "a participle after 'to be' or 'will be' is no past cue ('to be published in November')",
    ),
    (
        "quarter_length_in_months",
        "'three quarters' (a length) is P9M: ISO 8601 has no quarter designator",
    ),
    (
        "anaphora_needs_antecedent",
        "'that day', 'that year' with no date named before them are no dates",
    ),
    (
        "anaphora_coarse_anchor",
        "'that same day' after 'last October' is a day of that month (1998-10-XX)",
    ),
    (
        "discourse_marker",
        "'Now,' opening a sentence is a discourse marker, no time",
    ),
    (
        "recent_before_unit_only",
        "'recent' is a time only before a calendar unit ('in recent weeks', not 'the recent sale')",
    ),
    (
        "unit_long_compound",
        "'day-long', 'decades-long' are lengths (P1D, PXY)",
    ),
    (
        "vague_unit_compound",
        "'a several-year tenure' is a vague length (PXY)",
    ),
    (
        "today_title",
        "'USA Today', 'VOA Today': a capitalised 'Today' after an acronym is a title",
    ),
    ("noon_idiom", "'high noon' is an idiom, no clock time"),
    (
        "month_past_bias_90",
        "a month with no tense cue pays a 90-day handicap for being ahead (else 15)",
    ),
];

/// Rules off by default: in `newsgraph-eval timex-ablate` (4 contiguous
/// folds of the tune part) each raised value F1 on fewer than 3 folds, or
/// lowered it on some fold, or cost type accuracy. Most rest on one or two
/// tune examples; together they cost the held-out part value F1 (0.790
/// with them, 0.795 without) and type accuracy (0.973 with, 0.984
/// without). The one that passed the folds, "in recent weeks" as a length
/// (5 fixes, 1 break on the tune part, 3 of 4 folds), cost the held-out
/// part 3 values and 3 types (0.795 -> 0.788), so it stays here too: the
/// corpus writes "in recent months" both ways.
///
/// Not here: eight guards that never broke a value or a type on the tune
/// part and, each too rare to help on most folds alone, together help on
/// all four (value F1 per fold 78.40/79.86/78.35/82.24 without them,
/// 78.49/80.84/79.25/82.93 with): `spoken_year`, `quoted_title`,
/// `soon_past_no_time`, `compound_adjective`, `quarter_to_quarter`,
/// `trading_days`, `cumulative_period`, `ed_word_not_name`.
///
/// Session 4 turned on, as one batch, the nineteen rules then on probation
/// that never broke a value or a type on the tune part (all but
/// `recent_units_vague`, `unit_and_a_half_later`, `vague_length`,
/// `aside_skip`, `year_earlier_old_quarter`): tune value F1 0.8055 ->
/// 0.8199, higher on all four folds (23 values fixed), but the held-out
/// part, read once for the batch, gained no value and lost 3 predictions
/// to wrong values (0.8015 -> 0.7985, type accuracy 0.984 -> 0.981). Each
/// rests on one or two tune examples; they stay here. So does
/// `passive_future` (1 fix, no break, one fold). Tried and removed: a
/// month with no cue in its clause taking the nearest cue of its
/// sentence (3 fixes, 6 breaks), a 180-day handicap for coming months
/// (3 fixes, 3 breaks), a 12-token tense window (1 fix, 1 break).
/// `quarter_length_in_months` ("the next three quarters" = P9M rather
/// than P3Q) fixed one tune value and broke none, but the held-out part,
/// read once for it, lost one value (311 -> 310): the corpus writes a
/// length in quarters both ways (the tune part's one SET "every quarter"
/// is P1Q), so it waits here too.
///
/// Session 6 worked on extraction, form by form (`newsgraph-eval timex
/// --errors` ends with the tune part's errors by surface form). Most
/// spurious forms are ones the corpus tags about as often as not ("now"
/// tagged 52 times of 73, "current" 7 of 14, "daily" 11 of 17), so no
/// rule on the form alone can help. `recent_before_unit_only` ("the
/// recent sale" is no time) raised value F1 on three folds, but the WSJ
/// fold, whose annotators tag the adjective, lost 4 values, and the
/// held-out part is all WSJ: it waits here. Kept on as guards that never
/// broke a value: `discourse_marker`, `today_title`, `noon_idiom`, and the
/// lengths `unit_long_compound` and `vague_unit_compound`.
pub const PROBATION: &[&str] = &[
    "recent_units_vague",
    "term_refs",
    "deadline_past_perfect",
    "previous_weekday",
    "one_day_future",
    "next_last_year_quarter",
    "unit_and_a_half_later",
    "year_ago_adjective",
    "vague_plural_after_lead",
    "clock_other_zone_weekday",
    "fiscal_year_ended_length",
    "year_end",
    "future_from_past_unknown",
    "possessive_weekday_past",
    "sentence_opener_tense",
    "aside_skip",
    "this_quarter_named",
    "year_earlier_old_quarter",
    "month_past_bias_90",
    "day_after_date",
    "part_of_day",
    "period_a_year_before",
    "week_of",
    "vague_length",
    "passive_future",
    "quarter_length_in_months",
    "recent_before_unit_only",
];

thread_local! {
    static OFF: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static ON: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn listed(list: &'static std::thread::LocalKey<RefCell<Vec<String>>>, name: &str) -> bool {
    list.with(|l| l.borrow().iter().any(|n| n == name))
}

/// Whether the named rule or condition is on: every rule is, except those
/// on [`PROBATION`] (unless inside [`with_on`]) and those turned off inside
/// [`with_off`].
pub fn on(name: &str) -> bool {
    if listed(&OFF, name) {
        return false;
    }
    !PROBATION.contains(&name) || listed(&ON, name)
}

/// Whether the rule is on [`PROBATION`].
pub fn on_probation(name: &str) -> bool {
    PROBATION.contains(&name)
}

fn with_listed<R>(
    list: &'static std::thread::LocalKey<RefCell<Vec<String>>>,
    names: &[&str],
    f: impl FnOnce() -> R,
) -> R {
    struct Restore(
        &'static std::thread::LocalKey<RefCell<Vec<String>>>,
        Vec<String>,
    );
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = std::mem::take(&mut self.1);
            self.0.with(|l| *l.borrow_mut() = before);
        }
    }
    let before = list.with(|l| {
        let mut l = l.borrow_mut();
        let before = l.clone();
        l.extend(names.iter().map(|n| n.to_string()));
        before
    });
    let _restore = Restore(list, before);
    f()
}

/// Runs `f` with the named rules turned off on this thread, then restores
/// them (also when `f` panics).
pub fn with_off<R>(names: &[&str], f: impl FnOnce() -> R) -> R {
    with_listed(&OFF, names, f)
}

/// Runs `f` with the named rules on probation turned on on this thread,
/// then restores them (also when `f` panics).
pub fn with_on<R>(names: &[&str], f: impl FnOnce() -> R) -> R {
    with_listed(&ON, names, f)
}

/// Every switchable name: the conditions of [`SWITCHES`], then the
/// recognition rules of [`crate::timex::RULES`].
pub fn names() -> Vec<&'static str> {
    SWITCHES
        .iter()
        .map(|(n, _)| *n)
        .chain(crate::timex::RULES.iter().map(|(n, _)| *n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_are_on_outside_with_off_and_restored_after() {
        assert!(on("weekday"));
        with_off(&["weekday"], || {
            assert!(!on("weekday"));
            assert!(on("year"));
        });
        assert!(on("weekday"));
    }

    #[test]
    fn rules_on_probation_are_off_unless_turned_on() {
        assert!(!on("year_end"));
        with_on(&["year_end"], || {
            assert!(on("year_end"));
            with_off(&["year_end"], || assert!(!on("year_end")));
        });
        assert!(!on("year_end"));
    }

    #[test]
    fn every_rule_on_probation_has_a_switch() {
        let names = names();
        for p in PROBATION {
            assert!(names.contains(p), "{p}");
        }
    }

    #[test]
    fn switch_names_are_unique() {
        let mut n = names();
        let len = n.len();
        n.sort_unstable();
        n.dedup();
        assert_eq!(n.len(), len);
    }
}
