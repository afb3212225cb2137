//! Every heuristic of the extractor, as named tables (one readable line per rule).
//!
//! The class/id patterns follow the spirit of trafilatura's `xpaths.py`
//! (body containers, discard lists), lower-cased and matched on the
//! element's `class` and `id` attributes.

/// Elements that never have children.
pub const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Elements whose content the tokenizer reads as raw text or RCDATA.
pub const RAW_TEXT_TAGS: &[&str] = &[
    "title",
    "textarea",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "script",
    "noscript",
    "plaintext",
];

/// One tree-building rule: a start tag in `opened_by` closes the nearest open
/// element named in `closes`, unless one of `boundaries` is open above it.
pub struct ImplicitClose {
    /// Whether a start tag of this name triggers the rule.
    pub opened_by: fn(&str) -> bool,
    /// Elements it closes.
    pub closes: &'static [&'static str],
    /// Elements that stop the search.
    pub boundaries: &'static [&'static str],
}

/// Block-level start tags that close an open `<p>` (HTML spec, "close a p element").
pub const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];

const SCOPE: &[&str] = &[
    "button", "table", "td", "th", "caption", "html", "template", "object", "marquee", "applet",
];

/// Every element name some [`IMPLICIT_CLOSE`] rule closes.
pub const IMPLICITLY_CLOSED: [&str; 13] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "option", "a", "head",
];

/// Elements that may stay inside `<head>`; any other start tag closes an
/// open `head` (pages that never write `</head><body>`).
pub const HEAD_CONTENT: &[&str] = &[
    "meta", "link", "title", "style", "script", "base", "noscript", "template", "object", "param",
];

/// The tag-soup rules of the tree builder.
pub const IMPLICIT_CLOSE: &[ImplicitClose] = &[
    ImplicitClose {
        opened_by: |n| !HEAD_CONTENT.contains(&n) && n != "head" && n != "html",
        closes: &["head"],
        boundaries: &[],
    },
    ImplicitClose {
        opened_by: |n| CLOSES_P.contains(&n),
        closes: &["p"],
        boundaries: SCOPE,
    },
    ImplicitClose {
        opened_by: |n| n == "li",
        closes: &["li"],
        boundaries: &[
            "ul", "ol", "menu", "table", "td", "div", "section", "article",
        ],
    },
    ImplicitClose {
        opened_by: |n| n == "dt" || n == "dd",
        closes: &["dt", "dd"],
        boundaries: &["dl", "table", "div"],
    },
    ImplicitClose {
        opened_by: |n| n == "tr",
        closes: &["tr"],
        boundaries: &["table", "tbody", "thead", "tfoot"],
    },
    ImplicitClose {
        opened_by: |n| n == "td" || n == "th",
        closes: &["td", "th"],
        boundaries: &["tr", "table"],
    },
    ImplicitClose {
        opened_by: |n| matches!(n, "tbody" | "thead" | "tfoot"),
        closes: &["tbody", "thead", "tfoot"],
        boundaries: &["table"],
    },
    ImplicitClose {
        opened_by: |n| n == "option",
        closes: &["option"],
        boundaries: &["select", "datalist"],
    },
    ImplicitClose {
        opened_by: |n| n == "a",
        closes: &["a"],
        boundaries: &["div", "p", "li", "td", "section", "article"],
    },
];

/// Subtrees whose text is never page text.
pub const NON_TEXT_TAGS: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "option", "button", "textarea", "input", "audio", "video", "map", "dialog",
    "applet", "frameset", "frame", "datalist", "label", "legend", "menu", "picture", "source",
    "title", "rp", "rt",
];

/// Subtrees that are boilerplate by their tag, as trafilatura's `MANUALLY_CLEANED`.
pub const BOILERPLATE_TAGS: &[(&str, &str)] = &[
    ("nav", "navigation"),
    ("aside", "side content"),
    ("footer", "page or article footer"),
    ("figcaption", "image caption"),
    ("time", "dates and times (bylines)"),
    ("fieldset", "form parts"),
];

/// Where a class/id pattern is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `class` or `id`.
    Any,
    /// `class` only.
    Class,
    /// `id` only.
    Id,
    /// `role`.
    Role,
}

