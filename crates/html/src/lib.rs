//! HTML page → main text, a text-to-source byte alignment, and page metadata.
//!
//! Key decision: the main text is extracted over our own small arena DOM
//! built from html5gum's span-reporting tokenizer ([`dom`]), not over a
//! readability/trafilatura port. Those crates return text only; we need every
//! byte of the text to point back at the source byte it came from (entities
//! decoded, white space collapsed) so the UI can highlight in the original
//! page. The crates.io candidates are measured beside ours in
//! `newsgraph-eval html --features candidates`.
//!
//! The extractor makes three linear passes ([`main_text`]), and every
//! heuristic lives in a named table in [`rules`] (boilerplate tags and
//! class/id patterns after trafilatura's `xpaths.py`, body containers,
//! thresholds). Output is one paragraph per line: block elements end lines.
//! A standfirst placed just before the body container ([`rules::LEAD_CONTAINERS`])
//! is kept with it, and a page rendered by scripts, whose JSON-LD
//! `articleBody` is over twice as long as the text found, takes that body
//! (aligned to the script as a whole).
//!
//! ```
//! let page = "<html><body><nav><a href=/>Home</a></nav><article><h1>Title</h1>\
//!             <p>Rain fell on Tuesday &amp; the river rose by two metres, officials said.</p>\
//!             <p>Schools closed early and roads were shut across the district.</p></article></body></html>";
//! let out = newsgraph_html::extract(page, None);
//! assert!(out.text.contains("Tuesday & the river"));
//! assert!(!out.text.contains("Home"));
//! let amp = out.text.find('&').unwrap();
//! assert_eq!(&page[out.alignment.source_range(amp..amp + 1).unwrap()], "&amp;");
//! ```

pub mod align;
pub mod charset;
pub mod dom;
pub mod main_text;
pub mod meta;
pub mod rules;

pub use align::{Alignment, Run};
pub use main_text::Dropped;
pub use meta::PageMeta;
use std::ops::Range;

/// Everything extracted from one page.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Main text, one paragraph per line (`\n`), white space collapsed.
    pub text: String,
    /// Maps each text byte back to the source bytes it came from.
    pub alignment: Alignment,
    /// Byte spans of the paragraphs (lines) of `text`.
    pub paragraphs: Vec<Range<usize>>,
    /// Boilerplate subtrees left out, with the rule that dropped each.
    pub dropped: Vec<Dropped>,
    /// Metadata from JSON-LD, OpenGraph, `<meta>` tags and the page.
    pub meta: PageMeta,
    /// Start tag of the container the text was taken from.
    pub container: Option<Range<usize>>,
}

/// Extracts main text, alignment and metadata from an HTML page.
/// Never fails: any input yields some (maybe empty) text.
pub fn extract(html: &str, url: Option<&str>) -> Extracted {
    let dom = dom::Dom::parse(html);
    let mut mt = main_text::main_text(&dom, html);
    // Pages rendered by scripts: the JSON-LD articleBody when it is much longer.
    let has_body = html.contains("\"articleBody\"");
    if let Some((body, src)) = has_body.then(|| meta::json_ld_article_body(&dom)).flatten() {
        let body_chars = body.chars().count();
        if body_chars >= rules::thresholds::ARTICLE_BODY_MIN_CHARS
            && (mt.text.chars().count() as f64)
                < rules::thresholds::ARTICLE_BODY_SHARE * body_chars as f64
        {
            let mut from_body = main_text::from_article_body(&body, src.clone());
            from_body.dropped = std::mem::take(&mut mt.dropped);
            from_body.container = Some(src);
            mt = from_body;
        }
    }
    Extracted {
        text: mt.text,
        alignment: mt.alignment,
        paragraphs: mt.paragraphs,
        dropped: mt.dropped,
        meta: meta::page_meta(&dom, url),
        container: mt.container,
    }
}

/// Result of [`extract_bytes`]: the decoded source (the alignment refers to
/// its bytes) and the extraction.
#[derive(Debug, Clone)]
pub struct ExtractedBytes {
    /// The page decoded to UTF-8; alignment offsets are into this string.
    pub source: String,
    /// The encoding used.
    pub encoding: &'static str,
    /// The extraction.
    pub extracted: Extracted,
}

/// Decodes raw page bytes (BOM, then `<meta charset>`, then `hint` such as an
/// HTTP `Content-Type` charset, then detection) and extracts from them.
pub fn extract_bytes(bytes: &[u8], hint: Option<&str>, url: Option<&str>) -> ExtractedBytes {
    let (source, encoding) = charset::decode(bytes, hint);
    let extracted = extract(&source, url);
    ExtractedBytes {
        source,
        encoding,
        extracted,
    }
}
