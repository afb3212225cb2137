//! `newsgraph-eval quotes`: quotations and speakers on PolNeAR dev.
//!
//! The article text goes through the standard pipeline (the quotation
//! stage last, with the configuration asked for); predictions are compared
//! with one annotator's attributions per article (the annotator id that
//! sorts first, see [`newsgraph_eval::data::polnear`]).
//!
//! **Matching rules.** All offsets are counted in characters (Unicode
//! code points) of the article text.
//! - *Content*: each attribution's content is the range from its first
//!   piece's start to its last piece's end (a split quotation `“A,” he
//!   said. “B.”` is one range on both sides). Scored with
//!   [`score::span_prf`]: one-to-one, best overlap first; *exact* = same
//!   start and end; *overlap* = `|g ∩ p| / max(|g|, |p|) ≥ 0.5`.
//! - *Direct / indirect*: a content range is direct when, white space and
//!   trailing `.,;:` trimmed, it starts and ends with a quotation mark
//!   (`“ ” " '' « »`); otherwise indirect (this includes mixed). The rule
//!   is the same for gold and predictions, and the two classes are scored
//!   separately (a pair only matches within a class).
//! - *Cue*: each attribution's cue range vs each predicted cue, exact and
//!   overlap ≥ 0.5. *Source*: gold source ranges (attributions with no
//!   source left out) vs predicted speaker mentions, exact and overlap.
//! - *Speaker accuracy*: over the content pairs matched at overlap ≥ 0.5
//!   whose gold source contains a name mention that the pipeline's entity
//!   layer ties to an entity ("the source's resolved entity": in the
//!   source's core, up to its first comma or bracket, the last person name,
//!   else the last organisation name — "Clinton spokesman Nick Merrill" is
//!   Merrill), the share whose predicted speaker entity is that entity. Gold sources that are pronouns or descriptions have no entity
//!   of their own in PolNeAR, so they are left out of this figure.
//! - *Direct quotations with a resolved named speaker* (the 0.92
//!   target): over every gold attribution whose content is direct (rule
//!   above) and whose source's core holds a person name tied to an entity
//!   (same head-name rule, persons only), the share matched (overlap ≥ 0.5)
//!   by a predicted quotation whose speaker entity is that person. Unmatched
//!   gold quotations count as misses.
//! - The stage runs with the configuration asked for: `--attribution`
//!   for PolNeAR-style attribution, `--tagger` to choose how the learned
//!   tagger combines with the rules (default: each configuration's own).
//! - Stage cost: wall time of each pipeline stage summed over the articles
//!   (release build). `--ner accurate` runs the accurate entities stage
//!   before, so the two encoders' costs come from the same run.

use anyhow::Result;
use newsgraph_doc::{Doc, Meta, Quote, Stage};
use newsgraph_eval::data::polnear::{self, cover, Article};
use newsgraph_eval::score::{overlap_ratio, span_prf, Matching, Prf};
use newsgraph_pipeline::NerMode;
use newsgraph_quotes::{Config, QuoteStage, TaggerModel, TaggerUse};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

const MARKS: &[&str] = &["“", "”", "\"", "''", "«", "»", "``"];

/// Whether a content text is a direct quotation by the rule above.
pub fn is_direct(s: &str) -> bool {
    let t = s
        .trim()
        .trim_end_matches(|c: char| ".,;:".contains(c))
        .trim_end();
    MARKS.iter().any(|m| t.starts_with(m)) && MARKS.iter().any(|m| t.ends_with(m))
}

/// Counts of one evaluation run.
#[derive(Debug, Default)]
pub struct Report {
    pub articles: usize,
    pub gold: usize,
    pub predicted: usize,
    pub content_exact: Prf,
    pub content_overlap: Prf,
    pub direct_overlap: Prf,
    pub indirect_overlap: Prf,
    pub direct_exact: Prf,
    pub indirect_exact: Prf,
    pub cue_exact: Prf,
    pub cue_overlap: Prf,
    pub source_exact: Prf,
    pub source_overlap: Prf,
    /// (correct, defined) speaker entities over matched pairs.
    pub speaker: (usize, usize),
    /// Matched pairs whose predicted speaker span overlaps the gold source.
    pub speaker_span: (usize, usize),
    /// (resolved to the right person, all) gold direct quotations whose
    /// source names a person.
    pub direct_person: (usize, usize),
    pub stage_time: BTreeMap<&'static str, Duration>,
}

