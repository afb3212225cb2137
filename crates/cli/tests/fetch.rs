//! `newsgraph extract --url` against a local HTTP server (127.0.0.1 only):
//! redirects followed, HTTP errors and oversized or slow responses become
//! error records naming the URL, and the other URLs are still processed.

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

const ARTICLE: &str = "<html lang=\"en\"><head><title>Floods</title></head><body><article><h1>Floods</h1>\
<p>Water levels in Shrewsbury rose 2.5 metres on Tuesday and 1,200 people left their homes, the agency said.</p>\
</article></body></html>";

/// Serves a fixed set of paths on a loopback port, for the life of the
/// test process. Each connection is answered once and closed.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream));
        }
    });
    format!("http://{addr}")
}

fn answer(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut user_agent = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some(ua) = line.to_ascii_lowercase().strip_prefix("user-agent:") {
            user_agent = ua.trim().to_string();
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let (status, headers, body): (&str, String, String) = match path.as_str() {
        "/article" if user_agent.starts_with("newsgraph/") => (
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n".into(),
            ARTICLE.into(),
        ),
        "/article" => ("403 Forbidden", String::new(), "no user agent".into()),
        "/moved" => (
            "301 Moved Permanently",
            "Location: /article\r\n".into(),
            String::new(),
        ),
        "/missing" => ("404 Not Found", String::new(), "nothing here".into()),
        "/huge" => (
            "200 OK",
            "Content-Type: text/html\r\n".into(),
            "<p>x</p>".repeat(10_000),
        ),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            (
                "200 OK",
                "Content-Type: text/html\r\n".into(),
                ARTICLE.into(),
            )
        }
        _ => ("404 Not Found", String::new(), String::new()),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

#[test]
fn urls_are_fetched_politely_and_failures_do_not_stop_the_batch() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("urls.txt");
    std::fs::write(
        &list,
        format!("# test list\n{base}/missing\n\n{base}/huge\n{base}/slow\n"),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args([
            "extract",
            "--jsonl",
            "--max-bytes",
            "20000",
            "--fetch-timeout",
            "1",
            "--per-host-delay",
            "0",
        ])
        .args(["--url", &format!("{base}/moved")])
        .arg("--url-list")
        .arg(&list)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 4);
    // The redirect was followed and the final URL kept; the user agent was sent.
    assert_eq!(records[0]["status"], "ok", "{}", records[0]);
    assert_eq!(records[0]["id"], format!("{base}/moved"));
    assert_eq!(records[0]["meta"]["url"], format!("{base}/article"));
    assert!(records[0]["text"]
        .as_str()
        .unwrap()
        .contains("Shrewsbury rose 2.5 metres"));
    let error = |i: usize| records[i]["error"]["message"].as_str().unwrap().to_string();
    assert!(error(1).contains("HTTP 404"), "{}", error(1));
    assert!(
        error(2).contains("over the limit of 20000 bytes"),
        "{}",
        error(2)
    );
    assert!(error(3).contains("request failed"), "{}", error(3));
    assert_eq!(records[3]["source"], format!("{base}/slow"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("error: {base}/missing")),
        "{stderr}"
    );
}

#[test]
fn bad_fetch_settings_are_usage_errors() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args([
            "extract",
            "--url",
            "http://127.0.0.1:9/",
            "--fetch-timeout=-1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--fetch-timeout"));
}
