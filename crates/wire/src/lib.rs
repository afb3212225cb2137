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
use serde_json::{json, Map, Value};

/// The schema identifier every record carries.
pub const SCHEMA: &str = "newsgraph/1";

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

/// The record of an article that was read and processed.
pub fn article_record(
    origin: &Origin,
    doc: &Doc,
    warnings: &[String],
    diagnostics: &[Diagnostic],
    options: Options,
) -> Value {
    let map = OffsetMap::new(doc.text());
    let mut layers = Map::new();
    for kind in LayerKind::ALL {
        if let Some(value) = layer_value(doc, kind) {
            let mut value = value;
            add_char_offsets(&mut value, &map, options.utf16);
            layers.insert(kind.name().to_string(), value);
        }
    }
    let meta = doc.meta();
    let mut record = json!({
        "schema": SCHEMA,
        "status": "ok",
        "source": origin.source,
        "meta": {
            "url": meta.url,
            "published": meta.published.map(|d| d.to_string()),
            "title": meta.title,
        },
        "bytes": doc.text().len(),
        "chars": map.char_len(),
    });
    let obj = record.as_object_mut().expect("record is an object");
    if let Some(id) = origin.id.as_ref().or(meta.id.as_ref()) {
        obj.insert("id".into(), json!(id));
    }
    if !options.omit_text {
        obj.insert("text".into(), json!(doc.text()));
    }
    obj.insert("layers".into(), Value::Object(layers));
    if !warnings.is_empty() {
        obj.insert("warnings".into(), json!(warnings));
    }
    if !diagnostics.is_empty() {
        let mut diags = serde_json::to_value(diagnostics).expect("diagnostics serialise");
        add_char_offsets(&mut diags, &map, options.utf16);
        obj.insert("diagnostics".into(), diags);
    }
    record
}

/// The record of an article that could not be read or processed. `kind` is
/// a stable machine-readable name (`empty`, `binary`, `invalid_utf8`,
/// `too_large`, `bad_json`, `unreadable`, `internal`, ...).
pub fn error_record(origin: &Origin, kind: &str, message: &str) -> Value {
    let mut record = json!({
        "schema": SCHEMA,
        "status": "error",
        "source": origin.source,
        "error": { "kind": kind, "message": message },
    });
    if let Some(id) = &origin.id {
        record
            .as_object_mut()
            .expect("object")
            .insert("id".into(), json!(id));
    }
    record
}

fn layer_value(doc: &Doc, kind: LayerKind) -> Option<Value> {
    let layers = doc.layers();
    let value = match kind {
        LayerKind::Paragraphs => serde_json::to_value(layers.paragraphs.as_ref()?),
        LayerKind::Boilerplate => serde_json::to_value(layers.boilerplate.as_ref()?),
        LayerKind::Sentences => serde_json::to_value(layers.sentences.as_ref()?),
        LayerKind::Tokens => serde_json::to_value(layers.tokens.as_ref()?),
        LayerKind::Entities => serde_json::to_value(layers.entities.as_ref()?),
        LayerKind::Places => serde_json::to_value(layers.places.as_ref()?),
        LayerKind::Quantities => serde_json::to_value(layers.quantities.as_ref()?),
        LayerKind::Times => serde_json::to_value(layers.times.as_ref()?),
    };
    Some(value.expect("layer types serialise to JSON"))
}

/// Adds character (and optionally UTF-16) offsets to every byte span in
/// `value`: an object whose keys are exactly `start` and `end`, both
/// non-negative integers.
fn add_char_offsets(value: &mut Value, map: &OffsetMap, utf16: bool) {
    match value {
        Value::Object(obj) => {
            let span = if obj.len() == 2 {
                match (
                    obj.get("start").and_then(Value::as_u64),
                    obj.get("end").and_then(Value::as_u64),
                ) {
                    (Some(s), Some(e)) => Some((s as usize, e as usize)),
                    _ => None,
                }
            } else {
                None
            };
            if let Some((s, e)) = span {
                obj.insert("char_start".into(), json!(map.chars(s)));
                obj.insert("char_end".into(), json!(map.chars(e)));
                if utf16 {
                    obj.insert("u16_start".into(), json!(map.utf16(s)));
                    obj.insert("u16_end".into(), json!(map.utf16(e)));
                }
            } else {
                for v in obj.values_mut() {
                    add_char_offsets(v, map, utf16);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| add_char_offsets(v, map, utf16)),
        _ => {}
    }
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
        let rec = article_record(
            &origin,
            &doc,
            &[],
            &[],
            Options {
                omit_text: false,
                utf16: true,
            },
        );
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
        let rec = error_record(&origin, "bad_json", "expected value at column 1");
        assert_eq!(rec["status"], json!("error"));
        assert_eq!(rec["source"], json!("batch.jsonl:7"));
        assert_eq!(rec["error"]["kind"], json!("bad_json"));
    }
}
