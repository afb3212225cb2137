//! Prints the boilerplate marks of plain-text articles, one line each:
//! `file:paragraph KIND rule "text"`, to review the rules on real text.
//!
//! `cargo run -p newsgraph-boilerplate --example mark -- FILE...`

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let spans = newsgraph_segment::paragraph_spans(&text);
        let paras: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        for (i, mark) in newsgraph_boilerplate::classify(&paras).iter().enumerate() {
            if let Some(rule) = mark {
                println!("{path}:{i} {:?} {} {:?}", rule.kind, rule.name, paras[i]);
            }
        }
    }
}
