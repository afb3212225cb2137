//! Prints the gazetteer candidates of each name given as an argument, as
//! the resolver sees them (most populous first), for error analysis.
//! `cargo run --release --example lookup -p newsgraph-geo -- "Tarrant County" Izyum`
use newsgraph_geo::gazetteer::normalize;
use newsgraph_geo::resolve::candidate_places;
use newsgraph_geo::Gazetteer;

fn main() {
    let gaz = Gazetteer::embedded();
    for name in std::env::args().skip(1) {
        let key = normalize(&name);
        let cands = candidate_places(gaz, &key);
        println!("{name:?} (key {key:?}): {} candidates", cands.len());
        for c in cands {
            let e = gaz.place(c);
            println!(
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
            );
        }
    }
}