/// Code-point offset of each byte boundary (for the few we ask about).
struct Chars {
    starts: Vec<usize>,
}

impl Chars {
    fn new(text: &str) -> Chars {
        Chars {
            starts: text.char_indices().map(|(b, _)| b).collect(),
        }
    }
    fn of(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
    fn range(&self, r: (usize, usize)) -> (usize, usize) {
        (self.of(r.0), self.of(r.1))
    }
}

/// The pipeline's stages, with the quotation stage (ours, configured)
/// last.
fn stages(config: &Config, ner: NerMode) -> Vec<Box<dyn Stage>> {
    let mut stages: Vec<Box<dyn Stage>> = newsgraph_pipeline::stages_with(ner)
        .into_iter()
        .filter(|s| s.name() != "quotes")
        .collect();
    stages.push(Box::new(QuoteStage::with_config(config.clone())));
    stages
}

/// Greedy one-to-one pairs, best overlap first, at or above `threshold`.
fn pairs(gold: &[(usize, usize)], pred: &[(usize, usize)], threshold: f64) -> Vec<(usize, usize)> {
    let mut cand = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let r = overlap_ratio(*g, *p);
            if r >= threshold {
                cand.push((r, gi, pi));
            }
        }
    }
    cand.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut gu, mut pu) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut out = Vec::new();
    for (_, g, p) in cand {
        if !gu[g] && !pu[p] {
            gu[g] = true;
            pu[p] = true;
            out.push((g, p));
        }
    }
    out
}

fn labelled<'a>(spans: &[(usize, usize)], labels: &'a [&'a str]) -> Vec<(usize, usize, &'a str)> {
    spans
        .iter()
        .zip(labels)
        .map(|(s, l)| (s.0, s.1, *l))
        .collect()
}

/// Runs the pipeline on every article and scores it. With `errors`, prints
/// each missed (FN) and spurious (FP) content range at overlap 0.5.
pub fn evaluate(
    articles: &[Article],
    config: &Config,
    ner: NerMode,
    errors: bool,
) -> Result<Report> {
    let stages = stages(config, ner);
    let mut rep = Report {
        articles: articles.len(),
        ..Report::default()
    };
    for art in articles {
        let mut doc = Doc::new(art.text.clone(), Meta::default());
        for stage in &stages {
            let t = Instant::now();
            stage.run(&mut doc)?;
            *rep.stage_time.entry(stage.name()).or_default() += t.elapsed();
        }
        score_article(&doc, art, &mut rep, errors);
    }
    Ok(rep)
}

