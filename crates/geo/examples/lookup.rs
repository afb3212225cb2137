//! Prints the gazetteer candidates of each name given as an argument, as
//! the resolver sees them (most populous first), for error analysis.
//! `cargo run --release --example lookup -p newsgraph-geo -- "Tarrant County" Izyum`
//!
//! Output goes through `writeln!`, so that a closed pipe (`| head`) ends the
//! program quietly instead of panicking as `println!` does.
use newsgraph_geo::gazetteer::normalize;
use newsgraph_geo::resolve::candidate_places;
use newsgraph_geo::Gazetteer;
use std::io::{ErrorKind, Write};

/// Writes each name's candidates to `out`.
fn run(gaz: &Gazetteer, names: &[String], out: &mut impl Write) -> std::io::Result<()> {
    for name in names {
        let key = normalize(name);
        let cands = candidate_places(gaz, &key);
        writeln!(out, "{name:?} (key {key:?}): {} candidates", cands.len())?;
        for c in cands {
            let e = gaz.place(c);
            writeln!(
                out,
                "  {:>9} {:<30} {:<6} {} {:<4} {:<4} {:>8.2},{:>8.2} pop {}",
                e.id,
                e.name,
                gaz.feature_code(e),
                e.country_str(),
                e.admin1,
                e.admin2,
                e.lat,
                e.lon,
                e.population
            )?;
        }
    }
    out.flush()
}

fn main() {
    let names: Vec<String> = std::env::args().skip(1).collect();
    match run(Gazetteer::embedded(), &names, &mut std::io::stdout().lock()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => {
            eprintln!("lookup: {e}");
            std::process::exit(1);
        }
        _ => {}
    }
}

#[cfg(test)]
mod common;

#[cfg(test)]
mod tests {
    use super::*;

    use common::ClosedPipe;

    #[test]
    fn a_closed_pipe_is_an_error_returned_not_a_panic() {
        let names = vec!["Paris".to_string()];
        let e = run(Gazetteer::embedded(), &names, &mut ClosedPipe).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::BrokenPipe);
        let mut buf = Vec::new();
        run(Gazetteer::embedded(), &names, &mut buf).unwrap();
        assert!(String::from_utf8(buf).unwrap().contains("\"Paris\" (key"));
    }
}
