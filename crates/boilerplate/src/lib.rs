//! Boilerplate paragraphs: lines of a scraped article that are not body
//! text (promo headlines of other stories, calls to action, photo credits,
//! advertisement markers, copyright and share-button furniture).
//!
//! Key decision: **mark, never delete, with readable rules.** The text is
//! immutable (stand-off model), so [`BoilerplateStage`] adds a
//! [`Boilerplate`] item per paragraph it rejects, naming the rule that
//! fired; later stages skip those paragraphs. Every rule is one line of
//! [`rules::RULES`], reading word lists kept beside it, so a wrong mark can
//! be traced to its rule and fixed with a test.
//!
//! The hard case is the promo headline pasted into the body ("Sky News
//! journalist’s eyewitness report from scene – latest updates on Ukraine
//! war"). No list of such headlines could generalise; instead a paragraph
//! is a promo only when it is in a *promo slot* ([`Line::promo_slot`]: a
//! short line without final punctuation, between body paragraphs that do
//! end like sentences) *and* has a headline shape: a live-blog marker
//! ("latest updates", "LIVE:"), the "Name: Claim" form, or Title Case
//! (six words or more and no brackets, which mark list entries such as
//! "Sen. Ted Cruz (R-Texas)"). The slot condition keeps the article's own
//! title and dateline (nothing body before them) and short body sentences
//! (they end with a full stop) safe.
//!
//! To review the rules on real text:
//! `cargo run -p newsgraph-boilerplate --example mark -- FILE…`.

pub mod line;
pub mod rules;

pub use line::Line;
pub use rules::{Rule, RULES};

use newsgraph_doc::{
    Boilerplate, BoilerplateKind, Diagnostic, Doc, Error, LayerKind, ParagraphId, Stage,
};

/// The first rule of [`RULES`] that marks each paragraph, or `None` for
/// body text. `paragraphs` are the paragraph texts in document order.
pub fn classify(paragraphs: &[&str]) -> Vec<Option<&'static Rule>> {
    let mut lines: Vec<Line> = paragraphs.iter().map(|p| Line::new(p)).collect();
    // First pass: every rule that does not need the promo slot.
    let mut marks: Vec<Option<&'static Rule>> = lines
        .iter()
        .map(|l| RULES.iter().find(|r| (r.matches)(l)))
        .collect();
    // Second pass: promo slots, skipping lines marked by the first pass.
    let shape: Vec<bool> = lines.iter().map(Line::promo_shape).collect();
    let skippable = |j: usize| shape[j] || marks[j].is_some();
    let is_body = |j: usize| marks[j].is_none() && lines[j].ends_sentence;
    let n = lines.len();
    // Whether the nearest non-skippable line before / after each line is
    // body text: one pass each way, so long runs of short lines stay linear.
    let mut body_before = vec![false; n];
    let mut last = false;
    for (i, before) in body_before.iter_mut().enumerate() {
        *before = last;
        if !skippable(i) {
            last = is_body(i);
        }
    }
    let mut body_after = vec![false; n];
    let mut next = false;
    for i in (0..n).rev() {
        body_after[i] = next;
        if !skippable(i) {
            next = is_body(i);
        }
    }
    let slots: Vec<bool> = (0..n)
        .map(|i| i > 0 && shape[i] && marks[i].is_none() && body_before[i] && body_after[i])
        .collect();
    for (i, line) in lines.iter_mut().enumerate() {
        line.promo_slot = slots[i];
        if slots[i] && marks[i].is_none() {
            marks[i] = RULES.iter().find(|r| (r.matches)(line));
        }
    }
    marks
}

/// Sets [`LayerKind::Boilerplate`]: one item per paragraph that is not body
/// text. The paragraphs stay in the document.
#[derive(Debug, Clone, Copy, Default)]
pub struct BoilerplateStage;