fn score_article(doc: &Doc, art: &Article, rep: &mut Report, errors: bool) {
    let text = doc.text();
    let chars = Chars::new(text);
    let quotes: &[Quote] = doc.quotes().map(|q| q.as_slice()).unwrap_or(&[]);
    rep.gold += art.attributions.len();
    rep.predicted += quotes.len();

    let gold_content: Vec<(usize, usize)> = art
        .attributions
        .iter()
        .map(|a| {
            cover(&a.content)
                .or_else(|| cover(&a.cue))
                .unwrap_or((0, 0))
        })
        .collect();
    let pred_content: Vec<(usize, usize)> = quotes
        .iter()
        .map(|q| {
            (
                q.content[0].start,
                q.content.iter().map(|c| c.end).max().unwrap_or(0),
            )
        })
        .collect();
    let class_of = |r: &(usize, usize)| {
        if is_direct(&text[r.0..r.1]) {
            "direct"
        } else {
            "indirect"
        }
    };
    let gold_class: Vec<&str> = gold_content.iter().map(class_of).collect();
    let pred_class: Vec<&str> = pred_content.iter().map(class_of).collect();
    let gc: Vec<_> = gold_content.iter().map(|r| chars.range(*r)).collect();
    let pc: Vec<_> = pred_content.iter().map(|r| chars.range(*r)).collect();
    let unl = |s: &[(usize, usize)]| -> Vec<(usize, usize, &str)> {
        s.iter().map(|r| (r.0, r.1, "")).collect()
    };
    rep.content_exact
        .add(span_prf(&unl(&gc), &unl(&pc), Matching::Exact));
    rep.content_overlap
        .add(span_prf(&unl(&gc), &unl(&pc), Matching::Overlap(0.5)));
    let (gl, pl) = (labelled(&gc, &gold_class), labelled(&pc, &pred_class));
    for (class, exact, overlap) in [
        ("direct", &mut rep.direct_exact, &mut rep.direct_overlap),
        (
            "indirect",
            &mut rep.indirect_exact,
            &mut rep.indirect_overlap,
        ),
    ] {
        let g: Vec<_> = gl.iter().copied().filter(|x| x.2 == class).collect();
        let p: Vec<_> = pl.iter().copied().filter(|x| x.2 == class).collect();
        exact.add(span_prf(&g, &p, Matching::Exact));
        overlap.add(span_prf(&g, &p, Matching::Overlap(0.5)));
    }

    // Cue and source: the same scoring over two different fields.
    let score_field = |gold: Vec<(usize, usize)>,
                       pred: Vec<(usize, usize)>,
                       exact: &mut Prf,
                       overlap: &mut Prf| {
        exact.add(span_prf(&unl(&gold), &unl(&pred), Matching::Exact));
        overlap.add(span_prf(&unl(&gold), &unl(&pred), Matching::Overlap(0.5)));
    };
    let gold_cue = art
        .attributions
        .iter()
        .filter_map(|a| cover(&a.cue))
        .map(|r| chars.range(r))
        .collect();
    let pred_cue = quotes
        .iter()
        .filter_map(|q| q.cue)
        .map(|s| chars.range((s.start, s.end)))
        .collect();
    score_field(gold_cue, pred_cue, &mut rep.cue_exact, &mut rep.cue_overlap);
    let gold_src = art
        .attributions
        .iter()
        .filter_map(|a| cover(&a.source))
        .map(|r| chars.range(r))
        .collect();
    let pred_src = quotes
        .iter()
        .filter_map(|q| q.speaker)
        .map(|s| chars.range((s.start, s.end)))
        .collect();
    score_field(
        gold_src,
        pred_src,
        &mut rep.source_exact,
        &mut rep.source_overlap,
    );

    // Speaker accuracy over matched content pairs.
    let matched = pairs(&gc, &pc, 0.5);
    let entities = doc.entities().ok();
    for &(g, p) in &matched {
        let a = &art.attributions[g];
        let q = &quotes[p];
        let Some(src) = cover(&a.source) else {
            continue;
        };
        if let Some(sp) = q.speaker {
            rep.speaker_span.1 += 1;
            if sp.start < src.1 && src.0 < sp.end {
                rep.speaker_span.0 += 1;
            }
        }
        let gold_entity = source_entity(text, entities, src, &[PERSON, ORGANIZATION]);
        if let Some(e) = gold_entity {
            rep.speaker.1 += 1;
            if q.speaker_entity == Some(e) {
                rep.speaker.0 += 1;
            } else if errors {
                let name = |id: Option<newsgraph_doc::EntityId>| {
                    entities
                        .and_then(|l| l.entities.iter().find(|x| Some(x.id) == id))
                        .map(|x| x.canonical.clone())
                        .unwrap_or_else(|| "-".into())
                };
                println!(
                    "SPK {} gold [{}] = {:?}; predicted [{}] = {:?}",
                    art.name,
                    &text[src.0..src.1],
                    name(Some(e)),
                    q.speaker.map(|s| doc.slice(s)).unwrap_or(""),
                    name(q.speaker_entity)
                );
            }
        }
    }

    // Direct quotations whose gold source names a person: resolved right?
    for (g, a) in art.attributions.iter().enumerate() {
        if gold_class[g] != "direct" {
            continue;
        }
        let Some(src) = cover(&a.source) else {
            continue;
        };
        let Some(person) = source_entity(text, entities, src, &[PERSON]) else {
            continue;
        };
        rep.direct_person.1 += 1;
        let pred = matched
            .iter()
            .find(|&&(mg, _)| mg == g)
            .map(|&(_, p)| &quotes[p]);
        if pred.is_some_and(|q| q.speaker_entity == Some(person)) {
            rep.direct_person.0 += 1;
        } else if errors {
            // One line per miss, with its bucket.
            let bucket = match pred {
                None => "no-quote",
                Some(q) if q.speaker.is_none() => "no-speaker",
                Some(q) if q.speaker_entity.is_none() => "unresolved",
                Some(_) => "wrong-entity",
            };
            let canonical = |id: Option<newsgraph_doc::EntityId>| {
                entities
                    .and_then(|l| l.entities.iter().find(|x| Some(x.id) == id))
                    .map(|x| x.canonical.clone())
                    .unwrap_or_else(|| "-".into())
            };
            let content: String = text[gold_content[g].0..gold_content[g].1]
                .chars()
                .take(100)
                .collect();
            println!(
                "DP {bucket} {} gold [{}] = {:?}; predicted [{}] = {:?}; cue [{}] {}",
                art.name,
                &text[src.0..src.1],
                canonical(Some(person)),
                pred.and_then(|q| q.speaker)
                    .map(|s| doc.slice(s))
                    .unwrap_or(""),
                canonical(pred.and_then(|q| q.speaker_entity)),
                cover(&a.cue).map(|c| &text[c.0..c.1]).unwrap_or(""),
                content.replace('\n', "¶")
            );
        }
    }

    if errors {
        let (mut gu, mut pu) = (vec![false; gc.len()], vec![false; pc.len()]);
        for &(g, p) in &matched {
            gu[g] = true;
            pu[p] = true;
        }
        let show = |r: (usize, usize)| {
            let s: String = text[r.0..r.1].chars().take(160).collect();
            s.replace('\n', "¶")
        };
        for (g, used) in gu.iter().enumerate() {
            if !used {
                let a = &art.attributions[g];
                let cue = cover(&a.cue).map(show).unwrap_or_default();
                let src = cover(&a.source).map(show).unwrap_or_default();
                println!("FN {} [{src}] [{cue}] {}", art.name, show(gold_content[g]));
            }
        }
        for (p, used) in pu.iter().enumerate() {
            if !used {
                let q = &quotes[p];
                let cue = q.cue.map(|s| show((s.start, s.end))).unwrap_or_default();
                let src = q
                    .speaker
                    .map(|s| show((s.start, s.end)))
                    .unwrap_or_default();
                println!("FP {} [{src}] [{cue}] {}", art.name, show(pred_content[p]));
            }
        }
    }
}

