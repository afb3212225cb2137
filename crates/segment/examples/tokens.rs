//! Prints the tokens of each argument, `|`-separated with their kinds, to
//! check the tokenizer by hand.
//!
//! `cargo run -p newsgraph-segment --example tokens -- "Mr. Smith's £1.5bn"`

fn main() {
    for text in std::env::args().skip(1) {
        let line: Vec<String> = newsgraph_segment::tokenize(&text, 0)
            .iter()
            .map(|t| format!("{}/{:?}", &text[t.span.start..t.span.end], t.kind))
            .collect();
        println!("{}", line.join(" | "));
    }
}
