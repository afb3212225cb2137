//! Main-text extraction measured on trafilatura's evaluation set.
//!
//! Data: `trafilatura-eval/evaldata.json` maps each URL to `{file, with, without}`;
//! the pages are in `trafilatura-eval/html/`.
//!
//! Matching rule (the one of trafilatura's `tests/evaluate.py`, written down here):
//! the extracted text is NFC-normalised; each `with` segment found in it verbatim
//! (plain substring test) is a true positive, each one missing a false negative;
//! each `without` segment found is a false positive, each missing a true negative.
//! A page the extractor fails on counts all `with` as false negatives and all
//! `without` as true negatives. Pages are read as UTF-8, falling back to
//! ISO-8859-1 when that fails (as `load_document_string` does in the script).
//! Precision = tp/(tp+fp), recall = tp/(tp+fn), F = 2tp/(2tp+fp+fn),
//! accuracy = (tp+tn)/all.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;

/// One annotated page.
#[derive(Debug, Deserialize)]
pub struct EvalPage {
    /// File name inside `html/`.
    pub file: String,
    /// Segments that must be in the extracted text.
    #[serde(default)]
    pub with: Vec<String>,
    /// Segments that must not be in the extracted text.
    #[serde(default)]
    pub without: Vec<String>,
}

/// Segment counts of one extractor.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// `with` segments found.
    pub tp: usize,
    /// `with` segments missed.
    pub fn_: usize,
    /// `without` segments found.
    pub fp: usize,
    /// `without` segments absent.
    pub tn: usize,
    /// Pages the extractor failed on.
    pub errors: usize,
}

impl Counts {
    /// Adds the counts of one page (`None`: the extractor failed).
    pub fn add(&mut self, page: &EvalPage, text: Option<&str>) {
        let Some(text) = text else {
            self.errors += 1;
            self.fn_ += page.with.len();
            self.tn += page.without.len();
            return;
        };
        let text: String = text.nfc().collect();
        for s in &page.with {
            if text.contains(s.as_str()) {
                self.tp += 1;
            } else {
                self.fn_ += 1;
            }
        }
        for s in &page.without {
            if text.contains(s.as_str()) {
                self.fp += 1;
            } else {
                self.tn += 1;
            }
        }
    }

    /// tp / (tp + fp).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// tp / (tp + fn).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// 2tp / (2tp + fp + fn).
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
    /// (tp + tn) / all.
    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A main-text extractor under test: page source and URL in, text out.
pub type Extractor = fn(&str, &str) -> Option<String>;

/// Our extractor.
pub fn newsgraph(html: &str, url: &str) -> Option<String> {
    Some(newsgraph_html::extract(html, Some(url)).text)
}

/// The extractors compiled in: ours, plus the crates.io candidates with `--features candidates`.
pub fn extractors() -> Vec<(&'static str, Extractor)> {
    #[allow(unused_mut)]
    let mut v: Vec<(&'static str, Extractor)> = vec![("newsgraph-html", newsgraph)];
    #[cfg(feature = "candidates")]
    v.extend(candidates::all());
    v
}

#[cfg(feature = "candidates")]
mod candidates {
    use super::Extractor;

    pub fn all() -> Vec<(&'static str, Extractor)> {
        vec![
            ("dom_smoothie 0.19", dom_smoothie),
            ("rs-trafilatura 0.2", rs_trafilatura),
            ("trafilatura(-rs) 0.6", trafilatura_rs),
            ("readability 0.3", readability),
        ]
    }

    fn dom_smoothie(html: &str, url: &str) -> Option<String> {
        let mut r = dom_smoothie::Readability::new(html, Some(url), None).ok()?;
        Some(r.parse().ok()?.text_content.to_string())
    }

    fn rs_trafilatura(html: &str, _url: &str) -> Option<String> {
        Some(rs_trafilatura::extract(html).ok()?.content_text)
    }

    fn trafilatura_rs(html: &str, _url: &str) -> Option<String> {
        let opts = trafilatura::Options::default();
        Some(trafilatura::extract(html, &opts).ok()?.content_text)
    }

    fn readability(html: &str, url: &str) -> Option<String> {
        let url = url::Url::parse(url).ok()?;
        let mut input = html.as_bytes();
        Some(readability::extractor::extract(&mut input, &url).ok()?.text)
    }
}

/// The evaluation set as `(url, page)`, sorted by file name (the order the
/// halves A and B are cut from).
pub fn load(dir: &Path) -> Result<Vec<(String, EvalPage)>> {
    let path = dir.join("evaldata.json");
    let raw =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let map: BTreeMap<String, EvalPage> =
        serde_json::from_str(&raw).context("parsing evaldata.json")?;
    let mut pages: Vec<(String, EvalPage)> = map.into_iter().collect();
    pages.sort_by(|a, b| a.1.file.cmp(&b.1.file).then_with(|| a.0.cmp(&b.0)));
    Ok(pages)
}

/// Which fixed half a page belongs to: 0 (A) for the first half of the pages
/// sorted by file name, 1 (B) for the rest. Rules are looked for on A; B
/// checks that a fix generalises.
pub fn half(index: usize, pages: usize) -> usize {
    usize::from(index >= pages.div_ceil(2))
}

/// Reads one page as the Python script does: UTF-8, else ISO-8859-1.
pub fn read_page(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    })
}

