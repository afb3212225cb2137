//! Page metadata: JSON-LD first, then OpenGraph and `<meta>` tags, then the page itself.
//!
//! Each field takes the first source that gives a usable value, in the order
//! of the `*_KEYS` tables. Authors must look like people: [`clean_authors`]
//! splits bylines and filters with the tables [`AUTHOR_PREFIXES`],
//! [`NOT_A_PERSON`] and [`NAME_PARTICLES`].

use crate::dom::{Dom, NodeKind};
use serde::Serialize;
use serde_json::Value;

/// What we know about the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageMeta {
    /// Headline or title.
    pub title: Option<String>,
    /// People who wrote it.
    pub authors: Vec<String>,
    /// First publication, ISO 8601 as found (date or date-time).
    pub published: Option<String>,
    /// Last modification, kept apart from `published`.
    pub modified: Option<String>,
    /// Language tag (`en`, `de-DE`...).
    pub language: Option<String>,
    /// Site or publisher name.
    pub site_name: Option<String>,
    /// Canonical URL.
    pub canonical_url: Option<String>,
    /// Section or category.
    pub section: Option<String>,
    /// Summary line.
    pub description: Option<String>,
}

/// JSON-LD `@type`s that describe the article itself, best first.
pub const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "Article",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "SocialMediaPosting",
    "WebPage",
];

/// `<meta>` keys (`property` or `name`, lower case) per field, best first.
pub const TITLE_KEYS: &[&str] = &["og:title", "twitter:title", "dc.title", "title", "headline"];
/// Publication date keys.
pub const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "published_time",
    "cxenseparse:recs:publishtime",
    "citation_publication_date",
    "og:published_time",
    "datecreated",
];
/// Modification date keys.
pub const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "og:article:modified_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "article.updated",
    "modified_time",
];
/// Author keys.
pub const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "og:article:author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "citation_author",
    "twitter:creator",
    "byl",
    "shareaholic:article_author_name",
    "cxenseparse:author",
];
/// Site name keys.
pub const SITE_KEYS: &[&str] = &[
    "og:site_name",
    "application-name",
    "publisher",
    "dc.publisher",
];
/// Section keys.
pub const SECTION_KEYS: &[&str] = &[
    "article:section",
    "og:article:section",
    "section",
    "parsely-section",
    "category",
];
/// Description keys.
pub const DESCRIPTION_KEYS: &[&str] = &[
    "description",
    "og:description",
    "twitter:description",
    "dc.description",
];
/// Language keys.
pub const LANGUAGE_KEYS: &[&str] = &["og:locale", "content-language", "language", "dc.language"];

/// Byline prefixes removed before splitting (lower case, with their trailing space).
pub const AUTHOR_PREFIXES: &[&str] = &[
    "by ",
    "von ",
    "par ",
    "por ",
    "di ",
    "door ",
    "av ",
    "af ",
    "text: ",
    "text von ",
    "written by ",
    "autor: ",
    "author: ",
    "from ",
    "veröffentlicht von ",
    "geschrieben von ",
    "ein beitrag von ",
    "posted by ",
    "publié par ",
    "publicado por ",
    "autorin: ",
    "autor ",
    "autorin ",
    "rechtsanwalt ",
    "rechtsanwältin ",
];

/// Separators between several authors in one byline.
pub const AUTHOR_SEPARATORS: &[&str] = &[
    " and ", " und ", " et ", " y ", " e ", " en ", " & ", ",", ";", "|", " / ", "\n",
];

/// Lower-case words or phrases that show a byline string is not a person
/// (reading times, weekdays and months, roles, agencies, generic staff names).
pub const NOT_A_PERSON: &[&str] = &[
    "minute",
    "minutes",
    "min read",
    "read",
    "lesezeit",
    "reading",
    "sun",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "january",
    "february",
    "march",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "feb",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "staff",
    "editor",
    "editors",
    "editorial",
    "redaktion",
    "newsroom",
    "desk",
    "team",
    "admin",
    "administrator",
    "news",
    "press",
    "reuters",
    "afp",
    "dpa",
    "ap",
    "associated",
    "agency",
    "agencies",
    "updated",
    "published",
    "comments",
    "share",
    "follow",
    "contributor",
    "guest",
    "online",
    "media",
    "magazine",
    "zeitung",
    "verlag",
    "gmbh",
    "inc",
    "ltd",
    "ag",
    "kna",
    "epd",
    "sid",
    "apa",
    "ansa",
    "efe",
    "photo",
    "foto",
    "bild",
    "video",
    "kitchen",
    "kitchens",
    "sponsored",
    "gesponserte",
    "inhalte",
    "content",
];

