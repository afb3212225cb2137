//! CoNLL-U (Universal Dependencies) reader, as GUM ships it.
//!
//! Keeps what the evaluations need: document and paragraph marks
//! (`# newdoc id = …`, `# newpar`), sentence ids and `# text`, the
//! syntactic words (ID, FORM, LEMMA, UPOS, XPOS, MISC), and the surface
//! tokens with `SpaceAfter=No`. A multi-word token line (`35-36 Trump's`)
//! is one surface token covering its words; its own MISC carries
//! `SpaceAfter`. Empty nodes (`21.1`) are skipped.

use anyhow::{Context, Result};
use std::ops::Range;
use std::path::Path;

/// One syntactic word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// The MISC column as in the file (`_` when empty).
    pub misc: String,
}

/// One surface token: a word, or a multi-word token covering several.
#[derive(Debug, Clone, PartialEq)]
pub struct SurfaceToken {
    pub form: String,
    /// False when MISC says `SpaceAfter=No`.
    pub space_after: bool,
    /// The words it covers, as indices into [`Sentence::words`].
    pub words: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    pub id: Option<String>,
    /// The `# text = …` comment, when present.
    pub text: Option<String>,
    /// A `# newpar` comment precedes this sentence.
    pub new_par: bool,
    pub words: Vec<Word>,
    pub tokens: Vec<SurfaceToken>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// From `# newdoc id = …`; empty if the file has none.
    pub id: String,
    pub sentences: Vec<Sentence>,
}

/// Reads a CoNLL-U file into documents.
pub fn read(path: &Path) -> Result<Vec<Document>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(parse(&text))
}

fn space_after(misc: &str) -> bool {
    !misc.split('|').any(|f| f == "SpaceAfter=No")
}

/// Parses CoNLL-U text. Malformed lines are skipped, never a panic.
pub fn parse(text: &str) -> Vec<Document> {
    let mut docs: Vec<Document> = Vec::new();
    let mut sent = Sentence::default();
    let mut mwt_end: usize = 0; // last word ID covered by the open multi-word token
    let flush = |docs: &mut Vec<Document>, sent: &mut Sentence| {
        if !sent.words.is_empty() {
            if docs.is_empty() {
                docs.push(Document::default());
            }
            docs.last_mut()
                .unwrap()
                .sentences
                .push(std::mem::take(sent));
        }
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut docs, &mut sent);
            mwt_end = 0;
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            let (key, value) = match comment.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (comment, None),
            };
            if key == "newdoc id" || key == "newdoc" {
                flush(&mut docs, &mut sent);
                docs.push(Document {
                    id: value.unwrap_or("").to_string(),
                    sentences: Vec::new(),
                });
            } else if key == "newpar" || key == "newpar id" {
                sent.new_par = true;
            } else if key == "sent_id" {
                sent.id = value.map(str::to_string);
            } else if key == "text" {
                sent.text = value.map(str::to_string);
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            continue;
        }
        let id = cols[0];
        let misc = cols.get(9).copied().unwrap_or("_");
        if id.contains('.') {
            continue; // empty node
        }
        if let Some((a, b)) = id.split_once('-') {
            let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else {
                continue;
            };
            let first = sent.words.len();
            sent.tokens.push(SurfaceToken {
                form: cols[1].to_string(),
                space_after: space_after(misc),
                words: first..first + (b + 1).saturating_sub(a),
            });
            mwt_end = b;
            continue;
        }
        let n: usize = id.parse().unwrap_or(0);
        let word = Word {
            form: cols[1].to_string(),
            lemma: cols.get(2).copied().unwrap_or("_").to_string(),
            upos: cols.get(3).copied().unwrap_or("_").to_string(),
            xpos: cols.get(4).copied().unwrap_or("_").to_string(),
            misc: misc.to_string(),
        };
        let index = sent.words.len();
        if n > mwt_end {
            sent.tokens.push(SurfaceToken {
                form: word.form.clone(),
                space_after: space_after(misc),
                words: index..index + 1,
            });
        }
        sent.words.push(word);
    }
    flush(&mut docs, &mut sent);
    docs.retain(|d| !d.sentences.is_empty());
    // A multi-word token whose words were cut short must not point past them.
    for d in &mut docs {
        for s in &mut d.sentences {
            let n = s.words.len();
            for t in &mut s.tokens {
                t.words = t.words.start.min(n)..t.words.end.min(n);
            }
        }
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = doc1\n# newpar\n# sent_id = s1\n# text = Hi, Ann's dog.\n\
1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n\
2\t,\t,\tPUNCT\t,\t_\t1\tpunct\t_\t_\n\
3-4\tAnn's\t_\t_\t_\t_\t_\t_\t_\t_\n\
3\tAnn\tAnn\tPROPN\tNNP\t_\t5\tnmod\t_\t_\n\
4\t's\t's\tPART\tPOS\t_\t3\tcase\t_\t_\n\
4.1\tghost\tghost\tX\tX\t_\t_\t_\t_\t_\n\
5\tdog\tdog\tNOUN\tNN\t_\t1\tobj\t_\tSpaceAfter=No\n\
6\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\
\n\
# newpar_block = p (1 s)\n# sent_id = s2\n\
1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn reads_documents_paragraphs_and_surface_tokens() {
        let docs = parse(SAMPLE);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, "doc1");
        let s = &docs[0].sentences;
        assert_eq!(s.len(), 2);
        assert!(s[0].new_par);
        assert!(!s[1].new_par, "newpar_block is not newpar");
        assert_eq!(s[0].text.as_deref(), Some("Hi, Ann's dog."));
        assert_eq!(s[0].words.len(), 6);
        let forms: Vec<(&str, bool)> = s[0]
            .tokens
            .iter()
            .map(|t| (t.form.as_str(), t.space_after))
            .collect();
        assert_eq!(
            forms,
            [
                (("Hi"), false),
                (",", true),
                ("Ann's", true),
                ("dog", false),
                (".", true)
            ]
        );
        assert_eq!(s[0].tokens[2].words, 2..4);
    }

    #[test]
    fn malformed_lines_do_not_panic() {
        let docs = parse("garbage\n1\n2\tx\n3-\tbad\n\n#\n");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].sentences[0].words.len(), 1);
    }
}
