//! Tells, for each error of the extractor on trafilatura's evaluation set, where
//! it comes from: a missed `with` segment is inside a subtree a rule dropped
//! (the rule is printed), outside the chosen container, or inside it but
//! filtered line-wise; a kept `without` segment is printed with the class/id
//! chain of its element.
//! `cargo run --release -p newsgraph-html --example diagnose -- ../shared/data/trafilatura-eval [A|B|all|score]`
//! Ends with the segment F-score overall and per half (A: first half of the
//! pages by file name, B: the rest), as `newsgraph-eval html` computes it.
use newsgraph_html::dom::{Dom, NodeId, NodeKind};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

#[derive(serde::Deserialize)]
struct Page {
    file: String,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

fn read_page(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).expect("readable page");
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    }
}

/// The page's text with white space collapsed, and the node of each byte.
fn flat_text(dom: &Dom) -> (String, Vec<NodeId>) {
    let mut s = String::new();
    let mut owner = Vec::new();
    for (id, n) in dom.nodes.iter().enumerate() {
        if let NodeKind::Text(t) = &n.kind {
            for w in t.text.split_whitespace() {
                s.push_str(w);
                s.push(' ');
                owner.extend(std::iter::repeat_n(id, w.len() + 1));
            }
        }
    }
    (s, owner)
}

fn chain(dom: &Dom, mut id: NodeId) -> String {
    let mut parts = Vec::new();
    while id != Dom::ROOT && parts.len() < 6 {
        if let Some(e) = dom.element(id) {
            let mut p = e.name.clone();
            if let Some(c) = e.attr("class") {
                p.push('.');
                p.push_str(&c.split_whitespace().collect::<Vec<_>>().join("."));
            }
            if let Some(i) = e.attr("id") {
                p.push('#');
                p.push_str(i);
            }
            parts.push(p);
        }
        id = dom.nodes[id].parent;
    }
    parts.join(" < ")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("data dir"));
    let which = args.next().unwrap_or_else(|| "A".into());
    let raw = std::fs::read_to_string(dir.join("evaldata.json")).expect("evaldata.json");
    let map: BTreeMap<String, Page> = serde_json::from_str(&raw).expect("json");
    let mut pages: Vec<(String, Page)> = map.into_iter().collect();
    pages.sort_by(|a, b| a.1.file.cmp(&b.1.file).then_with(|| a.0.cmp(&b.0)));
    let n = pages.len();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    // (tp, fn, fp) per half.
    let mut counts = [[0usize; 3]; 2];
    let mut time = std::time::Duration::ZERO;
    for (i, (url, page)) in pages.iter().enumerate() {
        let h = usize::from(i >= n.div_ceil(2));
        let half = ["A", "B"][h];
        let html = read_page(&dir.join("html").join(&page.file));
        let start = std::time::Instant::now();
        let out = newsgraph_html::extract(&html, Some(url));
        time += start.elapsed();
        let nfc: String = out.text.nfc().collect();
        for s in &page.with {
            counts[h][if nfc.contains(s.as_str()) { 0 } else { 1 }] += 1;
        }
        counts[h][2] += page
            .without
            .iter()
            .filter(|s| nfc.contains(s.as_str()))
            .count();
        if which == "score" || (which != "all" && which != half) {
            continue;
        }
        let dom = Dom::parse(&html);
        let (flat, owner) = flat_text(&dom);
        let container = out.container.clone();
        let cont_id = container.as_ref().and_then(|c| {
            dom.nodes
                .iter()
                .position(|n| matches!(&n.kind, NodeKind::Element(e) if e.span == *c))
        });
        let locate = |seg: &str| -> Option<NodeId> {
            let norm: String = seg.split_whitespace().collect::<Vec<_>>().join(" ");
            flat.find(&norm).map(|p| owner[p])
        };
        let text: String = out.text.clone();
        for seg in &page.with {
            if text.contains(seg.as_str()) {
                continue;
            }
            let reason = match locate(seg) {
                None => "not in dom text".to_string(),
                Some(node) => {
                    let mut a = node;
                    let mut why = None;
                    let mut inside = false;
                    while a != Dom::ROOT {
                        if Some(a) == cont_id {
                            inside = true;
                        }
                        if let Some(e) = dom.element(a) {
                            if let Some(d) = out.dropped.iter().find(|d| d.source == e.span) {
                                why = Some(d.reason.clone());
                            }
                        }
                        a = dom.nodes[a].parent;
                    }
                    match (why, inside) {
                        (Some(w), _) => format!("dropped {w}"),
                        (None, false) => "outside container".to_string(),
                        (None, true) => "in container, filtered".to_string(),
                    }
                }
            };
            *reasons.entry(format!("MISS {reason}")).or_default() += 1;
            println!(
                "MISS {} [{}] {:?} @ {}",
                page.file,
                reason,
                seg.chars().take(60).collect::<String>(),
                locate(seg).map(|n| chain(&dom, n)).unwrap_or_default()
            );
        }
        for seg in &page.without {
            if !text.contains(seg.as_str()) {
                continue;
            }
            *reasons.entry("KEPT".into()).or_default() += 1;
            println!(
                "KEPT {} {:?} @ {}",
                page.file,
                seg.chars().take(60).collect::<String>(),
                locate(seg).map(|n| chain(&dom, n)).unwrap_or_default()
            );
        }
    }
    for (r, c) in reasons {
        println!("{c:>5} {r}");
    }
    let f = |c: [usize; 3]| 2.0 * c[0] as f64 / (2 * c[0] + c[1] + c[2]) as f64;
    let all = [0, 1, 2].map(|k| counts[0][k] + counts[1][k]);
    println!(
        "F all {:.4} A {:.4} B {:.4}  (tp/fn/fp all {:?} A {:?} B {:?})  {:.0} pages/s",
        f(all),
        f(counts[0]),
        f(counts[1]),
        all,
        counts[0],
        counts[1],
        n as f64 / time.as_secs_f64()
    );
}
