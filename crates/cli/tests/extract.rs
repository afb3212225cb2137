//! End-to-end tests of `newsgraph extract`. On bad input, each bad article
//! gets an error record naming its source and cause, the rest of the batch
//! is still processed, and the exit code says that some failed.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const GOOD: &str =
    "Mr. Smith went to Washington. He said it was fine.\nA second paragraph follows.\n";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

fn run(args: &[&Path]) -> (Output, Vec<Value>) {
    let out = bin()
        .arg("extract")
        .arg("--jsonl")
        .args(args)
        .output()
        .expect("runs");
    let records = String::from_utf8(out.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is a JSON record"))
        .collect();
    (out, records)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn error_kind(record: &Value) -> &str {
    record["error"]["kind"].as_str().unwrap_or("<ok>")
}

/// One bad input between two good ones: the bad one is an error record with
/// `kind`, both good ones are processed, exit code 1, stderr names the file.
fn assert_batch_survives(name: &str, bytes: &[u8], kind: &str) {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", GOOD.as_bytes());
    let bad = write(dir.path(), name, bytes);
    let b = write(dir.path(), "b.txt", GOOD.as_bytes());
    let (out, records) = run(&[&a, &bad, &b]);
    assert_eq!(out.status.code(), Some(1), "exit code for {name}");
    assert_eq!(records.len(), 3, "one record per input");
    assert_eq!(records[0]["status"], "ok");
    assert_eq!(records[1]["status"], "error");
    assert_eq!(error_kind(&records[1]), kind);
    assert_eq!(records[1]["source"], bad.display().to_string());
    assert_eq!(records[2]["status"], "ok");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("error: {}", bad.display())),
        "stderr names the input: {stderr}"
    );
    assert!(
        stderr.contains("1 article(s) failed"),
        "stderr lists failures: {stderr}"
    );
}

#[test]
fn empty_file_is_an_error_record() {
    assert_batch_survives("empty.txt", b"", "empty");
}

#[test]
fn blank_file_is_an_error_record() {
    assert_batch_survives("blank.txt", b"  \n\n\t ", "blank");
}

