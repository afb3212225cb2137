//! The batch runner: reads articles in bounded chunks, processes each chunk
//! in parallel, and writes records in input order.
//!
//! Memory is bounded by `--batch-size` articles (and their records), not by
//! the size of the input. Every failure becomes an error record in the
//! output and a line on stderr; the run goes on.

use crate::input::{self, Incoming, Item, Payload, RawArticle};
use crate::progress::Progress;
use crate::ExtractArgs;
use anyhow::{Context, Result};
use newsgraph_doc::{Doc, Meta, SourceMap, SourceRun};
use newsgraph_pipeline::Pipeline;
use newsgraph_wire::{Options, Origin};
use rayon::prelude::*;
use serde_json::Value;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

/// How a run ended, for the exit code.
pub struct Outcome {
    pub failed: u64,
}

impl Outcome {
    pub fn exit_code(&self) -> ExitCode {
        if self.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    }
}

/// At most this many failures are listed again in the end-of-run summary;
/// all of them are in the output as error records.
const MAX_LISTED_FAILURES: usize = 50;

/// A processed article: its record (compact JSON) and, if it failed, a
/// line for stderr. Records are serialised in the worker threads, so the
/// writer only copies bytes.
struct Processed {
    /// `None` when a filter (`--since`, `--until`, `--language`) left the
    /// article out.
    record: Option<Vec<u8>>,
    failure: Option<String>,
    warnings: Vec<String>,
}

pub fn run(args: ExtractArgs) -> Result<Outcome> {
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .context("starting worker threads")?;
    }
    let pipeline = newsgraph_pipeline::standard_with_quotes(args.ner.mode()?, args.quotes.mode()?)
        .context("building the pipeline")?;
    let warc = newsgraph_feeds::WarcOptions {
        host: args.host.clone(),
    };
    let urls = read_urls(&args)?;
    let fetch = newsgraph_fetch::FetchOptions {
        timeout: std::time::Duration::from_secs_f64(args.fetch_timeout),
        max_bytes: args.max_bytes,
        per_host_delay: std::time::Duration::from_secs_f64(args.per_host_delay),
        ..newsgraph_fetch::FetchOptions::default()
    };
    let expanded = input::expand(
        &args.inputs,
        args.input_format,
        args.max_bytes,
        warc,
        urls,
        fetch,
    );
    let pretty = expanded.single_article && !args.jsonl;
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => {
            Box::new(BufWriter::new(File::create(path).with_context(|| {
                format!("cannot create output file {}", path.display())
            })?))
        }
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let options = Options {
        omit_text: args.no_text,
        utf16: args.utf16,
    };
    let mut progress = Progress::new(
        !args.no_progress && !expanded.single_article,
        expanded.total_bytes,
    );
    let mut failures: Vec<String> = Vec::new();
    let mut filtered = 0u64;
    let mut inputs = expanded.inputs.peekable();
    let batch_size = args.batch_size.max(1);

    while inputs.peek().is_some() {
        let chunk: Vec<Incoming> = inputs.by_ref().take(batch_size).collect();
        let input_bytes: u64 = chunk.iter().map(|r| r.input_bytes).sum();
        let processed: Vec<Processed> = chunk
            .into_par_iter()
            .map(|incoming| process(incoming.item, &pipeline, &args, options))
            .collect();
        let mut failed = 0;
        for p in &processed {
            for w in &p.warnings {
                progress.println(&format!("newsgraph: warning: {w}"));
            }
            if let Some(f) = &p.failure {
                failed += 1;
                progress.println(&format!("newsgraph: error: {f}"));
                failures.push(f.clone());
            }
            let Some(record) = &p.record else {
                filtered += 1;
                continue;
            };
            if pretty {
                let value: Value = serde_json::from_slice(record).context("re-reading a record")?;
                serde_json::to_writer_pretty(&mut out, &value)?;
            } else {
                out.write_all(record)?;
            }
            out.write_all(b"\n")?;
        }
        progress.advance(processed.len() as u64, failed, input_bytes);
    }
    out.flush().context("writing output")?;

    let summary = progress.finish();
    if !expanded.single_article || args.stats {
        eprintln!("newsgraph: {summary}");
    }
    if filtered > 0 {
        eprintln!("newsgraph: {filtered} article(s) left out by --since/--until/--language");
    }
    if !failures.is_empty() && !expanded.single_article {
        eprintln!("newsgraph: {} article(s) failed:", failures.len());
        for f in failures.iter().take(MAX_LISTED_FAILURES) {
            eprintln!("  {f}");
        }
        if failures.len() > MAX_LISTED_FAILURES {
            eprintln!(
                "  … and {} more (each is an error record in the output)",
                failures.len() - MAX_LISTED_FAILURES
            );
        }
    }
    Ok(Outcome {
        failed: failures.len() as u64,
    })
}

fn process(item: Item, pipeline: &Pipeline, args: &ExtractArgs, options: Options) -> Processed {
    match item {
        Item::Failed {
            origin,
            kind,
            message,
        } => failed(&origin, kind, &message),
        Item::Article(article) => {
            let origin = article.origin.clone();
            // A panic in a stage is a bug, but it must cost one article, not the run.
            match catch_unwind(AssertUnwindSafe(|| {
                process_article(article, pipeline, args, options)
            })) {
                Ok(p) => p,
                Err(panic) => {
                    let msg = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".into());
                    failed(
                        &origin,
                        "internal",
                        &format!("internal error (please report): {msg}"),
                    )
                }
            }
        }
    }
}

