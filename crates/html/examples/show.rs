//! Prints the main text of an HTML file, the chosen container and what was dropped.
//! `cargo run -p newsgraph-html --example show -- page.html [--dropped]`
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: show PAGE.html [--dropped]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).expect("readable file");
    let out = newsgraph_html::extract_bytes(&bytes, None, None);
    let e = &out.extracted;
    if args.next().as_deref() == Some("--dropped") {
        if let Some(c) = &e.container {
            println!("container: {}", &out.source[c.clone()]);
        }
        for d in &e.dropped {
            let tag = &out.source[d.source.clone()];
            println!("dropped {:<40} {}", d.reason, &tag[..tag.len().min(120)]);
        }
        println!(
            "meta: {}",
            serde_json::to_string(&e.meta).unwrap_or_default()
        );
        println!("---");
    }
    println!("{}", e.text);
}
