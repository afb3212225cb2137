//! Property tests: messy text never makes the taggers panic, and every span
//! they return can slice the text.

use newsgraph_measure::{quantity, switches, timex};
use proptest::prelude::*;

/// Words and pieces the rules react to, mixed with noise.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("more than".to_string()),
        Just("four hundred".to_string()),
        Just("dozens of".to_string()),
        Just("Friday afternoon".to_string()),
        Just("Sept.".to_string()),
        Just("16".to_string()),
        Just("1,500".to_string()),
        Just("$5m".to_string()),
        Just("£1.2bn".to_string()),
        Just("two-thirds".to_string()),
        Just("10-15".to_string()),
        Just("km²".to_string()),
        Just("’s".to_string()),
        Just("a year earlier".to_string()),
        Just("the third quarter".to_string()),
        Just("May".to_string()),
        Just("year-end".to_string()),
        Just("the previous Friday".to_string()),
        Just("April 24 and".to_string()),
        Just("the week of".to_string()),
        Just("nineteen ninety-four".to_string()),
        Just("(0735 GMT)".to_string()),
        Just("10:35 a.m.".to_string()),
        Just("—".to_string()),
        "[a-zA-Z0-9 ,.'/-]{0,8}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..14).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn spans_always_slice_the_text(text in newsy()) {
        let dct = "2022-09-16".parse().ok();
        let times = timex::extract_str(&text, dct);
        for t in &times {
            prop_assert!(text.get(t.span.start..t.span.end).is_some(), "{t:?}");
            prop_assert!(t.span.start < t.span.end);
        }
        for q in quantity::extract_str(&text) {
            prop_assert!(text.get(q.span.start..q.span.end).is_some(), "{q:?}");
            if let Some(c) = q.counted {
                prop_assert!(text.get(c.start..c.end).is_some(), "{q:?}");
            }
            if let (Some(lo), Some(hi)) = (q.low, q.high) {
                prop_assert!(lo <= hi, "{q:?} in {text:?}");
            }
        }
    }

    #[test]
    fn rules_on_probation_never_panic_either(text in newsy()) {
        let dct = "2022-09-16".parse().ok();
        let times = switches::with_on(switches::PROBATION, || timex::extract_str(&text, dct));
        for t in &times {
            prop_assert!(text.get(t.span.start..t.span.end).is_some(), "{t:?}");
            prop_assert!(t.span.start < t.span.end);
        }
    }
}