/// How a pattern matches the (lower-cased) attribute value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Substring.
    Contains,
    /// Prefix of the whole value.
    Starts,
    /// One of the white-space separated words, exactly.
    Word,
    /// The whole value.
    Equals,
}

/// One class/id rule.
pub struct Pattern {
    /// Attribute(s).
    pub field: Field,
    /// Matching mode.
    pub how: How,
    /// Lower-case pattern.
    pub pat: &'static str,
}

const fn p(field: Field, how: How, pat: &'static str) -> Pattern {
    Pattern { field, how, pat }
}

use Field::{Any, Class, Id, Role};
use How::{Contains, Equals, Starts, Word};

/// Class words that only describe a state or a variant (`has-sharing`,
/// `is-hidden-mobile`): removed before the patterns are matched.
pub const IGNORED_CLASS_PREFIXES: &[&str] = &["has-", "with-", "is-", "no-", "js-", "u-"];

/// Boilerplate containers, dropped with their subtree wherever they are
/// (navigation, footers, related/promo links, sharing, newsletters, captions,
/// bylines and dates, comments, ads, cookie banners...).
pub const BOILERPLATE: &[Pattern] = &[
    p(Any, Contains, "footer"),
    p(Any, Contains, "related"),
    p(Any, Contains, "viral"),
    p(Any, Starts, "shar"),
    p(Any, Contains, "share-"),
    p(Any, Contains, "sharing"),
    p(Id, Contains, "share"),
    p(Any, Contains, "social"),
    p(Any, Contains, "sociable"),
    p(Any, Contains, "syndication"),
    p(Id, Starts, "jp-"),
    p(Any, Contains, "newsletter"),
    p(Any, Contains, "subscribe"),
    p(Any, Contains, "subnav"),
    p(Any, Contains, "cookie"),
    p(Any, Contains, "consent"),
    p(Any, Word, "tags"),
    p(Any, Contains, "tag-list"),
    p(Any, Contains, "taglist"),
    p(Any, Contains, "sidebar"),
    p(Any, Contains, "banner"),
    p(Class, Word, "meta"),
    p(Class, Contains, "-meta"),
    p(Class, Starts, "meta"),
    p(Any, Contains, "menu"),
    p(Id, Contains, "nav"),
    p(Class, Starts, "nav"),
    p(Class, Contains, "navigation"),
    p(Class, Contains, "navbar"),
    p(Class, Contains, "post-nav"),
    p(Role, Contains, "nav"),
    p(Any, Contains, "breadcrumb"),
    p(Any, Contains, "bread-crumb"),
    p(Any, Contains, "author"),
    p(Any, Contains, "byline"),
    p(Any, Contains, "button"),
    p(Class, Contains, "rating"),
    p(Class, Starts, "widget"),
    p(Class, Contains, "attachment"),
    p(Class, Contains, "timestamp"),
    p(Any, Contains, "dateline"),
    p(Class, Word, "date"),
    p(Class, Contains, "-date"),
    p(Class, Contains, "user-info"),
    p(Class, Contains, "user-profile"),
    p(Class, Contains, "-ad-"),
    p(Class, Word, "ad"),
    p(Class, Word, "ads"),
    p(Any, Starts, "ad-"),
    p(Any, Contains, "advert"),
    p(Any, Contains, "werbung"),
    p(Any, Contains, "anzeige"),
    p(Any, Contains, "promo"),
    p(Class, Contains, "-icon"),
    p(Class, Contains, "article-infos"),
    p(Class, Contains, "infoline"),
    p(Any, Contains, "outbrain"),
    p(Any, Contains, "taboola"),
    p(Any, Contains, "criteo"),
    p(Class, Contains, "modal"),
    p(Class, Contains, "popup"),
    p(Class, Contains, "next-post"),
    p(Class, Contains, "prev-post"),
    p(Any, Contains, "pagination"),
    p(Any, Word, "pager"),
    p(Class, Contains, "-pager"),
    p(Class, Contains, "pager-"),
    p(Class, Contains, "side-stories"),
    p(Class, Contains, "most-popular"),
    p(Any, Contains, "mostread"),
    p(Any, Contains, "most-read"),
    p(Any, Contains, "recommend"),
    p(Any, Contains, "comments"),
    p(Any, Contains, "comment-"),
    p(Any, Word, "comment"),
    p(Any, Contains, "disqus"),
    p(Any, Word, "respond"),
    p(Id, Starts, "reply-"),
    p(Class, Starts, "reply-"),
    p(Any, Contains, "signin"),
    p(Any, Contains, "login"),
    p(Any, Contains, "akismet"),
    p(Class, Contains, "caption"),
    p(Class, Contains, "credit"),
    p(Class, Contains, "copyright"),
    p(Any, Contains, "skip-link"),
    p(Any, Contains, "skiplink"),
    p(Any, Contains, "print-only"),
    p(Class, Contains, "sr-only"),
    p(Class, Contains, "visually-hidden"),
    p(Class, Contains, "screen-reader"),
    p(Class, Word, "hidden"),
    p(Class, Starts, "hide"),
    p(Any, Contains, "masthead"),
    p(Any, Contains, "toolbar"),
    p(Any, Contains, "tooltip"),
    p(Any, Contains, "carousel"),
    p(Role, Equals, "complementary"),
    p(Role, Equals, "contentinfo"),
    p(Role, Equals, "banner"),
    p(Role, Equals, "dialog"),
    // disclaimers, licence and community notices, affiliate notes
    p(Any, Contains, "disclaimer"),
    p(Any, Contains, "affiliate"),
    p(Any, Contains, "notice"),
    p(Class, Contains, "licen"),
    p(Class, Contains, "lizenz"),
    // comments and forms (German "Kommentar"), captchas
    p(Any, Contains, "kommentar"),
    p(Any, Contains, "captcha"),
    // author boxes and bios (German "Autor")
    p(Class, Contains, "-bio"),
    p(Class, Word, "bio"),
    p(Class, Contains, "saboxplugin"),
    p(Any, Contains, "autor"),
    // post metadata, image sources, calls to action, newsletters
    p(Class, Contains, "metadata"),
    p(Class, Contains, "image-source"),
    p(Class, Contains, "imagesource"),
    p(Class, Contains, "bildquelle"),
    p(Class, Starts, "cta"),
    p(Class, Contains, "-cta"),
    p(Class, Contains, "_cta"),
    p(Class, Contains, "news-letter"),
];