/// Result of one extractor over the set.
pub struct Run {
    /// Extractor name.
    pub name: &'static str,
    /// Segment counts over all pages.
    pub counts: Counts,
    /// Segment counts of half A (first half by file name) and half B.
    pub halves: [Counts; 2],
    /// Time spent in the extractor alone.
    pub time: Duration,
    /// Pages run.
    pub pages: usize,
}

/// The errors on one page: `with` segments missed and `without` segments kept.
pub struct PageErrors {
    /// File name.
    pub file: String,
    /// `with` segments not found in the text.
    pub missed: Vec<String>,
    /// `without` segments found in the text.
    pub kept: Vec<String>,
}

/// Lists the errors of one page (see [`Counts::add`] for the rule).
pub fn page_errors(page: &EvalPage, text: Option<&str>) -> PageErrors {
    let text: String = text.unwrap_or("").nfc().collect();
    PageErrors {
        file: page.file.clone(),
        missed: page
            .with
            .iter()
            .filter(|s| !text.contains(s.as_str()))
            .cloned()
            .collect(),
        kept: page
            .without
            .iter()
            .filter(|s| text.contains(s.as_str()))
            .cloned()
            .collect(),
    }
}

fn print_worst(name: &str, worst: &[PageErrors]) {
    println!("worst pages of half A for {name}:");
    for e in worst {
        println!("{} missed {} kept {}", e.file, e.missed.len(), e.kept.len());
        for s in &e.missed {
            println!("  - {}", s.chars().take(100).collect::<String>());
        }
        for s in &e.kept {
            println!("  + {}", s.chars().take(100).collect::<String>());
        }
    }
}

/// Runs the extractors whose name contains `only` (all when `None`) over the
/// set in `dir`; with `report = Some(n)`, prints the `n` pages of half A with
/// most errors per extractor (`-` a missed `with` segment, `+` a kept `without`).
pub fn evaluate(
    dir: &Path,
    only: Option<&str>,
    dump: Option<&Path>,
    report: Option<usize>,
) -> Result<Vec<Run>> {
    let pages = load(dir)?;
    let mut docs = Vec::with_capacity(pages.len());
    for (url, page) in &pages {
        let path: PathBuf = dir.join("html").join(&page.file);
        docs.push((url.as_str(), page, read_page(&path)?));
    }
    let mut runs = Vec::new();
    for (name, f) in extractors() {
        if only.is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let mut counts = Counts::default();
        let mut halves = [Counts::default(); 2];
        let mut time = Duration::ZERO;
        let mut dumped = Vec::new();
        let mut worst = Vec::new();
        for (i, (url, page, html)) in docs.iter().enumerate() {
            let start = Instant::now();
            let out = std::panic::catch_unwind(|| f(html, url)).ok().flatten();
            time += start.elapsed();
            counts.add(page, out.as_deref());
            let h = half(i, docs.len());
            halves[h].add(page, out.as_deref());
            if h == 0 && report.is_some() {
                worst.push(page_errors(page, out.as_deref()));
            }
            if dump.is_some() {
                dumped.push(serde_json::json!({"url": url, "file": page.file, "text": out}));
            }
        }
        if let Some(d) = dump {
            let path = d.join(format!(
                "{}.jsonl",
                name.split_whitespace().next().unwrap_or(name)
            ));
            let body: Vec<String> = dumped.iter().map(|v| v.to_string()).collect();
            std::fs::write(&path, body.join("\n") + "\n")?;
        }
        if let Some(n) = report {
            worst.sort_by_key(|e| std::cmp::Reverse(e.missed.len() + e.kept.len()));
            print_worst(name, &worst[..n.min(worst.len())]);
        }
        runs.push(Run {
            name,
            counts,
            halves,
            time,
            pages: docs.len(),
        });
    }
    Ok(runs)
}

