//! TimeML documents (TempEval-3 TBAQ-cleaned): the text of `<TEXT>` with
//! its inline tags stripped, the gold `<TIMEX3>` spans as byte offsets into
//! that text, and the document creation time (the `<DCT>` timex with
//! `functionInDocument="CREATION_TIME"`).
//!
//! Parsed by hand rather than with an XML crate: TimeML's inline markup is
//! flat (TIMEX3, EVENT and SIGNAL never nest inside TIMEX3), and what we
//! need is exact offsets into the tag-stripped, entity-decoded text, which
//! is a dozen lines here and an event-offset bookkeeping exercise with a
//! streaming parser.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A gold TIMEX3.
#[derive(Debug, Clone, PartialEq)]
pub struct Timex {
    /// Byte offsets into [`Document::text`].
    pub start: usize,
    pub end: usize,
    pub tid: String,
    pub timex_type: String,
    pub value: String,
    pub modifier: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    /// The text of `<TEXT>`, tags stripped and entities decoded.
    pub text: String,
    pub dct: Option<NaiveDate>,
    /// Gold timexes inside `<TEXT>` (the DCT timex is not among them).
    pub timexes: Vec<Timex>,
}

/// Every `.tml` file under `dir` (recursively), sorted by file name so that
/// splits are deterministic.
pub fn read_dir(dir: &Path) -> Result<Vec<Document>> {
    let mut paths = Vec::new();
    collect(dir, &mut paths)?;
    paths.sort_by(|a, b| a.file_name().cmp(&b.file_name()).then(a.cmp(b)));
    paths.iter().map(|p| read(p)).collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let p = e?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "tml") {
            out.push(p);
        }
    }
    Ok(())
}

pub fn read(path: &Path) -> Result<Document> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut doc = parse(&raw);
    doc.path = path.to_path_buf();
    Ok(doc)
}

fn attrs(tag: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let key = rest[..eq]
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        let after = &rest[eq + 2..];
        let Some(close) = after.find('"') else { break };
        out.insert(key.to_string(), decode(&after[..close]));
        rest = &after[close + 1..];
    }
    out
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Parses one TimeML document.
pub fn parse(raw: &str) -> Document {
    let dct = raw
        .find("<DCT>")
        .and_then(|i| {
            let tag_start = raw[i..].find("<TIMEX3")? + i;
            let tag_end = raw[tag_start..].find('>')? + tag_start;
            attrs(&raw[tag_start..tag_end]).get("value").cloned()
        })
        .and_then(|v| v.get(..10).and_then(|d| d.parse().ok()));
    let body = match (raw.find("<TEXT>"), raw.find("</TEXT>")) {
        (Some(a), Some(b)) if b > a => &raw[a + 6..b],
        _ => "",
    };
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, HashMap<String, String>)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(body.len(), |e| i + e + 1);
            let tag = &body[i..end];
            if tag.starts_with("<TIMEX3") {
                open = Some((text.len(), attrs(tag)));
            } else if tag.starts_with("</TIMEX3") {
                if let Some((start, a)) = open.take() {
                    if a.get("functionInDocument").map(String::as_str) != Some("CREATION_TIME") {
                        timexes.push(Timex {
                            start,
                            end: text.len(),
                            tid: a.get("tid").cloned().unwrap_or_default(),
                            timex_type: a.get("type").cloned().unwrap_or_default(),
                            value: a.get("value").cloned().unwrap_or_default(),
                            modifier: a.get("mod").cloned(),
                        });
                    }
                }
            }
            i = end;
        } else if rest.starts_with('&') {
            let semi = rest.find(';').filter(|&s| s <= 8);
            match semi {
                Some(s) => {
                    text.push_str(&decode(&rest[..=s]));
                    i += s + 1;
                }
                None => {
                    text.push('&');
                    i += 1;
                }
            }
        } else {
            let c = rest.chars().next().unwrap();
            text.push(c);
            i += c.len_utf8();
        }
    }
    Document {
        path: PathBuf::new(),
        text,
        dct,
        timexes,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn strips_tags_and_keeps_gold_offsets() {
        let raw = r#"<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>
<TEXT>Bombs <EVENT eid="e1">exploded</EVENT> &amp; shook <TIMEX3 tid="t1" type="DATE" value="1998-08-07" functionInDocument="NONE">Friday</TIMEX3>.</TEXT>"#;
        let d = super::parse(raw);
        assert_eq!(d.text, "Bombs exploded & shook Friday.");
        assert_eq!(d.dct, Some("1998-08-07".parse().unwrap()));
        assert_eq!(d.timexes.len(), 1);
        let t = &d.timexes[0];
        assert_eq!(&d.text[t.start..t.end], "Friday");
        assert_eq!(t.value, "1998-08-07");
    }
}
