//! The example article (fixtures/sky-2022-09-16-izyum): every quotation
//! its README lists, with speaker, cue, addressee, channel and time, and
//! nothing else.

mod common;

use common::*;
use newsgraph_doc::{Doc, EntityLabel, QuoteKind};

fn article() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/sky-2022-09-16-izyum/input.txt"
    );
    std::fs::read_to_string(path).expect("fixture")
}

fn entities() -> Vec<Ent<'static>> {
    vec![
        Ent {
            label: EntityLabel::Person,
            canonical: "Vladimir Putin",
            names: &["Vladimir Putin", "Putin"],
            attrs: &[("title", "President")],
        },
        Ent {
            label: EntityLabel::Person,
            canonical: "Narendra Modi",
            names: &["Narendra Modi", "Modi"],
            attrs: &[("role", "prime minister"), ("nationality", "Indian")],
        },
        Ent {
            label: EntityLabel::Person,
            canonical: "Volodymyr Zelenskyy",
            names: &["Volodymyr Zelenskyy", "Zelenskyy"],
            attrs: &[("title", "President")],
        },
        Ent {
            label: EntityLabel::Organization,
            canonical: "Telegram",
            names: &["Telegram"],
            attrs: &[],
        },
        Ent {
            label: EntityLabel::Demonym,
            canonical: "Russian",
            names: &["Russian", "Indian", "Ukrainian", "Uzbek"],
            attrs: &[],
        },
        Ent {
            label: EntityLabel::Location,
            canonical: "Russia",
            names: &[
                "Russia",
                "Ukraine",
                "Moscow",
                "Kharkiv",
                "Izyum",
                "Kherson",
                "Samarkand",
            ],
            attrs: &[],
        },
    ]
}

