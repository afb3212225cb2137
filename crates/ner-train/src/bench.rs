//! `ner-bench`: words per second and peak memory of an NER tagger (the fast
//! perceptron, or with `--mode accurate` the encoder) on a fixed corpus of
//! plain-text articles (one file per article).
//!
//! ```text
//! cargo run --release -p newsgraph-ner-train --bin ner-bench -- --data /work/shared/data
//! cargo run --release -p newsgraph-ner-train --bin ner-bench -- --data /work/shared/data --mode accurate
//! ```
//!
//! For the accurate mode it also prints pieces per second (the encoder's
//! unit: words split into SentencePiece pieces), the backend and the threads
//! used; `--compare` times the f32 candle backend on the same corpus in the
//! same process and prints the ratio (peak memory then covers both).
//!
//! The mode can also come from `NER_BENCH_MODE`, so `scripts/bench-ner`
//! (which runs spaCy and then this binary in the same run) measures either
//! mode unchanged: `NER_BENCH_MODE=accurate python bench.py ...`. Peak memory
//! is per process: run one mode per invocation.
//!
//! By default the corpus is PolNeAR's dev articles (`polnear/dev/text`,
//! 84 US political news articles); `--texts DIR` takes any folder of `.txt`
//! files. Words are tokens of the segment crate that contain a letter or
//! digit (punctuation excluded), the unit spaCy's benchmarks use.

