//! Turning the command line's inputs into a stream of articles.
//!
//! Inputs are expanded lazily, one source at a time, so a batch of millions
//! of JSONL lines never sits in memory. Every problem with one input
//! (unreadable path, a line that is not JSON, an oversized line) becomes a
//! [`Item::Failed`] for that input alone; the stream goes on.

use crate::InputFormat;
use chrono::NaiveDate;
use newsgraph_wire::Origin;
use serde::Deserialize;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The body of an article as it arrived.
pub enum Payload {
    /// Raw bytes of a text file or stdin: still to be decoded.
    Bytes(Vec<u8>),
    /// Text from a JSONL record (already valid UTF-8).
    Text(String),
    /// HTML from a JSONL record or an `.html` file.
    Html(Vec<u8>),
}

pub struct RawArticle {
    pub origin: Origin,
    pub payload: Payload,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    /// Authors given by the source (a feed entry).
    pub authors: Vec<String>,
    /// Last modification given by the source (a feed entry).
    pub modified: Option<String>,
    /// The charset an HTTP response declared, a hint for HTML decoding.
    pub charset: Option<String>,
    /// Warnings found while reading (e.g. an unparseable date).
    pub warnings: Vec<String>,
}

impl RawArticle {
    fn new(origin: Origin, payload: Payload) -> RawArticle {
        RawArticle {
            origin,
            payload,
            url: None,
            published: None,
            title: None,
            authors: Vec::new(),
            modified: None,
            charset: None,
            warnings: Vec::new(),
        }
    }
}

pub enum Item {
    Article(RawArticle),
    Failed {
        origin: Origin,
        kind: &'static str,
        message: String,
    },
}

impl Item {
    fn failed(source: String, kind: &'static str, message: impl Into<String>) -> Item {
        Item::Failed {
            origin: Origin { id: None, source },
            kind,
            message: message.into(),
        }
    }
}

/// One item plus how many input bytes it consumed, for progress.
pub struct Incoming {
    pub item: Item,
    pub input_bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Jsonl,
    /// RSS, Atom or JSON Feed: one article per entry.
    Feed,
    /// WARC or WARC.gz: one article per HTML response record, streamed.
    Warc,
}

/// A file (or stdin) to read, with how to read it.
struct Unit {
    path: Option<PathBuf>, // None = stdin
    kind: Option<Kind>,    // None = sniff (stdin in auto mode)
}

/// A JSONL reader in progress.
struct JsonlReader {
    name: String,
    reader: Box<dyn BufRead>,
    line: usize,
}

/// A WARC archive being streamed, with a count of the (compressed) bytes
/// read so far for progress.
struct WarcStream {
    name: String,
    records: newsgraph_feeds::WarcArticles<Box<dyn BufRead>>,
    read: Arc<AtomicU64>,
    reported: u64,
    count: usize,
}

/// An input that yields many items.
enum Stream {
    Jsonl(JsonlReader),
    Warc(Box<WarcStream>),
}

/// The lazy stream of articles from all inputs.
pub struct Inputs {
    units: VecDeque<Unit>,
    /// Items ready to hand out: failures found while expanding the inputs,
    /// the entries of a feed.
    queued: VecDeque<Incoming>,
    current: Option<Stream>,
    max_bytes: usize,
    warc: newsgraph_feeds::WarcOptions,
    /// URLs to fetch after the files, one at a time.
    urls: VecDeque<String>,
    fetcher: Option<newsgraph_fetch::Fetcher>,
}

/// Result of expanding the command-line inputs.
pub struct Expanded {
    pub inputs: Inputs,
    /// Total input size when every input is a file, for progress.
    pub total_bytes: Option<u64>,
    /// Whether the inputs are a single plain article (JSON output, not JSONL).
    pub single_article: bool,
}

