//! Throughput of paragraphs + tokens + sentences on the committed fixture
//! articles, repeated into one larger text. Each iteration checks the
//! token and sentence counts, so a faster run that does less fails.
//!
//! `cargo bench -p newsgraph-segment` (criterion reports time and bytes/s).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

fn fixtures_text() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .filter_map(|e| e.ok().map(|e| e.path().join("input.txt")))
        .filter(|p| p.exists())
        .collect();
    names.sort();
    let one: String = names
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("fixture") + "\n")
        .collect();
    one.repeat(50)
}

fn bench(c: &mut Criterion) {
    let text = fixtures_text();
    let expected = newsgraph_segment::segment(&text);
    let (tokens, sentences) = (expected.tokens.len(), expected.sentences.len());
    assert!(tokens > 10_000 && sentences > 500);
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("fixtures-x50", |b| {
        b.iter(|| {
            let seg = newsgraph_segment::segment(&text);
            assert_eq!((seg.tokens.len(), seg.sentences.len()), (tokens, sentences));
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