use anyhow::{bail, Context, Result};
use clap::Parser;
use newsgraph_doc::{Doc, Meta, Stage};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "ner-bench", about = "Speed and peak memory of an NER tagger")]
struct Args {
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Folder of `.txt` articles (default: DATA/polnear/dev/text).
    #[arg(long)]
    texts: Option<PathBuf>,
    /// Passes over the corpus (the figure is over all of them).
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// Which tagger: fast (perceptron, one thread) or accurate (encoder,
    /// candle's thread pool: set RAYON_NUM_THREADS to pin it).
    #[arg(long, value_enum, env = "NER_BENCH_MODE", default_value = "fast")]
    mode: Mode,
    /// Accurate mode: also time the f32 (candle) backend in this process.
    #[arg(long)]
    compare: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Mode {
    Fast,
    Accurate,
}

/// Tags one document (sentences of words) with the chosen model.
fn tag(mode: Mode, doc: &[Vec<&str>]) -> Vec<Vec<newsgraph_ner::Tagged>> {
    match mode {
        Mode::Fast => newsgraph_ner::embedded().tag_document(doc),
        Mode::Accurate => newsgraph_ner_encoder::embedded().tag_document(doc),
    }
}

/// CPU seconds (user + system, all threads) this process has used so far,
/// from `/proc/self/stat` (clock ticks of 1/100 s): steadier than wall time
/// on a shared machine.
fn cpu_secs() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return f64::NAN;
    };
    // Fields after the command name (which may hold spaces) start at state.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| {
        f.get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    (tick(11) + tick(12)) / 100.0
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<()> {
    let args = Args::parse();
    let dir = args
        .texts
        .clone()
        .unwrap_or_else(|| args.data.join("polnear/dev/text"));
    if !dir.exists() {
        println!("skipped: {} not found", dir.display());
        return Ok(());
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).with_context(|| p.display().to_string()))
        .collect::<Result<_>>()?;
    if texts.is_empty() {
        bail!("no .txt files in {}", dir.display());
    }
    let t_load = Instant::now();
    match args.mode {
        Mode::Fast => {
            let _ = newsgraph_ner::embedded();
        }
        Mode::Accurate => {
            let _ = newsgraph_ner_encoder::embedded();
        }
    }
    let load_secs = t_load.elapsed().as_secs_f64();

    // Segment once; time the tagger alone on the segmented sentences.
    let mut docs: Vec<Doc> = Vec::new();
    for t in &texts {
        let mut d = Doc::new(t.clone(), Meta::default());
        newsgraph_segment::ParagraphStage.run(&mut d)?;
        newsgraph_segment::SentenceStage.run(&mut d)?;
        docs.push(d);
    }
    let inputs: Vec<Vec<Vec<&str>>> = docs.iter().map(sentences_of).collect();
    let words: usize = inputs
        .iter()
        .flatten()
        .flatten()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    if args.mode == Mode::Accurate {
        let model = newsgraph_ner_encoder::embedded();
        let pieces: usize = inputs
            .iter()
            .flatten()
            .flatten()
            .map(|w| model.tokenizer().encode_word(w).len())
            .sum();
        println!(
            "accurate backend: {}, threads: {}",
            model.describe(),
            newsgraph_ner_encoder::threads()
        );
        let mut runs = vec![("", model)];
        let old;
        if args.compare {
            old = newsgraph_ner_encoder::embedded_with(newsgraph_ner_encoder::Backend::F32);
            runs.push(("old ", &old));
        }
        let mut rates = Vec::new();
        for (name, m) in runs {
            let start = Instant::now();
            let cpu0 = cpu_secs();
            let mut found = 0;
            for _ in 0..args.rounds {
                for input in &inputs {
                    found += m
                        .tag_document(input)
                        .iter()
                        .flatten()
                        .filter(|t| t.tag.is_begin())
                        .count();
                }
            }
            let secs = start.elapsed().as_secs_f64();
            let cpu = cpu_secs() - cpu0;
            let n = args.rounds as f64;
            println!(
                "{name}tagger: {:.0} words/s, {:.0} pieces/s ({} mentions; {}); \
                 {:.0} words, {:.0} pieces per CPU-second",
                words as f64 * n / secs,
                pieces as f64 * n / secs,
                found / args.rounds,
                m.describe(),
                words as f64 * n / cpu,
                pieces as f64 * n / cpu,
            );
            rates.push(words as f64 * n / secs);
        }
        if let [new, old] = rates[..] {
            println!("ratio {} / f32-candle: {:.2}x", model.describe(), new / old);
        }
    }
    if args.mode == Mode::Fast {
        let mut mentions = 0;
        let start = Instant::now();
        for _ in 0..args.rounds {
            for input in &inputs {
                let tagged = tag(args.mode, input);
                mentions += tagged.iter().flatten().filter(|t| t.tag.is_begin()).count();
            }
        }
        let tag_secs = start.elapsed().as_secs_f64();
        println!(
            "tagger: {:.0} words/s ({} mentions)",
            (words * args.rounds) as f64 / tag_secs,
            mentions / args.rounds
        );
    }

    // The whole path a user runs: segment, NER stage, coref stage.
    let ner: Box<dyn Stage> = match args.mode {
        Mode::Fast => Box::new(newsgraph_ner::NerStage::new()),
        Mode::Accurate => Box::new(newsgraph_ner_encoder::AccurateNerStage::new()),
    };
    let coref = newsgraph_coref::CorefStage;
    let start = Instant::now();
    let mut entities = 0;
    let mut phase = [0f64; 3];
    for _ in 0..args.rounds {
        for t in &texts {
            let mut d = Doc::new(t.clone(), Meta::default());
            let t0 = Instant::now();
            newsgraph_segment::ParagraphStage.run(&mut d)?;
            newsgraph_segment::SentenceStage.run(&mut d)?;
            let t1 = Instant::now();
            ner.run(&mut d)?;
            let t2 = Instant::now();
            coref.run(&mut d)?;
            let t3 = Instant::now();
            phase[0] += (t1 - t0).as_secs_f64();
            phase[1] += (t2 - t1).as_secs_f64();
            phase[2] += (t3 - t2).as_secs_f64();
            entities += d.entities()?.entities.len();
        }
    }
    let all_secs = start.elapsed().as_secs_f64();
    let total = (words * args.rounds) as f64;
    println!(
        "corpus: {} ({} articles, {words} words) x {} rounds",
        dir.display(),
        texts.len(),
        args.rounds
    );
    println!("mode: {:?}", args.mode);
    println!("model load: {:.3}s", load_secs);
    println!(
        "segment + ner + coref: {:.0} words/s ({} entities)",
        total / all_secs,
        entities / args.rounds
    );
    println!(
        "  of which: segment {:.0}%, ner stage {:.0}%, coref {:.0}%",
        100.0 * phase[0] / all_secs,
        100.0 * phase[1] / all_secs,
        100.0 * phase[2] / all_secs
    );
    match peak_rss_kib() {
        Some(k) => println!("peak memory (VmHWM): {:.1} MiB", k as f64 / 1024.0),
        None => println!("peak memory: unavailable"),
    }
    Ok(())
}

fn sentences_of(doc: &Doc) -> Vec<Vec<&str>> {
    let text = doc.text();
    let tokens = doc.tokens().expect("tokens set above");
    doc.sentences()
        .expect("sentences set above")
        .iter()
        .map(|s| {
            tokens
                .iter()
                .filter(|t| s.span.contains(t.span))
                .map(|t| &text[t.span.start..t.span.end])
                .collect()
        })
        .collect()
}