pub fn expand(
    paths: &[PathBuf],
    format: InputFormat,
    max_bytes: usize,
    warc: newsgraph_feeds::WarcOptions,
    urls: Vec<String>,
    fetch: newsgraph_fetch::FetchOptions,
) -> Expanded {
    let mut units = VecDeque::new();
    let mut failures = VecDeque::new();
    let mut total: Option<u64> = Some(0);
    let add_file = |path: PathBuf, units: &mut VecDeque<Unit>, total: &mut Option<u64>| {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        *total = total.map(|t| t + size);
        let kind = match format {
            InputFormat::Auto => kind_of(&path),
            explicit => Kind::from_format(explicit).expect("not auto"),
        };
        units.push_back(Unit {
            path: Some(path),
            kind: Some(kind),
        });
    };
    for path in paths {
        if path.as_os_str() == "-" {
            total = None;
            let kind = Kind::from_format(format);
            units.push_back(Unit { path: None, kind });
        } else if path.is_dir() {
            let mut files = Vec::new();
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() && !is_hidden(e.path(), path) => {
                        files.push(e.into_path())
                    }
                    Ok(_) => {}
                    Err(err) => {
                        let source = err
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| path.display().to_string());
                        failures.push_back(Item::failed(source, "unreadable", err.to_string()));
                    }
                }
            }
            for f in files {
                add_file(f, &mut units, &mut total);
            }
        } else {
            add_file(path.clone(), &mut units, &mut total);
        }
    }
    let single_article = (urls.is_empty()
        && units.len() == 1
        && failures.is_empty()
        && matches!(units[0].kind, Some(Kind::Text) | Some(Kind::Html)))
        || (units.is_empty() && failures.is_empty() && urls.len() == 1);
    if !urls.is_empty() {
        total = None;
    }
    Expanded {
        inputs: Inputs {
            units,
            queued: failures
                .into_iter()
                .map(|item| Incoming {
                    item,
                    input_bytes: 0,
                })
                .collect(),
            current: None,
            max_bytes,
            warc,
            fetcher: (!urls.is_empty()).then(|| newsgraph_fetch::Fetcher::new(fetch)),
            urls: urls.into(),
        },
        total_bytes: total,
        single_article,
    }
}

impl Kind {
    /// The kind an explicit `--input-format` names; `None` for `auto`.
    fn from_format(format: InputFormat) -> Option<Kind> {
        match format {
            InputFormat::Auto => None,
            InputFormat::Text => Some(Kind::Text),
            InputFormat::Html => Some(Kind::Html),
            InputFormat::Jsonl => Some(Kind::Jsonl),
            InputFormat::Feed => Some(Kind::Feed),
            InputFormat::Warc => Some(Kind::Warc),
        }
    }
}

/// The kind of a file, by its name: the `auto` input format.
fn kind_of(path: &Path) -> Kind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".warc") || name.ends_with(".warc.gz") {
        return Kind::Warc;
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("jsonl") | Some("ndjson") => Kind::Jsonl,
        Some("html") | Some("htm") | Some("xhtml") => Kind::Html,
        Some("rss") | Some("atom") | Some("xml") => Kind::Feed,
        _ => Kind::Text,
    }
}

fn is_hidden(path: &Path, root: &Path) -> bool {
    path.strip_prefix(root)
        .map(|rel| {
            rel.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        })
        .unwrap_or(false)
}

impl Iterator for Inputs {
    type Item = Incoming;

    fn next(&mut self) -> Option<Incoming> {
        loop {
            if let Some(incoming) = self.queued.pop_front() {
                return Some(incoming);
            }
            let next = match &mut self.current {
                Some(Stream::Jsonl(reader)) => next_jsonl(reader, self.max_bytes),
                Some(Stream::Warc(warc)) => next_warc(warc),
                None if self.units.is_empty() => {
                    let url = self.urls.pop_front()?;
                    return Some(self.fetch(url));
                }
                None => {
                    let unit = self.units.pop_front()?;
                    if let Some(incoming) = self.open(unit) {
                        return Some(incoming);
                    }
                    continue;
                }
            };
            match next {
                Some(incoming) => return Some(incoming),
                None => self.current = None,
            }
        }
    }
}

