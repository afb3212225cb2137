//! Reads text on stdin, prints the places found (one per line).
//! `cargo run --example geoparse -p newsgraph-geo < article.txt`
//!
//! Bytes that are not UTF-8 are replaced (with a warning) rather than
//! refused, and output goes through `writeln!`, so that a closed pipe
//! (`| head`) ends the program quietly instead of panicking as `println!`
//! does.
use std::io::{ErrorKind, Read, Write};

/// Writes each place of `text` to `out`.
fn run(text: &str, out: &mut impl Write) -> std::io::Result<()> {
    for p in newsgraph_geo::Geoparser::embedded().parse_text(text) {
        let surface = &text[p.span.start..p.span.end];
        match &p.resolved {
            Some(g) => writeln!(
                out,
                "{}\t{surface:?}\t{} {} {} {:?} {:.2},{:.2} conf {:.2}{}",
                p.span,
                g.name,
                g.feature_code,
                g.country,
                g.admin1,
                g.lat,
                g.lon,
                g.confidence,
                if p.metonymy { " metonymy" } else { "" }
            )?,
            None => writeln!(out, "{}\t{surface:?}\tunresolved", p.span)?,
        }
    }
    out.flush()
}

fn main() {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!("geoparse: cannot read stdin: {e}");
        std::process::exit(2);
    }
    let text = String::from_utf8_lossy(&bytes);
    if let std::borrow::Cow::Owned(_) = text {
        eprintln!("geoparse: stdin is not valid UTF-8; invalid bytes were replaced");
    }
    match run(&text, &mut std::io::stdout().lock()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => {
            eprintln!("geoparse: {e}");
            std::process::exit(1);
        }
        _ => {}
    }
}