/// Main-content containers, tried in order (first match wins), as
/// trafilatura's `BODY_XPATH`. Only `article`, `div`, `main` and `section`
/// elements qualify.
pub const BODY_CONTAINERS: &[&[Pattern]] = &[
    &[
        p(Class, Equals, "post"),
        p(Class, Equals, "entry"),
        p(Class, Contains, "post-text"),
        p(Class, Contains, "post_text"),
        p(Class, Contains, "post-body"),
        p(Class, Contains, "post-entry"),
        p(Class, Contains, "postentry"),
        p(Class, Contains, "post-content"),
        p(Class, Contains, "post_content"),
        p(Class, Contains, "postcontent"),
        p(Class, Contains, "article-text"),
        p(Class, Contains, "articletext"),
        p(Any, Contains, "entry-content"),
        p(Any, Contains, "article-content"),
        p(Any, Contains, "article__content"),
        p(Any, Contains, "article-body"),
        p(Any, Contains, "article__body"),
        p(Any, Contains, "articlebody"),
        p(Id, Equals, "articlecontent"),
        p(Class, Contains, "articlecontent"),
        p(Class, Contains, "page-content"),
        p(Class, Contains, "text-content"),
        p(Any, Contains, "body-text"),
        p(Class, Contains, "article__container"),
        p(Any, Contains, "art-content"),
    ],
    &[
        p(Class, Contains, "post-bodycopy"),
        p(Class, Contains, "storycontent"),
        p(Class, Contains, "story-content"),
        p(Class, Equals, "postarea"),
        p(Class, Equals, "art-postcontent"),
        p(Class, Contains, "theme-content"),
        p(Class, Contains, "blog-content"),
        p(Class, Contains, "section-content"),
        p(Class, Contains, "single-content"),
        p(Class, Contains, "single-post"),
        p(Class, Contains, "main-column"),
        p(Class, Contains, "wpb_text_column"),
        p(Id, Starts, "primary"),
        p(Class, Starts, "article "),
        p(Class, Equals, "text"),
        p(Id, Equals, "article"),
        p(Class, Equals, "cell"),
        p(Id, Equals, "story"),
        p(Class, Equals, "story"),
        p(Any, Contains, "story-body"),
        p(Class, Contains, "field-body"),
        p(Class, Contains, "fulltext"),
        p(Role, Equals, "article"),
    ],
    &[
        p(Any, Contains, "content-main"),
        p(Class, Contains, "content_main"),
        p(Any, Contains, "content-body"),
        p(Id, Contains, "contentbody"),
        p(Class, Contains, "content__body"),
        p(Any, Contains, "main-content"),
        p(Id, Equals, "content"),
        p(Class, Equals, "content"),
    ],
    &[
        p(Class, Starts, "main"),
        p(Id, Starts, "main"),
        p(Role, Starts, "main"),
    ],
];

