//! The learned span tagger: its input units, the decoding of tags into
//! attributions (with hand-written tags, so these tests do not depend on
//! the trained weights), the embedded model, and how the stage combines
//! the tagger with the rules.

mod common;

use common::*;
use newsgraph_doc::Stage;
use newsgraph_quotes::tagger::tags::{CONTENT, CUE, SOURCE};
use newsgraph_quotes::tagger::{self, DecodeOptions};
use newsgraph_quotes::{Config, QuoteStage, TaggerUse};

#[test]
fn units_are_paragraphs_with_one_feature_list_per_token() {
    let doc = doc_with(
        "Jane Smith said the plan would fail.\n\nIt was late. Nobody came.",
        &[per("Jane Smith", &["Jane Smith"])],
        true,
    );
    let units = tagger::document_units(&doc).unwrap();
    assert_eq!(units.len(), 2);
    let n_tokens = doc.tokens().unwrap().len();
    assert_eq!(units.iter().map(|u| u.len()).sum::<usize>(), n_tokens);
    for u in &units {
        assert_eq!(u.tokens.len(), u.len());
        assert!((0..u.len()).all(|i| !u.token(i).is_empty()));
    }
    // Deterministic: the same document gives the same features.
    let again = tagger::document_units(&doc).unwrap();
    assert_eq!(units[1].feats, again[1].feats);
}

#[test]
fn decoding_joins_source_cue_and_content_of_a_sentence() {
    let doc = doc_with(
        "Jane Smith said the plan would fail, and Tom Jones agreed.",
        &[
            per("Jane Smith", &["Jane Smith"]),
            per("Tom Jones", &["Tom Jones"]),
        ],
        true,
    );
    let tags = hand_tags(
        &doc,
        &[("Jane", 2, SOURCE), ("said", 1, CUE), ("the", 4, CONTENT)],
    );
    let units = tagger::document_units(&doc).unwrap();
    let found = tagger::decode_document(&doc, &units, &tags, DecodeOptions::default()).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(text_of(&doc, &found[0].cue), "said");
    assert_eq!(
        text_of(&doc, found[0].source.as_ref().unwrap()),
        "Jane Smith"
    );
    assert_eq!(text_of(&doc, &found[0].content[0]), "the plan would fail");
}

#[test]
fn outer_content_runs_over_a_nested_attribution() {
    let doc = doc_with(
        "Smith said that Jones believes the deal is dead.",
        &[per("Ann Smith", &["Smith"]), per("Bo Jones", &["Jones"])],
        true,
    );
    let tags = hand_tags(
        &doc,
        &[
            ("Smith", 1, SOURCE),
            ("said", 1, CUE),
            ("that", 1, CONTENT),
            ("Jones", 1, SOURCE),
            ("believes", 1, CUE),
            ("the", 4, CONTENT),
        ],
    );
    let units = tagger::document_units(&doc).unwrap();
    let nested = tagger::decode_document(&doc, &units, &tags, DecodeOptions::default()).unwrap();
    assert_eq!(nested.len(), 2);
    assert_eq!(
        text_of(&doc, &nested[0].content[0]),
        "that Jones believes the deal is dead"
    );
    assert_eq!(text_of(&doc, &nested[1].content[0]), "the deal is dead");
    assert_eq!(text_of(&doc, nested[1].source.as_ref().unwrap()), "Jones");
    let flat = DecodeOptions {
        nested: false,
        ..DecodeOptions::default()
    };
    let flat = tagger::decode_document(&doc, &units, &tags, flat).unwrap();
    assert_eq!(text_of(&doc, &flat[0].content[0]), "that");
}

#[test]
fn a_cue_without_content_is_no_attribution() {
    let doc = doc_with("Smith said nothing.", &[per("Ann Smith", &["Smith"])], true);
    let tags = hand_tags(&doc, &[("Smith", 1, SOURCE), ("said", 1, CUE)]);
    let units = tagger::document_units(&doc).unwrap();
    let found = tagger::decode_document(&doc, &units, &tags, DecodeOptions::default()).unwrap();
    assert!(found.is_empty());
}

#[test]
fn embedded_model_reads() {
    assert!(
        tagger::embedded().is_some(),
        "models/quotes-tagger/model.bin.zst"
    );
}

fn with_tagger(text: &str, ents: &[Ent], config: Config) -> Vec<newsgraph_doc::Quote> {
    let mut doc = doc_with(text, ents, true);
    QuoteStage::with_config(config).run(&mut doc).unwrap();
    doc.quotes().unwrap().clone()
}

#[test]
fn tagger_attributions_are_speech_only_under_the_default_config() {
    // "believes" is an attribution in PolNeAR's sense, not speech.
    let text = "Jane Smith believes the plan will fail.";
    let ents = [per("Jane Smith", &["Jane Smith"])];
    let speech = Config {
        tagger: TaggerUse::Combined,
        ..Config::default()
    };
    assert!(with_tagger(text, &ents, speech).is_empty());
}

#[test]
fn tagger_keeps_the_speaker_resolution_of_the_rules() {
    let text = "Jane Smith arrived late. She said the plan would fail.";
    let ents = [per("Jane Smith", &["Jane Smith"])];
    for how in [TaggerUse::Only, TaggerUse::Combined] {
        let config = Config {
            tagger: how,
            ..Config::attribution()
        };
        let q = with_tagger(text, &ents, config);
        let said: Vec<_> = q
            .iter()
            .filter(|q| q.cue.is_some_and(|c| &text[c.start..c.end] == "said"))
            .collect();
        assert_eq!(said.len(), 1, "{how:?}: {q:?}");
        assert_eq!(said[0].speaker_name.as_deref(), Some("Jane Smith"));
    }
}

#[test]
fn both_taggers_keep_the_first_and_add_only_what_does_not_overlap() {
    use newsgraph_quotes::extract::union_tagged;
    let t = |cue: std::ops::Range<usize>, content: std::ops::Range<usize>| tagger::Tagged {
        cue,
        source: None,
        content: vec![content],
    };
    let first = vec![t(2..3, 3..9)];
    let second = vec![
        // Same attribution with other bounds: dropped.
        t(2..3, 3..7),
        // Its content runs into the first one's cue: dropped.
        t(12..13, 1..3),
        // Elsewhere: added.
        t(20..21, 21..30),
    ];
    let out = union_tagged(first.clone(), second);
    assert_eq!(out, vec![first[0].clone(), t(20..21, 21..30)]);
}