impl Stage for BoilerplateStage {
    fn name(&self) -> &'static str {
        "boilerplate"
    }
    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Paragraphs]
    }
    fn assigns(&self) -> &'static [LayerKind] {
        &[LayerKind::Boilerplate]
    }
    fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, Error> {
        let paragraphs = doc.paragraphs()?;
        let texts: Vec<&str> = paragraphs.iter().map(|p| doc.slice(p.span)).collect();
        let marks = classify(&texts);
        let items: Vec<Boilerplate> = paragraphs
            .iter()
            .zip(marks)
            .enumerate()
            .filter_map(|(i, (p, rule))| {
                rule.map(|r| Boilerplate {
                    span: p.span,
                    paragraph: ParagraphId(i as u32),
                    kind: r.kind,
                    rule: r.name.to_string(),
                })
            })
            .collect();
        doc.set_boilerplate(items)?;
        Ok(Vec::new())
    }
}

/// The kind and rule name a paragraph would get, for tests and tools.
pub fn mark(paragraphs: &[&str], index: usize) -> Option<(BoilerplateKind, &'static str)> {
    classify(paragraphs)
        .get(index)
        .copied()
        .flatten()
        .map(|r| (r.kind, r.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_doc::BoilerplateKind::*;
    use newsgraph_doc::Meta;

    const BODY_BEFORE: &str =
        "The council voted on Tuesday to close the bridge after engineers found cracks.";
    const BODY_AFTER: &str = "Repairs are expected to take at least six months, officials said.";

    /// The mark of `line` placed between two body paragraphs.
    fn between_body(line: &str) -> Option<(BoilerplateKind, &'static str)> {
        mark(&[BODY_BEFORE, line, BODY_AFTER], 1)
    }

    #[test]
    fn promo_headlines_between_body_paragraphs_are_marked() {
        for line in [
            "Local reporter’s account from the flooded valley – latest updates on the storm",
            "Mayor: City will rebuild every home lost in the floods",
            "LIVE: Storm heads north as thousands lose power",
            "Prime Minister Promises Inquiry Into Bridge Collapse",
            "Heatwave: Doctors warn hospitals are close to breaking point",
            "Election results as it happened across the region tonight",
            "Live updates from the climate summit in Glasgow",
        ] {
            assert_eq!(between_body(line).map(|m| m.0), Some(Promo), "{line}");
        }
    }

    #[test]
    fn short_body_lines_and_quotes_are_not_promos() {
        for line in [
            "The bridge will stay closed.",
            "“We will rebuild this city, whatever it takes,” the mayor said",
            "“Mayor: City Will Rebuild Every Home”",
            "He added:",
            "Nobody was hurt",
            "the council said it would consider the proposal next week",
            "Residents who live near the river were told to leave their homes by noon",
        ] {
            assert_eq!(between_body(line), None, "{line}");
        }
    }

    #[test]
    fn the_title_and_dateline_of_an_article_are_not_promos() {
        let paras = [
            "Storm Latest: Thousands Without Power Across The North",
            "LONDON, 16 September 2022",
            BODY_BEFORE,
            BODY_AFTER,
        ];
        assert!(classify(&paras).iter().all(Option::is_none));
    }

    #[test]
    fn a_headline_line_at_the_end_is_not_a_promo() {
        let paras = [
            BODY_BEFORE,
            BODY_AFTER,
            "Mayor: City will rebuild every home lost in the floods",
        ];
        assert!(classify(&paras)[2].is_none());
    }

    #[test]
    fn consecutive_promos_between_body_are_all_marked() {
        let paras = [
            BODY_BEFORE,
            "Mayor: City will rebuild every home lost in the floods",
            "Advertisement",
            "Storm Ciara Leaves Trail Of Damage Across Wales",
            BODY_AFTER,
        ];
        let kinds: Vec<_> = classify(&paras).iter().map(|m| m.map(|r| r.kind)).collect();
        assert_eq!(
            kinds,
            [None, Some(Promo), Some(Advertisement), Some(Promo), None]
        );
    }

    #[test]
    fn title_case_list_entries_with_brackets_are_not_promos() {
        assert_eq!(
            between_body("Gov. Ana Ruiz (D-Ohio) — Announced March 3, 2015"),
            None
        );
    }

    #[test]
    fn many_short_lines_are_classified() {
        let mut paras = vec![BODY_BEFORE];
        paras.extend(
            std::iter::repeat("Storm Ciara Leaves Trail Of Damage Across Wales").take(20_000),
        );
        paras.push(BODY_AFTER);
        let marks = classify(&paras);
        assert_eq!(marks.iter().filter(|m| m.is_some()).count(), 20_000);
    }

    #[test]
    fn crossheads_too_short_for_a_headline_are_not_promos() {
        assert_eq!(between_body("The Road Ahead"), None);
        assert_eq!(between_body("What Happens Next"), None);
    }

    #[test]
    fn calls_to_action_are_marked() {
        for line in [
            "Read more: Why the bridge failed",
            "READ MORE: Council faces questions",
            "Related: Storm damage in pictures",
            "Follow us on Twitter and Facebook",
            "Sign up for our morning newsletter",
            "Click here to see the full map",
            "Watch: Drone footage of the damage",
            "Subscribe to our weekly briefing.",
        ] {
            assert_eq!(
                between_body(line).map(|m| m.0),
                Some(CallToAction),
                "{line}"
            );
            // Anywhere in the article, not only between body paragraphs.
            assert_eq!(mark(&[line], 0).map(|m| m.0), Some(CallToAction), "{line}");
        }
    }

    #[test]
    fn credits_are_marked() {
        for line in [
            "Image: Rescue teams at the bridge on Tuesday",
            "Photo: Jane Doe/Getty Images",
            "Firefighters at the scene. Pic: Jane Doe/Reuters",
            "Picture: PA Media",
            "(Reuters)",
            "Reporting by Jane Doe; Editing by John Roe",
        ] {
            assert_eq!(between_body(line).map(|m| m.0), Some(Credit), "{line}");
        }
    }

    #[test]
    fn advertisement_and_furniture_are_marked() {
        for (line, kind) in [
            ("Advertisement", Advertisement),
            ("ADVERTISEMENT", Advertisement),
            ("Sponsored", Advertisement),
            ("Story continues below advertisement", Advertisement),
            ("© 2022 Example Media Group", Furniture),
            (
                "Copyright 2022 Example News. All rights reserved.",
                Furniture,
            ),
            ("All rights reserved.", Furniture),
            ("Share this article", Furniture),
            ("Share on Facebook", Furniture),
        ] {
            assert_eq!(between_body(line).map(|m| m.0), Some(kind), "{line}");
        }
    }

    #[test]
    fn body_sentences_that_mention_rule_words_are_not_marked() {
        for line in [
            "Advertisement revenue fell by 12% in the second quarter, the company said.",
            "Watch officials said the levee had been inspected only once since 2010.",
            "The photo, taken by a resident, shows the bridge moments before it fell.",
            "Share prices in the construction firm dropped sharply on Wednesday.",
            "Readers were asked to sign up volunteers for the clean-up, which begins on Monday and is expected to last for at least three weeks according to the organisers of the effort.",
            "The agency said all rights to the footage had been sold.",
        ] {
            assert_eq!(between_body(line), None, "{line}");
        }
    }

    #[test]
    fn stage_marks_paragraphs_of_a_doc() {
        let text =
            format!("Title Of The Story\n{BODY_BEFORE}\nRead more: Other story\n{BODY_AFTER}\n");
        let mut doc = Doc::new(text, Meta::default());
        let paras = newsgraph_segment::paragraph_spans(doc.text())
            .into_iter()
            .map(|span| newsgraph_doc::Paragraph { span })
            .collect();
        doc.set_paragraphs(paras).unwrap();
        BoilerplateStage.run(&mut doc).unwrap();
        let marks = doc.boilerplate().unwrap();
        assert_eq!(marks.len(), 1);
        assert_eq!(marks[0].paragraph, ParagraphId(2));
        assert_eq!(marks[0].rule, "call-to-action");
        assert_eq!(doc.slice(marks[0].span), "Read more: Other story");
    }

    #[test]
    fn sky_fixture_marks_exactly_the_two_promo_headlines() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/sky-2022-09-16-izyum/input.txt"
        );
        let text = std::fs::read_to_string(path).expect("Sky fixture is committed");
        let paras: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let marked: Vec<(usize, BoilerplateKind)> = classify(&paras)
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.map(|r| (i + 1, r.kind)))
            .collect();
        assert_eq!(marked, [(4, Promo), (12, Promo)]);
    }
}