const PERSON: newsgraph_doc::EntityLabel = newsgraph_doc::EntityLabel::Person;
const ORGANIZATION: newsgraph_doc::EntityLabel = newsgraph_doc::EntityLabel::Organization;

/// The gold source's resolved entity: in the source's core (up to its first
/// comma or bracket), the last name mention of the first label in `labels`
/// that has one ("Clinton spokesman Nick Merrill" is Merrill).
fn source_entity(
    text: &str,
    entities: Option<&newsgraph_doc::EntityLayer>,
    src: (usize, usize),
    labels: &[newsgraph_doc::EntityLabel],
) -> Option<newsgraph_doc::EntityId> {
    let core_end = text[src.0..src.1]
        .find([',', '('])
        .filter(|&k| k > 0)
        .map_or(src.1, |k| src.0 + k);
    let l = entities?;
    // Mentions are sorted: only those starting inside the core.
    let from = l.mentions.partition_point(|m| m.span.start < src.0);
    let to = l.mentions.partition_point(|m| m.span.start < core_end);
    labels.iter().find_map(|&label| {
        l.mentions[from..to.max(from)]
            .iter()
            .rev()
            .filter(|m| m.span.end <= core_end)
            .filter(|m| m.label == label && m.kind == newsgraph_doc::MentionKind::Name)
            .find_map(|m| m.entity)
    })
}

