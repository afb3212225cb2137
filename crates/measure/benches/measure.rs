//! Throughput of the measure stage on the committed example article
//! (fixtures/sky-2022-09-16-izyum), with a count check so the benchmark
//! also guards correctness.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_doc::{Doc, Meta, ParagraphId, Sentence, Span, Stage};
use newsgraph_measure::{tokens, MeasureStage};

fn prepared() -> Doc {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/sky-2022-09-16-izyum/input.txt"
    );
    let text = std::fs::read_to_string(path).expect("fixture article");
    let mut doc = Doc::new(
        text.clone(),
        Meta {
            published: "2022-09-16".parse().ok(),
            ..Meta::default()
        },
    );
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
    doc
}

fn bench(c: &mut Criterion) {
    let doc = prepared();
    let mut g = c.benchmark_group("measure");
    g.throughput(Throughput::Bytes(doc.text().len() as u64));
    g.bench_function("sky_article", |b| {
        b.iter(|| {
            let mut d = doc.clone();
            MeasureStage.run(&mut d).unwrap();
            assert_eq!(d.quantities().unwrap().len(), 3);
            assert_eq!(d.times().unwrap().len(), 4);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
