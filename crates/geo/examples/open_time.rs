//! Prints how long the embedded gazetteer takes to open (decompress,
//! deserialise, index), and how big it is. `cargo run --release --example open_time -p newsgraph-geo`
fn main() {
    let t0 = std::time::Instant::now();
    let gaz = newsgraph_geo::Gazetteer::embedded();
    let opened = t0.elapsed();
    let t1 = std::time::Instant::now();
    let parser = newsgraph_geo::Geoparser::embedded();
    println!(
        "{} places, {} names: opened in {:.1} ms (+{:.1} ms for the parser's demonym table)",
        gaz.len(),
        gaz.name_count(),
        opened.as_secs_f64() * 1000.0,
        t1.elapsed().as_secs_f64() * 1000.0
    );
    assert!(parser.gazetteer().lookup("Izyum").is_some());
}
