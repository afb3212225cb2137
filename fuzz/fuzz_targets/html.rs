//! `newsgraph_html::extract_bytes` and `extract` on arbitrary bytes: never
//! panic, and the alignment always holds (runs cover the text in order, each
//! run in bounds of the text and of the decoded source, copied runs equal).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_html::Extracted;

/// Checks the alignment of `out` against its text and the `source` it was taken from.
fn check_alignment(out: &Extracted, source: &str) {
    let text = out.text.as_bytes();
    let src = source.as_bytes();
    let mut next = 0usize;
    for r in out.alignment.runs() {
        assert_eq!(r.text, next, "runs must cover the text in order: {r:?}");
        next = r.text + r.text_len;
        assert!(next <= text.len(), "run past the text end ({}): {r:?}", text.len());
        assert!(
            r.source + r.source_len <= src.len(),
            "run past the source end ({}): {r:?}",
            src.len()
        );
        if r.copied {
            assert_eq!(r.text_len, r.source_len, "copied run of unequal lengths: {r:?}");
            assert_eq!(
                &text[r.text..next],
                &src[r.source..r.source + r.source_len],
                "copied run whose text differs from its source: {r:?}"
            );
        }
    }
    assert_eq!(next, text.len(), "runs must cover the whole text");
    assert_eq!(out.alignment.text_len(), text.len());
    for p in &out.paragraphs {
        assert!(p.start <= p.end && p.end <= text.len(), "paragraph out of bounds: {p:?}");
        assert!(out.text.is_char_boundary(p.start) && out.text.is_char_boundary(p.end));
    }
    if let Some(c) = &out.container {
        assert!(c.start <= c.end && c.end <= src.len(), "container out of bounds: {c:?}");
    }
    // Whole-text and per-paragraph lookups answer in bounds.
    if let Some(range) = out.alignment.source_range(0..text.len()) {
        assert!(range.start <= range.end && range.end <= src.len());
    }
    for p in &out.paragraphs {
        if let Some(range) = out.alignment.source_range(p.clone()) {
            assert!(range.start <= range.end && range.end <= src.len());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let bytes = newsgraph_html::extract_bytes(data, None, None);
    check_alignment(&bytes.extracted, &bytes.source);
    let lossy = String::from_utf8_lossy(data);
    let out = newsgraph_html::extract(&lossy, Some("https://example.com/news/a.html"));
    check_alignment(&out, &lossy);
});
