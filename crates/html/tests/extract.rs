//! Main text, alignment and metadata on small pages written for these tests.

use newsgraph_html::{extract, extract_bytes};
use proptest::prelude::*;

const NEWS: &str = include_str!("fixtures/news_jsonld.html");
const BLOG: &str = include_str!("fixtures/blog_meta_only.html");

/// Every text byte maps into the source, and each word's source slice,
/// with the few entities used in the fixtures decoded, is the word.
fn check_alignment(src: &str, out: &newsgraph_html::Extracted) {
    let a = &out.alignment;
    assert_eq!(a.text_len(), out.text.len());
    for (start, word) in word_spans(&out.text) {
        let r = a.source_range(start..start + word.len()).expect("aligned");
        assert!(r.end <= src.len() && src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
        let decoded = decode_entities(&strip_markup(&src[r.clone()]));
        let decoded: String = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(decoded, word, "word {word:?} maps to {:?}", &src[r]);
    }
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Removes tags and comments (`<...>`) from a source slice.
fn strip_markup(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&szlig;", "ß")
        .replace("&eacute;", "é")
        .replace("&#60;", "<")
        .replace("&lt;", "<")
        .replace("&nbsp;", "\u{a0}")
}

#[test]
fn news_page_keeps_standfirst_and_body_and_drops_boilerplate() {
    let out = extract(NEWS, Some("https://daily.example/news/riverton-floods"));
    let t = &out.text;
    for keep in [
        "Flood defences hold in Riverton",
        "New barriers kept the River Wend out of the town centre",
        "The water peaked at 4.2 metres on Tuesday night",
        "said council leader Ann O'Brien.",
        "140% of the March average so far & more rain",
    ] {
        assert!(t.contains(keep), "missing {keep:?} in\n{t}");
    }
    for drop in [
        "Home",
        "cookies",
        "Photo: Tom Lane",
        "Share on Facebook",
        "Related stories",
        "Storm closes coastal road",
        "Most read",
        "Celebrity chef",
        "newsletter",
        "Impressum",
        "Minute Read",
        "5 March 2024",
    ] {
        assert!(!t.contains(drop), "kept {drop:?} in\n{t}");
    }
    // One paragraph per line, and the paragraph spans are the lines.
    assert_eq!(out.paragraphs.len(), t.lines().count());
    for (p, line) in out.paragraphs.iter().zip(t.lines()) {
        assert_eq!(&t[p.clone()], line);
    }
    assert!(!out.dropped.is_empty());
    check_alignment(NEWS, &out);
}

#[test]
fn news_page_metadata_comes_from_json_ld_and_keeps_people_only() {
    let m = extract(NEWS, None).meta;
    assert_eq!(m.title.as_deref(), Some("Flood defences hold in Riverton"));
    assert_eq!(m.authors, vec!["Maria Keller"]);
    assert_eq!(m.published.as_deref(), Some("2024-03-05T08:30:00+00:00"));
    assert_eq!(m.modified.as_deref(), Some("2024-03-06T12:00:00+00:00"));
    assert_eq!(m.site_name.as_deref(), Some("The Daily Example"));
    assert_eq!(
        m.canonical_url.as_deref(),
        Some("https://daily.example/news/riverton-floods")
    );
    assert_eq!(m.language.as_deref(), Some("en-GB"));
    assert_eq!(m.section.as_deref(), Some("Environment"));
}

#[test]
fn blog_without_containers_uses_density_and_meta_tags() {
    let out = extract(BLOG, Some("https://blog.example/kanal"));
    let t = &out.text;
    assert!(
        t.contains("Heute bin ich den alten Kanal entlang gelaufen"),
        "{t}"
    );
    assert!(
        t.contains("ließen sich von den Spaziergängern nicht stören.\nAm Ende des Weges"),
        "<br> ends a line: {t}"
    );
    assert!(
        !t.contains("Archiv") && !t.contains("Schöner Bericht") && !t.contains("Datenschutz"),
        "{t}"
    );
    check_alignment(BLOG, &out);
    let m = out.meta;
    assert_eq!(
        m.authors,
        vec!["Jens Peter Olsen"],
        "Sun October is not a person"
    );
    assert_eq!(m.published.as_deref(), Some("2023-11-02"));
    assert_eq!(m.modified, None);
    assert_eq!(m.language, None);
    assert_eq!(
        m.canonical_url.as_deref(),
        Some("https://blog.example/kanal")
    );
    assert_eq!(
        m.description.as_deref(),
        Some("Notes from a walk along the old canal.")
    );
}

#[test]
fn bytes_entry_point_decodes_declared_charset() {
    let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body><article><p>Gr\xfc\xdfe aus M\xfcnchen: die Stra\xdfenbahn f\xe4hrt wieder durch die ganze Innenstadt, meldet die Stadt.</p></article></body></html>";
    let out = extract_bytes(page, None, None);
    assert_eq!(out.encoding, "windows-1252");
    assert!(out.extracted.text.contains("Grüße aus München"));
    check_alignment(&out.source, &out.extracted);
}

#[test]
fn empty_and_hostile_input_do_not_panic() {
    for page in [
        "",
        "<",
        "<<<>>>",
        "&",
        "&#xFFFFFFFF;",
        "<p>",
        "</p></p>",
        &"<div>".repeat(5000),
        "<svg><title/>x",
        "<script>never closed",
    ] {
        let out = extract(page, None);
        assert_eq!(out.alignment.text_len(), out.text.len());
    }
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z]{1,9}".prop_map(|w| w),
        Just("&amp;".to_string()),
        Just("&eacute;t&eacute;".to_string()),
        Just("&#60;".to_string()),
        Just("caf&eacute;".to_string()),
        Just("Grüße".to_string()),
        "[ \n\t]{1,4}".prop_map(|w| w),
        Just("<b>".to_string()),
        Just("</b>".to_string()),
        Just("<br>".to_string()),
        Just("</p><p>".to_string()),
        Just("<a href='/x'>".to_string()),
        Just("</a>".to_string()),
        Just("<!-- c -->".to_string()),
    ]
}

