//! `newsgraph`: the command-line interface.
//!
//! `newsgraph extract` reads articles (files, directories, `-` for stdin,
//! JSONL with one article a line), runs the standard pipeline on each in
//! parallel, and writes one JSON record per article (see
//! `docs/output-schema.md`). Bad input never stops a batch: each failure
//! becomes an error record and a line on stderr, and the exit code is 1.
//!
//! Exit codes: 0 every article processed; 1 some articles failed;
//! 2 the command itself could not run (bad flags, unwritable output).

mod batch;
mod input;
mod progress;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Read the news like an analyst: entities, quotations, places, counts and dates"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract structured layers from articles and write JSON records.
    Extract(ExtractArgs),
}

/// How to read an input. `auto` goes by file name: `.jsonl`/`.ndjson` are
/// JSONL, `.html`/`.htm` HTML, `.rss`/`.atom`/`.xml` feeds, `.warc`/
/// `.warc.gz` web archives, anything else plain text; on stdin, `auto`
/// reads JSONL when the first line is a JSON object, else plain text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Auto,
    Text,
    Html,
    Jsonl,
    Feed,
    Warc,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files, directories (read recursively) or `-` for stdin.
    #[arg(required_unless_present_any = ["url", "url_list"], value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Fetch this URL and extract it (repeatable). URLs are fetched one at a
    /// time, after the files, pausing between requests to the same host.
    #[arg(long, value_name = "URL")]
    pub url: Vec<String>,

    /// Fetch every URL in this file (one a line; `#` starts a comment line).
    #[arg(long, value_name = "FILE")]
    pub url_list: Option<PathBuf>,

    /// Seconds allowed for each fetch (connect, headers and body).
    #[arg(long, default_value_t = 20.0, value_name = "SECS", value_parser = seconds)]
    pub fetch_timeout: f64,

    /// Least seconds between two requests to the same host.
    #[arg(long, default_value_t = 1.0, value_name = "SECS", value_parser = seconds)]
    pub per_host_delay: f64,

    /// Publication date (YYYY-MM-DD) for articles that do not carry one;
    /// relative dates resolve against it.
    #[arg(long, value_name = "DATE")]
    pub published: Option<chrono::NaiveDate>,

    /// Write records here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// How to read the inputs.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,

    /// Write JSONL (one record a line) even for a single article.
    #[arg(long)]
    pub jsonl: bool,

    /// Leave the article text out of the records.
    #[arg(long)]
    pub no_text: bool,

    /// Add UTF-16 offsets (u16_start, u16_end) to every span, for JavaScript.
    #[arg(long)]
    pub utf16: bool,

    /// Largest article accepted, in bytes; larger ones become error records.
    #[arg(long, default_value_t = newsgraph_extract::DEFAULT_MAX_BYTES, value_name = "BYTES")]
    pub max_bytes: usize,

    /// WARC input: keep only pages of this host or its subdomains.
    #[arg(long, value_name = "HOST")]
    pub host: Option<String>,

    /// Keep only articles published on or after this date (YYYY-MM-DD);
    /// articles with no known date are kept.
    #[arg(long, value_name = "DATE")]
    pub since: Option<chrono::NaiveDate>,

    /// Keep only articles published on or before this date (YYYY-MM-DD);
    /// articles with no known date are kept.
    #[arg(long, value_name = "DATE")]
    pub until: Option<chrono::NaiveDate>,

    /// Keep only articles in this language (the page's declared language,
    /// compared by its primary subtag: `en` keeps `en-GB`); articles that
    /// declare none are kept.
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,

    /// Named-entity tagger: fast (perceptron) or accurate (fine-tuned
    /// encoder: dev F1 0.953 instead of 0.932, at about 5,000 words per
    /// CPU-second on CPUs with AVX-512 VNNI or AMX, 850 without; the fast
    /// tagger is some 35 times quicker).
    #[arg(long, value_enum, default_value_t = NerChoice::Fast)]
    pub ner: NerChoice,

    /// Quotation tagger beside the rules: fast (perceptron) or accurate
    /// (on the NER encoder: better on PolNeAR dev, at about the accurate
    /// NER stage's cost; pairs well with `--ner accurate`).
    #[arg(long, value_enum, default_value_t = QuotesChoice::Fast)]
    pub quotes: QuotesChoice,

    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Articles held in memory at once; bounds memory on huge batches.
    #[arg(long, default_value_t = 512, value_name = "N")]
    pub batch_size: usize,

    /// Never draw a progress bar (it is drawn only when stderr is a terminal).
    #[arg(long)]
    pub no_progress: bool,

    /// Print the end-of-run summary (throughput, peak memory) even for one article.
    #[arg(long)]
    pub stats: bool,
}

/// `--ner`: which named-entity tagger the pipeline runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NerChoice {
    Fast,
    Accurate,
}

/// `--quotes`: which quotation tagger the pipeline runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QuotesChoice {
    Fast,
    Accurate,
}

impl QuotesChoice {
    /// The pipeline's mode; an error where this binary was built without it.
    pub fn mode(self) -> anyhow::Result<newsgraph_pipeline::QuotesMode> {
        match self {
            QuotesChoice::Fast => Ok(newsgraph_pipeline::QuotesMode::Fast),
            #[cfg(feature = "accurate")]
            QuotesChoice::Accurate => Ok(newsgraph_pipeline::QuotesMode::Accurate),
            #[cfg(not(feature = "accurate"))]
            QuotesChoice::Accurate => Err(not_built("--quotes accurate")),
        }
    }
}

impl NerChoice {
    /// The pipeline's mode; an error where this binary was built without it.
    pub fn mode(self) -> anyhow::Result<newsgraph_pipeline::NerMode> {
        match self {
            NerChoice::Fast => Ok(newsgraph_pipeline::NerMode::Fast),
            #[cfg(feature = "accurate")]
            NerChoice::Accurate => Ok(newsgraph_pipeline::NerMode::Accurate),
            #[cfg(not(feature = "accurate"))]
            NerChoice::Accurate => Err(not_built("--ner accurate")),
        }
    }
}

/// The error for an accurate mode asked of a binary built without the
/// `accurate` feature (the choice stays in `--help` so that scripts written
/// for the full binary fail with this message, not a parse error).
#[cfg(not(feature = "accurate"))]
fn not_built(flag: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{flag}: this newsgraph was built without the encoder models (cargo feature `accurate`, \
         on by default); leave the flag out for the fast tagger, or rebuild with \
         `cargo build --release -p newsgraph-cli`"
    )
}

/// A number of seconds: finite, not negative, at most a day.
fn seconds(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if v.is_finite() && (0.0..=86_400.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{s} is not between 0 and 86400 seconds"))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => batch::run(args),
    };
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsgraph: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// A closed pipe (`newsgraph extract … | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
