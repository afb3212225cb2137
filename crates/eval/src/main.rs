//! `newsgraph-eval`: measures each capability on `../shared/data`.
//!
//! Every subcommand takes `--data DIR` and exits 0 with a "skipped" line
//! when the data it needs is absent.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

mod geo;
mod html;
mod ner;
mod quantities;
mod quotes;
mod sentences;
mod timex;

#[derive(Parser)]
#[command(name = "newsgraph-eval", about = "Measure newsgraph on annotated data")]
struct Cli {
    /// The shared data folder (see ../shared/data/README.md).
    #[arg(long, global = true, default_value = "../shared/data")]
    data: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Counts and amounts against our own annotations: P/R/F1, value, counted and category accuracy.
    Quantities {
        /// The annotation file (JSON lines; see crates/eval/src/quantities.rs).
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../measure/tests/data/quantities.jsonl"))]
        annotations: PathBuf,
        /// Print every difference.
        #[arg(long)]
        errors: bool,
    },
    /// Quotations on PolNeAR dev: content/cue/source P/R/F1 (exact and 50% overlap), direct vs indirect, speaker accuracy, stage cost.
    Quotes {
        /// Use the attribution config: speech verbs plus the cue lexicon learned on PolNeAR train.
        #[arg(long)]
        attribution: bool,
        /// Learned cues: minimum share of train occurrences that were cues.
        #[arg(long)]
        min_precision: Option<f32>,
        /// Learned cues: minimum number of train cues.
        #[arg(long)]
        min_count: Option<u32>,
        /// Print each missed (FN) and spurious (FP) quotation.
        #[arg(long)]
        errors: bool,
        /// Instead of evaluating, write the cue lexicon derived from PolNeAR train to this file.
        #[arg(long)]
        derive_lexicon: Option<PathBuf>,
        /// The learned span tagger: off, only, combined (rules' direct quotations + tagger), confirmed (+ rules' others whose cue the tagger found) or union.
        #[arg(long)]
        tagger: Option<String>,
        /// Which learned tagger: perceptron (default), encoder (the accurate NER encoder, retrained for quotations) or both (perceptron, then the encoder's attributions that overlap none of its).
        #[arg(long)]
        model: Option<String>,
        /// How tags become attributions: a comma-separated list of nested, orphans, boundaries, rules (boundary rules on the rules' quotations), or none (default: nested,boundaries, plus rules under --attribution; both = nested,orphans).
        #[arg(long)]
        decode: Option<String>,
        /// The entities stage the pipeline runs before the quotations: fast (default) or accurate.
        #[arg(long)]
        ner: Option<String>,
        /// Which PolNeAR split to score: dev (default) or train (to study the annotation conventions).
        #[arg(long)]
        split: Option<String>,
        /// Instead of scoring against one annotator, measure agreement between annotators (and the pipeline) on the split's articles that several people annotated.
        #[arg(long)]
        agreement: bool,
        /// Also print where the points go: boundary differences, misses and spurious spans per role, gold cue and source forms.
        #[arg(long)]
        buckets: bool,
    },
    /// Named entities on CoNLL-2003 dev: conlleval P/R/F1 overall and per type, tagger words/s.
    Ner {
        /// Which tagger: fast (perceptron) or accurate (encoder).
        #[arg(long, value_enum, default_value = "fast")]
        mode: ner::Mode,
    },
    /// Places on LGL, GeoVirus and WikToR (EUPEG matching): recognition P/R/F1, acc@161, errors, AUC.
    Geo {
        /// Only this set: lgl, geovirus or wiktor.
        #[arg(long)]
        only: Option<String>,
    },
    /// Sentence boundaries on CoNLL-2003 dev and GUM news: boundary P/R/F1.
    Sentences {
        /// Print each missed (FN) and spurious (FP) boundary in context.
        #[arg(long)]
        errors: bool,
    },
    /// Build a JSONL batch of real news texts from the data folder (for throughput runs; never commit it).
    Corpus {
        /// Where to write the JSONL.
        #[arg(long)]
        out: PathBuf,
        /// Repeat the texts until the batch has at least this many articles.
        #[arg(long, default_value_t = 10_000)]
        min_articles: usize,
        /// Write a WARC of HTML response records (trafilatura-eval pages) instead of JSONL.
        #[arg(long)]
        warc: bool,
    },
    /// Time expressions on TempEval-3 TBAQ-cleaned: extraction strict/relaxed P/R/F1 and value F1.
    Timex {
        /// Print every error of the tune part (FN, FP, VAL, SPAN lines), then its extraction errors by surface form.
        #[arg(long)]
        errors: bool,
        /// Take sentences and tokens from the segment crate, as the pipeline does.
        #[arg(long)]
        segmenter: bool,
    },
    /// Rule ablation for time expressions on the tune part of TBAQ-cleaned: per named rule, value-F1 gain per fold, fixes and breaks.
    TimexAblate {
        /// Number of folds (contiguous blocks of documents sorted by file name).
        #[arg(long, default_value_t = 4)]
        folds: usize,
        /// Rules kept off throughout (comma-separated names).
        #[arg(long, value_delimiter = ',')]
        off: Vec<String>,
        /// Rules on probation turned on throughout (comma-separated names).
        #[arg(long, value_delimiter = ',')]
        on: Vec<String>,
        /// Instead of the table, print the tune part's errors with the
        /// `--off`/`--on` rules (as `timex --errors`, tune part only).
        #[arg(long)]
        errors: bool,
        /// Instead of the table, print both parts' figures with the `--off`
        /// rules off (read the held-out figure once per batch of changes).
        #[arg(long)]
        held_out: bool,
    },
    /// Main text from HTML on trafilatura-eval: segment P/R/F and pages/s per extractor.
    Html {
        /// Only run extractors whose name contains this.
        #[arg(long)]
        only: Option<String>,
        /// Write each extractor's texts as JSONL into this folder.
        #[arg(long)]
        dump: Option<PathBuf>,
        /// Print the N pages of half A with most errors (missed and kept segments).
        #[arg(long)]
        worst: Option<usize>,
        /// Check metadata on the hand-annotated pages instead (per-field accuracy).
        #[arg(long)]
        meta: bool,
        /// With --meta: print every mismatch.
        #[arg(long)]
        meta_errors: bool,
        /// With --meta: the annotation file (byte offsets into the pages).
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/compare-trafilatura/meta-annotations.jsonl"))]
        annotations: PathBuf,
    },
}

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsgraph-eval: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `newsgraph-eval … | head` should end quietly, as Unix filters do. Rust
/// starts programs with SIGPIPE ignored, so a report printed with `println!`
/// into a closed pipe panics; the reports print through `println!` in every
/// module, so the default signal action is restored instead (stable Rust has
/// no setting for it, hence the one `libc` call).
#[cfg(unix)]
fn restore_sigpipe() {
    // SAFETY: called first in `main`, before any other thread exists;
    // SIG_DFL is a valid action for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_sigpipe() {}

fn run(cli: Cli) -> Result<()> {
    let _ = &cli.data;
    match cli.command {
        Command::Quantities {
            annotations,
            errors,
        } => {
            for (split, scores) in quantities::evaluate(&cli.data, &annotations, errors)? {
                quantities::print(&split, &scores);
            }
            Ok(())
        }
        Command::Quotes {
            attribution,
            min_precision,
            min_count,
            errors,
            derive_lexicon,
            tagger,
            model,
            decode,
            ner,
            split,
            buckets,
            agreement,
        } => quotes::run(
            &cli.data,
            attribution,
            min_precision,
            min_count,
            errors,
            derive_lexicon.as_deref(),
            tagger.as_deref(),
            model.as_deref(),
            decode.as_deref(),
            ner.as_deref(),
            split.as_deref(),
            buckets,
            agreement,
        ),
        Command::Ner { mode } => ner::run(&cli.data, mode),
        Command::Geo { only } => geo::run(&cli.data, only.as_deref()),
        Command::Sentences { errors } => sentences::run(&cli.data, errors),
        Command::Corpus {
            out,
            min_articles,
            warc: true,
        } => {
            if newsgraph_eval::dataset_dir(&cli.data, "trafilatura-eval").is_none() {
                return Ok(());
            }
            let (n, unique) = newsgraph_eval::corpus::write_warc(&cli.data, min_articles, &out)?;
            println!(
                "wrote {n} WARC records ({unique} unique pages) to {}",
                out.display()
            );
            Ok(())
        }
        Command::Corpus {
            out,
            min_articles,
            warc: false,
        } => {
            if !cli.data.exists() {
                eprintln!("skipped: {} not found", cli.data.display());
                return Ok(());
            }
            let texts = newsgraph_eval::corpus::collect(&cli.data)?;
            let n = newsgraph_eval::corpus::write(&texts, min_articles, &out)?;
            println!(
                "wrote {n} articles ({} unique texts) to {}",
                texts.len(),
                out.display()
            );
            Ok(())
        }
        Command::Timex { errors, segmenter } => {
            let Some(dir) = newsgraph_eval::dataset_dir(&cli.data, "tempeval3/TBAQ-cleaned") else {
                return Ok(());
            };
            let (tune, held) = timex::evaluate(&dir, errors, segmenter)?;
            timex::print(
                "tune part (first 80% by file name; rules tuned here)",
                &tune,
            );
            timex::print("held-out part (last 20%)", &held);
            Ok(())
        }
        Command::TimexAblate {
            folds,
            off,
            on,
            errors,
            held_out,
        } => {
            let Some(dir) = newsgraph_eval::dataset_dir(&cli.data, "tempeval3/TBAQ-cleaned") else {
                return Ok(());
            };
            use newsgraph_measure::switches::{with_off, with_on};
            let off: Vec<&str> = off.iter().map(String::as_str).collect();
            let on: Vec<&str> = on.iter().map(String::as_str).collect();
            if held_out || errors {
                let (tune, held) = with_on(&on, || {
                    with_off(&off, || timex::evaluate(&dir, errors, false))
                })?;
                timex::print("tune part, rules switched", &tune);
                if held_out {
                    timex::print("held-out part, rules switched", &held);
                }
            } else {
                let (base, rows) = with_on(&on, || timex::ablate(&dir, folds, &off))?;
                timex::print_ablation(&base, &rows);
            }
            Ok(())
        }
        Command::Html {
            only,
            dump,
            worst,
            meta,
            meta_errors,
            annotations,
        } => {
            let Some(dir) = newsgraph_eval::dataset_dir(&cli.data, "trafilatura-eval") else {
                return Ok(());
            };
            if meta {
                return html::meta_check::run(&dir, &annotations, dump.as_deref(), meta_errors);
            }
            html::print(&html::evaluate(
                &dir,
                only.as_deref(),
                dump.as_deref(),
                worst,
            )?);
            Ok(())
        }
    }
}
