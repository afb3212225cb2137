//! `newsgraph-eval sentences`: sentence-boundary precision, recall and F1
//! of the segment crate's splitter on rebuilt running text.
//!
//! **Matching rule.** A boundary is the byte offset where a sentence ends
//! (the end of its last token, before any white space). Gold boundaries are
//! the ends of the annotated sentences, predicted ones the ends of the
//! splitter's sentences, both in the same rebuilt text; each document's
//! final end is left out on both sides (trivial). A predicted boundary is
//! correct when the gold set holds the same offset ([`boundary_prf`]),
//! micro-averaged over all documents.
//!
//! **Rebuilt texts.**
//! - CoNLL-2003 dev (`eng.testa`): each document's tokens are detokenised
//!   (no space before `, . ; : ! ? ) ] } %` and clitics like `'s` `n't`,
//!   none after `( [ { $`, a straight double quote opens when it starts a
//!   sentence, closes when it ends one, and otherwise alternates, with the
//!   state carried through the document since quotations span sentences) and its sentences are joined with a single
//!   space into one paragraph, so the splitter gets no help from line
//!   breaks. CoNLL-2003 "sentences" include headlines and datelines
//!   ("LONDON 1996-08-30") without punctuation, and sports tables whose
//!   rows are "sentences": no splitter can find those boundaries in
//!   space-joined text, so recall has a ceiling well below 1. The
//!   `head-lines` variant puts the document's first lines, up to and
//!   including the dateline (the first of the first three sentences that
//!   holds an ISO date token), each on its own line, as a scraped article
//!   would have them; the rest stays one space-joined paragraph.
//! - GUM news (`gum-news/dep/*.conllu`): surface tokens joined with a space
//!   unless `SpaceAfter=No`; sentences of one paragraph joined with a
//!   space, paragraphs (`# newpar`) separated by a newline. Paragraph ends
//!   are found by the paragraph splitter for free, so the figure over
//!   boundaries *inside* paragraphs (both sides restricted to offsets that
//!   are not a paragraph end) is printed too. Documents are grouped by the
//!   official GUM split (`splits.md`): dev is reported; train is printed
//!   as the set the rules were looked at on; test documents are skipped.
//!
//! Both sets also print the recall over gold boundaries that follow
//! sentence-final punctuation (".", "?", "!", "…", before any closing
//! quotes or brackets): what a splitter of running text can be expected to
//! find, separating splitter errors from unpunctuated headlines and tables.
//!
//! As a by-product the tokenizer is scored against the gold tokens of the
//! same rebuilt texts: a predicted token is correct when a gold token has
//! exactly its byte span. CoNLL-2003 tokens are close to our conventions.
//! For GUM the gold tokens are the syntactic words where they spell the
//! surface token ("Warhol's" → "Warhol" "'s"); GUM splits hyphenated words
//! ("all - girl") and we do not, so its figure is lower by design.

use anyhow::Result;
use newsgraph_eval::data::{conll, conllu};
use newsgraph_eval::score::{boundary_prf, Prf};
use std::collections::BTreeSet;
use std::path::Path;

/// A rebuilt text with its gold sentence ends.
#[derive(Debug, Clone, Default)]
pub struct Rebuilt {
    pub text: String,
    /// End offset of every gold sentence, in order.
    pub gold_ends: Vec<usize>,
    /// End offsets of paragraphs (each also a gold sentence end).
    pub paragraph_ends: BTreeSet<usize>,
    /// Byte spans of the gold tokens (CoNLL tokens, GUM surface tokens).
    pub gold_tokens: Vec<(usize, usize)>,
}