#[test]
fn binary_data_is_an_error_record() {
    assert_batch_survives("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "binary");
    assert_batch_survives("nul.txt", b"text with a \0 NUL byte", "binary");
}

#[test]
fn invalid_utf8_is_an_error_record_with_the_offset() {
    let mut bytes = "Zelenskyy’s report ".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xc3\x28 broken");
    assert_batch_survives("broken.txt", &bytes, "invalid_utf8");
}

#[test]
fn fifty_megabyte_single_line_is_refused_and_the_batch_goes_on() {
    let line = vec![b'a'; 50 * 1024 * 1024];
    assert_batch_survives("huge.txt", &line, "too_large");
}

#[test]
fn fifty_megabyte_jsonl_line_is_refused_and_the_next_lines_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = std::fs::File::create(dir.path().join("big.jsonl")).unwrap();
    writeln!(f, r#"{{"id":"before","text":"Before the big line."}}"#).unwrap();
    write!(f, r#"{{"id":"huge","text":""#).unwrap();
    f.write_all(&vec![b'x'; 50 * 1024 * 1024]).unwrap();
    writeln!(f, r#""}}"#).unwrap();
    writeln!(f, r#"{{"id":"after","text":"After the big line."}}"#).unwrap();
    drop(f);
    let (out, records) = run(&[&dir.path().join("big.jsonl")]);
    assert_eq!(out.status.code(), Some(1));
    let ids: Vec<&str> = records
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(ids, ["before", "-", "after"]);
    assert_eq!(error_kind(&records[1]), "too_large");
    assert!(records[1]["source"]
        .as_str()
        .unwrap()
        .ends_with("big.jsonl:2"));
}

#[test]
fn jsonl_line_that_does_not_parse_is_an_error_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "batch.jsonl",
        b"{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\": oops}\n\n{\"id\":\"c\"}\n{\"id\":\"d\",\"text\":\"Four.\"}\n",
    );
    let (out, records) = run(&[&path]);
    assert_eq!(out.status.code(), Some(1));
    let kinds: Vec<&str> = records.iter().map(error_kind).collect();
    assert_eq!(kinds, ["<ok>", "bad_json", "missing_text", "<ok>"]);
    assert!(records[1]["source"]
        .as_str()
        .unwrap()
        .ends_with("batch.jsonl:2"));
    assert!(
        records[2]["source"]
            .as_str()
            .unwrap()
            .ends_with("batch.jsonl:4"),
        "blank line 3 skipped, numbering kept"
    );
}

#[test]
fn unreadable_path_is_an_error_record() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", GOOD.as_bytes());
    let missing = dir.path().join("no-such-file.txt");
    let (out, records) = run(&[&missing, &good]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(error_kind(&records[0]), "unreadable");
    assert!(records[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("cannot open"));
    assert_eq!(records[1]["status"], "ok");
}

#[test]
fn other_charsets_are_decoded_with_a_warning_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = write(
        dir.path(),
        "latin1.txt",
        b"Le pr\xe9sident fran\xe7ais a parl\xe9 \xe0 la t\xe9l\xe9vision.",
    );
    let (out, records) = run(&[&latin1]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        records[0]["text"],
        "Le président français a parlé à la télévision."
    );
    assert!(records[0]["warnings"][0]
        .as_str()
        .unwrap()
        .contains("not UTF-8"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning"));
}

#[test]
fn a_clean_batch_exits_zero_and_keeps_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = (0..20)
        .map(|i| {
            write(
                dir.path(),
                &format!("{i:02}.txt"),
                format!("Article {i}. It ends.").as_bytes(),
            )
        })
        .collect();
    let out = bin()
        .args(["extract", "--batch-size", "3"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 20);
    for (i, (r, p)) in records.iter().zip(&paths).enumerate() {
        assert_eq!(
            r["source"],
            p.display().to_string(),
            "record {i} in input order"
        );
    }
}

#[test]
fn stdin_text_and_stdin_jsonl() {
    for (input, expected_text) in [
        ("Plain text from stdin.", "Plain text from stdin."),
        (
            "{\"id\":\"x\",\"text\":\"JSON from stdin.\"}\n",
            "JSON from stdin.",
        ),
    ] {
        let mut child = bin()
            .args(["extract", "--jsonl", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let record: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(record["text"], expected_text);
    }
}

#[test]
fn single_article_gives_one_json_document_with_the_published_date() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", GOOD.as_bytes());
    let out = bin()
        .args(["extract", "--published", "2022-09-16"])
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let record: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(record["schema"], "newsgraph/2");
    assert_eq!(record["meta"]["published"], "2022-09-16");
}

#[test]
fn bad_flag_value_is_a_usage_error() {
    let out = bin()
        .args(["extract", "--published", "yesterday", "x.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--published"));
}

/// A binary built without the `accurate` feature refuses the encoder modes
/// by name, before it reads any input (`.ci/run` runs this file so built).
#[cfg(not(feature = "accurate"))]
#[test]
fn a_build_without_the_encoders_refuses_their_modes_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.txt", GOOD.as_bytes());
    for flag in ["--ner", "--quotes"] {
        let out = bin()
            .args(["extract", flag, "accurate"])
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag} accurate");
        assert!(out.stdout.is_empty(), "{flag} accurate: no record written");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("{flag} accurate")) && err.contains("feature `accurate`"),
            "{flag} accurate: {err}"
        );
    }
    // The fast modes still run.
    let (out, records) = run(&[&input]);
    assert!(out.status.success());
    assert_eq!(records.len(), 1);
}

#[test]
fn unwritable_output_is_a_clear_fatal_error() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", GOOD.as_bytes());
    let out = bin()
        .arg("extract")
        .arg(&a)
        .arg("-o")
        .arg(dir.path().join("missing/dir/out.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot create output file"));
}

