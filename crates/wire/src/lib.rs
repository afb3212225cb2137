//! The wire format: what `newsgraph extract` writes, one JSON object per
//! article. The schema is versioned ([`SCHEMA`]) and documented in
//! `docs/output-schema.md`.
//!
//! Key decision: the document model stores byte offsets only; this crate
//! adds **character offsets** (Unicode code points, what Python's `str`
//! indexes) beside them, and UTF-16 code-unit offsets (what JavaScript
//! indexes) on request, at the edge. Every `{"start", "end"}` object inside
//! `layers` is a byte span and gains `char_start`/`char_end` (and
//! `u16_start`/`u16_end`). Layer items are serialised from the `doc` types'
//! serde shapes, so a change to one of those shapes is a schema change:
//! bump [`SCHEMA`] and the schema document together.

mod offsets;

pub use offsets::OffsetMap;

use newsgraph_doc::{Diagnostic, Doc, LayerKind};
use serde::Serialize;
use serde_json::json;
use std::io::Write;

/// The schema identifier every record carries.
pub const SCHEMA: &str = "newsgraph/2";

/// What to include in article records.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Leave the article text out (consumers that kept it themselves).
    pub omit_text: bool,
    /// Add UTF-16 offsets (`u16_start`, `u16_end`) for JavaScript.
    pub utf16: bool,
}

/// Where a record came from, for the user to find it again.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Origin {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `path`, `path:line` (JSONL), or `<stdin>`.
    pub source: String,
}

/// The record of an article that was read and processed, as one line of
/// compact JSON (no trailing newline).
///
/// Written straight to bytes rather than through `serde_json::Value`: a
/// record holds a JSON object per token, and building that tree cost more
/// than the whole segmentation pipeline (measured with perf).
pub fn article_record(
    origin: &Origin,
    doc: &Doc,
    warnings: &[String],
    diagnostics: &[Diagnostic],
    options: Options,
) -> Vec<u8> {
    let map = OffsetMap::new(doc.text());
    let meta = doc.meta();
    let mut out = Vec::with_capacity(doc.text().len() * 4 + 256);
    let id = origin.id.as_ref().or(meta.id.as_ref());
    let head = json!({
        "schema": SCHEMA,
        "status": "ok",
        "id": id,
        "source": origin.source,
        "meta": {
            "url": meta.url,
            "published": meta.published.map(|d| d.to_string()),
            "modified": meta.modified,
            "title": meta.title,
            "authors": meta.authors,
            "language": meta.language,
            "site_name": meta.site_name,
            "canonical_url": meta.canonical_url,
            "section": meta.section,
        },
        "bytes": doc.text().len(),
        "chars": map.char_len(),
    });
    write_json(&mut out, &head);
    out.pop(); // reopen the object to append the large fields without a Value tree
    if !options.omit_text {
        out.extend_from_slice(b",\"text\":");
        write_json(&mut out, doc.text());
    }
    out.extend_from_slice(b",\"layers\":{");
    let mut scratch = Vec::new();
    let mut first = true;
    for kind in LayerKind::ALL {
        scratch.clear();
        if !write_layer(&mut scratch, doc, kind) {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        write_json(&mut out, kind.name());
        out.push(b':');
        add_char_offsets(&scratch, &map, options.utf16, &mut out);
    }
    out.push(b'}');
    if let Some(map) = doc.source_map() {
        let runs: Vec<[usize; 5]> = map
            .runs
            .iter()
            .map(|r| {
                [
                    r.text,
                    r.text_len,
                    r.source,
                    r.source_len,
                    r.copied as usize,
                ]
            })
            .collect();
        out.extend_from_slice(b",\"source_map\":");
        write_json(&mut out, &json!({ "encoding": map.encoding, "runs": runs }));
    }
    if !warnings.is_empty() {
        out.extend_from_slice(b",\"warnings\":");
        write_json(&mut out, warnings);
    }
    if !diagnostics.is_empty() {
        out.extend_from_slice(b",\"diagnostics\":");
        scratch.clear();
        write_json(&mut scratch, diagnostics);
        add_char_offsets(&scratch, &map, options.utf16, &mut out);
    }
    out.push(b'}');
    out
}

/// The record of an article that could not be read or processed, as one
/// line of compact JSON. `kind` is a stable machine-readable name (`empty`,
/// `binary`, `invalid_utf8`, `too_large`, `bad_json`, `unreadable`,
/// `internal`, ...).
pub fn error_record(origin: &Origin, kind: &str, message: &str) -> Vec<u8> {
    let record = json!({
        "schema": SCHEMA,
        "status": "error",
        "id": origin.id,
        "source": origin.source,
        "error": { "kind": kind, "message": message },
    });
    let mut out = Vec::new();
    write_json(&mut out, &record);
    out
}

fn write_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(out, value)
        .expect("in-memory JSON serialisation of plain data cannot fail");
}

/// Serialises one layer, if set; returns whether it was.
fn write_layer(out: &mut Vec<u8>, doc: &Doc, kind: LayerKind) -> bool {
    let layers = doc.layers();
    match kind {
        LayerKind::Paragraphs => layers.paragraphs.as_ref().map(|l| write_json(out, l)),
        LayerKind::Boilerplate => layers.boilerplate.as_ref().map(|l| write_json(out, l)),
        LayerKind::Sentences => layers.sentences.as_ref().map(|l| write_json(out, l)),
        LayerKind::Tokens => layers.tokens.as_ref().map(|l| write_json(out, l)),
        LayerKind::Entities => layers.entities.as_ref().map(|l| write_json(out, l)),
        LayerKind::Quotes => layers.quotes.as_ref().map(|l| write_json(out, l)),
        LayerKind::Places => layers.places.as_ref().map(|l| write_json(out, l)),
        LayerKind::Quantities => layers.quantities.as_ref().map(|l| write_json(out, l)),
        LayerKind::Times => layers.times.as_ref().map(|l| write_json(out, l)),
    }
    .is_some()
}