impl Inputs {
    /// Opens a unit: returns its one article (text, HTML), queues a feed's
    /// entries, or starts a JSONL or WARC stream (returning `None` so that
    /// the caller takes the first item from the queue or stream).
    fn open(&mut self, unit: Unit) -> Option<Incoming> {
        let name = unit
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<stdin>".into());
        let read = Arc::new(AtomicU64::new(0));
        let mut reader: Box<dyn BufRead> = match &unit.path {
            None => Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
            Some(path) => {
                let file = match File::open(path) {
                    Ok(f) => f,
                    Err(e) => {
                        return Some(failed_read(
                            name,
                            "unreadable",
                            format!("cannot open: {e}"),
                            0,
                        ))
                    }
                };
                if let Ok(meta) = file.metadata() {
                    if meta.is_dir() {
                        return Some(failed_read(name, "unreadable", "is a directory".into(), 0));
                    }
                    // Refuse an oversized single article before reading it.
                    let single = matches!(unit.kind, Some(Kind::Text) | Some(Kind::Html));
                    if single && meta.len() as usize > self.max_bytes {
                        let err = newsgraph_extract::InputError::TooLarge {
                            size: meta.len() as usize,
                            limit: self.max_bytes,
                        };
                        return Some(failed_read(name, err.kind(), err.to_string(), meta.len()));
                    }
                }
                let counted = CountingReader {
                    inner: file,
                    read: Arc::clone(&read),
                };
                Box::new(BufReader::with_capacity(1 << 16, counted))
            }
        };
        let kind = match unit.kind {
            Some(k) => k,
            None => match sniff_jsonl(&mut reader) {
                Ok(true) => Kind::Jsonl,
                Ok(false) => Kind::Text,
                Err(e) => {
                    return Some(failed_read(
                        name,
                        "unreadable",
                        format!("read error: {e}"),
                        0,
                    ))
                }
            },
        };
        match kind {
            Kind::Jsonl => {
                self.current = Some(Stream::Jsonl(JsonlReader {
                    name,
                    reader,
                    line: 0,
                }));
                None
            }
            Kind::Warc => {
                let records = newsgraph_feeds::WarcArticles::from_reader(reader, self.warc.clone());
                self.current = Some(Stream::Warc(Box::new(WarcStream {
                    name,
                    records,
                    read,
                    reported: 0,
                    count: 0,
                })));
                None
            }
            Kind::Feed => {
                let bytes = match read_whole(&mut reader, self.max_bytes, &name) {
                    Ok(bytes) => bytes,
                    Err(failure) => return Some(*failure),
                };
                let n = bytes.len() as u64;
                match newsgraph_feeds::read_feed(bytes.as_slice()) {
                    Err(e) => Some(failed_read(name, "bad_feed", e.to_string(), n)),
                    Ok(entries) if entries.is_empty() => Some(failed_read(
                        name,
                        "bad_feed",
                        "the feed has no entries".into(),
                        n,
                    )),
                    Ok(entries) => {
                        let each = n / entries.len() as u64;
                        for (i, entry) in entries.into_iter().enumerate() {
                            let source = format!("{name}#{}", i + 1);
                            let item = Item::Article(article_from_source(entry, source));
                            self.queued.push_back(Incoming {
                                item,
                                input_bytes: each,
                            });
                        }
                        None
                    }
                }
            }
            Kind::Text | Kind::Html => {
                let bytes = match read_whole(&mut reader, self.max_bytes, &name) {
                    Ok(bytes) => bytes,
                    Err(failure) => return Some(*failure),
                };
                let n = bytes.len() as u64;
                let id = unit.path.as_ref().map(|_| name.clone());
                let payload = if kind == Kind::Html {
                    Payload::Html(bytes)
                } else {
                    Payload::Bytes(bytes)
                };
                let article = RawArticle::new(Origin { id, source: name }, payload);
                Some(Incoming {
                    item: Item::Article(article),
                    input_bytes: n,
                })
            }
        }
    }
}