#[test]
fn html_pages_give_main_text_metadata_and_a_source_map() {
    let dir = tempfile::tempdir().unwrap();
    let page = r#"<html lang="en"><head><title>Flood | Daily Example</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"River floods","datePublished":"2024-01-09T10:00:00Z","author":{"@type":"Person","name":"Jane Doe"}}</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>River floods</h1>
<p>Water levels in Shrewsbury rose 2.5 metres on Tuesday &amp; 1,200 people left their homes, the agency said.</p>
</article><footer>© 2024 Daily Example</footer></body></html>"#;
    let path = write(dir.path(), "page.html", page.as_bytes());
    let empty = write(
        dir.path(),
        "empty.html",
        b"<html><body><nav>Home</nav></body></html>",
    );
    let (out, records) = run(&[&path, &empty]);
    assert_eq!(out.status.code(), Some(1));
    let r = &records[0];
    let text = r["text"].as_str().unwrap();
    assert!(text.contains("Tuesday & 1,200 people"), "{text}");
    assert!(!text.contains("Home"), "navigation dropped: {text}");
    assert_eq!(r["meta"]["published"], "2024-01-09");
    assert_eq!(r["meta"]["authors"][0], "Jane Doe");
    // The "&" of the text maps back to "&amp;" in the page.
    let amp = text.find('&').unwrap();
    let run = r["source_map"]["runs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|run| {
            run[0].as_u64().unwrap() as usize <= amp
                && amp < (run[0].as_u64().unwrap() + run[1].as_u64().unwrap()) as usize
        })
        .unwrap();
    let (src, len) = (
        run[2].as_u64().unwrap() as usize,
        run[3].as_u64().unwrap() as usize,
    );
    assert_eq!(&page[src..src + len], "&amp;");
    assert_eq!(error_kind(&records[1]), "no_text");
}

fn page(title: &str, body: &str, lang: &str) -> String {
    format!(
        "<html lang=\"{lang}\"><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )
}

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Date: 2024-01-09T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    rec.extend_from_slice(http.as_bytes());
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

#[test]
fn warc_records_are_articles_and_a_bad_record_does_not_stop_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Water levels in Shrewsbury rose 2.5 metres on Tuesday and 1,200 people left their homes, the agency said on Wednesday.";
    let mut warc = warc_record("https://news.example.com/a", &page("Floods", body, "en"));
    warc.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: not-a-number\r\n\r\ngarbage\r\n\r\n",
    );
    warc.extend_from_slice(&warc_record(
        "https://other.example.org/b",
        &page("Storm", body, "en"),
    ));
    warc.extend_from_slice(&warc_record(
        "https://news.example.com/c",
        &page("Hochwasser", body, "de"),
    ));
    let path = write(dir.path(), "crawl.warc", &warc);

    let (out, records) = run(&[&path]);
    assert_eq!(out.status.code(), Some(1), "the bad record is a failure");
    let statuses: Vec<&str> = records
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["ok", "error", "ok", "ok"]);
    assert_eq!(error_kind(&records[1]), "bad_record");
    assert_eq!(records[0]["meta"]["url"], "https://news.example.com/a");
    assert!(records[0]["text"]
        .as_str()
        .unwrap()
        .contains("Shrewsbury rose 2.5 metres"));

    // Filters: by host (while reading) and by language (after extraction).
    let out = bin()
        .args([
            "extract",
            "--jsonl",
            "--host",
            "example.com",
            "--language",
            "en",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let urls: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["status"] == "ok")
        .map(|r| r["meta"]["url"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(urls, ["https://news.example.com/a"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 article(s) left out"));
}

#[test]
fn feed_entries_are_articles_with_their_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
<item><title>River floods</title><link>https://news.example.com/floods</link><pubDate>Tue, 09 Jan 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Water levels in Shrewsbury rose 2.5 metres on Tuesday and 1,200 people left their homes, the agency said.&lt;/p&gt;</description></item>
<item><title>Old news</title><link>https://news.example.com/old</link><pubDate>Mon, 01 Jan 2018 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Something happened a long time ago in a town by the river, officials said on Monday.&lt;/p&gt;</description></item>
</channel></rss>"#;
    let feed = write(dir.path(), "news.rss", rss.as_bytes());
    let broken = write(dir.path(), "broken.xml", b"<rss><channel><item>");
    let (out, records) = run(&[&feed, &broken]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["meta"]["title"], "River floods");
    assert_eq!(records[0]["meta"]["published"], "2024-01-09");
    assert!(records[0]["source"]
        .as_str()
        .unwrap()
        .ends_with("news.rss#1"));
    assert!(records[0]["text"].as_str().unwrap().contains("Shrewsbury"));
    assert_eq!(error_kind(&records[2]), "bad_feed");

    let out = bin()
        .args(["extract", "--jsonl", "--since", "2020-01-01"])
        .arg(&feed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}
