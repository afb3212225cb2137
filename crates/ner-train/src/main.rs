//! `train-ner`: trains the fast NER model on CoNLL-2003 `eng.train`,
//! picks the epoch with the best entity F1 on `eng.testa` (dev), and writes
//! the compressed model.
//!
//! ```text
//! cargo run --release -p newsgraph-ner-train --bin train-ner -- \
//!     --data /work/shared/data --out models/ner-fast/model.bin.zst
//! ```
//!
//! Deterministic: the shuffling is seeded and everything else is ordered.

mod clusters;
mod conll;
mod perceptron;

use anyhow::{Context, Result};
use clap::Parser;
use conll::Score;
use newsgraph_ner::features::{
    add_label_features, document_features, lower_key, normalise, phrase_key, Resources,
};
use newsgraph_ner::model::Model;
use newsgraph_ner::tags::{self, Tag, TYPES};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "train-ner", about = "Train the fast NER model")]
struct Args {
    /// The shared data folder (conll2003/ and unlabelled text for clusters).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "models/ner-fast/model.bin.zst")]
    out: PathBuf,
    /// Passes over the training data (the best one on dev is kept).
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// log2 of the number of weight rows.
    #[arg(long, default_value_t = 20)]
    bits: u32,
    #[arg(long, default_value_t = 17)]
    seed: u64,
    /// Folds for the training-time gazetteer (each document sees entity
    /// strings from the other folds only, as a new article would).
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Word clusters file (`word<TAB>coarse<TAB>fine`), built with
    /// `--build-clusters` when absent. Empty string: no clusters.
    #[arg(long, default_value = "target/ner-clusters.tsv")]
    clusters: String,
    /// 2: add the second stage that sees first-stage labels across the
    /// document; 1: first stage only.
    #[arg(long, default_value_t = 2)]
    stages: usize,
}