/// Standfirsts (leads, intros, summaries) that pages put just before the
/// body container, outside it; looked for among the container's nearest
/// ancestors' earlier descendants (see [`thresholds::LEAD_SEARCH_LEVELS`]).
pub const LEAD_CONTAINERS: &[Pattern] = &[
    p(Any, Contains, "standfirst"),
    p(Any, Word, "lead"),
    p(Class, Contains, "-lead"),
    p(Class, Contains, "_lead"),
    p(Class, Starts, "lead"),
    p(Class, Contains, "intro"),
    p(Class, Contains, "teaser"),
    p(Class, Contains, "summary"),
    p(Class, Contains, "excerpt"),
    p(Class, Contains, "abstract"),
    p(Class, Word, "deck"),
    p(Class, Word, "dek"),
];

/// Lower-case starts of short lines that lead into related content, sharing
/// or comments rather than belong to the article (several languages).
pub const RELATED_LINE_PREFIXES: &[&str] = &[
    "mehr zum thema",
    "mehr zu diesem thema",
    "weitere artikel",
    "weitere themen",
    "weitere aktuelle",
    "aktuelle artikel",
    "ähnliche artikel",
    "ähnliche beiträge",
    "lesen sie auch",
    "lesen sie mehr",
    "auch interessant",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "sie könnten auch",
    "themen in diesem artikel",
    "meistgelesen",
    "meist gelesen",
    "empfehlungen",
    "beiträge aus dem forum",
    "videos zum thema",
    "artikel teilen",
    "teilen sie",
    "diesen artikel teilen",
    "kommentare",
    "kommentar schreiben",
    "kommentare schreiben",
    "newsletter",
    "folgen sie uns",
    "you might also like",
    "you may also like",
    "related",
    "read more",
    "read next",
    "also read",
    "more from",
    "more stories",
    "recommended",
    "most popular",
    "most read",
    "share this",
    "share on",
    "follow us",
    "sign up for",
    "subscribe to",
    "leave a comment",
    "comments",
    "otras noticias",
    "noticias relacionadas",
    "te puede interesar",
    "lee también",
    "en savoir plus",
    "à lire aussi",
    "lire aussi",
    "sur le même sujet",
    "articoli correlati",
    "leggi anche",
    "czytaj też",
    "czytaj także",
    "zobacz też",
    "zobacz także",
    "przeczytaj również",
    "latest on",
    "argomenti",
    "weitere informationen",
    "möchten sie den artikel teilen",
    "vorschau auf den nächsten artikel",
    "nächster artikel",
    "vorheriger artikel",
    "next article",
    "previous article",
    "- anzeige",
    "anzeige",
    "werbung",
    "advertisement",
    "tags",
    "schlagwörter",
    "stichworte",
    "themen",
    "topics",
    "categories",
    "kategorien",
    "bildquelle",
    "image source",
    "photo credit",
    "foto:",
    "quelle: foto",
    "view comments",
    "der artikel wurde erfolgreich",
    "verwandte",
    "neueste artikel",
    "neueste beiträge",
    "meistdiskutiert",
    "über den autor",
    "über die autorin",
    "noch mehr",
    "zum weiterlesen",
    "bild anzeigen",
    "crédits photo",
    "(credit:",
    "credit:",
    "credits:",
    "quelle:",
    "kategorie:",
    "nos siga",
    "inhaltsverzeichnis",
    "bisherige kommentare",
    "externer inhalt",
    "weitere inhalte",
    "about the author",
    "vous aimerez aussi",
    "zobacz również",
    "empfohlene beiträge",
    "weitere pressemitteilungen",
    "mehr zu ",
    "alle artikel",
    "stay up-to-date",
    "stay up to date",
    "news date",
    "published:",
    "veröffentlicht am",
    "aktualisiert am",
    "erschienen in",
    "erschienen am",
    "schon gelesen",
    "weitere beiträge",
    "entdecke weitere",
    "aktuelle news",
    "diese beiträge",
    "highlights aus",
];