impl Inputs {
    /// Fetches one URL: an article, or a failure naming the URL and cause.
    fn fetch(&self, url: String) -> Incoming {
        let fetcher = self
            .fetcher
            .as_ref()
            .expect("a fetcher exists when there are URLs");
        match fetcher.fetch(&url) {
            Ok(page) => {
                let n = page.body.len() as u64;
                let payload = if page.is_html() {
                    Payload::Html(page.body)
                } else {
                    Payload::Bytes(page.body)
                };
                let mut article = RawArticle::new(
                    Origin {
                        id: Some(url.clone()),
                        source: url,
                    },
                    payload,
                );
                article.url = Some(page.url);
                article.charset = page.charset;
                Incoming {
                    item: Item::Article(article),
                    input_bytes: n,
                }
            }
            Err(e) => failed_read(url, "fetch", e.to_string(), 0),
        }
    }
}

/// A feed entry or WARC record as an article: its HTML plus what the
/// source says about it.
fn article_from_source(a: newsgraph_feeds::Article, source: String) -> RawArticle {
    let mut article = RawArticle::new(
        Origin {
            id: a.url.clone(),
            source,
        },
        Payload::Html(a.html.into_bytes()),
    );
    if let Some(p) = &a.published {
        match parse_date(p) {
            Some(d) => article.published = Some(d),
            None => article
                .warnings
                .push(format!("published date {p:?} not understood; ignored")),
        }
    }
    article.url = a.url;
    article.title = a.title;
    article.authors = a.authors;
    article.modified = a.modified;
    article
}

/// The next article (or bad record) of a WARC stream.
fn next_warc(w: &mut WarcStream) -> Option<Incoming> {
    let record = w.records.next()?;
    w.count += 1;
    let read = w.read.load(Ordering::Relaxed);
    let input_bytes = read.saturating_sub(w.reported);
    w.reported = read;
    let source = format!("{}#{}", w.name, w.count);
    let item = match record {
        Ok(article) => Item::Article(article_from_source(article, source)),
        Err(e) => Item::failed(source, "bad_record", e.to_string()),
    };
    Some(Incoming { item, input_bytes })
}

/// Counts the bytes read through it, for progress on compressed streams.
struct CountingReader<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads a whole input that must fit in `max_bytes` (one article, one
/// feed). Reads at most one byte past the limit: enough to know it is too
/// large without holding a huge input in memory.
fn read_whole(
    reader: &mut Box<dyn BufRead>,
    max_bytes: usize,
    name: &str,
) -> Result<Vec<u8>, Box<Incoming>> {
    let mut bytes = Vec::new();
    if let Err(e) = reader
        .by_ref()
        .take(max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
    {
        return Err(Box::new(failed_read(
            name.to_string(),
            "unreadable",
            format!("read error: {e}"),
            0,
        )));
    }
    if bytes.len() > max_bytes {
        let err = newsgraph_extract::InputError::TooLarge {
            size: bytes.len(),
            limit: max_bytes,
        };
        let message = format!("{err} (stopped reading at the limit)");
        return Err(Box::new(failed_read(
            name.to_string(),
            err.kind(),
            message,
            bytes.len() as u64,
        )));
    }
    Ok(bytes)
}

fn failed_read(source: String, kind: &'static str, message: String, bytes: u64) -> Incoming {
    Incoming {
        item: Item::failed(source, kind, message),
        input_bytes: bytes,
    }
}

/// Whether buffered stdin starts with a JSON object line.
fn sniff_jsonl(reader: &mut Box<dyn BufRead>) -> io::Result<bool> {
    let buf = reader.fill_buf()?;
    let first = buf.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        return Ok(false);
    }
    let line_end = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
    Ok(
        serde_json::from_slice::<serde_json::Value>(&buf[..line_end])
            .map(|v| v.is_object())
            .unwrap_or(false),
    )
}

/// One JSONL record. Unknown fields are ignored.
#[derive(Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    published: Option<String>,
    title: Option<String>,
}

