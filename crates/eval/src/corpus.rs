//! `newsgraph-eval corpus`: builds a JSONL batch of real news texts from
//! the shared data, for throughput runs of `newsgraph extract`.
//!
//! Sources, in order (all plain article texts; annotations are ignored):
//! PolNeAR train+dev texts, CoNLL-2003 train+dev documents (rebuilt from
//! tokens), LGL and GeoVirus article texts, GUM news (rebuilt from
//! `# text` lines), TempEval-3 TBAQ-cleaned (tags stripped), WikToR texts.
//! When these hold fewer than `--min-articles` texts, the list is repeated
//! with ids suffixed `#2`, `#3`, … (the run then re-reads real articles; it
//! says how many were unique). The output is for local runs only: it holds
//! texts that are not openly licensed, so never commit it.

use crate::data::conll;
use anyhow::{Context, Result};
use serde_json::json;
use std::io::{BufWriter, Write};
use std::path::Path;

pub struct Text {
    pub id: String,
    pub text: String,
}

/// Every article text under `data`, in a fixed order.
pub fn collect(data: &Path) -> Result<Vec<Text>> {
    let mut out = Vec::new();
    for split in ["train", "dev"] {
        read_dir_texts(
            &data.join("polnear").join(split).join("text"),
            &format!("polnear/{split}"),
            &mut out,
        )?;
    }
    for file in ["eng.train", "eng.testa"] {
        let path = data.join("conll2003").join(file);
        if path.exists() {
            for (i, doc) in conll::read(&path)?.iter().enumerate() {
                let text: Vec<String> = doc
                    .sentences
                    .iter()
                    .map(|s| detokenize(&s.tokens))
                    .collect();
                out.push(Text {
                    id: format!("conll2003/{file}/{i}"),
                    text: text.join("\n"),
                });
            }
        }
    }
    for (file, name) in [
        ("geo/lgl/lgl.xml", "lgl"),
        ("geo/geovirus/GeoVirus.xml", "geovirus"),
    ] {
        let path = data.join(file);
        if path.exists() {
            let xml = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            for (i, text) in xml_texts(&xml).into_iter().enumerate() {
                out.push(Text {
                    id: format!("{name}/{i}"),
                    text,
                });
            }
        }
    }
    let gum = data.join("gum-news/dep");
    if gum.exists() {
        for path in sorted_files(&gum)? {
            let raw = std::fs::read_to_string(&path)?;
            let text: Vec<&str> = raw
                .lines()
                .filter_map(|l| l.strip_prefix("# text = "))
                .collect();
            out.push(Text {
                id: format!("gum/{}", file_name(&path)),
                text: text.join("\n"),
            });
        }
    }
    for sub in ["TimeBank", "AQUAINT"] {
        let dir = data.join("tempeval3/TBAQ-cleaned").join(sub);
        if dir.exists() {
            for path in sorted_files(&dir)? {
                let raw = std::fs::read_to_string(&path)?;
                let body = raw
                    .split("<TEXT>")
                    .nth(1)
                    .and_then(|t| t.split("</TEXT>").next())
                    .unwrap_or("");
                out.push(Text {
                    id: format!("tempeval3/{}", file_name(&path)),
                    text: strip_tags(body).trim().into(),
                });
            }
        }
    }
    read_dir_texts(&data.join("geo/wiktor/texts"), "wiktor", &mut out)?;
    out.retain(|t| !t.text.trim().is_empty());
    Ok(out)
}

/// Writes at least `min` records (repeating the texts if needed) as JSONL.
pub fn write(texts: &[Text], min: usize, out: &Path) -> Result<usize> {
    anyhow::ensure!(!texts.is_empty(), "no texts found under the data folder");
    let file = std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?;
    let mut w = BufWriter::new(file);
    let total = min.max(texts.len());
    for i in 0..total {
        let t = &texts[i % texts.len()];
        let round = i / texts.len();
        let id = if round == 0 {
            t.id.clone()
        } else {
            format!("{}#{}", t.id, round + 1)
        };
        serde_json::to_writer(&mut w, &json!({ "id": id, "text": t.text }))?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(total)
}

fn read_dir_texts(dir: &Path, prefix: &str, out: &mut Vec<Text>) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    for path in sorted_files(dir)? {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        out.push(Text {
            id: format!("{prefix}/{}", file_name(&path)),
            text,
        });
    }
    Ok(())
}

fn sorted_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Joins CoNLL tokens with spaces, except before closing punctuation and
/// after opening brackets (good enough for a throughput corpus).
pub fn detokenize(tokens: &[String]) -> String {
    let mut s = String::new();
    for (i, t) in tokens.iter().enumerate() {
        let glue = i == 0
            || matches!(
                t.as_str(),
                "," | "." | ":" | ";" | "?" | "!" | ")" | "]" | "}" | "'s" | "n't" | "%"
            )
            || tokens[i - 1] == "("
            || tokens[i - 1] == "$";
        if !glue {
            s.push(' ');
        }
        s.push_str(t);
    }
    s
}

/// The contents of every `<text>…</text>` element (CDATA or escaped).
fn xml_texts(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<text>") {
        let after = &rest[start + 6..];
        let Some(end) = after.find("</text>") else {
            break;
        };
        let body = &after[..end];
        let body = body.trim();
        let body = match body
            .strip_prefix("<![CDATA[")
            .and_then(|b| b.strip_suffix("]]>"))
        {
            Some(cdata) => cdata.to_string(),
            None => unescape(body),
        };
        out.push(body);
        rest = &after[end..];
    }
    out
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Writes a WARC file of at least `min` HTML response records, made from
/// the trafilatura-eval pages (repeated with `#2`, `#3`… URLs as needed),
/// for streaming-memory runs of `newsgraph extract` on archives. Returns
/// the number of records and of unique pages.
pub fn write_warc(data: &Path, min: usize, out: &Path) -> Result<(usize, usize)> {
    let dir = data.join("trafilatura-eval");
    let index: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("evaldata.json")).context("reading evaldata.json")?,
    )?;
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    for (url, entry) in index.as_object().context("evaldata.json is an object")? {
        let Some(file) = entry.get("file").and_then(|f| f.as_str()) else {
            continue;
        };
        if let Ok(bytes) = std::fs::read(dir.join("html").join(file)) {
            pages.push((url.clone(), bytes));
        }
    }
    anyhow::ensure!(!pages.is_empty(), "no pages under {}", dir.display());
    pages.sort();
    let mut w = BufWriter::new(
        std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?,
    );
    let total = min.max(pages.len());
    for i in 0..total {
        let (url, html) = &pages[i % pages.len()];
        let round = i / pages.len();
        let url = if round == 0 {
            url.clone()
        } else {
            format!("{url}#{}", round + 1)
        };
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        http.extend_from_slice(html);
        write!(
            w,
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:newsgraph:{i}>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )?;
        w.write_all(&http)?;
        w.write_all(b"\r\n\r\n")?;
    }
    w.flush()?;
    Ok((total, pages.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_texts_reads_cdata_and_escaped_text() {
        let xml = "<a><text><![CDATA[One & two]]></text><text>Three &amp; four</text></a>";
        assert_eq!(xml_texts(xml), vec!["One & two", "Three & four"]);
    }

    #[test]
    fn detokenize_glues_punctuation() {
        let toks: Vec<String> = [
            "Peter", "(", "Reuters", ")", "said", "it", "'s", "fine", ".",
        ]
        .map(String::from)
        .into();
        assert_eq!(detokenize(&toks), "Peter (Reuters) said it's fine.");
    }
}