proptest! {
    #[test]
    fn aligned_source_of_every_word_is_that_word(pieces in proptest::collection::vec(piece(), 1..80)) {
        let body: String = pieces.concat();
        let src = format!("<html><body><article><p>{body}</p></article></body></html>");
        let out = extract(&src, None);
        check_alignment(&src, &out);
    }
}

#[test]
fn paragraphs_inside_a_heading_are_body_text() {
    let page = "<article><h2 class=excerpt>Lead words here.<p>The body paragraph sits inside the heading element by mistake, and it is long enough to count.</p></h2></article>";
    let out = extract(page, None);
    assert!(
        out.text
            .contains("The body paragraph sits inside the heading"),
        "{}",
        out.text
    );
}

#[test]
fn state_classes_do_not_trigger_boilerplate_patterns() {
    let page = "<div class=\"article-header has-sharing\"><h1>Heat pumps boom</h1><p>Sales of heat pumps rose by half last year, the industry association said on Monday.</p></div>";
    let out = extract(page, None);
    assert!(
        out.text.contains("Sales of heat pumps rose"),
        "{}",
        out.text
    );
}

#[test]
fn labels_dates_and_related_lead_ins_are_dropped_but_table_numbers_stay() {
    let page = "<article><p>Release Date:</p><p>23.10.2018</p>\
        <p>The committee met for six hours and agreed on a new budget for the city's schools.</p>\
        <p>Teachers had asked for smaller classes, and the budget pays for forty new posts from September.</p>\
        <table><tr><td>2018</td><td>3.3 GB/s</td></tr></table>\
        <p>Verwandte Artikel</p><p>You might also like:</p></article>";
    let t = extract(page, None).text;
    assert!(
        t.contains("The committee met") && t.contains("2018 3.3 GB/s"),
        "{t}"
    );
    assert!(
        !t.contains("Release Date")
            && !t.contains("23.10.2018")
            && !t.contains("Verwandte")
            && !t.contains("also like"),
        "{t}"
    );
}

