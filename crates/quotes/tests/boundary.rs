//! The boundary rules (`tagger::boundary`): each rule on a sentence
//! written for it, with hand-written tags so the tests do not depend on
//! the trained weights, and the same tags decoded without the rules.

mod common;

use common::*;
use newsgraph_doc::{Doc, EntityLabel, Stage};
use newsgraph_quotes::tagger::boundary::{CUE_RULES, SOURCE_CUE_RULES, SOURCE_RULES};
use newsgraph_quotes::tagger::tags::{CONTENT, CUE, SOURCE};
use newsgraph_quotes::tagger::{self, DecodeOptions, Tag, Tagged};
use newsgraph_quotes::{Config, QuoteStage};

/// The only attribution of `tags`, decoded with and without the rules.
fn decoded(doc: &Doc, tags: &[Vec<Tag>]) -> (Tagged, Tagged) {
    let units = tagger::document_units(doc).unwrap();
    let with = tagger::decode_document(doc, &units, tags, DecodeOptions::default()).unwrap();
    let raw = DecodeOptions {
        boundaries: false,
        ..DecodeOptions::default()
    };
    let without = tagger::decode_document(doc, &units, tags, raw).unwrap();
    assert_eq!((with.len(), without.len()), (1, 1));
    (with[0].clone(), without[0].clone())
}

fn source_of(doc: &Doc, t: &Tagged) -> String {
    text_of(doc, t.source.as_ref().expect("a source"))
}

fn org<'a>(canonical: &'a str, names: &'a [&'a str]) -> Ent<'a> {
    Ent {
        label: EntityLabel::Organization,
        canonical,
        names,
        attrs: &[],
    }
}

#[test]
fn the_rule_tables_name_each_rule_once() {
    let mut names: Vec<&str> = CUE_RULES
        .iter()
        .chain(SOURCE_RULES)
        .map(|r| r.name)
        .chain(SOURCE_CUE_RULES.iter().map(|r| r.name))
        .collect();
    let n = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), n);
}

#[test]
fn cue_takes_its_colon() {
    let doc = doc_with(
        "Jane Smith tweeted: the plan would fail.",
        &[per("Jane Smith", &["Jane Smith"])],
        true,
    );
    let tags = hand_tags(
        &doc,
        &[
            ("Jane", 2, SOURCE),
            ("tweeted", 1, CUE),
            ("the", 4, CONTENT),
        ],
    );
    let (with, without) = decoded(&doc, &tags);
    assert_eq!(text_of(&doc, &without.cue), "tweeted");
    assert_eq!(text_of(&doc, &with.cue), "tweeted:");
    assert_eq!(text_of(&doc, &with.content[0]), "the plan would fail");
}

#[test]
fn cue_without_a_colon_after_it_stays() {
    let doc = doc_with(
        "Jane Smith said the plan would fail.",
        &[per("Jane Smith", &["Jane Smith"])],
        true,
    );
    let tags = hand_tags(
        &doc,
        &[("Jane", 2, SOURCE), ("said", 1, CUE), ("the", 4, CONTENT)],
    );
    let (with, _) = decoded(&doc, &tags);
    assert_eq!(text_of(&doc, &with.cue), "said");
}

#[test]
fn source_title_takes_its_name() {
    let doc = doc_with(
        "Mr. Obama said the rules would stand.",
        &[per("Barack Obama", &["Obama"])],
        true,
    );
    let tags = hand_tags(
        &doc,
        &[("Mr.", 1, SOURCE), ("said", 1, CUE), ("the", 4, CONTENT)],
    );
    let (with, without) = decoded(&doc, &tags);
    assert_eq!(source_of(&doc, &without), "Mr.");
    assert_eq!(source_of(&doc, &with), "Mr. Obama");
}

#[test]
fn source_determiner_takes_the_name_after_it() {
    let doc = doc_with(
        "The Washington Post reported the talks had failed.",
        &[org("Washington Post", &["Washington Post"])],
        true,
    );
    let tags = hand_tags(
        &doc,
        &[
            ("The", 1, SOURCE),
            ("reported", 1, CUE),
            ("the", 3, CONTENT),
        ],
    );
    let (with, _) = decoded(&doc, &tags);
    assert_eq!(source_of(&doc, &with), "The Washington Post");
}

#[test]
fn source_holds_whole_names() {
    let doc = doc_with(
        "Neera Tanden and Blair Effron said the plan was sound.",
        &[
            per("Neera Tanden", &["Neera Tanden"]),
            per("Blair Effron", &["Blair Effron"]),
        ],
        true,
    );
    let tags = hand_tags(
        &doc,
        &[("Neera", 4, SOURCE), ("said", 1, CUE), ("the", 4, CONTENT)],
    );
    let (with, without) = decoded(&doc, &tags);
    assert_eq!(source_of(&doc, &without), "Neera Tanden and Blair");
    assert_eq!(source_of(&doc, &with), "Neera Tanden and Blair Effron");
}