/// Tokens after which CoNLL-2003 text has no space.
const NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$", "``", "`"];
/// Tokens before which CoNLL-2003 text has no space.
const NO_SPACE_BEFORE: &[&str] = &[
    ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "'", "'s", "'S", "n't", "N'T", "'m",
    "'M", "'re", "'RE", "'ve", "'VE", "'ll", "'LL", "'d", "'D",
];

/// Appends the detokenised `tokens` of one sentence to `out`.
/// `open_quote` carries the state of straight double quotes across the
/// document's sentences: a quotation often spans several CoNLL sentences.
fn detokenise(
    tokens: &[String],
    open_quote: &mut bool,
    out: &mut String,
    spans: &mut Vec<(usize, usize)>,
) {
    let mut glue_next = true; // no space before the sentence's first token
    let n = tokens.len();
    for (i, tok) in tokens.iter().enumerate() {
        let t = tok.as_str();
        let (space_before, glue_after) = if t == "\"" {
            // First in a sentence: opening; last: closing; else alternate.
            *open_quote = match i {
                0 => true,
                _ if i + 1 == n => false,
                _ => !*open_quote,
            };
            if *open_quote {
                (true, true)
            } else {
                (false, false)
            }
        } else {
            (!NO_SPACE_BEFORE.contains(&t), NO_SPACE_AFTER.contains(&t))
        };
        if space_before && !glue_next {
            out.push(' ');
        }
        spans.push((out.len(), out.len() + t.len()));
        out.push_str(t);
        glue_next = glue_after;
    }
}

fn is_iso_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Rebuilds one CoNLL-2003 document (see the module doc). With
/// `head_lines`, the headline and dateline sentences get their own lines.
pub fn rebuild_conll(doc: &conll::Document, head_lines: bool) -> Rebuilt {
    let mut r = Rebuilt::default();
    let head = if head_lines {
        doc.sentences
            .iter()
            .take(3)
            .position(|s| s.tokens.iter().any(|t| is_iso_date(t)))
            .map_or(0, |i| i + 1)
    } else {
        0
    };
    let mut open_quote = false;
    for (i, s) in doc.sentences.iter().enumerate() {
        if i > 0 {
            if i <= head {
                r.paragraph_ends.insert(r.text.len());
                r.text.push('\n');
            } else {
                r.text.push(' ');
            }
        }
        detokenise(&s.tokens, &mut open_quote, &mut r.text, &mut r.gold_tokens);
        r.gold_ends.push(r.text.len());
    }
    r
}

/// Rebuilds one GUM document (see the module doc).
pub fn rebuild_gum(doc: &conllu::Document) -> Rebuilt {
    let mut r = Rebuilt::default();
    for (i, s) in doc.sentences.iter().enumerate() {
        if i > 0 {
            if s.new_par {
                r.paragraph_ends.insert(r.text.len());
                r.text.push('\n');
            } else {
                r.text.push(' ');
            }
        }
        let n = s.tokens.len();
        for (j, t) in s.tokens.iter().enumerate() {
            // Gold tokens are the syntactic words ("Warhol" "'s") where
            // they spell the surface token, else the surface token.
            let words = s.words.get(t.words.clone()).unwrap_or(&[]);
            let spelled: String = words.iter().map(|w| w.form.as_str()).collect();
            if words.len() > 1 && spelled == t.form {
                let mut at = r.text.len();
                for w in words {
                    r.gold_tokens.push((at, at + w.form.len()));
                    at += w.form.len();
                }
            } else {
                r.gold_tokens
                    .push((r.text.len(), r.text.len() + t.form.len()));
            }
            r.text.push_str(&t.form);
            if t.space_after && j + 1 < n {
                r.text.push(' ');
            }
        }
        r.gold_ends.push(r.text.len());
    }
    r
}

/// The splitter's sentence ends on `text`.
pub fn predicted_ends(text: &str) -> Vec<usize> {
    newsgraph_segment::segment(text)
        .sentences
        .iter()
        .map(|(s, _)| s.end)
        .collect()
}

/// Boundary counts of one rebuilt document; with `inside_paragraphs`, only
/// offsets that are not a paragraph end count.
pub fn score(r: &Rebuilt, pred_ends: &[usize], inside_paragraphs: bool) -> Prf {
    let last = r.gold_ends.last().copied();
    let keep = |e: &usize| {
        Some(*e) != last
            && pred_ends.last() != Some(e)
            && !(inside_paragraphs && r.paragraph_ends.contains(e))
    };
    let gold: BTreeSet<usize> = r.gold_ends.iter().filter(|e| keep(e)).copied().collect();
    let pred: BTreeSet<usize> = pred_ends.iter().filter(|e| keep(e)).copied().collect();
    boundary_prf(&gold, &pred)
}

/// Whether the gold boundary at `end` follows sentence-final punctuation
/// (".", "?", "!", "…", possibly before closing quotes or brackets): the
/// boundaries a splitter can find in running text without line breaks.
fn punctuated(text: &str, end: usize) -> bool {
    text[..end]
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '?', '!', '…'])
}

/// Recall over the gold boundaries that follow sentence-final punctuation.
fn punctuated_recall(docs: &[Rebuilt]) -> (usize, usize) {
    let (mut found, mut total) = (0, 0);
    for r in docs {
        let pred: BTreeSet<usize> = predicted_ends(&r.text).into_iter().collect();
        let last = r.gold_ends.last().copied();
        for &e in &r.gold_ends {
            if Some(e) != last && punctuated(&r.text, e) {
                total += 1;
                found += usize::from(pred.contains(&e));
            }
        }
    }
    (found, total)
}

/// Token agreement: a predicted token is correct when a gold token has
/// exactly its span (start and end), micro-averaged over documents.
fn token_prf(docs: &[Rebuilt], errors: bool) -> Prf {
    let mut prf = Prf::default();
    for r in docs {
        let gold: BTreeSet<(usize, usize)> = r.gold_tokens.iter().copied().collect();
        let pred: BTreeSet<(usize, usize)> = newsgraph_segment::segment(&r.text)
            .tokens
            .iter()
            .map(|t| (t.span.start, t.span.end))
            .collect();
        let tp = gold.intersection(&pred).count();
        if errors {
            for (a, b) in gold.difference(&pred) {
                println!("TOKEN-FN {:?}", &r.text[*a..*b]);
            }
            for (a, b) in pred.difference(&gold) {
                println!("TOKEN-FP {:?}", &r.text[*a..*b]);
            }
        }
        prf.add(Prf {
            tp,
            fp: pred.len() - tp,
            fn_: gold.len() - tp,
        });
    }
    prf
}

/// Scores a set of rebuilt documents; returns (all boundaries, inside
/// paragraphs). With `errors`, prints each error with 40 bytes of context.
fn score_all(docs: &[Rebuilt], errors: bool) -> (Prf, Prf) {
    let mut all = Prf::default();
    let mut inside = Prf::default();
    for r in docs {
        let pred = predicted_ends(&r.text);
        all.add(score(r, &pred, false));
        inside.add(score(r, &pred, true));
        if errors {
            print_errors(r, &pred);
        }
    }
    (all, inside)
}

fn print_errors(r: &Rebuilt, pred: &[usize]) {
    let gold: BTreeSet<usize> = r.gold_ends.iter().copied().collect();
    let pred: BTreeSet<usize> = pred.iter().copied().collect();
    let context = |e: usize| {
        let mut a = e.saturating_sub(40);
        while !r.text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (e + 40).min(r.text.len());
        while !r.text.is_char_boundary(b) {
            b += 1;
        }
        format!("{}|{}", &r.text[a..e], &r.text[e..b]).replace('\n', "\u{23CE}")
    };
    for e in gold.difference(&pred) {
        println!("FN {}", context(*e));
    }
    for e in pred.difference(&gold) {
        println!("FP {}", context(*e));
    }
}

/// The GUM documents named under `## <section>` in `splits.md`.
fn gum_split(splits: &str, section: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut on = false;
    for line in splits.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            on = h.trim() == section;
        } else if on {
            if let Some(name) = line.trim().strip_prefix("* ") {
                out.insert(name.trim().to_string());
            }
        }
    }
    out
}

