//! `newsgraph-eval ner [--mode fast|accurate]`: an NER model on CoNLL-2003
//! dev (`eng.testa`): the fast perceptron (`newsgraph-ner`, default) or the
//! accurate encoder (`newsgraph-ner-encoder`).
//!
//! Matching rule: conlleval (see [`crate::score::ConllScore`]): a predicted
//! entity counts when its first token, last token and type equal a gold
//! entity's; micro-averaged over all entities of the file.
//!
//! Two rows are reported:
//! - `tagger`: the model's own BIO output on the CoNLL tokens;
//! - `stage`: after the stage's rules ([`newsgraph_ner::TITLE_RULES`], the
//!   demonym table, headline-case mentions needing support from the body),
//!   with NORP mapped back to MISC for comparison.
//!
//! Also reported, out of domain: Universal NER English-EWT dev (PER, ORG,
//! LOC), where our MISC mentions are dropped before scoring.
//!
//! Speed: words per second of the tagger alone (features + Viterbi), model
//! already decoded, over the whole dev file; the fast tagger runs on one
//! thread, the encoder on rayon's thread pool (all cores; its backend,
//! int8 or f32, is printed: `NEWSGRAPH_NER_BACKEND=f32` evaluates the f32
//! path).

use anyhow::Result;
use newsgraph_doc::{EntityLabel, Span};
use newsgraph_eval::data::conll;
use newsgraph_eval::score::ConllScore;
use newsgraph_ner::Tagged;
use std::path::Path;
use std::time::Instant;

/// Which tagger to evaluate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// The averaged perceptron (`newsgraph-ner`).
    Fast,
    /// The fine-tuned encoder (`newsgraph-ner-encoder`).
    Accurate,
}

/// Documents this many at a time share the encoder's batches.
const ACCURATE_DOCS_PER_CALL: usize = 16;

/// Tags documents (sentences of words) with the chosen model.
fn tag_all(mode: Mode, docs: &[Vec<Vec<&str>>]) -> Vec<Vec<Vec<Tagged>>> {
    match mode {
        Mode::Fast => {
            let model = newsgraph_ner::embedded();
            docs.iter().map(|d| model.tag_document(d)).collect()
        }
        Mode::Accurate => {
            let model = newsgraph_ner_encoder::embedded();
            docs.chunks(ACCURATE_DOCS_PER_CALL)
                .flat_map(|group| {
                    let refs: Vec<&[Vec<&str>]> = group.iter().map(Vec::as_slice).collect();
                    model.tag_documents(&refs)
                })
                .collect()
        }
    }
}

pub fn run(data: &Path, mode: Mode) -> Result<()> {
    let Some(dir) = newsgraph_eval::dataset_dir(data, "conll2003") else {
        return Ok(());
    };
    let docs = conll::read(&dir.join("eng.testa"))?;
    // Decode the model before the clock starts.
    let t_load = Instant::now();
    match mode {
        Mode::Fast => {
            let _ = newsgraph_ner::embedded();
        }
        Mode::Accurate => {
            let _ = newsgraph_ner_encoder::embedded();
        }
    }
    let load_secs = t_load.elapsed().as_secs_f64();
    let inputs: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let words: usize = inputs.iter().flatten().map(Vec::len).sum();
    let start = Instant::now();
    let tagged = tag_all(mode, &inputs);
    let secs = start.elapsed().as_secs_f64();

    let mut tagger = ConllScore::default();
    let mut stage = ConllScore::default();
    for ((doc, input), pred) in docs.iter().zip(&inputs).zip(&tagged) {
        for (sent, p) in doc.sentences.iter().zip(pred) {
            let names: Vec<String> = p.iter().map(|t| t.tag.name()).collect();
            tagger.add(&sent.tags, &names);
        }
        for (sent, tags) in doc.sentences.iter().zip(stage_tags(input, pred)) {
            stage.add(&sent.tags, &tags);
        }
    }
    println!(
        "CoNLL-2003 dev (eng.testa), conlleval, {} documents, {words} words, {mode:?} model (loaded in {load_secs:.2}s)",
        docs.len()
    );
    println!("tagger:\n{tagger}");
    println!("stage (title and headline rules, demonyms as MISC):\n{stage}");
    let how = match mode {
        Mode::Fast => "one thread".to_string(),
        Mode::Accurate => format!(
            "{}, {} threads",
            newsgraph_ner_encoder::embedded().describe(),
            newsgraph_ner_encoder::threads()
        ),
    };
    println!(
        "speed: {:.0} words/s (tagger only, {how}, {secs:.2}s)",
        words as f64 / secs
    );
    uner(data, mode)
}