#[test]
fn source_closes_its_bracket() {
    let doc = doc_with(
        "Rep. Jim Clyburn (D-S.C.) said the vote was close.",
        &[per("Jim Clyburn", &["Jim Clyburn"])],
        true,
    );
    let toks = doc.tokens().unwrap();
    let words: Vec<&str> = toks.iter().map(|t| doc.slice(t.span)).collect();
    let close = words.iter().position(|w| *w == ")").unwrap();
    // The source stops right before the closing bracket.
    let tags = hand_tags(
        &doc,
        &[
            ("Rep.", close, SOURCE),
            ("said", 1, CUE),
            ("the", 4, CONTENT),
        ],
    );
    let (with, without) = decoded(&doc, &tags);
    assert!(!source_of(&doc, &without).ends_with(')'));
    assert_eq!(source_of(&doc, &with), "Rep. Jim Clyburn (D-S.C.)");
}

#[test]
fn source_keeps_the_comma_only_after_an_appositive() {
    let doc = doc_with(
        "Tim Hess, a developer, said the market was weak. Later Ann Lee, said to be angry, left.",
        &[per("Tim Hess", &["Tim Hess"]), per("Ann Lee", &["Ann Lee"])],
        true,
    );
    // With an appositive: the comma after it joins the source.
    let tags = hand_tags(
        &doc,
        &[("Tim", 5, SOURCE), ("said", 1, CUE), ("the", 4, CONTENT)],
    );
    let (with, without) = decoded(&doc, &tags);
    assert_eq!(source_of(&doc, &without), "Tim Hess, a developer");
    assert_eq!(source_of(&doc, &with), "Tim Hess, a developer,");

    // Without one: a trailing comma leaves it.
    let doc = doc_with(
        "Chris Christie, said the plan was weak.",
        &[per("Chris Christie", &["Chris Christie"])],
        true,
    );
    let tags = hand_tags(
        &doc,
        &[("Chris", 3, SOURCE), ("said", 1, CUE), ("the", 4, CONTENT)],
    );
    let (with, _) = decoded(&doc, &tags);
    assert_eq!(source_of(&doc, &with), "Chris Christie");
}

#[test]
fn a_fix_that_would_run_into_the_content_is_not_taken() {
    // The colon after the cue is tagged as the content's first token.
    let doc = doc_with(
        "Jane Smith wrote: the plan would fail.",
        &[per("Jane Smith", &["Jane Smith"])],
        true,
    );
    let tags = hand_tags(
        &doc,
        &[("Jane", 2, SOURCE), ("wrote", 1, CUE), (":", 5, CONTENT)],
    );
    let (with, _) = decoded(&doc, &tags);
    assert_eq!(text_of(&doc, &with.cue), "wrote");
}

#[test]
fn the_rules_cue_takes_its_colon_only_under_the_attribution_configuration() {
    let text = "Jane Smith said: “The plan will fail.”";
    let ents = [per("Jane Smith", &["Jane Smith"])];
    let cue_with = |config: Config| {
        let mut doc = doc_with(text, &ents, true);
        QuoteStage::with_config(config).run(&mut doc).unwrap();
        let q = doc.quotes().unwrap()[0].clone();
        s(&doc, q.cue).unwrap().to_string()
    };
    assert_eq!(cue_with(Config::default()), "said");
    assert_eq!(cue_with(Config::attribution()), "said:");
}

#[test]
fn source_takes_its_appositive_when_it_opens_like_a_noun_phrase() {
    let doc = doc_with(
        "Tim Hess, a developer in Virginia, said the market was weak.",
        &[per("Tim Hess", &["Tim Hess"])],
        true,
    );
    let tags = hand_tags(
        &doc,
        &[("Tim", 2, SOURCE), ("said", 1, CUE), ("the", 4, CONTENT)],
    );
    let (with, without) = decoded(&doc, &tags);
    assert_eq!(source_of(&doc, &without), "Tim Hess");
    assert_eq!(source_of(&doc, &with), "Tim Hess, a developer in Virginia,");
}

#[test]
fn an_adverbial_aside_stays_out_of_the_source() {
    let doc = doc_with(
        "Mike Huckabee, for his part, said the market was weak.",
        &[per("Mike Huckabee", &["Mike Huckabee"])],
        true,
    );
    let tags = hand_tags(
        &doc,
        &[("Mike", 2, SOURCE), ("said", 1, CUE), ("the", 4, CONTENT)],
    );
    let (with, _) = decoded(&doc, &tags);
    assert_eq!(source_of(&doc, &with), "Mike Huckabee");
}
