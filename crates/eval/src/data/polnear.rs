//! PolNeAR v1.0 (Newell, Margolin & Ruths 2018): attribution relations in
//! US political news, in brat stand-off.
//!
//! Layout: `<split>/text/<name>.txt` and
//! `<split>/attributions/<name>_<annotator>.ann`. In the `.ann` files,
//! `T` lines are `T<n>\t<Role> <start> <end>[;<start> <end>…]\t<text>` with
//! roles `Source`, `Cue`, `Content`, `Attribution` and
//! `Attribution-no-source`, offsets in Unicode code points, discontinuous
//! spans joined by `;` (their text may hold newlines, so a `T` line's text
//! can run over several physical lines: only lines that start like a `T`
//! or `E` record are parsed). `E` lines tie roles into one attribution:
//! `E<n>\tAttribution:T4 Content:T3 Cue:T2 Source:T1` (records may refer
//! to `T`s defined later in the file).
//!
//! **Annotator choice.** Some articles were annotated by several people;
//! this reader keeps, for each article, the file whose annotator id sorts
//! first (deterministic, no adjudication). [`read_multi`] gives every
//! annotator's version of those articles, to measure their agreement.

use anyhow::{Context, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// A span in byte offsets of the article text: pieces of a discontinuous
/// annotation, in order.
pub type Pieces = Vec<(usize, usize)>;

/// One attribution relation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attribution {
    /// Empty when the annotator marked no source.
    pub source: Pieces,
    pub cue: Pieces,
    /// All content pieces (an attribution may have several `Content`
    /// records; their pieces are merged in text order).
    pub content: Pieces,
}

/// An article with one annotator's attributions.
#[derive(Debug, Clone)]
pub struct Article {
    pub name: String,
    pub annotator: String,
    pub text: String,
    pub attributions: Vec<Attribution>,
}

/// Reads every article of a split folder (`…/polnear/dev`), with the
/// attributions of the annotator whose id sorts first.
pub fn read_split(dir: &Path) -> Result<Vec<Article>> {
    let mut out = Vec::new();
    for (name, files) in annotation_files(dir)? {
        let (annotator, path) = &files[0];
        out.push(read_article(dir, &name, annotator, path)?);
    }
    Ok(out)
}

/// The articles of a split that several people annotated, each as one
/// `Article` per annotator (annotator ids in sorted order, so the first is
/// the one [`read_split`] keeps). For measuring how far annotators agree.
pub fn read_multi(dir: &Path) -> Result<Vec<Vec<Article>>> {
    let mut out = Vec::new();
    for (name, files) in annotation_files(dir)? {
        if files.len() < 2 {
            continue;
        }
        let mut group = Vec::with_capacity(files.len());
        for (annotator, path) in &files {
            group.push(read_article(dir, &name, annotator, path)?);
        }
        out.push(group);
    }
    Ok(out)
}

