//! The embedded accurate model, end to end: tagger output on a sentence
//! and the stage's Entities layer on a short article written for this test.

use newsgraph_doc::{Doc, EntityLabel, Meta, Stage};
use newsgraph_ner_encoder::{embedded, AccurateNerStage};
use newsgraph_segment::{ParagraphStage, SentenceStage};

#[test]
fn tagger_labels_people_and_places_on_their_first_piece() {
    let model = embedded();
    let sent = [
        "Vladimir",
        "Putin",
        "met",
        "Narendra",
        "Modi",
        "in",
        "Samarkand",
        ".",
    ];
    let tagged = model.tag_document(&[sent.to_vec()]);
    let names: Vec<String> = tagged[0].iter().map(|t| t.tag.name()).collect();
    assert_eq!(
        names,
        ["B-PER", "I-PER", "O", "B-PER", "I-PER", "O", "B-LOC", "O"],
        "{names:?}"
    );
    assert!(tagged[0]
        .iter()
        .all(|t| t.confidence > 0.0 && t.confidence <= 1.0));
    // A document of no words, and an empty sentence, are fine.
    assert!(model.tag_document(&[]).is_empty());
    assert_eq!(model.tag_document(&[vec![]]), vec![vec![]]);
}

/// Runs paragraphs, sentences and the accurate NER stage over `text`: each
/// mention's surface and label.
fn accurate_mentions(text: String) -> Vec<(String, EntityLabel)> {
    let mut doc = Doc::new(text, Meta::default());
    ParagraphStage.run(&mut doc).unwrap();
    SentenceStage.run(&mut doc).unwrap();
    AccurateNerStage::new().run(&mut doc).unwrap();
    doc.entities()
        .unwrap()
        .mentions
        .iter()
        .map(|m| (doc.slice(m.span).to_string(), m.label))
        .collect()
}

#[test]
fn stage_fills_the_entities_layer_like_the_fast_stage() {
    let text =
        "Talks in Samarkand\n\nThe Russian president, Vladimir Putin, met Indian prime minister \
                Narendra Modi in Samarkand on Friday. Mr Putin said the Shanghai Cooperation \
                Organisation would meet again in New Delhi."
            .to_string();
    let found = accurate_mentions(text);
    for (name, label) in [
        ("Vladimir Putin", EntityLabel::Person),
        ("Narendra Modi", EntityLabel::Person),
        // The title stays out of the span.
        ("Putin", EntityLabel::Person),
        ("Russian", EntityLabel::Demonym),
        ("Indian", EntityLabel::Demonym),
        ("New Delhi", EntityLabel::Location),
    ] {
        assert!(
            found.iter().any(|(s, l)| s == name && *l == label),
            "{name} {label:?} not in {found:?}"
        );
    }
}

/// The committed example article (`fixtures/sky-2022-09-16-izyum`): every
/// person, place and demonym its README lists is found with its type.
#[test]
fn example_article_names_are_found() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/sky-2022-09-16-izyum/input.txt"
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    let found = accurate_mentions(text);
    use EntityLabel::*;
    for (name, label) in [
        ("Vladimir Putin", Person),
        ("Narendra Modi", Person),
        ("Volodymyr Zelenskyy", Person),
        ("Russia", Location),
        ("Ukraine", Location),
        ("Moscow", Location),
        ("Kharkiv", Location),
        ("Izyum", Location),
        ("Kherson", Location),
        ("Samarkand", Location),
        ("Telegram", Organization),
        ("Sky News", Organization),
        ("Russian", Demonym),
        ("Ukrainian", Demonym),
        ("Uzbek", Demonym),
        ("Indian", Demonym),
    ] {
        assert!(
            found.iter().any(|(s, l)| s == name && *l == label),
            "{name} {label:?} not in {found:?}"
        );
    }
}
