//! The boilerplate rules and the word lists they read. One rule per line of
//! [`RULES`]; the first rule that matches a paragraph names it.

use crate::line::Line;
use newsgraph_doc::BoilerplateKind::{self, *};

/// One boilerplate rule: its name (reported in `Boilerplate.rule`), the
/// kind it marks, and the test it applies to a paragraph.
pub struct Rule {
    pub name: &'static str,
    pub kind: BoilerplateKind,
    pub matches: fn(&Line) -> bool,
}

/// The rules, tried in order. Prefix and list rules only fire on short
/// paragraphs, so a body sentence that happens to start with "Watch" or
/// "Related" is left alone.
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    Rule { name: "advertisement-marker", kind: Advertisement, matches: |l| l.is_one_of(AD_MARKERS) },
    Rule { name: "copyright-line", kind: Furniture, matches: |l| l.words <= 30 && l.starts_with_any(COPYRIGHT_PREFIXES) },
    Rule { name: "all-rights-reserved", kind: Furniture, matches: |l| l.words <= 40 && l.contains_any(&["all rights reserved"]) },
    Rule { name: "share-buttons", kind: Furniture, matches: |l| l.is_one_of(SHARE_LINES) || (l.words <= 8 && l.starts_with_any(SHARE_PREFIXES)) },
    Rule { name: "call-to-action", kind: CallToAction, matches: |l| l.words <= 30 && l.starts_with_any(CALL_TO_ACTION_PREFIXES) },
    Rule { name: "media-credit-label", kind: Credit, matches: |l| l.words <= 40 && l.starts_with_any(CREDIT_PREFIXES) },
    Rule { name: "agency-credit-suffix", kind: Credit, matches: |l| l.words <= 40 && l.ends_with_any(CREDIT_SUFFIXES) },
    Rule { name: "wire-credit", kind: Credit, matches: |l| l.is_one_of(WIRE_CREDITS) || (l.words <= 30 && l.starts_with_any(REPORTING_CREDITS)) },
    Rule { name: "promo-live-marker", kind: Promo, matches: |l| l.promo_slot && l.words >= 4 && (l.contains_any(PROMO_MARKERS) || l.starts_with_any(PROMO_PREFIXES)) },
    Rule { name: "promo-name-colon-headline", kind: Promo, matches: |l| l.promo_slot && l.words >= 5 && l.name_colon_headline() },
    Rule { name: "promo-title-case-headline", kind: Promo, matches: |l| l.promo_slot && l.words >= 6 && !l.text.contains(['(', '[']) && l.title_case() },
];

/// A paragraph that is exactly one of these (case and trailing punctuation
/// ignored) is an advertisement marker.
pub const AD_MARKERS: &[&str] = &[
    "advertisement",
    "advert",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "sponsored by",
    "paid content",
    "paid post",
    "promoted",
    "promoted content",
    "partner content",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading below",
    "advertisement - scroll to continue",
    "scroll to continue with content",
    "skip advertisement",
];

/// Copyright lines.
pub const COPYRIGHT_PREFIXES: &[&str] = &[
    "©",
    "(c) 1",
    "(c) 2",
    "copyright ©",
    "copyright 1",
    "copyright 2",
    "copyright (c)",
];

/// Share buttons and other page furniture, as whole paragraphs.
pub const SHARE_LINES: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this page",
    "share on facebook",
    "share on twitter",
    "share on whatsapp",
    "share via email",
    "tweet",
    "email",
    "print",
    "comments",
    "copy link",
    "copy this link",
    "save",
    "close",
    "back to top",
    "skip to content",
    "skip to main content",
    "more on this story",
    "most read",
    "top stories",
    "related topics",
];

/// Beginnings of share-button rows ("Share this with Facebook Twitter").
pub const SHARE_PREFIXES: &[&str] = &["share this", "share on", "share via", "share with"];