/// Lower-case name particles allowed to start lower case inside a person's name.
pub const NAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "dos", "das", "le", "la",
    "bin", "ibn", "al", "el", "ten", "ter", "zu", "y", "e", "af", "mc",
];

/// Longest plausible name, in words.
pub const MAX_NAME_WORDS: usize = 5;

/// Splits author strings into names and keeps those that look like people:
/// not containing digits, URLs or `@`; no word in [`NOT_A_PERSON`]; not the
/// site name; 2..=[`MAX_NAME_WORDS`] words, each capitalised or a particle.
pub fn clean_authors<'a>(
    raw: impl IntoIterator<Item = &'a str>,
    site: Option<&str>,
) -> Vec<String> {
    let site = site.map(|s| s.trim().to_lowercase());
    let mut out: Vec<String> = Vec::new();
    for s in raw {
        let mut parts = vec![s.to_string()];
        for sep in AUTHOR_SEPARATORS {
            parts = parts.iter().flat_map(|p| split_ci(p, sep)).collect();
        }
        for part in parts {
            // "Deutsche Welle (www.dw.com)": a site, not a person.
            if part.contains("www.") {
                continue;
            }
            let name = strip_prefixes(
                without_parentheses(&part)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            if looks_like_person(&name, site.as_deref())
                && !out.iter().any(|o| o.eq_ignore_ascii_case(&name))
            {
                out.push(name);
            }
        }
    }
    out
}

/// Drops parenthesised parts ("Julia Hitz (eg)": the editor's initials).
fn without_parentheses(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn split_ci(s: &str, sep: &str) -> Vec<String> {
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        return s.split(sep).map(str::to_string).collect();
    }
    let mut out = Vec::new();
    let mut last = 0;
    for (i, _) in lower.match_indices(sep) {
        out.push(s[last..i].to_string());
        last = i + sep.len();
    }
    out.push(s[last..].to_string());
    out
}

fn strip_prefixes(mut name: String) -> String {
    loop {
        let lower = name.to_lowercase();
        let Some(p) = AUTHOR_PREFIXES
            .iter()
            .find(|p| lower.starts_with(**p) && lower.len() == name.len())
        else {
            return name
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .to_string();
        };
        name = name[p.len()..].trim().to_string();
    }
}

fn looks_like_person(name: &str, site: Option<&str>) -> bool {
    if name.is_empty()
        || name.chars().any(|c| c.is_ascii_digit())
        || name.contains("http")
        || name.contains('@')
        || name.contains('/')
    {
        return false;
    }
    let lower = name.to_lowercase();
    if site
        .is_some_and(|s| !s.is_empty() && (lower == s || s.contains(&lower) || lower.contains(s)))
    {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 || words.len() > MAX_NAME_WORDS {
        return false;
    }
    words.iter().all(|w| {
        let lw = w.to_lowercase();
        let lw = lw.trim_matches(|c: char| !c.is_alphanumeric());
        !NOT_A_PERSON.contains(&lw)
            && (w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(&lw))
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
    })
}

/// Normalises a date string: keeps `YYYY-MM-DD` and ISO date-times as they
/// are (trimmed), turns RFC 2822 dates into RFC 3339; anything else is dropped.
pub fn normalise_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let iso = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if iso {
        return Some(s.to_string());
    }
    if let Some(d) = day_month_year(s) {
        return Some(d);
    }
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| d.to_rfc3339())
}

/// `DD.MM.YYYY` (optionally followed by a time), the German and central
/// European form, as `YYYY-MM-DD`.
fn day_month_year(s: &str) -> Option<String> {
    let date = s.split_whitespace().next()?;
    let mut it = date.split('.');
    let (d, m, y) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some_and(|r| !r.is_empty()) {
        return None;
    }
    let d: u32 = d.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    let y: i32 = y.parse().ok()?;
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d).filter(|_| y >= 1900)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// JSON-LD written by templates often carries HTML entities (`Harper&#039;s`):
/// decode them with the HTML tokenizer.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let dom = Dom::parse(s);
    dom.text_content(Dom::ROOT)
}