/// Short label lines (at most [`thresholds::MAX_LABEL_CHARS`]) ending with a
/// colon stand before metadata ("Veröffentlichung:", "Release Date:") when
/// nothing else is on the line.
pub const LABEL_LINE_END: char = ':';

/// Lower-case phrases that mark a short line (at most
/// [`thresholds::MAX_NOTICE_CHARS`]) as a site notice: subscriptions,
/// cookies, copyright, calls to share.
pub const NOTICE_LINE_PHRASES: &[&str] = &[
    // reading times
    "min read",
    "minute read",
    "minuten lesezeit",
    "min. lesezeit",
    "lesezeit:",
    // image credits
    "©",
    "photo:",
    "foto:",
    "bild:",
    "getty images",
    "imago images",
    "picture alliance",
    "picture-alliance",
    "dpa-bildfunk",
    "ap photo",
    "afp photo",
    "shutterstock",
    "istock",
    "subscribe",
    "subscriber",
    "subscription",
    "abonnieren",
    "abonnement",
    "abonnent",
    "newsletter",
    "cookies",
    "all rights reserved",
    "alle rechte vorbehalten",
    "copyrighted",
    "written permission",
    "recaptcha",
    "javascript",
    "if you enjoyed reading",
    "sign up",
    "log in for",
    "anmelden",
    "jetzt registrieren",
    "suscríbete",
    "hazte miembro",
    "abonnez-vous",
    "tous droits réservés",
    "teilen/diskutieren",
    "artikel teilen",
    "share this",
    "diesen beitrag teilen",
    // advertising notes, calls to follow or comment
    "enthält werbung",
    "ohne gewähr",
    "síguenos",
    "siguenos",
    "canal de telegram",
    "in den kommentaren",
    "view comments",
];

/// Characters that end a sentence (a short closing line ending so is kept).
pub const SENTENCE_ENDS: &[char] = &['.', '!', '?', '…', '"', '“', '”', '»', '«', ')', ':'];

/// Tags that can be a body container.
pub const BODY_CONTAINER_TAGS: &[&str] = &["article", "div", "main", "section"];

/// Block-level elements: each starts and ends a line of the output.
pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
    "caption",
];

/// Table cells: separated by a space within their row's line.
pub const CELL_TAGS: &[&str] = &["td", "th"];

