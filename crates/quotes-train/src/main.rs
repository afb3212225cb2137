//! `train-quotes`: trains the quotation span tagger on PolNeAR train,
//! keeps the epoch with the best dev score (the mean of content F1 at 50%
//! overlap, cue F1 exact and source F1 exact, tagger alone), and writes the
//! compressed model.
//!
//! ```text
//! cargo run --release -p newsgraph-quotes-train --bin train-quotes -- \
//!     --data ../shared/data --out models/quotes-tagger/model.bin.zst
//! ```
//!
//! Every article goes through the standard pipeline (the quotation stage
//! left out) so that the features see the same tokens, sentences and
//! entities as at run time. Gold roles per token: content pieces first
//! (longest first, so nested content wins inside outer content), then
//! sources, then cues. Deterministic: the shuffle is seeded.

mod perceptron;

use anyhow::{Context, Result};
use clap::Parser;
use newsgraph_doc::{Doc, Meta, Stage};
use newsgraph_eval::data::polnear::{self, cover, Article, Pieces};
use newsgraph_eval::score::{span_prf, Matching, Prf};
use newsgraph_quotes::tagger::features::with_first_pass;
use newsgraph_quotes::tagger::tags::{Tag, CONTENT, CUE, SOURCE};
use newsgraph_quotes::tagger::{self, DecodeOptions, Model, Unit};
use perceptron::{Instance, Rng, Trainer};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "train-quotes", about = "Train the quotation span tagger")]
struct Args {
    /// The shared data folder (with polnear/train and polnear/dev).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Where to write the model (nothing is written when empty).
    #[arg(long, default_value = "models/quotes-tagger/model.bin.zst")]
    out: String,
    /// Passes over the training data (the best one on dev is kept).
    #[arg(long, default_value_t = 16)]
    epochs: usize,
    /// log2 of the number of weight rows.
    #[arg(long, default_value_t = 20)]
    bits: u32,
    #[arg(long, default_value_t = 17)]
    seed: u64,
    /// 2: a second pass that sees the first pass's tags; 1: one pass.
    #[arg(long, default_value_t = 2)]
    passes: usize,
    /// Article folds for the second pass's training input (jackknifing).
    #[arg(long, default_value_t = 4)]
    folds: usize,
    /// Print gold and predicted tags of the dev articles whose name starts
    /// with this prefix (for error analysis).
    #[arg(long)]
    show: Option<String>,
    /// Write the train and dev units (token texts, sentence indices, gold
    /// tags) as JSON lines to DIR/train.jsonl and DIR/dev.jsonl for the
    /// encoder tagger's training script (scripts/train-quotes-encoder), then
    /// stop.
    #[arg(long)]
    dump: Option<PathBuf>,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-quotes: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// An article through the pipeline, with its units.
struct Prepared {
    doc: Doc,
    units: Vec<Unit>,
    gold: Vec<Vec<Tag>>,
}

fn prepare(arts: &[Article]) -> Result<Vec<Prepared>> {
    let stages: Vec<Box<dyn Stage>> = newsgraph_pipeline::stages()
        .into_iter()
        .filter(|s| s.name() != "quotes")
        .collect();
    let mut out = Vec::with_capacity(arts.len());
    for a in arts {
        let mut doc = Doc::new(a.text.clone(), Meta::default());
        for s in &stages {
            s.run(&mut doc)?;
        }
        let units = tagger::document_units(&doc)?;
        let gold = gold_tags(&doc, a, &units)?;
        out.push(Prepared { doc, units, gold });
    }
    Ok(out)
}

/// Gold tags of each unit from the article's attributions.
fn gold_tags(doc: &Doc, a: &Article, units: &[Unit]) -> Result<Vec<Vec<Tag>>> {
    let tokens = doc.tokens()?;
    let n = tokens.len();
    // (role, piece id) per token.
    let mut role: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut next_id = 0;
    let mut mark = |p: (usize, usize), r: usize, role: &mut Vec<Option<(usize, usize)>>| {
        let from = tokens.partition_point(|t| t.span.end <= p.0);
        for (t, tok) in tokens.iter().enumerate().skip(from) {
            if tok.span.start >= p.1 {
                break;
            }
            role[t] = Some((r, next_id));
        }
        next_id += 1;
    };
    let mut contents: Vec<(usize, usize)> = a
        .attributions
        .iter()
        .flat_map(|x| x.content.iter().copied())
        .collect();
    contents.sort_by_key(|p| std::cmp::Reverse(p.1 - p.0));
    for p in contents {
        mark(p, CONTENT, &mut role);
    }
    let pieces = |f: fn(&polnear::Attribution) -> &Pieces| -> Vec<(usize, usize)> {
        a.attributions
            .iter()
            .flat_map(|x| f(x).iter().copied())
            .collect()
    };
    for p in pieces(|x| &x.source) {
        mark(p, SOURCE, &mut role);
    }
    for p in pieces(|x| &x.cue) {
        mark(p, CUE, &mut role);
    }
    Ok(units
        .iter()
        .map(|u| {
            u.tokens
                .iter()
                .enumerate()
                .map(|(k, &t)| match role[t] {
                    None => Tag::O,
                    Some((r, id)) => {
                        let cont = k > 0 && role[u.tokens[k - 1]] == Some((r, id));
                        if cont {
                            Tag::inside(r)
                        } else {
                            Tag::begin(r)
                        }
                    }
                })
                .collect()
        })
        .collect())
}

/// One JSON line per article: its name and, per unit, the token texts,
/// each token's sentence index and the gold tag names.
fn dump(path: &std::path::Path, prepared: &[Prepared], arts: &[Article]) -> Result<()> {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    for (p, a) in prepared.iter().zip(arts) {
        let tokens = p.doc.tokens()?;
        let units: Vec<serde_json::Value> = p
            .units
            .iter()
            .zip(&p.gold)
            .map(|(u, g)| {
                let words: Vec<&str> = u
                    .tokens
                    .iter()
                    .map(|&t| p.doc.slice(tokens[t].span))
                    .collect();
                let tags: Vec<String> = g.iter().map(|t| t.name()).collect();
                serde_json::json!({"words": words, "sents": u.sents, "tags": tags})
            })
            .collect();
        serde_json::to_writer(&mut f, &serde_json::json!({"name": a.name, "units": units}))?;
        writeln!(f)?;
    }
    Ok(())
}

/// Dev figures of the tagger alone (byte offsets; the eval command
/// measures the whole stage in characters).
#[derive(Default)]
struct DevScore {
    content: Prf,
    cue: Prf,
    source: Prf,
}

impl DevScore {
    fn mean(&self) -> f64 {
        (self.content.f1() + self.cue.f1() + self.source.f1()) / 3.0
    }
}

fn score_dev(
    model: &Model,
    dev: &[Prepared],
    arts: &[Article],
    opt: DecodeOptions,
) -> Result<DevScore> {
    let mut s = DevScore::default();
    let unl = |v: Vec<(usize, usize)>| -> Vec<(usize, usize, &'static str)> {
        v.into_iter().map(|r| (r.0, r.1, "")).collect()
    };
    for (p, a) in dev.iter().zip(arts) {
        let tags = tagger::tag_units(model, &p.units);
        let found = tagger::decode_document(&p.doc, &p.units, &tags, opt)?;
        let tokens = p.doc.tokens()?;
        let span =
            |r: &std::ops::Range<usize>| (tokens[r.start].span.start, tokens[r.end - 1].span.end);
        let pc: Vec<_> = found
            .iter()
            .map(|f| {
                (
                    span(&f.content[0]).0,
                    span(&f.content[f.content.len() - 1]).1,
                )
            })
            .collect();
        let pq: Vec<_> = found.iter().map(|f| span(&f.cue)).collect();
        let ps: Vec<_> = found
            .iter()
            .filter_map(|f| f.source.as_ref().map(span))
            .collect();
        let gc: Vec<_> = a
            .attributions
            .iter()
            .filter_map(|x| cover(&x.content).or_else(|| cover(&x.cue)))
            .collect();
        let gq: Vec<_> = a
            .attributions
            .iter()
            .filter_map(|x| cover(&x.cue))
            .collect();
        let gs: Vec<_> = a
            .attributions
            .iter()
            .filter_map(|x| cover(&x.source))
            .collect();
        s.content
            .add(span_prf(&unl(gc), &unl(pc), Matching::Overlap(0.5)));
        s.cue.add(span_prf(&unl(gq), &unl(pq), Matching::Exact));
        s.source.add(span_prf(&unl(gs), &unl(ps), Matching::Exact));
    }
    Ok(s)
}

/// Trains one pass for `args.epochs` epochs, scoring each epoch's averaged
/// weights with `make` on dev; returns the best epoch and its model.
fn train_pass(
    args: &Args,
    data: &[Instance],
    make: impl Fn(Vec<f32>, newsgraph_quotes::tagger::model::Transitions) -> Result<(DevScore, Model)>,
    name: &str,
    t0: Instant,
) -> Result<(f64, usize, Model)> {
    let mut trainer = Trainer::new(args.bits);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng(args.seed);
    let mut best: Option<(f64, usize, Model)> = None;
    for epoch in 1..=args.epochs {
        rng.shuffle(&mut order);
        let errors = trainer.epoch(data, &order);
        let (w, tr) = trainer.averaged();
        let (s, model) = make(w, tr)?;
        eprintln!(
            "{name} epoch {epoch:2}: {errors}/{} unit errors; dev content@50% {:.4} cue {:.4} source {:.4} (mean {:.4}) ({:.0}s)",
            data.len(),
            s.content.f1(),
            s.cue.f1(),
            s.source.f1(),
            s.mean(),
            t0.elapsed().as_secs_f64()
        );
        if best.as_ref().is_none_or(|b| s.mean() > b.0) {
            best = Some((s.mean(), epoch, model));
        }
    }
    let (score, epoch, model) = best.context("no epochs")?;
    eprintln!("{name}: best epoch {epoch}, dev mean {score:.4}");
    Ok((score, epoch, model))
}

fn run(args: Args) -> Result<()> {
    let t0 = Instant::now();
    let dir = args.data.join("polnear");
    let train_arts = polnear::read_split(&dir.join("train")).context("PolNeAR train")?;
    let dev_arts = polnear::read_split(&dir.join("dev")).context("PolNeAR dev")?;
    let train = prepare(&train_arts)?;
    let dev = prepare(&dev_arts)?;
    eprintln!(
        "prepared {} train and {} dev articles ({:.0}s)",
        train.len(),
        dev.len(),
        t0.elapsed().as_secs_f64()
    );
    if let Some(dir) = &args.dump {
        std::fs::create_dir_all(dir)?;
        dump(&dir.join("train.jsonl"), &train, &train_arts)?;
        dump(&dir.join("dev.jsonl"), &dev, &dev_arts)?;
        eprintln!("wrote {}/{{train,dev}}.jsonl", dir.display());
        return Ok(());
    }
    // Pass 1.
    let data: Vec<Instance> = train
        .iter()
        .flat_map(|p| p.units.iter().zip(&p.gold))
        .map(|(u, g)| Instance::new(u, g.clone(), args.bits))
        .collect();
    let opt = DecodeOptions::default();
    let (first_score, first_epoch, first) = train_pass(
        &args,
        &data,
        |w, tr| {
            let model = Model::from_float(args.bits, &w, tr);
            let s = score_dev(&model, &dev, &dev_arts, opt)?;
            Ok((s, model))
        },
        "pass 1",
        t0,
    )?;
    let mut best = None;
    if args.passes >= 2 {
        // Pass 2 trains on first-pass tags that the first pass did not see
        // in training (jackknifed over article folds), as at run time.
        let folds = args.folds.max(2);
        let mut first_tags: Vec<Vec<Vec<Tag>>> = vec![Vec::new(); train.len()];
        for k in 0..folds {
            let rest: Vec<Instance> = train
                .iter()
                .enumerate()
                .filter(|(a, _)| a % folds != k)
                .flat_map(|(_, p)| p.units.iter().zip(&p.gold))
                .map(|(u, g)| Instance::new(u, g.clone(), args.bits))
                .collect();
            let mut trainer = Trainer::new(args.bits);
            let mut order: Vec<usize> = (0..rest.len()).collect();
            let mut rng = Rng(args.seed + k as u64);
            for _ in 0..first_epoch {
                rng.shuffle(&mut order);
                trainer.epoch(&rest, &order);
            }
            let (w, tr) = trainer.averaged();
            let m = Model::from_float(args.bits, &w, tr);
            for (a, p) in train.iter().enumerate().filter(|(a, _)| a % folds == k) {
                first_tags[a] = tagger::tag_units(&m, &p.units);
            }
            eprintln!(
                "jackknife fold {k}/{folds} ({:.0}s)",
                t0.elapsed().as_secs_f64()
            );
        }
        let data2: Vec<Instance> = train
            .iter()
            .zip(&first_tags)
            .flat_map(|(p, t)| p.units.iter().zip(&p.gold).zip(t))
            .map(|((u, g), t)| Instance::new(&with_first_pass(u, t), g.clone(), args.bits))
            .collect();
        let (s2, e2, second) = train_pass(
            &args,
            &data2,
            |w, tr| {
                let model = first.clone().with_second(&w, tr);
                let s = score_dev(&model, &dev, &dev_arts, opt)?;
                Ok((s, model))
            },
            "pass 2",
            t0,
        )?;
        // Keep the second pass only when it beats the first on dev.
        if s2 > first_score {
            best = Some((s2, e2, second));
        }
    }
    let best = best.or(Some((first_score, first_epoch, first)));
    let (_, epoch, model) = best.context("no epochs")?;
    eprintln!("kept: last pass's epoch {epoch}");
    for nested in [false, true] {
        for orphans in [false, true] {
            let o = DecodeOptions {
                nested,
                orphans,
                ..DecodeOptions::default()
            };
            let s = score_dev(&model, &dev, &dev_arts, o)?;
            eprintln!(
                "decode nested={nested} orphans={orphans}: content@50% {} | cue {} | source {}",
                s.content, s.cue, s.source
            );
        }
    }
    if let Some(prefix) = &args.show {
        for (p, a) in dev.iter().zip(&dev_arts) {
            if !a.name.starts_with(prefix.as_str()) {
                continue;
            }
            let tokens = p.doc.tokens()?;
            let tags = tagger::tag_units(&model, &p.units);
            for (u, (g, t)) in p.units.iter().zip(p.gold.iter().zip(&tags)) {
                println!("--");
                for (k, &i) in u.tokens.iter().enumerate() {
                    let mark = if g[k] == t[k] { "" } else { "  <<" };
                    println!(
                        "{:<24} {:<10} {:<10}{mark}",
                        p.doc.slice(tokens[i].span),
                        g[k].name(),
                        t[k].name()
                    );
                }
            }
        }
    }
    if !args.out.is_empty() {
        let bytes = model.to_bytes();
        std::fs::write(&args.out, &bytes).with_context(|| args.out.clone())?;
        eprintln!("wrote {} ({} bytes)", args.out, bytes.len());
    }
    Ok(())
}
