//! Messy input never panics: random mixes of quotation marks, colons,
//! speech verbs, names and pronouns, across paragraphs, always give a
//! valid quotation layer (spans in bounds, on character boundaries, content
//! inside the quote span).

mod common;

use common::*;
use newsgraph_doc::{EntityLabel, Stage};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "“",
    "”",
    "\"",
    "''",
    "‘",
    "’",
    "«",
    "»",
    ":",
    ",",
    ".",
    "?",
    "!",
    " ",
    " ",
    " ",
    "\n",
    "said",
    "says",
    "told",
    "added",
    "according to",
    "asked",
    "he",
    "she",
    "they",
    "who",
    "Mr",
    "Mr.",
    "President",
    "Putin",
    "Modi",
    "the Russian president",
    "the Indian leader",
    "that",
    "on Friday",
    "on Telegram",
    "and",
    "but",
    "—",
    "(",
    ")",
    "Zelenskyy:",
    "WALLACE:",
    "We will win",
    "it is",
    "a",
    "the",
    "state",
    "reports",
    "é",
    "🙂",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(0..PIECES.len(), 0..60).prop_map(|ix| {
        ix.into_iter()
            .map(|i| PIECES[i])
            .collect::<Vec<_>>()
            .join(" ")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_text_gives_a_valid_layer(text in text_strategy(), cluster in any::<bool>()) {
        let ents = [
            Ent { label: EntityLabel::Person, canonical: "Vladimir Putin", names: &["Putin"], attrs: &[("title", "President")] },
            Ent { label: EntityLabel::Person, canonical: "Narendra Modi", names: &["Modi"], attrs: &[("nationality", "Indian")] },
            Ent { label: EntityLabel::Person, canonical: "Volodymyr Zelenskyy", names: &["Zelenskyy"], attrs: &[] },
        ];
        let mut doc = doc_with(&text, &ents, cluster);
        newsgraph_quotes::QuoteStage::new().run(&mut doc).unwrap();
        newsgraph_quotes::QuoteStage::with_config(newsgraph_quotes::Config::attribution())
            .run(&mut doc.clone()).unwrap();
        for q in doc.quotes().unwrap() {
            prop_assert!(!q.content.is_empty());
            for c in &q.content {
                prop_assert!(q.span.contains(*c));
                prop_assert!(text.get(c.start..c.end).is_some());
            }
            for s in [q.cue, q.speaker, q.addressee, q.channel, q.time].into_iter().flatten() {
                prop_assert!(text.get(s.start..s.end).is_some());
            }
        }
        newsgraph_quotes::links(&doc).unwrap();
    }
}
