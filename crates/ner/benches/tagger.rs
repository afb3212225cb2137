//! Throughput of the NER stage (embedded model) on the committed example
//! article, segmented once outside the timed loop. Each iteration checks the
//! number of mentions, so a faster run that finds less fails instead.
//!
//! `cargo bench -p newsgraph-ner`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_doc::{Doc, Meta, Stage};
use newsgraph_ner::NerStage;
use newsgraph_segment::{ParagraphStage, SentenceStage};

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/sky-2022-09-16-izyum/input.txt"
    );
    let text = std::fs::read_to_string(path).expect("fixture present");
    let mut segmented = Doc::new(text.clone(), Meta::default());
    ParagraphStage.run(&mut segmented).unwrap();
    SentenceStage.run(&mut segmented).unwrap();
    let words = segmented.tokens().unwrap().len() as u64;
    let stage = NerStage::new();
    let mut group = c.benchmark_group("ner");
    group.throughput(Throughput::Elements(words));
    group.bench_function("sky-2022-09-16-izyum", |b| {
        b.iter(|| {
            let mut doc = segmented.clone();
            stage.run(&mut doc).unwrap();
            assert_eq!(doc.entities().unwrap().mentions.len(), 37);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
