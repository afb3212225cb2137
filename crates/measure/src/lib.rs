//! Counts, amounts and time expressions ("how many and when").
//!
//! Key decision: **rules in named tables over tokens, resolved against the
//! publication date.** News states its numbers and dates in a small,
//! conventional vocabulary ("more than four hundred", "dozens of", "Friday
//! afternoon", "last week"); each convention is one readable line in a
//! table ([`numbers`], [`quantity`], [`timex`]) that a test names, rather
//! than a learned model whose errors cannot be pointed at. Relative dates
//! are only meaningful against the date line, so the publication date
//! ([`newsgraph_doc::Meta::published`]) is an input of normalisation, and
//! an unknown one yields `XXXX` values instead of guesses.
//!
//! Matching walks tokens, never the raw text: [`tokens::refine`] splits the
//! document's tokens into letter, digit and symbol pieces so that rules see
//! the same pieces whatever the segmenter did with "5m" or "Sept.".
//!
//! Times are found first; numbers inside a time expression ("three days",
//! "16 September") are not counted again as quantities.

pub mod numbers;
pub mod quantity;
pub mod switches;
pub mod timex;
pub mod tokens;

use newsgraph_doc::{Diagnostic, Doc, Error, LayerKind, Quantity, Span, Stage, TimeExpr};

/// The measure stage: assigns the quantities and times layers.
///
/// Requires sentences and tokens; sentences inside a paragraph marked as
/// boilerplate (when that layer is set) are skipped.
#[derive(Debug, Default)]
pub struct MeasureStage;

impl MeasureStage {
    pub fn new() -> MeasureStage {
        MeasureStage
    }
}

/// Quantities and times of one text range (a sentence).
pub fn measure_range(
    text: &str,
    tokens: &[newsgraph_doc::Token],
    range: Span,
    published: Option<chrono::NaiveDate>,
    state: &mut timex::DocState,
) -> (Vec<Quantity>, Vec<TimeExpr>) {
    let toks = tokens::refine(text, tokens, range);
    let found = timex::find(&toks);
    let mut taken = vec![false; toks.len()];
    for f in &found {
        taken[f.start..f.end].iter_mut().for_each(|x| *x = true);
    }
    let times = timex::resolve(&toks, &found, published, state);
    let quantities = quantity::extract(&toks, &taken);
    (quantities, times)
}

impl Stage for MeasureStage {
    fn name(&self) -> &'static str {
        "measure"
    }

    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Sentences, LayerKind::Tokens]
    }

    fn assigns(&self) -> &'static [LayerKind] {
        &[LayerKind::Quantities, LayerKind::Times]
    }

    fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, Error> {
        let published = doc.meta().published;
        let mut diagnostics = Vec::new();
        if published.is_none() {
            diagnostics.push(Diagnostic::warning(
                "measure",
                "no publication date: relative dates are left unresolved (XXXX)",
            ));
        }
        let skip: Vec<Span> = if doc.has(LayerKind::Boilerplate) {
            doc.boilerplate()?.iter().map(|b| b.span).collect()
        } else {
            Vec::new()
        };
        let mut quantities = Vec::new();
        let mut times = Vec::new();
        let mut state = timex::DocState::default();
        {
            let text = doc.text();
            let tokens = doc.tokens()?;
            for s in doc.sentences()? {
                if skip.iter().any(|b| b.overlaps(s.span)) {
                    continue;
                }
                let (q, t) = measure_range(text, tokens, s.span, published, &mut state);
                quantities.extend(q);
                times.extend(t);
            }
        }
        quantities.sort_by_key(|q| (q.span.start, q.span.end));
        times.sort_by_key(|t| (t.span.start, t.span.end));
        if doc.has(LayerKind::Places) {
            link_places(doc, &mut quantities)?;
        }
        doc.set_quantities(quantities)?;
        doc.set_times(times)?;
        Ok(diagnostics)
    }
}