fn process_article(
    article: RawArticle,
    pipeline: &Pipeline,
    args: &ExtractArgs,
    options: Options,
) -> Processed {
    let RawArticle {
        origin,
        payload,
        url,
        published,
        title,
        authors,
        modified,
        charset,
        mut warnings,
    } = article;
    let mut meta = Meta {
        id: origin.id.clone(),
        source: Some(origin.source.clone()),
        url,
        published,
        title,
        authors,
        modified,
        ..Meta::default()
    };
    let doc = match payload {
        Payload::Bytes(bytes) => {
            decode_text(&bytes, args.max_bytes, &mut warnings).map(|t| Doc::new(t, meta))
        }
        Payload::Text(text) => {
            decode_text(text.as_bytes(), args.max_bytes, &mut warnings).map(|t| Doc::new(t, meta))
        }
        Payload::Html(bytes) => html_doc(&bytes, charset.as_deref(), args.max_bytes, &mut meta)
            .map(|(t, map)| Doc::with_source_map(t, meta, map)),
    };
    let mut doc = match doc {
        Ok(doc) => doc,
        Err((kind, message)) => return failed(&origin, kind, &message),
    };
    if doc.meta().published.is_none() {
        doc.meta_mut().published = args.published;
    }
    if !passes_filters(doc.meta(), args) {
        return Processed {
            record: None,
            failure: None,
            warnings: Vec::new(),
        };
    }
    match pipeline.run(&mut doc) {
        Ok(diagnostics) => Processed {
            record: Some(newsgraph_wire::article_record(
                &origin,
                &doc,
                &warnings,
                &diagnostics,
                options,
            )),
            failure: None,
            warnings: warnings
                .iter()
                .map(|w| format!("{}: {w}", origin.source))
                .collect(),
        },
        Err(e) => failed(
            &origin,
            "internal",
            &format!("internal error (please report): {e}"),
        ),
    }
}

/// Plain text: decoded by `newsgraph-extract`, its warnings kept.
fn decode_text(
    bytes: &[u8],
    max_bytes: usize,
    warnings: &mut Vec<String>,
) -> Result<String, (&'static str, String)> {
    match newsgraph_extract::decode(bytes, max_bytes) {
        Ok(d) => {
            warnings.extend(d.warnings);
            Ok(d.text)
        }
        Err(e) => Err((e.kind(), e.to_string())),
    }
}

/// An HTML page: main text, its map back to the page, and the page's
/// metadata filling what the caller did not give.
fn html_doc(
    bytes: &[u8],
    charset: Option<&str>,
    max_bytes: usize,
    meta: &mut Meta,
) -> Result<(String, SourceMap), (&'static str, String)> {
    newsgraph_extract::precheck(bytes, max_bytes).map_err(|e| (e.kind(), e.to_string()))?;
    let page = newsgraph_html::extract_bytes(bytes, charset, meta.url.as_deref());
    let extracted = page.extracted;
    if extracted.text.trim().is_empty() {
        return Err(("no_text", "no main text found in the HTML page".to_string()));
    }
    let pm = extracted.meta;
    meta.title = meta.title.take().or(pm.title);
    meta.published = meta
        .published
        .or_else(|| pm.published.as_deref().and_then(crate::input::parse_date));
    meta.modified = meta.modified.take().or(pm.modified);
    if meta.authors.is_empty() {
        meta.authors = pm.authors;
    }
    meta.language = pm.language;
    meta.site_name = pm.site_name;
    meta.canonical_url = pm.canonical_url;
    meta.section = pm.section;
    let runs = extracted
        .alignment
        .runs()
        .iter()
        .map(|r| SourceRun {
            text: r.text,
            text_len: r.text_len,
            source: r.source,
            source_len: r.source_len,
            copied: r.copied,
        })
        .collect();
    Ok((
        extracted.text,
        SourceMap {
            encoding: page.encoding.to_string(),
            runs,
        },
    ))
}

/// The URLs of `--url` and `--url-list` (one a line; blank lines and
/// lines starting with `#` are skipped).
fn read_urls(args: &ExtractArgs) -> Result<Vec<String>> {
    let mut urls = args.url.clone();
    if let Some(path) = &args.url_list {
        let list = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read URL list {}", path.display()))?;
        urls.extend(
            list.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        );
    }
    Ok(urls)
}

/// The `--since`, `--until` and `--language` filters. An article that does
/// not say its date or language passes: leaving it out would lose it
/// silently for want of metadata.
fn passes_filters(meta: &Meta, args: &ExtractArgs) -> bool {
    if let Some(date) = meta.published {
        if args.since.is_some_and(|since| date < since)
            || args.until.is_some_and(|until| date > until)
        {
            return false;
        }
    }
    if let (Some(want), Some(lang)) = (&args.language, &meta.language) {
        let primary = |l: &str| {
            l.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        if primary(want) != primary(lang) {
            return false;
        }
    }
    true
}

fn failed(origin: &Origin, kind: &str, message: &str) -> Processed {
    Processed {
        record: Some(newsgraph_wire::error_record(origin, kind, message)),
        failure: Some(format!("{}: {message}", origin.source)),
        warnings: Vec::new(),
    }
}
