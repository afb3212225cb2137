//! Prints how long the embedded gazetteer takes to open (decompress,
//! deserialise, index), and how big it is.
//! `cargo run --release --example open_time -p newsgraph-geo [-- FILE...]`
//! With files (other `gazetteer.bin.zst` builds), opens each of them five
//! times instead and prints the fastest run (the machine may be busy).
fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
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
        return;
    }
    for f in files {
        let bytes = std::fs::read(&f).expect("the file reads");
        let mut best = f64::INFINITY;
        let mut size = (0, 0);
        for _ in 0..5 {
            let t0 = std::time::Instant::now();
            let gaz = newsgraph_geo::Gazetteer::open(&bytes).expect("a gazetteer");
            best = best.min(t0.elapsed().as_secs_f64() * 1000.0);
            size = (gaz.len(), gaz.name_count());
        }
        println!(
            "{f}: {} bytes, {} places, {} names: fastest of 5 opens {best:.1} ms",
            bytes.len(),
            size.0,
            size.1
        );
    }
}