/// Pinned floor for our extractor's F1 on the whole set (measured 0.940 when
/// pinned: half A 0.947, half B 0.934). Raise it when the extractor improves;
/// lowering it takes a commit that says why. Rules are now looked for on half
/// A only and kept when B does not drop, but earlier thresholds were tuned on
/// all pages, so treat the figure as a regression gate, not a generalisation claim.
pub const NEWSGRAPH_F1_FLOOR: f64 = 0.938;

/// Prints the table of runs, then the floor check for our extractor.
pub fn print(runs: &[Run]) {
    println!(
        "{:<22} {:>9} {:>7} {:>7} {:>7} {:>7} {:>5} {:>5} {:>5} {:>5} {:>8}",
        "extractor",
        "precision",
        "recall",
        "acc",
        "F1",
        "errors",
        "tp",
        "fn",
        "fp",
        "tn",
        "pages/s"
    );
    for r in runs {
        let speed = r.pages as f64 / r.time.as_secs_f64().max(1e-9);
        let rows = [
            (r.name.to_string(), r.counts, Some(speed)),
            ("  half A".to_string(), r.halves[0], None),
            ("  half B".to_string(), r.halves[1], None),
        ];
        for (name, c, speed) in rows {
            println!(
                "{:<22} {:>9.3} {:>7.3} {:>7.3} {:>7.3} {:>7} {:>5} {:>5} {:>5} {:>5} {:>8}",
                name,
                c.precision(),
                c.recall(),
                c.accuracy(),
                c.f1(),
                c.errors,
                c.tp,
                c.fn_,
                c.fp,
                c.tn,
                speed.map(|s| format!("{s:.1}")).unwrap_or_default()
            );
        }
    }
    if let Some(ours) = runs.iter().find(|r| r.name == "newsgraph-html") {
        let f1 = ours.counts.f1();
        let verdict = if f1 + 1e-9 >= NEWSGRAPH_F1_FLOOR {
            "ok"
        } else {
            "BELOW THE FLOOR"
        };
        println!("floor: newsgraph-html F1 {f1:.3} vs pinned {NEWSGRAPH_F1_FLOOR:.3}: {verdict}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_segment_rule() {
        let page = EvalPage {
            file: String::new(),
            with: vec!["alpha beta".into(), "gamma".into()],
            without: vec!["Impressum".into(), "delta".into()],
        };
        let mut c = Counts::default();
        c.add(&page, Some("xx alpha beta yy delta"));
        assert_eq!((c.tp, c.fn_, c.fp, c.tn), (1, 1, 1, 1));
        c.add(&page, None);
        assert_eq!((c.tp, c.fn_, c.fp, c.tn, c.errors), (1, 3, 1, 3, 1));
        assert!((c.f1() - 2.0 / 6.0).abs() < 1e-9);
    }
}

/// Metadata checked on pages of trafilatura-eval annotated by hand.
///
/// The annotations (`scripts/compare-trafilatura/meta-annotations.jsonl`)
/// hold byte offsets into the page files, never their text: each text field
/// (title, authors, site name, canonical URL, section) is a `[start, end)`
/// byte range whose slice, read as HTML (tags stripped, entities decoded,
/// white space collapsed), is the gold value; dates are `YYYY-MM-DD`,
/// language a code. A missing field means the page shows none. Each line
/// also holds the FNV-1a 64 hash of the page so that a changed page is
/// reported rather than scored against stale offsets.
///
/// Matching rule, per field and page (a page is right when both sides are
/// empty, or both are set and match): text fields compare lower-cased with
/// white space collapsed; authors as sets of such names; dates on their
/// first ten characters (`YYYY-MM-DD`); language on the primary subtag
/// (`de-DE`, `de_DE` → `de`); the canonical URL without a trailing `/`, and a
/// page with no canonical URL is also right when the extractor returns the
/// page's own URL.
pub mod meta_check {
    use super::*;
    use newsgraph_html::dom::Dom;

    /// One annotated page.
    #[derive(Debug, Deserialize)]
    pub struct Annotation {
        /// File name inside `html/`.
        pub file: String,
        /// FNV-1a 64 of the file, hex.
        pub fnv1a64: String,
        /// Headline.
        pub title: Option<[usize; 2]>,
        /// Bylines of people.
        #[serde(default)]
        pub authors: Vec<[usize; 2]>,
        /// Site or publisher name.
        pub site_name: Option<[usize; 2]>,
        /// Canonical URL.
        pub canonical: Option<[usize; 2]>,
        /// Section.
        pub section: Option<[usize; 2]>,
        /// First publication, `YYYY-MM-DD`.
        pub published: Option<String>,
        /// Last modification, `YYYY-MM-DD`.
        pub modified: Option<String>,
        /// Language code.
        pub language: Option<String>,
    }

    /// The checked fields, in print order.
    pub const FIELDS: [&str; 8] = [
        "title",
        "authors",
        "published",
        "modified",
        "language",
        "site_name",
        "canonical",
        "section",
    ];

    /// Gold or predicted values of one page, normalised for comparison.
    #[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
    pub struct Values {
        /// One entry per [`FIELDS`] name; authors are sorted and joined by `; `.
        pub fields: BTreeMap<&'static str, Option<String>>,
    }

    /// 64-bit FNV-1a (the hash is 5 lines; a crate would add a dependency for nothing).
    pub fn fnv1a64(data: &[u8]) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in data {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }

    /// Lower case, white space collapsed.
    pub fn norm(s: &str) -> String {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }

    fn slice_text(raw: &[u8], r: [usize; 2]) -> Option<String> {
        let bytes = raw.get(r[0]..r[1])?;
        let s = String::from_utf8_lossy(bytes);
        let dom = Dom::parse(&s);
        Some(norm(&dom.text_content(Dom::ROOT))).filter(|s| !s.is_empty())
    }

    fn lang(s: &str) -> String {
        s.split(['-', '_'])
            .next()
            .unwrap_or("")
            .trim()
            .to_lowercase()
    }

    fn authors(names: impl IntoIterator<Item = String>) -> Option<String> {
        let mut v: Vec<String> = names.into_iter().map(|n| norm(&n)).collect();
        v.sort();
        v.dedup();
        Some(v.join("; ")).filter(|s| !s.is_empty())
    }

    /// The gold values of an annotation over the page bytes.
    pub fn gold(a: &Annotation, raw: &[u8]) -> Values {
        let t = |r: Option<[usize; 2]>| r.and_then(|r| slice_text(raw, r));
        let mut f = BTreeMap::new();
        f.insert("title", t(a.title));
        f.insert(
            "authors",
            authors(a.authors.iter().filter_map(|&r| slice_text(raw, r))),
        );
        f.insert("published", a.published.clone());
        f.insert("modified", a.modified.clone());
        f.insert("language", a.language.as_deref().map(lang));
        f.insert("site_name", t(a.site_name));
        f.insert(
            "canonical",
            t(a.canonical).map(|u| u.trim_end_matches('/').to_string()),
        );
        f.insert("section", t(a.section));
        Values { fields: f }
    }

    /// Our extractor's values, normalised as [`gold`]'s.
    pub fn ours(m: &newsgraph_html::PageMeta) -> Values {
        let mut f = BTreeMap::new();
        let n = |s: &Option<String>| s.as_deref().map(norm).filter(|s| !s.is_empty());
        f.insert("title", n(&m.title));
        f.insert("authors", authors(m.authors.iter().cloned()));
        let day = |s: &Option<String>| s.as_deref().map(|d| d.chars().take(10).collect());
        f.insert("published", day(&m.published));
        f.insert("modified", day(&m.modified));
        f.insert("language", m.language.as_deref().map(lang));
        f.insert("site_name", n(&m.site_name));
        f.insert(
            "canonical",
            n(&m.canonical_url).map(|u| u.trim_end_matches('/').to_string()),
        );
        f.insert("section", n(&m.section));
        Values { fields: f }
    }

    /// Whether `pred` matches `gold` on `field` (see the module doc), for a page fetched from `url`.
    pub fn matches(field: &str, gold: &Option<String>, pred: &Option<String>, url: &str) -> bool {
        match (gold, pred) {
            (None, None) => true,
            (None, Some(p)) if field == "canonical" => {
                p == &norm(url).trim_end_matches('/').to_string()
            }
            (Some(g), Some(p)) => {
                if field == "published" || field == "modified" {
                    p.get(..10) == g.get(..10)
                } else {
                    g == p
                }
            }
            _ => false,
        }
    }

    /// Reads the annotations, checks our extractor on them and prints
    /// per-field accuracy; with `dump`, writes gold and our values per page
    /// (`meta.jsonl`) for the side-by-side script. With `errors`, prints each
    /// mismatch.
    pub fn run(dir: &Path, annotations: &Path, dump: Option<&Path>, errors: bool) -> Result<()> {
        let raw = std::fs::read_to_string(annotations)
            .with_context(|| format!("reading {}", annotations.display()))?;
        let urls: BTreeMap<String, String> = load(dir)?
            .into_iter()
            .map(|(url, p)| (p.file, url))
            .collect();
        let mut right = [0usize; FIELDS.len()];
        let mut present = [0usize; FIELDS.len()];
        let mut pages = 0;
        let mut drifted = Vec::new();
        let mut rows = Vec::new();
        for line in raw.lines().filter(|l| !l.trim().is_empty()) {
            let a: Annotation = serde_json::from_str(line).context("annotation line")?;
            let path = dir.join("html").join(&a.file);
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            if fnv1a64(&bytes) != a.fnv1a64 {
                drifted.push(a.file.clone());
                continue;
            }
            let url = urls.get(&a.file).cloned().unwrap_or_default();
            let page = read_page(&path)?;
            let meta = newsgraph_html::extract(&page, Some(&url)).meta;
            let g = gold(&a, &bytes);
            let o = ours(&meta);
            pages += 1;
            for (i, f) in FIELDS.iter().enumerate() {
                let (gv, ov) = (&g.fields[f], &o.fields[f]);
                present[i] += usize::from(gv.is_some());
                if matches(f, gv, ov, &url) {
                    right[i] += 1;
                } else if errors {
                    println!(
                        "{:<40} {f:<10} gold {gv:?} ours {ov:?}",
                        a.file.chars().take(40).collect::<String>()
                    );
                }
            }
            rows.push(
                serde_json::json!({"file": a.file, "url": url, "gold": g.fields, "ours": o.fields}),
            );
        }
        if let Some(d) = dump {
            let body: Vec<String> = rows.iter().map(|v| v.to_string()).collect();
            std::fs::write(d.join("meta.jsonl"), body.join("\n") + "\n")?;
        }
        println!("metadata on {pages} hand-annotated pages (newsgraph-html)");
        println!(
            "{:<10} {:>8} {:>9} {:>8}",
            "field", "accuracy", "right", "present"
        );
        for (i, f) in FIELDS.iter().enumerate() {
            println!(
                "{f:<10} {:>8.3} {:>5}/{:<3} {:>8}",
                ratio(right[i], pages),
                right[i],
                pages,
                present[i]
            );
        }
        if !drifted.is_empty() {
            println!(
                "skipped, page changed since annotation: {}",
                drifted.join(", ")
            );
        }
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn gold_values_come_from_offsets_read_as_html() {
            let raw = b"<h1>Rain &amp; wind</h1><span>By Jane  Doe</span>";
            let a = Annotation {
                file: String::new(),
                fnv1a64: fnv1a64(raw),
                title: Some([4, 19]),
                authors: vec![[33, 42]],
                site_name: None,
                canonical: None,
                section: None,
                published: Some("2024-03-05".into()),
                modified: None,
                language: Some("de".into()),
            };
            let g = gold(&a, raw);
            assert_eq!(g.fields["title"].as_deref(), Some("rain & wind"));
            assert_eq!(g.fields["authors"].as_deref(), Some("jane doe"));
        }

        #[test]
        fn dates_languages_and_canonical_urls_match_as_written_down() {
            let s = |v: &str| Some(v.to_string());
            assert!(matches(
                "published",
                &s("2024-03-05"),
                &s("2024-03-05T10:00:00Z"),
                ""
            ));
            assert!(!matches("published", &s("2024-03-05"), &None, ""));
            assert!(matches("modified", &None, &None, ""));
            assert_eq!(lang("de_DE"), "de");
            assert!(matches(
                "canonical",
                &None,
                &s("https://a.example/x"),
                "https://a.example/x/"
            ));
            assert!(!matches("title", &None, &s("x"), ""));
            assert_eq!(fnv1a64(b""), "cbf29ce484222325");
        }
    }
}