/// Runs both evaluations and prints their figures.
pub fn run(data: &Path, errors: bool) -> Result<()> {
    if let Some(dir) = newsgraph_eval::dataset_dir(data, "conll2003") {
        let docs = conll::read(&dir.join("eng.testa"))?;
        let plain: Vec<Rebuilt> = docs.iter().map(|d| rebuild_conll(d, false)).collect();
        let heads: Vec<Rebuilt> = docs.iter().map(|d| rebuild_conll(d, true)).collect();
        let (p, _) = score_all(&plain, false);
        let (h, h_inside) = score_all(&heads, errors);
        println!("CoNLL-2003 dev (eng.testa, {} documents)", docs.len());
        println!("  space-joined, one paragraph        {p}");
        println!("  head-lines variant, all            {h}");
        println!("  head-lines variant, inside body    {h_inside}");
        println!(
            "  tokens vs CoNLL tokens (exact span) {}",
            token_prf(&plain, errors)
        );
        let (found, total) = punctuated_recall(&plain);
        println!(
            "  recall on boundaries after . ? ! … {:.4}  ({found} of {total}; the rest follow no punctuation)",
            found as f64 / total.max(1) as f64
        );
    }
    if let Some(dir) = newsgraph_eval::dataset_dir(data, "gum-news") {
        let splits = std::fs::read_to_string(dir.join("splits.md")).unwrap_or_default();
        let mut files: Vec<_> = std::fs::read_dir(dir.join("dep"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
            .collect();
        files.sort();
        for section in ["dev", "train"] {
            let names = gum_split(&splits, section);
            let mut docs = Vec::new();
            for f in &files {
                let stem = f.file_stem().unwrap_or_default().to_string_lossy();
                if names.contains(stem.as_ref()) {
                    docs.extend(conllu::read(f)?.iter().map(rebuild_gum));
                }
            }
            let (all, inside) = score_all(&docs, errors && section == "train");
            println!("GUM news {section} ({} documents)", docs.len());
            println!("  all boundaries                     {all}");
            println!("  inside paragraphs                  {inside}");
            println!(
                "  tokens vs GUM words (exact span)    {}",
                token_prf(&docs, errors && section == "train")
            );
            let (found, total) = punctuated_recall(&docs);
            println!(
                "  recall on boundaries after . ? ! … {:.4}  ({found} of {total})",
                found as f64 / total.max(1) as f64
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conll_doc(sents: &[&str]) -> conll::Document {
        conll::Document {
            sentences: sents
                .iter()
                .map(|s| conll::Sentence {
                    tokens: s.split(' ').map(str::to_string).collect(),
                    ..Default::default()
                })
                .collect(),
        }
    }

    #[test]
    fn detokenises_conll_punctuation_quotes_and_clitics() {
        let d = conll_doc(&[
            "He said \" we do n't know \" ( yet ) , at $ 5 .",
            "Smith 's 10 % rise .",
        ]);
        let r = rebuild_conll(&d, false);
        assert_eq!(
            r.text,
            "He said \"we don't know\" (yet), at $5. Smith's 10% rise."
        );
        let first_end = r.text.find("$5.").unwrap() + 3;
        assert_eq!(r.gold_ends, [first_end, r.text.len()]);
    }

    #[test]
    fn head_lines_variant_puts_headline_and_dateline_on_own_lines() {
        let d = conll_doc(&[
            "SOCCER - BIG WIN",
            "LONDON 1996-08-30",
            "Body one .",
            "Two .",
        ]);
        let r = rebuild_conll(&d, true);
        assert_eq!(
            r.text,
            "SOCCER - BIG WIN\nLONDON 1996-08-30\nBody one. Two."
        );
        assert_eq!(r.paragraph_ends.len(), 2);
    }

    #[test]
    fn scoring_leaves_out_the_final_end_and_optionally_paragraph_ends() {
        let r = Rebuilt {
            text: "A b. C d\nE f. G h.".into(),
            gold_ends: vec![4, 8, 13, 18],
            paragraph_ends: [8].into_iter().collect(),
            gold_tokens: Vec::new(),
        };
        let pred = predicted_ends(&r.text);
        assert_eq!(pred, [4, 8, 13, 18]);
        assert_eq!(
            score(&r, &pred, false),
            Prf {
                tp: 3,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            score(&r, &[8, 18], true),
            Prf {
                tp: 0,
                fp: 0,
                fn_: 2
            }
        );
    }

    #[test]
    fn gum_text_follows_space_after_and_paragraphs() {
        let docs = conllu::parse(
            "# newdoc id = d\n# newpar\n1\tHi\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n\
             1\tYes\t_\t_\t_\t_\t_\t_\t_\t_\n\n# newpar\n1\tNo\t_\t_\t_\t_\t_\t_\t_\t_\n\n",
        );
        let r = rebuild_gum(&docs[0]);
        assert_eq!(r.text, "Hi. Yes\nNo");
        assert_eq!(r.gold_ends, [3, 7, 10]);
        assert!(r.paragraph_ends.contains(&7));
    }

    #[test]
    fn reads_a_split_section() {
        let s = "## dev\n\n  * A\n  * B\n\n## test\n  * C\n";
        assert_eq!(gum_split(s, "dev").len(), 2);
        assert!(gum_split(s, "test").contains("C"));
    }
}
