//! CoNLL-2003 (`token POS chunk NER` per line, IOB1, `-DOCSTART-` between
//! documents, blank line between sentences).

use anyhow::{Context, Result};
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub pos: Vec<String>,
    /// NER tags as in the file (IOB1 in CoNLL-2003).
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub sentences: Vec<Sentence>,
}

/// Reads a CoNLL-2003 file into documents of sentences.
pub fn read(path: &Path) -> Result<Vec<Document>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(parse(&text))
}

pub fn parse(text: &str) -> Vec<Document> {
    let mut docs: Vec<Document> = Vec::new();
    let mut sent = Sentence::default();
    let flush = |docs: &mut Vec<Document>, sent: &mut Sentence| {
        if !sent.tokens.is_empty() {
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
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            flush(&mut docs, &mut sent);
            docs.push(Document::default());
            continue;
        }
        if line.is_empty() {
            flush(&mut docs, &mut sent);
            continue;
        }
        let cols: Vec<&str> = line.split(' ').collect();
        sent.tokens.push(cols[0].to_string());
        sent.pos
            .push(cols.get(1).copied().unwrap_or("_").to_string());
        sent.tags
            .push(cols.last().copied().unwrap_or("O").to_string());
    }
    flush(&mut docs, &mut sent);
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_documents_and_sentences() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nX NN I-NP O\n";
        let docs = super::parse(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].tags, vec!["I-ORG", "O"]);
    }
}
