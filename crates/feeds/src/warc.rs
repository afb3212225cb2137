//! Streaming WARC (and WARC.gz) reader: `response` records with HTML payloads → [`Article`]s.
//!
//! Written here, not taken from the `warc` crate (see the crate docs): it
//! reads exactly `Content-Length` bytes per record and, after a damaged
//! header or a truncated body, resynchronises on the next line that starts
//! with `WARC/`. Each record yields `Ok(article)` or `Err(RecordError)`; the
//! iterator goes on after an error and ends only at the end of the input.
//! Gzip members (one per record, as usual) are read with flate2's
//! `MultiGzDecoder`. HTTP payloads in `gzip`, `deflate` or `br` (brotli,
//! with the `brotli` crate) content encoding are decoded.
//!
//! `revisit` records (a page fetched again with an unchanged payload) carry
//! no payload of their own; resolving them would mean keeping every earlier
//! payload by digest, which breaks the flat memory of a streaming pass, so
//! they are skipped and counted ([`WarcArticles::revisits`]).

use crate::{Article, Origin};
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// Largest record payload read into memory; larger ones are skipped with an error.
pub const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;
/// Longest header line accepted.
pub const MAX_HEADER_LINE: usize = 64 * 1024;

/// Which records become articles.
#[derive(Debug, Clone, Default)]
pub struct WarcOptions {
    /// Keep only pages of this host or its subdomains (`example.com` keeps
    /// `www.example.com`), compared case-insensitively.
    pub host: Option<String>,
}

/// One record that could not be turned into an article. The reader goes on.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The WARC header block is malformed.
    #[error("bad WARC header at byte {offset}: {reason}")]
    Header {
        /// Offset of the record in the (decompressed) stream.
        offset: u64,
        /// What was wrong.
        reason: String,
    },
    /// The input ended inside a record.
    #[error("record at byte {offset} is truncated")]
    Truncated {
        /// Offset of the record.
        offset: u64,
    },
    /// The record is larger than [`MAX_RECORD_BYTES`].
    #[error("record at byte {offset} is too large ({len} bytes)")]
    TooLarge {
        /// Offset of the record.
        offset: u64,
        /// Its declared length.
        len: u64,
    },
    /// The HTTP response inside could not be read.
    #[error("record {record_id}: bad HTTP payload: {reason}")]
    Http {
        /// `WARC-Record-ID`.
        record_id: String,
        /// What was wrong.
        reason: String,
    },
    /// Reading the input failed (the iterator stops after this one).
    #[error("reading the archive: {0}")]
    Io(#[from] io::Error),
}

/// A record's lower-cased headers and its payload.
type RawRecord = (Vec<(String, String)>, Vec<u8>);

/// Iterator over the HTML response records of a WARC stream.
pub struct WarcArticles<R: BufRead> {
    input: R,
    offset: u64,
    options: WarcOptions,
    /// A `WARC/` line already read while resynchronising.
    pending_version: Option<String>,
    done: bool,
    revisits: u64,
}

impl WarcArticles<Box<dyn BufRead>> {
    /// Opens a `.warc` or `.warc.gz` file (gzip is detected from its magic bytes).
    pub fn open(path: &Path, options: WarcOptions) -> io::Result<Self> {
        let file = BufReader::new(File::open(path)?);
        Ok(Self::from_reader(file, options))
    }

    /// Reads from any byte stream, plain or gzip-compressed.
    pub fn from_reader(mut input: impl BufRead + 'static, options: WarcOptions) -> Self {
        let gz = input
            .fill_buf()
            .map(|b| b.starts_with(&[0x1f, 0x8b]))
            .unwrap_or(false);
        let input: Box<dyn BufRead> = if gz {
            Box::new(BufReader::new(MultiGzDecoder::new(input)))
        } else {
            Box::new(input)
        };
        WarcArticles::new(input, options)
    }
}

impl<R: BufRead> WarcArticles<R> {
    /// Reads an uncompressed WARC stream.
    pub fn new(input: R, options: WarcOptions) -> Self {
        WarcArticles {
            input,
            offset: 0,
            options,
            pending_version: None,
            done: false,
            revisits: 0,
        }
    }