/// Ties each count to the place named in its sentence ([`quantity::place_for`]),
/// when the places layer is there: the pipeline runs this stage after the
/// geo stage for that reason, but does not require it.
fn link_places(doc: &Doc, quantities: &mut [Quantity]) -> Result<(), Error> {
    let places = doc.places()?;
    let sentences = doc.sentences()?;
    for q in quantities.iter_mut().filter(|q| q.counted.is_some()) {
        let i = sentences.partition_point(|s| s.span.end <= q.span.start);
        if let Some(s) = sentences.get(i).filter(|s| s.span.contains(q.span)) {
            q.place = quantity::place_for(q, s.span, places).map(|p| p as u32);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_doc::{Meta, ParagraphId, Sentence};

    fn doc_with_sentences(text: &str, published: &str) -> Doc {
        let mut doc = Doc::new(
            text,
            Meta {
                published: Some(published.parse().unwrap()),
                ..Meta::default()
            },
        );
        let mut sentences = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            sentences.push(Sentence {
                span: Span::new(start, start + line.len()),
                paragraph: ParagraphId(sentences.len() as u32),
            });
            start += line.len() + 1;
        }
        doc.set_sentences(sentences).unwrap();
        doc.set_tokens(tokens::simple_tokens(text)).unwrap();
        doc
    }

    #[test]
    fn stage_fills_both_layers_against_the_publication_date() {
        let mut doc = doc_with_sentences(
            "Speaking on Friday afternoon, he said 12 people were killed.\nToday we know more.",
            "2022-09-16",
        );
        let diags = MeasureStage.run(&mut doc).unwrap();
        assert!(diags.is_empty());
        let times = doc.times().unwrap();
        assert_eq!(times.len(), 2);
        assert_eq!(times[0].value.as_deref(), Some("2022-09-16TAF"));
        assert_eq!(doc.slice(times[1].span), "Today");
        let q = doc.quantities().unwrap();
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].category.as_deref(), Some("KILL"));
        assert_eq!(doc.slice(q[0].counted.unwrap()), "people");
    }

    #[test]
    fn counts_are_tied_to_the_place_of_their_sentence_when_places_exist() {
        use newsgraph_doc::Place;
        let text = "Shelling killed 12 people in Kharkiv.\nDozens of homes burned.";
        let mut doc = doc_with_sentences(text, "2022-09-16");
        let at = text.find("Kharkiv").unwrap();
        let place = Place {
            span: Span::new(at, at + 7),
            mention: None,
            resolved: None,
            metonymy: false,
            relative: None,
            within: false,
        };
        doc.set_places(vec![place]).unwrap();
        MeasureStage.run(&mut doc).unwrap();
        let q = doc.quantities().unwrap();
        assert_eq!(doc.slice(q[0].span), "12");
        assert_eq!(q[0].place, Some(0), "same sentence as Kharkiv");
        assert_eq!(q[1].place, None, "no place in the second sentence");
    }

    #[test]
    fn boilerplate_paragraphs_are_skipped() {
        use newsgraph_doc::{Boilerplate, BoilerplateKind};
        let mut doc = doc_with_sentences(
            "Read more: 5 things to know about Friday\nFloods forced 1,200 people from their homes on Friday.",
            "2024-01-12",
        );
        doc.set_boilerplate(vec![Boilerplate {
            span: Span::new(0, 40),
            paragraph: ParagraphId(0),
            kind: BoilerplateKind::CallToAction,
            rule: "read_more".into(),
        }])
        .unwrap();
        MeasureStage.run(&mut doc).unwrap();
        let q = doc.quantities().unwrap();
        assert_eq!(q.len(), 1);
        assert_eq!(doc.slice(q[0].span), "1,200");
        let t = doc.times().unwrap();
        assert_eq!(t.len(), 1);
        assert!(t[0].span.start > 40);
    }

    #[test]
    fn without_a_publication_date_relative_dates_stay_unresolved() {
        let mut doc = doc_with_sentences("He left yesterday, in March 2020.", "2022-09-16");
        doc.meta_mut().published = None;
        let diags = MeasureStage.run(&mut doc).unwrap();
        assert_eq!(diags.len(), 1);
        let times = doc.times().unwrap();
        assert_eq!(times[0].value, None);
        assert_eq!(times[1].value.as_deref(), Some("2020-03"));
    }
}
