//! Prints the entities the standard NER + coref stages find in text files:
//! `cargo run --release -p newsgraph-ner-train --example show_tags -- FILE...`
//! (`DEBUG_SENTS=1` also prints the first sentences).

use newsgraph_doc::{Doc, Meta, Stage};
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut d = Doc::new(text, Meta::default());
        newsgraph_segment::ParagraphStage.run(&mut d).unwrap();
        newsgraph_segment::SentenceStage.run(&mut d).unwrap();
        newsgraph_ner::NerStage::new().run(&mut d).unwrap();
        newsgraph_coref::CorefStage.run(&mut d).unwrap();
        println!("== {path}");
        if std::env::var_os("DEBUG_SENTS").is_some() {
            for sent in d.sentences().unwrap().iter().take(3) {
                println!("SENT {:?}", d.slice(sent.span));
            }
        }
        let l = d.entities().unwrap();
        for e in &l.entities {
            let ms: Vec<&str> = e
                .mentions
                .iter()
                .map(|m| d.slice(l.mentions[m.index()].span))
                .collect();
            let attrs: Vec<String> = e
                .attributes
                .iter()
                .map(|a| format!("{}={}", a.key, a.value))
                .collect();
            println!(
                "{} {:?} {:?} {}",
                e.label.as_str(),
                e.canonical,
                ms,
                attrs.join(" ")
            );
        }
    }
}