/// Checks the README's five quotations on a processed document.
fn check_readme_quotes(doc: &Doc, with_entities: bool) {
    let q = doc.quotes().unwrap();
    let text = doc.text();
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    let summary: Vec<String> = q
        .iter()
        .map(|q| {
            format!(
                "line {} {:?} {:?}",
                line_of(q.span.start),
                q.kind,
                contents(doc, q)
            )
        })
        .collect();
    assert_eq!(
        q.len(),
        5,
        "exactly the README's five quotations: {summary:#?}"
    );

    // (1) line 1, mixed, Putin, "says".
    let q1 = &q[0];
    assert_eq!(line_of(q1.span.start), 1);
    assert_eq!(q1.kind, QuoteKind::Mixed);
    assert_eq!(s(doc, q1.cue), Some("says"));
    assert_eq!(s(doc, q1.speaker), Some("Vladimir Putin"));
    assert_eq!(q1.speaker_name.as_deref(), Some("Vladimir Putin"));
    assert_eq!(
        contents(doc, q1),
        ["Russia will do everything it can to bring the Ukraine war to an end “as soon as possible”"]
    );

    // (2) line 8, direct, Modi, "told", to Putin ("the Russian president").
    let q2 = &q[1];
    assert_eq!(line_of(q2.span.start), 8);
    assert_eq!(q2.kind, QuoteKind::Direct);
    assert_eq!(s(doc, q2.cue), Some("told"));
    assert_eq!(s(doc, q2.speaker), Some("Mr Modi"));
    assert_eq!(q2.speaker_name.as_deref(), Some("Narendra Modi"));
    assert_eq!(s(doc, q2.addressee), Some("the Russian president"));
    assert_eq!(
        contents(doc, q2),
        ["“I know that today’s era is not an era of war, and I have spoken to you on the phone about this,”"]
    );

    // (3) line 10, indirect, "He" = Putin, "told", to Modi.
    let q3 = &q[2];
    assert_eq!(line_of(q3.span.start), 10);
    assert_eq!(q3.kind, QuoteKind::Indirect);
    assert_eq!(s(doc, q3.cue), Some("told"));
    assert_eq!(s(doc, q3.speaker), Some("He"));
    assert_eq!(q3.speaker_name.as_deref(), Some("Vladimir Putin"));
    assert_eq!(s(doc, q3.addressee), Some("Mr Modi"));
    assert_eq!(
        contents(doc, q3),
        ["that he understood he had concerns about Ukraine, but that Moscow was doing all it could to end the conflict"]
    );

    // (4) line 11, direct, split by "he said", Putin: one quotation, two spans.
    let q4 = &q[3];
    assert_eq!(line_of(q4.span.start), 11);
    assert_eq!(q4.kind, QuoteKind::Direct);
    assert_eq!(s(doc, q4.cue), Some("said"));
    assert_eq!(s(doc, q4.speaker), Some("he"));
    assert_eq!(q4.speaker_name.as_deref(), Some("Vladimir Putin"));
    assert_eq!(
        contents(doc, q4),
        [
            "“I know your position on the conflict in Ukraine, the concerns that you constantly express,”",
            "“We will do everything to stop this as soon as possible.”"
        ]
    );

    // (5) lines 14–17, one direct quotation over four paragraphs.
    let q5 = &q[4];
    assert_eq!(line_of(q5.span.start), 14);
    assert_eq!(q5.kind, QuoteKind::Direct);
    assert_eq!(s(doc, q5.cue), Some("said"));
    assert_eq!(s(doc, q5.speaker), Some("President Volodymyr Zelenskyy"));
    assert_eq!(q5.speaker_name.as_deref(), Some("Volodymyr Zelenskyy"));
    assert_eq!(s(doc, q5.channel), Some("on Telegram"));
    assert_eq!(s(doc, q5.time), Some("on Friday afternoon"));
    let c = contents(doc, q5);
    assert_eq!(c.len(), 4);
    assert!(c[0].starts_with("“Today, the world must see"));
    assert!(c[3].ends_with("state sponsor of terrorism.”"));
    assert_eq!(line_of(q5.content[3].start), 17);

    if with_entities {
        let ids: Vec<_> = q.iter().map(|q| q.speaker_entity.map(|e| e.0)).collect();
        assert_eq!(ids, [Some(0), Some(1), Some(0), Some(0), Some(2)]);
        assert_eq!(q2.addressee_entity.map(|e| e.0), Some(0));
        assert_eq!(q3.addressee_entity.map(|e| e.0), Some(1));
    }
}

#[test]
fn readme_quotations_with_coref_entities() {
    let mut doc = doc_with(&article(), &entities(), true);
    quotes(&mut doc);
    check_readme_quotes(&doc, true);
}

#[test]
fn readme_quotations_with_name_mentions_only() {
    // Before coref clusters names, speakers still resolve to the fullest
    // name sharing the surname.
    let mut doc = doc_with(&article(), &entities(), false);
    quotes(&mut doc);
    check_readme_quotes(&doc, false);
}