/// Prints a report.
pub fn print(title: &str, r: &Report) {
    println!("{title}");
    println!(
        "  {} articles, {} gold attributions, {} predicted quotations",
        r.articles, r.gold, r.predicted
    );
    println!("  content exact       {}", r.content_exact);
    println!("  content overlap≥.5  {}", r.content_overlap);
    println!("    direct   exact    {}", r.direct_exact);
    println!("    direct   overlap  {}", r.direct_overlap);
    println!("    indirect exact    {}", r.indirect_exact);
    println!("    indirect overlap  {}", r.indirect_overlap);
    println!("  cue exact           {}", r.cue_exact);
    println!("  cue overlap≥.5      {}", r.cue_overlap);
    println!("  source exact        {}", r.source_exact);
    println!("  source overlap≥.5   {}", r.source_overlap);
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!(
        "  speaker entity accuracy (matched pairs, gold source names an entity): {}/{} = {:.4}",
        r.speaker.0,
        r.speaker.1,
        pct(r.speaker.0, r.speaker.1)
    );
    println!(
        "  speaker span overlaps gold source (matched pairs with both): {}/{} = {:.4}",
        r.speaker_span.0,
        r.speaker_span.1,
        pct(r.speaker_span.0, r.speaker_span.1)
    );
    println!(
        "  direct quotations, gold source a named person, speaker resolved to them: {}/{} = {:.4}",
        r.direct_person.0,
        r.direct_person.1,
        pct(r.direct_person.0, r.direct_person.1)
    );
    let total: Duration = r.stage_time.values().sum();
    let times: Vec<String> = r
        .stage_time
        .iter()
        .map(|(k, v)| format!("{k} {:.1} ms", v.as_secs_f64() * 1e3))
        .collect();
    println!(
        "  stage time over all articles: {} (total {:.1} ms)",
        times.join(", "),
        total.as_secs_f64() * 1e3
    );
}

/// Builds the cue lexicon from a training split: for each lowercase word
/// form, how often it heads a cue (the first word of the cue that is not an
/// auxiliary or adverb of [`newsgraph_quotes::tables::CUE_PREFIX`] nor ends
/// in "-ly") and how often it occurs. Writes rows for forms heading at least `min` cues.
pub fn derive_lexicon(articles: &[Article], min: u32, out: &Path) -> Result<usize> {
    let mut cues: HashMap<String, u32> = HashMap::new();
    let mut occurrences: HashMap<String, u32> = HashMap::new();
    for art in articles {
        let seg = newsgraph_segment::segment(&art.text);
        let words: Vec<(usize, usize, String)> = seg
            .tokens
            .iter()
            .filter(|t| t.kind == newsgraph_doc::TokenKind::Word)
            .map(|t| {
                (
                    t.span.start,
                    t.span.end,
                    art.text[t.span.start..t.span.end].to_lowercase(),
                )
            })
            .collect();
        for w in &words {
            *occurrences.entry(w.2.clone()).or_default() += 1;
        }
        for a in &art.attributions {
            let Some((s, e)) = cover(&a.cue) else {
                continue;
            };
            let from = words.partition_point(|w| w.0 < s);
            let head = words[from..].iter().take_while(|w| w.1 <= e).find(|w| {
                !newsgraph_quotes::tables::CUE_PREFIX.contains(&w.2.as_str())
                    && !w.2.ends_with("ly")
            });
            if let Some(h) = head {
                *cues.entry(h.2.clone()).or_default() += 1;
            }
        }
    }
    let mut rows: Vec<(&String, u32, u32)> = cues
        .iter()
        .filter(|(_, &c)| c >= min)
        .map(|(w, &c)| (w, c, occurrences.get(w).copied().unwrap_or(c).max(c)))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut s = String::from(
        "# form\tcue_count\toccurrences\t(derived from PolNeAR train cue spans by \
         `newsgraph-eval quotes --derive-lexicon`; counts only, no text)\n",
    );
    for (w, c, o) in &rows {
        s.push_str(&format!("{w}\t{c}\t{o}\n"));
    }
    std::fs::write(out, s)?;
    Ok(rows.len())
}