    /// How many `revisit` records were skipped so far (see the module doc).
    pub fn revisits(&self) -> u64 {
        self.revisits
    }

    fn read_line(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        buf.clear();
        let n = (&mut self.input)
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', buf)?;
        self.offset += n as u64;
        Ok(n)
    }

    /// Skips to the next `WARC/` line; returns it, or `None` at the end.
    fn resync(&mut self) -> io::Result<Option<String>> {
        let mut line = Vec::new();
        loop {
            if self.read_line(&mut line)? == 0 {
                return Ok(None);
            }
            if line.starts_with(b"WARC/") {
                return Ok(Some(String::from_utf8_lossy(&line).trim().to_string()));
            }
        }
    }

    /// Reads the next record: `Ok(None)` at the end.
    fn next_record(&mut self) -> Result<Option<RawRecord>, RecordError> {
        let mut line = Vec::new();
        let start = self.offset;
        // Version line, skipping blank lines between records.
        let version = match self.pending_version.take() {
            Some(v) => v,
            None => loop {
                if self.read_line(&mut line)? == 0 {
                    return Ok(None);
                }
                let t = String::from_utf8_lossy(&line).trim().to_string();
                if t.is_empty() {
                    continue;
                }
                if t.starts_with("WARC/") {
                    break t;
                }
                self.pending_version = self.resync()?;
                return Err(RecordError::Header {
                    offset: start,
                    reason: format!("expected a WARC/ version line, found {:?}", truncate(&t)),
                });
            },
        };
        let _ = version;
        let mut headers = Vec::new();
        loop {
            if self.read_line(&mut line)? == 0 {
                return Err(RecordError::Truncated { offset: start });
            }
            let t = String::from_utf8_lossy(&line);
            let t = t.trim_end_matches(['\r', '\n']);
            if t.is_empty() {
                break;
            }
            if t.starts_with("WARC/") {
                self.pending_version = Some(t.to_string());
                return Err(RecordError::Header {
                    offset: start,
                    reason: "header block ended by a new record".into(),
                });
            }
            match t.split_once(':') {
                Some((k, v)) => headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string())),
                None => {
                    self.pending_version = self.resync()?;
                    return Err(RecordError::Header {
                        offset: start,
                        reason: format!("not a header line: {:?}", truncate(t)),
                    });
                }
            }
        }
        let len = match headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .map(|(_, v)| v.parse::<u64>())
        {
            Some(Ok(l)) => l,
            _ => {
                self.pending_version = self.resync()?;
                return Err(RecordError::Header {
                    offset: start,
                    reason: "missing or bad Content-Length".into(),
                });
            }
        };
        if len > MAX_RECORD_BYTES {
            let skipped = io::copy(&mut (&mut self.input).take(len), &mut io::sink())?;
            self.offset += skipped;
            return Err(RecordError::TooLarge { offset: start, len });
        }
        // Reserve no more than 1 MiB up front: `Content-Length` is a claim,
        // and a damaged or hostile record may declare far more than it holds
        // (found by the fuzzer: 42 bytes made it reserve 64 MiB).
        let mut body = Vec::with_capacity((len as usize).min(1 << 20));
        let got = (&mut self.input).take(len).read_to_end(&mut body)?;
        self.offset += got as u64;
        if (got as u64) < len {
            self.done = true;
            return Err(RecordError::Truncated { offset: start });
        }
        Ok(Some((headers, body)))
    }

    fn keep_host(&self, url: &str) -> bool {
        let Some(want) = &self.options.host else {
            return true;
        };
        let want = want.trim().trim_start_matches("www.").to_ascii_lowercase();
        let host = url_host(url).to_ascii_lowercase();
        host == want || host.ends_with(&format!(".{want}"))
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

/// The host of an absolute URL (without port and user info), or "".
pub fn url_host(url: &str) -> &str {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority
        .rsplit_once('@')
        .map(|(_, h)| h)
        .unwrap_or(authority);
    host.split(':').next().unwrap_or("")
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// An HTTP response split into status, headers and body.
struct HttpResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn parse_http(payload: &[u8]) -> Result<HttpResponse, String> {
    let end = payload
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| {
            payload
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|p| (p, p + 2))
        });
    let (head_end, body_start) = end.ok_or("no end of HTTP headers")?;
    let head = String::from_utf8_lossy(&payload[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        return Err(format!(
            "not an HTTP status line: {:?}",
            truncate(status_line)
        ));
    }
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no status code")?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok(HttpResponse {
        status,
        headers,
        body: payload[body_start..].to_vec(),
    })
}

