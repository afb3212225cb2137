//! Pre-annotates candidate sentences for the quantities evaluation set:
//! reads JSON lines `{"file", "start", "end", "text"}` (or `{"text"}`) on
//! stdin and writes each back with the quantities the tagger finds, as
//! character offsets relative to the sentence, for a person to correct.
//! The corrected file keeps only offsets and values, never the text.
use std::io::BufRead;

fn char_off(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

fn main() {
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin is UTF-8");
        let mut v: serde_json::Value = serde_json::from_str(&line).expect("JSON line");
        let text = v["text"].as_str().unwrap_or_default().to_string();
        let qs: Vec<serde_json::Value> = newsgraph_measure::quantity::extract_str(&text)
            .into_iter()
            .map(|q| {
                serde_json::json!({
                    "start": char_off(&text, q.span.start),
                    "end": char_off(&text, q.span.end),
                    "low": q.low, "high": q.high, "qualifier": q.qualifier, "unit": q.unit,
                    "counted": q.counted.map(|c| [char_off(&text, c.start), char_off(&text, c.end)]),
                    "category": q.category,
                    "_text": &text[q.span.start..q.span.end],
                    "_counted": q.counted.map(|c| &text[c.start..c.end]),
                })
            })
            .collect();
        v["quantities"] = serde_json::Value::Array(qs);
        println!("{v}");
    }
}