/// Beginnings of calls to action.
pub const CALL_TO_ACTION_PREFIXES: &[&str] = &[
    "read more:",
    "read more -",
    "read more –",
    "read more about",
    "read more on",
    "read more from",
    "read next:",
    "read also:",
    "also read:",
    "related:",
    "related stories",
    "related coverage",
    "related content",
    "related articles",
    "see also:",
    "more:",
    "more from",
    "more on this:",
    "follow us on",
    "follow us at",
    "follow @",
    "follow the latest",
    "like us on",
    "sign up",
    "subscribe to",
    "subscribe now",
    "subscribe for",
    "click here",
    "tap here",
    "watch:",
    "watch live:",
    "watch more:",
    "listen:",
    "listen to the podcast",
    "download the",
    "get the latest",
    "get our",
    "don't miss:",
    "don’t miss:",
    "recommended:",
    "you may also like",
    "you might also like",
    "more stories",
    "join the conversation",
    "have your say",
    "send us your",
    "got a story?",
    "get in touch",
    "email us at",
    "for the latest",
    "catch up on",
];

/// Labels that open a photo or video credit or caption.
pub const CREDIT_PREFIXES: &[&str] = &[
    "image:",
    "images:",
    "photo:",
    "photos:",
    "picture:",
    "pictures:",
    "pic:",
    "pics:",
    "photograph:",
    "video:",
    "credit:",
    "image credit:",
    "photo credit:",
    "illustration:",
    "graphic:",
    "footage:",
    "image caption",
    "media caption",
    "image source",
    "image copyright",
    "source: getty",
    "photo by",
    "photograph by",
    "photography by",
];

/// Endings of photo credits ("… Photo: Jane Doe/Getty Images").
pub const CREDIT_SUFFIXES: &[&str] = &[
    "/getty images",
    "getty images",
    "/reuters",
    "/ap",
    "/afp",
    "/afp via getty images",
    "/ap photo",
    "/pa",
    "/pa wire",
    "pa media",
    "/epa",
    "/shutterstock",
    "shutterstock",
    "/alamy",
    "/bloomberg",
    "/anadolu agency",
    "/sopa images",
    "/epa-efe",
];

/// Wire-agency credits standing alone.
pub const WIRE_CREDITS: &[&str] = &[
    "(reuters)",
    "(ap)",
    "(afp)",
    "(upi)",
    "(cnn)",
    "(bloomberg)",
    "reuters",
    "associated press",
    "agence france-presse",
    "(dpa)",
    "(pa)",
];

/// Reporting credits at the foot of wire stories.
pub const REPORTING_CREDITS: &[&str] = &[
    "reporting by",
    "additional reporting by",
    "editing by",
    "writing by",
    "compiled by",
    "with reporting by",
    "contributing:",
    "contributed reporting",
];

/// Phrases that mark a live-blog or story promo ("– latest updates on …").
pub const PROMO_MARKERS: &[&str] = &[
    "latest updates",
    "latest news",
    "live updates",
    "live coverage",
    "live blog",
    "as it happened",
    "what we know so far",
    "in pictures",
    "in maps",
    "in charts",
    "explained:",
    "follow live",
];

/// Beginnings of promo headlines ("LIVE: …", "Analysis: …").
pub const PROMO_PREFIXES: &[&str] = &[
    "live:",
    "live updates:",
    "breaking:",
    "analysis:",
    "explainer:",
    "opinion:",
    "pictures:",
    "exclusive:",
    "revealed:",
    "in full:",
    "timeline:",
    "factbox:",
];

/// Words left lowercase in a Title Case headline.
pub const TITLE_CASE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "of", "in", "on", "at", "to",
    "by", "up", "as", "is", "it", "from", "with", "into", "over", "via", "vs", "after", "off",
    "out", "per", "than",
];

/// Characters that end a body sentence, possibly before closing quotes.
pub const SENTENCE_FINAL: &[char] = &['.', '!', '?', '…', '。', '！', '？'];

/// Closing quotes and brackets that may follow the final punctuation.
pub const TRAILING_CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];

/// Opening quotes: a paragraph that starts with one is a quotation, which
/// is body text however short.
pub const OPENING_QUOTES: &[char] = &['"', '\'', '“', '‘', '«', '„'];

/// Headline length limits, in words: promos are short.
pub const PROMO_MAX_WORDS: usize = 18;
