//! Throughput of the standard pipeline on the committed fixture articles.
//! Each iteration also checks the sentence count, so a benchmark that got
//! faster by doing less would fail instead of looking good.
//!
//! `cargo bench -p newsgraph-pipeline` (criterion reports time and bytes/s).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_doc::{Doc, Meta};
use std::path::Path;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
        .join("input.txt");
    std::fs::read_to_string(path).expect("fixture present")
}

fn bench(c: &mut Criterion) {
    let pipeline = newsgraph_pipeline::standard().expect("pipeline builds");
    let mut group = c.benchmark_group("standard-pipeline");
    for (name, sentences) in [("sky-2022-09-16-izyum", 21), ("synthetic-flood-report", 14)] {
        let text = fixture(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut doc = Doc::new(text.clone(), Meta::default());
                pipeline.run(&mut doc).expect("pipeline runs");
                assert_eq!(doc.sentences().expect("sentences set").len(), sentences);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