/// Evaluates an epoch's model on dev, prints a line, keeps the best.
fn report(
    stage: &str,
    epoch: usize,
    errors: usize,
    model: &Model,
    dev: &[Doc],
    best: &mut Option<(f64, usize, Model)>,
) {
    let (score, secs, words) = evaluate(model, dev);
    let o = score.overall();
    eprintln!(
        "{stage} epoch {epoch:2}: {errors} sentence errors; dev F1 {:.4} (P {:.4} R {:.4}); {:.0} words/s",
        o.f1(),
        o.precision(),
        o.recall(),
        words as f64 / secs
    );
    if best.as_ref().is_none_or(|(b, _, _)| o.f1() > *b) {
        *best = Some((o.f1(), epoch, model.clone()));
    }
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-ner: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A CoNLL document as token strings and BIO tags per sentence.
pub struct Doc {
    pub sents: Vec<Vec<String>>,
    pub tags: Vec<Vec<Tag>>,
}

fn load(path: &std::path::Path) -> Result<Vec<Doc>> {
    let docs = conll::read(path)?;
    Ok(docs
        .into_iter()
        .map(|d| Doc {
            tags: d.iter().map(|s| tags::from_iob(&s.1)).collect(),
            sents: d.into_iter().map(|s| s.0).collect(),
        })
        .collect())
}

fn as_strs(d: &Doc) -> Vec<Vec<&str>> {
    d.sents
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect()
}

/// Entity phrases of `docs` with their types, as gazetteer keys.
fn gazetteer(docs: &[&Doc]) -> HashMap<u64, u8> {
    let mut gaz: HashMap<u64, u8> = HashMap::new();
    for d in docs {
        for (s, t) in d.sents.iter().zip(&d.tags) {
            for (a, b, ty) in tags::chunks(t) {
                if b - a > newsgraph_ner::features::GAZ_MAX_LEN {
                    continue;
                }
                let lowers: Vec<String> =
                    s[a..b].iter().map(|w| lower_key(&normalise(w))).collect();
                let refs: Vec<&str> = lowers.iter().map(String::as_str).collect();
                *gaz.entry(phrase_key(&refs)).or_default() |= 1 << ty;
            }
        }
    }
    gaz
}

/// Demonyms as gazetteer entries (type bit 4).
fn demonym_entries() -> HashMap<u64, u8> {
    let mut gaz = HashMap::new();
    for word in newsgraph_ner::demonyms::table().keys() {
        let lowers: Vec<String> = word.split(' ').map(|w| lower_key(&normalise(w))).collect();
        let refs: Vec<&str> = lowers.iter().map(String::as_str).collect();
        gaz.insert(phrase_key(&refs), 1 << 4);
    }
    gaz
}

fn merge(mut a: HashMap<u64, u8>, b: &HashMap<u64, u8>) -> HashMap<u64, u8> {
    for (k, v) in b {
        *a.entry(*k).or_default() |= v;
    }
    a
}

/// conlleval F1 of `model` on `docs`, with the time spent tagging.
fn evaluate(model: &Model, docs: &[Doc]) -> (Score, f64, usize) {
    let mut score = Score::default();
    let start = Instant::now();
    let mut words = 0;
    let mut all_pred = Vec::with_capacity(docs.len());
    for d in docs {
        let pred = model.tag_document(&as_strs(d));
        words += d.sents.iter().map(Vec::len).sum::<usize>();
        all_pred.push(pred);
    }
    let secs = start.elapsed().as_secs_f64();
    for (d, pred) in docs.iter().zip(all_pred) {
        for (gold, p) in d.tags.iter().zip(pred) {
            let p: Vec<Tag> = p.iter().map(|t| t.tag).collect();
            score.add(gold, &p);
        }
    }
    (score, secs, words)
}

fn run(args: Args) -> Result<()> {
    let t0 = Instant::now();
    let dir = args.data.join("conll2003");
    let train = load(&dir.join("eng.train")).context("training data")?;
    let dev = load(&dir.join("eng.testa")).context("dev data")?;
    eprintln!(
        "train: {} docs, {} sentences; dev: {} docs",
        train.len(),
        train.iter().map(|d| d.sents.len()).sum::<usize>(),
        dev.len()
    );

    let clusters = if args.clusters.is_empty() {
        HashMap::new()
    } else {
        clusters::load_or_build(&PathBuf::from(&args.clusters), &args.data, &train)?
    };
    eprintln!(
        "clusters: {} words ({:.0}s)",
        clusters.len(),
        t0.elapsed().as_secs_f64()
    );

    let demonyms = demonym_entries();
    let all: Vec<&Doc> = train.iter().collect();
    let full = Resources {
        gazetteer: merge(gazetteer(&all), &demonyms),
        clusters: clusters.clone(),
    };
    let k = args.folds.max(1);
    let fold_res: Vec<Resources> = (0..k)
        .map(|f| {
            let others: Vec<&Doc> = train
                .iter()
                .enumerate()
                .filter(|(i, _)| k == 1 || i % k != f)
                .map(|(_, d)| d)
                .collect();
            Resources {
                gazetteer: merge(gazetteer(&others), &demonyms),
                clusters: clusters.clone(),
            }
        })
        .collect();
    eprintln!("gazetteer: {} phrases", full.gazetteer.len());

    // Training instances: per sentence, bucket ids per token and gold tags.
    let mut instances = Vec::new();
    let mut inst_doc = Vec::new();
    for (i, d) in train.iter().enumerate() {
        let feats = document_features(&fold_res[i % k], &as_strs(d));
        for (sf, gold) in feats.into_iter().zip(&d.tags) {
            instances.push(perceptron::Instance::new(&sf, gold.clone(), args.bits));
            inst_doc.push(i);
        }
    }
    eprintln!(
        "features extracted ({:.0}s); training {} epochs, 2^{} rows",
        t0.elapsed().as_secs_f64(),
        args.epochs,
        args.bits
    );

    // Stage 1 on all training documents; the best epoch on dev is kept.
    let mut trainer = perceptron::Trainer::new(args.bits);
    let mut rng = perceptron::Rng(args.seed);
    let mut best: Option<(f64, usize, Model)> = None;
    for epoch in 1..=args.epochs {
        let mut order: Vec<usize> = (0..instances.len()).collect();
        rng.shuffle(&mut order);
        let errors = trainer.epoch(&instances, &order);
        let (w, tr) = trainer.averaged();
        let model = Model::from_float(args.bits, &w, tr, full.clone());
        report("stage 1", epoch, errors, &model, &dev, &mut best);
    }
    drop(trainer);

    if args.stages >= 2 {
        let (_, epoch1, stage1) = best.take().context("no epochs")?;
        // Jackknifed first-stage labels for the training documents: each
        // fold is tagged by a model trained on the other folds, so the second
        // stage learns from first-stage labels as wrong as they will be on
        // new text.
        let mut first: Vec<Vec<Vec<Tag>>> = vec![Vec::new(); train.len()];
        for (f, fold) in fold_res.iter().enumerate() {
            let mut t = perceptron::Trainer::new(args.bits);
            let subset: Vec<usize> = (0..instances.len())
                .filter(|&i| inst_doc[i] % k != f)
                .collect();
            for _ in 0..epoch1 {
                let mut order = subset.clone();
                rng.shuffle(&mut order);
                t.epoch(&instances, &order);
            }
            let (w, tr) = t.averaged();
            let m = Model::from_float(args.bits, &w, tr, fold.clone());
            for (i, d) in train.iter().enumerate().filter(|(i, _)| i % k == f) {
                first[i] = m
                    .tag_document(&as_strs(d))
                    .into_iter()
                    .map(|s| s.into_iter().map(|t| t.tag).collect())
                    .collect();
            }
            eprintln!(
                "jackknife fold {f} tagged ({:.0}s)",
                t0.elapsed().as_secs_f64()
            );
        }
        let mut instances2 = Vec::new();
        for (i, d) in train.iter().enumerate() {
            let strs = as_strs(d);
            let mut feats = document_features(&fold_res[i % k], &strs);
            add_label_features(&mut feats, &strs, &first[i]);
            for (sf, gold) in feats.into_iter().zip(&d.tags) {
                instances2.push(perceptron::Instance::new(&sf, gold.clone(), args.bits));
            }
        }
        drop(instances);
        let mut trainer = perceptron::Trainer::new(args.bits);
        best = None;
        for epoch in 1..=args.epochs {
            let mut order: Vec<usize> = (0..instances2.len()).collect();
            rng.shuffle(&mut order);
            let errors = trainer.epoch(&instances2, &order);
            let (w, tr) = trainer.averaged();
            let model = stage1.clone().with_stage2(&w, tr);
            report("stage 2", epoch, errors, &model, &dev, &mut best);
        }
    }
    let (f1, epoch, model) = best.context("no epochs")?;
    let bytes = model.to_bytes();
    let reread = Model::from_bytes(&bytes)?;
    let (score, _, _) = evaluate(&reread, &dev);
    println!("best epoch {epoch}: dev (eng.testa) conlleval");
    print!("{score}");
    assert!(
        (score.overall().f1() - f1).abs() < 1e-9,
        "re-read model scores differently"
    );
    if let Some(parent) = args.out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "wrote {} ({:.1} MB) in {:.0}s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    let _ = TYPES;
    Ok(())
}