fn next_jsonl(r: &mut JsonlReader, max_bytes: usize) -> Option<Incoming> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        r.line += 1;
        let source = format!("{}:{}", r.name, r.line);
        let (consumed, overflow) = match read_line_capped(&mut r.reader, &mut buf, max_bytes) {
            Ok(None) => return None,
            Ok(Some(x)) => x,
            Err(e) => {
                // A read error ends this input; report it once.
                let read = failed_read(source, "unreadable", format!("read error: {e}"), 0);
                r.reader = Box::new(io::empty());
                return Some(read);
            }
        };
        if overflow {
            let err = newsgraph_extract::InputError::TooLarge {
                size: consumed as usize,
                limit: max_bytes,
            };
            return Some(failed_read(
                source,
                err.kind(),
                format!("JSONL line {err}"),
                consumed,
            ));
        }
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue; // blank lines separate nothing; they are not articles
        }
        let item = parse_jsonl_line(&buf, source);
        return Some(Incoming {
            item,
            input_bytes: consumed,
        });
    }
}

fn parse_jsonl_line(line: &[u8], source: String) -> Item {
    let record: JsonArticle = match serde_json::from_slice(line) {
        Ok(r) => r,
        Err(e) => {
            return Item::failed(
                source,
                "bad_json",
                format!("not a JSON article record: {e}"),
            )
        }
    };
    let id = record.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    let origin = Origin { id, source };
    let mut warnings = Vec::new();
    let published = record
        .published
        .as_deref()
        .and_then(|p| match parse_date(p) {
            Some(d) => Some(d),
            None => {
                warnings.push(format!(
                    "`published` {p:?} is not a date (YYYY-MM-DD or RFC 3339); ignored"
                ));
                None
            }
        });
    let payload = match (record.text, record.html) {
        (Some(text), _) => Payload::Text(text),
        (None, Some(html)) => Payload::Html(html.into_bytes()),
        (None, None) => {
            return Item::Failed {
                origin,
                kind: "missing_text",
                message: "record has neither `text` nor `html`".into(),
            }
        }
    };
    let mut article = RawArticle::new(origin, payload);
    article.url = record.url;
    article.published = published;
    article.title = record.title;
    article.warnings = warnings;
    Item::Article(article)
}

/// Accepts `YYYY-MM-DD` and RFC 3339 timestamps (keeping the date).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .or_else(|| {
            chrono::DateTime::parse_from_rfc3339(s)
                .ok()
                .map(|d| d.date_naive())
        })
        .or_else(|| {
            s.get(..10)
                .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
        })
}

/// Reads one line into `buf`, keeping at most `max` bytes of it; returns
/// the bytes consumed and whether the line was longer than `max` (its rest
/// is skipped without being held in memory). `None` at end of input.
fn read_line_capped(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<(u64, bool)>> {
    let mut consumed = 0u64;
    let mut overflow = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(if consumed == 0 {
                None
            } else {
                Some((consumed, overflow))
            });
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        if !overflow {
            if buf.len() + chunk.len() > max + 1 {
                overflow = true;
                buf.clear();
                buf.shrink_to(0);
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let n = chunk.len();
        consumed += n as u64;
        reader.consume(n);
        if done {
            return Ok(Some((consumed, overflow)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_reader_skips_overlong_lines_without_holding_them() {
        let data = format!("short\n{}\nafter\n", "x".repeat(1000));
        let mut r: Box<dyn BufRead> = Box::new(BufReader::with_capacity(16, data.as_bytes()));
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 100).unwrap(),
            Some((6, false))
        );
        buf.clear();
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 100).unwrap(),
            Some((1001, true))
        );
        assert!(buf.capacity() < 200);
        buf.clear();
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 100).unwrap(),
            Some((6, false))
        );
        assert_eq!(buf, b"after\n");
        buf.clear();
        assert_eq!(read_line_capped(&mut r, &mut buf, 100).unwrap(), None);
    }

    #[test]
    fn dates_accept_plain_and_rfc3339() {
        assert_eq!(
            parse_date("2022-09-16"),
            NaiveDate::from_ymd_opt(2022, 9, 16)
        );
        assert_eq!(
            parse_date("2022-09-16T14:05:00+01:00"),
            NaiveDate::from_ymd_opt(2022, 9, 16)
        );
        assert_eq!(parse_date("Friday"), None);
    }
}