/// The first `<meta>` with this `property`/`name` (lower case) and a non-empty content.
fn metas_first(dom: &Dom, key: &str) -> Option<String> {
    dom.elements_named("meta").find_map(|(_, e)| {
        let k = e.attr("property").or_else(|| e.attr("name"))?;
        if !k.trim().eq_ignore_ascii_case(key) {
            return None;
        }
        e.attr("content")
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
    })
}

fn json_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(decode_entities(s.trim())).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(json_str),
        Value::Object(o) => o.get("name").or_else(|| o.get("@value")).and_then(json_str),
        _ => None,
    }
}

fn json_names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(decode_entities(s)),
        Value::Array(a) => a.iter().for_each(|x| json_names(x, out)),
        Value::Object(o) => {
            if o.get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t == "Organization")
            {
                return;
            }
            if let Some(n) = o.get("name") {
                json_names(n, out);
            }
        }
        _ => {}
    }
}

fn type_rank(v: &Value) -> Option<usize> {
    let t = v.get("@type")?;
    let types: Vec<&str> = match t {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    types
        .iter()
        .filter_map(|t| ARTICLE_TYPES.iter().position(|a| a == t))
        .min()
}

fn collect_objects<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_objects(x, out)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                collect_objects(g, out);
            }
        }
        _ => {}
    }
}

/// The longest JSON-LD `articleBody` of the page, with the source range of
/// the script text it was read from. Pages rendered by scripts often carry
/// their whole text only there.
pub fn json_ld_article_body(dom: &Dom) -> Option<(String, std::ops::Range<usize>)> {
    let mut best: Option<(String, std::ops::Range<usize>)> = None;
    for (id, e) in dom.elements_named("script") {
        if !e
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            continue;
        }
        let Some(src) = dom.nodes[id]
            .children
            .iter()
            .find_map(|&c| match &dom.nodes[c].kind {
                NodeKind::Text(t) => Some(t.src.clone()),
                _ => None,
            })
        else {
            continue;
        };
        let Ok(v) = serde_json::from_str::<Value>(dom.text_content(id).trim()) else {
            continue;
        };
        let mut objects = Vec::new();
        collect_objects(&v, &mut objects);
        for o in objects {
            if let Some(Value::String(b)) = o.get("articleBody") {
                if best.as_ref().is_none_or(|(x, _)| x.len() < b.len()) {
                    best = Some((b.clone(), src.clone()));
                }
            }
        }
    }
    best
}

