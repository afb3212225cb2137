//! Word clusters from unlabelled text, built here because no maintained
//! crate does Brown-style clustering: distributional vectors (PPMI of the
//! left and right neighbour among the most frequent words) grouped by spherical k-means into
//! fine clusters, whose centroids are grouped again into coarse clusters.
//!
//! Text: PolNeAR train articles, WikToR texts (Wikipedia), and the tokens of
//! `eng.train`. Never the dev or test splits.

use anyhow::{Context, Result};
use newsgraph_ner::features::{lower_key, normalise, word_key};
use std::collections::HashMap;
use std::path::Path;

const VOCAB: usize = 40_000;
const CONTEXTS: usize = 400;
const DIM: usize = 2 * CONTEXTS;
const FINE: usize = 512;
const COARSE: usize = 64;
const MIN_COUNT: u32 = 4;
const ITERATIONS: usize = 12;

/// Loads `cache` (`word<TAB>coarse<TAB>fine` lines) or builds it.
pub fn load_or_build(
    cache: &Path,
    data: &Path,
    train: &[crate::Doc],
) -> Result<HashMap<u64, [u16; 2]>> {
    if !cache.exists() {
        let table = build(data, train)?;
        let mut out = String::new();
        for (w, [c, f]) in &table {
            out.push_str(&format!("{w}\t{c}\t{f}\n"));
        }
        if let Some(p) = cache.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(cache, out).with_context(|| format!("writing {}", cache.display()))?;
    }
    let text = std::fs::read_to_string(cache)?;
    let mut map = HashMap::new();
    for line in text.lines() {
        let mut it = line.split('\t');
        let (Some(w), Some(c), Some(f)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        map.insert(word_key(w), [c.parse()?, f.parse()?]);
    }
    Ok(map)
}

fn corpus(data: &Path, train: &[crate::Doc]) -> Result<Vec<Vec<String>>> {
    let mut sents: Vec<Vec<String>> = Vec::new();
    for d in train {
        for s in &d.sents {
            sents.push(s.iter().map(|w| lower_key(&normalise(w))).collect());
        }
    }
    for dir in ["polnear/train/text", "geo/wiktor/texts"] {
        let dir = data.join(dir);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("clusters: {} absent, skipped", dir.display());
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            for line in text.lines() {
                let toks = newsgraph_segment::tokenize(line, 0);
                if toks.is_empty() {
                    continue;
                }
                sents.push(
                    toks.iter()
                        .map(|t| lower_key(&normalise(&line[t.span.start..t.span.end])))
                        .collect(),
                );
            }
        }
    }
    Ok(sents)
}

fn build(data: &Path, train: &[crate::Doc]) -> Result<Vec<(String, [u16; 2])>> {
    let sents = corpus(data, train)?;
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in &sents {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = counts
        .into_iter()
        .filter(|(_, c)| *c >= MIN_COUNT)
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    vocab.truncate(VOCAB);
    let index: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    eprintln!(
        "clusters: {} sentences, {} words in vocabulary",
        sents.len(),
        vocab.len()
    );
    // Co-occurrence with the left (ctx) and right (CONTEXTS + ctx) neighbour.
    let mut cooc: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    let bos = CONTEXTS - 1; // sentence boundary shares the last context slot
    for s in &sents {
        let ids: Vec<Option<usize>> = s.iter().map(|w| index.get(w.as_str()).copied()).collect();
        for (i, id) in ids.iter().enumerate() {
            let Some(id) = *id else { continue };
            let left = if i == 0 {
                Some(bos)
            } else {
                ids[i - 1].filter(|&c| c < CONTEXTS - 1)
            };
            let right = if i + 1 == ids.len() {
                Some(bos)
            } else {
                ids[i + 1].filter(|&c| c < CONTEXTS - 1)
            };
            if let Some(l) = left {
                *cooc[id].entry(l as u32).or_default() += 1.0;
            }
            if let Some(r) = right {
                *cooc[id].entry((CONTEXTS + r) as u32).or_default() += 1.0;
            }
        }
    }
    // PPMI and random projection.
    let mut ctx_total = vec![0f64; 2 * CONTEXTS];
    let mut total = 0f64;
    for row in &cooc {
        for (&c, &n) in row {
            ctx_total[c as usize] += n as f64;
            total += n as f64;
        }
    }
    let mut vecs = vec![0f32; vocab.len() * DIM];
    for (w, row) in cooc.iter().enumerate() {
        let wt: f64 = row.values().map(|&n| n as f64).sum();
        let v = &mut vecs[w * DIM..(w + 1) * DIM];
        for (&c, &n) in row {
            let pmi = ((n as f64 * total) / (wt * ctx_total[c as usize])).ln();
            if pmi <= 0.0 {
                continue;
            }
            v[c as usize] += pmi as f32;
        }
        normalize(v);
    }
    let fine = kmeans(&vecs, vocab.len(), FINE, ITERATIONS);
    // Coarse clusters: k-means over the fine centroids.
    let mut cents = vec![0f32; FINE * DIM];
    for (w, &c) in fine.iter().enumerate() {
        for d in 0..DIM {
            cents[c * DIM + d] += vecs[w * DIM + d];
        }
    }
    for c in 0..FINE {
        normalize(&mut cents[c * DIM..(c + 1) * DIM]);
    }
    let coarse = kmeans(&cents, FINE, COARSE, ITERATIONS);
    Ok(vocab
        .iter()
        .zip(&fine)
        .map(|((w, _), &f)| (w.to_string(), [coarse[f] as u16, f as u16]))
        .collect())
}

fn normalize(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// Spherical k-means; the first `k` points (the most frequent words) seed
/// the centroids, so the result is deterministic.
fn kmeans(vecs: &[f32], n: usize, k: usize, iters: usize) -> Vec<usize> {
    let k = k.min(n);
    let mut cents: Vec<f32> = vecs[..k * DIM].to_vec();
    let mut assign = vec![0usize; n];
    for it in 0..iters {
        let mut changed = 0;
        for w in 0..n {
            let v = &vecs[w * DIM..(w + 1) * DIM];
            let mut best = (f32::NEG_INFINITY, 0);
            for c in 0..k {
                let cv = &cents[c * DIM..(c + 1) * DIM];
                let dot: f32 = v.iter().zip(cv).map(|(a, b)| a * b).sum();
                if dot > best.0 {
                    best = (dot, c);
                }
            }
            if assign[w] != best.1 {
                changed += 1;
            }
            assign[w] = best.1;
        }
        cents.iter_mut().for_each(|x| *x = 0.0);
        for (w, &c) in assign.iter().enumerate() {
            for d in 0..DIM {
                cents[c * DIM + d] += vecs[w * DIM + d];
            }
        }
        for c in 0..k {
            normalize(&mut cents[c * DIM..(c + 1) * DIM]);
        }
        eprintln!("k-means {k}: iteration {it}, {changed} changed");
    }
    assign
}
