//! Property tests of the whole standard pipeline: on any text, every stage
//! runs without error and every span of every layer is in bounds, on
//! character boundaries and ordered; sentences lie inside their paragraph.

use newsgraph_doc::{Doc, HasSpan, Meta, Span};
use proptest::prelude::*;

/// Text made of news-like pieces and arbitrary characters, so the
/// generator reaches the segmenters' special cases (abbreviations, quotes,
/// dashes, line breaks) far more often than uniform Unicode would.
fn newsish_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just(",” he said. ".to_string()),
        Just("… ".to_string()),
        Just(" – ".to_string()),
        Just("\n".to_string()),
        Just("\r\n\r\n".to_string()),
        Just("3.5% ".to_string()),
        Just("Read more: ".to_string()),
        Just("Zelenskyy: ".to_string()),
        Just("Izyum. ".to_string()),
        "[A-Za-z]{1,8} ",
        "\\PC{1,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check(text: &str, layer: &str, spans: &[Span]) -> Result<(), TestCaseError> {
    let mut prev: Option<Span> = None;
    for &s in spans {
        prop_assert!(
            s.start <= s.end && s.end <= text.len(),
            "{layer}: {s} out of bounds"
        );
        prop_assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{layer}: {s} not on a char boundary"
        );
        if let Some(p) = prev {
            prop_assert!(p.start <= s.start, "{layer}: {s} before {p}");
        }
        prev = Some(s);
    }
    Ok(())
}

fn spans<T: HasSpan>(items: &Option<Vec<T>>) -> Vec<Span> {
    items.iter().flatten().map(HasSpan::span).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_layer_is_valid_on_any_text(text in newsish_text()) {
        let pipeline = newsgraph_pipeline::standard().unwrap();
        let mut doc = Doc::new(text.clone(), Meta::default());
        let result = pipeline.run(&mut doc);
        prop_assert!(result.is_ok(), "pipeline failed: {:?}", result.err());
        let layers = doc.layers();
        check(&text, "paragraphs", &spans(&layers.paragraphs))?;
        check(&text, "boilerplate", &spans(&layers.boilerplate))?;
        check(&text, "sentences", &spans(&layers.sentences))?;
        check(&text, "tokens", &spans(&layers.tokens))?;
        check(&text, "quotes", &spans(&layers.quotes))?;
        check(&text, "places", &spans(&layers.places))?;
        check(&text, "quantities", &spans(&layers.quantities))?;
        check(&text, "times", &spans(&layers.times))?;
        if let Some(e) = &layers.entities {
            check(&text, "mentions", &e.mentions.iter().map(|m| m.span).collect::<Vec<_>>())?;
        }
        // Sentences lie inside the paragraph they name; tokens do not overlap.
        let paragraphs = layers.paragraphs.as_ref().unwrap();
        for s in layers.sentences.iter().flatten() {
            prop_assert!(paragraphs[s.paragraph.index()].span.contains(s.span), "sentence {} outside its paragraph", s.span);
        }
        let tokens = spans(&layers.tokens);
        for w in tokens.windows(2) {
            prop_assert!(w[0].end <= w[1].start, "tokens {} and {} overlap", w[0], w[1]);
        }
        // No token is empty or white space.
        for t in &tokens {
            prop_assert!(!text[t.start..t.end].trim().is_empty(), "blank token {t}");
        }
    }
}