proptest! {
    #[test]
    fn any_input_yields_text_whose_every_byte_maps_into_the_source(
        src in "(<[a-z/!]{0,3}[ a-z=\"'&;#0-9]{0,8}>?|[a-zA-Zé& ;#<>\n]{0,12}|<article>|<p>|</p>|<br>|<script>|</script>|<svg>|<title/>){0,60}"
    ) {
        let out = extract(&src, None);
        prop_assert_eq!(out.alignment.text_len(), out.text.len());
        for (i, c) in out.text.char_indices() {
            let r = out.alignment.source_range(i..i + c.len_utf8()).expect("every char is aligned");
            prop_assert!(r.end <= src.len() && src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
        }
    }
}

#[test]
fn byline_elements_give_authors_when_no_metadata_does() {
    let page = "<article><div class=\"byline\">Von Petra Schulz und Ole Berg | 3 Min. Lesezeit</div>\
        <p>The council approved the new cycle lanes on Thursday after a long debate about parking.</p></article>";
    let m = extract(page, None).meta;
    assert_eq!(m.authors, vec!["Petra Schulz", "Ole Berg"]);
}

#[test]
fn standfirst_before_the_body_container_is_kept_and_teasers_after_it_are_not() {
    let page = r#"<html><body><div class="page"><header class="article-header">
        <h1>Floods close the valley road</h1>
        <p class="article-lead">The valley road was closed on Monday after the river burst its banks, the council said.</p>
        </header>
        <div class="article-body"><p>Water reached the first floor of several houses near the bridge by the afternoon.</p>
        <p>Engineers expect the road to reopen once the level falls below the warning mark.</p></div>
        <div class="teaser"><p>Another story about something else entirely, placed after the article.</p></div>
        </div></body></html>"#;
    let out = extract(page, None);
    assert!(
        out.text.contains("The valley road was closed on Monday"),
        "{}",
        out.text
    );
    assert!(out.text.find("The valley road").unwrap() < out.text.find("Water reached").unwrap());
    assert!(!out.text.contains("Another story"), "{}", out.text);
    check_alignment(page, &out);
}

#[test]
fn a_content_div_named_as_related_posts_is_not_the_body_container() {
    let page = r#"<html><body><div class="entry">
        <p>The museum reopened its east wing on Saturday after two years of careful restoration work.</p>
        <p>Visitors queued from early morning to see the restored ceiling paintings and the new lighting.</p>
        <div class="related-post-content"><p>Read about the west wing, which is still closed to visitors for the time being.</p></div>
        </div></body></html>"#;
    let out = extract(page, None);
    assert!(out.text.contains("east wing"), "{}", out.text);
    assert!(!out.text.contains("west wing"), "{}", out.text);
}

#[test]
fn a_page_rendered_by_scripts_takes_its_text_from_the_json_ld_article_body() {
    let para = "The harbour authority said on Friday that the new quay would open next spring after delays.";
    let body = [para; 8].join("\\n");
    let page = format!(
        r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"Quay","articleBody":"{body}"}}</script></head>
        <body><div id="app">Loading…</div></body></html>"#
    );
    let out = extract(&page, None);
    assert_eq!(out.paragraphs.len(), 8, "{}", out.text);
    assert!(out.text.starts_with("The harbour authority"));
    let r = out.alignment.source_range(0..3).expect("aligned");
    assert!(page[r].contains("articleBody"));
}

#[test]
fn a_short_article_body_does_not_replace_a_longer_page_text() {
    let out = extract(NEWS, None);
    assert!(!out.text.is_empty());
    let page = NEWS.replace(
        "</head>",
        r#"<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"Short."}</script></head>"#,
    );
    assert_eq!(extract(&page, None).text, out.text);
}