#[test]
fn pronouns_and_descriptions_link_to_entities() {
    let doc = doc_with(&article(), &entities(), true);
    let links = newsgraph_quotes::links(&doc).unwrap();
    let text = doc.text();
    let got: Vec<(usize, &str, Option<u32>)> = links
        .iter()
        .map(|l| {
            (
                text[..l.span.start].matches('\n').count() + 1,
                &text[l.span.start..l.span.end],
                l.entity.map(|e| e.0),
            )
        })
        .collect();
    for want in [
        (7, "he", Some(0)),
        (8, "the Russian president", Some(0)),
        (9, "the Indian leader", Some(1)),
        (10, "He", Some(0)),
        (11, "he", Some(0)),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
}

#[test]
fn readme_quotations_through_the_standard_pipeline() {
    // The real NER and coref stages, then the quotation stage, as the
    // standard pipeline lists them.
    let mut doc = Doc::new(article(), newsgraph_doc::Meta::default());
    newsgraph_pipeline::standard()
        .expect("standard pipeline")
        .run(&mut doc)
        .expect("runs");
    check_readme_quotes(&doc, false);
    let by_name = |name: &str| {
        doc.entities()
            .unwrap()
            .entities
            .iter()
            .find(|e| e.canonical == name)
            .map(|e| e.id)
    };
    let q = doc.quotes().unwrap();
    let putin = by_name("Vladimir Putin");
    let modi = by_name("Narendra Modi");
    assert!(putin.is_some() && modi.is_some());
    let speakers: Vec<_> = q.iter().map(|q| q.speaker_entity).collect();
    assert_eq!(
        speakers,
        [putin, modi, putin, putin, by_name("Volodymyr Zelenskyy")]
    );
    assert_eq!(q[1].addressee_entity, putin);
    assert_eq!(q[2].addressee_entity, modi);
    // Pronouns and descriptions link to the coref stage's entities.
    let links = newsgraph_quotes::links(&doc).unwrap();
    let linked = |surface: &str| {
        links
            .iter()
            .filter(|l| doc.slice(l.span) == surface)
            .map(|l| l.entity)
            .collect::<Vec<_>>()
    };
    assert_eq!(linked("the Russian president"), [putin]);
    assert_eq!(linked("the Indian leader"), [modi]);
    assert_eq!(linked("He"), [putin]);
}

#[cfg(feature = "encoder")]
#[test]
fn readme_quotations_through_the_pipeline_with_the_encoder_tagger() {
    // `--quotes accurate`: the encoder span tagger beside the rules must
    // neither add nor lose a quotation of the example article.
    let mut doc = Doc::new(article(), newsgraph_doc::Meta::default());
    newsgraph_pipeline::standard_with_quotes(
        newsgraph_pipeline::NerMode::Fast,
        newsgraph_pipeline::QuotesMode::Accurate,
    )
    .expect("pipeline")
    .run(&mut doc)
    .expect("runs");
    check_readme_quotes(&doc, false);
}

#[test]
fn supported_pronouns_and_descriptions_join_their_entity_in_the_entity_layer() {
    let text = article();
    let mut doc = Doc::new(text.clone(), newsgraph_doc::Meta::default());
    newsgraph_pipeline::standard()
        .unwrap()
        .run(&mut doc)
        .unwrap();
    let layer = doc.entities().unwrap();
    // The entity of the mention `needle` at the start of the `nth` `context`.
    let entity_at = |context: &str, needle: &str, nth: usize| {
        let at = text
            .match_indices(context)
            .nth(nth)
            .expect("in the article")
            .0;
        layer
            .mentions
            .iter()
            .find(|m| m.span.start == at && m.span.end == at + needle.len())
            .and_then(|m| m.entity)
            .map(|e| layer.entities[e.index()].canonical.as_str())
    };
    let putin = Some("Vladimir Putin");
    assert_eq!(
        entity_at("the Russian president", "the Russian president", 0),
        putin
    );
    assert_eq!(
        entity_at("the Indian leader", "the Indian leader", 0),
        Some("Narendra Modi")
    );
    assert_eq!(entity_at("he spoke", "he", 0), putin, "line 7");
    assert_eq!(entity_at("his lips", "his", 0), putin, "line 9");
    assert_eq!(entity_at("He told", "He", 0), putin, "line 10");
    assert_eq!(entity_at("he said", "he", 0), putin, "line 11");
    assert_eq!(
        entity_at("he had concerns", "he", 0),
        Some("Narendra Modi"),
        "line 10: the listener whose concerns Putin understood"
    );
    // Not supported closely enough: left out rather than guessed.
    assert_eq!(
        entity_at("his shock", "his", 0),
        None,
        "the investigator's, not Putin's"
    );
    assert_eq!(
        entity_at("at him", "him", 0).or(entity_at("him and", "him", 0)),
        None,
        "not its clause subject Putin"
    );
}