/// Copies compact JSON from `json` to `out`, adding character (and
/// optionally UTF-16) offsets to every byte span.
///
/// A `Span` serialises as exactly `{"start":N,"end":M}`. That byte pattern
/// cannot occur inside a JSON string, where quotes are escaped as `\"`, so a
/// scan of the serialised bytes finds every span and nothing else — without
/// building a `Value` tree.
fn add_char_offsets(json: &[u8], map: &OffsetMap, utf16: bool, out: &mut Vec<u8>) {
    const OPEN: &[u8] = b"{\"start\":";
    const MID: &[u8] = b",\"end\":";
    let mut i = 0;
    while i < json.len() {
        let Some(found) = find(&json[i..], OPEN) else {
            out.extend_from_slice(&json[i..]);
            return;
        };
        let at = i + found;
        out.extend_from_slice(&json[i..at]);
        match parse_span(&json[at..], OPEN, MID) {
            Some((start, end, len)) => {
                out.extend_from_slice(&json[at..at + len - 1]); // without the closing brace
                let _ = write!(
                    out,
                    ",\"char_start\":{},\"char_end\":{}",
                    map.chars(start),
                    map.chars(end)
                );
                if utf16 {
                    let _ = write!(
                        out,
                        ",\"u16_start\":{},\"u16_end\":{}",
                        map.utf16(start),
                        map.utf16(end)
                    );
                }
                out.push(b'}');
                i = at + len;
            }
            None => {
                out.extend_from_slice(OPEN);
                i = at + OPEN.len();
            }
        }
    }
}

/// Parses `{"start":N,"end":M}` at the start of `s`; returns N, M and the
/// pattern's length.
fn parse_span(s: &[u8], open: &[u8], mid: &[u8]) -> Option<(usize, usize, usize)> {
    let mut i = open.len();
    let (start, n) = parse_digits(&s[i..])?;
    i += n;
    if !s[i..].starts_with(mid) {
        return None;
    }
    i += mid.len();
    let (end, n) = parse_digits(&s[i..])?;
    i += n;
    (s.get(i) == Some(&b'}')).then_some((start, end, i + 1))
}

fn parse_digits(s: &[u8]) -> Option<(usize, usize)> {
    let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
    if n == 0 || n > 19 {
        return None;
    }
    std::str::from_utf8(&s[..n])
        .ok()?
        .parse()
        .ok()
        .map(|v| (v, n))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_doc::{Meta, Paragraph, Span};

    #[test]
    fn spans_gain_char_and_utf16_offsets() {
        let text = "“Hi” 😀 Izyum";
        let mut doc = Doc::new(text, Meta::default());
        let start = text.find("Izyum").unwrap();
        doc.set_paragraphs(vec![Paragraph {
            span: Span::new(start, text.len()),
        }])
        .unwrap();
        let origin = Origin {
            id: Some("a".into()),
            source: "a.txt".into(),
        };
        let options = Options {
            omit_text: false,
            utf16: true,
        };
        let bytes = article_record(&origin, &doc, &[], &[], options);
        let rec: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let span = &rec["layers"]["paragraphs"][0]["span"];
        assert_eq!(span["start"], json!(start));
        // “ H i ” space 😀 space = 7 code points, 8 UTF-16 units
        assert_eq!(span["char_start"], json!(7));
        assert_eq!(span["u16_start"], json!(8));
        assert_eq!(span["char_end"], json!(12));
        assert_eq!(rec["schema"], json!(SCHEMA));
        assert_eq!(rec["id"], json!("a"));
        // Python-style slicing by char offsets gives the span's text.
        let chars: Vec<char> = text.chars().collect();
        let sliced: String = chars[7..12].iter().collect();
        assert_eq!(sliced, "Izyum");
    }

    #[test]
    fn error_records_name_the_source_and_cause() {
        let origin = Origin {
            id: None,
            source: "batch.jsonl:7".into(),
        };
        let rec: serde_json::Value = serde_json::from_slice(&error_record(
            &origin,
            "bad_json",
            "expected value at column 1",
        ))
        .unwrap();
        assert_eq!(rec["status"], json!("error"));
        assert_eq!(rec["source"], json!("batch.jsonl:7"));
        assert_eq!(rec["error"]["kind"], json!("bad_json"));
    }

    #[test]
    fn span_lookalikes_inside_strings_are_left_alone() {
        let text = r#"{"start":1,"end":2} é"#;
        let mut doc = Doc::new(text, Meta::default());
        doc.set_paragraphs(vec![Paragraph {
            span: Span::new(0, text.len()),
        }])
        .unwrap();
        let origin = Origin {
            id: None,
            source: "x".into(),
        };
        let bytes = article_record(&origin, &doc, &[], &[], Options::default());
        let rec: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(rec["text"], json!(text), "text unchanged");
        assert_eq!(
            rec["layers"]["paragraphs"][0]["span"]["char_end"],
            json!(21)
        );
        assert_eq!(rec["chars"], json!(21));
    }
}