/// Undoes `Transfer-Encoding: chunked` (best effort: stops at the first bad chunk).
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let Some(nl) = body[i..].iter().position(|&b| b == b'\n') else {
            break;
        };
        let size_str = String::from_utf8_lossy(&body[i..i + nl]);
        let Ok(size) =
            usize::from_str_radix(size_str.trim().split(';').next().unwrap_or("").trim(), 16)
        else {
            break;
        };
        i += nl + 1;
        if size == 0 || i + size > body.len() {
            out.extend_from_slice(&body[i..(i + size).min(body.len())]);
            break;
        }
        out.extend_from_slice(&body[i..i + size]);
        i += size;
        while i < body.len() && (body[i] == b'\r' || body[i] == b'\n') {
            i += 1;
        }
    }
    out
}

/// Largest decoded HTTP body: a compressed payload that expands beyond this is
/// an error (a decompression bomb), not a page.
pub const MAX_DECODED_BYTES: u64 = 4 * MAX_RECORD_BYTES;

/// Undoes the `Content-Encoding` codings, last applied first
/// (`gzip`, `x-gzip`, `deflate`, `br`; `identity` is none).
fn decode_content(codings: &str, mut body: Vec<u8>) -> Result<Vec<u8>, String> {
    for coding in codings.rsplit(',').map(|c| c.trim().to_ascii_lowercase()) {
        let mut out = Vec::new();
        let read = match coding.as_str() {
            "" | "identity" => continue,
            "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(&body[..])
                .take(MAX_DECODED_BYTES + 1)
                .read_to_end(&mut out),
            "deflate" => flate2::read::ZlibDecoder::new(&body[..])
                .take(MAX_DECODED_BYTES + 1)
                .read_to_end(&mut out),
            "br" => brotli::Decompressor::new(&body[..], 4096)
                .take(MAX_DECODED_BYTES + 1)
                .read_to_end(&mut out),
            other => return Err(format!("unknown content encoding {other:?}")),
        };
        if read.is_err() {
            return Err(format!("bad {coding} content encoding"));
        }
        if out.len() as u64 > MAX_DECODED_BYTES {
            return Err(format!(
                "{coding} body larger than {MAX_DECODED_BYTES} bytes"
            ));
        }
        body = out;
    }
    Ok(body)
}

fn charset_of(content_type: &str) -> Option<&str> {
    content_type
        .split(';')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches('"'))
}