/// Out of domain: Universal NER English-EWT dev (web text: reviews,
/// answers, email), which has PER, ORG and LOC only. Our MISC predictions
/// are dropped before scoring; same conlleval matching. Documents follow
/// the file's `# newdoc` lines.
fn uner(data: &Path, mode: Mode) -> Result<()> {
    let path = data.join("uner-en-ewt/en_ewt-ud-dev.iob2");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return Ok(());
    };
    // documents → sentences → (tokens, tags)
    let mut docs: Vec<Vec<(Vec<String>, Vec<String>)>> = vec![Vec::new()];
    let mut sent: (Vec<String>, Vec<String>) = Default::default();
    for line in text.lines().chain(std::iter::once("")) {
        if line.starts_with("# newdoc") && !docs.last().unwrap().is_empty() {
            docs.push(Vec::new());
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !sent.0.is_empty() {
                docs.last_mut().unwrap().push(std::mem::take(&mut sent));
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        sent.0.push(cols[1].to_string());
        sent.1.push(cols[2].to_string());
    }
    let inputs: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|doc| {
            doc.iter()
                .map(|s| s.0.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let mut score = ConllScore::default();
    for (doc, tagged) in docs.iter().zip(tag_all(mode, &inputs)) {
        for ((_, gold), pred) in doc.iter().zip(tagged) {
            let names: Vec<String> = pred
                .iter()
                .map(|t| {
                    let n = t.tag.name();
                    if n.ends_with("MISC") {
                        "O".to_string()
                    } else {
                        n
                    }
                })
                .collect();
            score.add(gold, &names);
        }
    }
    println!("\nUNER English-EWT dev (web text, out of domain; PER/ORG/LOC, MISC dropped), {} documents:", docs.len());
    print!("{score}");
    Ok(())
}

/// The stage's mentions for one CoNLL document (sentences joined by
/// newlines), as IOB2 tags per sentence.
fn stage_tags(doc: &[Vec<&str>], tagged: &[Vec<Tagged>]) -> Vec<Vec<String>> {
    let mut text = String::new();
    let mut spans: Vec<Vec<Span>> = Vec::with_capacity(doc.len());
    for sent in doc {
        let mut s = Vec::with_capacity(sent.len());
        for t in sent {
            s.push(Span::new(text.len(), text.len() + t.len()));
            text.push_str(t);
            text.push(' ');
        }
        text.push('\n');
        spans.push(s);
    }
    let mut mentions = newsgraph_ner::mentions_from_tags(&text, &spans, tagged);
    newsgraph_ner::drop_unsupported_headline_mentions(&text, &spans, doc.len() > 1, &mut mentions);
    let mut out: Vec<Vec<String>> = doc.iter().map(|s| vec!["O".to_string(); s.len()]).collect();
    for m in mentions {
        let label = match m.label {
            EntityLabel::Demonym => "MISC",
            l => l.as_str(),
        };
        let Some(si) = spans
            .iter()
            .position(|s| s.iter().any(|t| t.start == m.span.start))
        else {
            continue;
        };
        for (k, t) in spans[si].iter().enumerate() {
            if m.span.contains(*t) {
                let b = if t.start == m.span.start { "B" } else { "I" };
                out[si][k] = format!("{b}-{label}");
            }
        }
    }
    out
}