/// Reads the metadata of a parsed page.
pub fn page_meta(dom: &Dom, url: Option<&str>) -> PageMeta {
    let mut m = PageMeta::default();
    let mut author_raw: Vec<String> = Vec::new();

    // 1. JSON-LD: the article object of the best type.
    let mut blocks = Vec::new();
    for (id, e) in dom.elements_named("script") {
        if e.attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            if let Ok(v) = serde_json::from_str::<Value>(dom.text_content(id).trim()) {
                blocks.push(v);
            }
        }
    }
    let mut objects = Vec::new();
    for b in &blocks {
        collect_objects(b, &mut objects);
    }
    if let Some(a) = objects
        .iter()
        .filter_map(|o| type_rank(o).map(|r| (r, *o)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, o)| o)
    {
        m.title = a
            .get("headline")
            .or_else(|| a.get("name"))
            .and_then(json_str);
        m.published = ["datePublished", "dateCreated"].iter().find_map(|k| {
            a.get(*k)
                .and_then(json_str)
                .and_then(|d| normalise_date(&d))
        });
        m.modified = a
            .get("dateModified")
            .and_then(json_str)
            .and_then(|d| normalise_date(&d));
        // The site's own og:site_name (unless it is a host name) beats the
        // publishing company.
        m.site_name = metas_first(dom, "og:site_name")
            .filter(|s| !host_like(s))
            .or_else(|| a.get("publisher").and_then(json_str));
        m.section = a.get("articleSection").and_then(json_str);
        m.language = a.get("inLanguage").and_then(json_str);
        m.description = a.get("description").and_then(json_str);
        // "author" is often the organisation and "creator" the person.
        for key in ["author", "creator"] {
            if author_raw.is_empty() {
                if let Some(au) = a.get(key) {
                    json_names(au, &mut author_raw);
                }
            }
        }
    }
    if m.site_name.is_none() {
        m.site_name = metas_first(dom, "og:site_name").filter(|s| !host_like(s));
    }
    if m.site_name.is_none() {
        m.site_name = objects
            .iter()
            .find(|o| {
                o.get("@type").and_then(Value::as_str).is_some_and(|t| {
                    t == "WebSite" || t == "Organization" || t == "NewsMediaOrganization"
                })
            })
            .and_then(|o| o.get("name"))
            .and_then(json_str);
    }

    // 2. <meta> tags, <link rel=canonical>, <html lang>, <title>.
    let mut metas: Vec<(String, String)> = Vec::new();
    let mut canonical = None;
    let mut lang = None;
    let mut title_tag = None;
    let mut rel_authors = Vec::new();
    let mut byline_authors = Vec::new();
    for (id, node) in dom.nodes.iter().enumerate() {
        let NodeKind::Element(e) = &node.kind else {
            continue;
        };
        match e.name.as_str() {
            "meta" => {
                let key = e
                    .attr("property")
                    .or_else(|| e.attr("name"))
                    .or_else(|| e.attr("itemprop"))
                    .or_else(|| e.attr("http-equiv"));
                if let (Some(k), Some(v)) = (key, e.attr("content")) {
                    let v = v.trim();
                    if !v.is_empty() {
                        metas.push((k.trim().to_ascii_lowercase(), v.to_string()));
                    }
                }
            }
            "link" if canonical.is_none() => {
                if e.attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("canonical"))
                }) {
                    canonical = e
                        .attr("href")
                        .map(|h| h.trim().to_string())
                        .filter(|h| !h.is_empty());
                }
            }
            "html" if lang.is_none() => {
                lang = e
                    .attr("lang")
                    .or_else(|| e.attr("xml:lang"))
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty())
            }
            "title" if title_tag.is_none() => {
                title_tag = Some(
                    dom.text_content(id)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                )
                .filter(|t| !t.is_empty())
            }
            "a" => {
                if e.attr("rel")
                    .is_some_and(|r| r.split_whitespace().any(|w| w == "author"))
                    || e.attr("itemprop") == Some("author")
                {
                    rel_authors.push(dom.text_content(id));
                }
            }
            _ => {
                if e.attr("itemprop") == Some("author") {
                    rel_authors.push(dom.text_content(id));
                } else if byline_authors.len() < MAX_BYLINES && is_byline(e) {
                    let t = dom.text_content(id);
                    if t.chars().count() <= MAX_BYLINE_CHARS {
                        byline_authors.push(t);
                    }
                }
            }
        }
    }
    let meta = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| metas.iter().find(|(mk, _)| mk == k).map(|(_, v)| v.clone()))
    };
    let meta_date = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .filter(|(mk, _)| mk == k)
                .find_map(|(_, v)| normalise_date(v))
        })
    };
    m.title = m.title.or_else(|| meta(TITLE_KEYS)).or(title_tag);
    let mut title_site = None;
    if let Some(t) = m.title.take() {
        let h1s: Vec<String> = dom
            .elements_named("h1")
            .take(MAX_HEADINGS)
            .map(|(id, _)| collapse(&dom.text_content(id)))
            .collect();
        let (title, site) = split_title(&t, &h1s);
        m.title = Some(title);
        title_site = site;
    }
    m.published = m.published.or_else(|| meta_date(PUBLISHED_KEYS));
    m.modified = m.modified.or_else(|| meta_date(MODIFIED_KEYS));
    m.site_name = m.site_name.or_else(|| meta(SITE_KEYS)).or(title_site);
    m.section = m
        .section
        .or_else(|| meta(SECTION_KEYS))
        .and_then(|s| s.split(',').next().map(|s| s.trim().to_string()))
        .filter(|s| !s.is_empty());
    m.description = m.description.or_else(|| meta(DESCRIPTION_KEYS));
    m.language = m.language.or(lang).or_else(|| meta(LANGUAGE_KEYS));
    m.canonical_url = canonical
        .or_else(|| meta(&["og:url"]))
        .or_else(|| url.map(str::to_string));

    // 3. The page itself: <time datetime> marked as publication.
    if m.published.is_none() {
        m.published = dom
            .elements_named("time")
            .filter(|(_, e)| {
                e.attr("itemprop") == Some("datePublished")
                    || e.attr("pubdate").is_some()
                    || e.attr("class").is_some_and(|c| c.contains("publish"))
            })
            .find_map(|(_, e)| e.attr("datetime").and_then(normalise_date));
    }
    // Last resort: the first <time datetime> outside navigation, asides and
    // footers (lists of other articles put their dates there).
    if m.published.is_none() {
        m.published = dom
            .elements_named("time")
            .filter(|&(id, _)| !inside_any(dom, id, NOT_THE_ARTICLE_DATE))
            .find_map(|(_, e)| e.attr("datetime").and_then(normalise_date));
    }

    if author_raw.is_empty() {
        for k in AUTHOR_KEYS {
            author_raw.extend(
                metas
                    .iter()
                    .filter(|(mk, _)| mk == k)
                    .map(|(_, v)| v.clone()),
            );
            if !author_raw.is_empty() {
                break;
            }
        }
    }
    let mut authors = clean_authors(
        author_raw.iter().map(String::as_str),
        m.site_name.as_deref(),
    );
    // Page-level sources (rel=author links, bylines) list other articles'
    // authors too: more names than a byline holds means we cannot tell.
    for page_level in [&rel_authors, &byline_authors] {
        if authors.is_empty() {
            authors = clean_authors(
                page_level.iter().map(String::as_str),
                m.site_name.as_deref(),
            );
            if authors.len() > MAX_PAGE_AUTHORS {
                authors.clear();
            }
        }
    }
    m.authors = authors;
    m
}