/// The `quotes` subcommand (one argument per command-line flag).
#[allow(clippy::too_many_arguments)]
pub fn run(
    data: &Path,
    attribution: bool,
    min_precision: Option<f32>,
    min_count: Option<u32>,
    errors: bool,
    derive: Option<&Path>,
    tagger: Option<&str>,
    model: Option<&str>,
    decode: Option<&str>,
    ner: Option<&str>,
) -> Result<()> {
    let Some(dir) = newsgraph_eval::dataset_dir(data, "polnear") else {
        return Ok(());
    };
    if let Some(out) = derive {
        let train = polnear::read_split(&dir.join("train"))?;
        let n = derive_lexicon(&train, 3, out)?;
        println!(
            "wrote {n} cue forms from {} train articles to {}",
            train.len(),
            out.display()
        );
        return Ok(());
    }
    let dev = polnear::read_split(&dir.join("dev"))?;
    let mut config = if attribution {
        Config::attribution()
    } else {
        Config::default()
    };
    if let Some(p) = min_precision {
        config.min_cue_precision = p;
    }
    if let Some(c) = min_count {
        config.min_cue_count = c;
    }
    if let Some(t) = tagger {
        config.tagger = match t {
            "off" => TaggerUse::Off,
            "only" => TaggerUse::Only,
            "combined" => TaggerUse::Combined,
            "confirmed" => TaggerUse::Confirmed,
            "union" => TaggerUse::Union,
            other => {
                anyhow::bail!(
                    "--tagger: expected off, only, combined, confirmed or union, not {other:?}"
                )
            }
        };
    }
    if let Some(m) = model {
        config.model = match m {
            "perceptron" => TaggerModel::Perceptron,
            "encoder" => TaggerModel::Encoder,
            "both" => TaggerModel::Both,
            other => anyhow::bail!("--model: expected perceptron, encoder or both, not {other:?}"),
        };
    }
    if let Some(d) = decode {
        let (nested, orphans) = match d {
            "none" => (false, false),
            "nested" => (true, false),
            "orphans" => (false, true),
            "both" => (true, true),
            other => {
                anyhow::bail!("--decode: expected none, nested, orphans or both, not {other:?}")
            }
        };
        config.decode = newsgraph_quotes::tagger::DecodeOptions { nested, orphans };
    }
    let ner = match ner.unwrap_or("fast") {
        "fast" => NerMode::Fast,
        "accurate" => NerMode::Accurate,
        other => anyhow::bail!("--ner: expected fast or accurate, not {other:?}"),
    };
    let rep = evaluate(&dev, &config, ner, errors)?;
    let title = if attribution {
        format!(
            "PolNeAR dev, attribution config (speech verbs + learned cues, precision ≥ {}, count ≥ {}), tagger {:?} ({:?}, {:?}), NER {ner:?}; annotator: first id per article",
            config.min_cue_precision, config.min_cue_count, config.tagger, config.model, config.decode
        )
    } else {
        format!(
            "PolNeAR dev, default config (speech verbs only), tagger {:?} ({:?}, {:?}), NER {ner:?}; annotator: first id per article",
            config.tagger, config.model, config.decode
        )
    };
    print(&title, &rep);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_means_quotation_marks_at_both_ends() {
        assert!(is_direct("“We will win,”"));
        assert!(is_direct("\"No.\" "));
        assert!(is_direct("“A,” he said. “B.”"));
        assert!(!is_direct("that he would “fight on”"));
        assert!(!is_direct("“Fight on” was the motto"));
    }
}
