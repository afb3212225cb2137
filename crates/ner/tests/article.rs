//! The embedded model on the committed example article
//! (`fixtures/sky-2022-09-16-izyum`, whose README lists what a careful
//! reader finds).

use newsgraph_doc::{Doc, EntityLabel, Meta, Stage};
use newsgraph_ner::NerStage;
use newsgraph_segment::{ParagraphStage, SentenceStage};

fn article() -> Doc {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/sky-2022-09-16-izyum/input.txt"
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    let mut doc = Doc::new(text, Meta::default());
    ParagraphStage.run(&mut doc).unwrap();
    SentenceStage.run(&mut doc).unwrap();
    NerStage::new().run(&mut doc).unwrap();
    doc
}

fn found(doc: &Doc) -> Vec<(String, EntityLabel)> {
    doc.entities()
        .unwrap()
        .mentions
        .iter()
        .map(|m| (doc.slice(m.span).to_string(), m.label))
        .collect()
}

fn has(found: &[(String, EntityLabel)], text: &str, label: EntityLabel) -> bool {
    found.iter().any(|(s, l)| s == text && *l == label)
}

#[test]
fn people_places_and_demonyms_of_the_article_are_found() {
    let doc = article();
    let found = found(&doc);
    for (text, label) in [
        ("Vladimir Putin", EntityLabel::Person),
        ("Narendra Modi", EntityLabel::Person),
        ("Volodymyr Zelenskyy", EntityLabel::Person),
        ("Zelenskyy", EntityLabel::Person),
        ("Russia", EntityLabel::Location),
        ("Ukraine", EntityLabel::Location),
        ("Kharkiv", EntityLabel::Location),
        ("Izyum", EntityLabel::Location),
        ("Kherson", EntityLabel::Location),
        ("Samarkand", EntityLabel::Location),
        ("Moscow", EntityLabel::Location),
        ("Sky News", EntityLabel::Organization),
        // The channel Zelenskyy spoke on: a platform CoNLL-2003 never saw.
        ("Telegram", EntityLabel::Organization),
        ("Russian", EntityLabel::Demonym),
        ("Ukrainian", EntityLabel::Demonym),
        ("Uzbek", EntityLabel::Demonym),
        ("Indian", EntityLabel::Demonym),
    ] {
        assert!(
            has(&found, text, label),
            "{text} {label:?} not in {found:?}"
        );
    }
}

#[test]
fn mentions_carry_scores_in_range_and_lie_on_token_boundaries() {
    let doc = article();
    let tokens = doc.tokens().unwrap();
    for m in &doc.entities().unwrap().mentions {
        let s = m.score.unwrap();
        assert!((0.0..=1.0).contains(&s));
        assert!(tokens.iter().any(|t| t.span.start == m.span.start));
        assert!(tokens.iter().any(|t| t.span.end == m.span.end));
    }
}

#[test]
fn advertisement_markers_lose_their_mentions() {
    use newsgraph_doc::{Boilerplate, BoilerplateKind, LayerKind, ParagraphId};
    let text = "Advertisement\nVladimir Putin met Narendra Modi in Samarkand.";
    let mut doc = Doc::new(text, Meta::default());
    ParagraphStage.run(&mut doc).unwrap();
    SentenceStage.run(&mut doc).unwrap();
    let first = doc.paragraphs().unwrap()[0].span;
    doc.set_boilerplate(vec![Boilerplate {
        span: first,
        paragraph: ParagraphId(0),
        kind: BoilerplateKind::Advertisement,
        rule: "test".into(),
    }])
    .unwrap();
    assert!(doc.has(LayerKind::Boilerplate));
    NerStage::new().run(&mut doc).unwrap();
    let found = found(&doc);
    assert!(
        has(&found, "Narendra Modi", EntityLabel::Person),
        "{found:?}"
    );
    assert!(doc
        .entities()
        .unwrap()
        .mentions
        .iter()
        .all(|m| !first.contains(m.span)));
}

#[test]
fn headline_case_mentions_need_support_from_the_body() {
    let text = "Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to Avoid Bad Optics\n\
                Hillary Clinton was headed to an emergency room in New York on Sunday, the New York Post reports.";
    let mut doc = Doc::new(text, Meta::default());
    ParagraphStage.run(&mut doc).unwrap();
    SentenceStage.run(&mut doc).unwrap();
    NerStage::new().run(&mut doc).unwrap();
    let found = found(&doc);
    let first_line = text.find('\n').unwrap();
    let layer = doc.entities().unwrap();
    let headline: Vec<&str> = layer
        .mentions
        .iter()
        .filter(|m| m.span.end <= first_line)
        .map(|m| doc.slice(m.span))
        .collect();
    assert_eq!(headline, ["Hillary Clinton"], "{found:?}");
    assert!(
        has(&found, "New York Post", EntityLabel::Organization),
        "{found:?}"
    );
}

#[test]
fn a_one_line_text_full_of_names_keeps_its_mentions() {
    let mut doc = Doc::new(
        "Singer Mary J. Blige sang to Hillary Clinton on Tuesday.",
        Meta::default(),
    );
    ParagraphStage.run(&mut doc).unwrap();
    SentenceStage.run(&mut doc).unwrap();
    NerStage::new().run(&mut doc).unwrap();
    let found = found(&doc);
    assert!(
        has(&found, "Hillary Clinton", EntityLabel::Person),
        "{found:?}"
    );
}

#[test]
fn headline_case_is_told_from_sentence_case() {
    use newsgraph_ner::is_headline_case;
    let headline = ["Wealthy", "Voters", "Abandon", "Republican", "Party"];
    assert!(is_headline_case(&headline, true));
    assert!(
        !is_headline_case(&headline, false),
        "could be a list of names"
    );
    let shouting = [
        "JAPAN", "GET", "LUCKY", "WIN", ",", "CHINA", "IN", "SURPRISE", "DEFEAT",
    ];
    assert!(
        !is_headline_case(&shouting, true),
        "all caps is left to the tagger"
    );
    let promo = [
        "Zelenskyy",
        ":",
        "World",
        "must",
        "see",
        "what",
        "Russian",
        "army",
        "left",
    ];
    assert!(!is_headline_case(&promo, false));
    assert!(!is_headline_case(&["Vladimir", "Putin", "says"], true));
    let credit = ["Photo", ":", "Jane", "Doe", "/", "Reuters"];
    assert!(!is_headline_case(&credit, false));
}

#[test]
fn a_sentence_of_names_is_a_headline_only_in_first_place() {
    use newsgraph_ner::is_headline_case;
    let names = [
        "Vladimir",
        "Putin",
        "met",
        "Narendra",
        "Modi",
        "in",
        "Samarkand",
        ".",
    ];
    assert!(!is_headline_case(&names, false));
    assert!(
        is_headline_case(&names, true),
        "the first sentence is where headlines go"
    );
    let titled = ["Clinton", "Was", "Headed", "to", "Hospital", "Today", "."];
    assert!(is_headline_case(&titled, false));
}