/// Article name → its `(annotator, .ann path)` files, annotators sorted.
fn annotation_files(dir: &Path) -> Result<BTreeMap<String, Vec<(String, PathBuf)>>> {
    let mut files: BTreeMap<String, Vec<(String, PathBuf)>> = BTreeMap::new();
    let ann_dir = dir.join("attributions");
    for entry in std::fs::read_dir(&ann_dir).with_context(|| ann_dir.display().to_string())? {
        let path = entry?.path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().and_then(|e| e.to_str()) != Some("ann") {
            continue;
        }
        let Some((name, annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        files
            .entry(name.to_string())
            .or_default()
            .push((annotator.to_string(), path.clone()));
    }
    for v in files.values_mut() {
        v.sort();
    }
    Ok(files)
}

fn read_article(dir: &Path, name: &str, annotator: &str, path: &Path) -> Result<Article> {
    let text_path = dir.join("text").join(format!("{name}.txt"));
    let text =
        std::fs::read_to_string(&text_path).with_context(|| text_path.display().to_string())?;
    let ann = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let attributions = parse_ann(&ann, &text);
    Ok(Article {
        name: name.to_string(),
        annotator: annotator.to_string(),
        text,
        attributions,
    })
}

/// Parses one `.ann` file against its text (code-point offsets become
/// byte offsets; out-of-range pieces are dropped).
pub fn parse_ann(ann: &str, text: &str) -> Vec<Attribution> {
    // Byte offset of each code point, plus the end.
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let to_bytes = |c: usize| byte_of.get(c).copied();
    let mut tspans: HashMap<&str, (&str, Pieces)> = HashMap::new();
    let mut relations: Vec<Vec<(&str, &str)>> = Vec::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        if id.starts_with('T') && id[1..].chars().all(|c| c.is_ascii_digit()) {
            let Some((role, ranges)) = body.split_once(' ') else {
                continue;
            };
            let mut pieces = Vec::new();
            for r in ranges.split(';') {
                let mut it = r.split(' ');
                let (Some(a), Some(b)) = (it.next(), it.next()) else {
                    continue;
                };
                let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else {
                    continue;
                };
                if let (Some(a), Some(b)) = (to_bytes(a), to_bytes(b)) {
                    if a < b {
                        pieces.push((a, b));
                    }
                }
            }
            tspans.insert(id, (role, pieces));
        } else if id.starts_with('E') && id[1..].chars().all(|c| c.is_ascii_digit()) {
            relations.push(
                body.split_whitespace()
                    .filter_map(|arg| arg.split_once(':'))
                    .collect(),
            );
        }
    }
    let mut out = Vec::with_capacity(relations.len());
    for args in relations {
        let mut a = Attribution::default();
        for (role, t) in args {
            let Some((_, pieces)) = tspans.get(t) else {
                continue;
            };
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            match role {
                "Source" => a.source.extend(pieces),
                "Cue" => a.cue.extend(pieces),
                "Content" => a.content.extend(pieces),
                _ => {}
            }
        }
        for p in [&mut a.source, &mut a.cue, &mut a.content] {
            p.sort();
        }
        if !a.content.is_empty() || !a.cue.is_empty() {
            out.push(a);
        }
    }
    out
}

/// The smallest range covering all pieces, if any.
pub fn cover(p: &Pieces) -> Option<(usize, usize)> {
    Some((p.first()?.0, p.iter().map(|x| x.1).max()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_join_roles_with_forward_references_and_char_offsets() {
        // "“" is 3 bytes: code point 1 is byte 3.
        let text = "“Hi,” he said. “Bye.”";
        let ann = "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
                   T1\tSource 6 8\the\n\
                   T2\tCue 9 13\tsaid\n\
                   T3\tContent 0 5;15 21\t“Hi,” “Bye.”\n\
                   second line of a multi-line text field\n\
                   T4\tAttribution 9 13\tsaid\n";
        let a = parse_ann(ann, text);
        assert_eq!(a.len(), 1);
        let slice = |p: (usize, usize)| &text[p.0..p.1];
        assert_eq!(slice(a[0].source[0]), "he");
        assert_eq!(slice(a[0].cue[0]), "said");
        assert_eq!(a[0].content.len(), 2);
        assert_eq!(slice(a[0].content[0]), "“Hi,”");
        assert_eq!(slice(a[0].content[1]), "“Bye.”");
    }

    #[test]
    fn the_first_annotator_is_kept_and_every_annotator_is_read_for_agreement() {
        let dir = std::env::temp_dir().join(format!("polnear-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("text")).unwrap();
        std::fs::create_dir_all(dir.join("attributions")).unwrap();
        let text = "He said it.";
        for name in ["one", "two"] {
            std::fs::write(dir.join("text").join(format!("{name}.txt")), text).unwrap();
        }
        let cue = "E1\tAttribution:T2 Cue:T1\nT1\tCue 3 7\tsaid\nT2\tAttribution 3 7\tsaid\n";
        // "two" was annotated by "zed" and "amy"; "one" by "kim" alone.
        for (file, ann) in [("two_zed", cue), ("two_amy", ""), ("one_kim", cue)] {
            std::fs::write(dir.join("attributions").join(format!("{file}.ann")), ann).unwrap();
        }
        let single = read_split(&dir).unwrap();
        let kept: Vec<(&str, &str)> = single
            .iter()
            .map(|a| (a.name.as_str(), a.annotator.as_str()))
            .collect();
        assert_eq!(kept, [("one", "kim"), ("two", "amy")]);
        let multi = read_multi(&dir).unwrap();
        assert_eq!(multi.len(), 1);
        let annotators: Vec<&str> = multi[0].iter().map(|a| a.annotator.as_str()).collect();
        assert_eq!(annotators, ["amy", "zed"]);
        assert_eq!(multi[0][0].attributions.len(), 0);
        assert_eq!(multi[0][1].attributions.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
