//! The example article (fixtures/sky-2022-09-16-izyum, published Friday
//! 16 September 2022): every count and date its README lists, and nothing
//! that only looks like one.

use newsgraph_doc::{Doc, Meta, ParagraphId, Sentence, Span, Stage};
use newsgraph_measure::{tokens, MeasureStage};

fn article() -> Doc {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/sky-2022-09-16-izyum/input.txt"
    );
    let text = std::fs::read_to_string(path).expect("fixture article");
    let mut doc = Doc::new(
        text.clone(),
        Meta {
            published: Some("2022-09-16".parse().unwrap()),
            ..Meta::default()
        },
    );
    // one sentence per line is enough for these rules
    let mut sentences = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        if !line.is_empty() {
            sentences.push(Sentence {
                span: Span::new(start, start + line.len()),
                paragraph: ParagraphId(sentences.len() as u32),
            });
        }
        start += line.len() + 1;
    }
    doc.set_sentences(sentences).unwrap();
    doc.set_tokens(tokens::simple_tokens(&text)).unwrap();
    MeasureStage.run(&mut doc).unwrap();
    doc
}

#[test]
fn counts_listed_in_the_readme() {
    let doc = article();
    let q: Vec<_> = doc
        .quantities()
        .unwrap()
        .iter()
        .map(|q| {
            (
                doc.slice(q.span).to_string(),
                q.low,
                q.high,
                q.qualifier.clone(),
                q.unit.clone(),
                q.counted.map(|c| doc.slice(c).to_string()),
            )
        })
        .collect();
    assert_eq!(
        q,
        vec![
            (
                "thousands of square kilometres".to_string(),
                Some(2000.0),
                Some(9999.0),
                Some("order_of".to_string()),
                Some("km2".to_string()),
                Some("territory".to_string())
            ),
            (
                "dozens".to_string(),
                Some(24.0),
                Some(99.0),
                Some("order_of".to_string()),
                None,
                Some("settlements".to_string())
            ),
            (
                "More than four hundred".to_string(),
                Some(400.0),
                None,
                Some("more_than".to_string()),
                None,
                Some("graves".to_string())
            ),
        ]
    );
}

#[test]
fn dates_listed_in_the_readme() {
    let doc = article();
    let times: Vec<_> = doc
        .times()
        .unwrap()
        .iter()
        .map(|t| {
            (
                doc.slice(t.span).to_string(),
                t.value.clone().unwrap_or_default(),
            )
        })
        .collect();
    let has = |text: &str, value: &str| times.iter().any(|(t, v)| t == text && v == value);
    assert!(has("Friday afternoon", "2022-09-16TAF"), "{times:?}");
    assert!(has("Today", "2022-09-16"), "{times:?}");
    assert!(has("recent days", "PAST_REF"), "{times:?}");
    // "today’s era" is the present age, "as soon as possible" no date
    assert!(
        !times
            .iter()
            .any(|(t, _)| t == "today" || t.contains("soon")),
        "{times:?}"
    );
}
