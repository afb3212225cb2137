//! Resolution-only debugging: reads a text on stdin, takes names as
//! arguments, gives every occurrence of each name as a toponym span, and
//! prints each name's candidates with the ranker's score and its non-zero
//! features, best first.
//! `cargo run --release --example explain -p newsgraph-geo -- Paris "Henry County" < article.txt`
//! (`EXPLAIN_ROWS=N` prints N candidates per name instead of 6).
use newsgraph_doc::Span;
use newsgraph_geo::rank::{score, FEATURES};
use newsgraph_geo::Geoparser;
use std::io::{ErrorKind, Read, Write};

fn main() {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("stdin is UTF-8");
    let names: Vec<String> = std::env::args().skip(1).collect();
    // A closed pipe (`| head`) ends the program quietly.
    match run(&text, &names, &mut std::io::stdout().lock()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => {
            eprintln!("explain: {e}");
            std::process::exit(1);
        }
        _ => {}
    }
}

/// Writes each name's candidates, best first, with their non-zero features.
fn run(text: &str, names: &[String], out: &mut impl Write) -> std::io::Result<()> {
    let mut spans = Vec::new();
    for name in names {
        spans.extend(
            text.match_indices(name.as_str())
                .map(|(i, _)| Span::new(i, i + name.len())),
        );
    }
    spans.sort_by_key(|s| (s.start, s.end));
    let parser = Geoparser::embedded();
    let gaz = parser.gazetteer();
    let w = newsgraph_geo::rank::weights_from(newsgraph_geo::rank_weights::RANK_WEIGHTS)
        .expect("committed weights");
    let shown: usize = std::env::var("EXPLAIN_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6);
    for (given, cands) in parser.rank_groups(text, &spans) {
        let s = given[0];
        writeln!(
            out,
            "{:?} ({} mentions)",
            &text[s.start..s.end],
            given.len()
        )?;
        let mut rows: Vec<_> = cands.iter().map(|(p, f)| (score(&w, f), *p, f)).collect();
        rows.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (sc, p, f) in rows.iter().take(shown) {
            let e = gaz.place(*p);
            let feats: Vec<String> = FEATURES
                .iter()
                .zip(f.iter())
                .filter(|(_, v)| **v != 0.0)
                .map(|(n, v)| format!("{n}={v:.2}"))
                .collect();
            writeln!(
                out,
                "  {sc:>7.2} {} {} {} {} | {}",
                e.name,
                gaz.feature_code(e),
                e.country_str(),
                e.admin1,
                feats.join(" ")
            )?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod common;

#[cfg(test)]
mod tests {
    use super::*;

    use common::ClosedPipe;

    #[test]
    fn a_closed_pipe_is_an_error_returned_not_a_panic() {
        let text = "Fighting continued near Izyum on Monday.";
        let names = vec!["Izyum".to_string()];
        let e = run(text, &names, &mut ClosedPipe).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::BrokenPipe);
        let mut buf = Vec::new();
        run(text, &names, &mut buf).unwrap();
        assert!(String::from_utf8(buf).unwrap().contains("Izium"));
    }
}