impl<R: BufRead> Iterator for WarcArticles<R> {
    type Item = Result<Article, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let (headers, payload) = match self.next_record() {
                Ok(Some(r)) => r,
                Ok(None) => return None,
                Err(RecordError::Io(e)) => {
                    self.done = true;
                    return Some(Err(RecordError::Io(e)));
                }
                Err(e) => return Some(Err(e)),
            };
            let warc_type = header(&headers, "warc-type").unwrap_or("");
            if warc_type.eq_ignore_ascii_case("revisit") {
                self.revisits += 1;
                continue;
            }
            if !warc_type.eq_ignore_ascii_case("response") {
                continue;
            }
            let url =
                header(&headers, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
            if !self.keep_host(url.as_deref().unwrap_or("")) {
                continue;
            }
            let record_id = header(&headers, "warc-record-id").unwrap_or("").to_string();
            let http = match parse_http(&payload) {
                Ok(h) => h,
                Err(reason) => return Some(Err(RecordError::Http { record_id, reason })),
            };
            let content_type = header(&http.headers, "content-type")
                .unwrap_or("")
                .to_ascii_lowercase();
            if !(200..300).contains(&http.status)
                || !(content_type.contains("html") || content_type.is_empty())
            {
                continue;
            }
            let mut body = http.body;
            if header(&http.headers, "transfer-encoding")
                .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
            {
                body = dechunk(&body);
            }
            if let Some(coding) = header(&http.headers, "content-encoding") {
                match decode_content(coding, body) {
                    Ok(b) => body = b,
                    Err(reason) => return Some(Err(RecordError::Http { record_id, reason })),
                }
            }
            let (html, encoding) =
                newsgraph_html::charset::decode(&body, charset_of(&content_type));
            return Some(Ok(Article {
                url,
                html,
                origin: Origin::Warc {
                    record_id,
                    fetched: header(&headers, "warc-date").map(str::to_string),
                    encoding,
                },
                ..Article::default()
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::warc::{BufferedBody, Record, RecordType, WarcHeader, WarcWriter};
    use std::io::Write;

    fn response(url: &str, http: &[u8]) -> Record<BufferedBody> {
        let mut r = Record::<BufferedBody>::with_body(http.to_vec());
        r.set_warc_type(RecordType::Response);
        r.set_header(WarcHeader::TargetURI, url).unwrap();
        r.set_header(
            WarcHeader::ContentType,
            "application/http; msgtype=response",
        )
        .unwrap();
        r
    }

    fn page(body: &str) -> Vec<u8> {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}")
            .into_bytes()
    }

    /// A small archive: a warcinfo, two HTML responses, an image, a request.
    fn archive() -> Vec<u8> {
        let mut w = WarcWriter::new(std::io::BufWriter::new(Vec::new()));
        let mut info = Record::<BufferedBody>::with_body(b"software: test".to_vec());
        info.set_warc_type(RecordType::WarcInfo);
        w.write(&info).unwrap();
        w.write(&response(
            "https://www.news.example/a",
            &page("<p>First story text.</p>"),
        ))
        .unwrap();
        let img = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG".to_vec();
        w.write(&response("https://www.news.example/logo.png", &img))
            .unwrap();
        let mut req = Record::<BufferedBody>::with_body(b"GET / HTTP/1.1\r\n\r\n".to_vec());
        req.set_warc_type(RecordType::Request);
        w.write(&req).unwrap();
        w.write(&response(
            "https://other.example/b",
            &page("<p>Second story.</p>"),
        ))
        .unwrap();
        w.into_inner().unwrap()
    }

    fn urls(items: &[Result<Article, RecordError>]) -> Vec<String> {
        items
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .filter_map(|a| a.url.clone())
            .collect()
    }

    #[test]
    fn html_responses_become_articles_and_other_records_are_skipped() {
        let items: Vec<_> = WarcArticles::new(&archive()[..], WarcOptions::default()).collect();
        assert_eq!(
            urls(&items),
            vec!["https://www.news.example/a", "https://other.example/b"]
        );
        let a = items[0].as_ref().unwrap();
        assert!(a.html.contains("First story text."));
        assert!(matches!(
            &a.origin,
            Origin::Warc {
                encoding: "UTF-8",
                ..
            }
        ));
    }

    #[test]
    fn gzip_archives_stream_and_the_host_filter_applies() {
        let plain = archive();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&plain).unwrap();
        let gz = gz.finish().unwrap();
        let opts = WarcOptions {
            host: Some("news.example".into()),
        };
        let items: Vec<_> = WarcArticles::from_reader(std::io::Cursor::new(gz), opts).collect();
        assert_eq!(urls(&items), vec!["https://www.news.example/a"]);
    }

    #[test]
    fn a_bad_record_does_not_stop_the_run() {
        let mut data =
            b"WARC/1.0\r\nWARC-Type: response\r\nthis is not a header\r\n\r\ngarbage\r\n\r\n"
                .to_vec();
        data.extend_from_slice(
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: nope\r\n\r\n\r\n\r\n",
        );
        let good = archive();
        data.extend_from_slice(&good);
        // And a truncated record at the end.
        data.extend_from_slice(
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 500\r\n\r\nshort",
        );
        let items: Vec<_> = WarcArticles::new(&data[..], WarcOptions::default()).collect();
        assert_eq!(
            urls(&items),
            vec!["https://www.news.example/a", "https://other.example/b"]
        );
        let errors = items.iter().filter(|r| r.is_err()).count();
        assert_eq!(errors, 3, "{items:?}");
    }

    #[test]
    fn chunked_and_latin1_payloads_are_decoded() {
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n<p>caf\r\n3\r\n\xe9</\r\n2\r\np>\r\n0\r\n\r\n";
        let mut w = WarcWriter::new(std::io::BufWriter::new(Vec::new()));
        w.write(&response("http://x.example/", http)).unwrap();
        let data = w.into_inner().unwrap();
        let items: Vec<_> = WarcArticles::new(&data[..], WarcOptions::default()).collect();
        assert_eq!(items[0].as_ref().unwrap().html, "<p>café</p>");
    }

    fn revisit(url: &str) -> Record<BufferedBody> {
        let mut r = Record::<BufferedBody>::with_body(b"HTTP/1.1 200 OK\r\n\r\n".to_vec());
        r.set_warc_type(RecordType::Revisit);
        r.set_header(WarcHeader::TargetURI, url).unwrap();
        r
    }

    #[test]
    fn revisit_records_are_skipped_and_counted() {
        let mut w = WarcWriter::new(std::io::BufWriter::new(Vec::new()));
        w.write(&response("https://a.example/1", &page("<p>One.</p>")))
            .unwrap();
        w.write(&revisit("https://a.example/1")).unwrap();
        w.write(&revisit("https://a.example/1")).unwrap();
        w.write(&response("https://a.example/2", &page("<p>Two.</p>")))
            .unwrap();
        let bytes = w.into_inner().unwrap();
        let mut it = WarcArticles::new(&bytes[..], WarcOptions::default());
        let items: Vec<_> = it.by_ref().collect();
        assert_eq!(
            urls(&items),
            vec!["https://a.example/1", "https://a.example/2"]
        );
        assert_eq!(it.revisits(), 2);
    }

    fn encoded_page(coding: &str, body: &[u8]) -> Vec<u8> {
        let mut http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {coding}\r\n\r\n"
        )
        .into_bytes();
        http.extend_from_slice(body);
        http
    }

    #[test]
    fn brotli_gzip_and_deflate_payloads_are_decoded_and_bad_ones_are_errors() {
        let html = b"<p>Compressed story text.</p>";
        let mut br = Vec::new();
        {
            let mut enc = brotli::CompressorWriter::new(&mut br, 4096, 5, 22);
            enc.write_all(html).unwrap();
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(html).unwrap();
        let gz = gz.finish().unwrap();
        let mut zl = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        zl.write_all(html).unwrap();
        let zl = zl.finish().unwrap();
        let mut w = WarcWriter::new(std::io::BufWriter::new(Vec::new()));
        w.write(&response("https://a.example/br", &encoded_page("br", &br)))
            .unwrap();
        w.write(&response(
            "https://a.example/gz",
            &encoded_page("gzip", &gz),
        ))
        .unwrap();
        w.write(&response(
            "https://a.example/zl",
            &encoded_page("deflate", &zl),
        ))
        .unwrap();
        w.write(&response(
            "https://a.example/bad",
            &encoded_page("br", b"not brotli"),
        ))
        .unwrap();
        w.write(&response(
            "https://a.example/odd",
            &encoded_page("zstd", b"x"),
        ))
        .unwrap();
        let bytes = w.into_inner().unwrap();
        let items: Vec<_> = WarcArticles::new(&bytes[..], WarcOptions::default()).collect();
        assert_eq!(items.len(), 5);
        for a in items[..3].iter() {
            let a = a.as_ref().expect("decoded");
            assert!(a.html.contains("Compressed story text."), "{:?}", a.url);
        }
        assert!(matches!(items[3], Err(RecordError::Http { .. })));
        assert!(matches!(items[4], Err(RecordError::Http { .. })));
    }

    #[test]
    fn hosts_are_read_from_urls() {
        assert_eq!(
            url_host("https://user@www.Example.com:8080/x?y"),
            "www.Example.com"
        );
        assert_eq!(url_host("example.org/path"), "example.org");
    }
}
