//! Reads text on stdin, prints the places found (one per line).
//! `cargo run --example geoparse -p newsgraph-geo < article.txt`
use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("stdin is UTF-8");
    for p in newsgraph_geo::Geoparser::embedded().parse_text(&text) {
        let surface = &text[p.span.start..p.span.end];
        match &p.resolved {
            Some(g) => println!(
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
            ),
            None => println!("{}\t{surface:?}\tunresolved", p.span),
        }
    }
}