/// Elements whose `<time>` is not the article's date.
pub const NOT_THE_ARTICLE_DATE: &[&str] = &["nav", "aside", "footer", "li"];
/// How many `<h1>` are compared with the title.
pub const MAX_HEADINGS: usize = 4;
/// Separators between a headline and the site name in a `<title>`.
pub const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " // ", " · ", "|"];

/// A host name ("www.example.com") rather than a site's name.
fn host_like(s: &str) -> bool {
    !s.contains(' ') && s.contains('.')
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn inside_any(dom: &Dom, mut id: usize, names: &[&str]) -> bool {
    while id != Dom::ROOT {
        id = dom.nodes[id].parent;
        if names.contains(&dom.name(id)) {
            return true;
        }
    }
    false
}

/// Splits a page title into the headline and the site name around a
/// [`TITLE_SEPARATORS`] separator: when an `<h1>` of the page is the
/// title's start or end, the headline is that `<h1>` and the rest, if it is
/// one separated part, the site name.
pub fn split_title(title: &str, h1s: &[String]) -> (String, Option<String>) {
    let title = collapse(title);
    for h in h1s
        .iter()
        .filter(|h| h.chars().count() >= 3 && h.len() < title.len())
    {
        let rest = if let Some(r) = title.strip_prefix(h.as_str()) {
            r
        } else if let Some(r) = title.strip_suffix(h.as_str()) {
            r
        } else {
            continue;
        };
        let Some(sep) = TITLE_SEPARATORS
            .iter()
            .find(|s| rest.starts_with(**s) || rest.ends_with(**s))
        else {
            continue;
        };
        let site = rest.trim_start_matches(sep).trim_end_matches(sep).trim();
        let site = (!site.is_empty() && !TITLE_SEPARATORS.iter().any(|s| site.contains(s.trim())))
            .then(|| site.to_string());
        return (h.clone(), site);
    }
    (title, None)
}

/// Class or id words of elements whose text is a byline, the last source of authors.
pub const BYLINE_MARKERS: &[&str] = &[
    "byline",
    "author-name",
    "authorname",
    "article-author",
    "post-author",
    "autor",
    "author",
];
/// Longest byline text read (longer is an author bio, not a byline).
pub const MAX_BYLINE_CHARS: usize = 120;
/// More names than this from page-level sources are a list of other articles' authors.
pub const MAX_PAGE_AUTHORS: usize = 4;
/// How many byline elements are read at most.
pub const MAX_BYLINES: usize = 8;

fn is_byline(e: &crate::dom::Element) -> bool {
    let class = e.attr("class").unwrap_or("").to_ascii_lowercase();
    let id = e.attr("id").unwrap_or("").to_ascii_lowercase();
    class
        .split_ascii_whitespace()
        .chain(id.split_ascii_whitespace())
        .any(|w| BYLINE_MARKERS.contains(&w) || w.ends_with("__author") || w.ends_with("-byline"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_split_into_people() {
        assert_eq!(
            clean_authors(["By Jane Doe and John Smith"], None),
            vec!["Jane Doe", "John Smith"]
        );
        assert_eq!(
            clean_authors(["Ludwig van Beethoven, Ana de la Cruz"], None),
            vec!["Ludwig van Beethoven", "Ana de la Cruz"]
        );
    }

    #[test]
    fn reading_times_dates_and_site_names_are_not_people() {
        assert!(clean_authors(["5 Minute Read"], None).is_empty());
        assert!(clean_authors(["Minute Read"], None).is_empty());
        assert!(clean_authors(["Sun October"], None).is_empty());
        assert!(clean_authors(["The Daily Planet"], Some("The Daily Planet")).is_empty());
        assert!(clean_authors(["Reuters Staff"], None).is_empty());
        assert!(clean_authors(["https://example.com/jane"], None).is_empty());
    }

    #[test]
    fn json_ld_strings_have_their_entities_decoded() {
        let page = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"A &amp; B","publisher":{"name":"Harper&#039;s Magazine"}}</script>"#;
        let m = page_meta(&Dom::parse(page), None);
        assert_eq!(m.title.as_deref(), Some("A & B"));
        assert_eq!(m.site_name.as_deref(), Some("Harper's Magazine"));
    }

    #[test]
    fn titles_lose_the_site_name_when_an_h1_is_the_headline() {
        let h1 = vec!["Rain closes the valley road".to_string()];
        assert_eq!(
            split_title("Rain closes the valley road – Valley News", &h1),
            (
                "Rain closes the valley road".to_string(),
                Some("Valley News".to_string())
            )
        );
        assert_eq!(
            split_title("Valley News | Rain closes the valley road", &h1).0,
            "Rain closes the valley road"
        );
        // No h1 to confirm the split: the title stays whole.
        assert_eq!(split_title("A - B", &[]).0, "A - B");
    }

    #[test]
    fn creator_is_read_when_the_author_is_an_organisation_and_initials_are_dropped() {
        let page = r#"<meta property="og:site_name" content="Valley News"><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","publisher":{"name":"Valley Media Group GmbH"},"author":{"@type":"Organization","name":"Valley News"},"creator":{"@type":"Person","name":"Jane Doe"}}</script>"#;
        let m = page_meta(&Dom::parse(page), None);
        assert_eq!(m.authors, vec!["Jane Doe"]);
        assert_eq!(m.site_name.as_deref(), Some("Valley News"));
        assert_eq!(
            clean_authors(["Author: Julia Hitz (eg)"], None),
            vec!["Julia Hitz"]
        );
        assert!(clean_authors(["Deutsche Welle (www.dw.com)"], None).is_empty());
    }

    #[test]
    fn an_unmarked_time_outside_lists_dates_the_article_and_sections_take_the_first_name() {
        let page = r#"<ul><li><time datetime="2020-01-01">old</time></li></ul><div><time datetime="2022-02-01">1.2.2022</time></div><meta property="article:section" content="Sport,Fußball">"#;
        let m = page_meta(&Dom::parse(page), None);
        assert_eq!(m.published.as_deref(), Some("2022-02-01"));
        assert_eq!(m.section.as_deref(), Some("Sport"));
    }

    #[test]
    fn dates_are_kept_iso_or_converted_from_rfc2822() {
        assert_eq!(
            normalise_date("19.03.2019 11:45").as_deref(),
            Some("2019-03-19")
        );
        assert_eq!(normalise_date("31.02.2019"), None);
        assert_eq!(
            normalise_date(" 2024-03-05T10:00:00Z ").as_deref(),
            Some("2024-03-05T10:00:00Z")
        );
        assert_eq!(
            normalise_date("Tue, 05 Mar 2024 10:00:00 +0000").as_deref(),
            Some("2024-03-05T10:00:00+00:00")
        );
        assert_eq!(normalise_date("yesterday"), None);
    }
}
