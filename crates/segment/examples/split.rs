//! Prints the sentences of plain-text files, one per line
//! (`file:paragraph<TAB>sentence`), to review the splitter on real text.
//!
//! `cargo run -p newsgraph-segment --example split -- FILE...`

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let seg = newsgraph_segment::segment(&text);
        for (span, p) in &seg.sentences {
            println!("{path}:{p}\t{}", &text[span.start..span.end]);
        }
    }
}