/// Thresholds of the block classifier and the container choice.
pub mod thresholds {
    /// A block with at least this many characters of non-link text is "good" content.
    pub const GOOD_BLOCK_CHARS: usize = 60;
    /// A block whose link characters exceed this share of its text is link boilerplate.
    pub const MAX_LINK_DENSITY: f64 = 0.5;
    /// A list (ul/ol) whose items are mostly links is dropped when its link share exceeds this.
    pub const MAX_LIST_LINK_DENSITY: f64 = 0.6;
    /// Without a body container, the text comes from the deepest block holding this
    /// share of the page's good text.
    pub const MAIN_SHARE: f64 = 0.85;
    /// Class/id patterns never drop a subtree holding this share of the page's good text.
    pub const PROTECT_SHARE: f64 = 0.7;
    /// Lines longer than this (in chars) are never related-content lead-ins.
    pub const MAX_LEAD_IN_CHARS: usize = 80;
    /// How many levels the chosen container may climb to take in a headline or standfirst.
    pub const CLIMB_LEVELS: usize = 2;
    /// ... when the parent adds at most this share of the container's text,
    pub const CLIMB_MAX_EXTRA_SHARE: f64 = 0.5;
    /// ... of which at most this share in links.
    pub const CLIMB_MAX_EXTRA_LINKS: f64 = 0.3;
    /// Lines longer than this (in chars) are never site notices.
    pub const MAX_NOTICE_CHARS: usize = 250;
    /// Longest label line dropped by [`super::LABEL_LINE_END`].
    pub const MAX_LABEL_CHARS: usize = 20;
    /// Lines this short (in chars) made mostly of digits are dates, times or phone numbers.
    pub const MAX_NUMERIC_LINE_CHARS: usize = 40;
    /// ... when they have at least this many digits
    pub const MIN_NUMERIC_LINE_DIGITS: usize = 4;
    /// ... and at most this many letters.
    pub const MAX_NUMERIC_LINE_LETTERS: usize = 14;
    /// Body lines (not headings) this short before the first long line are dropped.
    pub const MAX_LEADING_SHORT_CHARS: usize = 25;
    /// Lines this short after the last long line, not ending a sentence, are dropped.
    pub const MAX_TRAILING_SHORT_CHARS: usize = 25;
    /// A body container is not one when it or one of this many ancestors has
    /// a class/id of [`super::BOILERPLATE`] ("content" inside "related-posts").
    pub const BODY_CONTAINER_BOILERPLATE_LEVELS: usize = 0;
    /// The JSON-LD `articleBody` replaces the extracted text when it has at
    /// least this many characters
    pub const ARTICLE_BODY_MIN_CHARS: usize = 500;
    /// ... and the extracted text is shorter than this share of it.
    pub const ARTICLE_BODY_SHARE: f64 = 0.5;
    /// A body container protects its ancestors from the class/id patterns
    /// only when it holds at least this much good text.
    pub const PROTECTING_BODY_MIN_CHARS: usize = 1000;
    /// How many ancestors of the chosen container are searched for a
    /// standfirst ([`super::LEAD_CONTAINERS`]) placed before it.
    pub const LEAD_SEARCH_LEVELS: usize = 4;
    /// A standfirst has at least this many characters of text
    pub const LEAD_MIN_CHARS: usize = 30;
    /// ... and at most this many (longer is a block of teasers, not a lead)
    pub const LEAD_MAX_CHARS: usize = 1500;
    /// ... of which at most this share in links.
    pub const LEAD_MAX_LINK_SHARE: f64 = 0.3;
    /// Penalty per character of link-dense text when scoring a container.
    pub const LINK_PENALTY: f64 = 1.0;
    /// A body container from [`super::BODY_CONTAINERS`] is used when its score is at
    /// least this share of the best-scoring container.
    pub const BODY_CONTAINER_MIN_SHARE: f64 = 0.5;
    /// ... and has at least this much good text.
    pub const BODY_CONTAINER_MIN_CHARS: usize = 100;
}

/// Whether `pattern` matches the element's lower-cased class, id and role.
pub fn matches(pattern: &Pattern, class: &str, id: &str, role: &str) -> bool {
    let test = |v: &str| match pattern.how {
        How::Contains => v.contains(pattern.pat),
        How::Starts => v.starts_with(pattern.pat),
        How::Word => v.split_ascii_whitespace().any(|w| w == pattern.pat),
        How::Equals => v == pattern.pat,
    };
    match pattern.field {
        Field::Any => test(class) || test(id),
        Field::Class => test(class),
        Field::Id => test(id),
        Field::Role => test(role),
    }
}

/// The first of `patterns` that matches, if any.
pub fn first_match<'a>(
    patterns: &'a [Pattern],
    class: &str,
    id: &str,
    role: &str,
) -> Option<&'a Pattern> {
    patterns.iter().find(|p| matches(p, class, id, role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_patterns_catch_sharing_and_related_but_not_articles() {
        assert!(first_match(BOILERPLATE, "share-buttons", "", "").is_some());
        assert!(first_match(BOILERPLATE, "related-posts", "", "").is_some());
        assert!(first_match(BOILERPLATE, "", "", "navigation").is_some());
        assert!(first_match(BOILERPLATE, "article-body", "story", "").is_none());
        assert!(first_match(BOILERPLATE, "headline", "", "").is_none());
    }

    #[test]
    fn word_patterns_need_the_whole_word() {
        let ad = p(Class, Word, "ad");
        assert!(matches(&ad, "box ad", "", ""));
        assert!(!matches(&ad, "heading", "", ""));
    }
}
