//! Tags the time expressions of each line of stdin, resolved against the
//! date given as the first argument:
//! `echo "He left on Friday." | cargo run -p newsgraph-measure --example tag_times 2022-09-16`
use std::io::BufRead;

fn main() {
    let dct = std::env::args().nth(1).and_then(|d| d.parse().ok());
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin is UTF-8");
        for t in newsgraph_measure::timex::extract_str(&line, dct) {
            println!(
                "{:?}\t{}\t{}\t{}",
                &line[t.span.start..t.span.end],
                t.timex_type,
                t.value.unwrap_or_default(),
                t.modifier.unwrap_or_default()
            );
        }
    }
}
